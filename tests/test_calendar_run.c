/* The calendar day loop: day types pick the timetable, dated events add their
 * trips, a station opening mid-period is served only from its date. Expected
 * values worked out by hand from scenarios/ziyang/baseline.yaml. */
#include <string.h>
#include "check.h"
#include "sim/sim.h"

static rs_scenario *load(const char **sets, size_t n) {
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(RS_SRC_DIR "/scenarios/ziyang/baseline.yaml", sets, n, &s, d);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_diag_free(d);
  CHECK(rc == RS_OK);
  return s;
}

/* Trains of the last simulated day; *FLEET: trains needed at once. */
static int trains_on(const char *date, int expected_mode, int *fleet) {
  char a[64], b[64];
  snprintf(a, sizeof a, "period.start=%s", date);
  snprintf(b, sizeof b, "period.end=%s", date);
  const char *sets[] = {a, b};
  rs_scenario *s = load(sets, 2);
  if (!s) return -1;
  rs_sim *sim = NULL;
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = expected_mode;
  CHECK(rs_sim_create(s, &sim) == RS_OK && rs_sim_run(sim, &o) == RS_OK);
  int n = sim ? sim->tt.nruns : -1;
  rs_summary sm;
  rs_sim_summary(sim, &sm);
  *fleet = sm.fleet_required;
  rs_sim_free(sim);
  rs_scenario_free(s);
  return n;
}

static void test_timetable_by_day_type(void) {
  /* Weekend: 12 min from 06:30; 06:30 + 12k <= 22:00 gives k = 0..77 (78 trains),
   * plus the published 22:00 last train: 79 per direction. */
  int fleet;
  CHECK(trains_on("2025-01-04", 1, &fleet) == 2 * 79);
  /* A run holds its train 1555 s (25.9 min, sections_s plus dwells) plus a 300 s
   * turnaround: 30.9 min. Every 12 min, the runs that left at t, t-12, t-24 of each
   * direction are in use (6 trains), but at 22:00 the extra last train joins those
   * of 21:30 (until 22:00.9), 21:42 and 21:54: 4 per direction, 8 trains. */
  CHECK(fleet == 8);
  /* Workday: 06:30 06:42 06:54 (3), 07:06..08:56 every 10 (12), 09:06..16:54 every
   * 12 (40), 17:06..18:56 every 10 (12), 19:06..21:54 every 12 (15), 22:00 (1): 83. */
  CHECK(trains_on("2025-01-08", 1, &fleet) == 2 * 83);
  /* Every 10 min in the peaks: t, t-10, t-20, t-30 (30 < 30.9) in each direction: 8. */
  CHECK(fleet == 8);
  /* A holiday (2025-01-01) runs the holiday pattern: same as the weekend. */
  CHECK(trains_on("2025-01-01", 1, &fleet) == 2 * 79);
}

static void test_event_and_opening(void) {
  /* Expected-value mode, 2025-01-04 (Sat) .. 2025-01-08 (Wed). */
  const char *base_sets[] = {"period.start=2025-01-04", "period.end=2025-01-08"};
  const char *ev_sets[] = {"period.start=2025-01-04", "period.end=2025-01-08",
                           "events=[{name: fair, start: 2025-01-05, end: 2025-01-06, "
                           "day_types: [weekend], from: changhong, to: ziyangbei, trips: 4000}]"};
  rs_scenario *s0 = load(base_sets, 2), *s1 = load(ev_sets, 3);
  if (!s0 || !s1) return;
  rs_sim *a = NULL, *b = NULL;
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = 1;
  CHECK(rs_sim_create(s0, &a) == RS_OK && rs_sim_run(a, &o) == RS_OK);
  CHECK(rs_sim_create(s1, &b) == RS_OK && rs_sim_run(b, &o) == RS_OK);
  if (a && b) {
    /* The event adds its 4,000 trips (2,000 each way) on Sunday 01-05 only:
     * 01-06 is a workday, outside its day types. */
    double extra[5];
    for (int i = 0; i < 5; i++) {
      rs_daily x, y;
      rs_sim_daily(a, i, &x);
      rs_sim_daily(b, i, &y);
      extra[i] = y.riders - x.riders;
    }
    CHECK_NEAR(extra[0], 0, 1e-6);
    CHECK_NEAR(extra[1], 4000, 1e-6);
    /* Later days move only through learning: the fair's riders arrive on
     * another hourly profile, so the mean wait met on changhong-ziyangbei
     * that Sunday shifts by seconds. A tenth of a minute of perceived wait on
     * that pair moves its riders by at most |beta_wait| x 0.1 min x max P(1-P)
     * x its all-mode trips = 0.13 x 0.1 x 0.25 x ~6,500 (both directions after
     * the baseline's scales: commute 2 x 2,000 x 0.2326 x 5.696 = 5,300, the other
     * purposes 2 x 2,500 x 0.2326 = 1,160) = 21 riders of ~30,000 a day. */
    CHECK_NEAR(extra[2], 0, 21);
    CHECK_NEAR(extra[4], 0, 21);
  }
  rs_sim_free(a);
  rs_sim_free(b);
  rs_scenario_free(s0);
  rs_scenario_free(s1);

  /* Ziyang Linkong (station 1) opening on Monday 2025-01-06: no boardings
   * before, trains pass it non-stop (one stop fewer per run). */
  const char *op_sets[] = {"period.start=2025-01-04", "period.end=2025-01-06",
                           "line.stations.1.opens=2025-01-06"};
  rs_scenario *s2 = load(op_sets, 3);
  if (!s2) return;
  rs_sim *c = NULL;
  rs_run_options_default(&o);
  CHECK(rs_sim_create(s2, &c) == RS_OK && rs_sim_run(c, &o) == RS_OK);
  if (c) {
    CHECK(c->daily_board[0 * 6 + 1] == 0); /* Saturday */
    CHECK(c->daily_board[1 * 6 + 1] == 0); /* Sunday */
    CHECK(c->daily_board[2 * 6 + 1] > 0);  /* Monday: open */
    CHECK(c->tt.runs[0].nstops == 6);      /* the last day, open: six stops */
    for (int i = 0; i < 2; i++) {
      rs_daily x;
      rs_sim_daily(c, i, &x);
      CHECK(x.stranded == 0); /* nobody was sent to a closed station */
    }
  }
  rs_sim_free(c);
  rs_scenario_free(s2);
}

int main(void) {
  test_timetable_by_day_type();
  test_event_and_opening();
  return check_done();
}
