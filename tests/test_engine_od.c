/* The per-pair sums the engine adds up for learning while the day runs
 * (rs__engine_od): a day worked out by hand (refusals, failed trips by the
 * plan, a stranded passenger, a pair without a plan), and random days against
 * the pass over the passengers in arrival order that they replace (to the
 * last bit: the pass is what learning summed before). */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>
#include "check.h"
#include "rows.h"
#include "engine/engine.h"
#include "engine/engine_fluid.h"

/* Stations A, B, C at km 0, 4, 10; down trains T1, T2, T3 leave A at 1000,
 * 1300, 1600 and reach C 400 s later. */
typedef struct fixture {
  rs__station st[3];
  rs_scenario s;
  rs__network net;
  rs__day_tt tt;
  rs__engine *e;
  rs__day_result res;
  /* The plan: pair A->C planned on the three trains, give-up 200 s; every
   * other pair has none and never gives up. */
  double dep[3], give_up[9];
  int off[9], n[9];
  rs__plan plan;
} fixture;

static void setup(fixture *f) {
  memset(f, 0, sizeof *f);
  f->st[0] = mk(0, 30);
  f->st[1] = mk(4, 30);
  f->st[2] = mk(10, 30);
  f->s.st = f->st;
  f->s.nst = 3;
  f->s.running.max_speed_kmh = 100;
  f->s.running.accel_ms2 = 1;
  f->s.running.brake_ms2 = 1;
  CHECK(rs__network_init(&f->net, &f->s) == RS_OK);
  rs__day_tt_init(&f->tt);
  rs__dep_row rows[9] = {row("T1", 0, 1000, 1000), row("T1", 1, 1200, 1220),
                         row("T1", 2, 1400, 1400), row("T2", 0, 1300, 1300),
                         row("T2", 1, 1500, 1520), row("T2", 2, 1700, 1700),
                         row("T3", 0, 1600, 1600), row("T3", 1, 1800, 1820),
                         row("T3", 2, 2000, 2000)};
  CHECK(rs__timetable_from_rows(&f->tt, 3, rows, 9) == RS_OK);
  f->e = rs__engine_alloc(3);
  CHECK(f->e != NULL);
  CHECK(rs__day_result_alloc(&f->res, 3) == RS_OK);
  for (int k = 0; k < 9; k++) f->give_up[k] = INFINITY;
  f->dep[0] = 1000, f->dep[1] = 1300, f->dep[2] = 1600;
  f->n[0 * 3 + 2] = 3;
  f->give_up[0 * 3 + 2] = 200;
  f->plan = (rs__plan){f->dep, f->off, f->n, f->give_up};
}

static void teardown(fixture *f) {
  rs__network_free(&f->net);
  rs__day_tt_free(&f->tt);
  rs__engine_free(f->e);
  rs__day_result_free(&f->res);
}

