/* Per-stop records of every train of every day (sim_ride.h): the day's
 * timetable and per-stop results are copied after the engine has run. A
 * timetable built from departures_csv rows keeps its stops in row order
 * (timetable.c), so stop i of the day is row day_row0 + i. */
#include <stdlib.h>
#include <string.h>
#include "sim/sim.h"
#include "sim/sim_ride.h"

void rs__ride_free(rs__ride *r) {
  if (!r) return;
  free(r->runs);
  free(r->rec);
  memset(r, 0, sizeof *r);
}

static int rs__ride_reserve(rs__ride *r, int nruns, size_t nrec) {
  if (r->nruns + nruns > r->cap_runs) {
    int cap = r->cap_runs ? r->cap_runs : 1024;
    while (cap < r->nruns + nruns) cap *= 2;
    rs__ride_run *p = realloc(r->runs, (size_t)cap * sizeof *p);
    if (!p) return RS_ENOMEM;
    r->runs = p;
    r->cap_runs = cap;
  }
  if (r->n + nrec > r->cap) {
    size_t cap = r->cap ? r->cap : 8192;
    while (cap < r->n + nrec) cap *= 2;
    rs__ride_rec *p = realloc(r->rec, cap * sizeof *p);
    if (!p) return RS_ENOMEM;
    r->rec = p;
    r->cap = cap;
  }
  return RS_OK;
}

int rs__sim_ride_record(rs_sim *sim, int32_t date) {
  rs__ride *rd = sim->ride;
  const rs__day_tt *tt = &sim->tt;
  const rs__day_result *res = &sim->day;
  int from_rows = sim->s->timetable.nrows > 0;
  if (rs__ride_reserve(rd, tt->nruns, (size_t)tt->nstops) != RS_OK) return RS_ENOMEM;
  for (int r = 0; r < tt->nruns; r++) {
    const rs__run *run = &tt->runs[r];
    rs__ride_run *rr = &rd->runs[rd->nruns];
    rr->date = date;
    memcpy(rr->id, run->id, sizeof rr->id);
    for (int k = 0; k < run->nstops; k++) {
      int i = run->first_stop + k;
      rs__ride_rec *x = &rd->rec[rd->n++];
      x->run = rd->nruns;
      x->row = from_rows ? sim->day_row0 + i : -1;
      x->station = (int16_t)tt->stops[i].station;
      x->k = (int16_t)k;
      x->board = (float)res->stop_board[i];
      x->alight = (float)res->stop_alight[i];
      x->load = (float)res->stop_load[i];
      x->arr_s = tt->stops[i].arr_s;
      x->dep_s = tt->stops[i].dep_s;
    }
    rd->nruns++;
  }
  return RS_OK;
}
