/* Every default of the scenario, once (see defaults.h). Each value here is the
 * one docs/scenario-reference.md (or docs/commute.md) gives in its default column. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/defaults.h"

void rs__top_defaults(rs_scenario *s) {
  s->version = 1;
  s->seed = 1;
  s->step_s = 30;
}

void rs__period_defaults(rs__period_def *p) { p->start = p->end = RS__DATE_NONE; }

void rs__calendar_defaults(rs_scenario *s) {
  snprintf(s->calendars[0], RS__PATH_MAX, "%s", "(builtin)/calendars/china.yaml");
  s->ncalendars = 1;
}

void rs__output_defaults(rs_scenario *s) { s->detail_date = RS__DATE_NONE; }

void rs__trains_defaults(rs__trains *t) {
  t->cars = 4;
  t->fleet = 0; /* unlimited */
}

double rs__comfort_capacity_default(double capacity) { return 0.7 * capacity; }

void rs__running_defaults(rs__running *r) {
  r->max_speed_kmh = 100;
  r->accel_ms2 = 0.8;
  r->brake_ms2 = 0.8;
  r->turnaround_s = 300;
  r->time_scale = 1;
}

int rs__timetable_defaults(rs__timetable *tt) {
  rs__service *sv = &tt->service;
  sv->first_s[RS__DOWN] = sv->first_s[RS__UP] = 6 * 3600;
  sv->last_s[RS__DOWN] = sv->last_s[RS__UP] = 23 * 3600;
  free(sv->periods);
  sv->periods = calloc(1, sizeof *sv->periods);
  if (!sv->periods) return RS_ENOMEM;
  sv->periods[0] = (rs__period){0, 86400, 600}; /* all day at 10 min */
  sv->nperiods = 1;
  tt->headway_scale = 1;
  tt->delays = (rs__delays){0, 0};
  return RS_OK;
}

void rs__market_defaults(rs__demand_model *dm) {
  /* every purpose travels as on a workday, flat profile, no novelty */
  for (int p = 0; p < RS_NPURPOSE; p++) {
    dm->purpose[p].profile[RS__UP] = dm->purpose[p].profile[RS__DOWN] = -1;
    for (int t = 0; t < RS__NDAYTYPES; t++) dm->purpose[p].day_factor[t] = 1;
    for (int k = 0; k < 7; k++) dm->purpose[p].weekday_factor[k] = 1;
    dm->purpose[p].scale = 1;
  }
  dm->scale = 1;
  dm->bass_p = 1e3; /* adoption complete at once unless stated */
  dm->bass_q = 0;
  dm->novelty_half_life_days = 30;
  dm->opening = dm->base_date = RS__DATE_NONE;
}

void rs__fare_defaults(rs__fare *f) {
  /* Chengdu Metro distance fare (shared/data/ziyang-line.md). */
  static const double up[] = {12, 24, 40, 50, 1e6}, step[] = {4, 6, 8, 10, 20};
  f->base = 2;
  f->base_km = 4;
  f->nbands = 5;
  for (int i = 0; i < 5; i++) f->up_to_km[i] = up[i], f->step_km[i] = step[i];
  f->scale = 1;
  f->add = 0;
}

void rs__metro_defaults(rs__metro_los *m) {
  memset(m, 0, sizeof *m);
  rs__fare_defaults(&m->fare);
  m->access_min = m->egress_min = 10;
}

/* A connecting leg means one change of train unless stated (through-running). */
double rs__onward_transfers_default(double onward_ivt_min) { return onward_ivt_min > 0 ? 1 : 0; }

void rs__choice_defaults(rs__choice_params *c) {
  /* a plausible commuter logit (docs/demand-model.md) */
  c->ivt = -0.03;
  c->wait = -0.06;
  c->walk = -0.05;
  c->transfer = -0.3;
  c->cost = -0.08;
  c->crowding = -1.0;
  c->learning = 0.3;
}

void rs__commute_defaults(rs__commute_def *c) {
  c->line = 1;
  c->peak_from_s = 7 * 3600;
  c->peak_to_s = 9 * 3600;
  c->samples = 400;
  c->onward_tol_min = 5;
  c->interchange = -1; /* then the first station of market.cross_zone */
  c->headline_zone = 0;
  c->headline_dest = 0;
  for (int m = 0; m < RS__MAX_MODES; m++) c->modes[m].cv = 0.3;
}

int rs__scenario_defaults(rs_scenario *s) {
  rs__top_defaults(s);
  rs__period_defaults(&s->period);
  rs__calendar_defaults(s);
  rs__output_defaults(s);
  rs__trains_defaults(&s->trains);
  rs__running_defaults(&s->running);
  rs__market_defaults(&s->model);
  rs__metro_defaults(&s->model.metro);
  rs__choice_defaults(&s->model.beta);
  return rs__timetable_defaults(&s->timetable);
}

/* ---- list items ---------------------------------------------------------- */

void rs__station_defaults(rs__station *st) {
  st->dwell_s = 30;
  st->opens = RS__DATE_NONE; /* open from the start */
  st->km = NAN;              /* required: NAN until bound */
}

void rs__od_defaults(rs__od *od) {
  od->origin = od->dest = -1; /* required */
  od->profile = -1;           /* flat */
}

void rs__suspension_defaults(rs__suspension *sp) { sp->date = RS__DATE_NONE; /* every day */ }

void rs__mode_defaults(rs__mode *m) {
  m->from = m->to = RS__DATE_NONE;
  m->serves = RS__SERVES_ALL;
}

void rs__event_defaults(rs__event *e) { e->purpose = RS__P_LEISURE; }

void rs__observation_defaults(rs__observation *o) {
  o->kind = -1; /* required */
  o->from = o->to = RS__DATE_NONE;
  o->tolerance_pct = 5;
  o->bound = RS__BOUND_NONE;
  o->station = o->day_type = -1; /* the whole line, every day */
}

void rs__unc_entry_defaults(rs__unc_entry *e) {
  e->lo = -INFINITY;
  e->hi = INFINITY;
}

void rs__cm_line_defaults(rs__cm_line *l) {
  l->first_s = 0;
  l->last_s = 86400;
}

void rs__cm_period_defaults(rs__period *p) { p->headway_s = 10 * 60; }

void rs__cm_cong_defaults(rs__cm_cong *k) { k->factor = 1; }

/* access and egress spread of a zone or destination (gamma cv) */
static const double rs__cm_dist_cv = 0.5;

static void rs__cm_no_overrides(double ov[RS__MAX_MODES][RS__CM_NFIELD]) {
  for (int m = 0; m < RS__MAX_MODES; m++)
    for (int f = 0; f < RS__CM_NFIELD; f++) ov[m][f] = NAN;
}

void rs__cm_zone_defaults(rs__cm_zone *z, const rs__metro_los *metro) {
  z->station = -1;
  z->access = (rs__cm_dist){metro->access_min, rs__cm_dist_cv};
  z->egress = (rs__cm_dist){metro->egress_min, rs__cm_dist_cv};
  rs__cm_no_overrides(z->ov);
}

void rs__cm_dest_defaults(rs__cm_dest *z, const rs__metro_los *metro) {
  z->line = -1;
  z->weight = 1;
  z->egress = (rs__cm_dist){metro->egress_min, rs__cm_dist_cv};
  rs__cm_no_overrides(z->ov);
}
