/* Typed getters with positioned messages, the table of top-level keys, and
 * the binders of the schema-1 sections. */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "input/csv.h"
#include "input/embedded.h"
#include "input/scenario_load.h"
#include "input/scenario_model.h"
#include "model/defaults.h"

/* Top-level keys in binding order: line before anything naming stations.
 * To add a section: one entry here and its binder in its own file. */
static const rs__section rs__sections[] = {
    {"ridersim", 1, rs__bind_version},
    {"name", 0, rs__bind_name},
    {"seed", 0, rs__bind_seed},
    {"step_s", 0, rs__bind_step},
    {"line", 1, rs__bind_line},
    {"trains", 1, rs__bind_trains},
    {"running", 0, rs__bind_running},
    {"timetable", 0, rs__bind_timetable},
    {"demand", 0, rs__bind_demand},
    /* calendar runs and the demand model (scenario_model.c, observed.c) */
    {"period", 0, rs__bind_period},
    {"calendar", 0, rs__bind_calendar},
    {"output", 0, rs__bind_output},
    {"market", 0, rs__bind_market},
    {"metro", 0, rs__bind_metro},
    {"modes", 0, rs__bind_modes},
    {"choice", 0, rs__bind_choice},
    {"events", 0, rs__bind_events},
    {"observed", 0, rs__bind_observed},
    {"commute", 0, rs__bind_commute},
    {"uncertainty", 0, rs__bind_uncertainty},
};
#define RS__NSECTIONS (sizeof rs__sections / sizeof rs__sections[0])

/* ---- messages and paths --------------------------------------------------- */

int rs__bind_err(rs__bind *b, const rs__ynode *n, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rs__diag_vadd(b->d, code, n ? n->file : NULL, n ? n->line : 0, n ? n->col : 0, fmt, ap);
  va_end(ap);
  b->nerr++;
  if (b->track && n) {
    if (b->nerrat == b->caperrat) {
      size_t cap = b->caperrat ? 2 * b->caperrat : 64;
      const rs__ynode **p = realloc(b->errat, cap * sizeof *p);
      if (!p) {
        b->errat_lost = 1;
        return code;
      }
      b->errat = p;
      b->caperrat = cap;
    }
    b->errat[b->nerrat++] = n;
  }
  return code;
}

/* Key paths are cut at RS__KP_MAX-1 bytes: they only label messages. */
static void rs__kp_cat(char *buf, size_t o, const char *s, size_t n) {
  if (o >= RS__KP_MAX - 1) return;
  if (n > RS__KP_MAX - 1 - o) n = RS__KP_MAX - 1 - o;
  memcpy(buf + o, s, n);
  buf[o + n] = 0;
}

void rs__kp_key(char *buf, const char *parent, const char *key) {
  size_t o = 0;
  buf[0] = 0;
  if (parent && *parent) {
    rs__kp_cat(buf, 0, parent, strlen(parent));
    o = strlen(buf);
    rs__kp_cat(buf, o++, ".", 1);
  }
  rs__kp_cat(buf, o, key, strlen(key));
}

void rs__kp_index(char *buf, const char *parent, size_t i) {
  char ix[32];
  int n = snprintf(ix, sizeof ix, "[%zu]", i);
  if (buf != parent) rs__kp_cat(buf, 0, parent, strlen(parent));
  rs__kp_cat(buf, strlen(buf), ix, (size_t)(n > 0 ? n : 0));
}

/* What N is, for "got ..." in messages. */
static const char *rs__desc(const rs__ynode *n, char *buf, size_t size) {
  if (n->kind != RS__Y_SCALAR || rs__ynode_is_null(n)) return rs__ynode_kind_name(n);
  if (n->len > 40) snprintf(buf, size, "'%.37s...'", n->text);
  else snprintf(buf, size, "'%s'", n->text);
  return buf;
}

int rs__edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return 100;
  int row[65];
  for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= lb; j++) {
      int up = row[j];
      int cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
      int v = diag + cost;
      if (row[j] + 1 < v) v = row[j] + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      row[j] = v;
      diag = up;
    }
  }
  return row[lb];
}

const char *rs__suggest(const char *word, const char *const *cands, size_t n) {
  const char *best = NULL;
  int bd = 1000;
  size_t lw = strlen(word);
  for (size_t i = 0; i < n; i++) {
    if (!cands[i] || !*cands[i]) continue;
    int dist = rs__edit_distance(word, cands[i]);
    size_t lc = strlen(cands[i]);
    /* a prefix (headway -> headway_min, ziyang -> ziyangbei) is close too */
    int prefix = lw >= 3 && lc >= 3 &&
                 (strncmp(word, cands[i], lw) == 0 || strncmp(cands[i], word, lc) == 0);
    int close = (dist <= 2 && (size_t)dist < lw) || (size_t)dist * 3 <= lw || prefix;
    if (close && dist < bd) bd = dist, best = cands[i];
  }
  return best;
}

static void rs__hint(char *buf, size_t size, const char *s) {
  if (s) snprintf(buf, size, " (did you mean '%s'?)", s);
  else buf[0] = 0;
}

/* ---- structure ------------------------------------------------------------ */

const rs__ynode *rs__y_get(const rs__ynode *map, const char *key) {
  const rs__ynode *v = rs__ymap_get(map, key);
  return rs__ynode_is_null(v) ? NULL : v;
}

const rs__ynode *rs__y_keynode(const rs__ynode *map, const char *key) {
  if (!map || map->kind != RS__Y_MAP) return NULL;
  for (size_t i = 0; i < map->n; i++)
    if (strcmp(map->keys[i]->text, key) == 0) return map->keys[i];
  return NULL;
}

