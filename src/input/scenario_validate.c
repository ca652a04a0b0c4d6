/* The validation pass: cross-field checks that need several fields, list
 * items or sections at once (see scenario_validate.h). Single-field ranges are
 * checked by the getters while binding; this runs after every binder, also
 * when they reported errors, so skips anything that did not bind cleanly. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "input/scenario_validate.h"
#include "model/timetable.h"

static int rs__cmp_node(const void *x, const void *y) {
  uintptr_t a = (uintptr_t) * (const rs__ynode *const *)x, b = (uintptr_t) * (const rs__ynode *const *)y;
  return (a > b) - (a < b);
}

static int rs__v_reported(const rs__vpass *v, const rs__ynode *n) {
  return v->nbad && bsearch(&n, v->b->errat, v->nbad, sizeof *v->b->errat, rs__cmp_node);
}

static int rs__v_clean_at(const rs__vpass *v, const rs__ynode *n) {
  if (rs__v_reported(v, n)) return 0;
  if (n->kind != RS__Y_SCALAR)
    for (size_t i = 0; i < n->n; i++)
      if (!rs__v_clean_at(v, n->items[i])) return 0;
  return 1;
}

int rs__v_clean(const rs__vpass *v, const rs__ynode *n) {
  if (!n || v->b->errat_lost) return 0;
  return rs__v_clean_at(v, n);
}

int rs__v_station(const rs__vpass *v, const rs__ynode *n) {
  if (!rs__v_clean(v, n) || n->kind != RS__Y_SCALAR) return -1;
  return rs__station_find(v->b, n->text);
}

/* line.stations[].km strictly increasing: each against the last one accepted. */
static void rs__validate_km(rs__vpass *v) {
  const rs_scenario *s = v->b->s;
  const rs__ynode *sl = rs__y_get(rs__y_get(v->b->root, "line"), "stations");
  if (!s->st || s->nst < 2 || !sl || sl->kind != RS__Y_SEQ || sl->n != (size_t)s->nst) return;
  double prev = NAN;
  char path[RS__KP_MAX], kp[RS__KP_MAX];
  for (int i = 0; i < s->nst; i++) {
    const rs__ynode *kn = rs__y_get(sl->items[i], "km");
    if (sl->items[i]->kind != RS__Y_MAP || !rs__v_clean(v, kn)) continue;
    double km = s->st[i].km;
    if (!isnan(prev) && km <= prev) {
      rs__kp_index(path, "line.stations", (size_t)i);
      rs__kp_key(kp, path, "km");
      rs__bind_err(v->b, kn, RS_EINVAL,
                   "'%s' must be greater than the previous station's km (%g), got %s", kp, prev,
                   kn->text);
    } else {
      prev = km;
    }
  }
}

/* running.sections_s: one run time per section between stations. */
static void rs__validate_sections(rs__vpass *v) {
  const rs__ynode *rn = rs__y_get(v->b->root, "running");
  const rs__ynode *sec = rn && rn->kind == RS__Y_MAP ? rs__y_get(rn, "sections_s") : NULL;
  int nst = v->b->s->nst;
  if (!sec || sec->kind != RS__Y_SEQ || nst < 2) return; /* a broken line: reported there */
  if ((int)sec->n != nst - 1)
    rs__bind_err(v->b, sec, RS_EINVAL,
                 "'running.sections_s' must have %d items (one per section between %d "
                 "stations), got %zu",
                 nst - 1, nst, sec->n);
}

/* The last train of each direction not before the first (N: the service's mapping). */
static void rs__validate_first_last(rs__vpass *v, const rs__ynode *n, const rs__service *sv) {
  const rs__ynode *f = rs__y_get(n, "first_train"), *l = rs__y_get(n, "last_train");
  if ((f && !rs__v_clean(v, f)) || (l && !rs__v_clean(v, l))) return;
  for (int dir = 0; dir < RS__NDIR; dir++)
    if (sv->last_s[dir] < sv->first_s[dir]) {
      char a[16], c[16];
      rs__time_format(sv->last_s[dir], a, sizeof a);
      rs__time_format(sv->first_s[dir], c, sizeof c);
      rs__bind_err(v->b, l ? l : f, RS_EINVAL,
                   "the last train (%s, %s) is before the first train (%s)",
                   dir == RS__DOWN ? "down" : "up", a, c);
      return;
    }
}

