/* The detail day: a copy of one simulated day's timetable, results and
 * passengers, kept for trains.csv, stations.csv, sections.csv and
 * passengers.csv while the calendar loop goes on. Taken once per run. Its
 * timetable copy (rs__sim_tt_copy) also keeps the timetables the day loop and
 * learning reuse (sim_timetable.c, sim_learn.c). */
#include <stdlib.h>
#include <string.h>
#include "sim/sim.h"

int rs__sim_tt_copy(rs__day_tt *dst, const rs__day_tt *src) {
  size_t nst = (size_t)(src->nst > 0 ? src->nst : 1);
  /* Grow only (a copy a day must not allocate); stop_of holds cap_runs * nst. */
  if (src->nruns > dst->cap_runs || src->nst != dst->nst) {
    int cap = src->nruns > dst->cap_runs ? src->nruns : dst->cap_runs;
    rs__run *r = realloc(dst->runs, (size_t)(cap > 0 ? cap : 1) * sizeof *r);
    if (!r) return RS_ENOMEM;
    dst->runs = r;
    int *so = realloc(dst->stop_of, (size_t)(cap > 0 ? cap : 1) * nst * sizeof *so);
    if (!so) return RS_ENOMEM;
    dst->stop_of = so;
    dst->cap_runs = cap;
    dst->nst = src->nst;
  }
  if (src->nstops > dst->cap_stops) {
    rs__stop *st = realloc(dst->stops, (size_t)src->nstops * sizeof *st);
    if (!st) return RS_ENOMEM;
    dst->stops = st;
    dst->cap_stops = src->nstops;
  }
  if (src->nruns > 0) {
    memcpy(dst->runs, src->runs, (size_t)src->nruns * sizeof *src->runs);
    memcpy(dst->stop_of, src->stop_of, (size_t)src->nruns * nst * sizeof *src->stop_of);
  }
  if (src->nstops > 0) memcpy(dst->stops, src->stops, (size_t)src->nstops * sizeof *src->stops);
  dst->nruns = src->nruns;
  dst->nstops = src->nstops;
  return RS_OK;
}

static int rs__result_copy(rs__day_result *dst, const rs__day_result *src, int nstops) {
  int rc = rs__day_result_reserve_stops(dst, nstops);
  if (rc != RS_OK) return rc;
  size_t nst = (size_t)src->nst, nsec = nst > 0 ? nst - 1 : 0;
  dst->generated = src->generated;
  dst->delivered = src->delivered;
  dst->stranded = src->stranded;
  dst->after_service = src->after_service;
  dst->denied_boardings = src->denied_boardings;
  memcpy(dst->by_purpose, src->by_purpose, sizeof src->by_purpose);
  dst->wait_sum_s = src->wait_sum_s;
  dst->ride_sum_s = src->ride_sum_s;
  dst->passenger_km = src->passenger_km;
  dst->max_load_factor = src->max_load_factor;
  memcpy(dst->wait_hist, src->wait_hist, RS__WAIT_BINS * sizeof(unsigned));
  dst->wait_top = src->wait_top;
  memcpy(dst->board, src->board, nst * RS__HOURS * sizeof(double));
  memcpy(dst->alight, src->alight, nst * RS__HOURS * sizeof(double));
  memcpy(dst->sec_pax, src->sec_pax, RS__NDIR * nsec * RS__HOURS * sizeof(double));
  memcpy(dst->sec_trains, src->sec_trains, RS__NDIR * nsec * RS__HOURS * sizeof(double));
  size_t ns = (size_t)nstops * sizeof(double);
  memcpy(dst->stop_board, src->stop_board, ns);
  memcpy(dst->stop_alight, src->stop_alight, ns);
  memcpy(dst->stop_load, src->stop_load, ns);
  memcpy(dst->stop_denied, src->stop_denied, ns);
  return RS_OK;
}

int rs__sim_snapshot_detail(rs_sim *sim) {
  int rc = rs__sim_tt_copy(&sim->dtt, &sim->tt);
  if (rc == RS_OK) rc = rs__result_copy(&sim->dres, &sim->day, sim->tt.nstops);
  if (rc != RS_OK) return rc;
  int n = 0;
  const rs__pax *p = rs__engine_passengers(sim->engine, &n);
  if (sim->expected) n = 0; /* no passengers in expected-value mode */
  if (n > sim->cap_dpax) {
    rs__pax *q = realloc(sim->dpax, (size_t)n * sizeof *q);
    if (!q) return RS_ENOMEM;
    sim->dpax = q;
    sim->cap_dpax = n;
  }
  if (n > 0) memcpy(sim->dpax, p, (size_t)n * sizeof *p);
  /* Dated trips: the engine saw the day's block; rows index the whole table. */
  for (int i = 0; i < n; i++)
    if (sim->dpax[i].trip_row >= 0) sim->dpax[i].trip_row += sim->day_trip0;
  sim->ndpax = n;
  sim->have_detail = 1;
  return RS_OK;
}
