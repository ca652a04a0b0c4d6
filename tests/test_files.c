/* Files you can trust (issue 14), the parts below the command line:
 * - the CSV writer quotes per RFC 4180 and the table reader of the plots
 *   gives back exactly the strings written (commas, quotes, CR, LF, CJK;
 *   the scenario CSV reader: test_csv_quoted.c);
 * - the end-of-file check of charts (PNG IEND, SVG </svg>, PDF %%EOF) on whole
 *   and truncated files;
 * - a PLplot fatal error inside a guarded job returns RS_EIO instead of exiting;
 * - names in YAML outputs are escaped so the file parses, bytes that are not
 *   UTF-8 included;
 * - inputs that are not regular files are refused without blocking.
 * Expected values are the strings themselves or bytes worked out by hand. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "base/csvout.h"
#include "input/csvtable.h"
#include "base/fsafe.h"
#include "base/afile.h"
#include "base/outdir.h"
#include "report/output.h"
#include "plots/plots_guard.h"
#include "input/yamldoc.h"

void plexit(const char *errormsg); /* PLplot's fatal error (plplotP.h) */

static const char *const names[] = {
    "plain", "Baotai, \"Old\" Town", "two\nlines", "cr\rin", "\"", "", "宝台,老城", "a,b,c"};
#define NNAMES (int)(sizeof names / sizeof names[0])

static char tmpdir[64];

static void write_file(const char *path, const void *buf, size_t n) {
  FILE *f = fopen(path, "wb");
  fwrite(buf, 1, n, f);
  fclose(f);
}

/* Rows "name,index,name" plus a header with a field built from a name. */
static void test_csv_roundtrip(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/q.csv", tmpdir);
  FILE *f = fopen(path, "wb");
  CHECK(rs__csv_printf(f, "name,i,board_%s\n", "x,y") == 0);
  for (int i = 0; i < NNAMES; i++) CHECK(rs__csv_printf(f, "%s,%d,%s\n", names[i], i, names[i]) == 0);
  fclose(f);
  /* by hand: RFC 4180 2.6/2.7 */
  FILE *g = fopen(path, "rb");
  char buf[512];
  size_t n = fread(buf, 1, sizeof buf - 1, g);
  buf[n] = 0;
  fclose(g);
  CHECK(strstr(buf, "name,i,\"board_x,y\"\n") == buf);
  CHECK(strstr(buf, "\n\"Baotai, \"\"Old\"\" Town\",1,\"Baotai, \"\"Old\"\" Town\"\n") != NULL);
  CHECK(strstr(buf, "\nplain,0,plain\n") != NULL);
  CHECK(strstr(buf, "\n\"\"\"\",4,\"\"\"\"\n") != NULL);

  rs_diag *d = rs_diag_alloc();
  rs__csvtable *t = NULL;
  CHECK(rs__csvtable_read(path, &t, d) == RS_OK);
  if (t) {
    CHECK(t->ncol == 3 && t->nrow == NNAMES);
    CHECK(strcmp(t->hdr[2], "board_x,y") == 0);
    for (int i = 0; i < NNAMES && i < t->nrow; i++) {
      CHECK(strcmp(rs__csvtable_str(t, i, 0), names[i]) == 0);
      CHECK(strcmp(rs__csvtable_str(t, i, 2), names[i]) == 0);
    }
    rs__csvtable_free(t);
  }
  CHECK(rs_diag_count(d) == 0);
  rs_diag_free(d);
}

static void test_chart_end(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/c", tmpdir);
  /* the PNG signature, then an IEND chunk: length 0, "IEND", CRC AE426082 */
  static const unsigned char png[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0,
                                      'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
  write_file(path, png, sizeof png);
  CHECK(rs__plot_file_whole(path, "png") == 1);
  write_file(path, png, sizeof png - 1);
  CHECK(rs__plot_file_whole(path, "png") == 0);
  write_file(path, png, 8);
  CHECK(rs__plot_file_whole(path, "png") == 0);
  write_file(path, "", 0);
  CHECK(rs__plot_file_whole(path, "png") == 0);
  const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>\n";
  write_file(path, svg, strlen(svg));
  CHECK(rs__plot_file_whole(path, "svg") == 1);
  write_file(path, svg, strlen(svg) - 4);
  CHECK(rs__plot_file_whole(path, "svg") == 0);
  write_file(path, "%PDF-1.5\n...\n%%EOF\n", 19);
  CHECK(rs__plot_file_whole(path, "pdf") == 1);
  write_file(path, "%PDF-1.5\n...\n%%EO", 17);
  CHECK(rs__plot_file_whole(path, "pdf") == 0);
  snprintf(path, sizeof path, "%s/none", tmpdir);
  CHECK(rs__plot_file_whole(path, "png") == 0);
}

static int job_fails(const void *arg, rs_diag *d) {
  (void)arg;
  (void)d;
  plexit("boom from the test");
  return RS_OK; /* not reached: plexit does not return */
}

static int job_ok(const void *arg, rs_diag *d) {
  (void)d;
  return *(const int *)arg;
}

static void test_plot_guard(void) {
  rs_diag *d = rs_diag_alloc();
  int rc = rs__plot_guarded(job_fails, NULL, d);
  CHECK(rc == RS_EIO);
  CHECK(rs_diag_count(d) == 1 && strstr(rs_diag_message(d, 0), "boom from the test"));
  int v = RS_OK;
  CHECK(rs__plot_guarded(job_ok, &v, d) == RS_OK); /* and the process is still here */
  rs_diag_free(d);
}

static void test_yaml_escape(void) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  fputs("k: ", f);
  rs__yaml_quoted(f, "odd\xffname \"q\" \\ \x01 宝\xe5\x9d");
  fputc('\n', f);
  fclose(f);
  rs_diag *d = rs_diag_alloc();
  rs__ydoc *doc = NULL;
  CHECK(rs__ydoc_load_buffer("esc.yaml", buf, n, &doc, d) == RS_OK);
  const rs__ynode *k = doc ? rs__ymap_get(rs__ydoc_root(doc), "k") : NULL;
  /* 0xFF reads back as U+00FF (C3 BF); the cut 3-byte sequence E5 9D as
   * U+00E5 U+009D (C3 A5, C2 9D); the control 0x01 as itself */
  CHECK(k && strcmp(k->text, "odd\xc3\xbfname \"q\" \\ \x01 宝\xc3\xa5\xc2\x9d") == 0);
  rs__ydoc_free(doc);
  rs_diag_free(d);
  free(buf);
}

