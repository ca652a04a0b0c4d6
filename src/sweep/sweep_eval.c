/* One run of a sweep: the base scenario with the point's overrides, simulated
 * with the stream of replication point*R + rep, reduced to the figures. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/diag.h"
#include "sweep/sweep.h"

static double rs__summary_field(const rs_summary *s, int i) {
  switch (i) {
    case 0: return s->riders;
    case 1: return s->delivered;
    case 2: return s->stranded;
    case 3: return s->mean_wait_s;
    case 4: return s->p50_wait_s;
    case 5: return s->p95_wait_s;
    case 6: return s->mean_ride_s;
    case 7: return s->denied_boardings;
    case 8: return s->max_load_factor;
    case 9: return s->passenger_km;
    default: return s->days;
  }
}

static double rs__daily_field(const rs_daily *r, int i) {
  switch (i) {
    case 0: return r->riders;
    case 1: case 2: case 3: case 4: return r->by_purpose[i - 1];
    case 5: return r->passenger_km;
    case 6: return r->mean_wait_s;
    case 7: return r->p95_wait_s;
    case 8: return r->mean_ride_s;
    case 9: return r->denied;
    case 10: return r->stranded;
    default: return r->max_load_factor;
  }
}

/* A daily aggregate over the figure's window; NAN when no day falls in it. */
static double rs__daily_agg(const rs_sim *sim, const rs__sw_fig *f) {
  int n = rs_sim_days(sim), cnt = 0;
  double acc = f->agg == RS__AGG_MIN ? INFINITY : f->agg == RS__AGG_MAX ? -INFINITY : 0;
  for (int i = 0; i < n; i++) {
    rs_daily r;
    if (rs_sim_daily(sim, i, &r)) continue;
    if (f->from[0] && strcmp(r.date, f->from) < 0) continue;
    if (f->to[0] && strcmp(r.date, f->to) > 0) continue;
    if (f->day_type[0] && strcmp(r.day_type, f->day_type)) continue;
    double v = rs__daily_field(&r, f->daily);
    if (f->agg == RS__AGG_MIN) acc = v < acc ? v : acc;
    else if (f->agg == RS__AGG_MAX) acc = v > acc ? v : acc;
    else acc += v;
    cnt++;
  }
  if (!cnt) return NAN;
  return f->agg == RS__AGG_MEAN ? acc / cnt : acc;
}

size_t rs__sw_point_sets(const rs_sweep_spec *sp, long point, const char **sets,
                         char (*buf)[RS__SW_SETLEN]) {
  size_t n = 0, nb = 0;
  for (int i = 0; i < sp->nsets; i++) sets[n++] = sp->sets[i];
  for (int i = 0; i < sp->np; i++) {
    char v[40];
    rs__sw_value_text(sp, point, i, v, sizeof v);
    for (int k = 0; k < sp->p[i].nkeys; k++) {
      snprintf(buf[nb], RS__SW_SETLEN, "%s=%s", sp->p[i].key[k], v);
      sets[n++] = buf[nb++];
    }
  }
  return n;
}

int rs_sweep_eval(const rs_sweep_spec *sp, long point, int rep, double *figures, rs_diag *d) {
  if (point < 0 || point >= sp->npoints || rep < 0 || rep >= sp->reps) return RS_EINVAL;
  const char *sets[RS__SW_NSETS];
  char buf[RS__SW_NSETBUF][RS__SW_SETLEN];
  size_t n = rs__sw_point_sets(sp, point, sets, buf);
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(sp->base[0] ? sp->base : NULL, sets, n, &s, d);
  if (rc) return rc;
  rs_sim *sim = NULL;
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = sp->expected;
  o.replication = sp->crn ? (uint64_t)rep : (uint64_t)point * (uint64_t)sp->reps + (uint64_t)rep;
  rc = rs_sim_create(s, &sim);
  if (rc == RS_OK) rc = rs_sim_run(sim, &o);
  rs_summary sm;
  if (rc == RS_OK) rc = rs_sim_summary(sim, &sm);
  for (int i = 0; rc == RS_OK && i < sp->nf; i++)
    figures[i] = sp->f[i].summary >= 0 ? rs__summary_field(&sm, sp->f[i].summary)
                                       : rs__daily_agg(sim, &sp->f[i]);
  rs_sim_free(sim);
  rs_scenario_free(s);
  return rc;
}
