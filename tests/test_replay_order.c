/* An explicit trip list joins the queues in time order, ties in row order
 * (docs/engine.md): 20,000 trips with times drawn from few values (many ties),
 * in random row order, some at 0 and at -0, with no train (all stranded, so
 * the engine's passenger array is exactly the order they arrived in). Checked
 * directly: each passenger's (time, row) is after the previous one's, and every
 * row appears once. The order is that of a (time, row) comparison, not of the
 * sort the engine uses. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "engine/engine.h"

#define NT 20000

int main(void) {
  rs__station st[2];
  memset(st, 0, sizeof st);
  st[1].km = 5;
  st[0].opens = st[1].opens = RS__DATE_NONE;
  rs_scenario s;
  memset(&s, 0, sizeof s);
  s.st = st;
  s.nst = 2;
  s.running.max_speed_kmh = 100;
  s.running.accel_ms2 = s.running.brake_ms2 = 1;
  rs__network net;
  rs__day_tt tt;
  rs__day_result res;
  CHECK(rs__network_init(&net, &s) == RS_OK);
  rs__day_tt_init(&tt);
  rs__engine *e = rs__engine_alloc(2);
  CHECK(e && rs__day_result_alloc(&res, 2) == RS_OK);
  static rs__trip_row tr[NT];
  unsigned long long x = 99;
  for (int i = 0; i < NT; i++) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    memset(&tr[i], 0, sizeof tr[i]);
    tr[i].origin = (int)((x >> 40) & 1);
    tr[i].dest = 1 - tr[i].origin;
    /* 0.5 s multiples over 05:00-06:00 (7,200 values: ties), 0 and -0 now and then. */
    int k = (int)((x >> 20) % 7300);
    tr[i].time_s = k >= 7200 ? (k % 2 ? -0.0 : 0.0) : 18000 + 0.5 * k;
  }
  rs__day_demand dd;
  memset(&dd, 0, sizeof dd);
  dd.trips = tr;
  dd.ntrips = NT;
  CHECK(rs__engine_run_day(e, &net, &tt, &dd, 30, 1000, NULL, &res) == RS_OK);
  int n = 0, ordered = 1, seen_all = 1;
  const rs__pax *p = rs__engine_passengers(e, &n);
  CHECK(n == NT);
  char *seen = calloc(NT, 1);
  for (int i = 0; i < n; i++) {
    if (p[i].trip_row < 0 || p[i].trip_row >= NT || seen[p[i].trip_row]) seen_all = 0;
    else seen[p[i].trip_row] = 1;
    if (p[i].arrival_s != tr[p[i].trip_row].time_s) ordered = 0;
    if (i > 0 && (p[i].arrival_s < p[i - 1].arrival_s ||
                  (p[i].arrival_s == p[i - 1].arrival_s && p[i].trip_row < p[i - 1].trip_row)))
      ordered = 0;
  }
  CHECK(ordered);
  CHECK(seen_all);
  CHECK(res.stranded == NT);
  free(seen);
  rs__engine_free(e);
  rs__day_result_free(&res);
  rs__day_tt_free(&tt);
  rs__network_free(&net);
  return check_done();
}