/* Periods [from, to) with to after from, in order, not overlapping. PL is the
 * list the binder read into SV (PPATH its key path). */
static void rs__validate_periods(rs__vpass *v, const rs__ynode *pl, const char *ppath,
                                 const rs__service *sv) {
  if (!pl || pl->kind != RS__Y_SEQ || pl->n == 0 || pl->n > 1440 || sv->nperiods != (int)pl->n)
    return; /* not bound from this list: reported by the binder */
  double prev_to = -1;
  char path[RS__KP_MAX], kp[RS__KP_MAX], t1[16];
  for (size_t i = 0; i < pl->n; i++) {
    const rs__ynode *m = pl->items[i];
    const rs__period *pd = &sv->periods[i];
    if (m->kind != RS__Y_MAP) {
      prev_to = -1;
      continue;
    }
    rs__kp_index(path, ppath, i);
    const rs__ynode *fn = rs__y_get(m, "from"), *tn = rs__y_get(m, "to");
    int okf = rs__v_clean(v, fn), okt = rs__v_clean(v, tn);
    if (okf && okt && pd->to_s <= pd->from_s) {
      rs__kp_key(kp, path, "to");
      rs__bind_err(v->b, tn, RS_EINVAL, "'%s' must be after 'from'", kp);
    } else if (okf && prev_to >= 0 && pd->from_s < prev_to) {
      rs__kp_key(kp, path, "from");
      rs__time_format(prev_to, t1, sizeof t1);
      rs__bind_err(v->b, fn, RS_EINVAL,
                   "'%s' overlaps the previous period, which ends at %s (periods must be in "
                   "order and not overlap)",
                   kp, t1);
    }
    prev_to = okt ? pd->to_s : -1;
  }
}

static void rs__validate_one_service(rs__vpass *v, const rs__ynode *n, const char *mappath,
                                     const rs__service *sv) {
  rs__validate_first_last(v, n, sv);
  char pp[RS__KP_MAX];
  rs__kp_key(pp, mappath, "periods");
  rs__validate_periods(v, rs__y_get(n, "periods"), pp, sv);
}

/* An explicit timetable (departures_csv) replaces the service pattern. */
static void rs__validate_departures_alone(rs__vpass *v, const rs__ynode *tn) {
  static const char *const excl[] = {"first_train", "last_train", "periods", "day_types",
                                     "seasons"};
  if (!rs__y_get(tn, "departures_csv")) return;
  for (int i = 0; i < 5; i++)
    if (rs__y_get(tn, excl[i]))
      rs__bind_err(v->b, rs__y_keynode(tn, excl[i]), RS_EINVAL,
                   "'timetable.%s' cannot be given together with 'timetable.departures_csv'",
                   excl[i]);
}

/* The base service pattern, then each day type's (timetable.day_types). */
static void rs__validate_services(rs__vpass *v) {
  const rs__timetable *tt = &v->b->s->timetable;
  const rs__ynode *tn = rs__y_get(v->b->root, "timetable");
  if (!tn || tn->kind != RS__Y_MAP) return;
  rs__validate_departures_alone(v, tn);
  rs__validate_one_service(v, tn, "timetable", &tt->service);
  const rs__ynode *dt = rs__y_get(tn, "day_types");
  if (!dt || dt->kind != RS__Y_MAP) return;
  for (int t = 0; t < RS__NDAYTYPES; t++) {
    const char *name = rs__daytype_name((rs__daytype)t);
    const rs__ynode *n = rs__y_get(dt, name);
    if (!n || n->kind != RS__Y_MAP || !tt->has_type[t]) continue;
    char path[RS__KP_MAX];
    rs__kp_key(path, "timetable.day_types", name);
    rs__validate_one_service(v, n, path, &tt->by_type[t]);
  }
}

/* timetable.seasons: each season's service, stored for the entries whose kind
 * is an id and whose value is a mapping (scenario_seasons.c). */
