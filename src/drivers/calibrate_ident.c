/* What the observed figures determine (calibrate --fit ... reports it): the
 * singular value decomposition of the weighted Jacobian of the figures at the
 * fit, priors, the held-out figures of a backtest, and profile intervals.
 * docs/calibration.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_linalg.h>
#include "drivers/calibrate.h"
#include "base/datetime.h"
#include "base/diag.h"

double rs__calib_prior_residual(const rs__cparam *p, double theta) {
  switch (p->prior) {
    case RS__PRIOR_NORMAL: {
      double v = p->log_space ? exp(theta) : theta;
      return (v - p->prior_a) / p->prior_b;
    }
    case RS__PRIOR_LOGNORMAL: return (theta - log(p->prior_a)) / p->prior_b;
    default: return RS__CALIB_RIDGE * (theta - p->theta0);
  }
}

int rs_calib_add_prior(rs_calib *c, const char *spec, rs_diag *d) {
  const char *eq = strchr(spec, '=');
  size_t klen = eq ? (size_t)(eq - spec) : 0;
  rs__cparam *p = NULL;
  for (int i = 0; eq && i < c->np; i++)
    if (strlen(c->p[i].key) == klen && !strncmp(c->p[i].key, spec, klen)) p = &c->p[i];
  if (!eq)
    return rs__diag_add(d, RS_EUSAGE, "--prior", 0, 0,
                        "malformed --prior '%.80s': expected key.path=normal:MEAN:SD or "
                        "key.path=lognormal:MEDIAN:SDLOG", spec);
  if (!p)
    return rs__diag_add(d, RS_EUSAGE, "--prior", 0, 0,
                        "--prior '%.80s': the key is not fitted (give --fit %.*s too)", spec,
                        (int)klen, spec);
  char kind[16];
  double a, b;
  char tail;
  if (sscanf(eq + 1, "%15[a-z]:%lf:%lf%c", kind, &a, &b, &tail) != 3 || !(b > 0) ||
      !isfinite(a) || !isfinite(b))
    return rs__diag_add(d, RS_EUSAGE, "--prior", 0, 0,
                        "--prior '%.80s': expected normal:MEAN:SD or lognormal:MEDIAN:SDLOG with "
                        "SD > 0", spec);
  if (!strcmp(kind, "normal")) p->prior = RS__PRIOR_NORMAL;
  else if (!strcmp(kind, "lognormal") && a > 0 && p->log_space) p->prior = RS__PRIOR_LOGNORMAL;
  else
    return rs__diag_add(d, RS_EUSAGE, "--prior", 0, 0,
                        "--prior '%.80s': the prior must be normal, or lognormal (median > 0) "
                        "for a parameter fitted in log space", spec);
  p->prior_a = a;
  p->prior_b = b;
  return RS_OK;
}

/* SVD of the NROWS x np matrix JAC (padded with zero rows to np): singular
 * values into SV, right vectors (columns) into VEC. */
static int rs__svd(const double *jac, int nrows, int np, double *sv, double *vec) {
  int m = nrows > np ? nrows : np; /* GSL's SVD wants rows >= columns */
  gsl_matrix *a = gsl_matrix_calloc((size_t)m, (size_t)np);
  gsl_matrix *v = gsl_matrix_alloc((size_t)np, (size_t)np);
  gsl_vector *s = gsl_vector_alloc((size_t)np), *work = gsl_vector_alloc((size_t)np);
  int rc = a && v && s && work ? RS_OK : RS_ENOMEM;
  if (!rc) {
    for (int r = 0; r < nrows; r++)
      for (int k = 0; k < np; k++) gsl_matrix_set(a, (size_t)r, (size_t)k, jac[r * np + k]);
    /* GSL's errors come back as status codes (rs_init turned its abort handler off) */
    if (gsl_linalg_SV_decomp(a, v, s, work) != GSL_SUCCESS) rc = RS_ECALIB;
  }
  for (int k = 0; !rc && k < np; k++) {
    sv[k] = gsl_vector_get(s, (size_t)k);
    /* sign: largest component positive, so the printout reads the same each run */
    double big = 0;
    for (int i = 0; i < np; i++)
      if (fabs(gsl_matrix_get(v, (size_t)i, (size_t)k)) > fabs(big))
        big = gsl_matrix_get(v, (size_t)i, (size_t)k);
    for (int i = 0; i < np; i++)
      vec[i * np + k] = (big < 0 ? -1 : 1) * gsl_matrix_get(v, (size_t)i, (size_t)k);
  }
  gsl_matrix_free(a);
  gsl_matrix_free(v);
  gsl_vector_free(s);
  gsl_vector_free(work);
  return rc;
}

