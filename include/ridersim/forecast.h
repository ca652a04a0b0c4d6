/*
 * ridersim forecast: Monte Carlo over parameter uncertainty (the scenario's
 * `uncertainty:` section and/or a calibration's covariance) and day-to-day
 * random variation, to a date. Draws run on threads; results are identical
 * for any thread count. See docs/forecast.md.
 */
#ifndef RIDERSIM_FORECAST_H
#define RIDERSIM_FORECAST_H

#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rs_forecast_options {
  const char *scenario;            /* NULL: the built-in baseline */
  const char *const *sets;         /* --set overrides, applied to every draw */
  size_t nsets;
  const char *until;               /* YYYY-MM-DD: the period is extended (or cut) to it */
  int draws;                       /* Monte Carlo draws (default 200) */
  int threads;                     /* worker threads (default 1) */
  int engine;                      /* 1: the full engine per draw (slow); 0: expected
                                      mode + Poisson day noise (default) */
  double day_cv;                   /* extra lognormal day-to-day noise, coefficient of
                                      variation (default 0: Poisson only) */
  const char *calibration;         /* a `ridersim calibrate` output directory, or NULL */
  rs_progress *progress;           /* NULL, or counts each finished draw */
  const char *milestones;          /* "5e6,10e6": cumulative riders to date; NULL: the
                                      four largest of 1, 2, 5 x 10^k up to the median
                                      draw's final cumulative riders */
} rs_forecast_options;
void rs_forecast_options_default(rs_forecast_options *o);

typedef struct rs_forecast rs_forecast;
int rs_forecast_run(const rs_forecast_options *o, rs_forecast **out, rs_diag *d);
void rs_forecast_free(rs_forecast *f);

#define RS_FC_NQ 5   /* quantiles p5, p25, p50, p75, p95 */
extern const double rs_forecast_quantiles[RS_FC_NQ];

typedef struct rs_forecast_day {
  char date[11];
  double daily[RS_FC_NQ], cumulative[RS_FC_NQ];
} rs_forecast_day;
int rs_forecast_days(const rs_forecast *f);
int rs_forecast_day_get(const rs_forecast *f, int i, rs_forecast_day *out);

/* The dates on which cumulative riders pass THRESHOLD: quantiles over the
 * draws; "" where that share of draws has not passed it by the last day. */
typedef struct rs_forecast_milestone {
  double threshold;
  double reached;                  /* share of draws that pass it by the last day */
  char date[RS_FC_NQ][11];
} rs_forecast_milestone;
int rs_forecast_milestones(const rs_forecast *f);
int rs_forecast_milestone_get(const rs_forecast *f, int i, rs_forecast_milestone *out);

/* Mean daily riders of each calendar year (the days of it in the period). */
typedef struct rs_forecast_year {
  int year, days;
  double mean[RS_FC_NQ];
} rs_forecast_year;
int rs_forecast_years(const rs_forecast *f);
int rs_forecast_year_get(const rs_forecast *f, int i, rs_forecast_year *out);

/* The uncertain parameters the draws sampled, and their sample mean and sd. */
typedef struct rs_forecast_param {
  const char *key, *source;        /* source: "uncertainty" or "calibration" */
  double mean, sd;
} rs_forecast_param;
int rs_forecast_params(const rs_forecast *f);
int rs_forecast_param_get(const rs_forecast *f, int i, rs_forecast_param *out);

/* Each observed figure of the scenario against the draws: its p5..p95 band,
 * whether the observed value lies in the 50% (p25..p75) and 90% (p5..p95)
 * bands, and whether the calibration (--from-calibration) held it out
 * (calibrate --observed-until): a held-out figure is a backtest. */
typedef struct rs_forecast_obs {
  const char *id, *kind;
  char from[11], to[11];
  int bound, held_out, in50, in90;
  double observed, q[RS_FC_NQ];
} rs_forecast_obs;
int rs_forecast_nobs(const rs_forecast *f);
int rs_forecast_obs_get(const rs_forecast *f, int i, rs_forecast_obs *out);

/* The p5..p95 band of the mean daily riders over FROM..TO (YYYY-MM-DD, inside
 * the forecast) into Q. */
int rs_forecast_period_mean(const rs_forecast *f, const char *from, const char *to,
                            double q[RS_FC_NQ]);

double rs_forecast_seconds(const rs_forecast *f);
/* Draw I's riders on day K (after noise), for tests. */
double rs_forecast_draw_riders(const rs_forecast *f, int draw, int k);

/* forecast.csv, milestones.csv, years.csv into DIR, and with FORMAT (png, svg,
 * pdf; NULL or "none": no charts) the fan charts in DIR/plots/. */
int rs_forecast_write(const rs_forecast *f, const char *dir, const char *format, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
