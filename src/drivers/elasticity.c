/* Arc elasticities by re-running the scenario with one variable moved down and
 * up by the same factor; both runs share the seed, so every day draws the same
 * random numbers (common random numbers) and the difference is the effect. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/afile.h"
#include "base/csvout.h"
#include "base/diag.h"
#include "ridersim/elasticity.h"

void rs_elasticity_def_default(rs_elasticity_def *def) {
  def->step = 0.05;
  def->warmup_days = 60;
  def->expected = 0;
}

/* Riders after the warm-up, of PATH + SETS + EXTRA. */
static int rs__el_riders(const char *path, const char *const *sets, size_t nsets,
                         const char *extra, const rs_elasticity_def *def, double *riders,
                         rs_diag *d) {
  const char **all = malloc((nsets + 1) * sizeof *all);
  if (!all) return RS_ENOMEM;
  for (size_t i = 0; i < nsets; i++) all[i] = sets[i];
  size_t n = nsets;
  if (extra) all[n++] = extra;
  rs_scenario *s = NULL;
  rs_sim *sim = NULL;
  int rc = rs_scenario_load(path, all, n, &s, d);
  free(all);
  if (rc == RS_OK) rc = rs_sim_create(s, &sim);
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = def->expected;
  if (rc == RS_OK) rc = rs_sim_run(sim, &o);
  if (rc == RS_OK) {
    int days = rs_sim_days(sim), skip = days > 2 * def->warmup_days ? def->warmup_days : 0;
    rs_daily a, z;
    rs_sim_daily(sim, days - 1, &z);
    double before = 0;
    if (skip > 0) {
      rs_sim_daily(sim, skip - 1, &a);
      before = a.cumulative;
    }
    *riders = z.cumulative - before;
  }
  rs_sim_free(sim);
  rs_scenario_free(s);
  return rc;
}

int rs_elasticity(const char *path, const char *const *sets, size_t nsets,
                  const rs_elasticity_def *def, rs_elasticity_result out[RS_EL_N], rs_diag *d) {
  static const char *const vars[RS_EL_N] = {"fare", "frequency", "ivt"};
  static const char *const keys[RS_EL_N] = {"metro.fare.scale", "timetable.headway_scale",
                                            "running.time_scale"};
  if (!(def->step > 0 && def->step < 0.5))
    return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "the step must be in (0, 0.5), got %g", def->step);
  double base = 0;
  int rc = rs__el_riders(path, sets, nsets, NULL, def, &base, d);
  if (rc != RS_OK) return rc;
  for (int v = 0; v < RS_EL_N; v++) {
    rs_elasticity_result *r = &out[v];
    r->variable = vars[v];
    r->key = keys[v];
    r->riders_base = base;
    r->x_lo = 1 - def->step;
    r->x_hi = 1 + def->step;
    /* Frequency is 1/headway: the headway scale is its reciprocal. */
    double lo_set = v == RS_EL_FREQUENCY ? 1 / r->x_lo : r->x_lo;
    double hi_set = v == RS_EL_FREQUENCY ? 1 / r->x_hi : r->x_hi;
    char set_lo[96], set_hi[96];
    snprintf(set_lo, sizeof set_lo, "%s=%.10g", keys[v], lo_set);
    snprintf(set_hi, sizeof set_hi, "%s=%.10g", keys[v], hi_set);
    rc = rs__el_riders(path, sets, nsets, set_lo, def, &r->riders_lo, d);
    if (rc == RS_OK) rc = rs__el_riders(path, sets, nsets, set_hi, def, &r->riders_hi, d);
    if (rc != RS_OK) return rc;
    r->elasticity = r->riders_lo > 0 && r->riders_hi > 0
                        ? log(r->riders_hi / r->riders_lo) / log(r->x_hi / r->x_lo)
                        : NAN;
  }
  return RS_OK;
}

int rs_elasticity_write(const rs_elasticity_result r[RS_EL_N], const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "elasticity.csv", d);
  if (rc != RS_OK) return rc;
  rs__csv_printf(a.f, "variable,elasticity,key,x_lo,x_hi,riders_lo,riders_hi\n");
  for (int v = 0; v < RS_EL_N; v++)
    rs__csv_printf(a.f, "%s,%.4f,%s,%.4f,%.4f,%.0f,%.0f\n", r[v].variable, r[v].elasticity, r[v].key,
            r[v].x_lo, r[v].x_hi, r[v].riders_lo, r[v].riders_hi);
  return rs__afile_commit(&a, d);
}