int rs__calib_identify(rs_calib *c, const double *jac, int nobs) {
  int np = c->np;
  free(c->sv);
  free(c->svec);
  c->sv = calloc((size_t)np, sizeof *c->sv);
  c->svec = calloc((size_t)np * (size_t)np, sizeof *c->svec);
  /* the figures' rows, then a row per stated prior (the ridge pins nothing) */
  double *full = calloc((size_t)(nobs + np) * (size_t)np + 1, sizeof *full);
  double *sv2 = calloc((size_t)np, sizeof *sv2), *vec2 = calloc((size_t)np * (size_t)np, sizeof *vec2);
  int rc = c->sv && c->svec && full && sv2 && vec2 ? RS_OK : RS_ENOMEM;
  if (!rc) rc = rs__svd(jac, nobs, np, c->sv, c->svec);
  if (!rc) {
    memcpy(full, jac, (size_t)nobs * (size_t)np * sizeof *full);
    for (int i = 0; i < np; i++) {
      const rs__cparam *p = &c->p[i];
      if (p->prior == RS__PRIOR_NONE) continue;
      /* d residual / d theta of the prior (normal on a log-space value: chain rule) */
      double g = 1 / p->prior_b;
      if (p->prior == RS__PRIOR_NORMAL && p->log_space) g = exp(p->theta) / p->prior_b;
      full[(size_t)(nobs + i) * (size_t)np + (size_t)i] = g;
    }
    rc = rs__svd(full, nobs + np, np, sv2, vec2);
  }
  /* determined: no combination that the figures and the stated priors leave
   * open moves the parameter */
  for (int i = 0; !rc && i < np; i++) {
    c->p[i].determined = 1;
    for (int k = 0; k < np; k++)
      if (sv2[k] < RS_CALIB_SV_DETERMINED && fabs(vec2[i * np + k]) > 0.3) c->p[i].determined = 0;
  }
  free(full);
  free(sv2);
  free(vec2);
  return rc;
}

int rs_calib_ident(const rs_calib *c, int k, double *sv, double *vec) {
  if (!c->ran || !c->sv || k < 0 || k >= c->np) return RS_EINVAL;
  *sv = c->sv[k];
  for (int i = 0; vec && i < c->np; i++) vec[i] = c->svec[i * c->np + k];
  return RS_OK;
}

int rs_calib_determined(const rs_calib *c, int i) {
  return c->ran && i >= 0 && i < c->np ? c->p[i].determined : 0;
}

