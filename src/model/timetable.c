/* One day's trains, from the headway pattern or from explicit departure rows.
 * Memory is kept between days and only grows. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/timetable.h"

/* Guard against degenerate patterns (tiny headways): a clear error, no hang. */
#define RS__MAX_RUNS 200000

void rs__day_tt_init(rs__day_tt *tt) { memset(tt, 0, sizeof *tt); }

void rs__day_tt_free(rs__day_tt *tt) {
  free(tt->runs);
  free(tt->stops);
  free(tt->stop_of);
  memset(tt, 0, sizeof *tt);
}

/* Make room for NRUNS runs and NSTOPS stops on a line of NST stations.
 * stop_of always holds cap_runs * nst entries. */
static int rs__tt_reserve(rs__day_tt *tt, int nst, int nruns, int nstops) {
  if (nruns > tt->cap_runs || nst != tt->nst) {
    int cap = nruns > tt->cap_runs ? nruns + nruns / 4 + 8 : tt->cap_runs;
    rs__run *r = realloc(tt->runs, (size_t)cap * sizeof *r);
    if (!r) return RS_ENOMEM;
    tt->runs = r;
    int *so = realloc(tt->stop_of, (size_t)cap * (size_t)(nst > 0 ? nst : 1) * sizeof *so);
    if (!so) return RS_ENOMEM;
    tt->stop_of = so;
    tt->cap_runs = cap;
    tt->nst = nst;
  }
  if (nstops > tt->cap_stops) {
    int cap = nstops + nstops / 4 + 16;
    rs__stop *s = realloc(tt->stops, (size_t)cap * sizeof *s);
    if (!s) return RS_ENOMEM;
    tt->stops = s;
    tt->cap_stops = cap;
  }
  return RS_OK;
}

static double rs__tt_first_dep(const rs__day_tt *tt, const rs__run *r) {
  return tt->stops[r->first_stop].dep_s;
}

/* Order: departure from the first stop, then id. */
static int rs__run_before(const rs__day_tt *tt, const rs__run *a, const rs__run *b) {
  double ta = rs__tt_first_dep(tt, a), tb = rs__tt_first_dep(tt, b);
  if (ta != tb) return ta < tb;
  return strcmp(a->id, b->id) < 0;
}

/* Insertion sort: the runs come nearly sorted (each direction in order, or a
 * CSV in time order), so this is close to linear. Stops stay where they are;
 * runs point at them through first_stop. */
static void rs__tt_sort_runs(rs__day_tt *tt) {
  for (int i = 1; i < tt->nruns; i++) {
    rs__run x = tt->runs[i];
    int j = i;
    while (j > 0 && rs__run_before(tt, &x, &tt->runs[j - 1])) {
      tt->runs[j] = tt->runs[j - 1];
      j--;
    }
    tt->runs[j] = x;
  }
}

static void rs__tt_fill_stop_of(rs__day_tt *tt) {
  int nst = tt->nst;
  for (int r = 0; r < tt->nruns; r++) {
    int *so = tt->stop_of + (size_t)r * (size_t)nst;
    for (int i = 0; i < nst; i++) so[i] = -1;
    const rs__run *run = &tt->runs[r];
    for (int k = run->nstops - 1; k >= 0; k--) { /* first call wins */
      int st = tt->stops[run->first_stop + k].station;
      if (st >= 0 && st < nst) so[st] = k;
    }
  }
}

/* "D001": direction letter and number, without snprintf (it shows in profiles). */
static void rs__run_id(char *id, char c, int n) {
  if (n > 999) {
    snprintf(id, RS__ID_MAX, "%c%d", c, n);
    return;
  }
  id[0] = c;
  id[1] = (char)('0' + n / 100);
  id[2] = (char)('0' + n / 10 % 10);
  id[3] = (char)('0' + n % 10);
  id[4] = 0;
}

/* Headway in force at T, or the start of the next period when T falls in a
 * gap between periods: *next receives the next scheduled departure, 0 when
 * there is none. */
static int rs__next_departure(const rs__service *sv, double t, double *next) {
  *next = 0;
  for (int p = 0; p < sv->nperiods; p++)
    if (t >= sv->periods[p].from_s && t < rs__period_end(&sv->periods[p])) {
      if (!(sv->periods[p].headway_s > 0)) return -1;
      *next = t + sv->periods[p].headway_s;
      return 1;
    }
  int found = 0;
  for (int p = 0; p < sv->nperiods; p++)
    if (sv->periods[p].from_s > t && (!found || sv->periods[p].from_s < *next)) {
      *next = sv->periods[p].from_s;
      found = 1;
    }
  return found;
}

/* Number of scheduled departures of direction DIR: first_s to last_s inclusive.
 * When the headways do not land on last_s, one more train leaves at last_s:
 * the published last train runs at its time (*extra = 1). */
