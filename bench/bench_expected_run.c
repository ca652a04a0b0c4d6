/* Benchmark (issue 17 item 4): a whole `ridersim run` of a year (2025, the
 * built-in Ziyang baseline) in expected-value mode against the same run with
 * every passenger simulated, in-process and everything but the printout
 * included: the scenario loaded, the year simulated, every output file written
 * (as `run -q --plots none`, but for report.html: a few hundred microseconds,
 * and rs_report_write links only with the command line's libraries), the output
 * folder committed; then the same with the default charts (PNG). Prints the wall and CPU time of each (best of N,
 * the two modes alternated so that other programs on the machine weigh on
 * both alike) and the ratio; no pass/fail: docs/performance.md records them.
 *   bench_expected_run [N] [DIR]   (N default 5; DIR default /tmp, scratch) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ridersim/plots.h"
#include "ridersim/ridersim.h"
#include "bench_clock.h"

typedef struct times {
  double wall, cpu;
} times;

/* One whole run into OUT, as cmd_run does it; 0 on success. */
static int whole_run(int expected, const char *plots, const char *out, times *t) {
  const char *sets[] = {"period.start=2025-01-01", "period.end=2025-12-31"};
  double w0 = now_s();
  clock_t c0 = clock();
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  rs_sim *sim = NULL;
  rs_outdir *od = NULL;
  rs_run_options o;
  rs_run_options_default(&o);
  o.expected = expected;
  o.commute_ahead = 1; /* as cmd_run: the tables it writes, worked out while the days run */
  int rc = rs_scenario_load(NULL, sets, 2, &s, d);
  if (rc == RS_OK) rc = rs_outdir_begin_kind(out, "run", &od, d);
  if (rc == RS_OK) rc = rs_sim_create(s, &sim);
  if (rc == RS_OK) rc = rs_sim_run(sim, &o);
  if (rc == RS_OK) rc = rs_sim_write(sim, rs_outdir_path(od), 0, d);
  if (rc == RS_OK && plots) rc = rs_plots_draw(rs_outdir_path(od), plots, d);
  if (rc == RS_OK) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_sim_free(sim);
  rs_scenario_free(s);
  rs_diag_free(d);
  t->cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
  t->wall = now_s() - w0;
  return rc != RS_OK;
}

static void keep_best(times *best, const times *t) {
  if (t->wall < best->wall) best->wall = t->wall;
  if (t->cpu < best->cpu) best->cpu = t->cpu;
}

static int compare(const char *plots, int reps, const char *dir) {
  char out[4096];
  times ex = {1e30, 1e30}, en = {1e30, 1e30}, t;
  for (int r = 0; r < reps; r++) {
    snprintf(out, sizeof out, "%s/bench-expected-run-x", dir);
    if (whole_run(1, plots, out, &t)) return 1;
    keep_best(&ex, &t);
    snprintf(out, sizeof out, "%s/bench-expected-run-e", dir);
    if (whole_run(0, plots, out, &t)) return 1;
    keep_best(&en, &t);
  }
  printf("charts %-5s  expected-value run  %7.1f ms wall %7.1f ms CPU\n", plots ? plots : "none",
         1e3 * ex.wall, 1e3 * ex.cpu);
  printf("              every passenger     %7.1f ms wall %7.1f ms CPU\n", 1e3 * en.wall,
         1e3 * en.cpu);
  printf("              ratio               %7.1fx wall  %6.1fx CPU\n", en.wall / ex.wall,
         en.cpu / ex.cpu);
  return 0;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 5;
  const char *dir = argc > 2 ? argv[2] : "/tmp";
  if (reps < 1) reps = 1;
  rs_init();
  printf("a whole run of 2025 (365 days) with its outputs, in-process, best of %d:\n", reps);
  if (compare(NULL, reps, dir) || compare("png", reps > 2 ? 2 : reps, dir)) return 1;
  printf("(folders %s/bench-expected-run-x and -e are left for inspection)\n", dir);
  return 0;
}
