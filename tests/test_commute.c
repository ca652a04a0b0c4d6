/* Door-to-door commute times (docs/commute.md). Expected values worked out
 * independently: connecting departures by hand and by modular arithmetic,
 * H/2 for random arrivals, the published bars of the issue. */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "model/commute.h"
#include "sim/sim.h"

static rs__cm_line fixed_line(double h_s) {
  rs__cm_line l;
  memset(&l, 0, sizeof l);
  l.first_s = 6 * 3600;
  l.last_s = 23 * 3600;
  l.walk_min = 4;
  l.nperiods = 1;
  l.periods[0] = (rs__period){0, 86400, h_s};
  return l;
}

/* Wait for a fixed headway: the next departure by modular arithmetic. */
static double mod_wait(double first, double h, double ready) {
  double w = fmod(first - ready, h);
  return w < 0 ? w + h : w;
}

static void test_departures(void) {
  /* Hand-built sequence: 06:00 every 8 min to 06:56, then 07:04 (the departure
   * at 06:56 still uses the 8-min headway), then every 5 min. */
  rs__cm_line l = fixed_line(480);
  l.nperiods = 2;
  l.periods[0] = (rs__period){0, 7 * 3600, 480};
  l.periods[1] = (rs__period){7 * 3600, 86400, 300};
  double dep = 0;
  CHECK(rs__cm_next_departure(&l, 7 * 3600 + 60, &dep) == RS_OK);
  CHECK_NEAR(dep, 7 * 3600 + 4 * 60, 1e-9);
  CHECK(rs__cm_next_departure(&l, 7 * 3600 + 5 * 60, &dep) == RS_OK);
  CHECK_NEAR(dep, 7 * 3600 + 9 * 60, 1e-9);
  CHECK(rs__cm_next_departure(&l, 5 * 3600, &dep) == RS_OK);
  CHECK_NEAR(dep, 6 * 3600, 1e-9);
  CHECK(rs__cm_next_departure(&l, 23 * 3600 + 1, &dep) != RS_OK);
  double arr = 0;
  CHECK(rs__cm_prev_arrival(&l, 7 * 3600 + 8 * 60, &arr) == RS_OK);
  CHECK_NEAR(arr, 7 * 3600 + 4 * 60, 1e-9);
}

static void test_fixed_headway_wait(void) {
  /* Ziyang trains arriving every 10 min from 07:03:20 against a 6-min connecting
   * headway: the wait after a 4-min walk, train by train, by modular arithmetic. */
  rs__cm_line l = fixed_line(360);
  double sum = 0, want = 0;
  for (int k = 0; k < 12; k++) {
    double ready = 7 * 3600 + 200 + 600.0 * k + 240, dep = 0;
    CHECK(rs__cm_next_departure(&l, ready, &dep) == RS_OK);
    sum += dep - ready;
    want += mod_wait(l.first_s, 360, ready);
  }
  CHECK_NEAR(sum, want, 1e-6);
  /* the pattern repeats every 30 min: ready phases 0:440 mod 360 = 80, 200, 320, 80...
   * waits 280, 160, 40: mean 160 s */
  CHECK_NEAR(sum / 12, 160, 1e-6);
  /* random arrivals: mean wait H/2 */
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 42);
  double s = 0;
  int n = 200000;
  for (int i = 0; i < n; i++) {
    double t = 7 * 3600 + gsl_rng_uniform(r) * 7200, dep = 0;
    rs__cm_next_departure(&l, t, &dep);
    s += dep - t;
  }
  CHECK_REL(s / n, 180, 0.01);
  gsl_rng_free(r);
}

static rs_sim *run(const char *file, const char *const *sets, size_t n, rs_scenario **sp) {
  rs_diag *d = rs_diag_alloc();
  char path[1024];
  snprintf(path, sizeof path, "%s/scenarios/ziyang/%s", RS_SRC_DIR, file);
  int rc = rs_scenario_load(path, sets, n, sp, d);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_diag_free(d);
  CHECK(rc == RS_OK);
  if (rc != RS_OK) return NULL;
  rs_sim *sim = NULL;
  rs_run_options o;
  rs_run_options_default(&o);
  CHECK(rs_sim_create(*sp, &sim) == RS_OK);
  CHECK(rs_sim_run(sim, &o) == RS_OK);
  return sim;
}

