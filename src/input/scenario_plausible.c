/* Plausibility: values that are valid but almost certainly a slip (station
 * positions in metres, a 400 km/h section, a two-hour headway, demand booked
 * after the last train). Each is a warning at its FILE:LINE:COL, kept with
 * the scenario (rs_scenario_warning) and printed by check and run; none stops
 * a run, because an unusual line may mean it. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "input/scenario_load.h"
#include "model/network.h"

#define RS__PL_MAX_GAP_KM 50       /* longer gaps between stations: not a metro or suburban line */
#define RS__PL_MIN_GAP_KM 0.3      /* platforms (~100-200 m) would overlap */
#define RS__PL_MAX_KMH 200         /* faster than any metro or suburban service */
#define RS__PL_MAX_RIDE_MIN 180    /* an end-to-end ride of three hours */
#define RS__PL_MIN_HEADWAY_S 90    /* closer than any signalling allows */
#define RS__PL_MAX_HEADWAY_MIN 120 /* fewer than one train in two hours */

static void rs__warn(rs__bind *b, const rs__ynode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void rs__warn(rs__bind *b, const rs__ynode *n, const char *fmt, ...) {
  if (!b->s->warn && !(b->s->warn = rs_diag_alloc())) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rs__diag_warn(b->s->warn, n ? n->file : NULL, n ? n->line : 0, n ? n->col : 0, "%s", msg);
}

static const rs__ynode *rs__station_node(rs__bind *b, int i, const char *key) {
  const rs__ynode *st = rs__y_get(rs__y_get(b->root, "line"), "stations");
  if (!st || st->kind != RS__Y_SEQ || (size_t)i >= st->n) return NULL;
  const rs__ynode *n = rs__y_get(st->items[i], key);
  return n ? n : st->items[i];
}

/* Running time of section i (station i to i+1), given or kinematic, in s. */
static double rs__section_s(const rs_scenario *s, int i) {
  const rs__running *r = &s->running;
  if (r->section_s && i < r->nsection) return r->section_s[i];
  double m = (s->st[i + 1].km - s->st[i].km) * 1000;
  return rs__kinematic_run_s(m, r->max_speed_kmh / 3.6, r->accel_ms2, r->brake_ms2);
}

static void rs__plausible_line(rs__bind *b) {
  const rs_scenario *s = b->s;
  double ride = 0;
  for (int i = 0; i + 1 < s->nst; i++) {
    double gap = s->st[i + 1].km - s->st[i].km;
    const rs__ynode *kn = rs__station_node(b, i + 1, "km");
    if (gap > RS__PL_MAX_GAP_KM)
      rs__warn(b, kn, "'line.stations[%d].km': %g km from %s is implausible between two "
               "stations (more than %d km); are the positions in metres? (kilometres expected)",
               i + 1, gap, s->st[i].id, RS__PL_MAX_GAP_KM);
    else if (gap > 0 && gap < RS__PL_MIN_GAP_KM)
      rs__warn(b, kn, "'line.stations[%d].km': only %.0f m from %s; stations closer than "
               "%.0f m are implausible", i + 1, gap * 1000, s->st[i].id, RS__PL_MIN_GAP_KM * 1000);
    double t = rs__section_s(s, i);
    if (gap > 0 && t > 0 && gap / (t / 3600) > RS__PL_MAX_KMH) {
      const rs__ynode *sn = rs__y_get(rs__y_get(b->root, "running"), "sections_s");
      if (sn && sn->kind == RS__Y_SEQ && (size_t)i < sn->n) sn = sn->items[i];
      rs__warn(b, sn ? sn : kn, "%.0f s from %s to %s is %.0f km/h on average, more than %d "
               "km/h", t, s->st[i].id, s->st[i + 1].id, gap / (t / 3600), RS__PL_MAX_KMH);
    }
    ride += t + (i + 1 < s->nst - 1 ? s->st[i + 1].dwell_s : 0);
  }
  const rs__ynode *vn = rs__y_get(rs__y_get(b->root, "running"), "max_speed_kmh");
  if (vn && s->running.max_speed_kmh > RS__PL_MAX_KMH)
    rs__warn(b, vn, "'running.max_speed_kmh': %g km/h is more than any metro or suburban "
             "train runs (%d)", s->running.max_speed_kmh, RS__PL_MAX_KMH);
  if (ride * s->running.time_scale > RS__PL_MAX_RIDE_MIN * 60)
    rs__warn(b, rs__y_get(b->root, "line"), "a ride from %s to %s takes %.0f min, more than "
             "%d; check the station positions (km) and running times",
             s->st[0].id, s->st[s->nst - 1].id, ride * s->running.time_scale / 60,
             RS__PL_MAX_RIDE_MIN);
}

/* departures_csv: consecutive stops of one train faster than 200 km/h. */
static void rs__plausible_departures(rs__bind *b) {
  const rs__timetable *tt = &b->s->timetable;
  for (int i = 1; i < tt->nrows; i++) {
    const rs__dep_row *p = &tt->rows[i - 1], *r = &tt->rows[i];
    if (strcmp(p->train, r->train) || p->station < 0 || r->station < 0) continue;
    double km = fabs(b->s->st[r->station].km - b->s->st[p->station].km), t = r->arr_s - p->dep_s;
    if (!(t > 0) || km / (t / 3600) <= RS__PL_MAX_KMH) continue;
    if (!b->s->warn && !(b->s->warn = rs_diag_alloc())) return;
    rs__diag_warn(b->s->warn, tt->departures_csv, r->line, 0,
                  "train '%s' runs %.1f km from %s to %s in %.0f s: %.0f km/h, more than %d "
                  "km/h", r->train, km, b->s->st[p->station].id, b->s->st[r->station].id, t,
                  km / (t / 3600), RS__PL_MAX_KMH);
  }
}

static void rs__plausible_periods(rs__bind *b, const rs__service *sv, const rs__ynode *pl,
                                  const char *path) {
  for (int i = 0; i < sv->nperiods; i++) {
    double hw = sv->periods[i].headway_s;
    const rs__ynode *n = pl && pl->kind == RS__Y_SEQ && (size_t)i < pl->n
                             ? rs__y_get(pl->items[i], "headway_min") : NULL;
    if (hw > 0 && hw < RS__PL_MIN_HEADWAY_S)
      rs__warn(b, n, "'%s[%d].headway_min': a train every %.0f s is closer than signalling "
               "allows (%d s)", path, i, hw, RS__PL_MIN_HEADWAY_S);
    else if (hw > RS__PL_MAX_HEADWAY_MIN * 60)
      rs__warn(b, n, "'%s[%d].headway_min': a train every %.0f min is implausible for a "
               "metro (more than %d min)", path, i, hw / 60, RS__PL_MAX_HEADWAY_MIN);
  }
}

/* Trips of demand.od booked after the last train has left their origin
 * (the terminal's last departure plus the running times to the origin). */
static void rs__plausible_demand(rs__bind *b) {
  const rs_scenario *s = b->s;
  const rs__service *sv = &s->timetable.service;
  const rs__ynode *odn = rs__y_get(rs__y_get(b->root, "demand"), "od");
  if (s->timetable.departures_csv[0] || !odn || odn->kind != RS__Y_SEQ) return;
  for (int i = 0; i < s->demand.nod && (size_t)i < odn->n; i++) {
    const rs__od *od = &s->demand.od[i];
    if (od->profile < 0 || od->origin == od->dest) continue;
    int dir = od->dest > od->origin ? RS__DOWN : RS__UP;
    double to_origin = 0; /* from the terminal of that direction to the origin */
    for (int k = 0; k + 1 < s->nst; k++)
      if (dir == RS__DOWN ? k < od->origin : k >= od->origin) to_origin += rs__section_s(s, k);
    double last = sv->last_s[dir] + to_origin; /* riders before the first train wait */
    const double *w = s->demand.profiles[od->profile].w;
    double sum = 0, out = 0;
    for (int h = 0; h < RS__HOURS; h++) {
      sum += w[h];
      double lo = h * 3600.0 > last ? h * 3600.0 : last, hi = (h + 1) * 3600.0;
      if (hi > lo) out += w[h] * (hi - lo) / 3600; /* arrivals are uniform in the hour */
    }
    if (sum <= 0 || out <= 0) continue;
    char t[16];
    rs__time_format(last, t, sizeof t);
    rs__warn(b, odn->items[i], "'demand.od[%d]': %.0f of its %g trips a day (%.0f%%) arrive "
             "after the last train leaves %s (%s): they are outside service hours and will "
             "be stranded", i, od->trips * out / sum, od->trips, 100 * out / sum,
             s->st[od->origin].id, t);
  }
}

void rs__scenario_plausibility(rs__bind *b) {
  if (b->nerr || !b->s->st || b->s->nst < 2) return;
  rs__plausible_line(b);
  rs__plausible_departures(b);
  const rs__ynode *tt = rs__y_get(b->root, "timetable");
  rs__plausible_periods(b, &b->s->timetable.service, rs__y_get(tt, "periods"),
                        "timetable.periods");
  const rs__ynode *dt = rs__y_get(tt, "day_types");
  for (int t = 0; t < RS__NDAYTYPES; t++) {
    if (!b->s->timetable.has_type[t]) continue;
    char path[RS__KP_MAX];
    snprintf(path, sizeof path, "timetable.day_types.%s.periods", rs__daytype_name((rs__daytype)t));
    rs__plausible_periods(b, &b->s->timetable.by_type[t],
                          rs__y_get(rs__y_get(dt, rs__daytype_name((rs__daytype)t)), "periods"),
                          path);
  }
  const rs__ynode *sn = rs__y_get(tt, "seasons");
  for (int k = 0; k < b->s->timetable.nseason_svc; k++) {
    char path[RS__KP_MAX];
    snprintf(path, sizeof path, "timetable.seasons.%s.periods", b->s->timetable.season_kind[k]);
    rs__plausible_periods(b, &b->s->timetable.by_season[k],
                          rs__y_get(rs__y_get(sn, b->s->timetable.season_kind[k]), "periods"),
                          path);
  }
  rs__plausible_demand(b);
}

size_t rs_scenario_warning_count(const rs_scenario *s) {
  return s && s->warn ? rs_diag_count(s->warn) : 0;
}

const char *rs_scenario_warning(const rs_scenario *s, size_t i) {
  return i < rs_scenario_warning_count(s) ? rs_diag_message(s->warn, i) : NULL;
}
