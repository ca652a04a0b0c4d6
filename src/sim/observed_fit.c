/* The simulated counterpart of each observed figure, from the daily series. */
#include <math.h>
#include <string.h>
#include "base/datetime.h"
#include "sim/sim.h"


/* Simulated value of O, NAN when the period does not cover its dates. */
static double rs__simulated(const rs_sim *sim, const rs__observation *o) {
  const rs_scenario *s = sim->s;
  if (s->period.start == RS__DATE_NONE) return NAN;
  int a = (int)(o->from - s->period.start), z = (int)(o->to - s->period.start);
  if (o->kind == RS__OBS_CUMULATIVE) a = 0;
  if (a < 0 || z >= sim->days || z < a) return NAN;
  const rs__daily_row *r = sim->daily;
  switch (o->kind) {
    case RS__OBS_DAY: return r[z].riders;
    case RS__OBS_CUMULATIVE: return r[z].cumulative;
    case RS__OBS_TOTAL: return r[z].cumulative - (a > 0 ? r[a - 1].cumulative : 0);
    case RS__OBS_MEAN: return (r[z].cumulative - (a > 0 ? r[a - 1].cumulative : 0)) / (z - a + 1);
    case RS__OBS_PEAK: {
      double m = 0;
      for (int i = a; i <= z; i++) m = r[i].riders > m ? r[i].riders : m;
      return m;
    }
  }
  return NAN;
}

int rs_sim_observed_count(const rs_sim *sim) { return sim ? sim->s->nobserved : 0; }

int rs_sim_observed(const rs_sim *sim, int i, rs_observed_fit *out) {
  memset(out, 0, sizeof *out);
  if (!sim || !sim->ran) return RS_ESTATE;
  if (i < 0 || i >= sim->s->nobserved) return RS_EINVAL;
  const rs__observation *o = &sim->s->observed[i];
  out->id = o->id;
  out->kind = rs__obs_kind_names[o->kind];
  out->source = o->source;
  rs__date_format(o->from, out->from);
  rs__date_format(o->to, out->to);
  out->observed = o->value;
  out->bound = o->bound;
  out->tolerance_pct = o->tolerance_pct;
  rs_observed_refit(out, rs__simulated(sim, o));
  return RS_OK;
}

void rs_observed_refit(rs_observed_fit *f, double simulated) {
  f->simulated = simulated;
  f->error_pct = f->observed > 0 ? 100 * (simulated - f->observed) / f->observed : NAN;
  if (isnan(simulated))
    f->within = 0;
  else if (f->bound == RS__BOUND_LOWER)
    f->within = simulated > f->observed;
  else if (f->bound == RS__BOUND_UPPER)
    f->within = simulated < f->observed;
  else
    f->within = fabs(f->error_pct) <= f->tolerance_pct;
}
