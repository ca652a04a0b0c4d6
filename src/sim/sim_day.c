/* A day's demand streams from the demand model (or the scenario's fixed OD
 * list); learning of the metro's wait and crowding is in sim_learn.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/choice.h"
#include "sim/sim.h"

static int rs__streams_reserve(rs_sim *sim, int n) {
  if (n <= sim->cap_streams) return RS_OK;
  rs__stream *p = realloc(sim->streams, (size_t)n * sizeof *p);
  if (!p) return RS_ENOMEM;
  sim->streams = p;
  sim->cap_streams = n;
  return RS_OK;
}

static const double *rs__profile_w(const rs_sim *sim, int profile) {
  return profile >= 0 ? &sim->hour_w[profile * RS__HOURS] : NULL;
}

static int rs__dir_of(const rs_scenario *s, int o, int d) {
  return s->st[d].km > s->st[o].km ? RS__DOWN : RS__UP;
}

static void rs__add_stream(rs_sim *sim, int o, int d, int purpose, double trips, int profile) {
  if (!(trips > 0) || !sim->open[o] || !sim->open[d]) return;
  rs__stream *st = &sim->streams[sim->nstreams++];
  st->origin = o;
  st->dest = d;
  st->purpose = purpose;
  st->trips = trips;
  st->hour_w = rs__profile_w(sim, profile);
}

int rs__sim_build_streams(rs_sim *sim, const rs__day_context *ctx) {
  const rs_scenario *s = sim->s;
  const rs__demand_model *dm = &s->model;
  int nst = s->nst;
  sim->nstreams = 0;
  if (!dm->enabled) {
    if (rs__streams_reserve(sim, s->demand.nod) != RS_OK) return RS_ENOMEM;
    for (int i = 0; i < s->demand.nod; i++) {
      const rs__od *od = &s->demand.od[i];
      /* Pairs fitted to counts of one day type or date run on those days only. */
      if (od->dated && od->date != ctx->date) continue;
      if (od->day_types && !(od->day_types & (1u << ctx->info.type))) continue;
      rs__add_stream(sim, od->origin, od->dest, RS__P_OTHER, od->trips, od->profile);
    }
    return RS_OK;
  }
  int need = dm->nmarket * RS_NPURPOSE + 2 * dm->nevents;
  if (rs__streams_reserve(sim, need > 0 ? need : 1) != RS_OK) return RS_ENOMEM;
  rs__demand_day day; /* what every market shares today, once */
  rs__demand_day_factors(dm, ctx, &day);
  for (int i = 0; i < dm->nmarket; i++) {
    const rs__market_od *m = &dm->market[i];
    size_t k = (size_t)m->origin * (size_t)nst + (size_t)m->dest;
    int dir = rs__dir_of(s, m->origin, m->dest);
    if (!sim->open[m->origin] || !sim->open[m->dest]) continue; /* nothing perceived yet */
    for (int p = 0; p < RS_NPURPOSE; p++) {
      if (!(m->trips[p] > 0)) continue;
      double share;
      size_t kp = (size_t)i * RS_NPURPOSE + (size_t)p;
      double trips = rs__demand_metro_trips_day(dm, s->st, m, p, ctx, &day, sim->ivt_min[k], &sim->perc[k],
                                                sim->share_keep + kp * (size_t)dm->nmodes,
                                                sim->share_kept + kp, &share);
      rs__add_stream(sim, m->origin, m->dest, p, trips, dm->purpose[p].profile[dir]);
    }
  }
  for (int i = 0; i < dm->nevents; i++) {
    const rs__event *e = &dm->events[i];
    if (ctx->date == RS__DATE_NONE || ctx->date < e->from || ctx->date > e->to) continue;
    if (e->day_types && !(e->day_types & (1u << ctx->info.type))) continue;
    const rs__purpose_def *pd = &dm->purpose[e->purpose];
    rs__add_stream(sim, e->origin, e->dest, e->purpose, e->trips / 2,
                   pd->profile[rs__dir_of(s, e->origin, e->dest)]);
    rs__add_stream(sim, e->dest, e->origin, e->purpose, e->trips / 2,
                   pd->profile[rs__dir_of(s, e->dest, e->origin)]);
  }
  return RS_OK;
}
