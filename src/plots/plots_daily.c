/* daily.png (riders per day, 7-day mean, holidays, observed figures) and
 * cumulative.png (cumulative riders, observed cumulative marks). */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "plots/plots_charts.h"

/* Observed figures from observed.csv, by kind. */
typedef struct obs {
  int n;
  double *start, *end, *value, *sim; /* dates as days; sim NAN when absent */
  char *kind;                        /* 'd'ay, 't'otal, 'm'ean, 'c'umulative, 'p'eak */
  char *bound;                       /* 'l'ower ("more than"), 'u'pper, 'n'one */
} obs;

static void obs_free(obs *o) {
  free(o->start);
  free(o->kind);
  free(o->bound);
}

static int obs_load(const rs__plots_ctx *c, obs *o, rs_diag *d) {
  memset(o, 0, sizeof *o);
  rs__csvtable *t;
  int rc = rs__plots_load(c, "observed.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  int ck, cs, ce, cv, cm, cb;
  if ((rc = rs__csvtable_need(t, "kind", &ck, d)) || (rc = rs__csvtable_need(t, "start", &cs, d)) ||
      (rc = rs__csvtable_need(t, "end", &ce, d)) || (rc = rs__csvtable_need(t, "observed", &cv, d)))
    goto out;
  cm = rs__csvtable_col(t, "simulated");
  cb = rs__csvtable_col(t, "bound");
  size_t n = (size_t)t->nrow + 1;
  o->start = malloc(n * 4 * sizeof(double));
  o->kind = malloc(n);
  o->bound = malloc(n);
  if (!o->start || !o->kind || !o->bound) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  o->end = o->start + n, o->value = o->end + n, o->sim = o->value + n;
  for (int r = 0; r < t->nrow; r++) {
    const char *k = rs__csvtable_str(t, r, ck);
    int ds, de = 0;
    double v, s = NAN;
    if (!strcmp(k, "purpose_share") || !strcmp(k, "mode_share")) continue; /* not riders a day */
    if (strcmp(k, "day") && strcmp(k, "total") && strcmp(k, "mean") && strcmp(k, "cumulative") &&
        strcmp(k, "peak")) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], t->col0[(size_t)r * (size_t)t->ncol + (size_t)ck],
                        "column 'kind': '%.40s' is not day, total, mean, cumulative, peak, "
                        "purpose_share or mode_share", k);
      goto out;
    }
    if ((rc = rs__csvtable_date(t, r, cs, &ds, d))) goto out;
    if (rs__csvtable_str(t, r, ce)[0] == '\0') de = ds;
    else if ((rc = rs__csvtable_date(t, r, ce, &de, d))) goto out;
    if ((rc = rs__csvtable_num(t, r, cv, 0, &v, d))) goto out;
    if (cm >= 0 && (rc = rs__csvtable_num(t, r, cm, 1, &s, d))) goto out;
    if (de < ds) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0, "end date before start date");
      goto out;
    }
    int i = o->n++;
    o->kind[i] = k[0];
    o->bound[i] = cb >= 0 && rs__csvtable_str(t, r, cb)[0] ? rs__csvtable_str(t, r, cb)[0] : 'n';
    o->start[i] = ds, o->end[i] = de, o->value[i] = v, o->sim[i] = s;
  }
out:
  if (rc != RS_OK) obs_free(o), memset(o, 0, sizeof *o);
  rs__csvtable_free(t);
  return rc;
}

static int is_holiday(const char *t) {
  return strcmp(t, "holiday") == 0 || strcmp(t, "public_holiday") == 0;
}

static void span_text(double d0, double d1, int n, double total, char *buf, size_t size) {
  char a[16], b[16], tot[40];
  rs__date_format((int32_t)d0, a);
  rs__date_format((int32_t)d1, b);
  rs__plots_fmt_int(total, tot, sizeof tot);
  snprintf(buf, size, "%s to %s, %d days, %s riders in all", a, b, n, tot);
}

