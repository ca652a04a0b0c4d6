/* Benchmark: the charts of a run (issue 17 item 3). Runs the built-in
 * baseline for one day (2025-03-04) and for the year 2025, writes their
 * tables into /tmp/ridersim-bench-charts/, then times drawing every chart
 * (rs_plots_draw, PNG and SVG) and report.html (rs_report_write): wall time
 * and CPU time of this process and its chart workers, best and median of
 * REPS (default 7). Also the PNG writer alone on a chart-like 1200x700 page.
 * No pass/fail: docs/performance.md keeps the figures.
 * Usage: bench_charts [REPS] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "plots/plots_png.h"
#include "ridersim/plots.h"
#include "ridersim/report.h"
#include "ridersim/ridersim.h"

#define DIR "/tmp/ridersim-bench-charts"
enum { MAXREP = 50 };

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

/* CPU time, ms, of this process (RUSAGE_SELF) or of its waited-for chart
 * workers (RUSAGE_CHILDREN). */
static double cpu_of(int who) {
  struct rusage u;
  getrusage(who, &u);
  return 1e3 * (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-3 * (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

static double cpu_ms(void) { return cpu_of(RUSAGE_SELF) + cpu_of(RUSAGE_CHILDREN); }

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Best and median of N walls, median of N CPU times (and of the part spent
 * in worker processes, when KIDS is not NULL). */
static void report(const char *what, double *wall, double *cpu, double *kids, int n) {
  qsort(wall, (size_t)n, sizeof *wall, cmp_d);
  qsort(cpu, (size_t)n, sizeof *cpu, cmp_d);
  printf("  %-34s wall best %7.1f ms  median %7.1f ms   cpu median %7.1f ms", what, wall[0],
         wall[n / 2], cpu[n / 2]);
  if (kids) {
    qsort(kids, (size_t)n, sizeof *kids, cmp_d);
    printf(" (workers %.1f)", kids[n / 2]);
  }
  printf("\n");
}

/* One simulated period (START..END) written as tables into DIR/NAME. */
static int make_run(const char *name, const char *start, const char *end, char *out,
                    size_t size) {
  char s1[64], s2[64];
  snprintf(s1, sizeof s1, "period.start=%s", start);
  snprintf(s2, sizeof s2, "period.end=%s", end);
  const char *sets[2] = {s1, s2};
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  rs_sim *sim = NULL;
  rs_run_options o;
  rs_run_options_default(&o);
  snprintf(out, size, "%s/%s", DIR, name);
  mkdir(DIR, 0755);
  mkdir(out, 0755);
  int rc = rs_scenario_load(NULL, sets, 2, &s, d);
  if (rc == RS_OK) rc = rs_sim_create(s, &sim);
  if (rc == RS_OK) rc = rs_sim_run(sim, &o);
  if (rc == RS_OK) rc = rs_sim_write(sim, out, 0, d);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_sim_free(sim);
  rs_scenario_free(s);
  rs_diag_free(d);
  return rc;
}

static void time_charts(const char *dir, const char *format, int reps) {
  double wall[MAXREP], cpu[MAXREP], kids[MAXREP];
  for (int r = 0; r < reps; r++) {
    rs_diag *d = rs_diag_alloc();
    double w0 = now_ms(), c0 = cpu_ms(), k0 = cpu_of(RUSAGE_CHILDREN);
    int rc = rs_plots_draw(dir, format, d);
    wall[r] = now_ms() - w0, cpu[r] = cpu_ms() - c0, kids[r] = cpu_of(RUSAGE_CHILDREN) - k0;
    if (rc != RS_OK) fprintf(stderr, "charts failed: %s\n", rs_diag_message(d, 0));
    rs_diag_free(d);
  }
  char what[64];
  snprintf(what, sizeof what, "charts (%s)", format);
  report(what, wall, cpu, kids, reps);
}

static void time_report(const char *dir, int reps) {
  double wall[MAXREP], cpu[MAXREP];
  for (int r = 0; r < reps; r++) {
    double w0 = now_ms(), c0 = cpu_ms();
    rs_report_write(dir, NULL);
    wall[r] = now_ms() - w0, cpu[r] = cpu_ms() - c0;
  }
  report("report.html (charts inline)", wall, cpu, NULL, reps);
}

/* The PNG writer on a page like a chart: white, grid lines, a blue polyline. */
static void time_png(int reps) {
  int w = 1200, h = 700;
  unsigned char *px = malloc((size_t)w * h * 3);
  if (!px) return;
  memset(px, 0xFF, (size_t)w * h * 3);
  for (int y = 60; y < h; y += 80) memset(px + (size_t)y * w * 3, 225, (size_t)w * 3);
  for (int x = 0; x < w; x++)
    for (int t = 0; t < 3; t++) {
      unsigned char *q = px + ((size_t)(350 + (x * 7 % 200) - 100 + t) * w + x) * 3;
      q[0] = 0, q[1] = 114, q[2] = 178;
    }
  double wall[MAXREP], cpu[MAXREP];
  size_t len = 0;
  for (int r = 0; r < reps; r++) {
    unsigned char *png = NULL;
    double w0 = now_ms(), c0 = cpu_ms();
    rs__png_encode(px, w, h, &png, &len);
    wall[r] = now_ms() - w0, cpu[r] = cpu_ms() - c0;
    free(png);
  }
  char what[64];
  snprintf(what, sizeof what, "PNG writer, one page (%zu bytes)", len);
  report(what, wall, cpu, NULL, reps);
  free(px);
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 7;
  if (reps < 1 || reps > MAXREP) reps = 7;
  rs_init();
  static const struct { const char *name, *start, *end; } cases[] = {
      {"day", "2025-03-04", "2025-03-04"}, {"year", "2025-01-01", "2025-12-31"}};
  printf("bench_charts: %d repetitions, %ld cores online\n", reps, sysconf(_SC_NPROCESSORS_ONLN));
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char dir[512];
    if (make_run(cases[i].name, cases[i].start, cases[i].end, dir, sizeof dir) != RS_OK) return 1;
    printf("%s (%s..%s), %s (a %s folder)\n", cases[i].name, cases[i].start, cases[i].end, dir,
           rs_folder_kind_name(rs_folder_kind_of(dir)));
    time_charts(dir, "png", reps);
    time_report(dir, reps);
    time_charts(dir, "svg", reps);
  }
  time_png(reps * 3 > MAXREP ? MAXREP : reps * 3);
  return 0;
}
