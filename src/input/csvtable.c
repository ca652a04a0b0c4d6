/* Tidy CSV into cells: one read, one in-place pass, no per-cell allocation. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/csvtable.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "base/fileio.h"

void rs__csvtable_free(rs__csvtable *t) {
  if (!t) return;
  free(t->path);
  free(t->buf);
  free(t->hdr);
  free(t->cell);
  free(t->line);
  free(t->col0);
  free(t);
}

static int slurp(const char *path, char **buf, long *len, rs_diag *d) {
  char why[256];
  size_t n = 0;
  int opened;
  int rc = rs__file_read(path, RS__CSV_MAX_BYTES, buf, &n, why, sizeof why, &opened);
  *len = (long)n;
  if (rc == RS_EIO)
    return rs__diag_add(d, rc, path, 0, 0, "cannot %s: %s", opened ? "read" : "open", why);
  if (rc) return rs__diag_add(d, rc, path, 0, 0, "%s", rc == RS_ENOMEM ? "out of memory" : why);
  return RS_OK;
}

/* Growable arrays of the parse. */
typedef struct {
  char **cell;
  int *col0;
  size_t n, cap;
  int *line;
  size_t nrows, rcap;
} cellv;

static int push_cell(cellv *v, char *p, int col) {
  if (v->n == v->cap) {
    size_t nc = v->cap ? v->cap * 2 : 1024;
    char **c = realloc(v->cell, nc * sizeof *c);
    if (!c) return RS_ENOMEM;
    v->cell = c;
    int *k = realloc(v->col0, nc * sizeof *k);
    if (!k) return RS_ENOMEM;
    v->col0 = k;
    v->cap = nc;
  }
  v->cell[v->n] = p;
  v->col0[v->n++] = col;
  return RS_OK;
}

static int push_row(cellv *v, int line) {
  if (v->nrows == v->rcap) {
    size_t nc = v->rcap ? v->rcap * 2 : 256;
    int *l = realloc(v->line, nc * sizeof *l);
    if (!l) return RS_ENOMEM;
    v->line = l;
    v->rcap = nc;
  }
  v->line[v->nrows++] = line;
  return RS_OK;
}

/* Split BUF in place into fields; records (header included) go into V with the
 * number of fields of each record checked against the first. */
static int parse(char *buf, long len, const char *path, cellv *v, int *ncol, rs_diag *d) {
  char *p = buf, *end = buf + len;
  int line = 1;
  if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
      (unsigned char)p[2] == 0xBF)
    p += 3; /* UTF-8 byte-order mark from spreadsheets */
  *ncol = -1;
  while (p < end) {
    char *rowstart = p;
    int rowline = line;
    size_t first = v->n;
    if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
      p += (*p == '\r') ? 2 : 1; /* blank line: skip */
      line++;
      continue;
    }
    for (;;) { /* one field per iteration */
      int col = (int)(p - rowstart) + 1;
      char *out = p, *start = p;
      if (*p == '"') {
        start = out = ++p;
        for (;;) {
          if (p >= end)
            return rs__diag_add(d, RS_ESYNTAX, path, rowline, col, "unterminated quoted field");
          if (*p == '"') {
            if (p + 1 < end && p[1] == '"') {
              *out++ = '"';
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (*p == '\n') line++;
          *out++ = *p++;
        }
        if (p < end && *p != ',' && *p != '\n' && *p != '\r')
          return rs__diag_add(d, RS_ESYNTAX, path, line, (int)(p - rowstart) + 1,
                              "unexpected character after closing quote");
      } else {
        while (p < end && *p != ',' && *p != '\n' && *p != '\r') p++;
        out = p;
      }
      char sep = p < end ? *p : '\n';
      *out = '\0';
      if (push_cell(v, start, col)) return rs__diag_add(d, RS_ENOMEM, path, 0, 0, "out of memory");
      if (sep == ',') {
        p++;
        continue;
      }
      /* *p may now be the NUL just written: step by SEP, not by *p. */
      if (p < end) p++;
      if (sep == '\r' && p < end && *p == '\n') p++;
      break;
    }
    int nf = (int)(v->n - first);
    if (*ncol < 0) {
      if (nf > RS__CSVTABLE_MAX_COLS)
        return rs__diag_add(d, RS_ELIMIT, path, rowline, 0, "more than %d columns",
                            RS__CSVTABLE_MAX_COLS);
      *ncol = nf;
    } else if (nf != *ncol) {
      return rs__diag_add(d, RS_ESYNTAX, path, rowline, 0,
                          "expected %d fields as in the header, found %d", *ncol, nf);
    }
    if (push_row(v, rowline)) return rs__diag_add(d, RS_ENOMEM, path, 0, 0, "out of memory");
    line++;
  }
  if (*ncol < 0) return rs__diag_add(d, RS_ESYNTAX, path, 1, 0, "empty file: no header row");
  return RS_OK;
}

