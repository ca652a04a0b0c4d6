/* Benchmark: loading a big replay. Writes a 3.1-million-row trips_csv (six
 * stations, ids t0000001..., times in random order over 05:00-23:00) and its
 * scenario into /tmp/ridersim-bench-replay/, then times rs_scenario_load
 * (parse, ids, stations, duplicate check) and one simulated day of it (the
 * engine orders the trips by time). Prints rows/s (by the wall clock, and by
 * the CPU time, steadier on a shared machine), the bytes a trip holds (peak
 * memory growth / rows), and then the wall time of whole `ridersim run`
 * processes of a 31,000-trip replay of the Ziyang Line with --plots none
 * (the ridersim binary beside this one; skipped when absent). No pass/fail:
 * docs/performance.md keeps the figures.
 * Usage: bench_replay [ROWS [RUNS]] */
#define _POSIX_C_SOURCE 200809L
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ridersim/ridersim.h"
#include "bench_clock.h"

#define DIR "/tmp/ridersim-bench-replay"

static long maxrss_kb(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

static const char *const ST[6] = {"futian", "xingfu", "linkong", "lujia", "ziyangxi", "ziyangbei"};

/* The scenario and ROWS trips; a fixed LCG so every run writes the same file. */
static int write_inputs(long rows) {
  mkdir(DIR, 0755);
  FILE *y = fopen(DIR "/replay.yaml", "w");
  if (!y) return 1;
  fprintf(y, "ridersim: 1\nname: replay benchmark\nline:\n  stations:\n");
  const double km[6] = {0, 13.0, 24.7, 29.4, 33.5, 38.7};
  for (int i = 0; i < 6; i++) fprintf(y, "    - {id: %s, km: %.1f}\n", ST[i], km[i]);
  fprintf(y, "trains:\n  capacity: 100000\ndemand:\n  trips_csv: trips.csv\n");
  fclose(y);
  FILE *f = fopen(DIR "/trips.csv", "w");
  if (!f) return 1;
  fprintf(f, "id,origin,destination,time\n");
  unsigned long long x = 12345;
  for (long i = 0; i < rows; i++) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    int o = (int)((x >> 33) % 6), d = (int)((x >> 40) % 5);
    d = d >= o ? d + 1 : d;
    int t = 5 * 3600 + (int)((x >> 20) % (18 * 3600));
    fprintf(f, "t%07ld,%s,%s,%02d:%02d:%02d\n", i + 1, ST[o], ST[d], t / 3600, t / 60 % 60, t % 60);
  }
  return fclose(f) != 0;
}

/* A replay of the Ziyang Line's ordinary workday (the built-in scenario, its
 * OD demand dropped): N trips over the service hours, ids p1..pN. */
static int write_day_replay(int n) {
  FILE *y = fopen(DIR "/day.yaml", "w");
  if (!y) return 1;
  fprintf(y, "extends: \"(builtin)/ziyang/baseline-day.yaml\"\n"
             "demand:\n  od: ~\n  profiles: ~\n  trips_csv: day.csv\n");
  fclose(y);
  static const char *const zy[6] = {"futian", "linkong", "xingfu", "changhong", "baotai", "ziyangbei"};
  FILE *f = fopen(DIR "/day.csv", "w");
  if (!f) return 1;
  fprintf(f, "id,origin,destination,time\n");
  unsigned long long x = 777;
  for (int i = 0; i < n; i++) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    int o = (int)((x >> 33) % 6), d = (int)((x >> 40) % 5);
    d = d >= o ? d + 1 : d;
    int t = 6 * 3600 + (int)((x >> 20) % (15 * 3600 + 1800));
    fprintf(f, "p%d,%s,%s,%02d:%02d:%02d\n", i + 1, zy[o], zy[d], t / 3600, t / 60 % 60, t % 60);
  }
  return fclose(f) != 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* RUNS whole `ridersim run DIR/day.yaml -o DIR/day-out -q --plots none`
 * processes, one after the other: the fastest and the median wall time. */
static void time_day_replay(const char *self, int runs) {
  char bin[4096];
  snprintf(bin, sizeof bin, "%s", self);
  char *slash = strrchr(bin, '/');
  snprintf(slash ? slash + 1 : bin, sizeof bin - (size_t)(slash ? slash + 1 - bin : 0), "ridersim");
  if (access(bin, X_OK) != 0 || write_day_replay(31000)) {
    printf("  end to end: skipped (no %s beside this benchmark)\n", bin);
    return;
  }
  char *argv[] = {bin, "run", DIR "/day.yaml", "-o", DIR "/day-out", "-q", "--plots", "none", NULL};
  double w[64];
  int n = runs < 64 ? runs : 64;
  for (int i = 0; i < n; i++) {
    pid_t pid;
    double t0 = now_s();
    int st = 0;
    if (posix_spawn(&pid, bin, NULL, NULL, argv, NULL) != 0 || waitpid(pid, &st, 0) < 0 ||
        !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      printf("  end to end: %s failed\n", bin);
      return;
    }
    w[i] = now_s() - t0;
  }
  qsort(w, (size_t)n, sizeof *w, cmp_double);
  printf("  end to end, `ridersim run` of a 31,000-trip replay, --plots none, %d runs: "
         "fastest %.1f ms, median %.1f ms\n",
         n, 1e3 * w[0], 1e3 * w[n / 2]);
}

int main(int argc, char **argv) {
  long rows = argc > 1 ? atol(argv[1]) : 3100000;
  int runs = argc > 2 ? atoi(argv[2]) : 21;
  if (rows < 1 || write_inputs(rows)) {
    fprintf(stderr, "bench_replay: cannot write %s\n", DIR);
    return 1;
  }
  struct stat st;
  stat(DIR "/trips.csv", &st);
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  long rss0 = maxrss_kb();
  double c0 = cpu_s(), t0 = now_s();
  int rc = rs_scenario_load(DIR "/replay.yaml", NULL, 0, &s, d);
  double tl = now_s() - t0, cl = cpu_s() - c0;
  long rss1 = maxrss_kb();
  if (rc != RS_OK) {
    for (size_t i = 0; i < rs_diag_count(d) && i < 5; i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
    return 1;
  }
  rs_sim *sim = NULL;
  if (rs_sim_create(s, &sim) != RS_OK) return 1;
  t0 = now_s();
  if (rs_sim_run(sim, NULL) != RS_OK) return 1;
  double tr = now_s() - t0;
  long rss2 = maxrss_kb();
  rs_summary sm;
  rs_sim_summary(sim, &sm);
  printf("replay: %ld trip rows, %.1f MB of CSV\n", rows, st.st_size / 1e6);
  printf("  load (parse, check, duplicate ids): %.3f s -> %.3g rows/s (CPU %.3f s -> %.3g rows/s)\n",
         tl, rows / tl, cl, rows / cl);
  printf("  one day simulated (%.0f passengers): %.3f s -> %.3g passengers/s\n", sm.riders, tr,
         sm.riders / tr);
  printf("  peak memory growth: load %.0f bytes/trip (the file's buffer included), "
         "load + day %.0f bytes/trip\n",
         (rss1 - rss0) * 1024.0 / rows, (rss2 - rss0) * 1024.0 / rows);
  rs_sim_free(sim);
  rs_scenario_free(s);
  rs_diag_free(d);
  if (runs > 0) time_day_replay(argv[0], runs);
  return 0;
}