static void test_with_line(void) {
  const char *sets[] = {"period.end=2024-10-16", "output.detail_date=2024-10-16"};
  rs_scenario *s = NULL;
  rs_sim *sim = run("baseline.yaml", sets, 2, &s);
  if (!sim) return;
  /* (a) Futian -> Ziyangbei in the train, from the day's timetable: 26 min +- 60 s */
  const rs__day_tt *tt = &sim->dtt;
  int ndown = 0;
  for (int k = 0; k < tt->nruns; k++) {
    const rs__run *rn = &tt->runs[k];
    if (rn->dir != RS__DOWN) continue;
    const rs__stop *a = &tt->stops[rn->first_stop], *b = &tt->stops[rn->first_stop + rn->nstops - 1];
    CHECK_NEAR(b->arr_s - a->dep_s, 26 * 60, 60);
    ndown++;
  }
  CHECK(ndown > 50);
  rs_commute *cm = NULL;
  CHECK(rs_commute_compute(sim, &cm) == RS_OK && cm);
  rs_commute_row r;
  /* (c) Xingfu Dadao -> central Chengdu door to door about 1.5 h */
  CHECK(rs_commute_find(cm, "xingfu", "tianfu_square", "metro", "am_peak", "with_line", &r) == RS_OK);
  CHECK(r.n > 30);
  CHECK(r.mean_min >= 80 && r.mean_min <= 100);
  CHECK(r.p10_min <= r.p50_min && r.p50_min <= r.p90_min);
  CHECK_NEAR(r.access_min + r.wait_min + r.ride_min + r.transfer_min + r.egress_min, r.mean_min, 1e-6);
  CHECK(rs_commute_find(cm, "xingfu", "tianfu_square", "metro", "day", "with_line", &r) == RS_OK);
  CHECK(r.mean_min >= 80 && r.mean_min <= 100);
  /* the transfer is 4 min walk + 5 min inside Chengdu */
  CHECK_NEAR(r.transfer_min, 9, 1e-9);
  /* competitors: HSR's figures are the logit's except the zone's and timetable detail */
  CHECK(rs_commute_find(cm, "xingfu", "tianfu_square", "hsr", "day", "with_line", &r) == RS_OK);
  CHECK_NEAR(r.ride_min, 25, 1e-9);      /* modes.hsr.ivt_min */
  CHECK_NEAR(r.transfer_min, 10, 1e-9);  /* 1 transfer x 10 min */
  CHECK_REL(r.access_min, 30, 0.05);     /* zone override, gamma mean */
  CHECK(r.wait_min >= 10);               /* check-in at least */
  /* (d) without the line, bus + HSR + metro from central Ziyang is over 2.5 h */
  CHECK(rs_commute_find(cm, "changhong", "tianfu_square", "hsr", "am_peak", "without_line", &r) == RS_OK);
  CHECK(r.mean_min > 150);
  /* (e) common random numbers: each sampled trip is the same traveller with and
   * without the line. HSR's access from Changhong is 27 min with the line and
   * 27 + 40 without (modes.hsr.without_line), each a gamma of the same cv: the
   * same draws scaled, so the mean access grows by 67/27 exactly (to rounding)
   * and the egress, unchanged, is the same number. In the peak every trip has a
   * train (the last HSR departure is 21:22): the same trips in both. */
  rs_commute_row rw;
  CHECK(rs_commute_find(cm, "changhong", "tianfu_square", "hsr", "am_peak", "with_line", &rw) == RS_OK);
  CHECK(rw.n == r.n && rw.n > 100);
  CHECK_REL(r.access_min / rw.access_min, 67.0 / 27.0, 1e-12);
  CHECK(r.egress_min == rw.egress_min);
  /* modes without additions (coach, car: congestion by the same start times)
   * give the same trips in both cases, every figure alike */
  const char *same[] = {"coach", "car"}, *win[] = {"am_peak", "day"};
  for (int m = 0; m < 2; m++)
    for (int k = 0; k < 2; k++) {
      CHECK(rs_commute_find(cm, "changhong", "tianfu_square", same[m], win[k], "with_line", &rw) == RS_OK);
      CHECK(rs_commute_find(cm, "changhong", "tianfu_square", same[m], win[k], "without_line", &r) == RS_OK);
      CHECK(rw.n == r.n && rw.mean_min == r.mean_min && rw.p10_min == r.p10_min &&
            rw.p50_min == r.p50_min && rw.p90_min == r.p90_min && rw.access_min == r.access_min &&
            rw.wait_min == r.wait_min && rw.ride_min == r.ride_min && rw.egress_min == r.egress_min);
    }
  rs_commute_free(cm);
  rs_sim_free(sim);
  rs_scenario_free(s);
}

