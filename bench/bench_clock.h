/* Clocks of the benchmarks: wall time, the process's CPU time (every thread),
 * and the machine's load, printed beside figures taken on a shared machine. */
#ifndef RS__BENCH_CLOCK_H
#define RS__BENCH_CLOCK_H
#include <stdio.h>
#include <time.h>

static inline double clock_s(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline double now_s(void) { return clock_s(CLOCK_MONOTONIC); }
/* CPU time of the process, every thread: what the work cost, whatever else
 * shares the machine (wall time there mostly measures the others). */
static inline double cpu_s(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* The 1-minute load average (-1: unknown). */
static inline double loadavg(void) {
  double l = -1;
  FILE *f = fopen("/proc/loadavg", "r");
  if (f) {
    if (fscanf(f, "%lf", &l) != 1) l = -1;
    fclose(f);
  }
  return l;
}
#endif