static int rs__y_expect(rs__bind *b, const rs__ynode *n, const char *path, rs__ykind k) {
  if (n->kind == k) return RS_OK;
  char g[64];
  const char *want = k == RS__Y_MAP ? "a mapping" : "a list";
  if (*path) return rs__bind_err(b, n, RS_EINVAL, "'%s' must be %s, got %s", path, want,
                                 rs__desc(n, g, sizeof g));
  return rs__bind_err(b, n, RS_EINVAL, "the scenario must be %s, got %s", want,
                      rs__desc(n, g, sizeof g));
}

int rs__y_expect_map(rs__bind *b, const rs__ynode *n, const char *path) {
  return rs__y_expect(b, n, path, RS__Y_MAP);
}

int rs__y_expect_seq(rs__bind *b, const rs__ynode *n, const char *path) {
  return rs__y_expect(b, n, path, RS__Y_SEQ);
}

int rs__y_check_keys(rs__bind *b, const rs__ynode *map, const char *path,
                     const char *const *keys) {
  size_t nk = 0;
  while (keys[nk]) nk++;
  int bad = 0;
  for (size_t i = 0; i < map->n; i++) {
    const char *k = map->keys[i]->text;
    size_t j = 0;
    while (j < nk && strcmp(keys[j], k)) j++;
    if (j < nk) continue;
    char hint[80];
    rs__hint(hint, sizeof hint, rs__suggest(k, keys, nk));
    if (*path)
      rs__bind_err(b, map->keys[i], RS_EINVAL, "unknown key '%s' in '%s'%s", k, path, hint);
    else
      rs__bind_err(b, map->keys[i], RS_EINVAL, "unknown key '%s'%s", k, hint);
    bad++;
  }
  return bad;
}

int rs__y_require(rs__bind *b, const rs__ynode *map, const char *path, const char *key) {
  if (rs__y_get(map, key)) return 1;
  if (*path) rs__bind_err(b, map, RS_EINVAL, "'%s' is missing required key '%s'", path, key);
  else rs__bind_err(b, map, RS_EINVAL, "missing required key '%s'", key);
  return 0;
}

/* ---- scalars -------------------------------------------------------------- */

/* 0: a number; -1: not a number; -2: NaN, infinite, hex or overflowing. */
static int rs__parse_number(const rs__ynode *n, double *out) {
  if (n->kind != RS__Y_SCALAR || n->quoted || !n->len) return -1;
  const char *t = n->text;
  const char *u = (*t == '+' || *t == '-') ? t + 1 : t;
  if (!strcmp(u, ".inf") || !strcmp(u, ".Inf") || !strcmp(u, ".INF") || !strcmp(u, ".nan") ||
      !strcmp(u, ".NaN") || !strcmp(u, ".NAN"))
    return -2;
  if (isspace((unsigned char)*t)) return -1;
  char *end;
  errno = 0;
  double v = strtod(t, &end);
  if (end == t || *end) return -1;
  if (strpbrk(t, "xX") || !isfinite(v) || (errno == ERANGE && fabs(v) == HUGE_VAL)) return -2;
  *out = v;
  return 0;
}

int rs__y_number(rs__bind *b, const rs__ynode *n, const char *path, double *out) {
  int rc = rs__parse_number(n, out);
  char g[64];
  if (rc == -1)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be a number, got %s", path,
                        rs__desc(n, g, sizeof g));
  if (rc == -2)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be a finite number, got %s", path,
                        rs__desc(n, g, sizeof g));
  return RS_OK;
}

int rs__y_number_in(rs__bind *b, const rs__ynode *n, const char *path, double lo, double hi,
                    unsigned flags, double *out) {
  double v;
  int rc = rs__y_number(b, n, path, &v);
  if (rc) return rc;
  int lo_ok = (flags & RS__LO_OPEN) ? v > lo : v >= lo;
  int hi_ok = (flags & RS__HI_OPEN) ? v < hi : v <= hi;
  if (!lo_ok || !hi_ok)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be in %c%g, %g%c, got %s", path,
                        (flags & RS__LO_OPEN) ? '(' : '[', lo, hi,
                        (flags & RS__HI_OPEN) ? ')' : ']', n->text);
  *out = v;
  return RS_OK;
}

int rs__y_int_in(rs__bind *b, const rs__ynode *n, const char *path, long long lo, long long hi,
                 long long *out) {
  double v;
  int rc = rs__y_number(b, n, path, &v);
  if (rc) return rc;
  if (v != floor(v))
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be an integer, got %s", path, n->text);
  if (v < (double)lo || v > (double)hi)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be in [%lld, %lld], got %s", path, lo, hi,
                        n->text);
  *out = (long long)v;
  return RS_OK;
}

int rs__y_bool(rs__bind *b, const rs__ynode *n, const char *path, int *out) {
  static const char *const t[] = {"true", "True", "TRUE"}, *const f[] = {"false", "False", "FALSE"};
  if (n->kind == RS__Y_SCALAR && !n->quoted)
    for (int i = 0; i < 3; i++) {
      if (!strcmp(n->text, t[i])) return *out = 1, RS_OK;
      if (!strcmp(n->text, f[i])) return *out = 0, RS_OK;
    }
  char g[64];
  return rs__bind_err(b, n, RS_EINVAL, "'%s' must be true or false, got %s", path,
                      rs__desc(n, g, sizeof g));
}

static int rs__utf8_ok(const unsigned char *s) {
  while (*s) {
    unsigned c = *s;
    int k = c < 0x80 ? 0 : (c >= 0xC2 && c <= 0xDF) ? 1 : (c >= 0xE0 && c <= 0xEF) ? 2
            : (c >= 0xF0 && c <= 0xF4) ? 3 : -1;
    if (k < 0) return 0;
    s++;
    for (int i = 0; i < k; i++, s++)
      if ((*s & 0xC0) != 0x80) return 0;
  }
  return 1;
}

