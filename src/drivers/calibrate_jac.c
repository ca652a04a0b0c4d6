/* The calibration's Jacobian: forward differences as GSL computes them
 * (multifit_nlinear/fdjac.c: step h_df * |x_j|, h_df when x_j is 0, the
 * residuals at x reused), but the columns evaluated on threads. Each column is
 * one model run with its own buffers, so the Jacobian -- and the fit -- is the
 * same for any thread count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "drivers/calibrate.h"
#include "base/pool.h"
#include "ridersim/progress.h"

void rs__calib_keep_f(rs__fitctx *fc, const gsl_vector *x, const gsl_vector *f) {
  if (!fc->last_x) {
    fc->last_x = malloc(x->size * sizeof *fc->last_x);
    fc->last_f = malloc(f->size * sizeof *fc->last_f);
    fc->p = x->size;
    fc->n = f->size;
    if (!fc->last_x || !fc->last_f) {
      rs__calib_fc_free(fc);
      return;
    }
  }
  for (size_t j = 0; j < x->size; j++) fc->last_x[j] = gsl_vector_get(x, j);
  for (size_t i = 0; i < f->size; i++) fc->last_f[i] = gsl_vector_get(f, i);
}

void rs__calib_fc_free(rs__fitctx *fc) {
  free(fc->last_x);
  free(fc->last_f);
  fc->last_x = fc->last_f = NULL;
}

typedef struct rs__jac {
  rs__fitctx *fc;
  const gsl_vector *x;
  gsl_matrix *J;
  double h;
  int failed_nomem;
} rs__jac;

/* Column J of the Jacobian: the residuals at x + delta e_j. */
static int rs__jac_col(void *ctx, long jl, int worker) {
  (void)worker;
  int j = (int)jl;
  rs__jac *jc = ctx;
  rs__fitctx *fc = jc->fc;
  rs_calib *c = fc->c;
  double v[RS_CALIB_MAX_PARAMS];
  double xj = gsl_vector_get(jc->x, (size_t)j);
  double delta = jc->h * fabs(xj);
  if (delta == 0.0) delta = jc->h;
  for (int i = 0; i < c->np; i++) {
    double t = gsl_vector_get(jc->x, (size_t)i);
    v[i] = rs__calib_value(&c->p[i], i == j ? xj + delta : t);
  }
  double *sim = malloc((size_t)c->nobs * sizeof *sim);
  rs_diag *d = rs_diag_alloc();
  int rc = sim && d ? rs__calib_simulate(c, v, sim, d) : RS_ENOMEM;
  rs_progress_add(c->progress, 1);
  double inv = 1.0 / delta;
  for (size_t k = 0; k < (size_t)c->nfitobs; k++) {
    const rs__cobs *o = &c->obs[fc->fit_index[k]];
    double fnext = rc ? 1e6 : rs__calib_residual(o, sim[fc->fit_index[k]]);
    gsl_matrix_set(jc->J, k, (size_t)j, (fnext - fc->last_f[k]) * inv);
  }
  /* the prior rows: row i moves only with parameter i */
  for (int i = 0; i < c->np; i++) {
    size_t k = (size_t)c->nfitobs + (size_t)i;
    double fnext = i == j ? rs__calib_prior_residual(&c->p[i], xj + delta) : fc->last_f[k];
    gsl_matrix_set(jc->J, k, (size_t)j, (fnext - fc->last_f[k]) * inv);
  }
  free(sim);
  rs_diag_free(d);
  return rc == RS_ENOMEM ? RS_ENOMEM : RS_OK;
}

int rs__calib_df(const gsl_vector *x, void *params, gsl_matrix *J) {
  rs__fitctx *fc = params;
  int same = fc->last_x && fc->p == x->size;
  for (size_t j = 0; same && j < x->size; j++) same = fc->last_x[j] == gsl_vector_get(x, j);
  if (!same) {
    /* the residuals at x are needed: evaluate them (the solver has them, but
     * does not pass them to a user Jacobian) */
    gsl_vector *f = gsl_vector_alloc(J->size1);
    if (!f) return GSL_ENOMEM;
    int st = rs__calib_f(x, params, f);
    gsl_vector_free(f);
    if (st != GSL_SUCCESS) return st;
    if (!fc->last_x) return GSL_ENOMEM;
  }
  fc->c->st.evaluations += (int)x->size;
  rs__jac jc = {fc, x, J, RS__CALIB_H_DF, 0};
  int rc = rs__pool_run((long)x->size, fc->threads, rs__jac_col, &jc, NULL);
  return rc == RS_ENOMEM ? GSL_ENOMEM : GSL_SUCCESS;
}
