/* The simulated counterpart of each observed figure, from the daily series. */
#include <math.h>
#include <string.h>
#include "base/datetime.h"
#include "sim/sim.h"

/* Riders of O's purpose over all riders of its dates. */
static double rs__purpose_share(const rs__daily_row *r, int a, int z, int purpose) {
  double num = 0, den = 0;
  for (int i = a; i <= z; i++) {
    num += r[i].by_purpose[purpose];
    den += r[i].riders;
  }
  return den > 0 ? num / den : NAN;
}

/* A figure of one station or one day type: boardings at the station (else
 * riders) summed, averaged or maximised over the days of that type only. */
static double rs__simulated_filtered(const rs_sim *sim, const rs__observation *o, int a, int z) {
  double sum = 0, peak = 0;
  int n = 0;
  for (int i = a; i <= z; i++) {
    if (o->day_type >= 0 && sim->daily[i].type != o->day_type) continue;
    double v = o->station >= 0 ? sim->daily_board[(size_t)i * (size_t)sim->s->nst + (size_t)o->station]
                               : sim->daily[i].riders;
    sum += v;
    peak = v > peak ? v : peak;
    n++;
  }
  if (n == 0) return NAN; /* no day of that type in the span */
  switch (o->kind) {
    case RS__OBS_DAY: case RS__OBS_TOTAL: case RS__OBS_CUMULATIVE: return sum;
    case RS__OBS_MEAN: return sum / n;
    case RS__OBS_PEAK: return peak;
  }
  return NAN;
}

/* Simulated value of O, NAN when the period does not cover its dates. */
static double rs__simulated(const rs_sim *sim, const rs__observation *o) {
  const rs_scenario *s = sim->s;
  if (s->period.start == RS__DATE_NONE) return NAN;
  int a = (int)(o->from - s->period.start), z = (int)(o->to - s->period.start);
  if (o->kind == RS__OBS_CUMULATIVE) a = 0;
  if (a < 0 || z >= sim->days || z < a) return NAN;
  if (o->station >= 0 || o->day_type >= 0) return rs__simulated_filtered(sim, o, a, z);
  const rs__daily_row *r = sim->daily;
  switch (o->kind) {
    case RS__OBS_PURPOSE_SHARE: return rs__purpose_share(r, a, z, o->purpose);
    case RS__OBS_MODE_SHARE: return rs__sim_mode_share(sim, o);
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
