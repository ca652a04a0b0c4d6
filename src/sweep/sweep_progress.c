/* Progress of a sweep: the shared reporter (progress.c) counting runs; a
 * resumed sweep says how many runs it keeps. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <time.h>
#include "sweep/sweep.h"
#include "ridersim/progress.h"

double rs__sw_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void rs__sw_progress_start(rs__sw_progress *pg, int mode, long total, long skipped) {
  /* RS_SWEEP_QUIET/BAR/LINES have the values of RS_PROGRESS_QUIET/BAR/LINES. */
  pg->p = mode == RS_SWEEP_QUIET ? NULL : rs_progress_new("sweep", "runs", mode);
  rs_progress_expect(pg->p, total);
  if (pg->p && skipped) fprintf(stderr, "sweep: resuming, %ld runs already done\n", skipped);
}

void rs__sw_progress_step(rs__sw_progress *pg) { rs_progress_add(pg->p, 1); }

void rs__sw_progress_end(rs__sw_progress *pg) {
  rs_progress_finish(pg->p);
  rs_progress_free(pg->p);
  pg->p = NULL;
}

void rs__sw_progress_drop(rs__sw_progress *pg) {
  rs_progress_free(pg->p);
  pg->p = NULL;
}
