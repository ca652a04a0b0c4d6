/* Mean wait of random (Poisson) arrivals against E[W] = E[H](1 + CV²)/2
 * (Osuna & Newell): regular headways, alternating headways and headways made
 * irregular by random departure delays. Tolerance 2% (DESIGN 4). */
#include <gsl/gsl_rng.h>
#include <string.h>
#include "check.h"
#include "engine/engine.h"

#define NPAX 40000.0

static rs__station mk(double km) {
  rs__station s;
  memset(&s, 0, sizeof s);
  s.km = km;
  s.dwell_s = 0;
  s.opens = RS__DATE_NONE;
  return s;
}

typedef struct fixture {
  rs__station st[2];
  double sec[1];
  rs_scenario s;
  rs__network net;
  rs__day_tt tt;
  rs__engine *e;
  rs__day_result res;
  gsl_rng *rng;
} fixture;

static void setup(fixture *f) {
  f->st[0] = mk(0);
  f->st[1] = mk(2);
  f->sec[0] = 120;
  memset(&f->s, 0, sizeof f->s);
  f->s.st = f->st;
  f->s.nst = 2;
  f->s.running.section_s = f->sec;
  f->s.running.nsection = 1;
  CHECK(rs__network_init(&f->net, &f->s) == RS_OK);
  rs__day_tt_init(&f->tt);
  f->e = rs__engine_alloc(2);
  CHECK(rs__day_result_alloc(&f->res, 2) == RS_OK);
  f->rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(f->rng, 12345);
}

static void teardown(fixture *f) {
  rs__network_free(&f->net);
  rs__day_tt_free(&f->tt);
  rs__engine_free(f->e);
  rs__day_result_free(&f->res);
  gsl_rng_free(f->rng);
}

/* Departures from station 0 of the down runs, in time order. */
static int down_deps(const rs__day_tt *tt, double *dep, int max) {
  int n = 0;
  for (int r = 0; r < tt->nruns && n < max; r++)
    if (tt->runs[r].dir == RS__DOWN) dep[n++] = tt->stops[tt->runs[r].first_stop].dep_s;
  return n;
}

/* Mean wait of a flat stream 0->1 spread over [from, to), all delivered. */
static double flat_wait(fixture *f, double from, double to) {
  rs__stream s = {0, 1, 0, NPAX, NULL};
  rs__day_demand dd;
  memset(&dd, 0, sizeof dd);
  dd.streams = &s;
  dd.nstreams = 1;
  dd.flat_from_s = from;
  dd.flat_to_s = to;
  CHECK(rs__engine_run_day(f->e, &f->net, &f->tt, &dd, 30, 1e9, f->rng, &f->res) == RS_OK);
  CHECK(f->res.stranded == 0);
  CHECK_REL(f->res.generated, NPAX, 0.02); /* Poisson, sd 0.5% */
  return f->res.wait_sum_s / f->res.delivered;
}

/* E[H](1+CV²)/2 = E[H²]/(2E[H]) over the realised headways of DEP. */
static double expected_wait(const double *dep, int n, double *mean_h, double *cv2) {
  double s1 = 0, s2 = 0;
  for (int i = 1; i < n; i++) {
    double h = dep[i] - dep[i - 1];
    s1 += h;
    s2 += h * h;
  }
  double m = s1 / (n - 1), var = s2 / (n - 1) - m * m;
  *mean_h = m;
  *cv2 = var / (m * m);
  return m * (1 + *cv2) / 2;
}

