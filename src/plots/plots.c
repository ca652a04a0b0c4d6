/* rs_plots_draw: every chart a run directory has data for, drawn in parallel
 * child processes. */
#define _DEFAULT_SOURCE /* fork, pipe, waitpid, MAP_ANONYMOUS */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdatomic.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>
#include "base/diag.h"
#include "plots/plots_charts.h"
#include "base/outdir.h"
#include "plots/plots_guard.h"
#include "ridersim/plots.h"

int rs__plots_load(const rs__plots_ctx *c, const char *name, rs__csvtable **t, rs_diag *d) {
  char path[RS__PLOT_PATH];
  *t = NULL;
  if ((size_t)snprintf(path, sizeof path, "%s/%s", c->run_dir, name) >= sizeof path)
    return rs__diag_add(d, RS_ELIMIT, c->run_dir, 0, 0, "path too long");
  struct stat sb;
  if (stat(path, &sb) != 0 && errno == ENOENT) return 1;
  return rs__csvtable_read(path, t, d);
}

int rs__plots_station(const rs__plots_ctx *c, const char *id) {
  for (int i = 0; i < c->nst; i++)
    if (strcmp(c->id[i], id) == 0) return i;
  return -1;
}

void rs__plots_station_label(const rs__plots_ctx *c, const char *id, char *buf, size_t size) {
  int i = rs__plots_station(c, id);
  if (i < 0) snprintf(buf, size, "%s", id);
  else rs__plot_station_label(buf, size, c->zh[i], c->en[i][0] ? c->en[i] : id, c->cjk);
}

void rs__plots_station_lines(const rs__plots_ctx *c, const char *id, char *l1, char *l2,
                             size_t size) {
  int i = rs__plots_station(c, id);
  const char *en = (i >= 0 && c->en[i][0]) ? c->en[i] : id;
  if (i >= 0 && c->cjk && c->zh[i][0]) {
    snprintf(l1, size, "%s", c->zh[i]);
    snprintf(l2, size, "%s", en);
  } else {
    snprintf(l1, size, "%s", en);
    l2[0] = '\0';
  }
}

void rs__plots_fmt_int(double v, char *buf, size_t size) {
  char digits[40], out[64];
  if (!isfinite(v) || fabs(v) >= 1e18) {
    snprintf(buf, size, "%g", v);
    return;
  }
  snprintf(digits, sizeof digits, "%.0f", fabs(v));
  size_t k = 0, nd = strlen(digits);
  if (v <= -0.5) out[k++] = '-';
  for (size_t i = 0; i < nd; i++) {
    if (i > 0 && (nd - i) % 3 == 0) out[k++] = ',';
    out[k++] = digits[i];
  }
  out[k] = '\0';
  snprintf(buf, size, "%s", out);
}