static void test_by_hand(void) {
  fixture f;
  setup(&f);
  /* Ten A->C at 100..190 s, one A->B at 1250 s, one A->C at 1700 s; trains
   * of 4. T1 takes the first four and leaves six; T2 takes the next four,
   * leaves two A->C and the A->B (three refusals); T3 takes those three;
   * the last A->C comes after T3: stranded. */
  rs__trip_row tr[12];
  for (int i = 0; i < 10; i++) tr[i] = trip(0, 2, 100 + 10 * i);
  tr[10] = trip(0, 1, 1250);
  tr[11] = trip(0, 2, 1700);
  rs__day_demand dd;
  memset(&dd, 0, sizeof dd);
  dd.trips = tr;
  dd.ntrips = 12;
  rs__engine_set_plan(f.e, &f.plan);
  CHECK(rs__engine_run_day(f.e, &f.net, &f.tt, &dd, 30, 4, NULL, &f.res) == RS_OK);
  rs__engine_od od = rs__engine_od_sums(f.e);
  size_t ac = 0 * 3 + 2, ab = 0 * 3 + 1;
  CHECK_NEAR(od.n[ac], 11, 0);
  CHECK_NEAR(od.n[ab], 1, 0);
  CHECK_NEAR(od.denied[ac], 8, 0); /* 6 by T1, 2 by T2 */
  CHECK_NEAR(od.denied[ab], 1, 0);
  CHECK_NEAR(od.stranded[ac], 1, 0);
  CHECK_NEAR(od.stranded[ab], 0, 0);
  /* The four on T1 waited 900..870 s but took the first planned train: not
   * failed. The six on T2 and T3 waited over 200 s past it: failed, with the
   * stranded one. */
  CHECK_NEAR(od.failed[ac], 7, 0);
  CHECK_NEAR(od.failed[ab], 0, 0);
  CHECK_NEAR(od.wait_min[ac], (900 + 890 + 880 + 870) / 60.0, 1e-12);
  CHECK_NEAR(od.wait_min[ab], 350 / 60.0, 1e-12); /* T3 at 1600 */
  for (size_t k = 0; k < 9; k++)
    if (k != ac && k != ab) CHECK(od.n[k] == 0 && od.wait_min[k] == 0 && od.failed[k] == 0);
  /* Without a plan nobody fails but the stranded. */
  rs__engine_set_plan(f.e, NULL);
  CHECK(rs__engine_run_day(f.e, &f.net, &f.tt, &dd, 30, 4, NULL, &f.res) == RS_OK);
  od = rs__engine_od_sums(f.e);
  CHECK_NEAR(od.failed[ac], 1, 0);
  CHECK_NEAR(od.wait_min[ac], 10950 / 60.0, 1e-9);
  teardown(&f);
}

/* Random days (generated streams, some pairs never served, small trains):
 * the sums equal, bit for bit, those of a pass over the passengers in
 * arrival order. */
static void test_against_pass(void) {
  fixture f;
  setup(&f);
  rs__engine_set_plan(f.e, &f.plan);
  rs__stream st[4] = {{0, 2, 0, 300, NULL}, {0, 1, 1, 120, NULL}, {1, 2, 2, 200, NULL},
                      {2, 0, 3, 50, NULL}};
  rs__day_demand dd;
  memset(&dd, 0, sizeof dd);
  dd.streams = st;
  dd.nstreams = 4;
  dd.flat_from_s = 0;
  dd.flat_to_s = 1900;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int mismatches = 0, failed_seen = 0, denied_seen = 0;
  for (int day = 0; day < 20; day++) {
    gsl_rng_set(rng, 1000 + (unsigned long)day);
    CHECK(rs__engine_run_day(f.e, &f.net, &f.tt, &dd, 30, 60, rng, &f.res) == RS_OK);
    double n[9] = {0}, w[9] = {0}, fl[9] = {0}, dn[9] = {0}, sr[9] = {0};
    int np = 0;
    const rs__pax *p = rs__engine_passengers(f.e, &np);
    for (int i = 0; i < np; i++) {
      size_t k = (size_t)p[i].origin * 3 + (size_t)p[i].dest;
      n[k] += 1;
      dn[k] += p[i].denied;
      if (p[i].status != RS__PAX_DELIVERED) {
        fl[k] += 1;
        sr[k] += 1;
      } else if (rs__plan_failed(&f.plan, k, p[i].arrival_s, p[i].boarded_s)) {
        fl[k] += 1;
      } else {
        w[k] += (p[i].boarded_s - p[i].arrival_s) / 60;
      }
    }
    rs__engine_od od = rs__engine_od_sums(f.e);
    for (int k = 0; k < 9; k++) {
      mismatches += od.n[k] != n[k] || od.wait_min[k] != w[k] || od.failed[k] != fl[k] ||
                    od.denied[k] != dn[k] || od.stranded[k] != sr[k];
      failed_seen += fl[k] > sr[k];
      denied_seen += dn[k] > 0;
    }
  }
  CHECK(mismatches == 0);
  CHECK(failed_seen > 0 && denied_seen > 0); /* the days did exercise both */
  gsl_rng_free(rng);
  teardown(&f);
}

int main(void) {
  test_by_hand();
  test_against_pass();
  printf("%d passed, %d failed\n", check_pass, check_fail);
  return check_fail ? 1 : 0;
}
