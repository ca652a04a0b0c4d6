/*
 * ridersim calibration: fit scenario parameters, named by key path, to the
 * observed figures of the scenario (observed.yaml) by nonlinear least squares
 * (GSL multifit_nlinear) on the expected-value mode of the demand model.
 * See docs/calibration.md.
 */
#ifndef RIDERSIM_CALIBRATE_H
#define RIDERSIM_CALIBRATE_H

#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RS_CALIB_MAX_PARAMS 32

typedef struct rs_calib rs_calib;

/* A calibration of SCENARIO (NULL: the built-in baseline) with the NSETS
 * "key.path=value" overrides; OBSERVED, when not NULL, replaces the
 * scenario's observed file. The scenario is loaded and checked here. */
int rs_calib_alloc(const char *scenario, const char *const *sets, size_t nsets,
                   const char *observed, rs_calib **out, rs_diag *d);
void rs_calib_free(rs_calib *c);

/* A free parameter: SPEC is "key.path" or "key.path=start". Positive
 * parameters are fitted in log space (so they stay positive); asc, growth,
 * add and choice.beta.* in linear space. */
int rs_calib_add_param(rs_calib *c, const char *spec, rs_diag *d);

/* A stated prior for a parameter already added: SPEC is
 * "key.path=normal:MEAN:SD" or "key.path=lognormal:MEDIAN:SDLOG". The fit is
 * then penalised least squares (the prior is one more weighted residual), and
 * the covariance is that of the posterior (Laplace approximation). */
int rs_calib_add_prior(rs_calib *c, const char *spec, rs_diag *d);

/* Use only the figures whose dates end on or before DATE (YYYY-MM-DD); the
 * later ones are held out (group -5 in observations.csv), for a backtest. */
int rs_calib_observed_until(rs_calib *c, const char *date, rs_diag *d);

/* Independent observations: bounds do not count; a total and a mean of the
 * same dates, a cumulative to D and a total from the opening to D, a day and
 * a peak over dates holding that day with the same value, are one figure. */
int rs_calib_independent(const rs_calib *c);

/* Fit. More parameters than the figures determine is not refused: every
 * parameter without a prior gets a negligible pull to its start (so the fit is
 * defined), and rs_calib_ident tells which combinations the figures determine.
 * RS_ECALIB (with a message in D) when the solver fails. */
int rs_calib_run(rs_calib *c, int max_iter, rs_diag *d);
/* Count each evaluation of the model (one expected-mode run) on P (NULL: none). */
void rs_calib_set_progress(rs_calib *c, rs_progress *p);
/* Evaluate the Jacobian's columns on THREADS threads (0: every CPU; default 1).
 * The fit is the same for any THREADS. */
void rs_calib_set_threads(rs_calib *c, int threads);

typedef struct rs_calib_param_info {
  const char *key;
  int log_space;         /* fitted as log(value) */
  double start, estimate;
  double se;             /* standard error of the estimate (delta method) */
  double theta, theta_se; /* in the fitted space */
} rs_calib_param_info;
int rs_calib_nparams(const rs_calib *c);

/* What the figures determine: singular value K (descending) of the weighted
 * Jacobian of the figures in the fitted space (log for log-space parameters),
 * and its right vector into VEC[np] (a combination sum VEC_i theta_i). The
 * figures pin that combination to about +-1/SV (one sd, fitted space): below
 * RS_CALIB_SV_DETERMINED it is not determined by them. rs_calib_determined(I)
 * is 1 when no combination that the figures and the stated priors together
 * leave open (the same SVD with a row per prior) moves parameter I (|VEC_i| >
 * 0.3). */
#define RS_CALIB_SV_DETERMINED 1.0
int rs_calib_ident(const rs_calib *c, int k, double *sv, double *vec);
int rs_calib_determined(const rs_calib *c, int i);

/* Profile interval of parameter I: the parameter moved on a grid from its
 * estimate (STEPS steps of STEP in the fitted space each way) with the others
 * refitted, the range where the weighted sum of squares stays within DCHISQ
 * (3.84: 95%) of the fit's. LO/HI are NAN when not reached within the grid
 * (the figures do not bound it on that side). */
int rs_calib_profile(const rs_calib *c, int i, double step, int steps, double dchisq,
                     int max_iter, double *lo, double *hi, rs_diag *d);
int rs_calib_param(const rs_calib *c, int i, rs_calib_param_info *out);
/* Correlation and covariance (fitted space) of parameters I and J. */
double rs_calib_corr(const rs_calib *c, int i, int j);
double rs_calib_cov(const rs_calib *c, int i, int j);

typedef struct rs_calib_obs_info {
  const char *id, *kind;
  char from[11], to[11];
  int bound;             /* 0 value, 1 "more than", 2 "less than" */
  int group;             /* observations with one group are one independent figure */
  double observed;
  double start;          /* simulated at the start values */
  double simulated;      /* simulated at the estimate */
  double sigma;          /* relative sd used as weight (tolerance_pct / 100, default 0.05) */
  double residual;       /* weighted residual at the estimate: 0 for a met bound */
} rs_calib_obs_info;
int rs_calib_nobs(const rs_calib *c);
int rs_calib_obs(const rs_calib *c, int i, rs_calib_obs_info *out);

typedef struct rs_calib_stats {
  int iterations, evaluations, status; /* status: GSL convergence reason, 1 small step, 2 small gradient */
  double chisq0, chisq;  /* sum of squared weighted residuals, start and end */
  int nobs, nindependent, nparams;
  double seconds;
} rs_calib_stats;
int rs_calib_stats_get(const rs_calib *c, rs_calib_stats *out);

/* The iterations: K = 0 is the start; CHISQ and the NPARAMS VALUES after each. */
int rs_calib_niter(const rs_calib *c);
int rs_calib_iter(const rs_calib *c, int k, double *chisq, double *values);

/* The posterior along parameter KEY (fitted, with a prior) when the figures do
 * not determine it, as a mixture: at N quantiles (k + 1/2)/N of its prior the
 * others are refitted (a conditional fit, its estimates and covariance), and
 * each component weighs exp(-chisq/2) relative to the best (the quantiles
 * carry the prior). rs_calib_write then writes mixture.csv, and
 * `forecast --from-calibration` draws a component, then the others from its
 * covariance: slower ramp-ups come with the larger markets that fit them.
 * Call after rs_calib_run. */
int rs_calib_mixture(rs_calib *c, const char *key, int n, int max_iter, rs_diag *d);
int rs_calib_nmixture(const rs_calib *c);
/* Component K: KEY's value, the weighted sum of squares, the weight (sum 1). */
int rs_calib_mixture_get(const rs_calib *c, int k, double *value, double *chisq, double *weight);

/* Weighted sum of squares of the observations for SCENARIO with SETS in
 * expected mode: the yardstick "reproduces observed.yaml as well as". */
int rs_calib_score(const char *scenario, const char *const *sets, size_t nsets, double *chisq,
                   rs_diag *d);

/* Write DIR/calibrated.yaml (extends: the input, plus the fitted keys),
 * DIR/calibration.csv (parameters, covariance in the fitted space) and
 * DIR/observations.csv. DIR must exist (an rs_outdir staging directory);
 * FINAL_DIR is where it will live, for the relative extends path. */
int rs_calib_write(const rs_calib *c, const char *dir, const char *final_dir, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
