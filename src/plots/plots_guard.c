/* plsexit guard and the end-of-file check of charts (see plots_guard.h). */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <plplot.h>
#include "base/diag.h"
#include "plots/plots_draw.h"
#include "plots/plots_guard.h"

typedef struct rs__guard {
  jmp_buf jb;
  char tmp[RS__PLOT_PATH];
  char msg[256];
  void *mem;
  rs__plot_on_file on_file;
  void *on_file_ctx;
  PLINT stream;
  struct rs__guard *prev;
} rs__guard;

/* PLplot's handler takes no user pointer: the innermost guard of this thread.
 * (The one piece of static state: PLplot itself is process-wide.) */
static _Thread_local rs__guard *rs__cur;

static int rs__on_plexit(PLCHAR_VECTOR msg) {
  rs__guard *g = rs__cur;
  if (!g) return 3; /* outside a guard: PLplot exits with ridersim's code 3 */
  snprintf(g->msg, sizeof g->msg, "%s", msg ? msg : "");
  longjmp(g->jb, 1);
}

void rs__plot_guard_announce(const char *tmp) {
  if (rs__cur && rs__cur->on_file) rs__cur->on_file(rs__cur->on_file_ctx, tmp);
}

void rs__plot_guard_file(const char *tmp, void *mem) {
  if (!rs__cur) return;
  snprintf(rs__cur->tmp, sizeof rs__cur->tmp, "%s", tmp ? tmp : "");
  rs__cur->mem = mem;
}

int rs__plot_guarded(rs__plot_job job, const void *arg, rs_diag *d) {
  return rs__plot_guarded_cb(job, arg, d, NULL, NULL);
}

static void *rs__noop(void *arg) { return arg; }

/* Whether this process can start a thread now (one started and joined). */
static int rs__thread_can_start(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, rs__noop, NULL) != 0) return 0;
  pthread_join(t, NULL);
  return 1;
}

int rs__plot_guarded_cb(rs__plot_job job, const void *arg, rs_diag *d, rs__plot_on_file on_file,
                        void *ctx) {
  /* pango starts a thread while it loads its fonts, and GLib aborts a process
   * that cannot: asked first, a chart fails with a message instead (about
   * 50 microseconds a chart). */
  if (!rs__thread_can_start())
    return rs__diag_add(d, RS_EIO, NULL, 0, 0,
                        "no thread could be started, and the chart libraries need one (pango "
                        "loads its fonts on a thread): the chart was not written "
                        "(--plots none skips the charts)");
  rs__guard g;
  memset(&g, 0, sizeof g);
  g.on_file = on_file, g.on_file_ctx = ctx;
  plgstrm(&g.stream);
  g.prev = rs__cur;
  rs__cur = &g;
  plsexit(rs__on_plexit);
  int rc;
  if (setjmp(g.jb) == 0) {
    rc = job(arg, d);
  } else {
    /* The stream PLplot gave up on is abandoned (ending it could fail again). */
    if (g.tmp[0]) unlink(g.tmp);
    /* The abandoned stream's memcairo still points at the pixels, but only an
     * end of page would touch them, and ridersim never ends that stream. */
    free(g.mem);
    plsstrm(g.stream);
    rc = rs__diag_add(d, RS_EIO, g.tmp[0] ? g.tmp : NULL, 0, 0,
                      "PLplot failed: %s; the chart was not written", g.msg[0] ? g.msg : "?");
  }
  rs__cur = g.prev;
  return rc;
}

/* The last LEN bytes of PATH into BUF (fewer when the file is shorter). */
static long rs__tail(const char *path, char *buf, long len) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  long got = -1;
  if (fseek(f, 0, SEEK_END) == 0) {
    long size = ftell(f);
    long off = size > len ? size - len : 0;
    if (size >= 0 && fseek(f, off, SEEK_SET) == 0) got = (long)fread(buf, 1, (size_t)(size - off), f);
  }
  fclose(f);
  return got;
}

int rs__plot_file_whole(const char *path, const char *format) {
  char buf[64];
  long n = rs__tail(path, buf, sizeof buf);
  if (n <= 0) return 0;
  if (!strcmp(format, "png")) {
    /* length 0, "IEND", CRC AE 42 60 82: the last 12 bytes of every PNG */
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    return n >= 12 && memcmp(buf + n - 12, iend, 12) == 0;
  }
  /* SVG and PDF end in a known token, then maybe white space */
  const char *tok = !strcmp(format, "svg") ? "</svg>" : "%%EOF";
  while (n > 0 && strchr(" \t\r\n", buf[n - 1])) n--;
  size_t tl = strlen(tok);
  return n >= (long)tl && memcmp(buf + n - tl, tok, tl) == 0;
}