int rs__y_string(rs__bind *b, const rs__ynode *n, const char *path, size_t maxbytes,
                 char *out) {
  char g[64];
  if (n->kind != RS__Y_SCALAR)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be a string, got %s", path,
                        rs__desc(n, g, sizeof g));
  if (n->len > maxbytes)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' is longer than %zu bytes", path, maxbytes);
  if (!rs__utf8_ok((const unsigned char *)n->text))
    return rs__bind_err(b, n, RS_EINVAL, "'%s' is not valid UTF-8", path);
  memcpy(out, n->text, n->len + 1);
  return RS_OK;
}

int rs__y_id(rs__bind *b, const rs__ynode *n, const char *path, char *out) {
  int ok = n->kind == RS__Y_SCALAR && n->len >= 1 && n->len < RS__ID_MAX;
  for (size_t i = 0; ok && i < n->len; i++) {
    char ch = n->text[i];
    ok = isalnum((unsigned char)ch) || ch == '_' || ch == '-';
  }
  char g[64];
  if (!ok)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be 1-%d characters of A-Z a-z 0-9 _ -, got %s",
                        path, RS__ID_MAX - 1, rs__desc(n, g, sizeof g));
  memcpy(out, n->text, n->len + 1);
  return RS_OK;
}

/* A time written as a bare number: `first_train: 6.5` was read as 6.5 seconds
 * after midnight. Refused, with the time the number most likely meant. */
static int rs__bare_time(rs__bind *b, const rs__ynode *n, const char *path) {
  char *end = NULL, hint[96] = "";
  double v = strtod(n->text, &end);
  if (end != n->text && !*end && v >= 0 && v < 24) {
    int h = (int)v, m = (int)((v - h) * 60 + 0.5);
    if (m == 60) h++, m = 0;
    snprintf(hint, sizeof hint, " (did you mean \"%02d:%02d\"?)", h, m);
  } else if (end != n->text && !*end && v >= 24 && v < 86400) {
    char t[16];
    rs__time_format(v, t, sizeof t);
    snprintf(hint, sizeof hint, " (as seconds after midnight: \"%s\")", t);
  }
  return rs__bind_err(b, n, RS_EINVAL,
                      "'%s' must be a time of day written HH:MM, e.g. \"06:30\", got '%s': a "
                      "bare number is not read as a time%s",
                      path, n->text, hint);
}

int rs__y_time(rs__bind *b, const rs__ynode *n, const char *path, int allow24, double *out) {
  char g[64];
  if (n->kind != RS__Y_SCALAR)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be a time HH:MM[:SS], got %s", path,
                        rs__desc(n, g, sizeof g));
  if (allow24 && (!strcmp(n->text, "24:00") || !strcmp(n->text, "24:00:00")))
    return *out = 86400.0, RS_OK;
  if (!strchr(n->text, ':')) return rs__bare_time(b, n, path);
  int rc = rs__time_parse(n->text, out);
  if (rc == -1)
    return rs__bind_err(b, n, RS_EINVAL,
                        "'%s' must be a time HH:MM[:SS], got %s",
                        path, rs__desc(n, g, sizeof g));
  if (rc == -2)
    return rs__bind_err(b, n, RS_EINVAL,
                        "'%s' is out of range, got %s (hour must be 0-47, 24 and later being "
                        "past midnight of the same service day; minutes and seconds 0-59; "
                        "seconds after the service day's midnight in [0, 172800))",
                        path, rs__desc(n, g, sizeof g));
  return RS_OK;
}

int rs__y_date(rs__bind *b, const rs__ynode *n, const char *path, int32_t *out) {
  char g[64];
  if (n->kind != RS__Y_SCALAR || rs__date_parse(n->text, out))
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be a date YYYY-MM-DD (1900-2199), got %s",
                        path, rs__desc(n, g, sizeof g));
  return RS_OK;
}

int rs__station_find(const rs__bind *b, const char *id) {
  int lo = 0, hi = b->nst_sorted - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2, k = b->st_sorted[mid];
    int c = strcmp(b->s->st[k].id, id);
    if (c == 0) return k;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const char *rs__station_suggest(const rs__bind *b, const char *id) {
  const char *best = NULL;
  int bd = 1000;
  for (int i = 0; i < b->s->nst; i++) {
    const char *c = b->s->st[i].id;
    if (rs__suggest(id, &c, 1)) {
      int dist = rs__edit_distance(id, c);
      if (dist < bd) bd = dist, best = b->s->st[i].id;
    }
  }
  return best;
}

int rs__y_station(rs__bind *b, const rs__ynode *n, const char *path, int *out) {
  char g[64];
  if (n->kind != RS__Y_SCALAR)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be a station id, got %s", path,
                        rs__desc(n, g, sizeof g));
  *out = rs__station_find(b, n->text);
  if (*out >= 0) return RS_OK;
  if (!b->nst_sorted) return RS_EINVAL; /* the line itself is broken: already reported */
  char hint[80];
  rs__hint(hint, sizeof hint, rs__station_suggest(b, n->text));
  return rs__bind_err(b, n, RS_EINVAL, "'%s': unknown station '%s'%s", path, n->text, hint);
}

/* ---- map-level wrappers ---------------------------------------------------- */

/* Look KEY up: 1 and *V when present, 0 when absent (error when required). */
static int rs__lookup(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                      int required, const rs__ynode **v, char *path) {
  rs__kp_key(path, mappath, key);
  *v = rs__y_get(map, key);
  if (*v) return 1;
  if (required) {
    rs__y_require(b, map, mappath, key);
    return RS_EINVAL;
  }
  return 0;
}

