/* A GTFS feed read into string tables: a .zip through libzip (never a
 * hand-written unzip) or a folder of .txt files. The CSV grammar (quotes,
 * CRLF, a UTF-8 byte-order mark) is csv.c's. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "input/csv.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "input/gtfs.h"
#include "input/scenario_load.h"
#include "input/zipload.h"

#define RS__GTFS_CUT 1 /* rs__table_row: a field read was cut */

struct rs__gtfs_feed {
  char path[1024];
  zip_t *zip;   /* NULL for a folder */
  rs__zipapi z; /* libzip, loaded for a .zip only */
};

const char *rs__gtfs_path(const rs__gtfs_feed *f) { return f->path; }

int rs__gtfs_open(const char *path, rs__gtfs_feed **out, rs_diag *d) {
  *out = NULL;
  struct stat stt;
  if (stat(path, &stt) != 0)
    return rs__diag_add(d, RS_EINVAL, path, 0, 0, "no such file or folder (a GTFS .zip or a folder was expected)");
  rs__gtfs_feed *f = calloc(1, sizeof *f);
  if (!f) return RS_ENOMEM;
  snprintf(f->path, sizeof f->path, "%s", path);
  if (!S_ISDIR(stt.st_mode)) {
    int err = 0;
    char why[512];
    if (rs__zipapi_load(&f->z, why, sizeof why) != 0) {
      free(f);
      return rs__diag_add(d, RS_EIO, path, 0, 0, "%s", why);
    }
    f->zip = f->z.open(path, ZIP_RDONLY, &err);
    if (!f->zip) {
      zip_error_t ze;
      f->z.error_init_with_code(&ze, err);
      rs__diag_add(d, RS_EINVAL, path, 0, 0, "cannot open as a zip file: %s (a GTFS .zip or a folder was expected)",
                   f->z.error_strerror(&ze));
      f->z.error_fini(&ze);
      rs__zipapi_unload(&f->z);
      free(f);
      return RS_EINVAL;
    }
  }
  *out = f;
  return RS_OK;
}

void rs__gtfs_close(rs__gtfs_feed *f) {
  if (!f) return;
  if (f->zip) f->z.discard(f->zip);
  rs__zipapi_unload(&f->z);
  free(f);
}

/* Whole member NAME: 1 when read, 0 when the feed has no such file, <0 error. */
static int rs__gtfs_read(rs__gtfs_feed *f, const char *name, char **buf, size_t *len,
                         rs_diag *d) {
  *buf = NULL;
  *len = 0;
  if (!f->zip) {
    char p[1200], why[256];
    snprintf(p, sizeof p, "%s/%s", f->path, name);
    struct stat stt;
    if (stat(p, &stt) != 0) return 0;
    int rc = rs__source_read(p, RS__CSV_MAX_BYTES, buf, len, why, sizeof why);
    if (rc) return rs__diag_add(d, rc, p, 0, 0, "cannot read: %s", why);
    return 1;
  }
  /* Feeds zipped with their folder put the files one level down: NODIR finds them. */
  zip_int64_t ix = f->z.name_locate(f->zip, name, ZIP_FL_NODIR);
  if (ix < 0) return 0;
  zip_stat_t zs;
  if (f->z.stat_index(f->zip, (zip_uint64_t)ix, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE))
    return rs__diag_add(d, RS_EIO, f->path, 0, 0, "%s: cannot read its size in the zip", name);
  if (zs.size > RS__CSV_MAX_BYTES)
    return rs__diag_add(d, RS_ELIMIT, f->path, 0, 0, "%s: larger than %zu MiB once unpacked", name,
                        RS__CSV_MAX_BYTES >> 20);
  zip_file_t *zf = f->z.fopen_index(f->zip, (zip_uint64_t)ix, 0);
  if (!zf) return rs__diag_add(d, RS_EIO, f->path, 0, 0, "%s: %s", name, f->z.strerror(f->zip));
  char *b = malloc(zs.size + 1);
  if (!b) {
    f->z.fclose(zf);
    return RS_ENOMEM;
  }
  zip_int64_t got = f->z.fread(zf, b, zs.size);
  f->z.fclose(zf);
  if (got < 0 || (zip_uint64_t)got != zs.size) {
    free(b);
    return rs__diag_add(d, RS_EIO, f->path, 0, 0, "%s: damaged in the zip (read %lld of %llu bytes)",
                        name, (long long)got, (unsigned long long)zs.size);
  }
  b[zs.size] = 0;
  *buf = b;
  *len = zs.size;
  return 1;
}

