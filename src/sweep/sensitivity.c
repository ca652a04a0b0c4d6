/* Saltelli/Jansen Sobol indices and standardised regression coefficients. */
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>
#include "ridersim/ridersim.h"
#include "sweep/sensitivity.h"

int rs__saltelli(long n, int k, const double *fa, const double *fb, const double *fab,
                 double *s1, double *st) {
  if (n < 2 || k < 1) return RS_EINVAL;
  double mean = 0, v = 0;
  for (long j = 0; j < n; j++) mean += fa[j] + fb[j];
  mean /= 2.0 * n;
  for (long j = 0; j < n; j++) v += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
  v /= 2.0 * n;
  for (int i = 0; i < k; i++) {
    const double *ab = fab + (long)i * n;
    double a = 0, t = 0;
    for (long j = 0; j < n; j++) {
      a += fb[j] * (ab[j] - fa[j]);
      t += (fa[j] - ab[j]) * (fa[j] - ab[j]);
    }
    s1[i] = v > 0 ? a / n / v : NAN;
    st[i] = v > 0 ? t / (2.0 * n) / v : NAN;
  }
  return RS_OK;
}

static void rs__mean_sd(long n, const double *v, long stride, double *mean, double *sd) {
  double m = 0, s = 0;
  for (long j = 0; j < n; j++) m += v[j * stride];
  m /= n;
  for (long j = 0; j < n; j++) s += (v[j * stride] - m) * (v[j * stride] - m);
  *mean = m;
  *sd = n > 1 ? sqrt(s / (n - 1)) : 0;
}

int rs__src(long n, int k, const double *x, const double *y, double *src, double *r2) {
  *r2 = NAN;
  for (int i = 0; i < k; i++) src[i] = NAN;
  double my, sy;
  rs__mean_sd(n, y, 1, &my, &sy);
  if (n <= k + 1 || !(sy > 0)) return RS_OK; /* too few points or a flat output: no indices */
  int *col = malloc((size_t)k * sizeof *col);
  double *mx = malloc((size_t)k * sizeof *mx), *sx = malloc((size_t)k * sizeof *sx);
  if (!col || !mx || !sx) {
    free(col), free(mx), free(sx);
    return RS_ENOMEM;
  }
  int m = 0;
  for (int i = 0; i < k; i++) {
    rs__mean_sd(n, x + i, k, &mx[i], &sx[i]);
    col[i] = sx[i] > 0 ? m++ : -1;
    if (col[i] < 0) src[i] = 0;
  }
  int rc = RS_OK;
  if (m > 0) {
    gsl_matrix *X = gsl_matrix_alloc((size_t)n, (size_t)m);
    gsl_vector *Y = gsl_vector_alloc((size_t)n), *c = gsl_vector_alloc((size_t)m);
    gsl_matrix *cov = gsl_matrix_alloc((size_t)m, (size_t)m);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc((size_t)n, (size_t)m);
    if (!X || !Y || !c || !cov || !w) rc = RS_ENOMEM;
    if (rc == RS_OK) {
      double tss = 0, chisq = 0;
      for (long j = 0; j < n; j++) {
        double zy = (y[j] - my) / sy;
        gsl_vector_set(Y, (size_t)j, zy);
        tss += zy * zy;
        for (int i = 0; i < k; i++)
          if (col[i] >= 0) gsl_matrix_set(X, (size_t)j, (size_t)col[i], (x[j * k + i] - mx[i]) / sx[i]);
      }
      gsl_multifit_linear(X, Y, c, cov, &chisq, w);
      for (int i = 0; i < k; i++)
        if (col[i] >= 0) src[i] = gsl_vector_get(c, (size_t)col[i]);
      *r2 = 1 - chisq / tss;
    }
    gsl_multifit_linear_free(w);
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(Y);
    gsl_vector_free(c);
  }
  free(col), free(mx), free(sx);
  return rc;
}
