/* The day's timetable from the service pattern, kept per service (sim.h,
 * rs__tt_slot): without random delays a day's trains depend only on its
 * service (day type or season) and on which stations are open, so a year
 * builds a handful of timetables and copies them, where it built and sorted
 * 365 (a fifth of an expected-value run). With random delays every day draws
 * its own, as before. The copy is the very timetable the build would give:
 * every result is unchanged. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sim/sim.h"

/* The day's service: its day type's, or on a workday inside a season with a
 * timetable of its own (timetable.seasons), the season's. */
static const rs__service *rs__sim_base_service(const rs_sim *sim, const rs__dayinfo *info) {
  const rs__timetable *t = &sim->s->timetable;
  int type = info->type;
  const rs__service *base = t->has_type[type] ? &t->by_type[type] : &t->service;
  for (int k = 0; type == RS__DAY_WORKDAY && info->season_kind && k < t->nseason_svc; k++)
    if (!strcmp(t->season_kind[k], info->season_kind)) base = &t->by_season[k];
  return base;
}

/* BASE with the what-if headway scale applied, into sim->svc. */
static const rs__service *rs__sim_scaled_service(rs_sim *sim, const rs__service *base) {
  const rs__timetable *t = &sim->s->timetable;
  sim->svc = (rs__service){.periods = sim->svc.periods, .nperiods = base->nperiods};
  memcpy(sim->svc.first_s, base->first_s, sizeof base->first_s);
  memcpy(sim->svc.last_s, base->last_s, sizeof base->last_s);
  double k = t->headway_scale > 0 ? t->headway_scale : 1;
  for (int i = 0; i < base->nperiods; i++) {
    sim->svc.periods[i] = base->periods[i];
    sim->svc.periods[i].headway_s *= k;
  }
  return &sim->svc;
}

void rs__sim_tt_cache_free(rs_sim *sim) {
  for (int i = 0; i < RS__TT_SLOTS; i++) {
    rs__day_tt_free(&sim->tt_slot[i].tt);
    free(sim->tt_slot[i].open);
    free(sim->tt_slot[i].pub);
    free(sim->tt_slot[i].pub_dep);
    free(sim->tt_slot[i].pub_plan);
  }
}

/* The slot of BASE with today's open stations, built when missing. */
static int rs__sim_tt_slot(rs_sim *sim, const rs__service *base, int *slot) {
  int nst = sim->s->nst, free_slot = -1;
  for (int i = 0; i < RS__TT_SLOTS; i++) {
    rs__tt_slot *z = &sim->tt_slot[i];
    if (!z->base) {
      if (free_slot < 0) free_slot = i;
    } else if (z->base == base && !memcmp(z->open, sim->open, (size_t)nst)) {
      *slot = i;
      return RS_OK;
    }
  }
  /* a new service or set of stations: the free slot, else the oldest built */
  int i = free_slot >= 0 ? free_slot : sim->tt_next % RS__TT_SLOTS;
  if (free_slot < 0) sim->tt_next++;
  rs__tt_slot *z = &sim->tt_slot[i];
  z->base = NULL;
  z->pub_ok = 0; /* its published service was another timetable's */
  if (sim->tt_last == i) sim->tt_last = -1; /* what sim->tt holds is no longer here */
  if (!z->open && !(z->open = malloc((size_t)nst))) return RS_ENOMEM;
  if (!z->tt.runs) rs__day_tt_init(&z->tt);
  int rc = rs__timetable_from_service(&z->tt, &sim->net, rs__sim_scaled_service(sim, base),
                                      &sim->s->timetable.delays, sim->open, NULL);
  if (rc != RS_OK) return rc;
  memcpy(z->open, sim->open, (size_t)nst);
  z->base = base;
  z->fleet = -2;
  *slot = i;
  return RS_OK;
}

int rs__sim_day_timetable(rs_sim *sim, const rs__dayinfo *info, int r0, int nr, int *same) {
  const rs_scenario *s = sim->s;
  const rs__delays *dl = &s->timetable.delays;
  int slot = -1, rc;
  *same = 0;
  if (s->timetable.nrows > 0) { /* departures_csv: the day's own rows */
    sim->tt_last = -1;
    return rs__timetable_from_rows(&sim->tt, s->nst, s->timetable.rows + r0, nr);
  }
  const rs__service *base = rs__sim_base_service(sim, info);
  if (dl->probability > 0 && dl->mean_s > 0) { /* random delays: every day its own */
    sim->tt_last = -1;
    return rs__timetable_from_service(&sim->tt, &sim->net, rs__sim_scaled_service(sim, base), dl,
                                      sim->open, sim->rng);
  }
  if ((rc = rs__sim_tt_slot(sim, base, &slot)) != RS_OK) return rc;
  /* yesterday's timetable again, untouched by suspensions: nothing to copy */
  *same = slot == sim->tt_last && s->timetable.nsuspensions == 0;
  if (!*same && (rc = rs__sim_tt_copy(&sim->tt, &sim->tt_slot[slot].tt)) != RS_OK) {
    sim->tt_last = -1;
    return rc;
  }
  sim->tt_last = slot;
  return RS_OK;
}

void rs__sim_republish(rs_sim *sim) {
  size_t nod = (size_t)sim->s->nst * (size_t)sim->s->nst;
  for (size_t k = 0; k < nod; k++)
    if (sim->plan_n[k] > 0 && !isfinite(sim->perc[k].wait_min)) {
      sim->perc[k].wait_min = sim->pub_wait[k];
      sim->perc[k].crowding = 0;
    }
}

int rs__sim_fleet_of_slot(const rs_sim *sim) {
  if (sim->tt_last < 0 || sim->s->timetable.nsuspensions > 0) return -2;
  return sim->tt_slot[sim->tt_last].fleet;
}

void rs__sim_fleet_keep(rs_sim *sim, int fleet) {
  if (sim->tt_last >= 0 && sim->s->timetable.nsuspensions == 0 && fleet >= 0)
    sim->tt_slot[sim->tt_last].fleet = fleet;
}