static int rs__arena_add(rs__gtfs_table *t, const char *s, uint32_t *off) {
  size_t n = strlen(s);
  if (n == 0) {
    *off = 0; /* arena[0] is "" */
    return RS_OK;
  }
  if (t->alen + n + 1 > t->acap) {
    size_t cap = t->acap ? t->acap : 4096;
    while (cap < t->alen + n + 1) cap *= 2;
    if (cap > UINT32_MAX) return RS_ELIMIT;
    char *a = realloc(t->arena, cap);
    if (!a) return RS_ENOMEM;
    t->arena = a;
    t->acap = cap;
  }
  memcpy(t->arena + t->alen, s, n + 1);
  *off = (uint32_t)t->alen;
  t->alen += n + 1;
  return RS_OK;
}

static int rs__table_row(rs__gtfs_table *t, const rs__csv *c, const int *pos) {
  if (t->nrows == t->caprows) {
    int cap = t->caprows ? t->caprows * 2 : 256;
    uint32_t *cell = realloc(t->cell, (size_t)cap * (size_t)(t->ncols ? t->ncols : 1) * sizeof *cell);
    if (!cell) return RS_ENOMEM;
    t->cell = cell;
    int *ln = realloc(t->line, (size_t)cap * sizeof *ln);
    if (!ln) return RS_ENOMEM;
    t->line = ln;
    t->caprows = cap;
  }
  for (int j = 0; j < t->ncols; j++) {
    if (pos[j] >= 0 && pos[j] < c->nf && c->cut[pos[j]])
      return RS__GTFS_CUT;
    const char *v = pos[j] >= 0 && pos[j] < c->nf ? c->f[pos[j]] : "";
    /* GTFS says no spaces around fields; feeds have them anyway. */
    while (*v == ' ') v++;
    char tmp[RS__CSV_MAX_FIELD + 1];
    snprintf(tmp, sizeof tmp, "%s", v);
    size_t n = strlen(tmp);
    while (n > 0 && tmp[n - 1] == ' ') tmp[--n] = 0;
    int rc = rs__arena_add(t, tmp, &t->cell[(size_t)t->nrows * (size_t)t->ncols + (size_t)j]);
    if (rc) return rc;
  }
  t->line[t->nrows++] = c->row_line;
  return RS_OK;
}

static int rs__table_header(rs__gtfs_table *t, rs__csv *c, const char *const *cols, int n,
                            const unsigned char *req, int *pos, rs_diag *d) {
  int r = rs__csv_next(c, d);
  if (r <= 0) return r < 0 ? r : rs__diag_add(d, RS_ESYNTAX, t->where, 1, 1, "empty file: a header row is required");
  int bad = 0;
  for (int j = 0; j < n; j++) {
    pos[j] = -1;
    for (int i = 0; i < c->nf; i++) {
      const char *h = c->f[i];
      while (*h == ' ') h++;
      size_t hl = strlen(h);
      while (hl > 0 && h[hl - 1] == ' ') hl--;
      if (hl == strlen(cols[j]) && !strncmp(h, cols[j], hl)) pos[j] = i;
    }
    t->has[j] = pos[j] >= 0;
    if (pos[j] < 0 && req && req[j])
      bad = rs__diag_add(d, RS_ESYNTAX, t->where, 1, 1, "missing column '%s' (required by GTFS)", cols[j]);
  }
  return bad;
}

