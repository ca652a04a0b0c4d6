/* One GTFS route as one ridersim line: its trips and stop times, stops merged
 * into stations (a platform's parent_station, else the stop itself), the
 * stations put in one order that every trip follows one way or the other
 * (express and short-turn patterns skip stations of it), and kilometres.
 * What one line cannot hold (a loop, a branch) is reported, never dropped
 * without a word. Names and km: gtfs_names.c. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "input/gtfs.h"

enum { RT_ID, RT_SHORT, RT_LONG, RT_TYPE, RT_N };
enum { TR_ROUTE, TR_SERVICE, TR_ID, TR_DIR, TR_BLOCK, TR_SHAPE, TR_N };
enum { SP_ID, SP_NAME, SP_LAT, SP_LON, SP_PARENT, SP_LTYPE, SP_N };
enum { STM_TRIP, STM_ARR, STM_DEP, STM_STOP, STM_SEQ, STM_SDT, STM_PICK, STM_DROP, STM_N };

void rs__gtfs_report(rs__gtfs_line *ln, const char *fmt, ...) {
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  size_t n = strlen(line);
  if (ln->report_len + n + 2 > ln->report_cap) {
    size_t cap = ln->report_cap ? ln->report_cap * 2 : 4096;
    while (cap < ln->report_len + n + 2) cap *= 2;
    char *r = realloc(ln->report, cap);
    if (!r) return; /* the report is advisory; the import goes on */
    ln->report = r;
    ln->report_cap = cap;
  }
  memcpy(ln->report + ln->report_len, line, n);
  ln->report_len += n;
  ln->report[ln->report_len++] = '\n';
  ln->report[ln->report_len] = 0;
  ln->nreport++;
}

/* Rail in GTFS route_type: tram 0, metro 1, rail 2, monorail 12, funicular 7,
 * and the extended types 100-199 (railway) and 400-499 (urban rail). */
int rs__gtfs_is_rail(const char *type) {
  int t = atoi(type);
  return t == 0 || t == 1 || t == 2 || t == 7 || t == 12 || (t >= 100 && t < 200) ||
         (t >= 400 && t < 500);
}

static int rs__pick_route(rs__gtfs_line *ln, const char *route_id, rs_diag *d) {
  const rs__gtfs_table *t = &ln->routes;
  ln->route_row = -1;
  int nrail = 0, rail = -1;
  for (int r = 0; r < t->nrows; r++) {
    if (route_id && !strcmp(rs__gtfs_cell(t, r, RT_ID), route_id)) ln->route_row = r;
    if (rs__gtfs_is_rail(rs__gtfs_cell(t, r, RT_TYPE))) nrail++, rail = r;
  }
  if (route_id && ln->route_row < 0)
    return rs__diag_add(d, RS_EINVAL, t->where, 0, 0,
                        "no route '%s' in the feed (ridersim import-gtfs FEED --list shows the routes)",
                        route_id);
  if (!route_id) {
    if (nrail != 1)
      return rs__diag_add(d, RS_EUSAGE, t->where, 0, 0,
                          "the feed has %d rail routes: choose one with --route ROUTE_ID "
                          "(--list shows them)", nrail);
    ln->route_row = rail;
  }
  if (!rs__gtfs_is_rail(rs__gtfs_cell(t, ln->route_row, RT_TYPE)))
    rs__gtfs_report(ln, "note: route '%s' has route_type %s (not rail): imported as a line anyway",
                    rs__gtfs_cell(t, ln->route_row, RT_ID), rs__gtfs_cell(t, ln->route_row, RT_TYPE));
  return RS_OK;
}

/* The route's trips, and trip_id -> index in IDS. */
static int rs__collect_trips(rs__gtfs_line *ln, rs__gtfs_map *ids, rs_diag *d) {
  const rs__gtfs_table *t = &ln->trips;
  const char *rid = rs__gtfs_cell(&ln->routes, ln->route_row, RT_ID);
  ln->trip = calloc((size_t)t->nrows + 1, sizeof *ln->trip);
  if (!ln->trip) return RS_ENOMEM;
  int unknown = 0;
  for (int r = 0; r < t->nrows; r++) {
    if (strcmp(rs__gtfs_cell(t, r, TR_ROUTE), rid)) continue;
    rs__gtfs_trip *tp = &ln->trip[ln->ntrip];
    tp->row = r;
    tp->service = rs__gtfs_map_get(&ln->sv.ids, rs__gtfs_cell(t, r, TR_SERVICE));
    if (tp->service < 0) unknown++;
    if (rs__gtfs_map_get(ids, rs__gtfs_cell(t, r, TR_ID)) >= 0)
      return rs__diag_add(d, RS_EINVAL, t->where, t->line[r], 0, "trip_id '%s' appears twice",
                          rs__gtfs_cell(t, r, TR_ID));
    if (rs__gtfs_map_put(ids, rs__gtfs_cell(t, r, TR_ID), ln->ntrip)) return RS_ENOMEM;
    ln->ntrip++;
  }
  if (unknown)
    rs__gtfs_report(ln, "%d trips name a service_id in neither calendar.txt nor "
                        "calendar_dates.txt: they never run", unknown);
  if (ln->ntrip == 0)
    return rs__diag_add(d, RS_EINVAL, t->where, 0, 0, "route '%s' has no trips", rid);
  return RS_OK;
}