static void test_regular_only(void) {
  char fifo[128], why[128];
  snprintf(fifo, sizeof fifo, "%s/fifo", tmpdir);
  CHECK(mkfifo(fifo, 0600) == 0);
  CHECK(rs__fopen_regular(fifo, why, sizeof why) == NULL && strstr(why, "FIFO"));
  CHECK(rs__fopen_regular(tmpdir, why, sizeof why) == NULL && strstr(why, "directory"));
  CHECK(rs__fopen_regular("/dev/null", why, sizeof why) == NULL && strstr(why, "device"));
  char reg[128];
  snprintf(reg, sizeof reg, "%s/c", tmpdir);
  FILE *f = rs__fopen_regular(reg, why, sizeof why);
  CHECK(f != NULL);
  if (f) fclose(f);
}

/* A removal that keeps the marker to the last; links inside are unlinked,
 * their targets left alone. */
static void test_rmtree(void) {
  char p[256], victim[128];
  snprintf(victim, sizeof victim, "%s/victim", tmpdir);
  mkdir(victim, 0700);
  snprintf(p, sizeof p, "%s/victim/keep", tmpdir);
  write_file(p, "x", 1);
  snprintf(p, sizeof p, "%s/t", tmpdir);
  mkdir(p, 0700);
  snprintf(p, sizeof p, "%s/t/link", tmpdir);
  CHECK(symlink(victim, p) == 0);
  snprintf(p, sizeof p, "%s/t/.ridersim-run", tmpdir);
  write_file(p, "m", 1);
  int fd = open(tmpdir, O_RDONLY | O_DIRECTORY);
  CHECK(rs__rmtree_at(fd, "t", ".ridersim-run") == 0);
  close(fd);
  struct stat st;
  snprintf(p, sizeof p, "%s/t", tmpdir);
  CHECK(lstat(p, &st) != 0);
  snprintf(p, sizeof p, "%s/victim/keep", tmpdir);
  CHECK(lstat(p, &st) == 0);
}

/* A file written into a staging directory is only started on its way to the
 * disk (afile.h): the staging tag says so; the commit syncs the tree, removes
 * the tag and leaves the file whole under DIR. Outside staging a file is synced
 * itself (not staged). */
static void test_staged_sync(void) {
  char dir[128], p[300];
  snprintf(dir, sizeof dir, "%s/staged", tmpdir);
  rs_diag *d = rs_diag_alloc();
  rs_outdir *o = NULL;
  CHECK(rs_outdir_begin(dir, &o, d) == RS_OK);
  snprintf(p, sizeof p, "%s/%s", rs_outdir_path(o), RS__OUTDIR_STAGING_TAG);
  struct stat st;
  CHECK(lstat(p, &st) == 0 && S_ISREG(st.st_mode));
  rs__afile a;
  CHECK(rs__afile_open(&a, rs_outdir_path(o), "t.csv", d) == RS_OK);
  CHECK(a.staged == 1);
  fputs("a,b\n1,2\n", a.f);
  CHECK(rs__afile_commit(&a, d) == RS_OK);
  CHECK(rs_outdir_commit(o, d) == RS_OK);
  snprintf(p, sizeof p, "%s/%s", dir, RS__OUTDIR_STAGING_TAG);
  CHECK(lstat(p, &st) != 0); /* the tag does not survive the commit */
  snprintf(p, sizeof p, "%s/t.csv", dir);
  CHECK(lstat(p, &st) == 0 && st.st_size == 8);
  CHECK(rs__afile_open(&a, dir, "u.csv", d) == RS_OK);
  CHECK(a.staged == 0); /* a committed folder: synced file by file */
  rs__afile_abort(&a);
  rs_diag_free(d);
}

int main(void) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/rs_files.XXXXXX");
  if (!mkdtemp(tmpdir)) return 1;
  test_csv_roundtrip();
  test_chart_end();
  test_plot_guard();
  test_yaml_escape();
  test_regular_only();
  test_rmtree();
  test_staged_sync();
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
  return check_done();
}
