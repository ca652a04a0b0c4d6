/* The observed figures against a forecast's draws (a backtest when the
 * calibration held them out with --observed-until), and bands of period means.
 * docs/forecast.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "input/csvtable.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "drivers/forecast.h"

static const char *const rs__fc_kinds[] = {"day",  "total",         "mean",      "cumulative",
                                           "peak", "purpose_share", "mode_share"};

int rs__fc_obs_init(rs_forecast *f, const rs_scenario *s) {
  f->nobs = s->nobserved;
  f->obs = calloc((size_t)f->nobs + 1, sizeof *f->obs);
  if (!f->obs) return RS_ENOMEM;
  for (int i = 0; i < f->nobs; i++) {
    const rs__observation *o = &s->observed[i];
    rs__fc_obs *b = &f->obs[i];
    snprintf(b->id, sizeof b->id, "%s", o->id);
    b->kind = o->kind, b->bound = o->bound, b->from = o->from, b->to = o->to, b->value = o->value;
  }
  return RS_OK;
}

/* Held-out figures (group -5 in DIR/observations.csv), and no parameter the
 * figures leave undetermined without a prior (its covariance is the ridge's,
 * not knowledge: drawing from it would be noise of any size). */
int rs__fc_calibration_check(rs_forecast *f, const char *dir, rs_diag *d) {
  char path[RS__PATH_MAX];
  snprintf(path, sizeof path, "%s/calibration.csv", dir);
  rs__csvtable *t;
  int rc = rs__csvtable_read(path, &t, d);
  if (rc) return rc;
  int ck = rs__csvtable_col(t, "key"), cd = rs__csvtable_col(t, "determined");
  for (int r = 0; cd >= 0 && ck >= 0 && r < t->nrow && !rc; r++)
    if (!strcmp(rs__csvtable_str(t, r, cd), "0"))
      rc = rs__diag_add(d, RS_EINVAL, path, t->line[r], 0,
                        "'%s' is not determined by the observed figures and has no prior: "
                        "calibrate again with --prior %s=... (or fix it with --set)",
                        rs__csvtable_str(t, r, ck), rs__csvtable_str(t, r, ck));
  rs__csvtable_free(t);
  if (rc) return rc;
  snprintf(path, sizeof path, "%s/observations.csv", dir);
  if (rs__csvtable_read(path, &t, d) != RS_OK) return RS_OK; /* older calibrations: none held out */
  int ci = rs__csvtable_col(t, "id"), cg = rs__csvtable_col(t, "group");
  for (int r = 0; ci >= 0 && cg >= 0 && r < t->nrow; r++)
    for (int i = 0; i < f->nobs; i++)
      if (!strcmp(f->obs[i].id, rs__csvtable_str(t, r, ci)) &&
          !strcmp(rs__csvtable_str(t, r, cg), "-5"))
        f->obs[i].held_out = 1;
  rs__csvtable_free(t);
  return RS_OK;
}

/* Figure I as draw K gives it: counts from the draw's (noisy) daily riders,
 * shares as the draw's run computed them. */
static double rs__fc_obs_value(const rs_forecast *f, int k, const rs__fc_obs *o, int i) {
  int n = f->ndays, a = (int)(o->from - f->start), z = (int)(o->to - f->start);
  if (o->kind >= RS__OBS_PURPOSE_SHARE) return f->obs_draw[(size_t)k * (size_t)f->nobs + (size_t)i];
  if (o->kind == RS__OBS_CUMULATIVE) a = 0;
  if (a < 0 || z >= n || z < a) return NAN;
  const double *r = f->riders + (size_t)k * (size_t)n;
  double sum = 0, peak = 0;
  for (int j = a; j <= z; j++) sum += r[j], peak = r[j] > peak ? r[j] : peak;
  switch (o->kind) {
    case RS__OBS_DAY: return r[z];
    case RS__OBS_MEAN: return sum / (z - a + 1);
    case RS__OBS_PEAK: return peak;
    default: return sum; /* total, cumulative */
  }
}

int rs__fc_obs_summarise(rs_forecast *f) {
  double *col = malloc((size_t)f->ndraws * sizeof *col);
  if (!col) return RS_ENOMEM;
  for (int i = 0; i < f->nobs; i++) {
    rs__fc_obs *o = &f->obs[i];
    int m = 0;
    for (int k = 0; k < f->ndraws; k++) {
      double v = rs__fc_obs_value(f, k, o, i);
      if (!isnan(v)) col[m++] = v;
    }
    for (int q = 0; q < RS_FC_NQ; q++) o->q[q] = NAN;
    if (m < f->ndraws || m == 0) continue; /* outside the forecast */
    gsl_sort(col, 1, (size_t)m);
    for (int q = 0; q < RS_FC_NQ; q++)
      o->q[q] = gsl_stats_quantile_from_sorted_data(col, 1, (size_t)m, rs_forecast_quantiles[q]);
  }
  free(col);
  return RS_OK;
}

int rs_forecast_nobs(const rs_forecast *f) { return f ? f->nobs : 0; }