/* Station names (stations.csv: station, zh, en), in order of first appearance. */
static int load_names(rs__plots_ctx *c, rs_diag *d) {
  rs__csvtable *t;
  int rc = rs__plots_load(c, "stations.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  int cs, cz, ce;
  if ((rc = rs__csvtable_need(t, "station", &cs, d)) == RS_OK) {
    cz = rs__csvtable_col(t, "zh");
    ce = rs__csvtable_col(t, "en");
    for (int r = 0; r < t->nrow && c->nst < RS__PLOT_MAX_STATIONS; r++) {
      const char *id = rs__csvtable_str(t, r, cs);
      if (rs__plots_station(c, id) >= 0) continue;
      int i = c->nst++;
      snprintf(c->id[i], sizeof c->id[i], "%s", id);
      snprintf(c->zh[i], sizeof c->zh[i], "%s", cz >= 0 ? rs__csvtable_str(t, r, cz) : "");
      snprintf(c->en[i], sizeof c->en[i], "%s", ce >= 0 ? rs__csvtable_str(t, r, ce) : "");
    }
  }
  rs__csvtable_free(t);
  return rc;
}

/* One chart as a guarded job (plots_guard.h). */
typedef int (*rs__chart_fn)(const rs__plots_ctx *, rs_diag *);
typedef struct {
  rs__chart_fn fn;
  const rs__plots_ctx *c;
} rs__chart_job;

static int rs__run_chart(const void *arg, rs_diag *d) {
  const rs__chart_job *j = arg;
  return j->fn(j->c, d);
}

/* The charts of a run, in order; NAMES for messages about their process. */
static const rs__chart_fn rs__charts[] = {rs__chart_daily, rs__chart_load_profile,
                                          rs__chart_boardings, rs__chart_commute,
                                          rs__chart_trains};
static const char *const rs__chart_names[] = {"daily and cumulative", "load-profile", "boardings",
                                              "commute", "train-diagram"};
enum { RS__NCHART = sizeof rs__charts / sizeof rs__charts[0], RS__MAXCHILD = 3 };

/* Charts are drawn by worker processes (PLplot keeps process-wide state: not
 * threads), this one and up to one child per further core, each taking the
 * next undrawn chart from a counter in shared memory until none is left: two
 * processes, not one per chart, since every process loads the driver and
 * renders its glyphs once. A worker draws into its own temporary file and
 * renames it into place as before. A child's outcome comes back through a
 * pipe as records: a message (FLAG 0 error, 1 warning) or a chart's end
 * (FLAG 2, CODE its status). Per chart: */
enum { RS__CHART_TMPS = 4 };
typedef struct {
  int done, rc;
  rs_diag *diag;
  int ntmp;                           /* temporary files a child named (FLAG 3) */
  char tmp[RS__CHART_TMPS][RS__PLOT_PATH];
} rs__chart_out;

typedef struct {
  int32_t chart, code;
  uint32_t flag, len;
} rs__chart_rec;

static int write_all(int fd, const void *p, size_t n) {
  const char *q = p;
  while (n > 0) {
    ssize_t k = write(fd, q, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    q += k, n -= (size_t)k;
  }
  return 0;
}

/* Where a child's records go: its pipe, for chart I. */
typedef struct {
  int fd, chart;
} rs__chart_pipe;

/* A temporary chart file named to the parent (record FLAG 3) before it is
 * created, in one write: a pipe write of at most PIPE_BUF bytes is atomic, so
 * a kill leaves the record whole or absent, never a header without its name. */
static void announce_tmp(void *ctx, const char *tmp) {
  const rs__chart_pipe *p = ctx;
  char buf[sizeof(rs__chart_rec) + RS__PLOT_PATH];
  rs__chart_rec h = {p->chart, RS_OK, 3, (uint32_t)strlen(tmp)};
  if (h.len >= RS__PLOT_PATH) _exit(2);
  memcpy(buf, &h, sizeof h);
  memcpy(buf + sizeof h, tmp, h.len);
  if (write_all(p->fd, buf, sizeof h + h.len)) _exit(2);
}

/* Largest first, so two workers end at about the same time: the train
 * diagram is the costliest page of a day, daily and cumulative (two pages)
 * of a year. */
static const int rs__claim_order[RS__NCHART] = {4, 0, 2, 1, 3};

/* Draw charts taken from NEXT until none is left: into OUT (this process) or
 * as records onto WFD (a child). */
static void chart_worker(const rs__plots_ctx *c, atomic_int *next, rs__chart_out *out, int wfd) {
  for (int n; (n = atomic_fetch_add(next, 1)) < RS__NCHART;) {
    int i = rs__claim_order[n];
    rs_diag *cd = rs_diag_alloc();
    rs__chart_job job = {rs__charts[i], c};
    rs__chart_pipe pipe_to = {wfd, i};
    int r = rs__plot_guarded_cb(rs__run_chart, &job, cd, out ? NULL : announce_tmp, &pipe_to);
    if (out) {
      out[i].done = 1, out[i].rc = r, out[i].diag = cd;
      continue;
    }
    for (size_t k = 0; k < rs_diag_count(cd); k++) {
      const char *m = rs_diag_message(cd, k);
      rs__chart_rec h = {i, r != RS_OK ? r : RS_EIO, (uint32_t)rs_diag_is_warning(cd, k),
                         (uint32_t)strlen(m)};
      if (write_all(wfd, &h, sizeof h) || write_all(wfd, m, h.len)) _exit(2);
    }
    rs__chart_rec end = {i, r, 2, 0};
    if (write_all(wfd, &end, sizeof end)) _exit(2);
    rs_diag_free(cd);
  }
}

/* A child's records read whole from its pipe (then closed); NULL when
 * memory is short (the records are then lost: its charts count as failed). */
static char *read_pipe(int fd, size_t *len) {
  size_t cap = 4096, n = 0;
  char *b = malloc(cap);
  for (;;) {
    if (b && n == cap) {
      char *q = realloc(b, cap * 2);
      if (!q) free(b);
      b = q, cap *= 2;
    }
    char sink[512];
    ssize_t k = b ? read(fd, b + n, cap - n) : read(fd, sink, sizeof sink);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    if (b) n += (size_t)k;
  }
  close(fd);
  *len = n;
  return b;
}

/* A child's records into OUT, then wait for it; its wait status. */
static int chart_collect(pid_t pid, int fd, rs__chart_out *out) {
  size_t len = 0, pos = 0;
  char *buf = read_pipe(fd, &len);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) continue;
  rs__chart_rec h;
  while (buf && pos + sizeof h <= len) {
    memcpy(&h, buf + pos, sizeof h);
    pos += sizeof h;
    if (h.chart < 0 || h.chart >= RS__NCHART || h.len > len - pos) break;
    rs__chart_out *o = &out[h.chart];
    if (h.flag == 2) {
      o->done = 1, o->rc = h.code;
      continue;
    }
    if (h.flag == 3) {
      if (o->ntmp < RS__CHART_TMPS && h.len < RS__PLOT_PATH) {
        memcpy(o->tmp[o->ntmp], buf + pos, h.len);
        o->tmp[o->ntmp++][h.len] = '\0';
      }
      pos += h.len;
      continue;
    }
    if (!o->diag) o->diag = rs_diag_alloc();
    char *m = malloc((size_t)h.len + 1);
    if (m) {
      memcpy(m, buf + pos, h.len);
      m[h.len] = '\0';
      rs__diag_add_line(o->diag, h.code, (int)h.flag, m);
      free(m);
    }
    pos += h.len;
  }
  free(buf);
  return st;
}

/* Start up to N children working from NEXT; returns how many started. */
static int chart_spawn(const rs__plots_ctx *c, atomic_int *next, int n, pid_t *pid, int *fd) {
  int k = 0;
  pid_t parent = getpid();
  for (; k < n; k++) {
    int p[2];
    if (pipe(p) != 0) break;
    pid_t child = fork();
    if (child < 0) {
      close(p[0]), close(p[1]);
      break;
    }
    if (child == 0) {
#ifdef __linux__
      /* A worker outlives no parent: a killed run leaves no process drawing
       * into a folder that the next run removes. */
      if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(3);
#endif
      close(p[0]);
      for (int j = 0; j < k; j++) close(fd[j]);
      chart_worker(c, next, NULL, p[1]);
      _exit(0); /* not exit: the parent's atexit handlers and stdio buffers are its own */
    }
    close(p[1]);
    pid[k] = child, fd[k] = p[0];
  }
  return k;
}

/* Every chart of the run by worker processes (see rs__chart_out). All are
 * waited for before returning, so the caller commits the folder only after
 * every chart is whole or reported; messages come in chart order. */
static int draw_all(const rs__plots_ctx *c, rs_diag *d) {
  rs__chart_out *out = calloc(RS__NCHART, sizeof *out); /* ~22 kB of paths */
  if (!out) return rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
  atomic_int local = 0;
  atomic_int *next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                          -1, 0);
  if (next == MAP_FAILED) next = &local; /* no shared memory: all charts drawn here */
  else atomic_init(next, 0);
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int want = next == &local ? 0 : (int)(cores > RS__MAXCHILD + 1 ? RS__MAXCHILD : cores - 1);
  pid_t pid[RS__MAXCHILD];
  int fd[RS__MAXCHILD], st[RS__MAXCHILD];
  int nchild = want > 0 ? chart_spawn(c, next, want, pid, fd) : 0;
  chart_worker(c, next, out, -1);
  for (int k = 0; k < nchild; k++) st[k] = chart_collect(pid[k], fd[k], out);
  if (next != &local) munmap(next, sizeof *next);
  char why[64] = "?";
  for (int k = 0; k < nchild; k++) {
    if (WIFSIGNALED(st[k])) snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(st[k]));
    else if (!WIFEXITED(st[k]) || WEXITSTATUS(st[k]) != 0)
      snprintf(why, sizeof why, "exit status %d", WIFEXITED(st[k]) ? WEXITSTATUS(st[k]) : -1);
  }
  int first = RS_OK;
  char last[512] = ""; /* a message the charts give alike (no thread, say) is told once */
  for (int i = 0; i < RS__NCHART; i++) {
    rs__chart_out *o = &out[i];
    for (size_t k = 0; k < rs_diag_count(o->diag); k++) {
      const char *m = rs_diag_message(o->diag, k);
      if (strcmp(m, last) == 0) continue;
      snprintf(last, sizeof last, "%s", m);
      rs__diag_add_line(d, o->rc != RS_OK ? o->rc : RS_EIO, rs_diag_is_warning(o->diag, k), m);
    }
    rs_diag_free(o->diag);
    for (int t = 0; !o->done && t < o->ntmp; t++) unlink(o->tmp[t]); /* the child's own */
    if (!o->done) /* taken by a child that ended before finishing it */
      o->rc = rs__diag_add(d, RS_EIO, c->plots_dir, 0, 0,
                           "the process drawing %s ended before it was done (%s); "
                           "the chart was not written", rs__chart_names[i], why);
    if (o->rc != RS_OK && first == RS_OK) first = o->rc;
  }
  free(out);
  return first;
}