/* Shaded spans of the days of type IS (runs of consecutive days); their number. */
static int shade_runs(rs__plot *p, int n, const double *x, const char *const *dtype,
                      int (*is)(const char *), int color) {
  int runs = 0;
  for (int i = 0; i < n;) {
    if (!is(dtype[i])) {
      i++;
      continue;
    }
    int j = i;
    while (j + 1 < n && is(dtype[j + 1]) && x[j + 1] == x[j] + 1) j++;
    rs__plot_span_x(p, x[i] - 0.5, x[j] + 0.5, color);
    runs++;
    i = j + 1;
  }
  return runs;
}

static int is_spring(const char *t) { return strcmp(t, "spring_festival") == 0; }

/* Observed figures: a value as a mark or a period's mean as a bar; a "more than"
 * (or "less than") figure is a bound, not a target: dashed, with an open mark. */
static void draw_observed(const obs *o, int *nday, int *nper, int *nbound) {
  for (int i = 0; i < o->n; i++) {
    double v = o->value[i];
    int bound = o->bound[i] == 'l' || o->bound[i] == 'u';
    if (o->kind[i] == 't') v /= (o->end[i] - o->start[i] + 1);
    if (o->kind[i] == 't' || o->kind[i] == 'm') {
      double sx[2] = {o->start[i] - 0.5, o->end[i] + 0.5}, sy[2] = {v, v};
      rs__plot_line(2, sx, sy, bound ? RS__C_GREY : RS__C_VERMILION, bound ? 2.2 : 3.0,
                    bound ? 2 : 1);
      *(bound ? nbound : nper) += 1;
    } else if (o->kind[i] == 'd' || o->kind[i] == 'p') {
      rs__plot_points(1, &o->start[i], &v, bound ? RS__C_GREY : RS__C_VERMILION, 1, 1.3);
      *(bound ? nbound : nday) += 1;
    }
  }
}

/* Means over WINDOW days centred on each day (the window shrinks at the ends). */
static void centred_mean(int n, const double *y, int window, double *out) {
  int h = window / 2;
  for (int i = 0; i < n; i++) {
    int a = i - h < 0 ? 0 : i - h, b = i + h >= n ? n - 1 : i + h;
    double s = 0;
    for (int j = a; j <= b; j++) s += y[j];
    out[i] = s / (b - a + 1);
  }
}

/* Subtitle: the span, and a word when holidays stop long before the end (the
 * calendar's years are over: later holidays are unknown, not absent). */
static void daily_subtitle(int n, const double *x, const double *y, const char *const *dtype,
                           int lng, char *sub, size_t size) {
  double total = 0, lasthol = -1;
  for (int i = 0; i < n; i++) {
    total += y[i];
    if (is_holiday(dtype[i])) lasthol = x[i];
  }
  span_text(x[0], x[n - 1], n, total, sub, size);
  size_t k = strlen(sub);
  if (lng && k < size) snprintf(sub + k, size - k, "; 7-day and 30-day means");
  k = strlen(sub);
  if (lasthol >= 0 && x[n - 1] - lasthol > 400 && k < size) {
    int yy, m, dd;
    rs__civil_from_days((int32_t)lasthol, &yy, &m, &dd);
    snprintf(sub + k, size - k, "; no holidays after %d: the calendar ends", yy);
  }
}

