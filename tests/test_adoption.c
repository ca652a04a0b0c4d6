/* Bass diffusion and novelty: values by hand, the density against numeric
 * derivatives and integrals, the peak, and the p -> 0 / q = 0 limits. */
#include <math.h>
#include <stddef.h>
#include "model/adoption.h"
#include "check.h"

static void test_hand_values(void) {
  /* p = q = ln2/2, so p+q = ln2 and e^{-(p+q)t} = 2^{-t}:
   * F(1) = (1 - 1/2)/(1 + 1/2) = 1/3, F(2) = (3/4)/(5/4) = 3/5,
   * f(1) = (ln2)^2/(ln2/2) * (1/2)/(3/2)^2 = ln2/2.25. */
  double p = log(2.0) / 2, q = p;
  CHECK_NEAR(rs__bass_cdf(p, q, 0), 0, 0);
  CHECK_NEAR(rs__bass_cdf(p, q, -3), 0, 0);
  CHECK_REL(rs__bass_cdf(p, q, 1), 1.0 / 3, 1e-14);
  CHECK_REL(rs__bass_cdf(p, q, 2), 0.6, 1e-14);
  CHECK_REL(rs__bass_pdf(p, q, 1), log(2.0) / 2.25, 1e-14);
  CHECK_REL(rs__bass_pdf(p, q, 0), p, 1e-14); /* f(0) = p */
  CHECK_NEAR(rs__bass_pdf(p, q, -1), 0, 0);
  CHECK_REL(rs__bass_time_to(p, q, 1.0 / 3), 1.0, 1e-13);
  CHECK_REL(rs__bass_time_to(p, q, 0.6), 2.0, 1e-13);

  /* q = 0: pure innovation, F = 1 - e^{-pt}; p = 0.5, t = 2: 1 - 1/e. */
  CHECK_REL(rs__bass_cdf(0.5, 0, 2), 1 - exp(-1.0), 1e-14);
  CHECK_REL(rs__bass_pdf(0.5, 0, 2), 0.5 * exp(-1.0), 1e-14);
  CHECK_NEAR(rs__bass_peak_time(0.5, 0), 0, 0);
}

static void test_limits(void) {
  /* F -> 1, and no NaN for very large t. */
  CHECK_REL(rs__bass_cdf(0.03, 0.38, 60), 1, 1e-9);
  CHECK(rs__bass_cdf(0.03, 0.38, 1e6) == 1);
  CHECK(rs__bass_pdf(0.03, 0.38, 1e6) == 0);
  for (double t = 0; t < 50; t += 0.25) {
    double f = rs__bass_cdf(0.03, 0.38, t);
    CHECK(f >= 0 && f <= 1);
    CHECK(rs__bass_cdf(0.03, 0.38, t + 0.25) >= f); /* monotone */
  }
  /* p = 0: nobody innovates, nobody imitates. */
  CHECK(rs__bass_cdf(0, 0.5, 10) == 0);
  CHECK(rs__bass_pdf(0, 0.5, 10) == 0);
  CHECK(isinf(rs__bass_peak_time(0, 0.5)));
  CHECK(isinf(rs__bass_time_to(0, 0.5, 0.5)));
  CHECK(rs__bass_cdf(0, 0, 10) == 0);
  /* p -> 0: F ~ p (e^{qt} - 1)/q, continuous with p = 0 (first-order expansion). */
  double p = 1e-12, q = 0.5, t = 10;
  CHECK_REL(rs__bass_cdf(p, q, t), p * (exp(q * t) - 1) / q, 1e-6);
  CHECK(isfinite(rs__bass_pdf(1e-300, 0.5, 3)) && rs__bass_pdf(1e-300, 0.5, 3) >= 0);
  CHECK(isfinite(rs__bass_cdf(1e-300, 0.5, 3)));
  /* Non-finite input never gives NaN. */
  CHECK(rs__bass_cdf(0.03, 0.38, NAN) == 0);
  CHECK(rs__bass_cdf(NAN, 0.38, 1) == 0);
  CHECK(rs__bass_cdf(0.03, 0.38, INFINITY) == 1);
  CHECK(rs__bass_time_to(0.03, 0.38, 0) == 0);
  CHECK(isinf(rs__bass_time_to(0.03, 0.38, 1)));
}

