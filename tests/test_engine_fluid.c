/* The expected-value engine (engine/engine_fluid.c) on days worked out by hand,
 * and against the mean of many passenger-engine days (a second method). */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>
#include "check.h"
#include "engine/engine.h"
#include "engine/engine_fluid.h"

/* A (km 0) -> B (km 10); six trains leave A at 08:10, 08:20, ... 09:00 and
 * reach B 600 s later. */
typedef struct fixture {
  rs__station st[2];
  rs_scenario s;
  rs__network net;
  rs__day_tt tt;
  rs__fluid *f;
  rs__day_result res;
  double w[24];
  rs__stream stream;
  rs__day_demand dd;
} fixture;

static void setup(fixture *x) {
  memset(x, 0, sizeof *x);
  for (int i = 0; i < 2; i++) {
    x->st[i].km = 10 * i;
    x->st[i].opens = RS__DATE_NONE;
  }
  x->s.st = x->st;
  x->s.nst = 2;
  x->s.running.max_speed_kmh = 100;
  x->s.running.accel_ms2 = 1;
  x->s.running.brake_ms2 = 1;
  CHECK(rs__network_init(&x->net, &x->s) == RS_OK);
  rs__day_tt_init(&x->tt);
  rs__dep_row rows[12];
  memset(rows, 0, sizeof rows);
  for (int k = 0; k < 6; k++) {
    double t = 8 * 3600 + 600 * (k + 1);
    for (int j = 0; j < 2; j++) {
      rs__dep_row *r = &rows[2 * k + j];
      snprintf(r->train, sizeof r->train, "T%d", k + 1);
      r->station = j;
      r->arr_s = r->dep_s = t + 600 * j;
    }
  }
  CHECK(rs__timetable_from_rows(&x->tt, 2, rows, 12) == RS_OK);
  x->f = rs__fluid_alloc(2);
  CHECK(x->f != NULL);
  CHECK(rs__day_result_alloc(&x->res, 2) == RS_OK);
  /* 600 trips A->B, all arriving uniformly between 08:00 and 09:00. */
  x->w[8] = 1;
  x->stream = (rs__stream){.origin = 0, .dest = 1, .purpose = 0, .trips = 600, .hour_w = x->w};
  x->dd.streams = &x->stream;
  x->dd.nstreams = 1;
}

static void teardown(fixture *x) {
  rs__network_free(&x->net);
  rs__day_tt_free(&x->tt);
  rs__fluid_free(x->f);
  rs__day_result_free(&x->res);
}

static void test_uncapacitated(void) {
  fixture x;
  setup(&x);
  CHECK(rs__fluid_run_day(x.f, &x.net, &x.tt, &x.dd, 1000, &x.res) == RS_OK);
  /* 100 arrive in each 10-minute interval and wait 300 s on average. */
  CHECK_NEAR(x.res.generated, 600, 1e-9);
  CHECK_NEAR(x.res.delivered, 600, 1e-9);
  CHECK_NEAR(x.res.stranded, 0, 1e-9);
  CHECK_NEAR(x.res.wait_sum_s, 600 * 300.0, 1e-6);
  CHECK_NEAR(x.res.ride_sum_s, 600 * 600.0, 1e-6);
  CHECK_NEAR(x.res.passenger_km, 6000, 1e-9);
  CHECK_NEAR(x.res.denied_boardings, 0, 0);
  /* Boardings by the train's hour at A: 08:10-08:50 take 500, 09:00 takes 100. */
  CHECK_NEAR(x.res.board[0 * 24 + 8], 500, 1e-9);
  CHECK_NEAR(x.res.board[0 * 24 + 9], 100, 1e-9);
  /* At B 600 s later: 08:20-08:50 (400), 09:00 and 09:10 (200). */
  CHECK_NEAR(x.res.alight[1 * 24 + 8], 400, 1e-9);
  CHECK_NEAR(x.res.alight[1 * 24 + 9], 200, 1e-9);
  CHECK_NEAR(x.res.max_load_factor, 0.1, 1e-12);
  const double *gen, *wait, *str, *den, *gave;
  rs__fluid_od(x.f, &gen, &wait, &str, &den, &gave);
  CHECK_NEAR(gen[1], 600, 1e-9);
  CHECK_NEAR(wait[1], 180000, 1e-6);
  CHECK_NEAR(gave[1], 0, 0);
  teardown(&x);
}

