/* Segments of the mode choice: the nested logit against a probability worked
 * out by hand, its limit lambda = 1 (the multinomial logit), and the mixture of
 * captive travellers, travellers with and without a car (demand_segments.c). */
#include <math.h>
#include <string.h>
#include "check.h"
#include "model/choice.h"
#include "model/demand_model.h"

static void test_nested_by_hand(void) {
  /* V = (metro 0, hsr -0.5, car -1), nest {metro, hsr}, lambda 0.5:
   * S = e^0 + e^-1 = 1.3678794; I = 0.5 ln S = 0.1566311;
   * P(nest) = e^I / (e^I + e^-1) = 1.1695640 / 1.5374434 = 0.7607200;
   * P(metro) = 0.7607200 / S = 0.5561309; P(hsr) = 0.7607200 e^-1 / S = 0.2045891;
   * P(car) = 1 - P(nest) = 0.2392800. */
  double v[3] = {0, -0.5, -1}, p[3];
  int nest[3] = {1, 1, 0};
  CHECK(rs__nested_logit_probs(v, NULL, nest, 3, 0.5, p) == RS_OK);
  CHECK_NEAR(p[0], 0.5561309, 1e-7);
  CHECK_NEAR(p[1], 0.2045891, 1e-7);
  CHECK_NEAR(p[2], 0.2392800, 1e-7);
  /* lambda = 1: the multinomial logit. */
  double q[3];
  CHECK(rs__nested_logit_probs(v, NULL, nest, 3, 1.0, p) == RS_OK);
  CHECK(rs__logit_probs(v, NULL, 3, q) == RS_OK);
  for (int i = 0; i < 3; i++) CHECK_NEAR(p[i], q[i], 1e-15);
  /* hsr unavailable: the nest holds the metro alone, so binary logit metro vs car. */
  int avail[3] = {1, 0, 1};
  CHECK(rs__nested_logit_probs(v, avail, nest, 3, 0.5, p) == RS_OK);
  CHECK_NEAR(p[0], 1 / (1 + exp(-1.0)), 1e-15);
  CHECK(p[1] == 0);
  /* refused: lambda outside (0, 1], a NaN utility */
  CHECK(rs__nested_logit_probs(v, NULL, nest, 3, 0, p) == RS_EINVAL);
  CHECK(rs__nested_logit_probs(v, NULL, nest, 3, 1.5, p) == RS_EINVAL);
  double bad[3] = {0, NAN, 0};
  CHECK(rs__nested_logit_probs(bad, NULL, nest, 3, 0.5, p) == RS_EINVAL);
}

static void test_mixture(void) {
  /* metro V = 0, car V = 1 (asc 1, no attributes). With a car: 1/(1+e) =
   * 0.2689414; without: 1. Captive 0.1, car 0.6:
   * 0.1 + 0.9 (0.6 x 0.2689414 + 0.4) = 0.6052284. */
  static rs__demand_model dm;
  memset(&dm, 0, sizeof dm);
  dm.nmodes = 1;
  for (int p = 0; p < RS_NPURPOSE; p++) {
    dm.seg.car_share[p] = 0.6;
    dm.seg.captive_share[p] = 0.1;
  }
  dm.seg.needs_car[1] = 1;
  dm.seg.nest_lambda = 1;
  rs__mode_alt alt[2];
  memset(alt, 0, sizeof alt);
  alt[0].available = alt[1].available = 1;
  alt[1].asc = 1;
  CHECK_NEAR(rs__segment_metro_share(&dm, RS__P_COMMUTE, alt, 2), 0.6052284, 1e-7);
  /* a purpose's own constant: +1 on the metro makes the two equal, 1/2 with a car */
  dm.seg.asc_add[RS__P_LEISURE][0] = 1;
  CHECK_NEAR(rs__segment_metro_share(&dm, RS__P_LEISURE, alt, 2), 0.1 + 0.9 * (0.3 + 0.4), 1e-15);
  /* everyone has a car, no captives: the plain logit */
  dm.seg.car_share[RS__P_BUSINESS] = 1;
  dm.seg.captive_share[RS__P_BUSINESS] = 0;
  CHECK_NEAR(rs__segment_metro_share(&dm, RS__P_BUSINESS, alt, 2), 1 / (1 + exp(1.0)), 1e-15);
}

int main(void) {
  test_nested_by_hand();
  test_mixture();
  return check_done();
}