static void test_derivative_and_integral(void) {
  const double pq[][2] = {{0.03, 0.38}, {0.2, 0.1}, {0.5, 2.0}, {1e-4, 0.9}};
  for (int k = 0; k < 4; k++) {
    double p = pq[k][0], q = pq[k][1];
    for (double t = 0.05; t < 12; t += 0.7) {
      double h = 1e-5;
      double num = (rs__bass_cdf(p, q, t + h) - rs__bass_cdf(p, q, t - h)) / (2 * h);
      CHECK_NEAR(rs__bass_pdf(p, q, t), num, 1e-8 + 1e-6 * num);
    }
    /* Simpson's rule over [0, 8] with 800 intervals: integral of f equals F(8). */
    int n = 800;
    double a = 0, b = 8, w = (b - a) / n, s = rs__bass_pdf(p, q, a) + rs__bass_pdf(p, q, b);
    for (int i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * rs__bass_pdf(p, q, a + i * w);
    CHECK_NEAR(s * w / 3, rs__bass_cdf(p, q, b), 1e-9);
    /* time_to inverts F. */
    for (double f = 0.05; f < 1; f += 0.1) CHECK_REL(rs__bass_cdf(p, q, rs__bass_time_to(p, q, f)), f, 1e-12);
  }
}

static void test_peak(void) {
  /* p = 0.05, q = 0.45: t* = ln(9)/0.5 = 2 ln 9 years, and F(t*) = 1/2 - p/(2q) = 4/9. */
  double p = 0.05, q = 0.45, ts = 2 * log(9.0);
  CHECK_REL(rs__bass_peak_time(p, q), ts, 1e-14);
  CHECK_REL(rs__bass_cdf(p, q, ts), 4.0 / 9, 1e-13);
  double fmax = rs__bass_pdf(p, q, ts);
  CHECK(rs__bass_pdf(p, q, ts - 0.01) < fmax);
  CHECK(rs__bass_pdf(p, q, ts + 0.01) < fmax);
  /* Numeric derivative of f is zero there. */
  double h = 1e-4;
  CHECK_NEAR((rs__bass_pdf(p, q, ts + h) - rs__bass_pdf(p, q, ts - h)) / (2 * h), 0, 1e-8);
  /* q <= p: the rate only falls, peak at opening. */
  CHECK(rs__bass_peak_time(0.2, 0.1) == 0);
  CHECK(rs__bass_pdf(0.2, 0.1, 0.5) < rs__bass_pdf(0.2, 0.1, 0));
}

static void test_novelty(void) {
  /* Half-life 14 days: 0.8, 0.4, 0.2 at 0, 14, 28 days. */
  CHECK_REL(rs__novelty(0.8, 14, 0), 0.8, 1e-15);
  CHECK_REL(rs__novelty(0.8, 14, 14), 0.4, 1e-15);
  CHECK_REL(rs__novelty(0.8, 14, 28), 0.2, 1e-15);
  CHECK_REL(rs__novelty(0.8, 14, 7), 0.8 / sqrt(2.0), 1e-15);
  CHECK(rs__novelty(0.8, 14, -1) == 0);
  CHECK(rs__novelty(0.8, 0, 3) == 0);
  CHECK(rs__novelty(0, 14, 3) == 0);
  CHECK(rs__novelty(0.8, 14, 1e9) == 0);

  /* adoption = F(t/365.25) + N(t): one year after opening with p = q = ln2/2
   * F = 1/3; half-life 36.525 days gives novelty 0.5 * 2^-10. */
  rs__adoption a = {log(2.0) / 2, log(2.0) / 2, 0.5, 36.525};
  CHECK(rs__adoption_check(&a) == NULL);
  CHECK_REL(rs__adoption_factor(&a, 365.25), 1.0 / 3 + 0.5 / 1024, 1e-13);
  CHECK_REL(rs__adoption_factor(&a, 0), 0.5, 1e-15);
  CHECK(rs__adoption_factor(&a, -1) == 0);
  CHECK(rs__adoption_factor(NULL, 5) == 0);

  rs__adoption bad = a;
  bad.p = 0;
  CHECK(rs__adoption_check(&bad) != NULL);
  bad = a, bad.q = -0.1;
  CHECK(rs__adoption_check(&bad) != NULL);
  bad = a, bad.q = NAN;
  CHECK(rs__adoption_check(&bad) != NULL);
  bad = a, bad.novelty = -1;
  CHECK(rs__adoption_check(&bad) != NULL);
  bad = a, bad.novelty_half_life_d = INFINITY;
  CHECK(rs__adoption_check(&bad) != NULL);
  bad = a, bad.p = 1e6;
  CHECK(rs__adoption_check(&bad) != NULL);
  CHECK(rs__adoption_check(NULL) != NULL);
}

int main(void) {
  test_hand_values();
  test_limits();
  test_derivative_and_integral();
  test_peak();
  test_novelty();
  return check_done();
}