static void test_capacity(void) {
  fixture x;
  setup(&x);
  /* 60 a train: queues 100, 140, 180, 220, 260, 300 meet the six trains, each
   * takes 60: refused 40+80+...+240 = 840; 600 - 360 stranded after the last. */
  CHECK(rs__fluid_run_day(x.f, &x.net, &x.tt, &x.dd, 60, &x.res) == RS_OK);
  CHECK_NEAR(x.res.delivered, 360, 1e-9);
  CHECK_NEAR(x.res.stranded, 240, 1e-9);
  CHECK_NEAR(x.res.denied_boardings, 840, 1e-9);
  CHECK_NEAR(x.res.max_load_factor, 1, 1e-12);
  for (int r = 0; r < 6; r++) CHECK_NEAR(x.res.stop_board[x.tt.runs[r].first_stop], 60, 1e-9);
  const double *gen, *wait, *str, *den, *gave;
  rs__fluid_od(x.f, &gen, &wait, &str, &den, &gave);
  CHECK_NEAR(str[1], 240, 1e-9);
  CHECK_NEAR(den[1], 840, 1e-9);
  teardown(&x);
}

static void test_give_up(void) {
  fixture x;
  setup(&x);
  /* Give up after 400 s, and the plan had a train every 5 minutes (08:05,
   * 08:10, ... 09:00): every other planned train did not run. Of each
   * interval's 100, those of its first 200 s wait longer than 400 s, and
   * their planned train (08:05, 08:15 ...) left before theirs: failed (200
   * in all); the others wait 0-400 s, 200 s on average. */
  double give_up[4] = {INFINITY, 400, INFINITY, INFINITY}, dep[12];
  for (int i = 0; i < 12; i++) dep[i] = 8 * 3600 + 300 * (i + 1);
  int off[4] = {0, 0, 0, 0}, n[4] = {0, 12, 0, 0};
  rs__plan plan = {dep, off, n, give_up};
  rs__fluid_set_plan(x.f, &plan);
  CHECK(rs__fluid_run_day(x.f, &x.net, &x.tt, &x.dd, 1000, &x.res) == RS_OK);
  const double *gen, *wait, *str, *den, *gave;
  rs__fluid_od(x.f, &gen, &wait, &str, &den, &gave);
  CHECK_NEAR(gave[1], 200, 1e-9);
  CHECK_NEAR(wait[1], 400 * 200.0, 1e-6);
  /* The day's results are the engine's: everyone rode, with the full waits. */
  CHECK_NEAR(x.res.delivered, 600, 1e-9);
  CHECK_NEAR(x.res.wait_sum_s, 180000, 1e-6);
  /* The same waits with the trains that were planned (08:10 ... 09:00): a
   * long wait for the planned train is not a failed trip. */
  for (int i = 0; i < 6; i++) dep[i] = 8 * 3600 + 600 * (i + 1);
  n[1] = 6;
  CHECK(rs__fluid_run_day(x.f, &x.net, &x.tt, &x.dd, 1000, &x.res) == RS_OK);
  rs__fluid_od(x.f, &gen, &wait, &str, &den, &gave);
  CHECK_NEAR(gave[1], 0, 0);
  CHECK_NEAR(wait[1], 180000, 1e-6);
  /* One passenger at a time: 08:00:30 -> 08:10 waits 570 s for the planned
   * train (no), 08:00:30 -> 08:20 rode the train after (yes), 09:00:30 had no
   * planned train left (yes), a 300 s wait is never a failure. */
  CHECK(!rs__plan_failed(&plan, 1, 28830, 29400));
  CHECK(rs__plan_failed(&plan, 1, 28830, 30000));
  CHECK(rs__plan_failed(&plan, 1, 32430, 33000));
  CHECK(!rs__plan_failed(&plan, 1, 29100, 29400));
  teardown(&x);
}

/* The passenger engine's mean over 400 days: riders 600 (sd 1.2 for the mean)
 * and wait 300 s (a passenger's sd 173 s: 0.4 s for the mean of 240,000). */
static void test_engine_mean(void) {
  fixture x;
  setup(&x);
  rs__engine *e = rs__engine_alloc(2);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  double n = 0, w = 0;
  for (int i = 0; i < 400; i++) {
    gsl_rng_set(r, 1000 + (unsigned long)i);
    CHECK(rs__engine_run_day(e, &x.net, &x.tt, &x.dd, 30, 1000, r, &x.res) == RS_OK);
    n += x.res.generated;
    w += x.res.wait_sum_s;
  }
  CHECK_NEAR(n / 400, 600, 5);
  CHECK_NEAR(w / n, 300, 2);
  CHECK(rs__fluid_run_day(x.f, &x.net, &x.tt, &x.dd, 1000, &x.res) == RS_OK);
  CHECK_NEAR(x.res.wait_sum_s / x.res.generated, w / n, 2);
  gsl_rng_free(r);
  rs__engine_free(e);
  teardown(&x);
}