int rs__calib_conditional(const rs_calib *c, int i, double theta, int max_iter, rs_calib **out,
                          double *chisq, rs_diag *d) {
  *out = NULL;
  const rs__cparam *pi = &c->p[i];
  char fixed[RS__CALIB_SET_LEN];
  snprintf(fixed, sizeof fixed, "%s=%.17g", pi->key, pi->log_space ? exp(theta) : theta);
  const char **sets = malloc((c->nuser + 1) * sizeof *sets);
  if (!sets) return RS_ENOMEM;
  for (size_t k = 0; k < c->nuser; k++) sets[k] = c->sets[k];
  sets[c->nuser] = fixed;
  rs_calib *sub = NULL;
  int rc = rs_calib_alloc(c->scenario[0] ? c->scenario : NULL, sets, c->nuser + 1, NULL, &sub, d);
  free(sets);
  if (!rc && c->until != RS__DATE_NONE) {
    char date[11];
    rs__date_format(c->until, date);
    rc = rs_calib_observed_until(sub, date, d);
  }
  for (int k = 0; !rc && k < c->np; k++) {
    if (k == i) continue;
    char spec[RS__CALIB_SET_LEN];
    snprintf(spec, sizeof spec, "%s=%.17g", c->p[k].key, c->p[k].estimate);
    rc = rs_calib_add_param(sub, spec, d);
    if (!rc) {
      rs__cparam *q = &sub->p[sub->np - 1];
      q->prior = c->p[k].prior;
      q->prior_a = c->p[k].prior_a;
      q->prior_b = c->p[k].prior_b;
      q->theta0 = c->p[k].theta0;
    }
  }
  if (!rc && sub->np > 0) rc = rs_calib_run(sub, max_iter, d);
  if (!rc && sub->np > 0) *chisq = sub->st.chisq;
  if (!rc && sub->np == 0) { /* one parameter: nothing to refit, score the figures */
    double *sim = malloc((size_t)sub->nobs * sizeof *sim);
    rc = sim ? rs__calib_simulate(sub, NULL, sim, d) : RS_ENOMEM;
    *chisq = 0;
    for (int k = 0; !rc && k < sub->nobs; k++) {
      const rs__cobs *o = &sub->obs[k];
      if (o->group == -2 || o->group == -5 || isnan(sim[k])) continue;
      double rel = (sim[k] - o->observed) / o->observed;
      if (o->bound == 1 && rel > 0) rel = 0;
      if (o->bound == 2 && rel < 0) rel = 0;
      double r = o->weight * rel / o->sigma;
      *chisq += r * r;
    }
    free(sim);
  }
  if (rc) rs_calib_free(sub);
  else *out = sub;
  return rc;
}

/* The weighted sum of squares with parameter I held at THETA (fitted space)
 * and the others refitted from their estimates, its prior's term included. */
static int rs__profile_point(const rs_calib *c, int i, double theta, int max_iter, double *chisq,
                             rs_diag *d) {
  rs_calib *sub = NULL;
  int rc = rs__calib_conditional(c, i, theta, max_iter, &sub, chisq, d);
  rs_calib_free(sub);
  double pr = rs__calib_prior_residual(&c->p[i], theta);
  if (!rc) *chisq += pr * pr;
  return rc;
}

int rs_calib_profile(const rs_calib *c, int i, double step, int steps, double dchisq,
                     int max_iter, double *lo, double *hi, rs_diag *d) {
  *lo = *hi = NAN;
  if (!c->ran || i < 0 || i >= c->np || !(step > 0) || steps < 1) return RS_EINVAL;
  const rs__cparam *p = &c->p[i];
  for (int dir = -1; dir <= 1; dir += 2) {
    double prev_t = p->theta, prev_x = 0;
    for (int k = 1; k <= steps; k++) {
      double t = p->theta + dir * k * step, chisq;
      int rc = rs__profile_point(c, i, t, max_iter, &chisq, d);
      if (rc == RS_ENOMEM) return rc;
      double x = rc ? INFINITY : chisq - c->st.chisq; /* refused: outside what fits */
      if (x > dchisq) {
        double f = isfinite(x) ? (dchisq - prev_x) / (x - prev_x) : 0;
        double tb = prev_t + f * (t - prev_t);
        double vb = p->log_space ? exp(tb) : tb;
        if (dir < 0) *lo = vb;
        else *hi = vb;
        break;
      }
      prev_t = t;
      prev_x = x > 0 ? x : 0;
    }
  }
  return RS_OK;
}
