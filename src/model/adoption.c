/* Bass diffusion and the novelty term. Written in the form multiplied through
 * by p, F = p(1 - E) / (p + qE) with E = e^{-(p+q)t}, so p -> 0 and q = 0 need
 * no division by p, and expm1 keeps 1 - E accurate for small (p+q)t. */
#include <math.h>
#include <stddef.h>
#include "model/adoption.h"

/* Coefficients above this (per year) are refused: adoption within hours makes
 * no sense and keeps (p+q)^2 far from overflow. */
#define RS__BASS_MAX 1000.0

double rs__bass_cdf(double p, double q, double t) {
  if (!(t > 0) || !(p > 0) || !(q >= 0)) return 0;
  double s = p + q;
  double e = exp(-s * t);
  double f = p * -expm1(-s * t) / (p + q * e);
  return f < 0 ? 0 : (f > 1 ? 1 : f);
}

double rs__bass_pdf(double p, double q, double t) {
  if (!(t >= 0) || !(p > 0) || !(q >= 0)) return 0;
  double s = p + q;
  double e = exp(-s * t);
  double den = p + q * e;
  return p * s * s * e / (den * den);
}

double rs__bass_peak_time(double p, double q) {
  if (!(p > 0)) return q > 0 ? INFINITY : 0;
  if (!(q > p)) return 0;
  return log(q / p) / (p + q);
}

double rs__bass_time_to(double p, double q, double frac) {
  if (!(frac > 0)) return 0;
  if (frac >= 1 || !(p > 0)) return INFINITY;
  if (!(q >= 0)) q = 0;
  /* From F(1 + (q/p)E) = 1 - E: E = (1 - F)/(1 + (q/p)F). */
  return (log1p(q / p * frac) - log1p(-frac)) / (p + q);
}

double rs__novelty(double amplitude, double half_life_days, double t_days) {
  if (!(t_days >= 0) || !(half_life_days > 0) || amplitude == 0) return 0;
  return amplitude * exp2(-t_days / half_life_days);
}

const char *rs__adoption_check(const rs__adoption *a) {
  if (!a) return "adoption parameters missing";
  if (!isfinite(a->p) || a->p <= 0 || a->p > RS__BASS_MAX)
    return "bass p (innovation, per year) must be > 0 and at most 1000";
  if (!isfinite(a->q) || a->q < 0 || a->q > RS__BASS_MAX)
    return "bass q (imitation, per year) must be >= 0 and at most 1000";
  if (!isfinite(a->novelty) || a->novelty < 0)
    return "novelty (extra trips at opening, share of the market) must be >= 0";
  if (!isfinite(a->novelty_half_life_d) || a->novelty_half_life_d < 0)
    return "novelty half-life (days) must be >= 0";
  return NULL;
}

double rs__adoption_factor(const rs__adoption *a, double t_days) {
  if (!a || !(t_days >= 0)) return 0;
  return rs__bass_cdf(a->p, a->q, t_days / RS__DAYS_PER_YEAR) +
         rs__novelty(a->novelty, a->novelty_half_life_d, t_days);
}
