/* Logit mode choice: binary logit by hand, IIA, availability, extreme
 * utilities, elasticities against finite differences, a corridor example
 * against an independent computation, and day-to-day learning. */
#include <math.h>
#include <string.h>
#include "check.h"
#include "model/choice.h"
#include "ridersim/ridersim.h"

static int all_finite(const double *p, int m) {
  for (int i = 0; i < m; i++)
    if (!isfinite(p[i])) return 0;
  return 1;
}

static void test_names(void) {
  for (int k = 0; k < RS__NATTR; k++) CHECK(rs__attr_parse(rs__attr_name(k)) == k);
  CHECK(rs__attr_parse("cost") == RS__ATTR_COST);
  CHECK(rs__attr_parse("fare") == -1);
  CHECK(strcmp(rs__attr_name(RS__NATTR), "?") == 0);
}

static void test_binary_by_hand(void) {
  double p[2];
  /* V = (0, ln 3): P = (1/4, 3/4). */
  double v[2] = {0, log(3.0)};
  CHECK(rs__logit_probs(v, NULL, 2, p) == RS_OK);
  CHECK_REL(p[0], 0.25, 1e-15);
  CHECK_REL(p[1], 0.75, 1e-15);
  /* V = (1, 0): P1 = e/(1+e) = 1/(1+e^-1). */
  double w[2] = {1, 0};
  CHECK(rs__logit_probs(w, NULL, 2, p) == RS_OK);
  CHECK_REL(p[0], 1 / (1 + exp(-1.0)), 1e-15);
  /* Equal utilities: equal shares. */
  double e3[3] = {-2, -2, -2};
  double p3[3];
  CHECK(rs__logit_probs(e3, NULL, 3, p3) == RS_OK);
  CHECK_REL(p3[1], 1.0 / 3, 1e-15);

  /* Utility by hand: -0.5 - 0.03*30 - 0.06*6 - 0.05*10 - 0.3*1 - 0.06*8 - 0.02*5 = -3.14. */
  double beta[RS__NATTR] = {-0.03, -0.06, -0.05, -0.3, -0.06, -0.02};
  double x[RS__NATTR] = {30, 6, 10, 1, 8, 5};
  CHECK_REL(rs__logit_utility(-0.5, beta, x), -3.14, 1e-14);
  /* A zero beta ignores its attribute even when it is infinite. */
  double b0[RS__NATTR] = {-0.03, 0, 0, 0, 0, 0};
  double xi[RS__NATTR] = {10, INFINITY, 0, 0, 0, 0};
  CHECK_REL(rs__logit_utility(0, b0, xi), -0.3, 1e-15);
}

static void test_iia_and_availability(void) {
  double v[4] = {-1.3, 0.4, -0.2, 2.1}, p[4], q[4];
  CHECK(rs__logit_probs(v, NULL, 4, p) == RS_OK);
  double sum = p[0] + p[1] + p[2] + p[3];
  CHECK_NEAR(sum, 1, 1e-15);
  for (int a = 0; a < 4; a++)
    for (int b = 0; b < 4; b++) CHECK_REL(p[a] / p[b], exp(v[a] - v[b]), 1e-13);
  /* Remove mode 3: it gets 0, the others keep their ratios and renormalise. */
  int avail[4] = {1, 1, 1, 0};
  CHECK(rs__logit_probs(v, avail, 4, q) == RS_OK);
  CHECK(q[3] == 0);
  CHECK_NEAR(q[0] + q[1] + q[2], 1, 1e-15);
  CHECK_REL(q[0] / q[1], exp(v[0] - v[1]), 1e-13);
  CHECK_REL(q[0], p[0] / (1 - p[3]), 1e-13);
  /* Nothing available. */
  int none[4] = {0, 0, 0, 0};
  CHECK(rs__logit_probs(v, none, 4, q) == RS_EINVAL);
  CHECK(q[0] == 0 && q[1] == 0 && q[2] == 0 && q[3] == 0);
  CHECK(rs__logit_probs(v, NULL, 0, q) == RS_EINVAL);
  /* An unavailable mode may carry any utility, even NaN. */
  double vn[3] = {0, NAN, 0};
  int a2[3] = {1, 0, 1};
  CHECK(rs__logit_probs(vn, a2, 3, q) == RS_OK);
  CHECK_REL(q[0], 0.5, 1e-15);
  CHECK(rs__logit_probs(vn, NULL, 3, q) == RS_EINVAL);
}

