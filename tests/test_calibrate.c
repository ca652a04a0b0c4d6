/* Calibration: from a deliberately wrong baseline (market halved, Bass
 * imitation doubled), the fit must reproduce observed.yaml at least as well
 * as the hand-made baseline (weighted sum of squares, expected mode); and the
 * independence count and the under-determined refusal. */
#include <math.h>
#include <stdio.h>
#include "check.h"
#include "ridersim/calibrate.h"

int main(void) {
  rs_init();
  rs_diag *d = rs_diag_alloc();
  double base = NAN, wrong = NAN;
  CHECK(rs_calib_score("../scenarios/ziyang/baseline.yaml", NULL, 0, &base, d) == RS_OK);
  CHECK(rs_calib_score("data/calib/wrong.yaml", NULL, 0, &wrong, d) == RS_OK);
  /* halving the market puts every figure ~40% low: cumulative alone is 0.4/0.03 = 13 sd */
  CHECK(wrong > 100);

  rs_calib *c = NULL;
  CHECK(rs_calib_alloc("data/calib/wrong.yaml", NULL, 0, NULL, &c, d) == RS_OK);
  /* observed.yaml: 7 figures; 2 bounds; total+mean of National Day are one; the
   * record day and the peak of the week (same value) are one; the cumulative: 3 */
  CHECK(rs_calib_nobs(c) == 7);
  CHECK(rs_calib_independent(c) == 3);
  CHECK(rs_calib_add_param(c, "market.scale", d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.adoption.bass_q", d) == RS_OK);
  rs_calib_param_info p;
  CHECK(rs_calib_param(c, 0, &p) == RS_OK && p.start == 0.5 && p.log_space);
  CHECK(rs_calib_param(c, 1, &p) == RS_OK && p.start == 3.6);
  CHECK(rs_calib_run(c, 100, d) == RS_OK);
  rs_calib_stats st;
  CHECK(rs_calib_stats_get(c, &st) == RS_OK);
  printf("baseline chisq %.4g, wrong %.4g, calibrated %.4g (%d iterations)\n", base, wrong,
         st.chisq, st.iterations);
  CHECK(st.chisq <= base * 1.001 + 1e-9);
  /* the market must come back up: every figure was ~40% low at scale 0.5 */
  CHECK(rs_calib_param(c, 0, &p) == RS_OK && p.estimate > 0.7 && p.estimate < 1.2);
  CHECK(p.se > 0 && isfinite(p.se));
  /* each fitted figure within its tolerance (residual = error / tolerance) */
  for (int i = 0; i < rs_calib_nobs(c); i++) {
    rs_calib_obs_info o;
    CHECK(rs_calib_obs(c, i, &o) == RS_OK);
    CHECK(fabs(o.residual) <= 1.0);
  }
  CHECK_NEAR(rs_calib_corr(c, 0, 0), 1.0, 1e-9);
  rs_calib_free(c);

  /* 4 parameters, 3 independent figures: refused */
  CHECK(rs_calib_alloc("data/calib/wrong.yaml", NULL, 0, NULL, &c, d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.scale", d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.adoption.bass_q", d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.adoption.novelty", d) == RS_OK);
  CHECK(rs_calib_add_param(c, "market.adoption.bass_p", d) == RS_OK);
  CHECK(rs_calib_run(c, 100, d) == RS_ECALIB);
  /* an unknown key is refused when added */
  CHECK(rs_calib_add_param(c, "market.nosuch", d) != RS_OK);
  rs_calib_free(c);
  rs_diag_free(d);
  return check_done();
}
