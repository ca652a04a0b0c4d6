/* How cost grows (issue 17 item 5): the baseline with its demand scaled
 * (riders), synthetic lines of 6 to 150 stations at one total demand
 * (stations), the baseline over 1 to 3,650 days (days: memory must stay flat),
 * and a year's replications on 1 and 2 threads (threads). Everything runs
 * in-process through the public API (ridersim/ridersim.h). Each case runs in a
 * child process of its own, so that the peak resident memory wait4 reports is
 * that case's alone (the parent stays small: it only forks and prints).
 *   bench_scale            the short set (about 20 s of CPU)
 *   bench_scale --full     riders over a year, 8 replications (about a minute of CPU)
 *   bench_scale threads    only the groups named (riders, stations, days, threads)
 * Prints a table; no pass/fail (docs/performance.md records the figures). */
#define _DEFAULT_SOURCE /* wait4, mkdtemp */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ridersim/ridersim.h"
#include "bench_clock.h"

/* What a case measured, sent from the child to the parent through a pipe. */
typedef struct result {
  int ok;
  double pax;      /* passengers generated, every repetition */
  double seconds;  /* wall time of the simulation (loading excluded) */
  double days;     /* simulated days, every repetition */
  double peak_day; /* the busiest day's passengers */
  double pairs;    /* station pairs (origin != destination) */
  double cpu;      /* CPU time of the same, every thread */
  double cpu_max;  /* threads: the CPU time of the busiest thread */
} result;

typedef struct scase {
  const char *group;
  char label[48];
  const char *path;      /* scenario file, NULL: the built-in baseline */
  const char *sets[4];
  int nsets;
  int reps;              /* runs of the same simulation; 0: for half a CPU second */
  int threads;           /* > 0: REPS replications on this many threads */
  int nst;               /* stations (for per-pair figures) */
} scase;

static void print_diag(const rs_diag *d) {
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
}

/* The busiest day of a finished run. */
static double peak_day(const rs_sim *sim) {
  double m = 0;
  for (int i = 0; i < rs_sim_days(sim); i++) {
    rs_daily r;
    if (rs_sim_daily(sim, i, &r) == RS_OK && r.riders > m) m = r.riders;
  }
  return m;
}

/* Replications over threads: each thread takes the next replication. */
typedef struct pool {
  const rs_scenario *s;
  int next, nreps, failed;
  double pax, days, cpu_max;
  pthread_mutex_t mu;
} pool;

