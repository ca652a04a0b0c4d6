/* Ramp-up of a new line (DESIGN 1.1, factor adoption(d)): Bass diffusion for
 * the share of the market that has adopted the line, plus a decaying novelty
 * term for trial trips right after opening. Pure functions of numbers, no
 * allocation; formulas and sources in docs/demand-model.md.
 *
 *   F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})     cumulative adoption
 *   f(t) = dF/dt = p (p+q)^2 e^{-(p+q)t} / (p + q e^{-(p+q)t})^2
 *   N(t) = A * 2^{-t/h}                                     novelty (trial trips)
 *   adoption(t) = F(t) + N(t)
 *
 * t is years since opening for F and f (p and q per year); the novelty
 * half-life h is in days. Before opening (t < 0) everything is 0. */
#ifndef RS__ADOPTION_H
#define RS__ADOPTION_H

#define RS__DAYS_PER_YEAR 365.25

/* Cumulative adoption F(t) in [0, 1]. p >= 0 (innovation), q >= 0
 * (imitation). p = 0: nobody starts, F = 0; q = 0: 1 - e^{-pt}. */
double rs__bass_cdf(double p, double q, double t_years);
/* Adoption rate f(t) = dF/dt, per year. f(0) = p. */
double rs__bass_pdf(double p, double q, double t_years);
/* Time of the adoption-rate peak, ln(q/p)/(p+q) years; 0 when q <= p (the rate
 * only falls); INFINITY when p = 0 < q. */
double rs__bass_peak_time(double p, double q);
/* Years until F reaches FRAC in [0, 1): ln((1 + (q/p) FRAC) / (1 - FRAC)) / (p+q).
 * INFINITY when p = 0 or FRAC >= 1, 0 when FRAC <= 0. */
double rs__bass_time_to(double p, double q, double frac);

/* Novelty: AMPLITUDE * 2^{-t/HALF_LIFE}, t and half-life in days. 0 for
 * t < 0 or a half-life <= 0 (no novelty). */
double rs__novelty(double amplitude, double half_life_days, double t_days);

/* The parameters of adoption(d), as the scenario gives them. */
typedef struct rs__adoption {
  double p;                   /* Bass innovation coefficient, per year */
  double q;                   /* Bass imitation coefficient, per year */
  double novelty;             /* A: extra trips at opening, as a share of the market */
  double novelty_half_life_d; /* h: days for the novelty term to halve */
} rs__adoption;

/* NULL when A is usable, else a message naming the bad parameter (a static
 * string), for the scenario validator: p, q, novelty finite and >= 0,
 * half-life finite and >= 0 (0 disables novelty). */
const char *rs__adoption_check(const rs__adoption *a);

/* adoption(t) = F(t / 365.25) + N(t) for T_DAYS days since opening (0 on the
 * opening day). May exceed 1 while the novelty term lasts. */
double rs__adoption_factor(const rs__adoption *a, double t_days);

#endif
