/* Internals of the calibration (calibrate.c fits, calibrate_write.c writes). */
#ifndef RS__CALIBRATE_INTERNAL_H
#define RS__CALIBRATE_INTERNAL_H
#include "ridersim/calibrate.h"
#include "input/scenario_load.h"

#define RS__CALIB_MAX_ITER_LOG 500

typedef struct rs__cparam {
  char key[RS__KP_MAX];
  int log_space;
  double start, estimate, se, theta, theta_se;
} rs__cparam;

typedef struct rs__cobs {
  char id[RS__ID_MAX];
  int kind, bound, group;   /* group -1: a bound; -2: outside the period (not fitted) */
  int32_t from, to;
  double observed, start, simulated, sigma, weight, residual;
} rs__cobs;

struct rs_calib {
  char scenario[RS__PATH_MAX];   /* "" for the built-in baseline */
  char **sets;                  /* the user's --set values, then observed=, then the fit's own */
  size_t nuser;                 /* sets that belong in calibrated.yaml */
  size_t nsets;
  rs__cparam p[RS_CALIB_MAX_PARAMS];
  int np;
  rs__cobs *obs;
  int nobs, nfit, nind;
  double *cov;                  /* np x np, fitted space */
  int niter;
  double *iter_log;             /* per iteration: chisq then np values */
  rs_calib_stats st;
  int ran;
  rs_progress *progress;        /* counts evaluations; NULL: none */
  int threads;                  /* Jacobian columns at once */
};

/* What the solver's callbacks share. */
typedef struct rs__fitctx {
  rs_calib *c;
  double *sim;
  int *fit_index;   /* residual k -> observation */
  int threads;
  /* the last point the residuals were evaluated at, and them */
  double *last_x, *last_f;
  size_t n, p;
} rs__fitctx;
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
double rs__calib_residual(const rs__cobs *o, double sim);
double rs__calib_value(const rs__cparam *p, double theta);
/* calibrate_jac.c: keep the residuals F at X; the Jacobian by forward
 * differences exactly as GSL's (step h_df |x_j|, or h_df at 0), columns on
 * threads; free what the context holds. */
#define RS__CALIB_H_DF 1e-6
int rs__calib_f(const gsl_vector *x, void *params, gsl_vector *f);
void rs__calib_keep_f(rs__fitctx *fc, const gsl_vector *x, const gsl_vector *f);
int rs__calib_df(const gsl_vector *x, void *params, gsl_matrix *J);
void rs__calib_fc_free(rs__fitctx *fc);

/* Values of the observations (NAN outside the period) for the parameters at
 * VALUES (original space). RS_EINVAL when the scenario refuses them. */
int rs__calib_simulate(const rs_calib *c, const double *values, double *sim, rs_diag *d);
/* "key=value" strings of the parameters at VALUES, into BUF (np entries of RS__KP_MAX+40). */
void rs__calib_param_sets(const rs_calib *c, const double *values, char *buf, const char **out);
#define RS__CALIB_SET_LEN (RS__KP_MAX + 40)
#endif
