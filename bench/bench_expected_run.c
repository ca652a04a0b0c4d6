/* Benchmark (issue 17 item 4): a whole `ridersim run` of a year (2025, the
 * built-in Ziyang baseline) in expected-value mode against the same run with
 * every passenger simulated, in-process and everything but the printout
 * included: the scenario loaded, the year simulated, every output file written
 * (as `run -q --plots none`, but for report.html: a few hundred microseconds,
 * and rs_report_write links only with the command line's libraries), the output
 * folder committed; then the same with the default charts (PNG). Prints the wall and CPU time of each (best of N,
 * the two modes alternated so that other programs on the machine weigh on
 * both alike) and the ratio; for the fastest expected-value run without charts,
 * where its wall time went (load, days, writing: the writer waits for the
 * door-to-door tables worked out on two threads while the days run) and what
 * those tables cost worked out alone afterwards on one thread. No pass/fail:
 * docs/performance.md records the figures.
 *   bench_expected_run [N] [DIR]   (N default 5; DIR default /tmp, scratch) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ridersim/commute.h"
#include "ridersim/plots.h"
#include "ridersim/ridersim.h"
#include "bench_clock.h"

typedef struct times {
  double wall, cpu;
  double load, days, write, commute; /* phases of the wall time; commute: alone, after */
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
  double w1 = now_s();
  if (rc == RS_OK) rc = rs_sim_run(sim, &o);
  double w2 = now_s();
  if (rc == RS_OK) rc = rs_sim_write(sim, rs_outdir_path(od), 0, d);
  double w3 = now_s();
  if (rc == RS_OK && plots) rc = rs_plots_draw(rs_outdir_path(od), plots, d);
  if (rc == RS_OK) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  t->cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
  t->wall = now_s() - w0;
  t->load = w1 - w0;
  t->days = w2 - w1;
  t->write = w3 - w2;
  t->commute = 0;
  rs_commute *cm = NULL;
  double w4 = now_s(); /* outside the timed run: the tables once more, on this thread */
  if (rc == RS_OK && !plots && rs_commute_compute(sim, &cm) == RS_OK) t->commute = now_s() - w4;
  rs_commute_free(cm);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_sim_free(sim);
  rs_scenario_free(s);
  rs_diag_free(d);
  return rc != RS_OK;
}

/* The best wall, CPU and door-to-door times, and the phases of the run with
 * the best wall. */
static void keep_best(times *best, const times *t) {
  double cpu = t->cpu < best->cpu ? t->cpu : best->cpu;
  double cm = best->commute;
  if (t->commute > 0 && (t->commute < cm || !(cm > 0))) cm = t->commute;
  if (t->wall < best->wall) *best = *t;
  best->cpu = cpu;
  best->commute = cm;
}

static int compare(const char *plots, int reps, const char *dir) {
  char out[4096];
  times ex = {.wall = 1e30, .cpu = 1e30}, en = ex, t;
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
  if (!plots)
    printf("              the fastest expected-value run: load %.1f ms, days %.1f ms, writing %.1f ms\n"
           "              (waiting for the door-to-door tables included); those tables alone, on one\n"
           "              thread after the run (best): %.1f ms\n",
           1e3 * ex.load, 1e3 * ex.days, 1e3 * ex.write, 1e3 * ex.commute);
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