static int draw_daily(const rs__plots_ctx *c, int n, const double *x, const double *y,
                      const double *mean, const char *const *dtype, const char *const *season,
                      const obs *o, rs_diag *d) {
  rs__plot p;
  int rc = rs__plot_begin(&p, c->plots_dir, "daily", c->format, d);
  if (rc) return rc;
  int lng = n > 1100; /* over three years a daily line is a solid band: means instead */
  double *month = lng ? malloc((size_t)n * sizeof *month) : NULL;
  if (lng && !month) lng = 0;
  if (lng) centred_mean(n, y, 31, month);
  double ymax = 0;
  for (int i = 0; i < n; i++) ymax = fmax(ymax, lng ? mean[i] : y[i]);
  for (int i = 0; i < o->n; i++) {
    if (o->end[i] < x[0] || o->start[i] > x[n - 1]) continue;
    if (o->kind[i] == 'd' || o->kind[i] == 'p' || o->kind[i] == 'm') ymax = fmax(ymax, o->value[i]);
    if (o->kind[i] == 't') ymax = fmax(ymax, o->value[i] / (o->end[i] - o->start[i] + 1));
  }
  double x0 = x[0] - 0.5, x1 = x[n - 1] + 0.5;
  rs__plot_frame(&p, x0, x1, 0, rs__plot_nice_max(ymax * 1.3), RS__AX_NONE, RS__AX_THOUSANDS);
  rs__plot_date_axis(&p, x0, x1, 1);
  int nhol = shade_runs(&p, n, x, dtype, is_holiday, RS__C_SHADE);
  int nsf = shade_runs(&p, n, x, season, is_spring, RS__C_SHADE2);
  if (!lng) rs__plot_line(n, x, y, RS__C_SKY, 1.0, 1);
  rs__plot_line(n, x, mean, lng ? RS__C_SKY : RS__C_BLUE, lng ? 1.0 : 2.6, 1);
  if (lng) rs__plot_line(n, x, month, RS__C_BLUE, 2.6, 1);
  free(month);
  int nday = 0, nper = 0, nbound = 0;
  draw_observed(o, &nday, &nper, &nbound);
  rs__plot_axes(&p);
  rs__plot_date_axis(&p, x0, x1, 0);
  char sub[300];
  daily_subtitle(n, x, y, dtype, lng, sub, sizeof sub);
  rs__plot_titles(&p, "Daily ridership", sub, NULL, "riders per day");
  rs__legend_item it[8];
  int k = 0;
  if (!lng) it[k++] = (rs__legend_item){"riders per day", RS__LEG_LINE, RS__C_SKY, 1, 1.5, 0};
  it[k++] = (rs__legend_item){"7-day centred mean", RS__LEG_LINE, lng ? RS__C_SKY : RS__C_BLUE, 1,
                              lng ? 1.5 : 2.6, 0};
  if (lng) it[k++] = (rs__legend_item){"30-day centred mean", RS__LEG_LINE, RS__C_BLUE, 1, 2.6, 0};
  if (nhol) it[k++] = (rs__legend_item){"public holiday", RS__LEG_BOX, RS__C_SHADE, 1, 1, 0};
  if (nsf) it[k++] = (rs__legend_item){"Spring Festival travel season", RS__LEG_BOX, RS__C_SHADE2, 1, 1, 0};
  if (nday) it[k++] = (rs__legend_item){"observed day", RS__LEG_POINT, RS__C_VERMILION, 1, 1, 1};
  if (nper) it[k++] = (rs__legend_item){"observed mean of a period", RS__LEG_LINE, RS__C_VERMILION, 1, 3, 0};
  if (nbound) it[k++] = (rs__legend_item){"observed bound (\"more than\")", RS__LEG_LINE, RS__C_GREY, 2, 2.2, 0};
  rs__plot_legend(&p, k, it, PL_POSITION_TOP | PL_POSITION_RIGHT);
  return rs__plot_end(&p, d);
}

