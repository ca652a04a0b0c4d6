/* Boarding rules worked out by hand: capacity and denied boardings, trains
 * that do not serve a passenger's destination, and an exact explicit day
 * where every passenger's boarding, alighting, wait and ride is known. */
#include <math.h>
#include <string.h>
#include "check.h"
#include "rows.h"
#include "engine/engine.h"

/* Three stations A, B, C at km 0, 4, 10 (section times come from the rows). */
typedef struct fixture {
  rs__station st[3];
  rs_scenario s;
  rs__network net;
  rs__day_tt tt;
  rs__engine *e;
  rs__day_result res;
} fixture;

static void setup(fixture *f) {
  f->st[0] = mk(0, 30);
  f->st[1] = mk(4, 30);
  f->st[2] = mk(10, 30);
  memset(&f->s, 0, sizeof f->s);
  f->s.st = f->st;
  f->s.nst = 3;
  f->s.running.max_speed_kmh = 100;
  f->s.running.accel_ms2 = 1;
  f->s.running.brake_ms2 = 1;
  CHECK(rs__network_init(&f->net, &f->s) == RS_OK);
  rs__day_tt_init(&f->tt);
  f->e = rs__engine_alloc(3);
  CHECK(f->e != NULL);
  CHECK(rs__day_result_alloc(&f->res, 3) == RS_OK);
}

static void teardown(fixture *f) {
  rs__network_free(&f->net);
  rs__day_tt_free(&f->tt);
  rs__engine_free(f->e);
  rs__day_result_free(&f->res);
}

static int run(fixture *f, const rs__trip_row *trips, int ntrips, double cap) {
  rs__day_demand dd;
  memset(&dd, 0, sizeof dd);
  dd.trips = trips;
  dd.ntrips = ntrips;
  return rs__engine_run_day(f->e, &f->net, &f->tt, &dd, 30, cap, NULL, &f->res);
}

static void test_capacity(void) {
  fixture f;
  setup(&f);
  /* Trains every 300 s from A; 10 passengers A->C before the first, capacity 4. */
  rs__dep_row rows[9] = {row("T1", 0, 1000, 1000), row("T1", 1, 1200, 1220),
                         row("T1", 2, 1400, 1400), row("T2", 0, 1300, 1300),
                         row("T2", 1, 1500, 1520), row("T2", 2, 1700, 1700),
                         row("T3", 0, 1600, 1600), row("T3", 1, 1800, 1820),
                         row("T3", 2, 2000, 2000)};
  CHECK(rs__timetable_from_rows(&f.tt, 3, rows, 9) == RS_OK);
  rs__trip_row tr[10];
  for (int i = 0; i < 10; i++) tr[i] = trip(0, 2, 100 + 10 * i);
  CHECK(run(&f, tr, 10, 4) == RS_OK);
  int n;
  const rs__pax *p = rs__engine_passengers(f.e, &n);
  CHECK(n == 10);
  CHECK_NEAR(f.res.denied_boardings, 8, 0); /* 6 by T1, 2 by T2 */
  CHECK_NEAR(f.res.delivered, 10, 0);
  CHECK_NEAR(f.res.stranded, 0, 0);
  double board[10] = {1000, 1000, 1000, 1000, 1300, 1300, 1300, 1300, 1600, 1600};
  int denied[10] = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2};
  double wsum = 0;
  for (int i = 0; i < n; i++) {
    CHECK_NEAR(p[i].boarded_s, board[i], 0);
    CHECK_NEAR(p[i].alighted_s, board[i] + 400, 0);
    CHECK(p[i].denied == denied[i]);
    CHECK(p[i].status == RS__PAX_DELIVERED);
    CHECK(p[i].run == (int)((board[i] - 1000) / 300));
    wsum += board[i] - (100 + 10 * i);
  }
  /* 900+890+880+870 + 1160+1150+1140+1130 + 1420+1410 = 10950 */
  CHECK_NEAR(wsum, 10950, 1e-9);
  CHECK_NEAR(f.res.wait_sum_s, 10950, 1e-6);
  CHECK_NEAR(f.res.ride_sum_s, 4000, 1e-6);
  CHECK_NEAR(f.res.passenger_km, 100, 1e-9);
  CHECK_NEAR(f.res.max_load_factor, 1.0, 0);
  /* Per stop (runs sorted T1, T2, T3; stops A, B, C). */
  double den[3] = {6, 2, 0}, ld[3] = {4, 4, 2};
  for (int r = 0; r < 3; r++) {
    int a = f.tt.runs[r].first_stop;
    CHECK_NEAR(f.res.stop_denied[a], den[r], 0);
    CHECK_NEAR(f.res.stop_board[a], ld[r], 0);
    CHECK_NEAR(f.res.stop_load[a], ld[r], 0);
    CHECK_NEAR(f.res.stop_load[a + 1], ld[r], 0);
    CHECK_NEAR(f.res.stop_alight[a + 2], ld[r], 0);
    CHECK_NEAR(f.res.stop_load[a + 2], 0, 0);
  }
  /* Section A-B (down, section 0, hour 0): 10 passengers on 3 trains. */
  CHECK_NEAR(f.res.sec_pax[(0 * 2 + 0) * 24 + 0], 10, 0);
  CHECK_NEAR(f.res.sec_trains[(0 * 2 + 0) * 24 + 0], 3, 0);
  CHECK_NEAR(f.res.sec_pax[(0 * 2 + 1) * 24 + 0], 10, 0);
  CHECK_NEAR(f.res.board[0 * 24 + 0], 10, 0);
  CHECK_NEAR(f.res.alight[2 * 24 + 0], 10, 0);
  /* Arguments: a step that does not divide the hour, no capacity. */
  rs__day_demand dd;
  memset(&dd, 0, sizeof dd);
  dd.trips = tr;
  dd.ntrips = 10;
  CHECK(rs__engine_run_day(f.e, &f.net, &f.tt, &dd, 7, 4, NULL, &f.res) == RS_EINVAL);
  CHECK(rs__engine_run_day(f.e, &f.net, &f.tt, &dd, 30, 0, NULL, &f.res) == RS_EINVAL);
  teardown(&f);
}