static void test_regular(void) {
  fixture f;
  setup(&f);
  /* 600 s headway 06:00-22:00 down; no up trains (first after last). */
  rs__period p = {0, 86400, 600};
  rs__service sv = {{21600, 1}, {79200, 0}, &p, 1};
  CHECK(rs__timetable_from_service(&f.tt, &f.net, &sv, NULL, NULL, NULL) == RS_OK);
  CHECK(f.tt.nruns == 97);
  CHECK_REL(flat_wait(&f, 21600, 79200), 300, 0.02);
  /* Uniform waits on [0, 600): median 300, p95 570. */
  CHECK_REL(rs__wait_quantile(f.res.wait_hist, 0.5), 300, 0.02);
  CHECK_REL(rs__wait_quantile(f.res.wait_hist, 0.95), 570, 0.02);

  /* Same through an hourly profile: weight 1/16 in hours 6..21. */
  double w[24] = {0};
  for (int h = 6; h < 22; h++) w[h] = 1.0 / 16;
  rs__stream s = {0, 1, 2, NPAX, w};
  rs__day_demand dd;
  memset(&dd, 0, sizeof dd);
  dd.streams = &s;
  dd.nstreams = 1;
  CHECK(rs__engine_run_day(f.e, &f.net, &f.tt, &dd, 30, 1e9, f.rng, &f.res) == RS_OK);
  CHECK(f.res.stranded == 0);
  CHECK_REL(f.res.wait_sum_s / f.res.delivered, 300, 0.02);
  CHECK_NEAR(f.res.by_purpose[2], f.res.generated, 0);
  /* Nobody arrives outside the weighted hours; each hour gets ~1/16. */
  int n, outside = 0;
  const rs__pax *px = rs__engine_passengers(f.e, &n);
  for (int i = 0; i < n; i++) outside += px[i].arrival_s < 21600 || px[i].arrival_s >= 79200;
  CHECK(outside == 0);
  CHECK_REL(f.res.board[0 * 24 + 10], NPAX / 16, 0.06); /* sd 2% */
  teardown(&f);
}

static void test_alternating(void) {
  fixture f;
  setup(&f);
  /* Explicit rows: headways alternate 240 and 960 s: E[H] = 600, CV² = 0.36,
   * E[W] = 600 * 1.36 / 2 = 408 s. 48 pairs of headways. */
  enum { NDEP = 97 };
  rs__dep_row rows[2 * NDEP];
  double t = 21600;
  for (int i = 0; i < NDEP; i++) {
    for (int k = 0; k < 2; k++) {
      rs__dep_row *r = &rows[2 * i + k];
      memset(r, 0, sizeof *r);
      snprintf(r->train, sizeof r->train, "T%03d", i);
      r->station = k;
      r->arr_s = r->dep_s = t + 120 * k;
    }
    t += i % 2 == 0 ? 240 : 960;
  }
  CHECK(rs__timetable_from_rows(&f.tt, 2, rows, 2 * NDEP) == RS_OK);
  double dep[NDEP], mh, cv2;
  CHECK(down_deps(&f.tt, dep, NDEP) == NDEP);
  CHECK_NEAR(expected_wait(dep, NDEP, &mh, &cv2), 408, 1e-9);
  CHECK_NEAR(mh, 600, 1e-9);
  CHECK_NEAR(cv2, 0.36, 1e-12);
  CHECK_REL(flat_wait(&f, dep[0], dep[NDEP - 1]), 408, 0.02);
  teardown(&f);
}

static void test_delays(void) {
  fixture f;
  setup(&f);
  /* 600 s pattern, half the departures delayed by Exp(mean 180 s). */
  rs__period p = {0, 86400, 600};
  rs__service sv = {{21600, 1}, {79200, 0}, &p, 1};
  rs__delays dl = {0.5, 180};
  gsl_rng_set(f.rng, 99);
  CHECK(rs__timetable_from_service(&f.tt, &f.net, &sv, &dl, NULL, f.rng) == RS_OK);
  double dep[200], mh, cv2;
  int n = down_deps(&f.tt, dep, 200);
  CHECK(n == 97);
  double ew = expected_wait(dep, n, &mh, &cv2);
  CHECK(cv2 > 0.05); /* the delays made the headways visibly irregular */
  double got = flat_wait(&f, dep[0], dep[n - 1]);
  CHECK_REL(got, ew, 0.02);
  CHECK(fabs(ew - 300) > 0.05 * 300); /* the CV² term matters: H/2 would fail */
  teardown(&f);
}

int main(void) {
  test_regular();
  test_alternating();
  test_delays();
  return check_done();
}
