/* Progress of a sweep on stderr: a bar redrawn in place with the ETA on a
 * terminal, or a plain line every few seconds (logs of batch jobs). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <time.h>
#include "sweep/sweep.h"

double rs__sw_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void rs__fmt_dur(char *buf, size_t size, double s) {
  if (s < 0 || s != s) s = 0;
  long t = (long)(s + 0.5);
  if (t >= 3600)
    snprintf(buf, size, "%ldh%02ldm", t / 3600, t / 60 % 60);
  else if (t >= 60)
    snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
  else
    snprintf(buf, size, "%lds", t);
}

static void rs__draw(rs__sw_progress *pg, double now, int final) {
  long all = pg->total + pg->skipped, have = pg->done + pg->skipped;
  double el = now - pg->t0;
  double eta = pg->done ? el / pg->done * (pg->total - pg->done) : -1;
  char e[32], t[32];
  rs__fmt_dur(e, sizeof e, eta);
  rs__fmt_dur(t, sizeof t, el);
  double frac = all ? (double)have / all : 1;
  if (pg->mode == RS_SWEEP_BAR) {
    char bar[31];
    int w = (int)(frac * 30);
    for (int i = 0; i < 30; i++) bar[i] = i < w ? '#' : '.';
    bar[30] = 0;
    fprintf(stderr, "\rsweep [%s] %ld/%ld runs %3.0f%%  %s  %s %s ", bar, have, all, 100 * frac,
            t, final ? "done" : "ETA", final ? "" : (pg->done ? e : "?"));
    if (final) fputc('\n', stderr);
  } else {
    fprintf(stderr, "sweep: %ld/%ld runs (%.0f%%), %s elapsed%s%s\n", have, all, 100 * frac, t,
            final ? ", done" : ", ETA ", final ? "" : (pg->done ? e : "?"));
  }
  fflush(stderr);
  pg->last = now;
}

void rs__sw_progress_start(rs__sw_progress *pg, int mode, long total, long skipped) {
  pg->mode = mode;
  pg->total = total;
  pg->skipped = skipped;
  pg->done = 0;
  pg->t0 = pg->last = rs__sw_now();
  if (mode == RS_SWEEP_QUIET) return;
  if (skipped) fprintf(stderr, "sweep: resuming, %ld runs already done\n", skipped);
  rs__draw(pg, pg->t0, 0);
}

void rs__sw_progress_step(rs__sw_progress *pg) {
  pg->done++;
  if (pg->mode == RS_SWEEP_QUIET) return;
  double now = rs__sw_now();
  double gap = pg->mode == RS_SWEEP_BAR ? 0.2 : 5.0;
  if (now - pg->last >= gap && pg->done < pg->total) rs__draw(pg, now, 0);
}

void rs__sw_progress_end(rs__sw_progress *pg) {
  if (pg->mode != RS_SWEEP_QUIET) rs__draw(pg, rs__sw_now(), 1);
}