static void rs__validate_season_services(rs__vpass *v) {
  const rs__timetable *tt = &v->b->s->timetable;
  const rs__ynode *tn = rs__y_get(v->b->root, "timetable");
  const rs__ynode *sn = tn && tn->kind == RS__Y_MAP ? rs__y_get(tn, "seasons") : NULL;
  if (!sn || sn->kind != RS__Y_MAP || sn->n > RS__MAX_SEASON_FACTORS) return;
  int k = 0;
  for (size_t i = 0; i < sn->n && k < tt->nseason_svc; i++) {
    if (!rs__v_clean(v, sn->keys[i]) || sn->items[i]->kind != RS__Y_MAP) continue;
    char path[RS__KP_MAX];
    rs__kp_key(path, "timetable.seasons", sn->keys[i]->text);
    rs__validate_one_service(v, sn->items[i], path, &tt->by_season[k++]);
  }
}

/* timetable.suspensions: to after from (stored for the mappings of the list). */
static void rs__validate_suspensions(rs__vpass *v) {
  const rs__timetable *tt = &v->b->s->timetable;
  const rs__ynode *tn = rs__y_get(v->b->root, "timetable");
  const rs__ynode *su = tn && tn->kind == RS__Y_MAP ? rs__y_get(tn, "suspensions") : NULL;
  if (!su || su->kind != RS__Y_SEQ || su->n > RS__MAX_SUSPENSIONS) return;
  int k = 0;
  for (size_t i = 0; i < su->n && k < tt->nsuspensions; i++) {
    const rs__ynode *n = su->items[i];
    if (n->kind != RS__Y_MAP) continue;
    const rs__suspension *sp = &tt->suspensions[k++];
    const rs__ynode *to = rs__y_get(n, "to");
    if (rs__v_clean(v, rs__y_get(n, "from")) && rs__v_clean(v, to) && !(sp->to_s > sp->from_s)) {
      char p[RS__KP_MAX];
      rs__kp_index(p, "timetable.suspensions", i);
      rs__bind_err(v->b, to, RS_EINVAL, "'%s.to' must be after its 'from'", p);
    }
  }
}

/* demand: od or trips_csv, not both; od's to differs from from. */
static void rs__validate_od(rs__vpass *v) {
  const rs__demand *dm = &v->b->s->demand;
  const rs__ynode *dn = rs__y_get(v->b->root, "demand");
  const rs__ynode *ol = dn && dn->kind == RS__Y_MAP ? rs__y_get(dn, "od") : NULL;
  /* with counts_csv too, the binder stopped at that (scenario_counts.c) */
  if (ol && rs__y_get(dn, "trips_csv") && !rs__y_get(dn, "counts_csv"))
    rs__bind_err(v->b, rs__y_keynode(dn, "od"), RS_EINVAL,
                 "'demand.od' cannot be given together with 'demand.trips_csv'");
  if (!ol || ol->kind != RS__Y_SEQ || ol->n != (size_t)dm->nod) return;
  for (int i = 0; i < dm->nod; i++) {
    const rs__od *od = &dm->od[i];
    const rs__ynode *tn = rs__y_get(ol->items[i], "to");
    if (ol->items[i]->kind != RS__Y_MAP || !rs__v_clean(v, tn) || od->dest < 0 ||
        od->dest != od->origin)
      continue;
    char path[RS__KP_MAX], kp[RS__KP_MAX];
    rs__kp_index(path, "demand.od", (size_t)i);
    rs__kp_key(kp, path, "to");
    rs__bind_err(v->b, tn, RS_EINVAL, "'%s' must differ from 'from' (both are '%s')", kp, tn->text);
  }
}

/* period: end not before start, at most RS__MAX_DAYS days. */
static void rs__validate_period(rs__vpass *v) {
  const rs_scenario *s = v->b->s;
  const rs__ynode *pn = rs__y_get(v->b->root, "period");
  if (!pn || pn->kind != RS__Y_MAP) return;
  const rs__ynode *en = rs__y_get(pn, "end");
  if (!rs__v_clean(v, rs__y_get(pn, "start")) || !rs__v_clean(v, en)) return;
  if (s->period.end < s->period.start)
    rs__bind_err(v->b, en, RS_EINVAL, "'period.end' must not be before 'period.start'");
  if (s->period.end - s->period.start >= RS__MAX_DAYS)
    rs__bind_err(v->b, en, RS_ELIMIT, "'period' spans %d days; at most %d are allowed",
                 (int)(s->period.end - s->period.start + 1), RS__MAX_DAYS);
}

