/* What-if machinery: the 95% t interval (worked by hand), service suspensions
 * on a hand-built timetable, and compare of a scenario against itself (exactly
 * zero) with results independent of the thread count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "drivers/compare.h"
#include "model/timetable.h"

static void test_ci(void) {
  /* x = 1..5: mean 3, sd sqrt(2.5); t(0.975, 4) = 2.7764451 (tables);
   * half = 2.7764451 * 1.5811388 / sqrt(5) = 1.9632432. */
  double x[5] = {1, 2, 3, 4, 5}, m, lo, hi;
  rs_ci95(x, 5, &m, &lo, &hi);
  CHECK_NEAR(m, 3, 1e-12);
  CHECK_NEAR(lo, 3 - 1.9632432, 1e-6);
  CHECK_NEAR(hi, 3 + 1.9632432, 1e-6);
  /* Two values 10, 14: mean 12, sd 2.828427, t(0.975, 1) = 12.706205: half 25.412410. */
  double y[2] = {10, 14};
  rs_ci95(y, 2, &m, &lo, &hi);
  CHECK_NEAR(hi - m, 25.412410, 1e-5);
  /* One value: no interval. */
  rs_ci95(y, 1, &m, &lo, &hi);
  CHECK(m == 10 && isnan(lo) && isnan(hi));
  /* Identical values: a zero-width interval, exactly. */
  double z[3] = {0, 0, 0};
  rs_ci95(z, 3, &m, &lo, &hi);
  CHECK(m == 0 && lo == 0 && hi == 0);
}

/* Three stations; runs given as (origin dep, arrival/dep at 1, arrival at 2). */
static void add_run(rs__day_tt *tt, const char *id, double d0, double a1, double d1, double a2) {
  rs__run *r = &tt->runs[tt->nruns];
  snprintf(r->id, sizeof r->id, "%s", id);
  r->dir = RS__DOWN;
  r->first_stop = tt->nstops;
  r->nstops = 3;
  rs__stop s[3] = {{0, d0, d0}, {1, a1, d1}, {2, a2, a2}};
  memcpy(&tt->stops[tt->nstops], s, sizeof s);
  for (int k = 0; k < 3; k++) tt->stop_of[tt->nruns * 3 + k] = k;
  tt->nstops += 3;
  tt->nruns++;
}

static void test_suspension(void) {
  rs__day_tt tt;
  rs__day_tt_init(&tt);
  tt.nst = 3;
  tt.runs = calloc(8, sizeof *tt.runs);
  tt.stops = calloc(24, sizeof *tt.stops);
  tt.stop_of = calloc(24, sizeof *tt.stop_of);
  tt.cap_runs = 8;
  tt.cap_stops = 24;
  double h = 3600;
  add_run(&tt, "A", 7 * h + 1800, 7 * h + 2400, 7 * h + 2460, 8 * h + 300);  /* last stop 08:05: kept */
  add_run(&tt, "B", 7 * h + 3000, 8 * h, 8 * h + 60, 8 * h + 600);          /* leaves 1 at 08:01: held */
  add_run(&tt, "C", 8 * h + 600, 8 * h + 1200, 8 * h + 1260, 8 * h + 1800); /* origin 08:10: cancelled */
  add_run(&tt, "D", 8 * h + 2400, 8 * h + 3000, 8 * h + 3060, 9 * h);       /* after: unchanged */
  rs__suspension sp[2] = {{20000, 8 * h, 8 * h + 1800}, /* another date: ignored */
                          {RS__DATE_NONE, 8 * h, 8 * h + 1800}};
  CHECK(rs__timetable_apply_suspensions(&tt, sp, 1, 20001) == RS_OK);
  CHECK(tt.nruns == 4);
  CHECK(rs__timetable_apply_suspensions(&tt, sp, 2, 20001) == RS_OK);
  CHECK(tt.nruns == 3);
  CHECK(!strcmp(tt.runs[0].id, "A") && !strcmp(tt.runs[1].id, "B") && !strcmp(tt.runs[2].id, "D"));
  const rs__stop *a = &tt.stops[tt.runs[0].first_stop], *b = &tt.stops[tt.runs[1].first_stop];
  CHECK(a[2].arr_s == 8 * h + 300);
  /* B: held at station 1 from 08:01 to 08:30 (29 min), then 9 min to station 2. */
  CHECK(b[1].arr_s == 8 * h && b[1].dep_s == 8 * h + 1800);
  CHECK(b[2].arr_s == 8 * h + 1800 + 540 && b[2].dep_s == b[2].arr_s);
  CHECK(tt.stops[tt.runs[2].first_stop].dep_s == 8 * h + 2400);
  CHECK(tt.stop_of[2 * 3 + 2] == 2);
  rs__day_tt_free(&tt);
}

static void test_self_compare(void) {
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  const char *path = RS_SRC_DIR "/scenarios/ziyang/baseline-day.yaml";
  CHECK(rs_scenario_load(path, NULL, 0, &s, d) == RS_OK);
  if (!s) {
    rs_diag_free(d);
    return;
  }
  rs_compare_options o;
  rs_compare_options_default(&o);
  o.replications = 3;
  o.threads = 1;
  rs_compare *c1 = NULL, *c2 = NULL;
  CHECK(rs_compare_run(s, s, &o, &c1) == RS_OK);
  o.threads = 3;
  CHECK(rs_compare_run(s, s, &o, &c2) == RS_OK);
  int n = rs_compare_count(c1), nonzero = 0, differ = 0, varies = 0;
  CHECK(n > 19 + 6);
  for (int i = 0; i < n; i++) {
    rs_compare_figure f1, f2;
    rs_compare_get(c1, i, &f1);
    rs_compare_get(c2, i, &f2);
    if (f1.diff != 0 || f1.lo95 != 0 || f1.hi95 != 0 || f1.base != f1.whatif) nonzero++;
    if (f1.base != f2.base || f1.whatif != f2.whatif) differ++;
  }
  CHECK(nonzero == 0);
  CHECK(differ == 0);
  /* The replications do differ from each other (distinct streams): riders vary. */
  const double *v = c1->val;
  int k = rs_compare_find(c1, "riders_per_day");
  CHECK(k == 0);
  for (int r = 1; r < 3; r++) varies += v[(size_t)r * 2 * (size_t)n + (size_t)k] != v[k];
  CHECK(varies > 0);
  /* Riders per day of a one-day scenario near its OD total of 30,000 (Poisson). */
  rs_compare_figure f;
  rs_compare_get(c1, k, &f);
  CHECK_NEAR(f.base, 30000, 5 * sqrt(30000.0));
  rs_compare_free(c1);
  rs_compare_free(c2);
  rs_scenario_free(s);
  rs_diag_free(d);
}

int main(void) {
  test_ci();
  test_suspension();
  test_self_compare();
  return check_done();
}