static void test_unserved(void) {
  fixture f;
  setup(&f);
  /* S1 short-turns A->B at 1000; S2 runs A->B->C at 1300. */
  rs__dep_row rows[5] = {row("S1", 0, 1000, 1000), row("S1", 1, 1200, 1200),
                         row("S2", 0, 1300, 1300), row("S2", 1, 1500, 1530),
                         row("S2", 2, 1700, 1700)};
  CHECK(rs__timetable_from_rows(&f.tt, 3, rows, 5) == RS_OK);
  rs__trip_row tr[5] = {trip(0, 2, 100), trip(0, 2, 101), trip(0, 2, 102), trip(0, 1, 103),
                        trip(0, 1, 104)};
  /* Ample capacity: the C-bound stay for S2 without being denied. */
  CHECK(run(&f, tr, 5, 100) == RS_OK);
  int n;
  const rs__pax *p = rs__engine_passengers(f.e, &n);
  CHECK(n == 5);
  CHECK_NEAR(f.res.denied_boardings, 0, 0);
  for (int i = 0; i < 3; i++) {
    CHECK_NEAR(p[i].boarded_s, 1300, 0);
    CHECK(p[i].denied == 0);
  }
  CHECK_NEAR(p[3].boarded_s, 1000, 0);
  CHECK_NEAR(p[4].boarded_s, 1000, 0);
  CHECK_NEAR(p[3].alighted_s, 1200, 0);
  /* Capacity 1: S1 takes the first B-bound (C-bound skipped, not denied),
   * denies the second; S2 takes C100 and denies C101, C102, B104. */
  CHECK(run(&f, tr, 5, 1) == RS_OK);
  p = rs__engine_passengers(f.e, &n);
  CHECK_NEAR(f.res.denied_boardings, 4, 0);
  CHECK_NEAR(f.res.delivered, 2, 0);
  CHECK_NEAR(f.res.stranded, 3, 0);
  int want_denied[5] = {0, 1, 1, 0, 2};
  int want_status[5] = {RS__PAX_DELIVERED, RS__PAX_STRANDED, RS__PAX_STRANDED, RS__PAX_DELIVERED,
                        RS__PAX_STRANDED};
  for (int i = 0; i < 5; i++) {
    CHECK(p[i].denied == want_denied[i]);
    CHECK(p[i].status == want_status[i]);
  }
  CHECK_NEAR(p[0].boarded_s, 1300, 0);
  CHECK_NEAR(p[3].boarded_s, 1000, 0);
  CHECK(isnan(p[1].boarded_s) && isnan(p[1].alighted_s) && p[1].run == -1);
  teardown(&f);
}