static int rs__count_departures(const rs__service *sv, int dir, int *count, int *extra) {
  int n = 0;
  double t = sv->first_s[dir], last = t;
  const double eps = 1e-6;
  *extra = 0;
  while (t <= sv->last_s[dir] + eps) {
    if (++n > RS__MAX_RUNS) return RS_ELIMIT;
    last = t;
    double next;
    int rc = rs__next_departure(sv, t, &next);
    if (rc < 0) return RS_EINVAL;
    if (rc == 0) break;
    t = next;
  }
  if (n > 0 && sv->last_s[dir] - last > 1.0) {
    n++;
    *extra = 1;
  }
  *count = n;
  return RS_OK;
}

int rs__timetable_from_service(rs__day_tt *tt, const rs__network *net,
                               const rs__service *service, const rs__delays *delays,
                               const unsigned char *open, gsl_rng *rng) {
  int nst = net->nst;
  tt->nruns = tt->nstops = 0;
  int nopen = 0;
  for (int i = 0; i < nst; i++) nopen += !open || open[i];
  int ndep[RS__NDIR] = {0, 0}, extra[RS__NDIR] = {0, 0};
  if (nopen >= 2)
    for (int d = 0; d < RS__NDIR; d++) {
      int rc = rs__count_departures(service, d, &ndep[d], &extra[d]);
      if (rc != RS_OK) return rc;
    }
  int nruns = ndep[0] + ndep[1];
  int rc = rs__tt_reserve(tt, nst, nruns, nruns * nopen);
  if (rc != RS_OK) return rc;
  tt->nst = nst;
  int use_delays = rng && delays && delays->probability > 0 && delays->mean_s > 0;

  for (int d = 0; d < RS__NDIR; d++) {
    double t = service->first_s[d];
    for (int n = 0; n < ndep[d]; n++) {
      if (extra[d] && n == ndep[d] - 1) t = service->last_s[d];
      double dep = t;
      if (use_delays && gsl_rng_uniform(rng) < delays->probability)
        dep += gsl_ran_exponential(rng, delays->mean_s);
      rs__run *run = &tt->runs[tt->nruns++];
      rs__run_id(run->id, d == RS__DOWN ? 'D' : 'U', n + 1);
      run->dir = d;
      run->first_stop = tt->nstops;
      run->nstops = 0;
      /* Open stations in travel order; closed ones are passed non-stop. */
      int prev = -1;
      double clock = dep;
      for (int k = 0; k < nst; k++) {
        int st = d == RS__DOWN ? k : nst - 1 - k;
        if (open && !open[st]) continue;
        rs__stop *sp = &tt->stops[tt->nstops++];
        sp->station = st;
        if (prev < 0) {
          sp->arr_s = sp->dep_s = clock;
        } else {
          sp->arr_s = clock + rs__network_run_between_s(net, prev, st);
          sp->dep_s = sp->arr_s + net->st[st].dwell_s;
        }
        clock = sp->dep_s;
        prev = st;
        run->nstops++;
      }
      /* The last stop ends the run: no dwell counted there. */
      tt->stops[tt->nstops - 1].dep_s = tt->stops[tt->nstops - 1].arr_s;
      if (n + 1 < ndep[d] - extra[d]) {
        double next;
        if (rs__next_departure(service, t, &next) <= 0) return RS_EINTERNAL;
        t = next;
      }
    }
  }
  rs__tt_sort_runs(tt);
  rs__tt_fill_stop_of(tt);
  return RS_OK;
}

int rs__timetable_from_rows(rs__day_tt *tt, int nst, const rs__dep_row *rows, int nrows) {
  tt->nruns = tt->nstops = 0;
  int nruns = 0;
  for (int i = 0; i < nrows; i++)
    if (i == 0 || strcmp(rows[i].train, rows[i - 1].train) != 0) nruns++;
  if (nruns > RS__MAX_RUNS) return RS_ELIMIT;
  int rc = rs__tt_reserve(tt, nst, nruns, nrows);
  if (rc != RS_OK) return rc;
  tt->nst = nst;
  for (int i = 0; i < nrows; i++) {
    if (rows[i].station < 0 || rows[i].station >= nst) return RS_EINVAL;
    if (i == 0 || strcmp(rows[i].train, rows[i - 1].train) != 0) {
      rs__run *run = &tt->runs[tt->nruns++];
      snprintf(run->id, sizeof run->id, "%s", rows[i].train);
      run->first_stop = tt->nstops;
      run->nstops = 0;
      run->dir = RS__DOWN;
    }
    rs__run *run = &tt->runs[tt->nruns - 1];
    rs__stop *sp = &tt->stops[tt->nstops++];
    sp->station = rows[i].station;
    sp->arr_s = rows[i].arr_s;
    sp->dep_s = rows[i].dep_s;
    run->nstops++;
  }
  /* Stations are listed in increasing km, so the index order of the first and
   * last stop gives the direction (the rows carry no km). */
  for (int r = 0; r < tt->nruns; r++) {
    rs__run *run = &tt->runs[r];
    int a = tt->stops[run->first_stop].station;
    int b = tt->stops[run->first_stop + run->nstops - 1].station;
    run->dir = b < a ? RS__UP : RS__DOWN;
  }
  rs__tt_sort_runs(tt);
  rs__tt_fill_stop_of(tt);
  return RS_OK;
}