/* The transfer wait inside the door-to-door trips against an independent
 * calculation: one destination on a 6-min fixed-headway line, so every trip to
 * Futian transfers there; wait = Ziyang-line wait + (06:00 - ready) mod 360. */
static void test_transfer_in_run(void) {
  const char *sets[] = {"period.end=2024-10-16", "output.detail_date=2024-10-16",
                        "commute.onward_tolerance_min=600",
                        "commute.connections.0.periods=[{from: \"00:00\", to: \"24:00\", headway_min: 6}]",
                        "commute.destinations.1.weight=0", "commute.destinations.2.weight=0",
                        "commute.destinations.3.weight=0"};
  rs_scenario *s = NULL;
  rs_sim *sim = run("baseline.yaml", sets, 7, &s);
  if (!sim) return;
  int xingfu = -1, futian = -1;
  for (int i = 0; i < s->nst; i++) {
    if (!strcmp(s->st[i].id, "xingfu")) xingfu = i;
    if (!strcmp(s->st[i].id, "futian")) futian = i;
  }
  double w = 0;
  int n = 0;
  for (int i = 0; i < sim->ndpax; i++) {
    const rs__pax *p = &sim->dpax[i];
    if (p->status != RS__PAX_DELIVERED || p->origin != xingfu || p->dest != futian) continue;
    double ready = p->alighted_s + 240;
    if (ready > 23 * 3600) continue;
    w += p->boarded_s - p->arrival_s + mod_wait(6 * 3600, 360, ready);
    n++;
  }
  rs_commute *cm = NULL;
  CHECK(rs_commute_compute(sim, &cm) == RS_OK && cm);
  rs_commute_row r;
  CHECK(rs_commute_find(cm, "xingfu", "tianfu_square", "metro", "day", "with_line", &r) == RS_OK);
  CHECK(n > 100);
  CHECK(r.n == n);
  CHECK_NEAR(r.wait_min, w / n / 60, 1e-6);
  rs_commute_free(cm);
  rs_sim_free(sim);
  rs_scenario_free(s);
}

static void test_without_line(void) {
  rs_scenario *s = NULL;
  rs_sim *sim = run("without-line.yaml", NULL, 0, &s);
  if (!sim) return;
  rs_commute *cm = NULL;
  CHECK(rs_commute_compute(sim, &cm) == RS_OK && cm);
  rs_commute_row r;
  CHECK(rs_commute_find(cm, "changhong", "tianfu_square", "metro", "am_peak", "without_line", &r) != RS_OK);
  CHECK(rs_commute_find(cm, "changhong", "tianfu_square", "hsr", "am_peak", "without_line", &r) == RS_OK);
  CHECK(r.mean_min > 150);
  rs_commute_free(cm);
  rs_sim_free(sim);
  rs_scenario_free(s);
}

int main(void) {
  test_departures();
  test_fixed_headway_wait();
  test_with_line();
  test_transfer_in_run();
  test_without_line();
  return check_done();
}
