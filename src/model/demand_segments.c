/* The shares of one purpose's trips as a mixture of segments of travellers
 * (DESIGN 1.1, Segments; docs/demand-model.md):
 *
 *   P_m = c [m is the metro] + (1 - c) [a P_m(all modes) + (1 - a) P_m(modes without a car)]
 *
 * c: captive travellers, whose only modelled mode is the metro; a: travellers
 * with a car. Each P is the purpose's logit (its own constants and betas), or
 * the nested logit when choice.nest is given. */
#include <math.h>
#include <string.h>
#include "model/choice.h"
#include "model/demand_model.h"

static void rs__probs_of(const rs__choice_segments *sg, const double *v, const int *avail, int n,
                         double *pr) {
  int nest[RS__MAX_MODES + 1];
  for (int i = 0; i < n; i++) nest[i] = sg->in_nest[i];
  int rc = sg->nested ? rs__nested_logit_probs(v, avail, nest, n, sg->nest_lambda, pr)
                      : rs__logit_probs(v, avail, n, pr);
  if (rc != 0) memset(pr, 0, (size_t)n * sizeof *pr);
}

/* The two plain logits of the segments with and without a car at once, when
 * the largest utility of both choice sets is the same finite number: the
 * exponentials exp(v - max) of the modes in both are then the same numbers, so
 * they are worked out once; each set sums its own in mode order and divides,
 * as rs__logit_probs does. 0 (nothing written) otherwise: computed apart. */
static int rs__logit_pair(const double *v, const int *all, const int *nocar, int n, double *with,
                          double *without) {
  double mall = -INFINITY, mnocar = -INFINITY;
  for (int i = 0; i < n; i++) {
    if (all[i] && !isfinite(v[i])) return 0; /* NaN or infinite: rs__logit_probs' own cases */
    if (all[i] && v[i] > mall) mall = v[i];
    if (nocar[i] && v[i] > mnocar) mnocar = v[i];
  }
  if (!(mall == mnocar) || !isfinite(mall)) return 0;
  double sall = 0, snocar = 0;
  for (int i = 0; i < n; i++) {
    with[i] = without[i] = 0;
    if (!all[i]) continue;
    with[i] = exp(v[i] - mall);
    sall += with[i];
    if (nocar[i]) snocar += without[i] = with[i];
  }
  for (int i = 0; i < n; i++) {
    with[i] /= sall;
    without[i] /= snocar;
  }
  return 1;
}

void rs__segment_utilities(const rs__demand_model *dm, int purpose, const rs__mode_alt *alt, int n,
                           double *v) {
  const rs__choice_segments *sg = &dm->seg;
  const rs__choice_params *b = &sg->beta[purpose];
  const double beta[RS__NATTR] = {b->ivt, b->wait, b->walk, b->transfer, b->cost, b->crowding};
  for (int i = 0; i < n; i++) v[i] = rs__logit_utility(alt[i].asc + sg->asc_add[purpose][i], beta, alt[i].x);
}

void rs__segment_probs_v(const rs__demand_model *dm, int purpose, const double *v,
                         const rs__mode_alt *alt, int n, double *p) {
  const rs__choice_segments *sg = &dm->seg;
  double with[RS__MAX_MODES + 1], without[RS__MAX_MODES + 1];
  int all[RS__MAX_MODES + 1], nocar[RS__MAX_MODES + 1];
  for (int i = 0; i < n; i++) {
    all[i] = alt[i].available;
    nocar[i] = alt[i].available && !sg->needs_car[i];
  }
  double a = sg->car_share[purpose], c = sg->captive_share[purpose];
  memset(with, 0, sizeof with);
  memset(without, 0, sizeof without);
  if (!(a > 0 && a < 1 && !sg->nested && rs__logit_pair(v, all, nocar, n, with, without))) {
    if (a > 0) rs__probs_of(sg, v, all, n, with);
    if (a < 1) rs__probs_of(sg, v, nocar, n, without);
  }
  for (int i = 0; i < n; i++)
    p[i] = (i == 0 ? c : 0) + (1 - c) * (a * with[i] + (1 - a) * without[i]);
}

void rs__segment_probs(const rs__demand_model *dm, int purpose, const rs__mode_alt *alt, int n,
                       double *p) {
  double v[RS__MAX_MODES + 1];
  rs__segment_utilities(dm, purpose, alt, n, v);
  rs__segment_probs_v(dm, purpose, v, alt, n, p);
}

double rs__segment_metro_share(const rs__demand_model *dm, int purpose, const rs__mode_alt *alt,
                               int n) {
  double p[RS__MAX_MODES + 1];
  rs__segment_probs(dm, purpose, alt, n, p);
  return p[0];
}
