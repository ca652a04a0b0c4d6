/* Iterative proportional fitting of an OD matrix to entries and exits. */
#include <math.h>
#include <string.h>
#include "model/ipf.h"

static double rs__row_error(const double *x, int n, const double *row) {
  double err = 0, big = 0;
  for (int i = 0; i < n; i++) big = fmax(big, row[i]);
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += x[i * n + j];
    err = fmax(err, fabs(s - row[i]));
  }
  return big > 0 ? err / big : 0;
}

double rs__ipf(const double *seed, int n, const double *row, const double *col, double *x,
               int maxit, double tol) {
  memcpy(x, seed, (size_t)n * (size_t)n * sizeof *x);
  double err = rs__row_error(x, n, row);
  for (int it = 0; it < maxit && err > tol; it++) {
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += x[i * n + j];
      double f = s > 0 ? row[i] / s : 0;
      for (int j = 0; j < n; j++) x[i * n + j] *= f;
    }
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) s += x[i * n + j];
      double f = s > 0 ? col[j] / s : 0;
      for (int i = 0; i < n; i++) x[i * n + j] *= f;
    }
    err = rs__row_error(x, n, row);
  }
  return err;
}
