/* The engine's inlined generator (engine/fastrng.h) against the laws it must
 * follow, from 2 million draws: the exponential's survival P(X > x) = e^-x at
 * points on both sides of the ziggurat's layers and in its tail (x > 7.697),
 * its mean 1 and variance 1; the uniform's mean 1/2 and variance 1/12; and the
 * same GSL seed giving the same sequence. Tolerances are 5 standard errors of
 * each estimate (binomial or from the law's own variance). */
#include <gsl/gsl_rng.h>
#include <math.h>
#include "check.h"
#include "engine/fastrng.h"

#define N 2000000

int main(void) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 12345);
  rs__fastrng g;
  rs__fastrng_seed(&g, r);
  rs__zig z;
  rs__zig_init(&z);
  static const double xs[] = {0.01, 0.1, 0.5, 1, 2, 4, 7, 8, 9};
  enum { NX = sizeof xs / sizeof xs[0] };
  double above[NX] = {0}, sum = 0, sum2 = 0, us = 0, us2 = 0;
  long outside = 0;
  for (int i = 0; i < N; i++) {
    double x = rs__fastrng_exp(&g, &z), u = rs__fastrng_uniform(&g);
    outside += !(x >= 0 && u >= 0 && u < 1);
    sum += x;
    sum2 += x * x;
    us += u;
    us2 += u * u;
    for (int k = 0; k < NX; k++) above[k] += x > xs[k];
  }
  CHECK(outside == 0);
  for (int k = 0; k < NX; k++) {
    double p = exp(-xs[k]), se = sqrt(p * (1 - p) / N);
    CHECK_NEAR(above[k] / N, p, 5 * se + 1.0 / N);
  }
  double mean = sum / N;
  CHECK_NEAR(mean, 1, 5 * 1 / sqrt(N));
  CHECK_NEAR(sum2 / N - mean * mean, 1, 5 * sqrt(8.0 / N)); /* (mu4 - sigma^4) / N = (9 - 1) / N */
  CHECK_NEAR(us / N, 0.5, 5 * sqrt(1 / 12.0 / N));
  CHECK_NEAR(us2 / N - (us / N) * (us / N), 1 / 12.0, 5 * sqrt(1 / 180.0 / N));

  /* Reproducible: the same GSL seed, the same draws. */
  rs__fastrng a, b;
  gsl_rng_set(r, 7);
  rs__fastrng_seed(&a, r);
  gsl_rng_set(r, 7);
  rs__fastrng_seed(&b, r);
  int same = 1;
  for (int i = 0; i < 1000; i++) same &= rs__fastrng_next(&a) == rs__fastrng_next(&b);
  CHECK(same);
  gsl_rng_set(r, 8);
  rs__fastrng_seed(&b, r);
  CHECK(rs__fastrng_next(&a) != rs__fastrng_next(&b));
  gsl_rng_free(r);
  return check_done();
}