/* N trains from A every HW seconds from FIRST (the last SHIFT later), 600 s to B. */
static void make_tt(rs__day_tt *tt, int n, double first, double hw, double shift) {
  rs__dep_row rows[16];
  memset(rows, 0, sizeof rows);
  for (int k = 0; k < n; k++) {
    double t = first + hw * k + (k == n - 1 ? shift : 0);
    for (int j = 0; j < 2; j++) {
      rs__dep_row *r = &rows[2 * k + j];
      snprintf(r->train, sizeof r->train, "T%d", k + 1);
      r->station = j;
      r->arr_s = r->dep_s = t + 600 * j;
    }
  }
  CHECK(rs__timetable_from_rows(tt, 2, rows, 2 * n) == RS_OK);
}

/* The engine keeps what a day takes from its timetable for the days that run
 * the same one (three kept). Days alternating between four timetables, one of
 * them another with its last train moved, on one engine: each day's waits as
 * worked out by hand (600 arrivals spread over 08:00-09:00), and every figure
 * bit for bit those of an engine that never ran another day. */
static void test_timetables_kept(void) {
  fixture x;
  setup(&x);
  rs__day_tt tt[4];
  for (int i = 0; i < 4; i++) rs__day_tt_init(&tt[i]);
  make_tt(&tt[0], 6, 8 * 3600 + 600, 600, 0);  /* x.tt: every 10 min, mean wait 300 s */
  make_tt(&tt[1], 3, 8 * 3600 + 1200, 1200, 0); /* every 20 min: 600 s */
  make_tt(&tt[2], 6, 8 * 3600 + 600, 600, 300); /* the 09:00 at 09:05: 500 wait 300 s, 100 600 s */
  make_tt(&tt[3], 2, 8 * 3600 + 1800, 1800, 0); /* every 30 min: 900 s */
  const double want[4] = {600 * 300.0, 600 * 600.0, 500 * 300.0 + 100 * 600.0, 600 * 900.0};
  const int order[] = {0, 1, 0, 2, 3, 1, 0, 2, 2, 3};
  rs__day_result fresh;
  CHECK(rs__day_result_alloc(&fresh, 2) == RS_OK);
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    const rs__day_tt *t = &tt[order[i]];
    CHECK(rs__fluid_run_day(x.f, &x.net, t, &x.dd, 1000, &x.res) == RS_OK);
    CHECK_NEAR(x.res.wait_sum_s, want[order[i]], 1e-6);
    CHECK_NEAR(x.res.delivered, 600, 1e-9);
    rs__fluid *g = rs__fluid_alloc(2);
    CHECK(g != NULL);
    CHECK(rs__fluid_run_day(g, &x.net, t, &x.dd, 1000, &fresh) == RS_OK);
    size_t ns = (size_t)t->nstops * sizeof(double);
    CHECK(memcmp(&x.res.wait_sum_s, &fresh.wait_sum_s, sizeof(double)) == 0);
    CHECK(memcmp(&x.res.ride_sum_s, &fresh.ride_sum_s, sizeof(double)) == 0);
    CHECK(memcmp(x.res.board, fresh.board, 2 * 24 * sizeof(double)) == 0);
    CHECK(memcmp(x.res.alight, fresh.alight, 2 * 24 * sizeof(double)) == 0);
    CHECK(memcmp(x.res.sec_pax, fresh.sec_pax, 2 * 24 * sizeof(double)) == 0);
    CHECK(memcmp(x.res.stop_board, fresh.stop_board, ns) == 0);
    CHECK(memcmp(x.res.stop_alight, fresh.stop_alight, ns) == 0);
    CHECK(memcmp(x.res.stop_load, fresh.stop_load, ns) == 0);
    CHECK(memcmp(x.res.stop_denied, fresh.stop_denied, ns) == 0);
    rs__fluid_free(g);
  }
  rs__day_result_free(&fresh);
  for (int i = 0; i < 4; i++) rs__day_tt_free(&tt[i]);
  teardown(&x);
}

int main(void) {
  test_timetables_kept();
  test_uncapacitated();
  test_capacity();
  test_give_up();
  test_engine_mean();
  return check_done();
}
