/* Calibration: from a deliberately wrong baseline (market halved, Bass
 * imitation doubled), the fit must reproduce observed.yaml at least as well
 * as the hand-made baseline (weighted sum of squares, expected mode); the
 * independence count; what the figures determine (an SVD worked by hand, and
 * the baseline's ramp-up) and priors. */
#include <math.h>
#include <stdio.h>
#include "check.h"
#include <stdlib.h>
#include "drivers/calibrate.h"
#include "ridersim/calibrate.h"

/* J = diag(3, 0.5) (rows: figures, columns: log-space parameters): singular
 * values 3 (vector e1) and 0.5 (e2), so the second parameter is pinned only to
 * +-2 and is not determined (threshold 1). A lognormal prior of sdlog 0.5 adds
 * the row (0, 1/0.5 = 2): the stacked matrix has singular values 3 and
 * sqrt(0.5^2 + 2^2) = 2.0616, so both are determined. The prior's residual at
 * theta = ln(20) + 0.8 with median 20, sdlog 0.8 is exactly 1. */
static void test_identify_by_hand(void) {
  rs_calib *c = calloc(1, sizeof *c);
  c->np = 2;
  c->ran = 1;
  for (int i = 0; i < 2; i++) c->p[i].log_space = 1;
  double jac[4] = {3, 0, 0, 0.5};
  CHECK(rs__calib_identify(c, jac, 2) == RS_OK);
  double sv, vec[2];
  CHECK(rs_calib_ident(c, 0, &sv, vec) == RS_OK);
  CHECK_NEAR(sv, 3, 1e-12);
  CHECK_NEAR(fabs(vec[0]), 1, 1e-12);
  CHECK(rs_calib_ident(c, 1, &sv, vec) == RS_OK);
  CHECK_NEAR(sv, 0.5, 1e-12);
  CHECK_NEAR(fabs(vec[1]), 1, 1e-12);
  CHECK(rs_calib_determined(c, 0) == 1);
  CHECK(rs_calib_determined(c, 1) == 0);
  c->p[1].prior = RS__PRIOR_LOGNORMAL;
  c->p[1].prior_a = 20;
  c->p[1].prior_b = 0.5;
  CHECK(rs__calib_identify(c, jac, 2) == RS_OK);
  CHECK(rs_calib_determined(c, 1) == 1);
  c->p[1].prior_b = 0.8;
  CHECK_NEAR(rs__calib_prior_residual(&c->p[1], log(20.0) + 0.8), 1.0, 1e-12);
  /* no prior: the ridge, RS__CALIB_RIDGE per unit from the start */
  c->p[0].theta0 = 2;
  CHECK_NEAR(rs__calib_prior_residual(&c->p[0], 3), RS__CALIB_RIDGE, 1e-15);
  free(c->sv);
  free(c->svec);
  free(c);
}

int main(void) {
  rs_init();
  test_identify_by_hand();
  rs_diag *d = rs_diag_alloc();
  double base = NAN, wrong = NAN;
  CHECK(rs_calib_score("../scenarios/ziyang/baseline.yaml", NULL, 0, &base, d) == RS_OK);
  CHECK(rs_calib_score("data/calib/wrong.yaml", NULL, 0, &wrong, d) == RS_OK);
  /* halving the market puts every figure ~40% low: cumulative alone is 0.4/0.03 = 13 sd */
  CHECK(wrong > 100);

  rs_calib *c = NULL;
  CHECK(rs_calib_alloc("data/calib/wrong.yaml", NULL, 0, NULL, &c, d) == RS_OK);
  /* observed.yaml: 12 figures; 2 bounds; total+mean of National Day are one; the
   * record day and the peak of the week (same value) are one; the cumulative; the
   * commuter share; 4 mode shares: 3 + 1 + 4 = 8 */
  CHECK(rs_calib_nobs(c) == 12);
  CHECK(rs_calib_independent(c) == 8);
  CHECK(rs_calib_add_param(c, "market.scale", d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.adoption.bass_q", d) == RS_OK);
  rs_calib_param_info p;
  CHECK(rs_calib_param(c, 0, &p) == RS_OK && p.start == 0.11 && p.log_space);
  CHECK(rs_calib_param(c, 1, &p) == RS_OK && p.start == 3.6);
  CHECK(rs_calib_run(c, 100, d) == RS_OK);
  rs_calib_stats st;
  CHECK(rs_calib_stats_get(c, &st) == RS_OK);
  printf("baseline chisq %.4g, wrong %.4g, calibrated %.4g (%d iterations)\n", base, wrong,
         st.chisq, st.iterations);
  CHECK(st.chisq <= base * 1.001 + 1e-9);
  /* the market must come back up: the counts were about half at scale 0.11 (the
   * baseline has 0.2326) */
  CHECK(rs_calib_param(c, 0, &p) == RS_OK && p.estimate > 0.17 && p.estimate < 0.3);
  CHECK(p.se > 0 && isfinite(p.se));
  /* each fitted figure within its tolerance (residual = error / tolerance) */
  for (int i = 0; i < rs_calib_nobs(c); i++) {
    rs_calib_obs_info o;
    CHECK(rs_calib_obs(c, i, &o) == RS_OK);
    CHECK(fabs(o.residual) <= 1.0);
  }
  CHECK_NEAR(rs_calib_corr(c, 0, 0), 1.0, 1e-9);
  rs_calib_free(c);

  /* The ramp-up: at the baseline's bass_p (28.7 a year) adoption is complete
   * within days, so no figure moves with bass_p: fitted, not refused, and
   * reported as not determined; a prior determines it. */
  CHECK(rs_calib_alloc("../scenarios/ziyang/baseline.yaml", NULL, 0, NULL, &c, d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.scale", d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.adoption.bass_p", d) == RS_OK);
  CHECK(rs_calib_run(c, 30, d) == RS_OK);
  CHECK(rs_calib_determined(c, 0) == 1);
  CHECK(rs_calib_determined(c, 1) == 0);
  double sv;
  CHECK(rs_calib_ident(c, 1, &sv, NULL) == RS_OK && sv < RS_CALIB_SV_DETERMINED);
  CHECK(rs_calib_add_prior(c, "market.adoption.bass_p=lognormal:20:0.8", d) == RS_OK);
  CHECK(rs_calib_run(c, 30, d) == RS_OK);
  CHECK(rs_calib_determined(c, 1) == 1);
  /* the figures say next to nothing: the estimate stays within a quarter of the
   * prior's sd (in log) of its median */
  CHECK(rs_calib_param(c, 1, &p) == RS_OK && fabs(log(p.estimate / 20)) < 0.25 * 0.8);
  printf("bass_p with a prior: %g\n", p.estimate);
  CHECK(rs_calib_add_prior(c, "market.nosuch=normal:1:1", d) != RS_OK);
  CHECK(rs_calib_add_prior(c, "market.scale=lognormal:1:0", d) != RS_OK);
  /* an unknown key is refused when added */
  CHECK(rs_calib_add_param(c, "market.nosuch", d) != RS_OK);
  rs_calib_free(c);
  rs_diag_free(d);
  return check_done();
}
