/* Benchmark: a full calendar year (2025) of the built-in Ziyang baseline, every
 * passenger simulated, on one core. Prints days/s and passengers/s (best of N);
 * no pass/fail: docs/performance.md records the figures. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ridersim/ridersim.h"
#include "bench_clock.h"

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 5;
  const char *sets[] = {"period.start=2025-01-01", "period.end=2025-12-31"};
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  if (rs_scenario_load(NULL, sets, 2, &s, d) != RS_OK) {
    for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
    return 1;
  }
  rs_sim *sim = NULL;
  if (rs_sim_create(s, &sim) != RS_OK) return 1;
  double best = 1e30;
  rs_summary sm = {0};
  for (int r = 0; r < reps; r++) {
    double t0 = now_s();
    if (rs_sim_run(sim, NULL) != RS_OK) return 1;
    double t = now_s() - t0;
    if (t < best) best = t;
    rs_sim_summary(sim, &sm);
  }
  printf("baseline year 2025: %d days, %.0f passengers, every one simulated\n", sm.days, sm.riders);
  printf("  best of %d: %.3f s  ->  %.0f days/s, %.3g passengers/s (one core)\n", reps, best,
         sm.days / best, sm.riders / best);
  rs_sim_free(sim);
  rs_scenario_free(s);
  rs_diag_free(d);
  return 0;
}
