/* Delta charts of a comparison (plots/compare-*.png): riders per day of the
 * what-if minus the base, boardings per station with 95% intervals, and the
 * detail day's hourly waits and refusals. Drawn from plain series (series.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "plots/plots_charts.h"
#include "plots/series.h"
#include "plots/plots_draw.h"
#include "plots/plots_guard.h"

enum { RS__H = 24 }; /* hours of a day */

static int rs__cmp_chart_daily(const rs__compare_series *c, const char *dir, const char *fmt,
                               rs_diag *d) {
  int n = c->ndays;
  if (n < 2) return RS_OK;
  const double *x = c->day, *y = c->delta;
  double lo = 0, hi = 0, cum = 0;
  for (int i = 0; i < n; i++) {
    cum += y[i];
    lo = fmin(lo, y[i]);
    hi = fmax(hi, y[i]);
  }
  double m = rs__plot_nice_max(fmax(fabs(lo), fabs(hi)) > 0 ? fmax(fabs(lo), fabs(hi)) : 1);
  rs__plot p;
  int rc = rs__plot_begin(&p, dir, "compare-daily", fmt, d);
  if (rc == RS_OK) {
    rs__plot_margins(&p, 0.09, 0.97, 0.13, 0.86);
    rs__plot_frame(&p, x[0], x[n - 1] + 1, lo < 0 ? -m : 0, hi > 0 ? m : 0.1 * m,
                   RS__AX_NONE, RS__AX_THOUSANDS);
    rs__plot_date_axis(&p, x[0], x[n - 1] + 1, 1);
    double zx[2] = {x[0], x[n - 1] + 1}, zy[2] = {0, 0};
    rs__plot_line(n, x, y, RS__C_BLUE, 1.5, 1);
    rs__plot_line(2, zx, zy, RS__C_DARK, 1.4, 1); /* no change: the line to read against */
    rs__plot_axes(&p);
    rs__plot_date_axis(&p, x[0], x[n - 1] + 1, 0);
    char sub[200], cs[40];
    rs__plots_fmt_int(cum, cs, sizeof cs);
    snprintf(sub, sizeof sub, "what-if minus base, mean of %d replication%s; over the period %s%s riders",
             c->nrep, c->nrep == 1 ? "" : "s", cum >= 0 ? "+" : "", cs);
    rs__plot_titles(&p, "Riders per day: what-if minus base", sub, NULL, "riders per day");
    rc = rs__plot_end(&p, d);
  }
  return rc;
}

static int rs__cmp_chart_stations(const rs__compare_series *c, const char *dir, const char *fmt,
                                  rs_diag *d) {
  int n = c->nst;
  if (n < 1) return RS_OK;
  /* Long lines: the first RS__PLOT_CMP_MAXST stations (by km) are drawn. */
  double x[RS__PLOT_CMP_MAXST], y[RS__PLOT_CMP_MAXST], lo = 0, hi = 0;
  if (n > RS__PLOT_CMP_MAXST) n = RS__PLOT_CMP_MAXST;
  /* Two-line labels (Chinese over English) keep long names apart. */
  const char *lp[RS__PLOT_CMP_MAXST], *lp2[RS__PLOT_CMP_MAXST];
  int cjk = rs__plot_have_cjk();
  for (int i = 0; i < n; i++) {
    x[i] = i + 0.5;
    y[i] = c->st_diff[i];
    lo = fmin(lo, isnan(c->st_lo95[i]) ? c->st_diff[i] : c->st_lo95[i]);
    hi = fmax(hi, isnan(c->st_hi95[i]) ? c->st_diff[i] : c->st_hi95[i]);
    int zh = cjk && c->st_zh[i][0];
    lp[i] = zh ? c->st_zh[i] : c->st_en[i][0] ? c->st_en[i] : c->st_id[i];
    lp2[i] = zh ? c->st_en[i] : NULL;
  }
  double m = rs__plot_nice_max(fmax(fabs(lo), fabs(hi)) > 0 ? fmax(fabs(lo), fabs(hi)) : 1);
  rs__plot p;
  int rc = rs__plot_begin(&p, dir, "compare-stations", fmt, d);
  if (rc != RS_OK) return rc;
  rs__plot_margins(&p, 0.09, 0.97, 0.16, 0.86);
  rs__plot_frame(&p, 0, n, lo < 0 ? -m : 0, hi > 0 ? m : 0.1 * m, RS__AX_NONE, RS__AX_THOUSANDS);
  rs__plot_bars(n, x, y, 0.6, 0, RS__C_BLUE);
  for (int i = 0; i < n; i++) {
    if (isnan(c->st_lo95[i])) continue;
    double ex[2] = {x[i], x[i]}, ey[2] = {c->st_lo95[i], c->st_hi95[i]};
    rs__plot_line(2, ex, ey, RS__C_DARK, 2, 1);
  }
  double zx[2] = {0, n}, zy[2] = {0, 0};
  rs__plot_line(2, zx, zy, RS__C_GREY, 1, 1);
  rs__plot_axes(&p);
  rs__plot_xticks(&p, n, x, lp, lp2);
  char sub[200];
  snprintf(sub, sizeof sub, "what-if minus base, mean of %d replication%s%s", c->nrep,
           c->nrep == 1 ? "" : "s", c->nrep > 1 ? ", bars: 95% interval" : "");
  rs__plot_titles(&p, "Boardings per day by station: what-if minus base", sub, NULL,
                  "boardings per day");
  return rs__plot_end(&p, d);
}

