/* Internals of the calibration (calibrate.c fits, calibrate_write.c writes). */
#ifndef RS__CALIBRATE_INTERNAL_H
#define RS__CALIBRATE_INTERNAL_H
#include "ridersim/calibrate.h"
#include "input/scenario_load.h"

#define RS__CALIB_MAX_ITER_LOG 500

/* Prior of a parameter (--prior): none, normal on the value, lognormal (normal
 * on log(value)); calibrate_prior.c. */
enum { RS__PRIOR_NONE, RS__PRIOR_NORMAL, RS__PRIOR_LOGNORMAL };

/* Without a stated prior a parameter still gets this weak pull toward its start
 * (one residual of RS__CALIB_RIDGE x (theta - theta_start)): it keeps the
 * problem solvable when the figures do not determine every parameter, and moves
 * a determined parameter by a negligible amount. */
#define RS__CALIB_RIDGE 1e-3

typedef struct rs__cparam {
  char key[RS__KP_MAX];
  int log_space;
  double start, estimate, se, theta, theta_se;
  int prior;                    /* RS__PRIOR_* */
  double prior_a, prior_b;      /* normal: mean, sd; lognormal: median, sdlog */
  double theta0;                /* fitted-space start (the ridge's centre) */
  int determined;               /* 1: the figures (or a prior) pin it (calibrate_ident.c) */
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
  int32_t until;                /* --observed-until (RS__DATE_NONE: every figure) */
  int nfitobs;                  /* residual rows of figures; then np prior rows */
  double *sv, *svec;            /* singular values (np) and right vectors (np x np, columns) */
  /* --mixture (calibrate_mixture.c): conditional fits at quantiles of one
   * parameter's prior */
  int mix_param, nmix;
  double *mix_theta;            /* nmix x np: each component's thetas */
  double *mix_cov;              /* nmix x np x np: each component's covariance */
  double *mix_chisq, *mix_w;    /* nmix each */
  rs_progress *progress;        /* counts evaluations; NULL: none */
  int threads;                  /* Jacobian columns at once */
};
/* mixture.csv into DIR (nothing without a mixture). */
int rs__calib_write_mixture(const rs_calib *c, const char *dir, rs_diag *d);

/* Weighted residual of a prior (or the ridge) at THETA (fitted space). */
double rs__calib_prior_residual(const rs__cparam *p, double theta);
/* Singular values and vectors of the figures' rows of J (NOBS x np, fitted
 * space) into c->sv / c->svec, and which parameters are determined. */
int rs__calib_identify(rs_calib *c, const double *jac, int nobs);
/* The fit with parameter I held at THETA (fitted space) and the others refitted
 * from their estimates (same sets, priors, --observed-until): the refitted
 * calibration into *OUT (free it), its weighted sum of squares (the figures and
 * the others' priors) into CHISQ. */
int rs__calib_conditional(const rs_calib *c, int i, double theta, int max_iter, rs_calib **out,
                          double *chisq, rs_diag *d);

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
