/* Delta charts of a comparison (plots/compare-*.png): riders per day of the
 * what-if minus the base, boardings per station with 95% intervals, and the
 * detail day's hourly waits and refusals. Drawn from the in-memory results. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "drivers/compare.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "plots/plots_draw.h"

#define RS__CMP_MAXST 64

static int rs__cmp_chart_daily(const rs_compare *c, const char *dir, const char *fmt, rs_diag *d) {
  int n = c->ndays;
  if (n < 2) return RS_OK;
  double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * sizeof *y);
  if (!x || !y) {
    free(x);
    free(y);
    return RS_ENOMEM;
  }
  double lo = 0, hi = 0, cum = 0;
  for (int i = 0; i < n; i++) {
    int32_t day = 0;
    x[i] = rs__date_parse(c->date[i], &day) == 0 ? day : i;
    y[i] = c->daily[n + i] - c->daily[i];
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
    rs__plot_line(2, zx, zy, RS__C_GREY, 1, 1);
    rs__plot_line(n, x, y, RS__C_BLUE, 1.5, 1);
    rs__plot_axes(&p);
    rs__plot_date_axis(&p, x[0], x[n - 1] + 1, 0);
    char sub[200];
    snprintf(sub, sizeof sub, "what-if minus base, mean of %d replication%s; over the period %+.0f riders",
             c->nrep, c->nrep == 1 ? "" : "s", cum);
    rs__plot_titles(&p, "Riders per day: what-if minus base", sub, NULL, "riders per day");
    rc = rs__plot_end(&p, d);
  }
  free(x);
  free(y);
  return rc;
}

static int rs__cmp_chart_stations(const rs_compare *c, const char *dir, const char *fmt,
                                  rs_diag *d) {
  int n = c->nst;
  if (n < 1) return RS_OK;
  /* Long lines: the first RS__CMP_MAXST stations (by km) are drawn. */
  double x[RS__CMP_MAXST], y[RS__CMP_MAXST], lo = 0, hi = 0;
  if (n > RS__CMP_MAXST) n = RS__CMP_MAXST;
  /* Two-line labels (Chinese over English) keep long names apart. */
  const char *lp[RS__CMP_MAXST], *lp2[RS__CMP_MAXST];
  int cjk = rs__plot_have_cjk();
  for (int i = 0; i < n; i++) {
    const rs_compare_figure *f = &c->out[rs__compare_station_first(c) + i];
    x[i] = i + 0.5;
    y[i] = f->diff;
    lo = fmin(lo, isnan(f->lo95) ? f->diff : f->lo95);
    hi = fmax(hi, isnan(f->hi95) ? f->diff : f->hi95);
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
    const rs_compare_figure *f = &c->out[rs__compare_station_first(c) + i];
    if (isnan(f->lo95)) continue;
    double ex[2] = {x[i], x[i]}, ey[2] = {f->lo95, f->hi95};
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

static int rs__cmp_chart_hourly(const rs_compare *c, const char *dir, const char *fmt,
                                rs_diag *d) {
  int h0 = rs__compare_hourly_first(c);
  double edges[RS_HOURS + 1], wb[RS_HOURS], ww[RS_HOURS], db[RS_HOURS], dw[RS_HOURS], x[RS_HOURS];
  double top = 0, dtop = 0, tb = 0, tw = 0;
  for (int h = 0; h <= RS_HOURS; h++) edges[h] = h;
  for (int h = 0; h < RS_HOURS; h++) {
    wb[h] = c->out[h0 + h].base;
    ww[h] = c->out[h0 + h].whatif;
    db[h] = c->out[h0 + RS_HOURS + h].base;
    dw[h] = c->out[h0 + RS_HOURS + h].whatif;
    x[h] = h + 0.5;
    top = fmax(top, fmax(wb[h], ww[h]));
    dtop = fmax(dtop, fmax(db[h], dw[h]));
    tb += db[h];
    tw += dw[h];
  }
  top = rs__plot_nice_max(top > 0 ? top : 1);
  /* Refusals share the axis scaled to its top: their totals are in the subtitle. */
  double k = dtop > 0 ? 0.9 * top / dtop : 0;
  for (int h = 0; h < RS_HOURS; h++) db[h] *= k, dw[h] *= k;
  rs__plot p;
  int rc = rs__plot_begin(&p, dir, "compare-hourly", fmt, d);
  if (rc != RS_OK) return rc;
  rs__plot_margins(&p, 0.08, 0.97, 0.13, 0.86);
  rs__plot_ticks(&p, 2, 0);
  rs__plot_frame(&p, 5, 24, 0, top, RS__AX_CLOCK, RS__AX_PLAIN);
  if (dtop > 0) {
    rs__plot_bars(RS_HOURS, x, db, 0.35, -0.2, RS__C_SKY);
    rs__plot_bars(RS_HOURS, x, dw, 0.35, 0.2, RS__C_VERMILION);
  }
  rs__plot_steps(RS_HOURS, edges, wb, RS__C_BLUE, 2, 1);
  rs__plot_steps(RS_HOURS, edges, ww, RS__C_ORANGE, 2, 1);
  rs__plot_axes(&p);
  rs__legend_item it[4] = {
      {"base: mean wait", RS__LEG_LINE, RS__C_BLUE, 1, 2, 0},
      {"what-if: mean wait", RS__LEG_LINE, RS__C_ORANGE, 1, 2, 0},
      {"base: refused boardings (scaled)", RS__LEG_BOX, RS__C_SKY, 1, 1, 0},
      {"what-if: refused boardings (scaled)", RS__LEG_BOX, RS__C_VERMILION, 1, 1, 0}};
  rs__plot_legend(&p, dtop > 0 ? 4 : 2, it, PL_POSITION_TOP | PL_POSITION_RIGHT);
  char sub[240];
  snprintf(sub, sizeof sub, "%s, by hour of arrival; refused boardings: base %.0f, what-if %.0f%s",
           c->detail_date[0] ? c->detail_date : "the day", tb, tw,
           dtop > 0 ? " (bar height: share of the busiest hour)" : "");
  rs__plot_titles(&p, "Detail day: mean wait by hour", sub, "hour of arrival", "minutes");
  return rs__plot_end(&p, d);
}

int rs_compare_plots(const rs_compare *c, const char *dir, const char *format, rs_diag *d) {
  if (!c) return RS_ESTATE;
  if (!format) format = "png";
  char pd[RS__PLOT_PATH];
  if (snprintf(pd, sizeof pd, "%s/plots", dir) >= (int)sizeof pd)
    return rs__diag_add(d, RS_ELIMIT, NULL, 0, 0, "%s: path too long", dir);
  if (mkdir(pd, 0777) != 0 && errno != EEXIST)
    return rs__diag_add(d, RS_EIO, NULL, 0, 0, "%s: cannot create: %s", pd, strerror(errno));
  int rc = rs__cmp_chart_daily(c, pd, format, d);
  int r2 = rs__cmp_chart_stations(c, pd, format, d);
  int r3 = rs__cmp_chart_hourly(c, pd, format, d);
  return rc ? rc : r2 ? r2 : r3;
}
