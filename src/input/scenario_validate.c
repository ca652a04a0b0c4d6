/* Cross-field checks that need several sections at once. Single-field ranges
 * are checked by the binders; this runs after them, also when they reported
 * errors, so skips anything that did not bind cleanly. */
#include <string.h>
#include "base/datetime.h"
#include "input/scenario_load.h"

/* Periods are ordered and do not overlap (checked by the binder). Return the
 * first time in [first, last] not inside a period, or -1 when covered. */
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
    if (sv->last_s[dir] < sv->first_s[dir]) return; /* reported by the binder */
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
  rs__validate_service(b);
  rs__scenario_plausibility(b);
  rs__validate_dated(b);
  return b->nerr > n0 ? RS_EINVAL : RS_OK;
}
