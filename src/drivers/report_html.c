/* report.html of a run, compare or forecast folder (include/ridersim/report.h):
 * built from the folder's own files, every chart inline as a base64 data URI,
 * no script, no network. The pieces: report_html.c (page, tables, images) and
 * report_read.c (readings of the charts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/afile.h"
#include "input/csvtable.h"
#include "base/diag.h"
#include "drivers/report.h"
#include "ridersim/plots.h"
#include "ridersim/report.h"

void rs__html_text(FILE *f, const char *s) {
  for (; *s; s++) {
    switch (*s) {
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '&': fputs("&amp;", f); break;
      case '"': fputs("&quot;", f); break;
      default: fputc(*s, f);
    }
  }
}

/* FILE's bytes base64-encoded onto F; -1 when it cannot be read. In blocks:
 * a byte at a time through stdio cost as much as drawing a chart. */
static int base64_file(FILE *f, const char *path) {
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  FILE *in = fopen(path, "rb");
  if (!in) return -1;
  enum { BLOCK = 3 * 4096 }; /* a multiple of 3: only the last block is padded */
  unsigned char buf[BLOCK];
  char out[BLOCK / 3 * 4];
  size_t n;
  while ((n = fread(buf, 1, BLOCK, in)) > 0) {
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
      size_t m = n - i < 3 ? n - i : 3;
      unsigned v = (unsigned)buf[i] << 16 | (m > 1 ? (unsigned)buf[i + 1] << 8 : 0) |
                   (m > 2 ? buf[i + 2] : 0);
      out[k++] = b64[v >> 18 & 63];
      out[k++] = b64[v >> 12 & 63];
      out[k++] = m > 1 ? b64[v >> 6 & 63] : '=';
      out[k++] = m > 2 ? b64[v & 63] : '=';
    }
    fwrite(out, 1, k, f);
    if (n < BLOCK) break;
  }
  int bad = ferror(in);
  fclose(in);
  return bad ? -1 : 0;
}

/* A CSV file as an HTML table (columns COLS, all when NULL), at most MAXROWS rows. */
void rs__html_csv(FILE *f, const char *dir, const char *name, const char *const *cols, int ncols,
                  int maxrows) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  rs__csvtable *t = NULL;
  if (rs__csvtable_read(path, &t, NULL) != RS_OK) return;
  int idx[64], n = 0;
  for (int c = 0; c < (cols ? ncols : t->ncol) && n < 64; c++) {
    int k = cols ? rs__csvtable_col(t, cols[c]) : c;
    if (k >= 0) idx[n++] = k;
  }
  fputs("<table><tr>", f);
  for (int c = 0; c < n; c++) {
    fputs("<th>", f);
    rs__html_text(f, t->hdr[idx[c]]);
    fputs("</th>", f);
  }
  fputs("</tr>\n", f);
  for (int r = 0; r < t->nrow && r < maxrows; r++) {
    fputs("<tr>", f);
    for (int c = 0; c < n; c++) {
      fputs("<td>", f);
      rs__html_text(f, rs__csvtable_str(t, r, idx[c]));
      fputs("</td>", f);
    }
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
  if (t->nrow > maxrows) fprintf(f, "<p class=note>first %d of %d rows: %s has them all</p>\n", maxrows, t->nrow, name);
  rs__csvtable_free(t);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every PNG of DIR/plots, inline, each with its reading. */
static void charts(FILE *f, const char *dir, rs_folder_kind kind) {
  char pd[4200];
  snprintf(pd, sizeof pd, "%s/plots", dir);
  char **names = NULL;
  int n = rs__report_list_png(pd, &names);
  if (n <= 0) {
    fputs("<p>No charts in this folder (run with --plots png to draw them).</p>\n", f);
    return;
  }
  qsort(names, (size_t)n, sizeof *names, cmp_str);
  for (int i = 0; i < n; i++) {
    char path[8400], reading[600];
    snprintf(path, sizeof path, "%s/%s", pd, names[i]);
    rs__report_reading(dir, kind, names[i], reading, sizeof reading);
    fputs("<figure><img alt=\"", f);
    rs__html_text(f, names[i]);
    fputs("\" src=\"data:image/png;base64,", f);
    base64_file(f, path);
    fputs("\"><figcaption><b>", f);
    rs__html_text(f, names[i]);
    fputs("</b>: ", f);
    rs__html_text(f, reading);
    fputs("</figcaption></figure>\n", f);
    free(names[i]);
  }
  free(names);
}

static const char style[] =
    "body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;"
    "text-align:right;white-space:nowrap}th{background:#f0f0f0}td:first-child,th:first-child"
    "{text-align:left}table{display:block;overflow-x:auto;max-width:100%}"
    "figure{margin:1.5em 0}img{max-width:100%}figcaption{margin-top:0.3em}"
    ".note{color:#666;font-size:90%}pre{background:#f7f7f7;padding:0.5em}";

int rs_report_write(const char *dir, rs_diag *d) {
  rs_folder_kind kind = rs_folder_kind_of(dir);
  if (kind == RS_FOLDER_NONE || kind == RS_FOLDER_SWEEP)
    return rs__diag_add(d, RS_EINVAL, dir, 0, 0, "report.html is for run, compare and forecast folders");
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "report.html", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  fprintf(f, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n<title>ridersim %s report"
             "</title>\n<style>%s</style></head><body>\n", rs_folder_kind_name(kind), style);
  if (kind == RS_FOLDER_RUN) rs__report_run(f, dir);
  else if (kind == RS_FOLDER_COMPARE) rs__report_compare(f, dir);
  else rs__report_forecast(f, dir);
  fputs("<h2>Charts</h2>\n", f);
  charts(f, dir, kind);
  fprintf(f, "<p class=note>Written by ridersim %s from the files of this folder; "
             "docs/output-formats.md describes each.</p>\n</body></html>\n", RS_VERSION);
  return rs__afile_commit(&a, d);
}