static int draw_cumulative(const rs__plots_ctx *c, int n, const double *x, const double *cum,
                           const obs *o, rs_diag *d) {
  rs__plot p;
  int rc = rs__plot_begin(&p, c->plots_dir, "cumulative", c->format, d);
  if (rc) return rc;
  double ymax = cum[n - 1];
  for (int i = 0; i < n; i++) ymax = fmax(ymax, cum[i]);
  for (int i = 0; i < o->n; i++)
    if (o->kind[i] == 'c') ymax = fmax(ymax, o->value[i] / 1e6);
  double x0 = x[0] - 0.5, x1 = x[n - 1] + 0.5;
  rs__plot_frame(&p, x0, x1, 0, rs__plot_nice_max(ymax * 1.1), RS__AX_NONE, RS__AX_PLAIN);
  rs__plot_date_axis(&p, x0, x1, 1);
  rs__plot_line(n, x, cum, RS__C_BLUE, 2.6, 1);
  int nobs = 0;
  for (int i = 0; i < o->n; i++) {
    if (o->kind[i] != 'c') continue;
    double v = o->value[i] / 1e6, xe = o->end[i];
    char lab[160], date[16];
    rs__date_format((int32_t)xe, date);
    if (isfinite(o->sim[i]))
      snprintf(lab, sizeof lab, "observed %.2f M by %s (model %.2f M)", v, date, o->sim[i] / 1e6);
    else
      snprintf(lab, sizeof lab, "observed %.2f M by %s", v, date);
    double gx[2] = {xe, xe}, gy[2] = {0, v};
    rs__plot_line(2, gx, gy, RS__C_GREY, 1.0, 2);
    rs__plot_points(1, &xe, &v, RS__C_VERMILION, 1, 1.5);
    /* Label to the right of the mark unless it is in the right third. */
    int right = xe < x0 + 0.65 * (x1 - x0);
    rs__plot_text(xe + (right ? 1 : -1) * 0.012 * (x1 - x0), v, right ? 0.0 : 1.0, 1.0,
                  RS__C_FG, lab);
    nobs++;
  }
  rs__plot_axes(&p);
  rs__plot_date_axis(&p, x0, x1, 0);
  char sub[200];
  span_text(x[0], x[n - 1], n, cum[n - 1] * 1e6, sub, sizeof sub);
  rs__plot_titles(&p, "Cumulative riders", sub, NULL, "riders since the first day (millions)");
  rs__legend_item it[2];
  int k = 0;
  it[k++] = (rs__legend_item){"simulated", RS__LEG_LINE, RS__C_BLUE, 1, 2.6, 0};
  if (nobs) it[k++] = (rs__legend_item){"observed", RS__LEG_POINT, RS__C_VERMILION, 1, 1, 1};
  rs__plot_legend(&p, k, it, PL_POSITION_TOP | PL_POSITION_LEFT);
  return rs__plot_end(&p, d);
}

int rs__chart_daily(const rs__plots_ctx *c, rs_diag *d) {
  rs__csvtable *t;
  int rc = rs__plots_load(c, "daily.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  int cd, ct, cr, cc, cs;
  double *buf = NULL;
  const char **dtype = NULL, **season = NULL;
  obs o = {0};
  if ((rc = rs__csvtable_need(t, "date", &cd, d)) || (rc = rs__csvtable_need(t, "day_type", &ct, d)) ||
      (rc = rs__csvtable_need(t, "riders", &cr, d)) ||
      (rc = rs__csvtable_need(t, "cumulative", &cc, d)))
    goto out;
  cs = rs__csvtable_col(t, "season");
  int n = t->nrow;
  if (n == 0) goto out; /* nothing to draw */
  buf = malloc((size_t)n * 4 * sizeof *buf);
  dtype = malloc((size_t)n * sizeof *dtype);
  season = malloc((size_t)n * sizeof *season);
  if (!buf || !dtype || !season) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  double *x = buf, *y = buf + n, *mean = buf + 2 * n, *cum = buf + 3 * n;
  for (int r = 0; r < n; r++) {
    int day;
    if ((rc = rs__csvtable_date(t, r, cd, &day, d)) || (rc = rs__csvtable_num(t, r, cr, 0, &y[r], d)) ||
        (rc = rs__csvtable_num(t, r, cc, 0, &cum[r], d)))
      goto out;
    x[r] = day;
    cum[r] /= 1e6;
    dtype[r] = rs__csvtable_str(t, r, ct);
    /* the Spring Festival season: its own column since calendars have seasons,
     * a day type in the files of earlier versions */
    season[r] = cs >= 0 ? rs__csvtable_str(t, r, cs) : dtype[r];
    if (r > 0 && x[r] <= x[r - 1]) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0, "dates must increase");
      goto out;
    }
  }
  centred_mean(n, y, 7, mean);
  if ((rc = obs_load(c, &o, d))) goto out;
  int r1 = draw_daily(c, n, x, y, mean, dtype, season, &o, d);
  int r2 = draw_cumulative(c, n, x, cum, &o, d);
  rc = r1 ? r1 : r2;
out:
  obs_free(&o);
  free(buf);
  free(dtype);
  free(season);
  rs__csvtable_free(t);
  return rc;
}