static void *worker(void *arg) {
  pool *p = arg;
  rs_sim *sim = NULL;
  if (rs_sim_create(p->s, &sim) != RS_OK) {
    pthread_mutex_lock(&p->mu);
    p->failed = 1;
    pthread_mutex_unlock(&p->mu);
    return NULL;
  }
  for (;;) {
    pthread_mutex_lock(&p->mu);
    int r = p->next < p->nreps ? p->next++ : -1;
    pthread_mutex_unlock(&p->mu);
    if (r < 0) break;
    rs_run_options o;
    rs_run_options_default(&o);
    o.replication = (uint64_t)r;
    rs_summary sm;
    int rc = rs_sim_run(sim, &o);
    if (rc == RS_OK) rc = rs_sim_summary(sim, &sm);
    pthread_mutex_lock(&p->mu);
    if (rc != RS_OK) p->failed = 1;
    else {
      p->pax += sm.riders;
      p->days += sm.days;
    }
    pthread_mutex_unlock(&p->mu);
  }
  rs_sim_free(sim);
  double mine = clock_s(CLOCK_THREAD_CPUTIME_ID);
  pthread_mutex_lock(&p->mu);
  if (mine > p->cpu_max) p->cpu_max = mine;
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

static int run_threads(const rs_scenario *s, const scase *c, result *out) {
  pool p = {.s = s, .nreps = c->reps};
  pthread_t th[8];
  int n = c->threads < 8 ? c->threads : 8;
  if (pthread_mutex_init(&p.mu, NULL)) return 1;
  double t0 = now_s(), c0 = cpu_s();
  for (int i = 0; i < n; i++)
    if (pthread_create(&th[i], NULL, worker, &p)) return 1;
  for (int i = 0; i < n; i++) pthread_join(th[i], NULL);
  out->seconds = now_s() - t0;
  out->cpu = cpu_s() - c0;
  out->cpu_max = p.cpu_max;
  out->pax = p.pax;
  out->days = p.days;
  pthread_mutex_destroy(&p.mu);
  return p.failed;
}

/* The child's work: load, simulate, measure. */
static int run_case(const scase *c, result *out) {
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  rs_sim *sim = NULL;
  if (rs_scenario_load(c->path, c->sets, (size_t)c->nsets, &s, d) != RS_OK) {
    print_diag(d);
    return 1;
  }
  rs_diag_free(d);
  out->pairs = (double)c->nst * (c->nst - 1);
  if (c->threads > 0) {
    int rc = run_threads(s, c, out);
    rs_scenario_free(s);
    return rc;
  }
  if (rs_sim_create(s, &sim) != RS_OK) return 1;
  double t0 = now_s(), c0 = cpu_s();
  /* REPS 0: repeat for half a second of CPU, at least 3 times (one-day cases). */
  for (int r = 0; r < (c->reps > 0 ? c->reps : 3) || (c->reps == 0 && cpu_s() - c0 < 0.5); r++) {
    rs_summary sm;
    if (rs_sim_run(sim, NULL) != RS_OK || rs_sim_summary(sim, &sm) != RS_OK) return 1;
    out->pax += sm.riders;
    out->days += sm.days;
  }
  out->seconds = now_s() - t0;
  out->cpu = cpu_s() - c0;
  out->peak_day = peak_day(sim);
  rs_sim_free(sim);
  rs_scenario_free(s);
  return 0;
}

/* Run C in a child; its result and its own peak resident memory (KiB). */
static int fork_case(const scase *c, result *out, long *maxrss_kb) {
  int fd[2];
  memset(out, 0, sizeof *out);
  if (pipe(fd)) return 1;
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    close(fd[0]);
    result r = {0};
    r.ok = run_case(c, &r) == 0;
    ssize_t w = write(fd[1], &r, sizeof r);
    _exit(w == (ssize_t)sizeof r && r.ok ? 0 : 1);
  }
  close(fd[1]);
  ssize_t got = read(fd[0], out, sizeof *out);
  close(fd[0]);
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) != pid) return 1;
  *maxrss_kb = ru.ru_maxrss;
  return got != (ssize_t)sizeof *out || !WIFEXITED(status) || WEXITSTATUS(status) || !out->ok;
}

/* Trips between two stations fall with distance (a 20 km scale). */
static double gravity(double km) { return exp(-km / 20.0); }

/* A synthetic line of N stations over 60 km (the station count alone changes:
 * the same headways, so the same trains), 40,000 trips a day over every pair
 * by gravity (weight exp(-km / 20)), towards station 0 in the morning and
 * back in the evening. Written into DIR; returns the path, or NULL. */
static const char *write_line(const char *dir, int n, char *path, size_t size) {
  snprintf(path, size, "%s/line%d.yaml", dir, n);
  FILE *f = fopen(path, "w");
  if (!f) return NULL;
  fprintf(f, "ridersim: 1\nname: synthetic %d-station line\nseed: %d\nstep_s: 30\n"
             "line:\n  name: Synthetic\n  stations:\n", n, n);
  double gap = 60.0 / (n - 1);
  for (int i = 0; i < n; i++)
    fprintf(f, "    - {id: s%03d, km: %.4f, dwell_s: 20}\n", i, i * gap);
  fprintf(f, "trains: {capacity: 1460, cars: 6}\n"
             "running: {max_speed_kmh: 100, accel_ms2: 1.0, brake_ms2: 1.0, turnaround_s: 300}\n"
             "timetable:\n  first_train: \"06:00\"\n  last_train: \"22:00\"\n  periods:\n"
             "    - {from: \"00:00\", to: \"07:00\", headway_min: 8}\n"
             "    - {from: \"07:00\", to: \"09:30\", headway_min: 4}\n"
             "    - {from: \"09:30\", to: \"17:00\", headway_min: 8}\n"
             "    - {from: \"17:00\", to: \"19:30\", headway_min: 4}\n"
             "    - {from: \"19:30\", to: \"24:00\", headway_min: 8}\n"
             "demand:\n  profiles:\n"
             "    inbound:  [0,0,0,0,0,0, 5,18,16,8,5,4, 4,4,4,4,5,6, 5,3,2,1,0,0]\n"
             "    outbound: [0,0,0,0,0,0, 1,3,4,4,4,4, 4,4,4,5,8,16, 17,9,5,3,0,0]\n  od:\n");
  double sum = 0;
  for (int o = 0; o < n; o++)
    for (int d = 0; d < n; d++)
      if (o != d) sum += gravity(gap * abs(o - d));
  for (int o = 0; o < n; o++)
    for (int d = 0; d < n; d++)
      if (o != d)
        fprintf(f, "    - {from: s%03d, to: s%03d, trips: %.6f, profile: %s}\n", o, d,
                40000.0 * gravity(gap * abs(o - d)) / sum, d < o ? "inbound" : "outbound");
  return fclose(f) ? NULL : path;
}