static void test_exact(void) {
  fixture f;
  setup(&f);
  /* T1, T2 down A->B->C; U1 up C->B->A. */
  rs__dep_row rows[9] = {row("T1", 0, 1000, 1000), row("T1", 1, 1200, 1230),
                         row("T1", 2, 1500, 1500), row("T2", 0, 1600, 1600),
                         row("T2", 1, 1800, 1830), row("T2", 2, 2100, 2100),
                         row("U1", 2, 1100, 1100), row("U1", 1, 1400, 1430),
                         row("U1", 0, 1700, 1700)};
  CHECK(rs__timetable_from_rows(&f.tt, 3, rows, 9) == RS_OK);
  /* Rows deliberately out of time order; r0 and r2 tie at 1000 (row order). */
  rs__trip_row tr[9] = {
      trip(0, 1, 1000.000), /* r0 p9: A->B, boards T1 at 1000, alights B 1200 */
      trip(2, 0, 1050),     /* r1 p5: C->A, U1 at 1100, alights 1700 */
      trip(0, 2, 1000.000), /* r2 p1: exactly at dep: T1 at 1000, alights 1500 */
      trip(0, 1, 1700),     /* r3 p7: after the last down train at A: stranded */
      trip(0, 2, 1000.001), /* r4 p2: just missed T1: T2 at 1600, alights 2100 */
      trip(1, 2, 1210),     /* r5 p3: during T1's dwell at B: boards 1210, alights 1500 */
      trip(1, 2, 1190),     /* r6 p4: before T1 reaches B: boards at 1200 */
      trip(1, 0, 1500),     /* r7 p8: after U1 left B: stranded */
      trip(1, 0, 1430),     /* r8 p6: exactly at U1's dep at B: boards 1430 */
  };
  CHECK(run(&f, tr, 9, 100) == RS_OK);
  int n;
  const rs__pax *p = rs__engine_passengers(f.e, &n);
  CHECK(n == 9);
  /* Passengers in arrival order, ties by row. */
  int order[9] = {0, 2, 4, 1, 6, 5, 8, 7, 3};
  double board[9] = {1000, 1000, 1600, 1100, 1200, 1210, 1430, NAN, NAN};
  double alight[9] = {1200, 1500, 2100, 1700, 1500, 1500, 1700, NAN, NAN};
  for (int i = 0; i < 9 && i < n; i++) {
    CHECK(p[i].trip_row == order[i]);
    CHECK_NEAR(p[i].arrival_s, tr[order[i]].time_s, 0);
    if (isnan(board[i])) {
      CHECK(p[i].status == RS__PAX_STRANDED);
      CHECK(isnan(p[i].boarded_s));
    } else {
      CHECK(p[i].status == RS__PAX_DELIVERED);
      CHECK_NEAR(p[i].boarded_s, board[i], 0);
      CHECK_NEAR(p[i].alighted_s, alight[i], 0);
    }
    CHECK(p[i].denied == 0);
  }
  CHECK_NEAR(f.res.generated, 9, 0);
  CHECK_NEAR(f.res.delivered, 7, 0);
  CHECK_NEAR(f.res.stranded, 2, 0);
  /* Waits 0, 0, 599.999, 50, 10, 0, 0; rides 200, 500, 500, 600, 300, 290, 270. */
  CHECK_NEAR(f.res.wait_sum_s, 659.999, 1e-6);
  CHECK_NEAR(f.res.ride_sum_s, 2660, 1e-6);
  CHECK_NEAR(f.res.passenger_km, 4 + 10 + 10 + 10 + 6 + 6 + 4, 1e-9);
  /* Histogram: four zero waits, one in [10,11), [50,51), [599,600). */
  CHECK(f.res.wait_hist[0] == 4 && f.res.wait_hist[10] == 1 && f.res.wait_hist[50] == 1 &&
        f.res.wait_hist[599] == 1);
  CHECK_NEAR(rs__wait_quantile(f.res.wait_hist, 0.5), 0.875, 1e-12); /* 3.5 of 4 in bin 0 */
  /* Runs sorted T1 (1000), U1 (1100), T2 (1600). */
  CHECK(strcmp(f.tt.runs[1].id, "U1") == 0);
  int a = f.tt.runs[0].first_stop;
  CHECK_NEAR(f.res.stop_board[a], 2, 0);     /* T1 at A: r0, r2 */
  CHECK_NEAR(f.res.stop_alight[a + 1], 1, 0); /* T1 at B: r0 */
  CHECK_NEAR(f.res.stop_board[a + 1], 2, 0);  /* T1 at B: r5, r6 */
  CHECK_NEAR(f.res.stop_load[a + 1], 3, 0);
  CHECK_NEAR(f.res.stop_alight[a + 2], 3, 0);
  CHECK_NEAR(f.res.board[1 * 24 + 0], 3, 0); /* B: r5, r6, r8 */
  CHECK_NEAR(f.res.alight[0 * 24 + 0], 2, 0); /* A: r1, r8 */
  CHECK_NEAR(f.res.by_purpose[0], 9, 0);
  teardown(&f);
}

int main(void) {
  test_capacity();
  test_unserved();
  test_exact();
  return check_done();
}
