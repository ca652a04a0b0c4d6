/* Charts drawn from plain series, for the layers above (drivers, sweep): the
 * plots layer sees numbers and labels, never a driver's structs. Each function
 * writes DIR/NAME.FORMAT and returns RS_OK or a negative code (message in D). */
#ifndef RS__PLOTS_SERIES_H
#define RS__PLOTS_SERIES_H
#include <stdint.h>
#include "ridersim/ridersim.h"

/* Longest path of a chart file or plots folder. */
#define RS__PLOT_PATH_MAX 1100

/* Forecast fan: N days from START (days since 1970-01-01), Q[day * 5 + k] the
 * p5, p25, p50, p75, p95 of daily riders over NDRAWS draws, or of cumulative riders
 * when CUMULATIVE. */
int rs__plot_fan(int n, int32_t start, const double *q, int ndraws, const char *dir,
                 const char *format, int cumulative, rs_diag *d);

/* What-if minus base (plots/compare-*.png). */
#define RS__PLOT_CMP_MAXST 64
typedef struct rs__compare_series {
  int nrep;
  int ndays;
  const double *day;                  /* x: date as days since 1970-01-01 (or the index) */
  const double *delta;                /* riders per day, what-if minus base */
  int nst;                            /* stations drawn (at most RS__PLOT_CMP_MAXST) */
  double st_diff[RS__PLOT_CMP_MAXST], st_lo95[RS__PLOT_CMP_MAXST], st_hi95[RS__PLOT_CMP_MAXST];
  const char *st_id[RS__PLOT_CMP_MAXST], *st_zh[RS__PLOT_CMP_MAXST], *st_en[RS__PLOT_CMP_MAXST];
  double wait_base[24], wait_whatif[24];      /* minutes, by hour of arrival */
  double denied_base[24], denied_whatif[24];  /* refused boardings, by hour */
  const char *detail_date;            /* "" for a dateless day */
} rs__compare_series;
/* compare-daily, compare-stations and compare-hourly into DIR (a plots folder). */
int rs__plot_compare(const rs__compare_series *s, const char *dir, const char *format,
                     rs_diag *d);

/* Sweep charts: a tornado of K parameters (LABELS, values A and optionally B), and
 * a heatmap of Z[y * nx + x] over a two-parameter grid. */
int rs__plot_tornado(const char *dir, const char *name, const char *format, const char *title,
                     const char *subtitle, int k, const char *const *labels, const double *a,
                     const double *b, const char *alabel, const char *blabel, rs_diag *d);
int rs__plot_sweep_heatmap(const char *dir, const char *name, const char *format,
                           const char *title, const char *xname, const char *yname, int nx,
                           const double *xv, int ny, const double *yv, const double *z,
                           const char *zname, rs_diag *d);
#endif