/* Periods are ordered and do not overlap (checked above). Return the first
 * time in [first, last] not inside a period, or -1 when covered. */
static double rs__service_gap(const rs__service *sv, double first, double last) {
  double cur = first;
  for (;;) {
    int found = -1;
    for (int i = 0; i < sv->nperiods; i++)
      if (sv->periods[i].from_s <= cur && cur < rs__period_end(&sv->periods[i])) found = i;
    if (found < 0) {
      /* the last departure may sit exactly at the end of a period */
      for (int i = 0; i < sv->nperiods; i++)
        if (cur == last && sv->periods[i].to_s == last && sv->periods[i].from_s < last) return -1;
      return cur;
    }
    cur = rs__period_end(&sv->periods[found]);
    if (cur >= last) return -1;
  }
}

static int rs__periods_sane(const rs__service *sv) {
  for (int i = 0; i < sv->nperiods; i++) {
    const rs__period *p = &sv->periods[i];
    if (!(p->to_s > p->from_s) || !(p->headway_s > 0)) return 0;
    if (i && p->from_s < sv->periods[i - 1].to_s) return 0;
  }
  return sv->nperiods > 0;
}

static void rs__validate_service(rs__bind *b) {
  const rs__timetable *tt = &b->s->timetable;
  const rs__service *sv = &tt->service;
  if (tt->departures_csv[0] || !rs__periods_sane(sv)) return;
  const rs__ynode *ttn = rs__y_get(b->root, "timetable");
  const rs__ynode *pn = rs__y_get(ttn, "periods");
  if (!pn) pn = ttn ? ttn : b->root;
  for (int dir = 0; dir < RS__NDIR; dir++) {
    if (sv->last_s[dir] < sv->first_s[dir]) return; /* reported above */
    double gap = rs__service_gap(sv, sv->first_s[dir], sv->last_s[dir]);
    if (gap < 0) continue;
    char g[16], f[16], l[16];
    rs__time_format(gap, g, sizeof g);
    rs__time_format(sv->first_s[dir], f, sizeof f);
    rs__time_format(sv->last_s[dir], l, sizeof l);
    rs__bind_err(b, pn, RS_EINVAL,
                 "'timetable.periods' must cover the service hours %s-%s (%s): no period "
                 "at %s",
                 f, l, dir == RS__DOWN ? "down" : "up", g);
    return;
  }
}

/* Dated tables need dates to run on: a calendar run (period). */
static void rs__validate_dated(rs__bind *b) {
  const rs_scenario *s = b->s;
  if (s->period.start != RS__DATE_NONE) return;
  if (s->timetable.dated)
    rs__bind_err(b, rs__y_get(rs__y_get(b->root, "timetable"), "departures_csv"), RS_EINVAL,
                 "'timetable.departures_csv' has a date column: give 'period' (start, end) "
                 "so the run has service dates");
  if (s->demand.dated)
    rs__bind_err(b, rs__y_get(rs__y_get(b->root, "demand"), "trips_csv"), RS_EINVAL,
                 "'demand.trips_csv' has a date column: give 'period' (start, end) so the run "
                 "has service dates");
}

int rs__scenario_validate(rs__bind *b) {
  int n0 = b->nerr;
  /* the binders are done: their problem nodes, sorted for lookups */
  rs__vpass v = {b, b->nerrat};
  if (v.nbad) qsort(b->errat, v.nbad, sizeof *b->errat, rs__cmp_node);
  rs__validate_km(&v);
  rs__validate_sections(&v);
  rs__validate_services(&v);
  rs__validate_season_services(&v);
  rs__validate_suspensions(&v);
  rs__validate_od(&v);
  rs__validate_period(&v);
  rs__validate_model(&v);
  rs__validate_commute(&v);
  rs__validate_service(b);
  rs__scenario_plausibility(b);
  rs__validate_dated(b);
  return b->nerr > n0 ? RS_EINVAL : RS_OK;
}
