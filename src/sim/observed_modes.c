/* The simulated counterpart of a mode_share figure: a mode's share of the
 * corridor's trips (all purposes, weighted by their trips on the figure's
 * date), with the metro at the level of service travellers perceive at the end
 * of the run, among travellers who know the line (adoption left out: a share
 * of the market once the line is established). */
#include <math.h>
#include "model/choice.h"
#include "sim/sim.h"

double rs__sim_mode_share(const rs_sim *sim, const rs__observation *o) {
  const rs_scenario *s = sim->s;
  const rs__demand_model *dm = &s->model;
  if (!dm->enabled || !sim->cal || o->to == RS__DATE_NONE || o->mode < 0) return NAN;
  rs__dayinfo info;
  if (rs__calendar_daytype(sim->cal, o->to, &info) != RS_OK) return NAN;
  double num = 0, den = 0;
  for (int i = 0; i < dm->nmarket; i++) {
    const rs__market_od *m = &dm->market[i];
    int cross = dm->chengdu_side[m->origin] != dm->chengdu_side[m->dest];
    if ((o->serves == RS__SERVES_CROSS && !cross) || (o->serves == RS__SERVES_LOCAL && cross))
      continue;
    size_t k = (size_t)m->origin * (size_t)s->nst + (size_t)m->dest;
    rs__mode_alt alt[RS__MAX_MODES + 1];
    double p[RS__MAX_MODES + 1];
    int n = rs__demand_alternatives(dm, s->st, m, o->to, sim->ivt_min[k], &sim->perc[k], alt);
    if (o->mode >= n) return NAN;
    for (int q = 0; q < RS_NPURPOSE; q++) {
      const rs__purpose_def *pd = &dm->purpose[q];
      double w = pd->scale * m->trips[q] * pd->day_factor[info.type] * pd->weekday_factor[info.weekday];
      if (!(w > 0)) continue;
      rs__segment_probs(dm, q, alt, n, p);
      num += w * p[o->mode];
      den += w;
    }
  }
  return den > 0 ? num / den : NAN;
}