static void test_extremes(void) {
  double p[3];
  double big[3] = {1000, 0, -1000};
  CHECK(rs__logit_probs(big, NULL, 3, p) == RS_OK && all_finite(p, 3));
  CHECK(p[0] == 1 && p[1] < 1e-300 && p[2] == 0);
  /* exp(710) overflows; the difference is what matters: e/(1+e). */
  double ov[2] = {710, 709};
  CHECK(rs__logit_probs(ov, NULL, 2, p) == RS_OK);
  CHECK_REL(p[0], 1 / (1 + exp(-1.0)), 1e-14);
  double un[2] = {-800, -801};
  CHECK(rs__logit_probs(un, NULL, 2, p) == RS_OK);
  CHECK_REL(p[0], 1 / (1 + exp(-1.0)), 1e-14);
  double huge[2] = {1e308, 1e308};
  CHECK(rs__logit_probs(huge, NULL, 2, p) == RS_OK);
  CHECK_REL(p[0], 0.5, 1e-15);
  double tiny[2] = {-1e308, -1e308};
  CHECK(rs__logit_probs(tiny, NULL, 2, p) == RS_OK);
  CHECK_REL(p[1], 0.5, 1e-15);
  double pinf[3] = {INFINITY, 5, INFINITY};
  CHECK(rs__logit_probs(pinf, NULL, 3, p) == RS_OK);
  CHECK(p[0] == 0.5 && p[1] == 0 && p[2] == 0.5);
  double minf[2] = {-INFINITY, 0};
  CHECK(rs__logit_probs(minf, NULL, 2, p) == RS_OK);
  CHECK(p[0] == 0 && p[1] == 1);
  double allminf[2] = {-INFINITY, -INFINITY};
  CHECK(rs__logit_probs(allminf, NULL, 2, p) == RS_OK);
  CHECK(p[0] == 0.5 && p[1] == 0.5);
}

/* Metro probability of the corridor below with the metro fare and wait set. */
static double metro_p(const rs__mode_alt *base, int m, const double *beta, int attr,
                      double value) {
  rs__mode_alt alt[4];
  double v[4], p[4];
  memcpy(alt, base, (size_t)m * sizeof *alt);
  alt[0].x[attr] = value;
  if (rs__logit_choice(alt, m, beta, v, p) != RS_OK) return NAN;
  return p[0];
}

/* Ziyang -> central Chengdu, the worked example of docs/demand-model.md:
 * metro (Ziyang Line + Line 18), high-speed rail from Ziyang North, coach,
 * car. Expected values from an independent computation (Python, by the
 * formulas): V = (-4.225, -5.6, -7.075, -4.325), P_metro = 0.451361033780517. */