int rs__gtfs_table_load(rs__gtfs_feed *f, const char *file, const char *const *cols, int n,
                        const unsigned char *req, int required_file, rs__gtfs_table *t,
                        rs_diag *d) {
  memset(t, 0, sizeof *t);
  snprintf(t->file, sizeof t->file, "%s", file);
  snprintf(t->where, sizeof t->where, "%s%s%s", f->path, f->zip ? ":" : "/", file);
  t->ncols = n;
  t->has = calloc((size_t)n + 1, sizeof *t->has);
  t->arena = malloc(1);
  if (!t->has || !t->arena) return RS_ENOMEM;
  t->arena[0] = 0;
  t->alen = t->acap = 1;
  char *buf;
  size_t len;
  int rc = rs__gtfs_read(f, file, &buf, &len, d);
  if (rc < 0) return rc;
  if (rc == 0)
    return required_file ? rs__diag_add(d, RS_EINVAL, f->path, 0, 0, "the feed has no %s (GTFS requires it)", file)
                         : RS_OK;
  t->present = 1;
  rs__csv *c = malloc(sizeof *c);
  int *pos = malloc(((size_t)n + 1) * sizeof *pos);
  rc = !c || !pos ? RS_ENOMEM : rs__csv_init(c, t->where, buf, len, d);
  if (!rc) c->allow_cut = 1; /* long descriptions in columns not read are fine */
  if (!rc) rc = rs__table_header(t, c, cols, n, req, pos, d);
  int bad = 0;
  while (!rc) {
    int r = rs__csv_next(c, d);
    if (r == 0) break;
    if (r < 0) {
      bad = r;
      continue;
    }
    if (t->nrows >= RS__CSV_MAX_ROWS) {
      rc = rs__diag_add(d, RS_ELIMIT, t->where, c->row_line, 1, "more than %d rows", RS__CSV_MAX_ROWS);
      break;
    }
    rc = rs__table_row(t, c, pos);
    if (rc == RS__GTFS_CUT) /* a long field in a column ridersim reads */
      rc = rs__diag_add(d, RS_ESYNTAX, t->where, c->row_line, 1,
                        "a field ridersim reads is longer than %d bytes", RS__CSV_MAX_FIELD);
  }
  free(pos);
  free(c);
  free(buf);
  return rc ? rc : bad;
}

void rs__gtfs_table_free(rs__gtfs_table *t) {
  free(t->has);
  free(t->cell);
  free(t->line);
  free(t->arena);
  memset(t, 0, sizeof *t);
}

/* ---- id map ---------------------------------------------------------------- */

static uint64_t rs__hash_str(const char *s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  while (*s) h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
  return h;
}

static int rs__map_grow(rs__gtfs_map *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  char **key = calloc(cap, sizeof *key);
  int *val = calloc(cap, sizeof *val);
  if (!key || !val) {
    free(key);
    free(val);
    return RS_ENOMEM;
  }
  for (size_t i = 0; i < m->cap; i++)
    if (m->key[i]) {
      size_t j = rs__hash_str(m->key[i]) & (cap - 1);
      while (key[j]) j = (j + 1) & (cap - 1);
      key[j] = m->key[i];
      val[j] = m->val[i];
    }
  free(m->key);
  free(m->val);
  m->key = key;
  m->val = val;
  m->cap = cap;
  return RS_OK;
}

int rs__gtfs_map_put(rs__gtfs_map *m, const char *k, int v) {
  if ((m->n + 1) * 2 > m->cap && rs__map_grow(m)) return RS_ENOMEM;
  size_t j = rs__hash_str(k) & (m->cap - 1);
  while (m->key[j]) {
    if (!strcmp(m->key[j], k)) {
      m->val[j] = v;
      return RS_OK;
    }
    j = (j + 1) & (m->cap - 1);
  }
  m->key[j] = strdup(k);
  if (!m->key[j]) return RS_ENOMEM;
  m->val[j] = v;
  m->n++;
  return RS_OK;
}

int rs__gtfs_map_get(const rs__gtfs_map *m, const char *k) {
  if (!m->cap) return -1;
  size_t j = rs__hash_str(k) & (m->cap - 1);
  while (m->key[j]) {
    if (!strcmp(m->key[j], k)) return m->val[j];
    j = (j + 1) & (m->cap - 1);
  }
  return -1;
}

void rs__gtfs_map_free(rs__gtfs_map *m) {
  for (size_t i = 0; i < m->cap; i++) free(m->key[i]);
  free(m->key);
  free(m->val);
  memset(m, 0, sizeof *m);
}

/* ---- times and dates -------------------------------------------------------- */

int rs__gtfs_time(const char *s, double *out) {
  int h = 0, i = 0;
  while (isdigit((unsigned char)s[i]) && i < 2) h = h * 10 + (s[i++] - '0');
  if (i == 0 || s[i] != ':' || !isdigit((unsigned char)s[i + 1]) ||
      !isdigit((unsigned char)s[i + 2]) || s[i + 3] != ':' || !isdigit((unsigned char)s[i + 4]) ||
      !isdigit((unsigned char)s[i + 5]) || s[i + 6])
    return -1;
  int m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
  int sec = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
  if (h > 47 || m > 59 || sec > 59) return -1;
  *out = h * 3600.0 + m * 60.0 + sec;
  return 0;
}

int rs__gtfs_date(const char *s, int32_t *out) {
  if (strlen(s) != 8) return -1;
  char iso[11];
  snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
  return rs__date_parse(iso, out);
}
