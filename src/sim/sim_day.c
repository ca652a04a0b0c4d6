/* A day's demand streams from the demand model (or the scenario's fixed OD
 * list), and day-to-day learning of the metro's wait and crowding. */
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
  for (int i = 0; i < dm->nmarket; i++) {
    const rs__market_od *m = &dm->market[i];
    size_t k = (size_t)m->origin * (size_t)nst + (size_t)m->dest;
    int dir = rs__dir_of(s, m->origin, m->dest);
    for (int p = 0; p < RS_NPURPOSE; p++) {
      if (!(m->trips[p] > 0)) continue;
      double share;
      double trips = rs__demand_metro_trips(dm, s->st, m, p, ctx, sim->ivt_min[k], &sim->perc[k],
                                            &share);
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

/* Scheduled in-vehicle minutes between every pair (mean over the first day's
 * runs calling at both), and a first expectation of the wait: half the mean
 * scheduled headway of those runs (random arrivals, regular service). */
void rs__sim_init_perception(rs_sim *sim) {
  const rs_scenario *s = sim->s;
  const rs__day_tt *tt = &sim->tt;
  int nst = s->nst;
  for (int o = 0; o < nst; o++)
    for (int d = 0; d < nst; d++) {
      size_t k = (size_t)o * (size_t)nst + (size_t)d;
      double first = 0, last = 0, ivt = 0;
      int n = 0;
      for (int r = 0; r < tt->nruns && o != d; r++) {
        int so = tt->stop_of[r * nst + o], sd = tt->stop_of[r * nst + d];
        if (so < 0 || sd < 0 || sd <= so) continue;
        const rs__stop *base = &tt->stops[tt->runs[r].first_stop];
        double dep = base[so].dep_s;
        ivt += base[sd].arr_s - dep;
        if (n == 0 || dep < first) first = dep;
        if (n == 0 || dep > last) last = dep;
        n++;
      }
      sim->ivt_min[k] = n > 0 ? ivt / n / 60
                              : (o == d ? 0 : rs__network_run_between_s(&sim->net, o, d) / 60);
      sim->perc[k].wait_min = n > 1 ? (last - first) / (n - 1) / 2 / 60 : 30;
      sim->perc[k].crowding = 0;
    }
}

/* Crowding felt on a train: 0 up to comfort capacity, 1 at crush load. */
static double rs__crowd_index(double load, double comfort, double capacity) {
  if (capacity <= comfort) return load >= capacity ? 1 : 0;
  double c = (load - comfort) / (capacity - comfort);
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/* Today's mean wait and crowding per OD pair, then exponential smoothing.
 * Crowding of a ride is the mean crowd index over the sections ridden, read
 * from per-stop prefix sums (skipped when no train passed comfort capacity). */
int rs__sim_learn(rs_sim *sim) {
  const rs_scenario *s = sim->s;
  const rs__day_tt *tt = &sim->tt;
  const rs__day_result *res = &sim->day;
  int nst = s->nst;
  size_t nod = (size_t)nst * (size_t)nst;
  memset(sim->exp_wait, 0, nod * sizeof(double));
  memset(sim->exp_crowd, 0, nod * sizeof(double));
  memset(sim->exp_n, 0, nod * sizeof(double));
  int crowded = res->max_load_factor * s->trains.capacity > s->trains.comfort_capacity;
  if (crowded) {
    if (tt->nstops + 1 > sim->cap_crowd) {
      double *c = realloc(sim->crowd_cum, (size_t)(tt->nstops + 1) * sizeof *c);
      if (!c) return RS_ENOMEM;
      sim->crowd_cum = c;
      sim->cap_crowd = tt->nstops + 1;
    }
    /* crowd_cum[i] = sum of crowd indices of the stops before i within its run. */
    for (int r = 0; r < tt->nruns; r++) {
      int f = tt->runs[r].first_stop;
      double acc = 0;
      for (int j = 0; j < tt->runs[r].nstops; j++) {
        sim->crowd_cum[f + j] = acc;
        acc += rs__crowd_index(res->stop_load[f + j], s->trains.comfort_capacity,
                               s->trains.capacity);
      }
    }
  }
  /* Stranded passengers waited until the service ended: that is what they felt. */
  double service_end = 0;
  for (int i = 0; i < tt->nstops; i++)
    if (tt->stops[i].dep_s > service_end) service_end = tt->stops[i].dep_s;
  int n = 0;
  const rs__pax *pax = rs__engine_passengers(sim->engine, &n);
  for (int i = 0; i < n; i++) {
    const rs__pax *p = &pax[i];
    size_t k = (size_t)p->origin * (size_t)nst + (size_t)p->dest;
    sim->exp_n[k] += 1;
    if (p->status != RS__PAX_DELIVERED) {
      double w = service_end - p->arrival_s;
      sim->exp_wait[k] += (w > 0 ? w : 0) / 60;
      continue;
    }
    sim->exp_wait[k] += (p->boarded_s - p->arrival_s) / 60;
    if (crowded && p->run >= 0) {
      int f = tt->runs[p->run].first_stop;
      int a = tt->stop_of[p->run * nst + p->origin], b = tt->stop_of[p->run * nst + p->dest];
      if (b > a) sim->exp_crowd[k] += (sim->crowd_cum[f + b] - sim->crowd_cum[f + a]) / (b - a);
    }
  }
  double alpha = s->model.beta.learning;
  for (size_t k = 0; k < nod; k++) {
    if (sim->exp_n[k] <= 0) continue;
    sim->perc[k].wait_min = rs__learn(sim->perc[k].wait_min, sim->exp_wait[k] / sim->exp_n[k], alpha);
    sim->perc[k].crowding = rs__learn(sim->perc[k].crowding, sim->exp_crowd[k] / sim->exp_n[k], alpha);
  }
  return RS_OK;
}