static void test_corridor(void) {
  const double beta[RS__NATTR] = {-0.03, -0.10, -0.045, -0.25, -0.05, -0.02};
  const rs__mode_alt modes[4] = {
      {0.0, {60, 9, 15, 1, 12, 0}, 1},   /* metro: 12-min headway -> 6 min + 3 at the transfer */
      {0.0, {45, 12, 30, 1, 29, 0}, 1},  /* HSR + metro in Chengdu */
      {-0.4, {100, 15, 15, 1, 25, 0}, 1},/* coach */
      {1.6, {90, 0, 5, 0, 60, 0}, 1},    /* car: fuel, tolls, parking */
  };
  double v[4], p[4];
  CHECK(rs__logit_choice(modes, 4, beta, v, p) == RS_OK);
  CHECK_REL(v[0], -4.225, 1e-14);
  CHECK_REL(v[1], -5.6, 1e-14);
  CHECK_REL(v[2], -7.075, 1e-14);
  CHECK_REL(v[3], -4.325, 1e-14);
  CHECK_REL(p[0], 0.45136103378051745, 1e-12);
  CHECK_REL(p[1], 0.11412194134307854, 1e-12);
  CHECK_REL(p[2], 0.026108672468399038, 1e-12);
  CHECK_REL(p[3], 0.40840835240800505, 1e-12);

  /* Own elasticities against central finite differences of the model. */
  for (int k = 0; k < RS__NATTR; k++) {
    double x = modes[0].x[k];
    if (x == 0) continue;
    double h = 1e-5;
    double num = (log(metro_p(modes, 4, beta, k, x * (1 + h))) -
                  log(metro_p(modes, 4, beta, k, x * (1 - h)))) /
                 (log(1 + h) - log(1 - h));
    CHECK_NEAR(rs__elast_own(beta[k], x, p[0]), num, 1e-8);
  }
  /* Cross elasticity of every other mode to the metro fare. */
  double x = modes[0].x[RS__ATTR_COST], h = 1e-5;
  rs__mode_alt up[4], dn[4];
  memcpy(up, modes, sizeof up);
  memcpy(dn, modes, sizeof dn);
  up[0].x[RS__ATTR_COST] = x * (1 + h);
  dn[0].x[RS__ATTR_COST] = x * (1 - h);
  double pu[4], pd[4];
  rs__logit_choice(up, 4, beta, v, pu);
  rs__logit_choice(dn, 4, beta, v, pd);
  for (int i = 1; i < 4; i++) {
    double num = (log(pu[i]) - log(pd[i])) / (log(1 + h) - log(1 - h));
    CHECK_NEAR(rs__elast_cross(beta[RS__ATTR_COST], x, p[0]), num, 1e-8);
  }

  /* The implied elasticities land in the published ranges: fare -0.2..-0.6
   * (independently: -0.05*12*(1-P) = -0.329183379731690), frequency
   * +0.3..+0.8 (0.10*6*(1-P), the 6 min that scale with the 12-min headway). */
  double ef = rs__elast_own(beta[RS__ATTR_COST], 12, p[0]);
  double eh = rs__elast_frequency(beta[RS__ATTR_WAIT], 6, p[0]);
  CHECK_REL(ef, -0.3291833797316896, 1e-12);
  CHECK_REL(eh, 0.3291833797316896, 1e-12);
  CHECK(ef <= -0.2 && ef >= -0.6);
  CHECK(eh >= 0.3 && eh <= 0.8);
  /* Frequency elasticity against the model: headway 12 -> 12(1+h) changes
   * wait 9 -> 3 + 6(1+h), frequency by 1/(1+h). */
  double num = (log(metro_p(modes, 4, beta, RS__ATTR_WAIT, 3 + 6 / (1 + h))) -
                log(metro_p(modes, 4, beta, RS__ATTR_WAIT, 3 + 6 / (1 - h)))) /
               (log(1 + h) - log(1 - h));
  CHECK_NEAR(eh, num, 1e-8);
  /* Arc elasticities (Python): fare +10% -0.35004810437166944; headway
   * halved, wait 9 -> 6: 0.22128210919798214. */
  double p0 = p[0];
  CHECK_REL(rs__arc_elasticity(12, p0, 13.2, metro_p(modes, 4, beta, RS__ATTR_COST, 13.2)),
            -0.35004810437166944, 1e-10);
  CHECK_REL(rs__arc_elasticity(12, p0, 6, metro_p(modes, 4, beta, RS__ATTR_WAIT, 6)) * -1,
            0.22128210919798214, 1e-10);

  /* Remove HSR (unavailable): P_metro by IIA = P0 / (1 - P_hsr). */
  rs__mode_alt nohsr[4];
  memcpy(nohsr, modes, sizeof nohsr);
  nohsr[1].available = 0;
  double q[4];
  CHECK(rs__logit_choice(nohsr, 4, beta, v, q) == RS_OK);
  CHECK(q[1] == 0);
  CHECK_REL(q[0], p[0] / (1 - p[1]), 1e-13);
  for (int i = 0; i < 4; i++) nohsr[i].available = 0;
  CHECK(rs__logit_choice(nohsr, 4, beta, v, q) == RS_EINVAL);
}