static void print_row(const scase *c, const result *r, long kb, const char *extra) {
  printf("%-8s %-20s %11.0f %5.0f %7.3f %7.3f %9.3g %9.3g %7.1f %6.1f  %s\n", c->group,
         c->label, r->pax, r->days, r->seconds, r->cpu, r->pax / r->seconds, r->pax / r->cpu,
         1e9 * r->cpu / r->pax, (double)kb / 1024.0, extra);
}

/* Riders: the baseline with every market figure scaled: market.scale is the
 * baseline's fitted 0.2326 times the factor (x1 leaves it as the file has it). */
static int riders(int full) {
  static const double scale[] = {0.5, 1, 2, 4, 8};
  double pax0 = 0;
  long kb0 = 0;
  for (int i = 0; i < 5; i++) {
    scase c = {"riders", "", NULL, {full ? "period.start=2025-01-01" : "period.start=2025-03-03",
                                    full ? "period.end=2025-12-31" : "period.end=2025-04-01"},
               3, 1, 0, 6};
    char set[40];
    snprintf(set, sizeof set, "market.scale=%.6g", 0.2326 * scale[i]);
    c.sets[2] = set;
    c.nsets = scale[i] == 1 ? 2 : 3;
    snprintf(c.label, sizeof c.label, "demand x%g", scale[i]);
    result r;
    long kb;
    if (fork_case(&c, &r, &kb)) return 1;
    char extra[96];
    if (i == 0) {
      pax0 = r.peak_day;
      kb0 = kb;
      snprintf(extra, sizeof extra, "busiest day %.0f", r.peak_day);
    } else {
      snprintf(extra, sizeof extra, "busiest day %.0f; +%.0f bytes a passenger of it", r.peak_day,
               (double)(kb - kb0) * 1024.0 / (r.peak_day - pax0));
    }
    print_row(&c, &r, kb, extra);
  }
  return 0;
}

/* Stations: synthetic lines, one day repeated, the same 40,000 trips a day. */
static int stations(const char *dir) {
  static const int n[] = {6, 12, 25, 50, 100, 150};
  for (int i = 0; i < 6; i++) {
    char path[600];
    scase c = {"stations", "", write_line(dir, n[i], path, sizeof path), {0}, 0, 0, 0, n[i]};
    if (!c.path) return 1;
    snprintf(c.label, sizeof c.label, "%d stations", n[i]);
    result r;
    long kb;
    int rc = fork_case(&c, &r, &kb);
    remove(path);
    if (rc) return 1;
    char extra[96];
    snprintf(extra, sizeof extra, "%.0f pairs; %.0f ns per pair a day; %.2f ms a day", r.pairs,
             1e9 * r.cpu / r.days / r.pairs, 1e3 * r.cpu / r.days);
    print_row(&c, &r, kb, extra);
  }
  return 0;
}

/* Days: the baseline from 2025-01-01 over 1, 30, 365 and 3,650 days, its
 * demand growth off so that the busiest day, which sizes the engine's
 * workspaces, stays about the same: what grows is then the period's own. */
