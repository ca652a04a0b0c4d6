/* CSV reader and the trips/departures tables. Positions are 1-based lines and
 * 1-based byte columns of the field's first character. */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/csv.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "input/scenario_load.h"
#include "model/dated.h"

/* Length of the valid UTF-8 sequence at S (N bytes left), 0 when invalid. */
static size_t rs__utf8_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/* Column of byte I: the bytes since the line's start, plus 1 (errors only). */
static int rs__csv_col_at(const char *buf, size_t i) {
  size_t ls = i;
  while (ls > 0 && buf[ls - 1] != '\n') ls--;
  return (int)(i - ls + 1);
}

/* LF bytes among the 8 bytes of W, or -1 when one of them is NUL or not ASCII
 * (the caller decodes those bytes one by one). Bytes below 0x80 plus 0x7F
 * reach 0x80 exactly when they are not zero, without carrying into the next. */
static int rs__csv_word_lines(uint64_t w) {
  const uint64_t hi = 0x8080808080808080ULL, lo7 = 0x7F7F7F7F7F7F7F7FULL;
  if ((w & hi) || ((w + lo7) & hi) != hi) return -1;
  uint64_t nl = ~((w ^ 0x0A0A0A0A0A0A0A0AULL) + lo7) & hi;
  int n = 0;
  for (; nl; nl &= nl - 1) n++;
  return n;
}

int rs__csv_init(rs__csv *c, const char *name, const char *buf, size_t len, rs_diag *d) {
  memset(c, 0, offsetof(rs__csv, f));
  c->allow_cut = 0; /* after f[]: not cleared above */
  c->name = name;
  c->line = 1;
  if (len > RS__CSV_MAX_BYTES)
    return rs__diag_add(d, RS_ELIMIT, name, 0, 0, "file is larger than %zu MiB",
                        RS__CSV_MAX_BYTES >> 20);
  if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) buf += 3, len -= 3;
  int line = 1;
  for (size_t i = 0; i < len;) {
    if (i + 8 <= len) { /* eight ASCII bytes at a time: most of a file */
      uint64_t w;
      memcpy(&w, buf + i, sizeof w);
      int n = rs__csv_word_lines(w);
      if (n >= 0) {
        line += n;
        i += 8;
        continue;
      }
    }
    const unsigned char *u = (const unsigned char *)buf + i;
    if (*u > 0 && *u < 0x80) {
      line += *u == '\n';
      i++;
      continue;
    }
    if (*u == 0)
      return rs__diag_add(d, RS_ESYNTAX, name, line, rs__csv_col_at(buf, i),
                          "NUL byte: a CSV file must be UTF-8 text");
    size_t k = rs__utf8_len(u, len - i);
    if (!k)
      return rs__diag_add(d, RS_ESYNTAX, name, line, rs__csv_col_at(buf, i),
                          "invalid UTF-8 byte 0x%02X", *u);
    i += k;
  }
  c->buf = buf;
  c->len = len;
  c->nlines = line;
  return RS_OK;
}

/* A field's end: strchr(",\r\n", ch) without the call per byte. */
static inline int rs__csv_stop(char ch) { return ch == ',' || ch == '\r' || ch == '\n'; }

static void rs__csv_skip_line(rs__csv *c) {
  while (c->pos < c->len && c->buf[c->pos] != '\n') c->pos++;
  if (c->pos < c->len) c->pos++;
  c->line++;
  c->linestart = c->pos;
}

static int rs__csv_err(rs__csv *c, rs_diag *d, int line, int col, const char *msg) {
  rs__diag_add(d, RS_ESYNTAX, c->name, line, col, "%s", msg);
  rs__csv_skip_line(c);
  return RS_ESYNTAX;
}

/* Blank lines (and stray CRs) before a record are skipped. */
static void rs__csv_skip_blank(rs__csv *c) {
  while (c->pos < c->len && (c->buf[c->pos] == '\n' || c->buf[c->pos] == '\r')) {
    if (c->buf[c->pos] == '\n') c->line++, c->linestart = c->pos + 1;
    c->pos++;
  }
}