/* Waits as steps over the hours someone waited (a wait of 0 outside service is
 * no wait at all, not a short one): one step line per run of such hours. */
static void wait_steps(const double *edges, const double *w, const double *other, int color) {
  for (int a = 0; a < RS__H;) {
    if (!(w[a] > 0 || other[a] > 0)) {
      a++;
      continue;
    }
    int b = a;
    while (b + 1 < RS__H && (w[b + 1] > 0 || other[b + 1] > 0)) b++;
    rs__plot_steps(b - a + 1, edges + a, w + a, color, 2, 1);
    a = b + 1;
  }
}

static int rs__cmp_chart_hourly(const rs__compare_series *c, const char *dir, const char *fmt,
                                rs_diag *d) {
  double edges[RS__H + 1], wb[RS__H], ww[RS__H], db[RS__H], dw[RS__H], x[RS__H];
  double top = 0, dtop = 0, tb = 0, tw = 0;
  int na = 1; /* no wait computed (expected-value mode: NaN, not 0) */
  for (int h = 0; h <= RS__H; h++) edges[h] = h;
  for (int h = 0; h < RS__H; h++) {
    wb[h] = c->wait_base[h];
    ww[h] = c->wait_whatif[h];
    db[h] = c->denied_base[h];
    dw[h] = c->denied_whatif[h];
    x[h] = h + 0.5;
    if (!isnan(wb[h]) || !isnan(ww[h])) na = 0;
    top = fmax(top, fmax(wb[h], ww[h]));
    dtop = fmax(dtop, fmax(db[h], dw[h]));
    tb += db[h];
    tw += dw[h];
  }
  top = rs__plot_nice_max(top > 0 ? top : 1);
  /* Refusals share the axis scaled to its top: their totals are in the subtitle. */
  double k = dtop > 0 ? 0.9 * top / dtop : 0;
  for (int h = 0; h < RS__H; h++) db[h] *= k, dw[h] *= k;
  rs__plot p;
  int rc = rs__plot_begin(&p, dir, "compare-hourly", fmt, d);
  if (rc != RS_OK) return rc;
  rs__plot_margins(&p, 0.08, 0.97, 0.13, 0.86);
  rs__plot_ticks(&p, 2, 0);
  rs__plot_frame(&p, 5, 24, 0, top, RS__AX_CLOCK, RS__AX_PLAIN);
  if (dtop > 0) {
    rs__plot_bars(RS__H, x, db, 0.35, -0.2, RS__C_SKY);
    rs__plot_bars(RS__H, x, dw, 0.35, 0.2, RS__C_VERMILION);
  }
  wait_steps(edges, wb, ww, RS__C_BLUE);
  wait_steps(edges, ww, wb, RS__C_ORANGE);
  rs__plot_axes(&p);
  rs__legend_item it[4] = {
      {"base: mean wait", RS__LEG_LINE, RS__C_BLUE, 1, 2, 0},
      {"what-if: mean wait", RS__LEG_LINE, RS__C_ORANGE, 1, 2, 0},
      {"base: refused boardings (scaled)", RS__LEG_BOX, RS__C_SKY, 1, 1, 0},
      {"what-if: refused boardings (scaled)", RS__LEG_BOX, RS__C_VERMILION, 1, 1, 0}};
  rs__plot_legend(&p, dtop > 0 ? 4 : 2, it, PL_POSITION_TOP | PL_POSITION_RIGHT);
  char sub[240];
  snprintf(sub, sizeof sub, "%s, by hour of arrival; refused boardings: base %.0f, what-if %.0f%s%s",
           c->detail_date && c->detail_date[0] ? c->detail_date : "the day", tb, tw,
           dtop > 0 ? " (bar height: share of the busiest hour)" : "",
           na ? "; waits n/a (expected-value mode)" : "");
  rs__plot_titles(&p, "Detail day: mean wait by hour", sub, "hour of arrival", "minutes");
  return rs__plot_end(&p, d);
}

typedef struct {
  const rs__compare_series *s;
  const char *pd, *format;
} rs__cmp_job;

static int rs__cmp_charts(const void *arg, rs_diag *d) {
  const rs__cmp_job *j = arg;
  int rc = rs__cmp_chart_daily(j->s, j->pd, j->format, d);
  int r2 = rs__cmp_chart_stations(j->s, j->pd, j->format, d);
  int r3 = rs__cmp_chart_hourly(j->s, j->pd, j->format, d);
  return rc ? rc : r2 ? r2 : r3;
}

/* The three charts, PLplot's fatal errors returned (plots_guard.h). */
int rs__plot_compare(const rs__compare_series *s, const char *pd, const char *format,
                     rs_diag *d) {
  rs__cmp_job job = {s, pd, format};
  return rs__plot_guarded(rs__cmp_charts, &job, d);
}
