/* Fan charts of a forecast: the median with the 50% and 90% bands, of daily
 * riders (forecast_daily) or cumulative riders (forecast_cumulative). */
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include "base/diag.h"
#include "ridersim/forecast.h"
#include "plots/series.h"
#include "plots/plots_draw.h"

/* Over a long forecast the daily band is a slab of weekday/weekend swings: each
 * quantile is shown as its centred 7-day mean instead (said in the subtitle). */
static double rs__fan_q(int n, const double *q, int i, int k, int smooth) {
  if (!smooth) return q[i * RS_FC_NQ + k];
  int a = i - 3 < 0 ? 0 : i - 3, z = i + 3 >= n ? n - 1 : i + 3;
  double s = 0;
  for (int j = a; j <= z; j++) s += q[j * RS_FC_NQ + k];
  return s / (z - a + 1);
}

int rs__plot_fan(int n, int32_t start, const double *q, int ndraws, const char *dir,
                 const char *format, int cumulative, rs_diag *d) {
  if (n < 1) return RS_OK;
  int smooth = !cumulative && n > 120;
  double scale = cumulative ? 1e-6 : 1;
  double *x = malloc((size_t)n * 6 * sizeof *x);
  if (!x) return rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
  double *y[RS_FC_NQ];
  double ymax = 0;
  for (int k = 0; k < RS_FC_NQ; k++) y[k] = x + (size_t)n * (size_t)(k + 1);
  for (int i = 0; i < n; i++) {
    x[i] = start + i;
    for (int k = 0; k < RS_FC_NQ; k++) y[k][i] = rs__fan_q(n, q, i, k, smooth) * scale;
    if (y[4][i] > ymax) ymax = y[4][i];
  }
  rs__plot p;
  int rc = rs__plot_begin(&p, dir, cumulative ? "forecast_cumulative" : "forecast_daily", format, d);
  if (rc) {
    free(x);
    return rc;
  }
  double x0 = x[0] - 0.5, x1 = x[n - 1] + 0.5;
  rs__plot_frame(&p, x0, x1, 0, rs__plot_nice_max(ymax * 1.1), RS__AX_NONE,
                 cumulative ? RS__AX_PLAIN : RS__AX_THOUSANDS);
  rs__plot_date_axis(&p, x0, x1, 1);
  rs__plot_band(n, x, y[0], y[4], RS__C_BAND);
  rs__plot_band(n, x, y[1], y[3], RS__C_SKY); /* 50%: darker than the 90% band */
  rs__plot_line(n, x, y[2], RS__C_BLUE, 2.2, 1);
  rs__plot_axes(&p);
  rs__plot_date_axis(&p, x0, x1, 0);
  char sub[160];
  char nd[32] = "";
  if (ndraws > 0) snprintf(nd, sizeof nd, "%d draws: ", ndraws);
  snprintf(sub, sizeof sub, "%smedian, 50%% and 90%% intervals%s", nd,
           smooth ? " (each a centred 7-day mean)" : "");
  rs__plot_titles(&p, cumulative ? "Forecast: cumulative riders" : "Forecast: riders per day", sub,
                  NULL, cumulative ? "riders since the first day (millions)" : "riders per day");
  rs__legend_item it[3] = {
      {"median", RS__LEG_LINE, RS__C_BLUE, 1, 2.2, 0},
      {"50% interval", RS__LEG_BOX, RS__C_SKY, 1, 1, 0},
      {"90% interval", RS__LEG_BOX, RS__C_BAND, 1, 1, 0},
  };
  rs__plot_legend(&p, 3, it, PL_POSITION_TOP | PL_POSITION_LEFT);
  free(x);
  return rs__plot_end(&p, d);
}