static int days(void) {
  static const char *const end[] = {"2025-01-01", "2025-01-30", "2025-12-31", "2034-12-29"};
  static const int nd[] = {1, 30, 365, 3650};
  long kb0 = 0;
  for (int i = 0; i < 4; i++) {
    char set[40];
    snprintf(set, sizeof set, "period.end=%s", end[i]);
    scase c = {"days", "", NULL, {"period.start=2025-01-01", set, "market.growth=0"}, 3, 1, 0, 6};
    snprintf(c.label, sizeof c.label, "%d day%s", nd[i], nd[i] > 1 ? "s" : "");
    result r;
    long kb;
    if (fork_case(&c, &r, &kb)) return 1;
    char extra[96];
    if (i == 1) kb0 = kb;
    snprintf(extra, sizeof extra, "%.0f days/s; busiest day %.0f; +%.0f bytes a day over 30 days",
             r.days / r.cpu, r.peak_day, i > 1 ? (double)(kb - kb0) * 1024.0 / (nd[i] - 30) : 0.0);
    print_row(&c, &r, kb, extra);
  }
  return 0;
}

/* Threads: replications of the baseline's 2025 on 1 and 2 threads. Besides
 * the wall-clock speed-up, which other work on the machine lowers, the one
 * two idle cores would give: the CPU time of 1 thread over that of the
 * busier of 2 (the runs take no lock, so a thread only waits for a core;
 * cache and memory contention show in its CPU time). */
static int threads(int reps) {
  /* 1, 2, 2, 1 threads: a trend in the machine's load falls on both alike. */
  static const int order[4] = {1, 2, 2, 1};
  double wall[3] = {0}, busiest[3] = {0};
  for (int k = 0; k < 4; k++) {
    int t = order[k];
    scase c = {"threads", "", NULL, {"period.start=2025-01-01", "period.end=2025-12-31"}, 2,
               reps, t, 6};
    snprintf(c.label, sizeof c.label, "%d years, %d thread%s", reps, t, t > 1 ? "s" : "");
    result r;
    long kb;
    if (fork_case(&c, &r, &kb)) return 1;
    wall[t] += r.seconds;
    busiest[t] += r.cpu_max;
    char extra[96];
    snprintf(extra, sizeof extra, "cores used %.2f; busiest thread %.3f CPU s", r.cpu / r.seconds,
             r.cpu_max);
    print_row(&c, &r, kb, extra);
  }
  printf("threads  speed-up of 2 threads over 1: %.2f x on the wall clock; %.2f x on idle cores"
         " (CPU of 1 thread over the busier of 2)\n", wall[1] / wall[2], busiest[1] / busiest[2]);
  return 0;
}

int main(int argc, char **argv) {
  /* --full, and the groups to run (all when none is named). */
  static const char *const groups[4] = {"riders", "stations", "days", "threads"};
  int full = 0, want[4] = {0}, any = 0;
  for (int i = 1; i < argc; i++) {
    int g = 0;
    while (g < 4 && strcmp(argv[i], groups[g])) g++;
    if (!strcmp(argv[i], "--full")) full = 1;
    else if (g < 4) want[g] = any = 1;
    else {
      fprintf(stderr, "usage: bench_scale [--full] [riders] [stations] [days] [threads]\n");
      return 2;
    }
  }
  for (int g = 0; g < 4 && !any; g++) want[g] = 1;
  rs_init();
  char dir[] = "/tmp/bench_scale.XXXXXX";
  if (!mkdtemp(dir)) return 1;
  struct rusage self;
  getrusage(RUSAGE_SELF, &self);
  printf("bench_scale%s: every case in a child process; RSS is its peak (this parent: %.1f MB)\n",
         full ? " --full" : "", (double)self.ru_maxrss / 1024.0);
  printf("load average before: %.2f, %ld CPUs online\n", loadavg(), sysconf(_SC_NPROCESSORS_ONLN));
  printf("%-8s %-20s %11s %5s %7s %7s %9s %9s %7s %6s\n", "group", "case", "passengers", "days",
         "wall s", "CPU s", "pass/s", "pass/CPUs", "ns/pass", "RSS MB");
  printf("(pass/s on the wall clock; pass/CPUs and ns/pass, and the per-pair and per-day figures,\n"
         " on the CPU time of the simulation, which other work on the machine hardly moves)\n");
  int rc = (want[0] && riders(full)) || (want[1] && stations(dir)) || (want[2] && days()) ||
           (want[3] && threads(full ? 8 : 4));
  rmdir(dir);
  printf("load average after: %.2f\n", loadavg());
  if (rc) fprintf(stderr, "bench_scale: a case failed\n");
  return rc;
}
