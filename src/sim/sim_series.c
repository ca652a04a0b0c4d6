/* Public read access to a run's daily series. */
#include <string.h>
#include "base/datetime.h"
#include "sim/sim.h"

int rs_sim_days(const rs_sim *sim) { return sim && sim->ran ? sim->days : 0; }

const char *rs_purpose_name(int p) {
  return p >= 0 && p < RS_NPURPOSE ? rs__purpose_names[p] : "?";
}

int rs_sim_daily(const rs_sim *sim, int i, rs_daily *out) {
  memset(out, 0, sizeof *out);
  if (!sim || !sim->ran) return RS_ESTATE;
  if (i < 0 || i >= sim->days) return RS_EINVAL;
  const rs__daily_row *r = &sim->daily[i];
  if (r->date != RS__DATE_NONE) rs__date_format(r->date, out->date);
  out->day_type = rs__daytype_name((rs__daytype)r->type);
  out->riders = r->riders;
  out->cumulative = r->cumulative;
  for (int p = 0; p < RS_NPURPOSE && p < RS_NPURPOSE; p++) out->by_purpose[p] = r->by_purpose[p];
  out->passenger_km = r->passenger_km;
  out->mean_wait_s = r->mean_wait_s;
  out->p95_wait_s = r->p95_wait_s;
  out->mean_ride_s = r->mean_ride_s;
  out->denied = r->denied;
  out->stranded = r->stranded;
  out->max_load_factor = r->max_load_factor;
  return RS_OK;
}