int rs_forecast_obs_get(const rs_forecast *f, int i, rs_forecast_obs *out) {
  if (i < 0 || i >= f->nobs) return RS_EINVAL;
  const rs__fc_obs *o = &f->obs[i];
  memset(out, 0, sizeof *out);
  out->id = o->id;
  out->kind = rs__fc_kinds[o->kind];
  rs__date_format(o->from, out->from);
  rs__date_format(o->to, out->to);
  out->bound = o->bound;
  out->held_out = o->held_out;
  out->observed = o->value;
  for (int q = 0; q < RS_FC_NQ; q++) out->q[q] = o->q[q];
  /* a "more than" figure is inside a band when the band reaches above it */
  double v = o->value;
  if (o->bound == RS__BOUND_LOWER) {
    out->in50 = o->q[3] >= v;
    out->in90 = o->q[4] >= v;
  } else if (o->bound == RS__BOUND_UPPER) {
    out->in50 = o->q[1] <= v;
    out->in90 = o->q[0] <= v;
  } else {
    out->in50 = v >= o->q[1] && v <= o->q[3];
    out->in90 = v >= o->q[0] && v <= o->q[4];
  }
  return RS_OK;
}

int rs_forecast_period_mean(const rs_forecast *f, const char *from, const char *to,
                            double q[RS_FC_NQ]) {
  int32_t a, z;
  if (rs__date_parse(from, &a) || rs__date_parse(to, &z) || z < a || a < f->start ||
      z >= f->start + f->ndays)
    return RS_EINVAL;
  double *col = malloc((size_t)f->ndraws * sizeof *col);
  if (!col) return RS_ENOMEM;
  for (int k = 0; k < f->ndraws; k++) {
    double s = 0;
    for (int32_t dd = a; dd <= z; dd++) s += rs_forecast_draw_riders(f, k, (int)(dd - f->start));
    col[k] = s / (z - a + 1);
  }
  gsl_sort(col, 1, (size_t)f->ndraws);
  for (int i = 0; i < RS_FC_NQ; i++)
    q[i] = gsl_stats_quantile_from_sorted_data(col, 1, (size_t)f->ndraws, rs_forecast_quantiles[i]);
  free(col);
  return RS_OK;
}

/* Lower Cholesky factor of the N x N covariance A in place; a parameter with no
 * variance (the mixture's held one) stays fixed; not positive definite: the
 * variances alone. */
static void rs__fc_chol(double *a, int n) {
  for (int i = 0; i < n; i++)
    if (!(a[i * n + i] > 0)) {
      for (int j = 0; j < n; j++) a[i * n + j] = a[j * n + i] = 0;
      a[i * n + i] = 1e-300;
    }
  double *keep = malloc((size_t)n * sizeof *keep);
  for (int i = 0; keep && i < n; i++) keep[i] = a[i * n + i];
  gsl_matrix_view m = gsl_matrix_view_array(a, (size_t)n, (size_t)n);
  if (gsl_linalg_cholesky_decomp1(&m.matrix) != GSL_SUCCESS)
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) a[i * n + j] = i == j && keep ? sqrt(keep[i]) : 0;
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) a[i * n + j] = 0;
  free(keep);
}

int rs__fc_load_mixture(rs_forecast *f, const char *dir, rs_diag *d) {
  char path[RS__PATH_MAX];
  snprintf(path, sizeof path, "%s/mixture.csv", dir);
  FILE *probe = fopen(path, "r");
  if (!probe) return RS_OK; /* no mixture: the calibration's one normal */
  fclose(probe);
  rs__csvtable *t;
  int rc = rs__csvtable_read(path, &t, d);
  if (rc) return rc;
  int n = f->ncal, k = t->nrow, cw;
  if ((rc = rs__csvtable_need(t, "weight", &cw, d))) {
    rs__csvtable_free(t);
    return rc;
  }
  f->mix_w = calloc((size_t)k + 1, sizeof *f->mix_w);
  f->mix_mean = calloc((size_t)k * (size_t)n + 1, sizeof *f->mix_mean);
  f->mix_chol = calloc((size_t)k * (size_t)n * (size_t)n + 1, sizeof *f->mix_chol);
  if (!f->mix_w || !f->mix_mean || !f->mix_chol) rc = RS_ENOMEM;
  for (int r = 0; !rc && r < k; r++) {
    rc = rs__csvtable_num(t, r, cw, 0, &f->mix_w[r], d);
    for (int j = 0; !rc && j < n + n * n; j++) {
      char col[32];
      int c;
      snprintf(col, sizeof col, j < n ? "theta_%d" : "cov_%d", j < n ? j : j - n);
      if ((rc = rs__csvtable_need(t, col, &c, d))) break;
      double *dst = j < n ? &f->mix_mean[(size_t)r * (size_t)n + (size_t)j]
                          : &f->mix_chol[(size_t)r * (size_t)n * (size_t)n + (size_t)(j - n)];
      rc = rs__csvtable_num(t, r, c, 0, dst, d);
    }
    if (!rc) rs__fc_chol(f->mix_chol + (size_t)r * (size_t)n * (size_t)n, n);
  }
  rs__csvtable_free(t);
  if (!rc) f->nmix = k;
  return rc;
}
