/* The expected-value engine's linear day (engine/engine_fluid_linear.c)
 * against the cohorts (a second method: rs__fluid_set_linear(f, 0)) on the
 * same day's inputs: the built-in baseline's days (a workday, a weekend, the
 * opening day; the signal failure's day, whose trains fill up), with their
 * published plans, and with trains too small for their riders (the day goes
 * back to the cohorts: every figure to the bit); a line of two stations
 * with a flat stream and failed trips. Loads, boardings, alightings and the
 * boardings list are the cohorts' to the bit; the day's waits, rides and
 * passenger-km to 1e-12 (another order of the same additions). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "engine/engine_fluid.h"
#include "sim/sim.h"

static double gave_total; /* riders who met a failed trip, over the days compared */

static int same_doubles(const double *a, const double *b, size_t n) {
  return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

static int near(double a, double b, double rel) {
  return fabs(a - b) <= rel * (fabs(a) + fabs(b)) + 1e-9;
}

/* One day both ways on fresh engines; EXACT: every figure to the bit (a day
 * that went back to the cohorts). Returns the linear day's max load factor. */
static double compare_day(const rs__network *net, const rs__day_tt *tt, const rs__day_demand *dd,
                          const rs__plan *plan, double capacity, int exact) {
  int nst = net->nst;
  rs__fluid *fl = rs__fluid_alloc(nst), *fc = rs__fluid_alloc(nst);
  rs__day_result rl, rc;
  CHECK(fl && fc && rs__day_result_alloc(&rl, nst) == RS_OK && rs__day_result_alloc(&rc, nst) == RS_OK);
  rs__fluid_set_plan(fl, plan);
  rs__fluid_set_plan(fc, plan);
  rs__fluid_set_linear(fc, 0);
  CHECK(rs__fluid_run_day(fl, net, tt, dd, capacity, &rl) == RS_OK);
  CHECK(rs__fluid_run_day(fc, net, tt, dd, capacity, &rc) == RS_OK);
  CHECK(rs__fluid_ran_linear(fl) == !exact && !rs__fluid_ran_linear(fc)); /* the path asked for */
  size_t ns = (size_t)tt->nstops, nsh = (size_t)nst * 24, nsec = 2 * (size_t)(nst - 1) * 24;
  size_t nod = (size_t)nst * (size_t)nst;
  CHECK(same_doubles(rl.stop_board, rc.stop_board, ns) && same_doubles(rl.stop_alight, rc.stop_alight, ns));
  CHECK(same_doubles(rl.stop_load, rc.stop_load, ns) && same_doubles(rl.stop_denied, rc.stop_denied, ns));
  CHECK(same_doubles(rl.board, rc.board, nsh) && same_doubles(rl.alight, rc.alight, nsh));
  CHECK(same_doubles(rl.sec_pax, rc.sec_pax, nsec) && same_doubles(rl.sec_trains, rc.sec_trains, nsec));
  CHECK(rl.generated == rc.generated && rl.delivered == rc.delivered && rl.stranded == rc.stranded);
  CHECK(rl.after_service == rc.after_service && rl.denied_boardings == rc.denied_boardings);
  CHECK(rl.max_load_factor == rc.max_load_factor);
  double tol = exact ? 0 : 1e-12;
  CHECK(near(rl.wait_sum_s, rc.wait_sum_s, tol) && near(rl.ride_sum_s, rc.ride_sum_s, tol));
  CHECK(near(rl.passenger_km, rc.passenger_km, tol));
  if (exact) CHECK(rl.wait_sum_s == rc.wait_sum_s && rl.ride_sum_s == rc.ride_sum_s);
  const double *g[2][5];
  rs__fluid_od(fl, &g[0][0], &g[0][1], &g[0][2], &g[0][3], &g[0][4]);
  rs__fluid_od(fc, &g[1][0], &g[1][1], &g[1][2], &g[1][3], &g[1][4]);
  int od_ok = 1;
  for (size_t k = 0; k < nod; k++) {
    od_ok &= g[0][0][k] == g[1][0][k] && g[0][2][k] == g[1][2][k] && g[0][3][k] == g[1][3][k];
    od_ok &= near(g[0][1][k], g[1][1][k], exact ? 0 : 1e-11) && near(g[0][4][k], g[1][4][k], 0);
  }
  CHECK(od_ok);
  int nl = 0, nc = 0;
  const rs__fluid_board *bl = rs__fluid_boardings(fl, &nl), *bc = rs__fluid_boardings(fc, &nc);
  int bd_ok = nl == nc;
  for (int i = 0; i < nl && bd_ok; i++) /* field by field: the struct has padding */
    bd_ok = bl[i].run == bc[i].run && bl[i].origin == bc[i].origin && bl[i].dest == bc[i].dest &&
            same_doubles(&bl[i].mass, &bc[i].mass, 1);
  CHECK(bd_ok && nl > 0);
  for (size_t k = 0; k < nod; k++) gave_total += g[0][4][k];
  double lf = rl.max_load_factor;
  rs__day_result_free(&rl);
  rs__day_result_free(&rc);
  rs__fluid_free(fl);
  rs__fluid_free(fc);
  return lf;
}

/* The span flat demand is spread over (as sim.c's rs__tt_window). */
static void tt_window(const rs__day_tt *tt, double *from, double *to) {
  *from = *to = 0;
  for (int r = 0; r < tt->nruns; r++) {
    double dep = tt->stops[tt->runs[r].first_stop].dep_s;
    if (r == 0 || dep < *from) *from = dep;
    if (r == 0 || dep > *to) *to = dep;
  }
}

/* FILE in expected-value mode up to DATE; its last day both ways. FULL: some
 * train of that day is full (it goes back to the cohorts: every figure alike). */
static void baseline_day(const char *file, const char *date, int full) {
  char set[64], path[1024];
  snprintf(set, sizeof set, "period.end=%s", date);
  snprintf(path, sizeof path, "%s/scenarios/ziyang/%s", RS_SRC_DIR, file);
  const char *sets[] = {set};
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(path, sets, 1, &s, d);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_diag_free(d);
  CHECK(rc == RS_OK);
  if (rc != RS_OK) return;
  rs_sim *sim = NULL;
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = 1;
  CHECK(rs_sim_create(s, &sim) == RS_OK && rs_sim_run(sim, &o) == RS_OK);
  rs__day_demand dd = {.streams = sim->streams, .nstreams = sim->nstreams};
  tt_window(&sim->tt, &dd.flat_from_s, &dd.flat_to_s);
  double cap = s->trains.capacity;
  double lf = compare_day(&sim->net, &sim->tt, &dd, &sim->plan, cap, full);
  CHECK(full ? lf >= 1 - 1e-9 : lf > 0.05 && lf < 1); /* riders, and room for them or not */
  /* a plan with a train between each two that ran (it did not run), and
   * give-up after 5 min: failed trips at many stops and destinations */
  size_t nod = (size_t)s->nst * (size_t)s->nst;
  double *dep = malloc(2 * (size_t)sim->cap_dep * sizeof *dep), *gu = malloc(nod * sizeof *gu);
  int *off = malloc(nod * sizeof *off), *n = malloc(nod * sizeof *n), used = 0;
  for (size_t k = 0; k < nod; k++) {
    const double *pd = sim->plan.dep + sim->plan.off[k];
    off[k] = used;
    n[k] = 0;
    for (int j = 0; j < sim->plan.n[k]; j++) {
      dep[used + n[k]++] = pd[j];
      if (j + 1 < sim->plan.n[k]) dep[used + n[k]++] = (pd[j] + pd[j + 1]) / 2;
    }
    used += n[k];
    gu[k] = 300;
  }
  rs__plan thin = {dep, off, n, gu};
  gave_total = 0;
  compare_day(&sim->net, &sim->tt, &dd, &thin, cap, full);
  CHECK(gave_total > 100); /* the failures were there to compare */
  free(dep);
  free(gu);
  free(off);
  free(n);
  /* trains a quarter as big: some are full, the day goes back to the cohorts */
  double lf2 = compare_day(&sim->net, &sim->tt, &dd, &sim->plan, lf * cap / 2, 1);
  CHECK(lf2 >= 1 - 1e-9);
  rs_sim_free(sim);
  rs_scenario_free(s);
}

/* A -> B, six trains 08:10 ... 09:00; 600 riders in 08:00-09:00 by the hour
 * and 300 more by a flat stream over the service window; failed trips past
 * 400 s against a plan of a train every 5 minutes (every other one ran). */
static void two_stations(void) {
  rs__station st[2];
  rs_scenario s;
  memset(st, 0, sizeof st);
  memset(&s, 0, sizeof s);
  for (int i = 0; i < 2; i++) {
    st[i].km = 10 * i;
    st[i].opens = RS__DATE_NONE;
  }
  s.st = st;
  s.nst = 2;
  s.running.max_speed_kmh = 100;
  s.running.accel_ms2 = s.running.brake_ms2 = 1;
  rs__network net;
  CHECK(rs__network_init(&net, &s) == RS_OK);
  rs__day_tt tt;
  rs__day_tt_init(&tt);
  rs__dep_row rows[12];
  memset(rows, 0, sizeof rows);
  for (int k = 0; k < 6; k++)
    for (int j = 0; j < 2; j++) {
      rs__dep_row *r = &rows[2 * k + j];
      snprintf(r->train, sizeof r->train, "T%d", k + 1);
      r->station = j;
      r->arr_s = r->dep_s = 8 * 3600 + 600 * (k + 1) + 600 * j;
    }
  CHECK(rs__timetable_from_rows(&tt, 2, rows, 12) == RS_OK);
  double w[24] = {0};
  w[8] = 1;
  rs__stream str[2] = {{.origin = 0, .dest = 1, .trips = 600, .hour_w = w},
                       {.origin = 0, .dest = 1, .purpose = 1, .trips = 300}};
  rs__day_demand dd = {.streams = str, .nstreams = 2, .flat_from_s = 8 * 3600, .flat_to_s = 9 * 3600};
  double give_up[4] = {INFINITY, 400, INFINITY, INFINITY}, dep[12];
  for (int i = 0; i < 12; i++) dep[i] = 8 * 3600 + 300 * (i + 1);
  int off[4] = {0, 0, 0, 0}, n[4] = {0, 12, 0, 0};
  rs__plan plan = {dep, off, n, give_up};
  compare_day(&net, &tt, &dd, &plan, 1000, 0);
  compare_day(&net, &tt, &dd, NULL, 1000, 0);
  compare_day(&net, &tt, &dd, &plan, 120, 1); /* 150 a train come: full */
  rs__day_tt_free(&tt);
  rs__network_free(&net);
}

int main(void) {
  rs_init();
  two_stations();
  baseline_day("baseline.yaml", "2024-09-29", 0);             /* the opening day */
  baseline_day("baseline.yaml", "2024-10-16", 0);             /* a workday */
  baseline_day("baseline.yaml", "2024-10-19", 0);             /* a Saturday */
  baseline_day("whatif/signal-failure.yaml", "2025-01-08", 1); /* its closure: trains full */
  return check_done();
}