int rs__csvtable_read(const char *path, rs__csvtable **out, rs_diag *d) {
  *out = NULL;
  rs__csvtable *t = calloc(1, sizeof *t);
  if (!t) return rs__diag_add(d, RS_ENOMEM, path, 0, 0, "out of memory");
  size_t plen = strlen(path) + 1;
  t->path = malloc(plen);
  if (!t->path) {
    free(t);
    return rs__diag_add(d, RS_ENOMEM, path, 0, 0, "out of memory");
  }
  memcpy(t->path, path, plen);
  long len = 0;
  int rc = slurp(path, &t->buf, &len, d);
  cellv v = {0};
  if (rc == RS_OK) rc = parse(t->buf, len, path, &v, &t->ncol, d);
  if (rc != RS_OK) {
    free(v.cell);
    free(v.col0);
    free(v.line);
    rs__csvtable_free(t);
    return rc;
  }
  for (int c = 0; c < t->ncol; c++)
    if (v.cell[c][0] == '\0') {
      rc = rs__diag_add(d, RS_ESYNTAX, path, 1, v.col0[c], "empty column name");
      break;
    }
  if (rc == RS_OK) {
    /* The header's cells stay at the front of the arrays: index from ncol on. */
    t->nrow = (int)v.nrows - 1;
    t->hdr = malloc((size_t)t->ncol * sizeof *t->hdr);
    t->cell = malloc((v.n - (size_t)t->ncol + 1) * sizeof *t->cell);
    t->col0 = malloc((v.n - (size_t)t->ncol + 1) * sizeof *t->col0);
    t->line = malloc(v.nrows * sizeof *t->line);
    if (!t->hdr || !t->cell || !t->col0 || !t->line) {
      rc = rs__diag_add(d, RS_ENOMEM, path, 0, 0, "out of memory");
    } else {
      memcpy(t->hdr, v.cell, (size_t)t->ncol * sizeof *t->hdr);
      memcpy(t->cell, v.cell + t->ncol, (v.n - (size_t)t->ncol) * sizeof *t->cell);
      memcpy(t->col0, v.col0 + t->ncol, (v.n - (size_t)t->ncol) * sizeof *t->col0);
      memcpy(t->line, v.line + 1, (size_t)t->nrow * sizeof *t->line);
    }
  }
  free(v.cell);
  free(v.col0);
  free(v.line);
  if (rc != RS_OK) {
    rs__csvtable_free(t);
    return rc;
  }
  *out = t;
  return RS_OK;
}

int rs__csvtable_col(const rs__csvtable *t, const char *name) {
  for (int c = 0; c < t->ncol; c++)
    if (strcmp(t->hdr[c], name) == 0) return c;
  return -1;
}

int rs__csvtable_need(const rs__csvtable *t, const char *name, int *col, rs_diag *d) {
  *col = rs__csvtable_col(t, name);
  if (*col < 0) return rs__diag_add(d, RS_ESYNTAX, t->path, 1, 0, "missing column '%s'", name);
  return RS_OK;
}

const char *rs__csvtable_str(const rs__csvtable *t, int row, int col) {
  return t->cell[(size_t)row * (size_t)t->ncol + (size_t)col];
}

int rs__csvtable_num(const rs__csvtable *t, int row, int col, int allow_empty,
                     double *out, rs_diag *d) {
  size_t i = (size_t)row * (size_t)t->ncol + (size_t)col;
  const char *s = t->cell[i];
  while (*s == ' ') s++;
  if (*s == '\0') {
    *out = NAN;
    if (allow_empty) return RS_OK;
    return rs__diag_add(d, RS_ESYNTAX, t->path, t->line[row], t->col0[i],
                        "column '%s': empty, expected a number", t->hdr[col]);
  }
  char *e;
  double v = strtod(s, &e);
  while (*e == ' ') e++;
  if (e == s || *e != '\0' || !isfinite(v))
    return rs__diag_add(d, RS_ESYNTAX, t->path, t->line[row], t->col0[i],
                        "column '%s': '%.40s' is not a number", t->hdr[col], t->cell[i]);
  *out = v;
  return RS_OK;
}

int rs__csvtable_date(const rs__csvtable *t, int row, int col, int *out, rs_diag *d) {
  size_t i = (size_t)row * (size_t)t->ncol + (size_t)col;
  int32_t days;
  if (rs__date_parse(t->cell[i], &days) != 0)
    return rs__diag_add(d, RS_ESYNTAX, t->path, t->line[row], t->col0[i],
                        "column '%s': '%.40s' is not a YYYY-MM-DD date", t->hdr[col],
                        t->cell[i]);
  *out = (int)days;
  return RS_OK;
}

int rs__csvtable_day(const rs__csvtable *t, int row, int col, int *out, rs_diag *d) {
  if (t->cell[(size_t)row * (size_t)t->ncol + (size_t)col][0] == 0) {
    *out = RS__CSV_NODATE;
    return RS_OK;
  }
  return rs__csvtable_date(t, row, col, out, d);
}

void rs__csvtable_day_label(int day, char *buf, size_t size) {
  if (day == RS__CSV_NODATE)
    snprintf(buf, size, "one service day");
  else
    rs__date_format((int32_t)day, buf);
}
