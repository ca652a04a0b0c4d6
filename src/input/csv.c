/* CSV reader and the trips/departures tables. Positions are 1-based lines and
 * 1-based byte columns of the field's first character. */
#include <math.h>
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
  size_t ls = 0;
  for (size_t i = 0; i < len;) {
    const unsigned char *u = (const unsigned char *)buf + i;
    if (*u > 0 && *u < 0x80) { /* ASCII, most of a file: no decoding */
      if (*u == '\n') line++, ls = i + 1;
      i++;
      continue;
    }
    if (*u == 0)
      return rs__diag_add(d, RS_ESYNTAX, name, line, (int)(i - ls + 1),
                          "NUL byte: a CSV file must be UTF-8 text");
    size_t k = rs__utf8_len(u, len - i);
    if (!k)
      return rs__diag_add(d, RS_ESYNTAX, name, line, (int)(i - ls + 1),
                          "invalid UTF-8 byte 0x%02X", *u);
    if (*u == '\n') line++, ls = i + 1;
    i += k;
  }
  c->buf = buf;
  c->len = len;
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

int rs__csv_next(rs__csv *c, rs_diag *d) {
  /* Blank lines are skipped. */
  while (c->pos < c->len && (c->buf[c->pos] == '\n' || c->buf[c->pos] == '\r')) {
    if (c->buf[c->pos] == '\n') c->line++, c->linestart = c->pos + 1;
    c->pos++;
  }
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

static int rs__csv_open(struct rs__bind *b, const struct rs__ynode *pathnode, const char *key,
                        const char *path, rs__csv **c, char **buf) {
  size_t len;
  char why[256];
  int rc = rs__source_read(path, RS__CSV_MAX_BYTES, buf, &len, why, sizeof why);
  if (rc) return rs__bind_err(b, pathnode, rc, "'%s': cannot read '%s': %s", key, path, why);
  b->hash = rs__fnv1a(b->hash, *buf, len);
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

int rs__csv_load_trips(struct rs__bind *b, const struct rs__ynode *pathnode, const char *path) {
  static const char *const cols[] = {"id", "origin", "destination", "time", "date"};
  rs__csv *c;
  char *buf;
  int rc = rs__csv_open(b, pathnode, "demand.trips_csv", path, &c, &buf);
  if (rc) return rc;
  rs__demand *dm = &b->s->demand;
  int idx[5], cap = 0, capref = 0, nref = 0, nerr0 = b->nerr;
  rs__idref *refs = NULL;
  rc = rs__csv_header_opt(c, cols, 4, 5, idx, b->d);
  if (rc) b->nerr++;
  int nhdr = 4 + (idx[4] >= 0);
  dm->dated = idx[4] >= 0;
  while (!rc) {
    int r = rs__csv_next(c, b->d);
    if (r == 0) break;
    if (r < 0) {
      b->nerr++;
      continue;
    }
    if (c->nf != nhdr) {
      rs__diag_add(b->d, RS_ESYNTAX, c->name, c->row_line, 1,
                   "row has %d fields, the header has %d", c->nf, nhdr);
      b->nerr++;
      continue;
    }
    if (dm->ntrips >= RS__CSV_MAX_ROWS) {
      rc = rs__diag_add(b->d, RS_ELIMIT, c->name, c->row_line, 1, "more than %d rows",
                        RS__CSV_MAX_ROWS);
      b->nerr++;
      break;
    }
    if (rs__grow_rows((void **)&dm->trips, &cap, dm->ntrips + 1, sizeof *dm->trips) ||
        rs__grow_rows((void **)&refs, &capref, nref + 1, sizeof *refs)) {
      rc = RS_ENOMEM;
      break;
    }
    rs__trip_row *t = &dm->trips[dm->ntrips];
    memset(t, 0, sizeof *t);
    t->line = c->row_line;
    int ok = !rs__csv_id(b, c, idx[0], "trip id", t->id);
    ok &= !rs__csv_station(b, c, idx[1], "origin", &t->origin);
    ok &= !rs__csv_station(b, c, idx[2], "destination", &t->dest);
    if (ok && t->origin == t->dest)
      ok = !rs__csv_fail(b, c, idx[2], "destination is the same station as origin ('%s')",
                         c->f[idx[2]]);
    ok &= !rs__csv_time(b, c, idx[3], "time", &t->time_s);
    t->date = RS__DATE_NONE;
    if (dm->dated) ok &= !rs__csv_date(b, c, idx[4], &t->date);
    if (t->id[0]) refs[nref++] = (rs__idref){NULL, c->row_line, c->fcol[idx[0]], dm->ntrips, t->date};
    dm->ntrips++;
    (void)ok;
  }
  for (int k = 0; k < nref; k++) refs[k].id = dm->trips[refs[k].row].id;
  if (!rc) rc = rs__csv_dups(b, c->name, refs, nref, 0);
  if (!rc && dm->dated && rs__sort_trips_by_date(dm)) rc = RS_ENOMEM;
  free(refs);
  free(c);
  free(buf);
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
  int rc = km ? rs__csv_open(b, pathnode, "timetable.departures_csv", path, &c, &buf) : RS_ENOMEM;
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
