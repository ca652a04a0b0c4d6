#define _DEFAULT_SOURCE /* mkdtemp, sysconf(_SC_NPROCESSORS_ONLN) */
/* Sweep throughput: the baseline (2024-09-29..2026-12-31) swept over RUNS
 * identical points (different random streams) on 1 and on 2 threads.
 * Prints scenario-days per second, the speed-up of 2 threads over 1, and the
 * projected time of 1,000 scenario-years (365,000 days) on 2 threads.
 *   bench_sweep [RUNS]        (default 6)
 *   bench_sweep --full        runs the 1,000 scenario-years (443 baseline runs) on 2 threads */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "ridersim/sweep.h"
#include "sweep/sweep.h"
#include "bench_clock.h"

static int write_spec(const char *path, long runs) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fprintf(f, "sweep: 1\nname: bench\nmethod: grid\nreplications: %ld\n"
             "parameters:\n  - {key: metro.fare.scale, values: [1]}\nfigures: [riders, mean_wait_s]\n",
          runs);
  return fclose(f);
}

/* Wall seconds of the sweep on THREADS threads (-1: failed); its CPU seconds in *CPU. */
static double run(const rs_sweep_spec *sp, const char *root, int threads, double *cpu) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s/j%d", root, threads);
  rs_sweep_options o;
  rs_sweep_options_default(&o);
  o.threads = threads;
  o.plots = "none";
  o.progress = RS_SWEEP_QUIET;
  rs_diag *d = rs_diag_alloc();
  double c0 = cpu_s(), t0 = rs__sw_now();
  int rc = rs_sweep_run(sp, dir, &o, d);
  double dt = rs__sw_now() - t0;
  *cpu = cpu_s() - c0;
  if (rc) {
    for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
    dt = -1;
  }
  rs_diag_free(d);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd)) fprintf(stderr, "bench_sweep: cannot remove %s\n", dir);
  return dt;
}

int main(int argc, char **argv) {
  int full = argc > 1 && !strcmp(argv[1], "--full");
  long runs = full ? 443 : argc > 1 ? atol(argv[1]) : 6;
  if (runs < 2) runs = 2;
  char root[] = "/tmp/bench_sweep.XXXXXX";
  if (!mkdtemp(root)) return 1;
  char spec[600];
  snprintf(spec, sizeof spec, "%s/spec.yaml", root);
  if (write_spec(spec, runs)) return 1;
  rs_diag *d = rs_diag_alloc();
  rs_sweep_spec *sp = NULL;
  if (rs_sweep_spec_load(spec, &sp, d)) {
    for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
    return 1;
  }
  double days = (double)rs_sweep_days_per_run(sp) * runs;
  printf("bench_sweep: %ld runs of the baseline, %d days each (%.0f scenario-days)\n", runs,
         rs_sweep_days_per_run(sp), days);
  double load0 = loadavg(), c1 = 0, c2 = 0;
  double t1 = full ? 0 : run(sp, root, 1, &c1);
  double t2 = run(sp, root, 2, &c2);
  if (t1 < 0 || t2 < 0) return 1;
  /* CPU over wall is the cores the run really had: under 2 on 2 threads
   * when other work shared the machine. The CPU ratio shows whether 2 threads
   * did more work for the same runs (contention), which load does not hide. */
  if (!full)
    printf("  1 thread    %7.2f s  %8.0f scenario-days/s  (CPU %.2f s)\n", t1, days / t1, c1);
  printf("  2 threads   %7.2f s  %8.0f scenario-days/s  (CPU %.2f s, %.2f cores used)\n", t2,
         days / t2, c2, c2 / t2);
  if (!full)
    printf("  speed-up    %7.2f x (2 threads over 1); CPU time of 2 threads over 1: %.3f\n",
           t1 / t2, c2 / c1);
  printf("  1,000 scenario-years (365,000 days) on 2 threads: %s%.1f min\n",
         full ? "" : "projected ", (full ? t2 * 365000.0 / days : 365000.0 / (days / t2)) / 60);
  printf("  (machine: %ld cores, load average %.2f at the start, %.2f at the end: other work "
         "skews the figures)\n", sysconf(_SC_NPROCESSORS_ONLN), load0, loadavg());
  rs_sweep_spec_free(sp);
  rs_diag_free(d);
  remove(spec);
  rmdir(root);
  return 0;
}
