/* Sensitivity estimators and designs against known answers:
 * - Saltelli/Jansen indices of the Ishigami function (analytic indices),
 * - standardised regression coefficients of a linear model (exact),
 * - a Latin hypercube has one point per stratum in every dimension,
 * - the Saltelli design's AB_i rows are A with column i of B. */
#include <math.h>
#include <stdlib.h>
#include "check.h"
#include "sweep/sensitivity.h"
#include "sweep/sweep.h"

#define PI 3.14159265358979323846

static double ishigami(const double *u) {
  const double a = 7, b = 0.1;
  double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
  return sin(x1) + a * sin(x2) * sin(x2) + b * pow(x3, 4) * sin(x1);
}

static void test_ishigami(void) {
  const long n = 8192;
  const int k = 3;
  double *u = malloc((size_t)n * (k + 2) * k * sizeof *u);
  double *fa = malloc(n * sizeof *fa), *fb = malloc(n * sizeof *fb), *fab = malloc(n * k * sizeof *fab);
  CHECK(rs__sw_saltelli(n, k, u) == RS_OK);
  for (long j = 0; j < n; j++) {
    const double *row = u + j * (k + 2) * k;
    fa[j] = ishigami(row);
    fb[j] = ishigami(row + k);
    for (int i = 0; i < k; i++) fab[i * n + j] = ishigami(row + (2 + i) * k);
  }
  double s1[3], st[3];
  CHECK(rs__saltelli(n, k, fa, fb, fab, s1, st) == RS_OK);
  /* Analytic (Ishigami & Homma 1990; Sobol' & Levitan 1999), a = 7, b = 0.1:
   * V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V13 = 8 b^2 pi^8 / 225, V3 = 0. */
  const double a = 7, b = 0.1, p4 = pow(PI, 4), p8 = pow(PI, 8);
  double v1 = 0.5 * pow(1 + b * p4 / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * p8 / 225;
  double v = v1 + v2 + v13;
  CHECK_NEAR(v, 13.8446, 1e-3); /* the published total variance */
  CHECK_NEAR(s1[0], v1 / v, 0.02);          /* 0.3139 */
  CHECK_NEAR(s1[1], v2 / v, 0.02);          /* 0.4424 */
  CHECK_NEAR(s1[2], 0, 0.02);
  CHECK_NEAR(st[0], (v1 + v13) / v, 0.02);  /* 0.5576 */
  CHECK_NEAR(st[1], v2 / v, 0.02);
  CHECK_NEAR(st[2], v13 / v, 0.02);         /* 0.2437 */
  /* a flat output has no indices */
  for (long j = 0; j < n; j++) fa[j] = fb[j] = 5;
  for (long j = 0; j < n * k; j++) fab[j] = 5;
  CHECK(rs__saltelli(n, k, fa, fb, fab, s1, st) == RS_OK);
  CHECK(isnan(s1[0]) && isnan(st[2]));
  free(u), free(fa), free(fb), free(fab);
}

static void test_design(void) {
  const long n = 16;
  const int k = 2;
  double u[16 * 4 * 2];
  CHECK(rs__sw_saltelli(n, k, u) == RS_OK);
  for (long j = 0; j < n; j++) {
    const double *r = u + j * (k + 2) * k;
    CHECK(r[2 * k + 0] == r[k + 0] && r[2 * k + 1] == r[1]);     /* AB_0: B's x0, A's x1 */
    CHECK(r[3 * k + 0] == r[0] && r[3 * k + 1] == r[k + 1]);     /* AB_1: A's x0, B's x1 */
  }
  /* Latin hypercube: exactly one point in each of the n strata per dimension */
  const long m = 50;
  const int kk = 4;
  double *h = malloc(m * kk * sizeof *h);
  CHECK(rs__sw_lhs(m, kk, 7, h) == RS_OK);
  int ok = 1;
  for (int d = 0; d < kk; d++) {
    int seen[50] = {0};
    for (long i = 0; i < m; i++) {
      double x = h[i * kk + d];
      if (x < 0 || x >= 1) ok = 0;
      else seen[(int)(x * m)]++;
    }
    for (long s = 0; s < m; s++) ok &= seen[s] == 1;
  }
  CHECK(ok);
  free(h);
}

static void test_src(void) {
  /* y = 2 x1 - x2 + 0 x3 on a 3-level full factorial (x1, x2, x3 in {0, 1, 2}):
   * the inputs are orthogonal with equal variance s^2, so SRC_i = b_i s / sd(y)
   * = b_i / sqrt(2^2 + 1^2): 2/sqrt(5), -1/sqrt(5), 0, and R^2 = 1. */
  double x[27 * 3], y[27];
  for (int i = 0; i < 27; i++) {
    x[i * 3] = i / 9, x[i * 3 + 1] = i / 3 % 3, x[i * 3 + 2] = i % 3;
    y[i] = 2 * x[i * 3] - x[i * 3 + 1] + 10;
  }
  double src[3], r2;
  CHECK(rs__src(27, 3, x, y, src, &r2) == RS_OK);
  CHECK_NEAR(src[0], 2 / sqrt(5), 1e-9);
  CHECK_NEAR(src[1], -1 / sqrt(5), 1e-9);
  CHECK_NEAR(src[2], 0, 1e-9);
  CHECK_NEAR(r2, 1, 1e-9);
  /* a constant input gets 0, the others are unchanged */
  for (int i = 0; i < 27; i++) x[i * 3 + 2] = 4;
  CHECK(rs__src(27, 3, x, y, src, &r2) == RS_OK);
  CHECK_NEAR(src[0], 2 / sqrt(5), 1e-9);
  CHECK(src[2] == 0);
}

int main(void) {
  test_ishigami();
  test_design();
  test_src();
  return check_done();
}
