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
#include "base/pool.h"
#include "ridersim/elasticity.h"

void rs_elasticity_def_default(rs_elasticity_def *def) {
  def->step = 0.05;
  def->warmup_days = 60;
  def->expected = 0;
  def->threads = 0;
  def->progress = NULL;
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
  o.progress = def->progress;
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

/* The seven runs (base, then each variable down and up), one per task of the
 * shared thread pool; each has its own diagnostics, merged in run order. */
typedef struct rs__el_job {
  const char *path;
  const char *const *sets;
  size_t nsets;
  const rs_elasticity_def *def;
  char set[2 * RS_EL_N + 1][96];
  double riders[2 * RS_EL_N + 1];
  rs_diag *d[2 * RS_EL_N + 1];
} rs__el_job;

static int rs__el_task(void *ctx, int k) {
  rs__el_job *j = ctx;
  return rs__el_riders(j->path, j->sets, j->nsets, k ? j->set[k] : NULL, j->def, &j->riders[k],
                       j->d[k]);
}

static int rs__el_task_rest(void *ctx, long k, int worker) {
  (void)worker;
  return rs__el_task(ctx, (int)k + 1);
}

int rs_elasticity(const char *path, const char *const *sets, size_t nsets,
                  const rs_elasticity_def *def, rs_elasticity_result out[RS_EL_N], rs_diag *d) {
  static const char *const vars[RS_EL_N] = {"fare", "frequency", "ivt"};
  static const char *const keys[RS_EL_N] = {"metro.fare.scale", "timetable.headway_scale",
                                            "running.time_scale"};
  if (!(def->step > 0 && def->step < 0.5))
    return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "the step must be in (0, 0.5), got %g", def->step);
  rs__el_job *j = calloc(1, sizeof *j);
  if (!j) return RS_ENOMEM;
  *j = (rs__el_job){.path = path, .sets = sets, .nsets = nsets, .def = def};
  double x_lo = 1 - def->step, x_hi = 1 + def->step;
  for (int v = 0; v < RS_EL_N; v++) {
    /* Frequency is 1/headway: the headway scale is its reciprocal. */
    double lo_set = v == RS_EL_FREQUENCY ? 1 / x_lo : x_lo;
    double hi_set = v == RS_EL_FREQUENCY ? 1 / x_hi : x_hi;
    snprintf(j->set[1 + 2 * v], sizeof j->set[0], "%s=%.10g", keys[v], lo_set);
    snprintf(j->set[2 + 2 * v], sizeof j->set[0], "%s=%.10g", keys[v], hi_set);
  }
  int rc = RS_OK;
  for (int k = 0; k < 2 * RS_EL_N + 1; k++)
    if (!(j->d[k] = rs_diag_alloc())) rc = RS_ENOMEM;
  /* The base first: a scenario that does not load fails once, not seven times. */
  if (rc == RS_OK) rc = rs__el_task(j, 0);
  if (rc == RS_OK) rc = rs__pool_run(2 * RS_EL_N, def->threads, rs__el_task_rest, j, NULL);
  for (int k = 0; k < 2 * RS_EL_N + 1; k++)
    for (size_t i = 0; j->d[k] && i < rs_diag_count(j->d[k]); i++)
      if (k == 0 || rc != RS_OK) rs__diag_add(d, rc, NULL, 0, 0, "%s", rs_diag_message(j->d[k], i));
  for (int v = 0; rc == RS_OK && v < RS_EL_N; v++) {
    rs_elasticity_result *r = &out[v];
    r->variable = vars[v];
    r->key = keys[v];
    r->riders_base = j->riders[0];
    r->x_lo = x_lo;
    r->x_hi = x_hi;
    r->riders_lo = j->riders[1 + 2 * v];
    r->riders_hi = j->riders[2 + 2 * v];
    r->elasticity = r->riders_lo > 0 && r->riders_hi > 0
                        ? log(r->riders_hi / r->riders_lo) / log(r->x_hi / r->x_lo)
                        : NAN;
  }
  for (int k = 0; k < 2 * RS_EL_N + 1; k++) rs_diag_free(j->d[k]);
  free(j);
  return rc;
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