int rs_plots_draw(const char *run_dir, const char *format, rs_diag *d) {
  if (!run_dir) return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "no run directory");
  if (!format) format = "png";
  if (strcmp(format, "png") && strcmp(format, "svg") && strcmp(format, "pdf"))
    return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "unknown plot format '%s' (png, svg, pdf)",
                        format);
  struct stat sb;
  if (stat(run_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
    return rs__diag_add(d, RS_EIO, run_dir, 0, 0, "not a directory");
  rs__plots_ctx *c = calloc(1, sizeof *c); /* ~20 kB of names: not on the stack */
  if (!c) return rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
  c->run_dir = run_dir;
  c->format = format;
  c->cjk = rs__plot_have_cjk();
  int rc = RS_OK;
  if ((size_t)snprintf(c->plots_dir, sizeof c->plots_dir, "%s/plots", run_dir) >=
      sizeof c->plots_dir - 40)
    rc = rs__diag_add(d, RS_ELIMIT, run_dir, 0, 0, "path too long");
  else if (mkdir(c->plots_dir, 0777) != 0 && errno != EEXIST)
    rc = rs__diag_add(d, RS_EIO, c->plots_dir, 0, 0, "cannot create: %s", strerror(errno));
  if (rc == RS_OK) {
    /* Names are a nicety: a bad stations.csv is reported by its own chart. */
    if (load_names(c, NULL) != RS_OK) c->nst = 0;
    rc = draw_all(c, d);
  }
  free(c);
  return rc;
}