int rs__csv_next(rs__csv *c, rs_diag *d) {
  rs__csv_skip_blank(c);
  if (c->pos >= c->len) return 0;
  c->nf = 0;
  c->row_line = c->line;
  for (;;) {
    int line = c->line, col = (int)(c->pos - c->linestart + 1);
    if (c->nf == RS__CSV_MAX_COLS) return rs__csv_err(c, d, line, col, "more than 32 fields");
    char *out = c->f[c->nf];
    size_t n = 0;
    int toolong = 0;
    if (c->pos < c->len && c->buf[c->pos] == '"') {
      c->pos++;
      for (;;) {
        if (c->pos >= c->len)
          return rs__csv_err(c, d, line, col, "unterminated quoted field");
        char ch = c->buf[c->pos];
        if (ch == '"') {
          if (c->pos + 1 < c->len && c->buf[c->pos + 1] == '"') c->pos++;
          else {
            c->pos++;
            break;
          }
        } else if (ch == '\n') {
          c->line++;
          c->linestart = c->pos + 1;
        }
        if (n < RS__CSV_MAX_FIELD) out[n++] = ch;
        else toolong = 1;
        c->pos++;
      }
      if (c->pos < c->len && !rs__csv_stop(c->buf[c->pos]))
        return rs__csv_err(c, d, c->line, (int)(c->pos - c->linestart + 1),
                           "unexpected character after a closing quote");
    } else {
      while (c->pos < c->len && !rs__csv_stop(c->buf[c->pos])) {
        if (c->buf[c->pos] == '"')
          return rs__csv_err(c, d, line, (int)(c->pos - c->linestart + 1),
                             "quote inside an unquoted field (quote the whole field)");
        if (n < RS__CSV_MAX_FIELD) out[n++] = c->buf[c->pos];
        else toolong = 1;
        c->pos++;
      }
    }
    out[n] = 0;
    c->fline[c->nf] = line;
    c->fcol[c->nf] = col;
    c->nf++;
    c->cut[c->nf - 1] = (unsigned char)toolong;
    if (toolong && !c->allow_cut) return rs__csv_err(c, d, line, col, "field longer than 255 bytes");
    if (c->pos < c->len && c->buf[c->pos] == ',') {
      c->pos++;
      continue;
    }
    if (c->pos < c->len && c->buf[c->pos] == '\r') c->pos++;
    if (c->pos < c->len && c->buf[c->pos] == '\n') c->pos++;
    c->line++;
    c->linestart = c->pos;
    return 1;
  }
}

int rs__csv_header(rs__csv *c, const char *const *cols, int ncols, int *idx, rs_diag *d) {
  return rs__csv_header_opt(c, cols, ncols, ncols, idx, d);
}

int rs__csv_header_opt(rs__csv *c, const char *const *cols, int nreq, int ncols, int *idx,
                       rs_diag *d) {
  int rc = rs__csv_next(c, d);
  if (rc == 0) return rs__diag_add(d, RS_ESYNTAX, c->name, 1, 1, "empty file: a header is required");
  if (rc < 0) return rc;
  char expected[512] = "";
  for (int j = 0; j < ncols; j++) {
    idx[j] = -1;
    if (j == nreq) strncat(expected, " and optionally ", sizeof expected - strlen(expected) - 1);
    strncat(expected, cols[j], sizeof expected - strlen(expected) - 2);
    if (j + 1 < ncols && j + 1 != nreq) strcat(expected, ",");
  }
  int bad = 0;
  for (int i = 0; i < c->nf; i++) {
    int j = 0;
    while (j < ncols && strcmp(cols[j], c->f[i])) j++;
    if (j == ncols) {
      const char *s = rs__suggest(c->f[i], cols, (size_t)ncols);
      char hint[80] = "";
      if (s) snprintf(hint, sizeof hint, " (did you mean '%s'?)", s);
      bad = rs__diag_add(d, RS_ESYNTAX, c->name, c->fline[i], c->fcol[i],
                         "unexpected column '%s'%s; expected columns %s", c->f[i], hint, expected);
    } else if (idx[j] >= 0) {
      bad = rs__diag_add(d, RS_ESYNTAX, c->name, c->fline[i], c->fcol[i],
                         "column '%s' appears twice", c->f[i]);
    } else {
      idx[j] = i;
    }
  }
  for (int j = 0; j < nreq; j++)
    if (idx[j] < 0)
      bad = rs__diag_add(d, RS_ESYNTAX, c->name, c->row_line, 1,
                         "missing column '%s'; expected columns %s", cols[j], expected);
  return bad;
}

/* ---- the two tables ------------------------------------------------------- */

/* Read PATH into *BUF and start reading it as CSV into *C. The scenario hash
 * takes in the file's bytes here, or, when UNHASHED is given, the caller does
 * (*UNHASHED: how many bytes). */
static int rs__csv_open(struct rs__bind *b, const struct rs__ynode *pathnode, const char *key,
                        const char *path, rs__csv **c, char **buf, size_t *unhashed) {
  size_t len;
  char why[256];
  int rc = rs__source_read(path, RS__CSV_MAX_BYTES, buf, &len, why, sizeof why);
  if (rc) return rs__bind_err(b, pathnode, rc, "'%s': cannot read '%s': %s", key, path, why);
  if (unhashed) *unhashed = len;
  else b->hash = rs__fnv1a(b->hash, *buf, len);
  *c = malloc(sizeof **c);
  if (!*c) {
    free(*buf);
    return RS_ENOMEM;
  }
  rc = rs__csv_init(*c, path, *buf, len, b->d);
  if (rc) {
    b->nerr++;
    free(*c);
    free(*buf);
  }
  return rc;
}

