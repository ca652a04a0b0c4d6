/* Internals of the forecast (forecast.c runs the draws, forecast_write.c and
 * plots/plots_fan.c write the results). */
#ifndef RS__FORECAST_INTERNAL_H
#define RS__FORECAST_INTERNAL_H
#include "ridersim/forecast.h"
#include "input/scenario_load.h"

#define RS__FC_MAXP 96
#define RS__FC_NMILE 16 /* at most this many milestones */

typedef struct rs__fc_param {
  char key[RS__KP_MAX];
  int source;            /* 0 uncertainty section, 1 calibration */
  int dist;              /* uncertainty: RS__DIST_*; calibration: -1 (multivariate normal) */
  int log_space;         /* calibration: theta = log(value) */
  double a, b, lo, hi;
  double mean, sd;       /* sample moments of the drawn values */
} rs__fc_param;

/* An observed figure of the scenario, with its band over the draws
 * (forecast_check.c). */
typedef struct rs__fc_obs {
  char id[RS__ID_MAX];
  int kind, bound, held_out;     /* held_out: after the calibration's --observed-until */
  int32_t from, to;
  double value;
  double q[RS_FC_NQ];            /* p5..p95 over the draws */
} rs__fc_obs;

struct rs_forecast {
  rs_forecast_options o;
  int32_t start;         /* first date */
  int ndays, ndraws;
  double *riders;        /* [draw * ndays + day] */
  double *q_daily, *q_cum;   /* [day * RS_FC_NQ + q] */
  rs__fc_param p[RS__FC_MAXP];
  int np, ncal;          /* calibration parameters are p[np - ncal .. np) */
  double *chol;          /* ncal x ncal lower Cholesky factor of the calibration covariance */
  double *cal_mean;      /* ncal thetas */
  rs_forecast_milestone mile[RS__FC_NMILE];
  int nmile;
  char sc_path[1024], sc_name[256];  /* the scenario, for forecast.yaml */
  uint64_t sc_hash, sc_seed;
  double thr[RS__FC_NMILE];  /* milestone thresholds, ascending */
  rs_forecast_year *years;
  int nyears;
  double seconds;
  rs__fc_obs *obs;       /* the scenario's observed figures */
  int nobs;
  double *obs_draw;      /* [draw * nobs + i]: the figure as each draw simulates it */
  int nmix;              /* the calibration's mixture (mixture.csv), 0: none */
  double *mix_w;         /* nmix weights, summing to 1 */
  double *mix_mean;      /* nmix x ncal thetas */
  double *mix_chol;      /* nmix x ncal x ncal lower Cholesky factors */
};

/* forecast_check.c: copy the scenario's figures; mark those the calibration in
 * DIR held out; refuse a calibration that leaves a parameter undetermined;
 * the bands of every figure over the draws. */
int rs__fc_obs_init(rs_forecast *f, const rs_scenario *s);
int rs__fc_calibration_check(rs_forecast *f, const char *dir, rs_diag *d);
int rs__fc_obs_summarise(rs_forecast *f);
/* DIR/mixture.csv, when the calibration wrote one (after the calibration's
 * parameters are loaded). */
int rs__fc_load_mixture(rs_forecast *f, const char *dir, rs_diag *d);
/* forecast_read.c: redraw the fan charts of a forecast folder from forecast.csv. */
int rs__forecast_plots_from_dir(const char *dir, const char *format, rs_diag *d);
#endif
