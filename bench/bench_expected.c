/* Benchmark: a full calendar year (2025) of the built-in Ziyang baseline in
 * expected-value mode (the expected-value engine, docs/engine.md), then with
 * every passenger simulated, on one core. Prints the CPU time per day of each
 * (best of N; CPU time, so other programs on the machine matter less); no
 * pass/fail: docs/performance.md records the figures. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ridersim/ridersim.h"

static double year_cpu_s(rs_sim *sim, int expected, int reps, int *days) {
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = expected;
  double best = 1e30;
  for (int r = 0; r < reps; r++) {
    clock_t t0 = clock();
    if (rs_sim_run(sim, &o) != RS_OK) return -1;
    double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (t < best) best = t;
  }
  rs_summary sm;
  rs_sim_summary(sim, &sm);
  *days = sm.days;
  return best;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 5;
  rs_init();
  const char *sets[] = {"period.start=2025-01-01", "period.end=2025-12-31"};
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  if (rs_scenario_load(NULL, sets, 2, &s, d) != RS_OK) {
    for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
    return 1;
  }
  rs_sim *sim = NULL;
  if (rs_sim_create(s, &sim) != RS_OK) return 1;
  int days = 0;
  /* A second argument "fast" skips the passenger engine (for a profiler). */
  int fast_only = argc > 2 && argv[2][0] == 'f';
  double fx = year_cpu_s(sim, 1, reps, &days), en = fast_only ? 0 : year_cpu_s(sim, 0, reps, &days);
  printf("baseline year 2025, %d days, best of %d, CPU time on one core:\n", days, reps);
  printf("  expected-value mode  %.3f s  (%.3f ms a day)\n", fx, 1e3 * fx / days);
  printf("  every passenger      %.3f s  (%.3f ms a day)\n", en, 1e3 * en / days);
  rs_sim_free(sim);
  rs_scenario_free(s);
  rs_diag_free(d);
  return 0;
}