static int rs__csv_fail(struct rs__bind *b, const rs__csv *c, int field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int rs__csv_fail(struct rs__bind *b, const rs__csv *c, int field, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rs__diag_vadd(b->d, RS_EINVAL, c->name, c->fline[field], c->fcol[field], fmt, ap);
  va_end(ap);
  b->nerr++;
  return RS_EINVAL;
}

static int rs__csv_station(struct rs__bind *b, const rs__csv *c, int field, const char *col,
                           int *out) {
  *out = rs__station_find(b, c->f[field]);
  if (*out >= 0) return RS_OK;
  const char *s = rs__station_suggest(b, c->f[field]);
  char hint[80] = "";
  if (s) snprintf(hint, sizeof hint, " (did you mean '%s'?)", s);
  return rs__csv_fail(b, c, field, "unknown station '%s' in column '%s'%s", c->f[field], col,
                      hint);
}

static int rs__csv_time(struct rs__bind *b, const rs__csv *c, int field, const char *col,
                        double *out) {
  int rc = rs__time_parse_service(c->f[field], out);
  if (rc == -1)
    return rs__csv_fail(b, c, field, "'%s' must be a time HH:MM[:SS] or seconds, got '%s'", col,
                        c->f[field]);
  if (rc == -2)
    return rs__csv_fail(b, c, field,
                        "'%s' is out of range, got '%s' (hour must be 0-47: past 24 is after "
                        "midnight on the same service day; minutes and seconds 0-59)",
                        col, c->f[field]);
  return RS_OK;
}

static int rs__csv_id(struct rs__bind *b, const rs__csv *c, int field, const char *what,
                      char *out) {
  size_t n = strlen(c->f[field]);
  if (n == 0) return rs__csv_fail(b, c, field, "empty %s", what);
  if (n >= RS__ID_MAX)
    return rs__csv_fail(b, c, field, "%s '%s' is longer than %d bytes", what, c->f[field],
                        RS__ID_MAX - 1);
  memcpy(out, c->f[field], n + 1);
  return RS_OK;
}

static int rs__grow_rows(void **p, int *cap, int need, size_t elem) {
  if (need <= *cap) return RS_OK;
  int c = *cap ? *cap * 2 : 256;
  void *q = realloc(*p, (size_t)c * elem);
  if (!q) return RS_ENOMEM;
  *p = q;
  *cap = c;
  return RS_OK;
}

typedef struct rs__idref {
  const char *id;
  int line, col;
  int row;  /* index of the row holding the id (rows move while growing) */
  int32_t date; /* ids are unique per service date (dated files) */
} rs__idref;

/* Hash of an id and its date (FNV-1a over the bytes, then the date mixed in). */
static uint64_t rs__idref_hash(const rs__idref *r) {
  uint64_t h = 1469598103934665603ULL;
  for (const unsigned char *p = (const unsigned char *)r->id; *p; p++) h = (h ^ *p) * 1099511628211ULL;
  h ^= (uint64_t)(uint32_t)r->date * 0x9e3779b97f4a7c15ULL;
  return h ^ (h >> 29);
}

/* Report repeated ids among REFS[0..n), in file order, at each later occurrence.
 * An open-addressing table of first occurrences: O(n) where sorting the ids
 * with strcmp was a quarter of loading a 3-million-row replay (issue 17).
 * RS_ENOMEM when the table cannot be had. */
static int rs__csv_dups(struct rs__bind *b, const char *file, rs__idref *refs, int n,
                        int trains) {
  if (n < 2) return RS_OK;
  size_t cap = 16;
  while (cap < 2 * (size_t)n) cap *= 2;
  int *slot = malloc(cap * sizeof *slot);
  if (!slot) return RS_ENOMEM;
  for (size_t i = 0; i < cap; i++) slot[i] = -1;
  for (int i = 0; i < n; i++) {
    size_t h = (size_t)rs__idref_hash(&refs[i]) & (cap - 1);
    while (slot[h] >= 0) {
      const rs__idref *f = &refs[slot[h]];
      if (f->date == refs[i].date && !strcmp(f->id, refs[i].id)) break;
      h = (h + 1) & (cap - 1);
    }
    if (slot[h] < 0) {
      slot[h] = i;
      continue;
    }
    int first = refs[slot[h]].line;
    if (trains)
      rs__diag_add(b->d, RS_EINVAL, file, refs[i].line, refs[i].col,
                   "train '%s' reappears: its rows must be contiguous (first block at line %d)",
                   refs[i].id, first);
    else
      rs__diag_add(b->d, RS_EINVAL, file, refs[i].line, refs[i].col,
                   "duplicate trip id '%s' (first at line %d)", refs[i].id, first);
    b->nerr++;
  }
  free(slot);
  return RS_OK;
}

static int rs__csv_date(struct rs__bind *b, const rs__csv *c, int field, int32_t *out) {
  if (rs__date_parse(c->f[field], out) == 0) return RS_OK;
  return rs__csv_fail(b, c, field, "'date' must be a date YYYY-MM-DD, got '%s'", c->f[field]);
}

/* ---- trips_csv (issue 17: millions of rows) --------------------------------
 * A plain record (no quote, no stray CR, as many fields as the header) whose
 * fields are all valid is read straight from the buffer: fields as slices,
 * stations by a small hash, times by a fixed-format parser, the id copied into
 * the demand's arena. Anything else -- a quoted field, an error, a time in
 * seconds, the row limit -- is read again by the general reader and checked
 * field by field as before, so every message and its position stay as they were. */

typedef struct rs__fld {
  const char *p;
  size_t n;
} rs__fld;

/* Bytes that end or spoil a plain field: 1 ',', 2 LF, 3 CR, 4 '"', 5 NUL (the
 * reader's buffers end with one; the file itself holds none, rs__csv_init). */
static const unsigned char rs__csv_cls[256] = {[','] = 1, ['\n'] = 2, ['\r'] = 3, ['"'] = 4, [0] = 5};

/* Split the record at C->pos into exactly NF plain fields. The position after
 * the record, or 0 when it is not plain (the general reader takes it). */
static size_t rs__csv_plain(const rs__csv *c, int nf, rs__fld *f) {
  const unsigned char *b = (const unsigned char *)c->buf;
  size_t i = c->pos, len = c->len;
  for (int k = 0; k < nf; k++) {
    size_t s = i;
    while (!rs__csv_cls[b[i]]) i++;
    if (i - s > RS__CSV_MAX_FIELD) return 0;
    f[k] = (rs__fld){c->buf + s, i - s};
    int cl = i < len ? rs__csv_cls[b[i]] : 2; /* the end of the file ends the record */
    if (cl == 1 && k + 1 < nf) {
      i++;
      continue;
    }
    if (k + 1 < nf || cl == 1 || cl >= 4) return 0; /* too few or too many fields, a quote */
    if (i >= len) return len;
    if (cl == 3 && (++i >= len || b[i] != '\n')) return 0; /* a lone CR: the general reader */
    return i + 1;
  }
  return 0;
}

/* The line's station ids by hash: index + 1 in slot[], 0 empty. USABLE is 0
 * when an id could not be entered (a repeated id, already an error elsewhere):
 * then every row takes the general path and rs__station_find answers. */
#define RS__STH_CAP 2048 /* a power of two, at least twice the 500 stations of a line */
typedef struct rs__st_hash {
  int16_t slot[RS__STH_CAP];
  int usable;
} rs__st_hash;

/* Length, first, middle and last byte: enough to tell a line's stations apart
 * (collisions only probe further), and no loop over the id. N >= 1. */
static uint32_t rs__st_hash_of(const char *p, size_t n) {
  const unsigned char *u = (const unsigned char *)p;
  uint32_t h = (uint32_t)n | (uint32_t)u[0] << 8 | (uint32_t)u[n / 2] << 16 | (uint32_t)u[n - 1] << 24;
  h *= 0x9E3779B1u;
  return h ^ (h >> 16);
}

/* Index of the station whose id is P[0..n), -1 when none. */
static inline int rs__st_lookup(const rs__st_hash *t, const rs_scenario *s, const char *p, size_t n) {
  if (n == 0 || n >= RS__ID_MAX) return -1;
  for (uint32_t h = rs__st_hash_of(p, n) & (RS__STH_CAP - 1); t->slot[h];
       h = (h + 1) & (RS__STH_CAP - 1)) {
    const char *id = s->st[t->slot[h] - 1].id;
    if (id[n] == 0 && memcmp(id, p, n) == 0) return t->slot[h] - 1;
  }
  return -1;
}

/* The stations rs__station_find searches, entered by their ids. */
static void rs__st_hash_init(rs__st_hash *t, const struct rs__bind *b) {
  memset(t->slot, 0, sizeof t->slot);
  t->usable = b->nst_sorted <= 500;
  for (int i = 0; t->usable && i < b->nst_sorted; i++) {
    int k = b->st_sorted[i];
    const char *id = b->s->st[k].id;
    size_t n = strlen(id);
    if (rs__st_lookup(t, b->s, id, n) >= 0) t->usable = 0; /* repeated */
    uint32_t h = rs__st_hash_of(id, n) & (RS__STH_CAP - 1);
    while (t->slot[h]) h = (h + 1) & (RS__STH_CAP - 1);
    t->slot[h] = (int16_t)(k + 1);
  }
}

/* Two decimal digits at P into *V; 0 when they are not digits. */
static inline int rs__dig2(const char *p, int *v) {
  unsigned a = (unsigned)(unsigned char)p[0] - '0', b = (unsigned)(unsigned char)p[1] - '0';
  *v = (int)(a * 10 + b);
  return a < 10 && b < 10;
}

/* H:MM, HH:MM, H:MM:SS or HH:MM:SS with hours 0-47: 1 and *OUT, the value
 * rs__time_parse_service gives (whole seconds: exact in a double); 0 for
 * anything else (fractions, plain seconds, errors), left to it. */
static int rs__time_plain(const char *p, size_t n, double *out) {
  size_t hl = (n == 4 || n == 7) ? 1 : (n == 5 || n == 8) ? 2 : 0;
  if (!hl || p[hl] != ':' || (n > hl + 3 && p[hl + 3] != ':')) return 0;
  int h = (int)(unsigned char)p[0] - '0', m, sec = 0;
  if (hl == 1 ? h < 0 || h > 9 : !rs__dig2(p, &h)) return 0;
  if (!rs__dig2(p + hl + 1, &m) || (n > hl + 3 && !rs__dig2(p + hl + 4, &sec))) return 0;
  if (h >= RS__DAY_MAX_H || m > 59 || sec > 59) return 0;
  *out = h * 3600.0 + m * 60.0 + sec;
  return 1;
}

/* The arena of ids: ID (N bytes) appended with its NUL; *OFF its offset. */
static int rs__trip_id_add(rs__demand *dm, size_t *cap, const char *id, size_t n, uint32_t *off) {
  if (dm->ids_len + n + 1 > *cap) {
    size_t c = *cap ? *cap * 2 : 4096;
    while (c < dm->ids_len + n + 1) c *= 2;
    if (c > UINT32_MAX) return RS_ELIMIT;
    char *p = realloc(dm->ids, c);
    if (!p) return RS_ENOMEM;
    dm->ids = p;
    *cap = c;
  }
  memcpy(dm->ids + dm->ids_len, id, n);
  dm->ids[dm->ids_len + n] = 0;
  *off = (uint32_t)dm->ids_len;
  dm->ids_len += n + 1;
  return RS_OK;
}

/* What reading trips_csv keeps between rows. COL: the id's column of each row
 * when one is not 1 (dated files, quoted or reordered columns); NULL while all are 1. */
typedef struct rs__trips_rd {
  struct rs__bind *b;
  rs__csv *c;
  rs__st_hash st;
  int idx[5], nhdr, cap, colcap;
  size_t idcap;
  uint32_t *col;
} rs__trips_rd;

/* Record the id's column of row I (1 is implied while COL is NULL). */
static int rs__trips_col(rs__trips_rd *r, int i, int col) {
  if (!r->col && col == 1) return RS_OK;
  if (i >= r->colcap) {
    int had = r->col ? r->colcap : 0, want = r->cap > i ? r->cap : i + 1;
    uint32_t *p = realloc(r->col, (size_t)want * sizeof *p);
    if (!p) return RS_ENOMEM;
    r->col = p;
    r->colcap = want;
    for (int k = had; k < i; k++) r->col[k] = 1;
  }
  r->col[i] = (uint32_t)col;
  return RS_OK;
}

/* The record at C->pos when it is plain and valid: 1 and the row appended; 0
 * (nothing read) otherwise. Negative when memory fails. */
static int rs__trip_plain(rs__trips_rd *r) {
  rs__csv *c = r->c;
  rs__demand *dm = &r->b->s->demand;
  rs__fld f[5];
  size_t end = rs__csv_plain(c, r->nhdr, f);
  if (!end || !r->st.usable || dm->ntrips >= RS__CSV_MAX_ROWS || dm->ntrips >= r->cap) return 0;
  const rs__fld *fi = &f[r->idx[0]];
  rs__trip_row t = {0};
  int o = rs__st_lookup(&r->st, r->b->s, f[r->idx[1]].p, f[r->idx[1]].n);
  int d = rs__st_lookup(&r->st, r->b->s, f[r->idx[2]].p, f[r->idx[2]].n);
  if (fi->n == 0 || fi->n >= RS__ID_MAX || o < 0 || d < 0 || o == d ||
      !rs__time_plain(f[r->idx[3]].p, f[r->idx[3]].n, &t.time_s))
    return 0;
  t.date = RS__DATE_NONE;
  if (r->nhdr == 5) {
    char ds[16];
    const rs__fld *fd = &f[r->idx[4]];
    if (fd->n >= sizeof ds) return 0;
    memcpy(ds, fd->p, fd->n);
    ds[fd->n] = 0;
    if (rs__date_parse(ds, &t.date)) return 0;
  }
  int rc = rs__trip_id_add(dm, &r->idcap, fi->p, fi->n, &t.id);
  if (!rc) rc = rs__trips_col(r, dm->ntrips, (int)(fi->p - (c->buf + c->linestart)) + 1);
  if (rc) return rc;
  t.origin = (int16_t)o;
  t.dest = (int16_t)d;
  t.line = c->line;
  dm->trips[dm->ntrips++] = t;
  c->row_line = c->line++;
  c->pos = c->linestart = end;
  return 1;
}

/* The record at C->pos by the general reader, every problem reported. 0 at
 * the end of the file, 1 when read (valid or not), negative to stop. */
static int rs__trip_general(rs__trips_rd *r) {
  struct rs__bind *b = r->b;
  rs__csv *c = r->c;
  rs__demand *dm = &b->s->demand;
  const int *idx = r->idx;
  int rd = rs__csv_next(c, b->d);
  if (rd == 0) return 0;
  if (rd < 0) return b->nerr++, 1;
  if (c->nf != r->nhdr) {
    rs__diag_add(b->d, RS_ESYNTAX, c->name, c->row_line, 1, "row has %d fields, the header has %d",
                 c->nf, r->nhdr);
    return b->nerr++, 1;
  }
  if (dm->ntrips >= RS__CSV_MAX_ROWS) {
    b->nerr++;
    return rs__diag_add(b->d, RS_ELIMIT, c->name, c->row_line, 1, "more than %d rows",
                        RS__CSV_MAX_ROWS);
  }
  if (rs__grow_rows((void **)&dm->trips, &r->cap, dm->ntrips + 1, sizeof *dm->trips))
    return RS_ENOMEM;
  rs__trip_row *t = &dm->trips[dm->ntrips];
  memset(t, 0, sizeof *t);
  t->line = c->row_line;
  char id[RS__ID_MAX];
  int o = -1, d = -1;
  int idok = !rs__csv_id(b, c, idx[0], "trip id", id);
  int ok = idok & !rs__csv_station(b, c, idx[1], "origin", &o);
  ok &= !rs__csv_station(b, c, idx[2], "destination", &d);
  t->origin = (int16_t)o;
  t->dest = (int16_t)d;
  if (ok && t->origin == t->dest)
    ok = !rs__csv_fail(b, c, idx[2], "destination is the same station as origin ('%s')",
                       c->f[idx[2]]);
  ok &= !rs__csv_time(b, c, idx[3], "time", &t->time_s);
  t->date = RS__DATE_NONE;
  if (dm->dated) ok &= !rs__csv_date(b, c, idx[4], &t->date);
  (void)ok; /* a row with errors is kept: the load fails once every row is checked */
  int rc = idok ? rs__trip_id_add(dm, &r->idcap, id, strlen(id), &t->id) : RS_OK;
  if (!rc && idok) rc = rs__trips_col(r, dm->ntrips, c->fcol[idx[0]]);
  if (rc) return rc;
  dm->ntrips++;
  return 1;
}

/* Hash of an id and its date (FNV-1a over the bytes, then the date mixed in). */
static uint64_t rs__trip_hash(const char *id, int32_t date) {
  uint64_t h = 1469598103934665603ULL;
  for (const unsigned char *p = (const unsigned char *)id; *p; p++) h = (h ^ *p) * 1099511628211ULL;
  h ^= (uint64_t)(uint32_t)date * 0x9e3779b97f4a7c15ULL;
  return h ^ (h >> 29);
}

/* Repeated ids (within a date), in file order, each reported at its later
 * occurrence and naming the first. Run once the file is read, its table in
 * SCRATCH (the file's buffer, SCRATCH_LEN bytes, no longer needed) when it
 * fits: so the table never adds to the peak of reading, nor faults in pages
 * of its own. Slots: the row + 1 and 32 bits of its hash, so that most probes
 * compare no id. COL: rs__trips_rd. */
static int rs__trip_dups(struct rs__bind *b, const char *file, const rs__demand *dm,
                         const uint32_t *col, void *scratch, size_t scratch_len) {
  int n = dm->ntrips;
  if (n < 2) return RS_OK;
  size_t cap = 16;
  while (cap < 2 * (size_t)n) cap *= 2;
  uint64_t *slot = scratch_len >= cap * sizeof *slot ? scratch : calloc(cap, sizeof *slot);
  if (!slot) return RS_ENOMEM;
  if (slot == scratch) memset(slot, 0, cap * sizeof *slot);
  /* Hashes taken RS__AHEAD rows in advance and their slots prefetched: the
   * table is far larger than the caches, and waiting for each slot in turn
   * was most of the check's time. */
  enum { RS__AHEAD = 16 };
  uint64_t ring[RS__AHEAD];
  for (int j = 0; j < RS__AHEAD && j < n; j++) {
    ring[j] = rs__trip_hash(dm->ids + dm->trips[j].id, dm->trips[j].date);
    __builtin_prefetch(&slot[ring[j] & (cap - 1)]);
  }
  for (int i = 0; i < n; i++) {
    const rs__trip_row *t = &dm->trips[i];
    uint64_t h = ring[i % RS__AHEAD];
    if (i + RS__AHEAD < n) {
      const rs__trip_row *u = t + RS__AHEAD;
      uint64_t hu = rs__trip_hash(dm->ids + u->id, u->date);
      ring[i % RS__AHEAD] = hu;
      __builtin_prefetch(&slot[hu & (cap - 1)]);
    }
    if (!t->id) continue; /* no valid id: reported already */
    const char *id = dm->ids + t->id;
    uint32_t tag = (uint32_t)(h >> 32);
    size_t k = (size_t)h & (cap - 1);
    for (; slot[k]; k = (k + 1) & (cap - 1)) {
      const rs__trip_row *f = &dm->trips[(uint32_t)slot[k] - 1];
      if ((uint32_t)(slot[k] >> 32) == tag && f->date == t->date && !strcmp(dm->ids + f->id, id))
        break;
    }
    if (!slot[k]) {
      slot[k] = (uint64_t)tag << 32 | (uint32_t)(i + 1);
      continue;
    }
    rs__diag_add(b->d, RS_EINVAL, file, t->line, col ? (int)col[i] : 1,
                 "duplicate trip id '%s' (first at line %d)", id,
                 dm->trips[(uint32_t)slot[k] - 1].line);
    b->nerr++;
  }
  if (slot != scratch) free(slot);
  return RS_OK;
}

/* Rows for at most the file's lines, ids for at most its bytes: reserved, not
 * touched (only the pages written count), trimmed once read. */
static int rs__trips_reserve(rs__trips_rd *r) {
  rs__demand *dm = &r->b->s->demand;
  r->cap = r->c->nlines < RS__CSV_MAX_ROWS ? r->c->nlines : RS__CSV_MAX_ROWS;
  dm->trips = malloc((size_t)r->cap * sizeof *dm->trips);
  if (!dm->trips) return RS_ENOMEM;
  r->idcap = r->c->len + 2;
  dm->ids = malloc(r->idcap);
  if (!dm->ids) return RS_ENOMEM;
  uint32_t off;
  return rs__trip_id_add(dm, &r->idcap, "", 0, &off); /* ids[0] = "": a row without a valid id */
}

/* Trimmed to what was read; no rows: no table (the engine takes a NULL table for
 * generated demand, as before). */
static void rs__trips_trim(rs__demand *dm) {
  if (!dm->ntrips) {
    free(dm->trips);
    dm->trips = NULL;
  }
  void *p = dm->ntrips ? realloc(dm->trips, (size_t)dm->ntrips * sizeof *dm->trips) : NULL;
  if (p) dm->trips = p;
  p = realloc(dm->ids, dm->ids_len);
  if (p) dm->ids = p;
}

/* The scenario hash of a big file, on a thread of its own while the rows are
 * parsed (FNV-1a is one multiplication a byte, in sequence: about 1 ms for
 * a million bytes). The same value as hashed in line. */
#define RS__HASH_THREAD_MIN (256u * 1024u)
typedef struct rs__hash_job {
  uint64_t h;
  const char *p;
  size_t n;
  pthread_t th;
  int threaded;
} rs__hash_job;

static void *rs__hash_run(void *arg) {
  rs__hash_job *j = arg;
  j->h = rs__fnv1a(j->h, j->p, j->n);
  return NULL;
}

static void rs__hash_start(rs__hash_job *j) {
  j->threaded = j->n >= RS__HASH_THREAD_MIN && pthread_create(&j->th, NULL, rs__hash_run, j) == 0;
  if (!j->threaded) rs__hash_run(j);
}

static uint64_t rs__hash_finish(rs__hash_job *j) {
  if (j->threaded) pthread_join(j->th, NULL);
  j->threaded = 0;
  return j->h;
}

int rs__csv_load_trips(struct rs__bind *b, const struct rs__ynode *pathnode, const char *path) {
  static const char *const cols[] = {"id", "origin", "destination", "time", "date"};
  rs__trips_rd r = {.b = b};
  char *buf;
  rs__hash_job hj = {.h = b->hash};
  int rc = rs__csv_open(b, pathnode, "demand.trips_csv", path, &r.c, &buf, &hj.n);
  if (rc) return rc;
  hj.p = buf; /* read only until rs__hash_finish: the rows are parsed out of it */
  rs__hash_start(&hj);
  rs__demand *dm = &b->s->demand;
  int nerr0 = b->nerr;
  rc = rs__csv_header_opt(r.c, cols, 4, 5, r.idx, b->d);
  if (rc) b->nerr++;
  r.nhdr = 4 + (r.idx[4] >= 0);
  dm->dated = r.idx[4] >= 0;
  rs__st_hash_init(&r.st, b);
  if (!rc) rc = rs__trips_reserve(&r);
  for (int got = 1; !rc && got > 0;) {
    rs__csv_skip_blank(r.c);
    got = r.c->pos < r.c->len ? rs__trip_plain(&r) : 0;
    if (got == 0) got = rs__trip_general(&r);
    if (got < 0) rc = got;
  }
  size_t buflen = r.c->len; /* at most what was allocated: a BOM only shortens it */
  free(r.c);
  b->hash = rs__hash_finish(&hj); /* before the buffer is written to or freed */
  if (!rc) rs__trips_trim(dm);
  if (!rc) rc = rs__trip_dups(b, path, dm, r.col, buf, buflen); /* in the buffer's memory */
  free(buf);
  if (!rc && dm->dated && rs__sort_trips_by_date(dm)) rc = RS_ENOMEM;
  free(r.col);
  if (rc) return rc;
  return b->nerr > nerr0 ? RS_EINVAL : RS_OK;
}

/* A header with GTFS stop_times.txt columns (after a failed header check). */
static int rs__csv_looks_gtfs(const rs__csv *c) {
  int n = 0;
  for (int i = 0; i < c->nf; i++)
    n += !strcmp(c->f[i], "arrival_time") || !strcmp(c->f[i], "stop_sequence");
  return n == 2;
}

/* The optional columns of a departures row: date, GTFS trip_id, stop_id, stop_sequence. */
static int rs__csv_dep_extras(struct rs__bind *b, const rs__csv *c, const int *idx, rs__dep_row *w) {
  rs__timetable *tt = &b->s->timetable;
  w->date = RS__DATE_NONE;
  w->stop_seq = -1;
  if (idx[4] >= 0) rs__csv_date(b, c, idx[4], &w->date);
  if (idx[5] >= 0 && rs__tt_id_add(tt, c->f[idx[5]], &w->trip_ref)) return RS_ENOMEM;
  if (idx[6] >= 0 && rs__tt_id_add(tt, c->f[idx[6]], &w->stop_ref)) return RS_ENOMEM;
  if (idx[7] >= 0) {
    char *end;
    long v = strtol(c->f[idx[7]], &end, 10);
    if (!*c->f[idx[7]] || *end || v < 0 || v > 100000000)
      rs__csv_fail(b, c, idx[7], "'stop_sequence' must be a whole number >= 0, got '%s'", c->f[idx[7]]);
    else
      w->stop_seq = (int)v;
  }
  return RS_OK;
}

/* A train's row after its first: times go forward, no station twice, one direction
 * (DIR: +1/-1 in KM, 0 before the second stop). The row is tt->rows[tt->nrows]. */
static void rs__dep_follows(struct rs__bind *b, const rs__csv *c, const int *idx, int run0, int ok,
                            int tok, const double *km, int *dir) {
  const rs__timetable *tt = &b->s->timetable;
  const rs__dep_row *w = &tt->rows[tt->nrows], *pv = w - 1;
  if (tok && pv->dep_s > w->arr_s)
    rs__csv_fail(b, c, idx[2], "arrival %s is before the departure from the previous stop",
                 c->f[idx[2]]);
  if (!ok || pv->station < 0) return;
  int twice = 0;
  for (int k = run0; k < tt->nrows; k++) twice |= tt->rows[k].station == w->station;
  double dk = km[w->station] - km[pv->station];
  int sgn = dk > 0 ? 1 : -1;
  if (twice)
    rs__csv_fail(b, c, idx[1], "station '%s' appears twice in train '%s'", c->f[idx[1]], w->train);
  else if (*dir && sgn != *dir)
    rs__csv_fail(b, c, idx[1], "train '%s' reverses direction at '%s'", w->train, c->f[idx[1]]);
  *dir = sgn;
}

int rs__csv_load_departures(struct rs__bind *b, const struct rs__ynode *pathnode,
                            const char *path) {
  static const char *const cols[] = {"train", "station", "arrival", "departure",
                                     "date", "trip_id", "stop_id", "stop_sequence"};
  rs__csv *c;
  char *buf;
  double *km = rs__line_km_accepted(b->s); /* no direction judged on a km out of order */
  int rc = km ? rs__csv_open(b, pathnode, "timetable.departures_csv", path, &c, &buf, NULL)
              : RS_ENOMEM;
  if (rc) {
    free(km);
    return rc;
  }
  rs__timetable *tt = &b->s->timetable;
  int idx[8], cap = 0, capref = 0, nruns = 0, nerr0 = b->nerr, nhdr = 0;
  int run0 = 0, dir = 0; /* first row of the current train; +1/-1 km direction */
  rs__idref *runs = NULL;
  rc = rs__csv_header_opt(c, cols, 4, 8, idx, b->d);
  if (rc) b->nerr++;
  if (rc && rs__csv_looks_gtfs(c))
    rs__diag_add(b->d, RS_EINVAL, c->name, 1, 1,
                 "this is a GTFS stop_times.txt: import the whole feed with `ridersim import-gtfs "
                 "FEED -o DIR`, which writes a departures_csv");
  for (int j = 0; j < 8; j++) nhdr += idx[j] >= 0;
  tt->dated = idx[4] >= 0;
  if (!rc && rs__tt_id_add(tt, "", NULL)) rc = RS_ENOMEM;
  for (;;) {
    int r = rc ? 0 : rs__csv_next(c, b->d);
    if (r < 0) {
      b->nerr++;
      continue;
    }
    int32_t rdate = RS__DATE_NONE;
    if (r > 0 && tt->dated && idx[4] < c->nf && rs__date_parse(c->f[idx[4]], &rdate)) rdate = RS__DATE_NONE;
    int newtrain = r == 0 || tt->nrows == run0 ||
                   strcmp(c->f[idx[0]], tt->rows[tt->nrows - 1].train) != 0 ||
                   rdate != tt->rows[tt->nrows - 1].date;
    if (r > 0 && c->nf != nhdr) {
      rs__diag_add(b->d, RS_ESYNTAX, c->name, c->row_line, 1,
                   "row has %d fields, the header has %d", c->nf, nhdr);
      b->nerr++;
      continue;
    }
    if (newtrain && tt->nrows > run0) {
      /* close the previous train */
      if (tt->nrows - run0 < 2) {
        rs__diag_add(b->d, RS_EINVAL, c->name, tt->rows[run0].line, 1,
                     "train '%s' has only one stop (at least 2 are needed)", tt->rows[run0].train);
        b->nerr++;
      }
      run0 = tt->nrows;
    }
    if (r == 0) break;
    if (tt->nrows >= RS__CSV_MAX_ROWS) {
      rc = rs__diag_add(b->d, RS_ELIMIT, c->name, c->row_line, 1, "more than %d rows",
                        RS__CSV_MAX_ROWS);
      b->nerr++;
      break;
    }
    if (rs__grow_rows((void **)&tt->rows, &cap, tt->nrows + 1, sizeof *tt->rows) ||
        rs__grow_rows((void **)&runs, &capref, nruns + 1, sizeof *runs)) {
      rc = RS_ENOMEM;
      break;
    }
    rs__dep_row *w = &tt->rows[tt->nrows];
    memset(w, 0, sizeof *w);
    w->line = c->row_line;
    w->station = -1;
    int ok = !rs__csv_id(b, c, idx[0], "train id", w->train);
    ok &= !rs__csv_station(b, c, idx[1], "station", &w->station);
    int tok = !rs__csv_time(b, c, idx[2], "arrival", &w->arr_s);
    tok &= !rs__csv_time(b, c, idx[3], "departure", &w->dep_s);
    if (tok && w->arr_s > w->dep_s)
      rs__csv_fail(b, c, idx[3], "departure %s is before arrival %s", c->f[idx[3]], c->f[idx[2]]);
    if (rs__csv_dep_extras(b, c, idx, w)) {
      rc = RS_ENOMEM;
      break;
    }
    if (newtrain) {
      runs[nruns++] = (rs__idref){NULL, c->row_line, c->fcol[idx[0]], tt->nrows, w->date};
      dir = 0;
    } else {
      rs__dep_follows(b, c, idx, run0, ok, tok, km, &dir);
    }
    tt->nrows++;
  }
  for (int i = 0; i < nruns; i++) runs[i].id = tt->rows[runs[i].row].train;
  if (!rc)
    rc = rs__csv_dups(b, c->name, runs, nruns, 1);
  if (!rc && tt->dated && rs__sort_rows_by_date(tt)) rc = RS_ENOMEM;
  free(km);
  free(runs);
  free(c);
  free(buf);
  if (rc) return rc;
  return b->nerr > nerr0 ? RS_EINVAL : RS_OK;
}