static void test_elasticity_helpers(void) {
  /* y = x^-0.4 has arc elasticity -0.4 between any two points. */
  CHECK_REL(rs__arc_elasticity(2, pow(2, -0.4), 3, pow(3, -0.4)), -0.4, 1e-13);
  CHECK(isnan(rs__arc_elasticity(2, 1, 2, 3)));
  CHECK(isnan(rs__arc_elasticity(0, 1, 2, 3)));
  CHECK(isnan(rs__arc_elasticity(1, -1, 2, 3)));
  CHECK(isnan(rs__arc_elasticity(1, 1, INFINITY, 3)));
  /* By hand: beta -0.05, x 8, P 0.3: -0.05*8*0.7 = -0.28; cross 0.05*8*0.3 = 0.12. */
  CHECK_REL(rs__elast_own(-0.05, 8, 0.3), -0.28, 1e-14);
  CHECK_REL(rs__elast_cross(-0.05, 8, 0.3), 0.12, 1e-14);
  CHECK_REL(rs__elast_frequency(-0.08, 6, 0.3), 0.336, 1e-14);
  /* Aggregate: 1000 trips at -0.2 and 3000 at -0.6 -> -0.5. */
  double e[3] = {-0.2, -0.6, NAN}, t[3] = {1000, 3000, 0};
  CHECK_REL(rs__elast_aggregate(e, t, 3), -0.5, 1e-14);
  CHECK(isnan(rs__elast_aggregate(e, t + 2, 1)));
  /* Segment elasticities aggregate to the elasticity of total trips: two
   * segments, markets 100 and 300, metro fare 12 with different alternatives. */
  const double beta[RS__NATTR] = {-0.03, -0.1, -0.045, -0.25, -0.05, -0.02};
  rs__mode_alt s1[2] = {{0, {60, 9, 15, 1, 12, 0}, 1}, {1.0, {90, 0, 5, 0, 60, 0}, 1}};
  rs__mode_alt s2[2] = {{0, {60, 9, 15, 1, 12, 0}, 1}, {-0.5, {45, 12, 30, 1, 29, 0}, 1}};
  double v[2], p1[2], p2[2], h = 1e-5;
  rs__logit_choice(s1, 2, beta, v, p1);
  rs__logit_choice(s2, 2, beta, v, p2);
  double es[2] = {rs__elast_own(beta[RS__ATTR_COST], 12, p1[0]),
                  rs__elast_own(beta[RS__ATTR_COST], 12, p2[0])};
  double ts[2] = {100 * p1[0], 300 * p2[0]};
  double tot[2];
  for (int sgn = 0; sgn < 2; sgn++) {
    double f = 12 * (sgn ? 1 - h : 1 + h);
    s1[0].x[RS__ATTR_COST] = f, s2[0].x[RS__ATTR_COST] = f;
    double a[2], b[2];
    rs__logit_choice(s1, 2, beta, v, a);
    rs__logit_choice(s2, 2, beta, v, b);
    tot[sgn] = 100 * a[0] + 300 * b[0];
  }
  CHECK_NEAR(rs__elast_aggregate(es, ts, 2),
             (log(tot[0]) - log(tot[1])) / (log(1 + h) - log(1 - h)), 1e-8);
}

static void test_learning(void) {
  /* alpha 0.3: 10 -> 0.7*10 + 0.3*20 = 13. */
  CHECK_REL(rs__learn(10, 20, 0.3), 13, 1e-15);
  CHECK(rs__learn(10, 20, 0) == 10);
  CHECK(rs__learn(10, 20, 1) == 20);
  CHECK(rs__learn(10, 20, 1.5) == 20); /* clamped */
  CHECK(rs__learn(10, 20, -1) == 10);
  CHECK(rs__learn(10, 20, NAN) == 10);
  CHECK(rs__learn(NAN, 20, 0.3) == 20); /* first experience */
  CHECK(rs__learn(10, NAN, 0.3) == 10); /* nothing measured today */
  /* n days of constant experience E: E + (P0 - E)(1 - alpha)^n. */
  double per = 4, E = 9, a = 0.2;
  for (int n = 1; n <= 30; n++) {
    per = rs__learn(per, E, a);
    CHECK_REL(per, E + (4 - E) * pow(1 - a, n), 1e-13);
  }
  double pv[3] = {1, NAN, 5}, ex[3] = {3, 7, NAN};
  rs__learn_vec(pv, ex, 3, 0.5);
  CHECK(pv[0] == 2 && pv[1] == 7 && pv[2] == 5);
}

int main(void) {
  test_names();
  test_binary_by_hand();
  test_iia_and_availability();
  test_extremes();
  test_corridor();
  test_elasticity_helpers();
  test_learning();
  return check_done();
}
