/* Door-to-door tables worked out on threads while the days run
 * (rs_run_options.commute_ahead, src/sim/commute_ahead.c) against the same
 * tables computed after the run by rs_commute_compute (the second method):
 * every row equal to the last bit, in both engines, with the detail day inside
 * the period and after it, and for a second run of the same simulation. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "ridersim/commute.h"
#include "sim/results.h"
#include "sim/sim.h"

static rs_scenario *load(const char *const *sets, size_t n) {
  rs_diag *d = rs_diag_alloc();
  char path[1024];
  snprintf(path, sizeof path, "%s/scenarios/ziyang/baseline.yaml", RS_SRC_DIR);
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(path, sets, n, &s, d);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_diag_free(d);
  CHECK(rc == RS_OK);
  return rc == RS_OK ? s : NULL;
}

static int same_row(const rs_commute_row *a, const rs_commute_row *b) {
  return !strcmp(a->origin_zone, b->origin_zone) && !strcmp(a->dest_zone, b->dest_zone) &&
         !strcmp(a->mode, b->mode) && !strcmp(a->window, b->window) &&
         !strcmp(a->scenario, b->scenario) && a->n == b->n && a->mean_min == b->mean_min &&
         a->p10_min == b->p10_min && a->p50_min == b->p50_min && a->p90_min == b->p90_min &&
         a->access_min == b->access_min && a->wait_min == b->wait_min &&
         a->ride_min == b->ride_min && a->transfer_min == b->transfer_min &&
         a->egress_min == b->egress_min;
}

/* The run's tables as the writers read them (computed ahead) against
 * rs_commute_compute's; METRO: how many metro rows there must be at least. */
static void check_tables(rs_sim *sim, int metro) {
  CHECK(sim->cm_job != NULL); /* the threads were started: the tables are theirs */
  const rs_commute *ahead = NULL;
  rs_commute *after = NULL;
  CHECK(rs__sim_commute(sim, &ahead) == RS_OK && ahead);
  CHECK(sim->cm_job == NULL);
  CHECK(rs_commute_compute(sim, &after) == RS_OK && after);
  if (!ahead || !after) return;
  int n = rs_commute_count(after), bad = 0, nmetro = 0;
  CHECK(n > 100);
  CHECK(rs_commute_count(ahead) == n);
  for (int i = 0; i < n && rs_commute_count(ahead) == n; i++) {
    rs_commute_row a, b;
    rs_commute_row_get(ahead, i, &a);
    rs_commute_row_get(after, i, &b);
    bad += !same_row(&a, &b);
    nmetro += !strcmp(b.mode, "metro");
  }
  CHECK(bad == 0);
  CHECK(nmetro >= metro);
  rs_commute_free(after);
}

static void run_and_check(const char *const *sets, size_t nsets, int expected, uint64_t rep) {
  rs_scenario *s = load(sets, nsets);
  rs_sim *sim = NULL;
  if (!s || rs_sim_create(s, &sim) != RS_OK) {
    CHECK(0);
    rs_scenario_free(s);
    return;
  }
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = expected;
  o.commute_ahead = 1;
  o.replication = rep;
  CHECK(rs_sim_run(sim, &o) == RS_OK);
  check_tables(sim, 8);
  /* A second run of the same simulation: its own tables, not the first's. */
  o.replication = rep + 1;
  CHECK(rs_sim_run(sim, &o) == RS_OK);
  check_tables(sim, 8);
  /* A run whose tables are never read: its threads are joined on free. */
  CHECK(rs_sim_run(sim, &o) == RS_OK);
  rs_sim_free(sim);
  rs_scenario_free(s);
}

int main(void) {
  const char *inside[] = {"period.end=2024-10-20", "output.detail_date=2024-10-08"};
  const char *after[] = {"period.end=2024-10-10", "output.detail_date=2025-03-03"};
  for (int expected = 0; expected <= 1; expected++) {
    run_and_check(inside, 2, expected, 0);
    run_and_check(after, 2, expected, 3);
  }
  return check_done();
}
