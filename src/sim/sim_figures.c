/* The figures planners ask for, per day and over the run: fare revenue, train-
 * and car-km, alightings per station, and the peak-hour peak-direction load
 * (PHPDT). Read from the day's results; nothing here changes a simulation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/demand_model.h"
#include "sim/sim.h"

int rs__sim_figures_alloc(rs_sim *sim) {
  const rs_scenario *s = sim->s;
  size_t nst = (size_t)s->nst;
  sim->daily_alight = calloc((size_t)sim->ndays * nst, sizeof(double));
  sim->fare_od = calloc(nst * nst, sizeof(double));
  if (!sim->daily_alight || !sim->fare_od) return RS_ENOMEM;
  /* The fare of a ride on this line between two of its stations: revenue of
   * the line, not of the onward legs on other lines. */
  sim->fare_exact = 1;
  for (size_t o = 0; o < nst; o++)
    for (size_t d = 0; d < nst; d++) {
      double f = o == d ? 0 : rs__fare_yuan(&s->model.metro.fare, fabs(s->st[d].km - s->st[o].km));
      sim->fare_od[o * nst + d] = f;
      /* Whole multiples of 2^-20 yuan below 2^20 yuan (whole yuan, halves,
       * fen rounded to binary...): see rs__day_revenue. */
      double x = ldexp(f, 20);
      if (!(fabs(f) < 1048576.0) || x != nearbyint(x)) sim->fare_exact = 0;
    }
  return RS_OK;
}

void rs__sim_figures_reset(rs_sim *sim) {
  sim->revenue = sim->train_km = 0;
  memset(&sim->phpdt, 0, sizeof sim->phpdt);
  sim->phpdt.dir = sim->phpdt.hour = sim->phpdt.section = -1;
}

/* Fares of the day: every delivered passenger pays the fare of its ride (a
 * stranded one paid nothing); expected mode, the streams' expected trips. */
static double rs__day_revenue(const rs_sim *sim) {
  size_t nst = (size_t)sim->s->nst;
  double rev = 0;
  if (sim->expected) {
    for (int i = 0; i < sim->nstreams; i++) {
      const rs__stream *st = &sim->streams[i];
      rev += st->trips * sim->fare_od[(size_t)st->origin * nst + (size_t)st->dest];
    }
    return rev;
  }
  /* Fares that are whole multiples of 2^-20 sum exactly while every partial
   * sum stays below 2^33 yuan (2^53 units): then the per-pair counts of the
   * engine give, to the last bit, what the pass over the passengers below
   * gives in any order, without reading them. */
  if (sim->fare_exact) {
    rs__engine_od od = rs__engine_od_sums(sim->engine);
    double bound = 0;
    for (size_t k = 0; k < nst * nst; k++) {
      double m = od.n[k] - od.stranded[k]; /* delivered */
      rev += m * sim->fare_od[k];
      bound += m * fabs(sim->fare_od[k]);
    }
    if (bound < 8589934592.0) return rev;
    rev = 0;
  }
  int n = 0;
  const rs__pax *p = rs__engine_passengers(sim->engine, &n);
  for (int i = 0; i < n; i++)
    if (p[i].status == RS__PAX_DELIVERED)
      rev += sim->fare_od[(size_t)p[i].origin * nst + (size_t)p[i].dest];
  return rev;
}

/* Kilometres run by the day's trains (first stop to last stop of each run). */
static double rs__day_train_km(const rs_sim *sim) {
  const rs__day_tt *tt = &sim->tt;
  double km = 0;
  for (int r = 0; r < tt->nruns; r++) {
    const rs__run *run = &tt->runs[r];
    if (run->nstops < 2) continue;
    int a = tt->stops[run->first_stop].station;
    int z = tt->stops[run->first_stop + run->nstops - 1].station;
    km += fabs(sim->s->st[z].km - sim->s->st[a].km);
  }
  return km;
}

/* The day's most loaded (direction, section, hour); the run keeps the first
 * maximum in date, direction, section, hour order. */
static void rs__day_phpdt(rs_sim *sim, int32_t date) {
  const rs__day_result *d = &sim->day;
  int nsec = sim->s->nst - 1;
  for (int dir = 0; dir < RS__NDIR; dir++)
    for (int sec = 0; sec < nsec; sec++)
      for (int h = 0; h < RS__HOURS; h++) {
        double v = d->sec_pax[((size_t)dir * (size_t)nsec + (size_t)sec) * RS__HOURS + (size_t)h];
        if (v > sim->phpdt.load)
          sim->phpdt = (rs__phpdt){v, date, h, dir, sec};
      }
}

void rs__sim_day_figures(rs_sim *sim, int di) {
  const rs_scenario *s = sim->s;
  rs__daily_row *r = &sim->daily[di];
  for (int i = 0; i < s->nst; i++) {
    double a = 0;
    for (int h = 0; h < RS__HOURS; h++) a += sim->day.alight[i * RS__HOURS + h];
    sim->daily_alight[(size_t)di * (size_t)s->nst + (size_t)i] = a;
  }
  r->revenue = rs__day_revenue(sim);
  r->train_km = rs__day_train_km(sim);
  sim->revenue += r->revenue;
  sim->train_km += r->train_km;
  rs__day_phpdt(sim, r->date); /* expected mode: the fluid engine's expected section loads */
}
