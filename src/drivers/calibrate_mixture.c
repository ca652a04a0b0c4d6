/* The posterior along a parameter the figures do not determine (calibrate
 * --mixture KEY:N): a linearised covariance at the fit cannot carry it, since
 * the parameters that compensate it move along a curve (a slower ramp-up fits
 * as well with a larger market). So the others are refitted at quantiles of the
 * parameter's prior, and the forecast draws from the mixture of those
 * conditional fits. docs/calibration.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include "base/afile.h"
#include "base/csvout.h"
#include "base/diag.h"
#include "drivers/calibrate.h"

/* Quantile Q of parameter P's prior, in the fitted space; NAN when it has none
 * or the value would leave the parameter's domain. */
static double rs__prior_quantile(const rs__cparam *p, double q) {
  double z = gsl_cdf_ugaussian_Pinv(q);
  if (p->prior == RS__PRIOR_LOGNORMAL) return log(p->prior_a) + p->prior_b * z;
  if (p->prior != RS__PRIOR_NORMAL) return NAN;
  double v = p->prior_a + p->prior_b * z;
  if (!p->log_space) return v;
  return v > 0 ? log(v) : NAN;
}

/* Component K from the conditional fit SUB of parameter I held at THETA. */
static void rs__mix_store(rs_calib *c, int k, int i, double theta, const rs_calib *sub) {
  int np = c->np;
  double *th = c->mix_theta + (size_t)k * (size_t)np;
  double *cv = c->mix_cov + (size_t)k * (size_t)np * (size_t)np;
  int map[RS_CALIB_MAX_PARAMS]; /* c's index -> sub's (-1: the held one) */
  for (int j = 0, m = 0; j < np; j++) map[j] = j == i ? -1 : m++;
  for (int j = 0; j < np; j++) {
    th[j] = map[j] < 0 ? theta : sub->p[map[j]].theta;
    for (int l = 0; l < np; l++)
      cv[j * np + l] = map[j] < 0 || map[l] < 0 ? 0 : sub->cov[map[j] * sub->np + map[l]];
  }
}

int rs_calib_mixture(rs_calib *c, const char *key, int n, int max_iter, rs_diag *d) {
  int i = -1;
  for (int j = 0; j < c->np; j++)
    if (!strcmp(c->p[j].key, key)) i = j;
  if (!c->ran) return RS_ESTATE;
  if (i < 0 || c->np < 2 || n < 2 || n > 99)
    return rs__diag_add(d, RS_EUSAGE, "--mixture", 0, 0,
                        "--mixture %.80s:%d: the key must be fitted along with another "
                        "parameter, and N in 2..99", key, n);
  if (isnan(rs__prior_quantile(&c->p[i], 0.5)))
    return rs__diag_add(d, RS_EUSAGE, "--mixture", 0, 0,
                        "--mixture %.80s: give it a prior (--prior): the mixture samples it", key);
  size_t np = (size_t)c->np;
  free(c->mix_theta), free(c->mix_cov), free(c->mix_chisq), free(c->mix_w);
  c->mix_theta = calloc((size_t)n * np, sizeof *c->mix_theta);
  c->mix_cov = calloc((size_t)n * np * np, sizeof *c->mix_cov);
  c->mix_chisq = calloc((size_t)n, sizeof *c->mix_chisq);
  c->mix_w = calloc((size_t)n, sizeof *c->mix_w);
  c->nmix = 0;
  if (!c->mix_theta || !c->mix_cov || !c->mix_chisq || !c->mix_w) return RS_ENOMEM;
  int rc = RS_OK;
  double best = INFINITY;
  for (int k = 0; !rc && k < n; k++) {
    double theta = rs__prior_quantile(&c->p[i], (k + 0.5) / n);
    rs_calib *sub = NULL;
    rc = rs__calib_conditional(c, i, theta, max_iter, &sub, &c->mix_chisq[k], d);
    if (!rc) rs__mix_store(c, k, i, theta, sub);
    rs_calib_free(sub);
    if (!rc && c->mix_chisq[k] < best) best = c->mix_chisq[k];
  }
  if (rc) return rc;
  double sum = 0;
  for (int k = 0; k < n; k++) sum += c->mix_w[k] = exp(-(c->mix_chisq[k] - best) / 2);
  for (int k = 0; k < n; k++) c->mix_w[k] /= sum;
  c->mix_param = i;
  c->nmix = n;
  return RS_OK;
}

int rs_calib_nmixture(const rs_calib *c) { return c->nmix; }

int rs_calib_mixture_get(const rs_calib *c, int k, double *value, double *chisq, double *weight) {
  if (k < 0 || k >= c->nmix) return RS_EINVAL;
  double t = c->mix_theta[(size_t)k * (size_t)c->np + (size_t)c->mix_param];
  *value = c->p[c->mix_param].log_space ? exp(t) : t;
  *chisq = c->mix_chisq[k];
  *weight = c->mix_w[k];
  return RS_OK;
}

int rs__calib_write_mixture(const rs_calib *c, const char *dir, rs_diag *d) {
  if (c->nmix == 0) return RS_OK;
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "mixture.csv", d);
  if (rc) return rc;
  int np = c->np;
  rs__csv_printf(a.f, "component,key,value,chisq,weight");
  for (int j = 0; j < np; j++) rs__csv_printf(a.f, ",theta_%d", j);
  for (int j = 0; j < np * np; j++) rs__csv_printf(a.f, ",cov_%d", j);
  fputc('\n', a.f);
  for (int k = 0; k < c->nmix; k++) {
    double v, x, w;
    rs_calib_mixture_get(c, k, &v, &x, &w);
    rs__csv_printf(a.f, "%d,%s,%.10g,%.10g,%.10g", k, c->p[c->mix_param].key, v, x, w);
    for (int j = 0; j < np; j++) rs__csv_printf(a.f, ",%.17g", c->mix_theta[(size_t)k * (size_t)np + (size_t)j]);
    for (int j = 0; j < np * np; j++)
      rs__csv_printf(a.f, ",%.10g", c->mix_cov[(size_t)k * (size_t)np * (size_t)np + (size_t)j]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}