#define RS__GETTER(call)                                          \
  char path[RS__KP_MAX];                                          \
  const rs__ynode *v;                                             \
  int rc = rs__lookup(b, map, mappath, key, required, &v, path); \
  if (rc <= 0) return rc;                                         \
  rc = (call);                                                    \
  return rc ? rc : 1

int rs__get_number(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                   int required, double lo, double hi, unsigned flags, double *out) {
  RS__GETTER(rs__y_number_in(b, v, path, lo, hi, flags, out));
}

int rs__get_int(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                int required, long long lo, long long hi, long long *out) {
  RS__GETTER(rs__y_int_in(b, v, path, lo, hi, out));
}

int rs__get_string(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                   int required, size_t maxbytes, char *out) {
  RS__GETTER(rs__y_string(b, v, path, maxbytes, out));
}

int rs__get_time(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                 int required, int allow24, double *out) {
  RS__GETTER(rs__y_time(b, v, path, allow24, out));
}

int rs__get_date(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                 int required, int32_t *out) {
  RS__GETTER(rs__y_date(b, v, path, out));
}

int rs__get_bool(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                 int required, int *out) {
  RS__GETTER(rs__y_bool(b, v, path, out));
}

/* ---- files ---------------------------------------------------------------- */

void rs__path_resolve(char *out, size_t size, const char *file, const char *path) {
  const char *slash = file ? strrchr(file, '/') : NULL;
  if (path[0] == '/' || !slash || strncmp(path, RS__EMBED_PREFIX, strlen(RS__EMBED_PREFIX)) == 0) {
    snprintf(out, size, "%s", path);
  } else {
    snprintf(out, size, "%.*s/%s", (int)(slash - file), file, path);
  }
  /* Embedded names are looked up literally: fold "dir/../" and "./". */
  if (strncmp(out, RS__EMBED_PREFIX, strlen(RS__EMBED_PREFIX)) == 0) {
    char *p = out + strlen(RS__EMBED_PREFIX);
    char *seg[64];
    int nseg = 0;
    char tmp[RS__PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s", p);
    char *save = NULL; /* strtok_r: scenarios load in parallel threads (sweeps) */
    for (char *s = strtok_r(tmp, "/", &save); s && nseg < 64; s = strtok_r(NULL, "/", &save)) {
      if (!strcmp(s, ".")) continue;
      if (!strcmp(s, "..") && nseg > 0 && strcmp(seg[nseg - 1], "..")) nseg--;
      else seg[nseg++] = s;
    }
    size_t o = 0, room = size - (size_t)(p - out);
    p[0] = 0;
    for (int i = 0; i < nseg && o < room; i++) {
      int w = snprintf(p + o, room - o, "%s%s", i ? "/" : "", seg[i]);
      if (w < 0) break;
      o += (size_t)w;
    }
  }
}

int rs__source_read(const char *path, size_t max, char **buf, size_t *len, char *why,
                    size_t whysize) {
  *buf = NULL;
  *len = 0;
  if (strncmp(path, RS__EMBED_PREFIX, strlen(RS__EMBED_PREFIX)) == 0) {
    const rs__embedded *e = rs__embedded_find(path);
    if (!e) {
      snprintf(why, whysize, "no such built-in file");
      return RS_EIO;
    }
    *buf = malloc(e->len + 1);
    if (!*buf) return RS_ENOMEM;
    memcpy(*buf, e->data, e->len);
    (*buf)[e->len] = 0;
    *len = e->len;
    return RS_OK;
  }
  return rs__file_read(path, max, buf, len, why, whysize, NULL);
}

/* ---- top level ------------------------------------------------------------ */

int rs__scenario_bind(rs_scenario *s, const rs__ynode *root, rs_diag *d, uint64_t *hash) {
  rs__bind b = {0};
  b.s = s;
  b.d = d;
  b.root = root;
  b.hash = *hash;
  b.track = 1;
  /* every default first: a binder overrides only what the file gives */
  if (rs__scenario_defaults(s) == RS_ENOMEM) return RS_ENOMEM;
  if (rs__y_expect_map(&b, root, "")) {
    free(b.errat);
    return RS_EINVAL;
  }
  const char *keys[RS__NSECTIONS + 1];
  for (size_t i = 0; i < RS__NSECTIONS; i++) keys[i] = rs__sections[i].key;
  keys[RS__NSECTIONS] = NULL;
  rs__y_check_keys(&b, root, "", keys);
  for (size_t i = 0; i < RS__NSECTIONS; i++) {
    const rs__section *sec = &rs__sections[i];
    const rs__ynode *v = rs__y_get(root, sec->key);
    if (!v && sec->required) {
      rs__y_require(&b, root, "", sec->key);
      continue;
    }
    int rc = sec->bind(&b, v);
    if (rc == RS_ENOMEM) {
      free(b.st_sorted);
      free(b.errat);
      return rc;
    }
  }
  int vrc = rs__scenario_validate(&b);
  free(b.st_sorted);
  free(b.errat);
  if (vrc == RS_ENOMEM) return vrc;
  *hash = b.hash;
  if (b.nerr) {
    int code = rs__diag_first_code(d);
    return code ? code : RS_EINVAL;
  }
  return RS_OK;
}

/* ---- schema-1 sections ---------------------------------------------------- */

int rs__bind_version(rs__bind *b, const rs__ynode *v) {
  double x;
  char g[64];
  if (rs__parse_number(v, &x) != 0 || x != floor(x))
    return rs__bind_err(b, v, RS_EINVAL, "'ridersim' must be the schema version 1, got %s",
                        rs__desc(v, g, sizeof g));
  if (x != 1)
    return rs__bind_err(b, v, RS_EINVAL,
                        "unsupported schema version %s (this ridersim reads version 1)", v->text);
  b->s->version = 1;
  return RS_OK;
}

int rs__bind_name(rs__bind *b, const rs__ynode *v) {
  return v ? rs__y_string(b, v, "name", RS__NAME_MAX - 1, b->s->name) : RS_OK;
}

int rs__bind_seed(rs__bind *b, const rs__ynode *v) {
  if (!v) return RS_OK;
  /* Parsed as text: 2^63 is beyond the exact integers of a double. */
  int digits = v->kind == RS__Y_SCALAR && !v->quoted && v->len > 0 && v->len <= 19;
  for (size_t i = 0; digits && i < v->len; i++) digits = isdigit((unsigned char)v->text[i]);
  unsigned long long x = digits ? strtoull(v->text, NULL, 10) : 0;
  if (!digits || x > (1ULL << 63)) {
    char g[64];
    return rs__bind_err(b, v, RS_EINVAL, "'seed' must be an integer in [0, 2^63], got %s",
                        rs__desc(v, g, sizeof g));
  }
  b->s->seed = x;
  return RS_OK;
}

int rs__bind_step(rs__bind *b, const rs__ynode *v) {
  if (!v) return RS_OK;
  double x;
  if (rs__y_number(b, v, "step_s", &x)) return RS_EINVAL;
  double k = x > 0 ? 3600.0 / x : 0;
  if (!(x > 0 && x <= 600) || fabs(k - nearbyint(k)) > 1e-9 * k)
    return rs__bind_err(b, v, RS_EINVAL, "'step_s' must be in (0, 600] and divide 3600, got %s",
                        v->text);
  b->s->step_s = x;
  return RS_OK;
}

static int rs__cmp_station(const void *x, const void *y, const rs__station *st) {
  return strcmp(st[*(const int *)x].id, st[*(const int *)y].id);
}

/* Insertion sort with the station table as context (qsort has none); the
 * line has at most 500 stations. */
static void rs__sort_stations(int *idx, int n, const rs__station *st) {
  for (int i = 1; i < n; i++) {
    int v = idx[i], j = i;
    while (j > 0 && rs__cmp_station(&idx[j - 1], &v, st) > 0) idx[j] = idx[j - 1], j--;
    idx[j] = v;
  }
}

double *rs__line_km_accepted(const rs_scenario *s) {
  double *km = malloc((size_t)(s->nst > 0 ? s->nst : 1) * sizeof *km), last = NAN;
  for (int i = 0; km && i < s->nst; i++) {
    km[i] = isnan(last) || s->st[i].km > last ? s->st[i].km : NAN;
    if (!isnan(km[i])) last = km[i];
  }
  return km;
}

static void rs__bind_station(rs__bind *b, const rs__ynode *m, const char *path, int i,
                             const rs__ynode **idnode) {
  static const char *const keys[] = {"id", "zh", "en", "km", "dwell_s", "opens", NULL};
  rs__station *st = &b->s->st[i];
  rs__station_defaults(st);
  if (rs__y_expect_map(b, m, path)) return;
  rs__y_check_keys(b, m, path, keys);
  char kp[RS__KP_MAX];
  rs__kp_key(kp, path, "id");
  const rs__ynode *id = rs__y_get(m, "id");
  if (!id) rs__y_require(b, m, path, "id");
  else if (rs__y_id(b, id, kp, st->id) == RS_OK) {
    for (int j = 0; j < i; j++)
      if (idnode[j] && !strcmp(b->s->st[j].id, st->id)) {
        rs__bind_err(b, id, RS_EINVAL, "'%s': duplicate station id '%s' (first at line %d)", kp,
                     st->id, idnode[j]->line);
        st->id[0] = 0;
        break;
      }
    if (st->id[0]) idnode[i] = id;
  }
  rs__get_string(b, m, path, "zh", 0, RS__NAME_MAX - 1, st->zh);
  if (rs__get_string(b, m, path, "en", 0, RS__NAME_MAX - 1, st->en) <= 0)
    snprintf(st->en, sizeof st->en, "%s", st->id);
  rs__get_number(b, m, path, "km", 1, 0, 10000, 0, &st->km); /* increasing: validation */
  rs__get_number(b, m, path, "dwell_s", 0, 0, 3600, 0, &st->dwell_s);
  rs__get_date(b, m, path, "opens", 0, &st->opens);
}

int rs__bind_line(rs__bind *b, const rs__ynode *v) {
  static const char *const keys[] = {"name", "stations", NULL};
  if (rs__y_expect_map(b, v, "line")) return RS_EINVAL;
  rs__y_check_keys(b, v, "line", keys);
  rs__get_string(b, v, "line", "name", 0, RS__NAME_MAX - 1, b->s->line_name);
  const rs__ynode *sl;
  char path[RS__KP_MAX];
  if (!rs__y_require(b, v, "line", "stations")) return RS_EINVAL;
  sl = rs__y_get(v, "stations");
  if (rs__y_expect_seq(b, sl, "line.stations")) return RS_EINVAL;
  if (sl->n < 2 || sl->n > 500)
    return rs__bind_err(b, sl, RS_EINVAL, "'line.stations' must have 2 to 500 stations, got %zu",
                        sl->n);
  int n = (int)sl->n;
  const rs__ynode **idnode = calloc((size_t)n, sizeof *idnode);
  b->s->st = calloc((size_t)n, sizeof *b->s->st);
  b->st_sorted = malloc((size_t)n * sizeof(int));
  if (!idnode || !b->s->st || !b->st_sorted) {
    free(idnode);
    return RS_ENOMEM;
  }
  b->s->nst = n;
  for (int i = 0; i < n; i++) {
    rs__kp_index(path, "line.stations", (size_t)i);
    rs__bind_station(b, sl->items[i], path, i, idnode);
  }
  for (int i = 0; i < n; i++)
    if (idnode[i]) b->st_sorted[b->nst_sorted++] = i;
  rs__sort_stations(b->st_sorted, b->nst_sorted, b->s->st);
  free(idnode);
  return RS_OK;
}

int rs__bind_trains(rs__bind *b, const rs__ynode *v) {
  static const char *const keys[] = {"capacity", "comfort_capacity", "cars", "fleet", NULL};
  rs__trains *t = &b->s->trains;
  if (rs__y_expect_map(b, v, "trains")) return RS_EINVAL;
  rs__y_check_keys(b, v, "trains", keys);
  if (rs__get_number(b, v, "trains", "capacity", 1, 0, 100000, RS__LO_OPEN, &t->capacity) != 1)
    t->capacity = 0;
  double cap = t->capacity > 0 ? t->capacity : 100000;
  if (rs__get_number(b, v, "trains", "comfort_capacity", 0, 0, cap, RS__LO_OPEN,
                     &t->comfort_capacity) != 1)
    t->comfort_capacity = rs__comfort_capacity_default(t->capacity);
  long long x;
  if (rs__get_int(b, v, "trains", "cars", 0, 1, 20, &x) == 1) t->cars = (int)x;
  if (rs__get_int(b, v, "trains", "fleet", 0, 0, 10000, &x) == 1) t->fleet = (int)x;
  return RS_OK;
}

int rs__bind_running(rs__bind *b, const rs__ynode *v) {
  static const char *const keys[] = {"max_speed_kmh", "accel_ms2",    "brake_ms2",
                                     "sections_s",    "turnaround_s", "time_scale", NULL};
  rs__running *r = &b->s->running;
  if (!v) return RS_OK;
  if (rs__y_expect_map(b, v, "running")) return RS_EINVAL;
  rs__y_check_keys(b, v, "running", keys);
  const char *p = "running";
  rs__get_number(b, v, p, "max_speed_kmh", 0, 0, 600, RS__LO_OPEN, &r->max_speed_kmh);
  rs__get_number(b, v, p, "accel_ms2", 0, 0, 3, RS__LO_OPEN, &r->accel_ms2);
  rs__get_number(b, v, p, "brake_ms2", 0, 0, 3, RS__LO_OPEN, &r->brake_ms2);
  rs__get_number(b, v, p, "turnaround_s", 0, 0, 7200, 0, &r->turnaround_s);
  rs__get_number(b, v, p, "time_scale", 0, 0.1, 10, 0, &r->time_scale);
  /* one per section between stations: counted by the validation pass */
  const rs__ynode *sec = rs__y_get(v, "sections_s");
  if (!sec || rs__y_expect_seq(b, sec, "running.sections_s") || sec->n == 0) return RS_OK;
  r->section_s = calloc(sec->n, sizeof(double));
  if (!r->section_s) return RS_ENOMEM;
  r->nsection = (int)sec->n;
  char path[RS__KP_MAX];
  for (size_t i = 0; i < sec->n; i++) {
    rs__kp_index(path, "running.sections_s", i);
    rs__y_number_in(b, sec->items[i], path, 0, 36000, RS__LO_OPEN, &r->section_s[i]);
  }
  return RS_OK;
}

/* first_train / last_train: one time for both directions or {down, up}. */
static int rs__bind_dirtimes(rs__bind *b, const rs__ynode *v, const char *mappath,
                             const char *key, double *out) {
  char path[RS__KP_MAX];
  rs__kp_key(path, mappath, key);
  const rs__ynode *n = rs__y_get(v, key);
  if (!n) return 0;
  if (n->kind == RS__Y_SCALAR) {
    double t;
    if (rs__y_time(b, n, path, 0, &t)) return RS_EINVAL;
    out[RS__DOWN] = out[RS__UP] = t;
    return 1;
  }
  if (n->kind != RS__Y_MAP) {
    return rs__bind_err(b, n, RS_EINVAL, "'%s' must be a time or a mapping {down, up}, got a list",
                        path);
  }
  static const char *const keys[] = {"down", "up", NULL};
  rs__y_check_keys(b, n, path, keys);
  int a = rs__get_time(b, n, path, "down", 1, 0, &out[RS__DOWN]);
  int c = rs__get_time(b, n, path, "up", 1, 0, &out[RS__UP]);
  return a == 1 && c == 1 ? 1 : RS_EINVAL;
}

static int rs__bind_periods(rs__bind *b, const rs__ynode *pl, rs__service *sv,
                            const char *ppath) {
  static const char *const keys[] = {"from", "to", "headway_min", NULL};
  if (rs__y_expect_seq(b, pl, ppath)) return RS_EINVAL;
  if (pl->n == 0)
    return rs__bind_err(b, pl, RS_EINVAL, "'%s' must have at least one period", ppath);
  if (pl->n > 1440)
    return rs__bind_err(b, pl, RS_EINVAL, "'%s' has more than 1440 periods", ppath);
  free(sv->periods);
  sv->periods = calloc(pl->n, sizeof *sv->periods);
  if (!sv->periods) return RS_ENOMEM;
  sv->nperiods = (int)pl->n;
  /* order and overlap: scenario_validate.c */
  char path[RS__KP_MAX];
  for (size_t i = 0; i < pl->n; i++) {
    const rs__ynode *m = pl->items[i];
    rs__period *pd = &sv->periods[i];
    rs__kp_index(path, ppath, i);
    if (rs__y_expect_map(b, m, path)) continue;
    rs__y_check_keys(b, m, path, keys);
    rs__get_time(b, m, path, "from", 1, 0, &pd->from_s);
    rs__get_time(b, m, path, "to", 1, 1, &pd->to_s);
    double hw;
    if (rs__get_number(b, m, path, "headway_min", 1, 0.5, 240, 0, &hw) == 1) pd->headway_s = hw * 60;
  }
  return RS_OK;
}

/* First/last trains and periods of one service pattern at V (path MAPPATH);
 * absent keys keep what SV holds. Last before first: scenario_validate.c. */
int rs__bind_service(rs__bind *b, const rs__ynode *v, const char *mappath,
                            rs__service *sv) {
  rs__bind_dirtimes(b, v, mappath, "first_train", sv->first_s);
  rs__bind_dirtimes(b, v, mappath, "last_train", sv->last_s);
  const rs__ynode *pl = rs__y_get(v, "periods");
  char pp[RS__KP_MAX];
  rs__kp_key(pp, mappath, "periods");
  if (pl && rs__bind_periods(b, pl, sv, pp) == RS_ENOMEM) return RS_ENOMEM;
  return RS_OK;
}

/* timetable.day_types: {TYPE: {first_train, last_train, periods}}, each over
 * a copy of the base service. */
static int rs__bind_day_types(rs__bind *b, const rs__ynode *dt) {
  rs__timetable *tt = &b->s->timetable;
  if (rs__y_expect_map(b, dt, "timetable.day_types")) return RS_EINVAL;
  const char *names[RS__NDAYTYPES + 1];
  for (int t = 0; t < RS__NDAYTYPES; t++) names[t] = rs__daytype_name((rs__daytype)t);
  names[RS__NDAYTYPES] = NULL;
  rs__y_check_keys(b, dt, "timetable.day_types", names);
  static const char *const keys[] = {"first_train", "last_train", "periods", NULL};
  for (int t = 0; t < RS__NDAYTYPES; t++) {
    const rs__ynode *n = rs__y_get(dt, names[t]);
    if (!n) continue;
    char path[RS__KP_MAX];
    rs__kp_key(path, "timetable.day_types", names[t]);
    if (rs__y_expect_map(b, n, path)) continue;
    rs__y_check_keys(b, n, path, keys);
    rs__service *sv = &tt->by_type[t];
    *sv = tt->service;
    sv->periods = calloc((size_t)tt->service.nperiods + 1, sizeof *sv->periods);
    if (!sv->periods) return RS_ENOMEM;
    memcpy(sv->periods, tt->service.periods, (size_t)tt->service.nperiods * sizeof *sv->periods);
    tt->has_type[t] = 1;
    if (rs__bind_service(b, n, path, sv) == RS_ENOMEM) return RS_ENOMEM;
  }
  return RS_OK;
}

int rs__bind_timetable(rs__bind *b, const rs__ynode *v) {
  static const char *const keys[] = {"first_train", "last_train", "periods", "delays",
                                     "departures_csv", "day_types", "headway_scale",
                                     "suspensions", "seasons", NULL};
  rs__timetable *tt = &b->s->timetable;
  rs__service *sv = &tt->service;
  if (!v) return RS_OK;
  if (rs__y_expect_map(b, v, "timetable")) return RS_EINVAL;
  rs__y_check_keys(b, v, "timetable", keys);
  if (rs__bind_service(b, v, "timetable", sv) == RS_ENOMEM) return RS_ENOMEM;
  rs__get_number(b, v, "timetable", "headway_scale", 0, 0.05, 20, 0, &tt->headway_scale);
  const rs__ynode *dt = rs__y_get(v, "day_types");
  if (dt && rs__bind_day_types(b, dt) == RS_ENOMEM) return RS_ENOMEM;
  const rs__ynode *sn = rs__y_get(v, "seasons");
  if (sn && rs__bind_season_timetables(b, sn) == RS_ENOMEM) return RS_ENOMEM;
  const rs__ynode *su = rs__y_get(v, "suspensions");
  if (su && rs__bind_suspensions(b, su) == RS_ENOMEM) return RS_ENOMEM;
  const rs__ynode *dl = rs__y_get(v, "delays");
  if (dl && !rs__y_expect_map(b, dl, "timetable.delays")) {
    static const char *const dk[] = {"probability", "mean_s", NULL};
    rs__y_check_keys(b, dl, "timetable.delays", dk);
    rs__get_number(b, dl, "timetable.delays", "probability", 0, 0, 1, 0, &tt->delays.probability);
    rs__get_number(b, dl, "timetable.delays", "mean_s", 0, 0, 3600, 0, &tt->delays.mean_s);
  }
  const rs__ynode *dc = rs__y_get(v, "departures_csv"); /* alone: validation */
  if (dc) {
    char rel[RS__PATH_MAX];
    if (rs__y_string(b, dc, "timetable.departures_csv", RS__PATH_MAX - 1, rel)) return RS_EINVAL;
    rs__path_resolve(tt->departures_csv, sizeof tt->departures_csv, dc->file, rel);
    if (b->s->nst >= 2 && b->nst_sorted)
      return rs__csv_load_departures(b, dc, tt->departures_csv);
  }
  return RS_OK;
}

static int rs__bind_profiles(rs__bind *b, const rs__ynode *pm) {
  rs__demand *dm = &b->s->demand;
  if (rs__y_expect_map(b, pm, "demand.profiles")) return RS_EINVAL;
  dm->profiles = calloc(pm->n ? pm->n : 1, sizeof *dm->profiles);
  if (!dm->profiles) return RS_ENOMEM;
  char path[RS__KP_MAX];
  for (size_t i = 0; i < pm->n; i++) {
    rs__profile *pf = &dm->profiles[dm->nprofiles];
    rs__kp_key(path, "demand.profiles", pm->keys[i]->text);
    if (rs__y_id(b, pm->keys[i], path, pf->name)) continue;
    const rs__ynode *w = pm->items[i];
    if (rs__y_expect_seq(b, w, path)) continue;
    if (w->n != RS__HOURS) {
      rs__bind_err(b, w, RS_EINVAL, "'%s' must have 24 hourly weights (hours 0-23), got %zu",
                   path, w->n);
      continue;
    }
    double sum = 0;
    int ok = 1;
    char ip[RS__KP_MAX];
    for (int h = 0; h < RS__HOURS; h++) {
      rs__kp_index(ip, path, (size_t)h);
      if (rs__y_number_in(b, w->items[h], ip, 0, 1e12, 0, &pf->w[h])) ok = 0;
      else sum += pf->w[h];
    }
    if (ok && !(sum > 0)) {
      rs__bind_err(b, w, RS_EINVAL, "'%s' must have a positive sum", path);
      ok = 0;
    }
    if (ok) dm->nprofiles++;
  }
  return RS_OK;
}

static void rs__bind_od(rs__bind *b, const rs__ynode *m, const char *path, rs__od *od,
                        const rs__ynode *profiles) {
  static const char *const keys[] = {"from", "to", "trips", "profile", NULL};
  rs__od_defaults(od);
  if (rs__y_expect_map(b, m, path)) return;
  rs__y_check_keys(b, m, path, keys);
  char kp[RS__KP_MAX];
  const rs__ynode *fn = rs__y_get(m, "from"), *tn = rs__y_get(m, "to");
  rs__kp_key(kp, path, "from");
  if (!fn) rs__y_require(b, m, path, "from");
  else rs__y_station(b, fn, kp, &od->origin);
  rs__kp_key(kp, path, "to");
  if (!tn) rs__y_require(b, m, path, "to");
  else rs__y_station(b, tn, kp, &od->dest); /* from != to: validation */
  rs__get_number(b, m, path, "trips", 1, 0, 1e7, 0, &od->trips);
  const rs__ynode *pn = rs__y_get(m, "profile");
  if (!pn) return;
  rs__kp_key(kp, path, "profile");
  char name[RS__ID_MAX];
  if (rs__y_string(b, pn, kp, RS__ID_MAX - 1, name)) return;
  const rs__demand *dm = &b->s->demand;
  for (int i = 0; i < dm->nprofiles; i++)
    if (!strcmp(dm->profiles[i].name, name)) {
      od->profile = i;
      return;
    }
  if (!strcmp(name, "flat")) return;
  /* defined but invalid profiles were reported already: no second message */
  if (rs__ymap_get(profiles, name)) return;
  const char *cands[65];
  size_t nc = 0;
  cands[nc++] = "flat";
  for (int i = 0; i < dm->nprofiles && nc < 65; i++) cands[nc++] = dm->profiles[i].name;
  char hint[80];
  rs__hint(hint, sizeof hint, rs__suggest(name, cands, nc));
  rs__bind_err(b, pn, RS_EINVAL, "'%s': unknown profile '%s'%s", kp, name, hint);
}

int rs__bind_demand(rs__bind *b, const rs__ynode *v) {
  static const char *const keys[] = {"profiles",        "od",         "trips_csv",
                                     "counts_csv",      "counts_seed_csv", "gravity_km",
                                     "placeholder_trips_csv", NULL};
  if (!v) return RS_OK;
  if (rs__y_expect_map(b, v, "demand")) return RS_EINVAL;
  rs__y_check_keys(b, v, "demand", keys);
  rs__demand *dm = &b->s->demand;
  const rs__ynode *pm = rs__y_get(v, "profiles");
  if (pm && rs__bind_profiles(b, pm) == RS_ENOMEM) return RS_ENOMEM;
  if (rs__counts_exclusive(b, v)) return RS_EINVAL; /* scenario_counts.c */
  /* not both od and trips_csv: validation */
  const rs__ynode *ol = rs__y_get(v, "od"), *tc = rs__y_get(v, "trips_csv");
  /* A placeholder (import-gtfs) stands in only while no real demand is given. */
  if (!ol && !tc && !rs__y_get(v, "counts_csv")) tc = rs__y_get(v, "placeholder_trips_csv");
  if (ol && !rs__y_expect_seq(b, ol, "demand.od") && ol->n) {
    if (ol->n > 1000000)
      return rs__bind_err(b, ol, RS_EINVAL, "'demand.od' has more than 1000000 pairs");
    dm->od = calloc(ol->n, sizeof *dm->od);
    if (!dm->od) return RS_ENOMEM;
    dm->nod = (int)ol->n;
    char path[RS__KP_MAX];
    for (size_t i = 0; i < ol->n; i++) {
      rs__kp_index(path, "demand.od", i);
      rs__bind_od(b, ol->items[i], path, &dm->od[i], pm);
    }
  }
  if (tc) {
    char rel[RS__PATH_MAX];
    if (rs__y_string(b, tc, "demand.trips_csv", RS__PATH_MAX - 1, rel)) return RS_EINVAL;
    rs__path_resolve(dm->trips_csv, sizeof dm->trips_csv, tc->file, rel);
    if (b->s->nst >= 2 && b->nst_sorted) return rs__csv_load_trips(b, tc, dm->trips_csv);
  }
  return rs__bind_counts(b, v); /* scenario_counts.c */
}
