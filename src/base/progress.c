/* The one progress reporter (include/ridersim/progress.h). Counters are atomic
 * so that worker threads add without waiting; drawing takes a try-lock, so at
 * most one thread draws and none blocks on it. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, isatty, fileno */
#include "ridersim/progress.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct rs_progress {
  char what[32], unit[16];
  int mode;
  atomic_long total, done;
  pthread_mutex_t mu;
  double t0, last;  /* start, last drawing (guarded by mu) */
  int shown;        /* anything printed yet (guarded by mu) */
  int next_tenth;   /* lines mode: the next tenth to print (guarded by mu) */
  int finished;     /* the "done" line was printed */
  double delay;     /* seconds of silence before the first report */
};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int rs_progress_auto_mode(int quiet) {
  if (quiet) return RS_PROGRESS_QUIET;
  return isatty(fileno(stderr)) ? RS_PROGRESS_BAR : RS_PROGRESS_LINES;
}

rs_progress *rs_progress_new(const char *what, const char *unit, int mode) {
  rs_progress *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  if (pthread_mutex_init(&p->mu, NULL)) {
    free(p);
    return NULL;
  }
  snprintf(p->what, sizeof p->what, "%s", what);
  snprintf(p->unit, sizeof p->unit, "%s", unit);
  p->mode = mode;
  atomic_init(&p->total, 0);
  atomic_init(&p->done, 0);
  p->t0 = p->last = now_s();
  p->next_tenth = 1;
  p->delay = mode == RS_PROGRESS_BAR ? 1.0 : 2.0;
  return p;
}

void rs_progress_set_delay(rs_progress *p, double seconds) {
  if (p && seconds >= 0) p->delay = seconds;
}

void rs_progress_expect(rs_progress *p, long n) {
  if (p) atomic_fetch_add(&p->total, n);
}

long rs_progress_done(const rs_progress *p) {
  return p ? atomic_load(&((rs_progress *)p)->done) : 0;
}

static void fmt_dur(char *buf, size_t size, double s) {
  if (!(s >= 0)) s = 0;
  long t = (long)(s + 0.5);
  if (t >= 3600) snprintf(buf, size, "%ldh%02ldm", t / 3600, t / 60 % 60);
  else if (t >= 60) snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
  else snprintf(buf, size, "%lds", t);
}

/* One report: "what: done/total unit (pct%), rate unit/s, elapsed, ETA". */
static void draw(rs_progress *p, double now, int final) {
  long done = atomic_load(&p->done), total = atomic_load(&p->total);
  double el = now - p->t0, rate = el > 0 ? done / el : 0;
  char e[32], t[32], pct[64] = "", rt[32];
  fmt_dur(t, sizeof t, el);
  fmt_dur(e, sizeof e, rate > 0 && total > done ? (total - done) / rate : 0);
  if (total > 0) snprintf(pct, sizeof pct, "/%ld %s (%3.0f%%)", total, p->unit, 100.0 * done / total);
  else snprintf(pct, sizeof pct, " %s", p->unit);
  snprintf(rt, sizeof rt, rate >= 10 ? "%.0f" : "%.2g", rate);
  const char *end = final ? ", done" : total > 0 ? ", ETA " : "";
  if (p->mode == RS_PROGRESS_BAR)
    fprintf(stderr, "\r%s: %ld%s, %s %s/s, %s%s%s\033[K%s", p->what, done, pct, rt, p->unit, t,
            end, final || total <= 0 ? "" : e, final ? "\n" : "");
  else
    fprintf(stderr, "%s: %ld%s, %s %s/s, %s elapsed%s%s\n", p->what, done, pct, rt, p->unit, t,
            end, final || total <= 0 ? "" : e);
  fflush(stderr);
  p->last = now;
  p->shown = 1;
}

void rs_progress_add(rs_progress *p, long n) {
  if (!p) return;
  long done = atomic_fetch_add(&p->done, n) + n;
  if (p->mode == RS_PROGRESS_QUIET || pthread_mutex_trylock(&p->mu)) return;
  double now = now_s(), el = now - p->t0;
  long total = atomic_load(&p->total);
  if (p->mode == RS_PROGRESS_BAR) {
    if (el >= p->delay && now - p->last >= 0.2) draw(p, now, 0);
  } else if (total > 0) {
    int tenth = (int)(10 * (double)done / total);
    if (tenth >= p->next_tenth && tenth < 10) {
      p->next_tenth = tenth + 1;
      if (el >= p->delay) draw(p, now, 0);
    }
  } else if (el >= p->delay && now - p->last >= 10.0) {
    draw(p, now, 0);
  }
  pthread_mutex_unlock(&p->mu);
}

void rs_progress_finish(rs_progress *p) {
  if (!p || p->mode == RS_PROGRESS_QUIET) return;
  pthread_mutex_lock(&p->mu);
  if (p->shown) draw(p, now_s(), 1);
  p->finished = 1;
  pthread_mutex_unlock(&p->mu);
}

void rs_progress_free(rs_progress *p) {
  if (!p) return;
  /* Work abandoned with the bar on screen: end its line before any message. */
  if (p->mode == RS_PROGRESS_BAR && p->shown && !p->finished) fputc('\n', stderr);
  pthread_mutex_destroy(&p->mu);
  free(p);
}