/* Station of a stop: its parent_station when it has one, else itself. */
static int rs__station_of(rs__gtfs_line *ln, rs__gtfs_map *stations, int stop_row) {
  const rs__gtfs_table *sp = &ln->stops;
  const char *key = rs__gtfs_cell(sp, stop_row, SP_PARENT);
  if (!*key) key = rs__gtfs_cell(sp, stop_row, SP_ID);
  int k = rs__gtfs_map_get(stations, key);
  if (k >= 0) return k;
  rs__gtfs_station *st = realloc(ln->st, (size_t)(ln->nst + 1) * sizeof *st);
  if (!st) return RS_ENOMEM;
  ln->st = st;
  rs__gtfs_station *s = &ln->st[ln->nst];
  memset(s, 0, sizeof *s);
  snprintf(s->key, sizeof s->key, "%s", key);
  s->order = -1;
  if (rs__gtfs_map_put(stations, key, ln->nst)) return RS_ENOMEM;
  return ln->nst++;
}

typedef struct rs__stkey {
  int trip, seq, row;
} rs__stkey;

static int rs__cmp_stkey(const void *a, const void *b) {
  const rs__stkey *x = a, *y = b;
  if (x->trip != y->trip) return x->trip < y->trip ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Times left empty between timepoints: spread evenly between the known ones. */
static int rs__interpolate(rs__gtfs_stime *s, int n) {
  for (int i = 0; i < n; i++) {
    if (!isnan(s[i].dep_s) && isnan(s[i].arr_s)) s[i].arr_s = s[i].dep_s;
    if (!isnan(s[i].arr_s) && isnan(s[i].dep_s)) s[i].dep_s = s[i].arr_s;
  }
  if (n < 2 || isnan(s[0].dep_s) || isnan(s[n - 1].arr_s)) return -1;
  for (int i = 1; i < n - 1; i++) {
    if (!isnan(s[i].arr_s)) continue;
    int j = i + 1;
    while (isnan(s[j].arr_s)) j++;
    double t0 = s[i - 1].dep_s, t1 = s[j].arr_s;
    for (int k = i; k < j; k++) s[k].arr_s = s[k].dep_s = t0 + (t1 - t0) * (k - i + 1) / (j - i + 1);
    i = j - 1;
  }
  return 0;
}

static int rs__read_stime(rs__gtfs_line *ln, const rs__gtfs_table *t, int r, const rs__gtfs_map *stops,
                          rs__gtfs_map *stations, rs__gtfs_stime *o, rs_diag *d) {
  const char *a = rs__gtfs_cell(t, r, STM_ARR), *b = rs__gtfs_cell(t, r, STM_DEP);
  o->arr_s = o->dep_s = NAN;
  if ((*a && rs__gtfs_time(a, &o->arr_s)) || (*b && rs__gtfs_time(b, &o->dep_s)))
    return rs__diag_add(d, RS_EINVAL, t->where, t->line[r], 0,
                        "arrival_time/departure_time must be H:MM:SS or HH:MM:SS (hours up to 47), got '%s', '%s'",
                        a, b);
  o->stop_row = rs__gtfs_map_get(stops, rs__gtfs_cell(t, r, STM_STOP));
  if (o->stop_row < 0)
    return rs__diag_add(d, RS_EINVAL, t->where, t->line[r], 0, "stop_id '%s' is not in stops.txt",
                        rs__gtfs_cell(t, r, STM_STOP));
  o->station = rs__station_of(ln, stations, o->stop_row);
  if (o->station < 0) return o->station;
  const char *sd = rs__gtfs_cell(t, r, STM_SDT);
  char *end;
  o->sdt = *sd ? strtod(sd, &end) : NAN;
  if (*sd && *end) o->sdt = NAN;
  o->seq = atoi(rs__gtfs_cell(t, r, STM_SEQ));
  return RS_OK;
}

/* Stop times of the route's trips, in trip and stop_sequence order. */
static int rs__collect_stimes(rs__gtfs_line *ln, const rs__gtfs_table *t, const rs__gtfs_map *tids,
                              const rs__gtfs_map *stops, rs__gtfs_map *stations, rs_diag *d) {
  rs__stkey *key = malloc(((size_t)t->nrows + 1) * sizeof *key);
  if (!key) return RS_ENOMEM;
  int n = 0, passing = 0;
  for (int r = 0; r < t->nrows; r++) {
    int k = rs__gtfs_map_get(tids, rs__gtfs_cell(t, r, STM_TRIP));
    if (k < 0) continue;
    /* Neither pickup nor drop-off: the train passes without serving the stop. */
    if (!strcmp(rs__gtfs_cell(t, r, STM_PICK), "1") && !strcmp(rs__gtfs_cell(t, r, STM_DROP), "1")) {
      passing++;
      continue;
    }
    char *end;
    long seq = strtol(rs__gtfs_cell(t, r, STM_SEQ), &end, 10);
    if (*end || end == rs__gtfs_cell(t, r, STM_SEQ) || seq < 0 || seq > 2000000000) {
      free(key);
      return rs__diag_add(d, RS_EINVAL, t->where, t->line[r], 0,
                          "stop_sequence must be a whole number >= 0, got '%s'",
                          rs__gtfs_cell(t, r, STM_SEQ));
    }
    key[n++] = (rs__stkey){k, (int)seq, r};
  }
  if (passing)
    rs__gtfs_report(ln, "%d stop times have pickup_type 1 and drop_off_type 1: the trains pass "
                        "those stops without serving them (left out of the trains' calls)", passing);
  qsort(key, (size_t)n, sizeof *key, rs__cmp_stkey);
  ln->stime = calloc((size_t)n + 1, sizeof *ln->stime);
  int rc = ln->stime ? RS_OK : RS_ENOMEM;
  for (int i = 1; !rc && i < n; i++) /* the order of a trip's calls must be certain */
    if (key[i].trip == key[i - 1].trip && key[i].seq == key[i - 1].seq)
      rc = rs__diag_add(d, RS_EINVAL, t->where, t->line[key[i].row], 0,
                        "stop_sequence %d appears twice in trip '%s'", key[i].seq,
                        rs__gtfs_cell(t, key[i].row, STM_TRIP));
  for (int i = 0; !rc && i < n; i++) {
    rs__gtfs_trip *tp = &ln->trip[key[i].trip];
    if (tp->nst == 0) tp->first_st = i;
    tp->nst++;
    rc = rs__read_stime(ln, t, key[i].row, stops, stations, &ln->stime[i], d);
  }
  ln->nstime = n;
  free(key);
  return rc;
}

/* A trip calling twice at one station cannot run on a line (a loop). */
static void rs__drop_loops(rs__gtfs_line *ln) {
  int nloop = 0;
  for (int i = 0; i < ln->ntrip; i++) {
    rs__gtfs_trip *tp = &ln->trip[i];
    const rs__gtfs_stime *s = &ln->stime[tp->first_st];
    if (tp->nst < 2) {
      tp->dropped = 1;
      rs__gtfs_report(ln, "trip '%s' has fewer than 2 stops: left out",
                      rs__gtfs_cell(&ln->trips, tp->row, TR_ID));
      continue;
    }
    for (int a = 0; a < tp->nst && !tp->dropped; a++)
      for (int b = a + 1; b < tp->nst; b++)
        if (s[a].station == s[b].station) {
          tp->dropped = 1;
          if (nloop++ < 20)
            rs__gtfs_report(ln, "trip '%s' calls twice at station '%s' (a loop): ridersim models a "
                                "line run end to end; trip left out",
                            rs__gtfs_cell(&ln->trips, tp->row, TR_ID), ln->st[s[a].station].key);
          break;
        }
  }
  if (nloop > 20) rs__gtfs_report(ln, "... %d loop trips in all, every one left out", nloop);
}

static int rs__interpolate_all(rs__gtfs_line *ln, rs_diag *d) {
  for (int i = 0; i < ln->ntrip; i++) {
    rs__gtfs_trip *tp = &ln->trip[i];
    if (tp->dropped) continue;
    if (rs__interpolate(&ln->stime[tp->first_st], tp->nst))
      return rs__diag_add(d, RS_EINVAL, ln->trips.where, ln->trips.line[tp->row], 0,
                          "trip '%s': its first and last stop times must have times",
                          rs__gtfs_cell(&ln->trips, tp->row, TR_ID));
    for (int k = 1; k < tp->nst; k++) {
      const rs__gtfs_stime *p = &ln->stime[tp->first_st + k - 1], *q = p + 1;
      if (q->arr_s < p->dep_s || q->dep_s < q->arr_s)
        return rs__diag_add(d, RS_EINVAL, ln->trips.where, ln->trips.line[tp->row], 0,
                            "trip '%s': times go backwards at stop_sequence %d",
                            rs__gtfs_cell(&ln->trips, tp->row, TR_ID), q->seq);
    }
  }
  return RS_OK;
}


static int rs__load_tables(rs__gtfs_feed *f, rs__gtfs_line *ln, rs_diag *d) {
  static const char *const rt[RT_N] = {"route_id", "route_short_name", "route_long_name", "route_type"};
  static const unsigned char rtq[RT_N] = {1, 0, 0, 1};
  static const char *const tr[TR_N] = {"route_id", "service_id", "trip_id", "direction_id", "block_id", "shape_id"};
  static const unsigned char trq[TR_N] = {1, 1, 1, 0, 0, 0};
  static const char *const sp[SP_N] = {"stop_id", "stop_name", "stop_lat", "stop_lon", "parent_station", "location_type"};
  static const unsigned char spq[SP_N] = {1, 0, 0, 0, 0, 0};
  int rc = rs__gtfs_table_load(f, "routes.txt", rt, RT_N, rtq, 1, &ln->routes, d);
  if (!rc) rc = rs__gtfs_table_load(f, "trips.txt", tr, TR_N, trq, 1, &ln->trips, d);
  if (!rc) rc = rs__gtfs_table_load(f, "stops.txt", sp, SP_N, spq, 1, &ln->stops, d);
  if (!rc) rc = rs__gtfs_services_load(f, &ln->sv, d);
  return rc;
}

int rs__gtfs_line_load(rs__gtfs_feed *f, const char *route_id, rs__gtfs_line *ln, rs_diag *d) {
  static const char *const stc[STM_N] = {"trip_id", "arrival_time", "departure_time", "stop_id",
                                         "stop_sequence", "shape_dist_traveled", "pickup_type", "drop_off_type"};
  static const unsigned char stq[STM_N] = {1, 1, 1, 1, 1, 0, 0, 0};
  memset(ln, 0, sizeof *ln);
  rs__gtfs_map tids = {0}, stops = {0}, stations = {0};
  rs__gtfs_table stt = {0};
  int rc = rs__load_tables(f, ln, d);
  if (!rc) rc = rs__pick_route(ln, route_id, d);
  if (!rc) rc = rs__collect_trips(ln, &tids, d);
  for (int r = 0; !rc && r < ln->stops.nrows; r++)
    rc = rs__gtfs_map_put(&stops, rs__gtfs_cell(&ln->stops, r, SP_ID), r);
  if (!rc) rc = rs__gtfs_table_load(f, "stop_times.txt", stc, STM_N, stq, 1, &stt, d);
  if (!rc) rc = rs__collect_stimes(ln, &stt, &tids, &stops, &stations, d);
  rs__gtfs_table_free(&stt);
  if (!rc) {
    rs__drop_loops(ln);
    rc = rs__interpolate_all(ln, d);
  }
  if (!rc) rc = rs__gtfs_line_order(ln, d);
  if (!rc) rc = rs__gtfs_line_names(ln, f, d);
  if (!rc) rc = rs__gtfs_line_km(ln, f, d);
  if (!rc) rc = rs__gtfs_line_extras(ln, f, &tids, d);
  rs__gtfs_map_free(&tids);
  rs__gtfs_map_free(&stops);
  rs__gtfs_map_free(&stations);
  return rc;
}

void rs__gtfs_line_free(rs__gtfs_line *ln) {
  rs__gtfs_table_free(&ln->routes);
  rs__gtfs_table_free(&ln->trips);
  rs__gtfs_table_free(&ln->stops);
  rs__gtfs_services_free(&ln->sv);
  free(ln->trip);
  free(ln->stime);
  free(ln->st);
  free(ln->freqs);
  free(ln->report);
  memset(ln, 0, sizeof *ln);
}
