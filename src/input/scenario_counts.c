/* demand.counts_csv: station entries and exits by hour (optionally per day type
 * or per date) turned into demand. Each hour's OD matrix is a seed -- gravity
 * on distance, exp(-km / gravity_km), or counts_seed_csv -- fitted by
 * iterative proportional fitting to that hour's entries (row sums) and exits
 * (column sums, scaled to the entries' total); the pairs become demand.od
 * entries with one-hour profiles (counts_h00 .. counts_h23). What the fit
 * leaves is kept in demand.fit (written as counts-fit.csv by run). A rider is
 * assumed to leave in the hour they entered: counts by hour do not say more. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "input/csv.h"
#include "input/scenario_load.h"
#include "model/calendar.h"
#include "model/ipf.h"

#define RS__COUNTS_MAX_OD 1000000

typedef struct rs__count_row {
  int group;                /* index of (day_type or date) */
  int station, hour;
  double entries, exits;
} rs__count_row;

typedef struct rs__counts {
  rs__count_row *rows;
  int n, cap;
  int gtype[RS__NDAYTYPES + 1];  /* groups: day type (-1 none) */
  int32_t gdate[RS__MAX_DAYS > 4096 ? 4096 : RS__MAX_DAYS];
  int ngroups, by;               /* by: 0 none, 1 day_type, 2 date */
} rs__counts;

static int rs__counts_open(rs__bind *b, const rs__ynode *node, const char *path, rs__csv *c,
                           char **buf) {
  size_t len;
  char why[256];
  int rc = rs__source_read(path, RS__CSV_MAX_BYTES, buf, &len, why, sizeof why);
  if (rc) return rs__bind_err(b, node, rc, "cannot read '%s': %s", path, why);
  b->hash = rs__fnv1a(b->hash, *buf, len);
  rc = rs__csv_init(c, path, *buf, len, b->d);
  if (rc) {
    b->nerr++;
    free(*buf);
  }
  return rc;
}

static int rs__cfail(rs__bind *b, const rs__csv *c, int f, const char *what, const char *expected) {
  b->nerr++;
  return rs__diag_add(b->d, RS_EINVAL, c->name, c->fline[f], c->fcol[f], "'%s' %s, got '%s'", what,
                      expected, c->f[f]);
}

static int rs__count_group(rs__counts *k, rs__bind *b, const rs__csv *c, int f) {
  if (k->by == 0) return 0;
  int32_t key;
  if (k->by == 1) {
    rs__daytype t;
    if (rs__daytype_parse(c->f[f], &t))
      return rs__cfail(b, c, f, "day_type", "must be workday, weekend, holiday, makeup, holiday_eve or spring_festival"), -1;
    key = (int32_t)t;
  } else if (rs__date_parse(c->f[f], &key)) {
    return rs__cfail(b, c, f, "date", "must be a date YYYY-MM-DD"), -1;
  }
  for (int g = 0; g < k->ngroups; g++)
    if ((k->by == 1 ? k->gtype[g] : k->gdate[g]) == key) return g;
  int cap = k->by == 1 ? RS__NDAYTYPES : (int)(sizeof k->gdate / sizeof k->gdate[0]);
  if (k->ngroups >= cap) return rs__cfail(b, c, f, "date", "is one date too many (at most 4096)"), -1;
  if (k->by == 1) k->gtype[k->ngroups] = key;
  else k->gdate[k->ngroups] = key;
  return k->ngroups++;
}

static int rs__count_row_read(rs__counts *k, rs__bind *b, const rs__csv *c, const int *idx) {
  rs__count_row r;
  char *end;
  int bad = 0;
  r.station = rs__station_find(b, c->f[idx[0]]);
  if (r.station < 0)
    bad = rs__cfail(b, c, idx[0], "station", "must be a station id of the line");
  long h = strtol(c->f[idx[1]], &end, 10);
  if (!*c->f[idx[1]] || *end || h < 0 || h > 23) bad = rs__cfail(b, c, idx[1], "hour", "must be 0-23");
  r.hour = (int)h;
  r.entries = strtod(c->f[idx[2]], &end);
  if (!*c->f[idx[2]] || *end || !(r.entries >= 0) || r.entries > 1e9)
    bad = rs__cfail(b, c, idx[2], "entries", "must be a number in [0, 1e9]");
  r.exits = strtod(c->f[idx[3]], &end);
  if (!*c->f[idx[3]] || *end || !(r.exits >= 0) || r.exits > 1e9)
    bad = rs__cfail(b, c, idx[3], "exits", "must be a number in [0, 1e9]");
  r.group = rs__count_group(k, b, c, k->by == 1 ? idx[4] : idx[5]);
  if (bad || r.group < 0) return RS_EINVAL;
  for (int i = 0; i < k->n; i++)
    if (k->rows[i].group == r.group && k->rows[i].station == r.station && k->rows[i].hour == r.hour) {
      b->nerr++;
      return rs__diag_add(b->d, RS_EINVAL, c->name, c->row_line, 1,
                          "station '%s' hour %d is counted twice", c->f[idx[0]], r.hour);
    }
  if (k->n == k->cap) {
    int cap = k->cap ? k->cap * 2 : 256;
    rs__count_row *p = realloc(k->rows, (size_t)cap * sizeof *p);
    if (!p) return RS_ENOMEM;
    k->rows = p;
    k->cap = cap;
  }
  k->rows[k->n++] = r;
  return RS_OK;
}

static int rs__counts_read(rs__bind *b, const rs__ynode *node, const char *path, rs__counts *k) {
  static const char *const cols[] = {"station", "hour", "entries", "exits", "day_type", "date"};
  rs__csv *c = malloc(sizeof *c);
  char *buf = NULL;
  if (!c) return RS_ENOMEM;
  int rc = rs__counts_open(b, node, path, c, &buf), idx[6], nerr0 = b->nerr;
  if (!rc && (rc = rs__csv_header_opt(c, cols, 4, 6, idx, b->d))) b->nerr++;
  if (!rc && idx[4] >= 0 && idx[5] >= 0) {
    rc = rs__diag_add(b->d, RS_EINVAL, c->name, 1, c->fcol[idx[5]], "give 'day_type' or 'date', not both");
    b->nerr++;
  }
  int nhdr = 4 + (idx[4] >= 0) + (idx[5] >= 0);
  k->by = idx[4] >= 0 ? 1 : idx[5] >= 0 ? 2 : 0;
  if (k->by == 0) k->ngroups = 1, k->gtype[0] = -1;
  while (!rc) {
    int r = rs__csv_next(c, b->d);
    if (r == 0) break;
    if (r < 0 || c->nf != nhdr) {
      if (r > 0) rs__diag_add(b->d, RS_ESYNTAX, c->name, c->row_line, 1, "row has %d fields, the header has %d", c->nf, nhdr);
      b->nerr++;
      continue;
    }
    if (rs__count_row_read(k, b, c, idx) == RS_ENOMEM) rc = RS_ENOMEM;
  }
  if (buf) free(buf);
  free(c);
  if (rc) return rc;
  return b->nerr > nerr0 ? RS_EINVAL : RS_OK;
}

/* Seed: counts_seed_csv (origin,destination,weight) or gravity on distance. */
static int rs__counts_seed(rs__bind *b, const rs__ynode *v, double *seed) {
  const rs_scenario *s = b->s;
  int n = s->nst;
  const rs__ynode *sc = rs__y_get(v, "counts_seed_csv");
  if (!sc) {
    double *km = rs__line_km_accepted(s); /* a km out of order counts as unknown */
    if (!km) return RS_ENOMEM;
    double L = (km[n - 1] - km[0]) / 3;
    /* 1 when given, 0 when absent (the default above), negative when refused */
    int rc = rs__get_number(b, v, "demand", "gravity_km", 0, 0, 1e5, RS__LO_OPEN, &L);
    for (int i = 0; i < n && rc >= 0; i++)
      for (int j = 0; j < n; j++)
        seed[i * n + j] = i == j ? 0 : exp(-fabs(km[i] - km[j]) / (L > 0 ? L : 1));
    free(km);
    return rc < 0 ? RS_EINVAL : RS_OK;
  }
  char rel[RS__PATH_MAX], path[RS__PATH_MAX];
  if (rs__y_string(b, sc, "demand.counts_seed_csv", RS__PATH_MAX - 1, rel)) return RS_EINVAL;
  rs__path_resolve(path, sizeof path, sc->file, rel);
  static const char *const cols[] = {"origin", "destination", "weight"};
  rs__csv c;
  char *buf = NULL;
  int idx[3], rc = rs__counts_open(b, sc, path, &c, &buf);
  if (!rc && (rc = rs__csv_header(&c, cols, 3, idx, b->d))) b->nerr++;
  for (int r; !rc && (r = rs__csv_next(&c, b->d)) != 0;) {
    char *end;
    int o = r > 0 ? rs__station_find(b, c.f[idx[0]]) : -1, d = r > 0 ? rs__station_find(b, c.f[idx[1]]) : -1;
    double w = r > 0 ? strtod(c.f[idx[2]], &end) : 0;
    if (r < 0 || c.nf != 3 || o < 0 || d < 0 || o == d || *end || !(w >= 0) || w > 1e12) {
      b->nerr++;
      rs__diag_add(b->d, RS_EINVAL, c.name, c.row_line, 1,
                   "expected origin,destination (two different station ids) and a weight >= 0");
      continue;
    }
    seed[o * n + d] = w;
  }
  free(buf);
  return rc ? rc : b->nerr ? RS_EINVAL : RS_OK;
}

/* Append the 24 one-hour profiles counts_h00..counts_h23; index of the first. */
static int rs__counts_profiles(rs__demand *dm) {
  rs__profile *p = realloc(dm->profiles, (size_t)(dm->nprofiles + RS__HOURS) * sizeof *p);
  if (!p) return -1;
  dm->profiles = p;
  int first = dm->nprofiles;
  for (int h = 0; h < RS__HOURS; h++) {
    rs__profile *q = &p[first + h];
    memset(q, 0, sizeof *q);
    snprintf(q->name, sizeof q->name, "counts_h%02d", h);
    q->w[h] = 1;
  }
  dm->nprofiles += RS__HOURS;
  return first;
}

static int rs__od_push(rs__demand *dm, int *cap, const rs__od *od) {
  if (dm->nod >= RS__COUNTS_MAX_OD) return RS_ELIMIT;
  if (dm->nod == *cap) {
    int c = *cap ? *cap * 2 : 1024;
    rs__od *p = realloc(dm->od, (size_t)c * sizeof *p);
    if (!p) return RS_ENOMEM;
    dm->od = p;
    *cap = c;
  }
  dm->od[dm->nod++] = *od;
  return RS_OK;
}

/* One group's hour: fit, record the fit, add the pairs. */
static int rs__counts_hour(rs__bind *b, const rs__counts *k, int g, int h, const double *seed,
                           double *e, double *x, double *m, int prof0, int *cap) {
  rs__demand *dm = &b->s->demand;
  int n = b->s->nst;
  double te = 0, tx = 0;
  for (int i = 0; i < n; i++) e[i] = x[i] = 0;
  for (int r = 0; r < k->n; r++)
    if (k->rows[r].group == g && k->rows[r].hour == h) {
      e[k->rows[r].station] = k->rows[r].entries;
      x[k->rows[r].station] = k->rows[r].exits;
    }
  for (int i = 0; i < n; i++) te += e[i], tx += x[i];
  if (!(te > 0)) return RS_OK;
  if (!(tx > 0)) return rs__diag_add(b->d, RS_EINVAL, dm->counts_csv, 0, 0, "hour %d: entries but no exits", h), b->nerr++, RS_EINVAL;
  dm->fit_imbalance = fmax(dm->fit_imbalance, fabs(tx - te) / te);
  double *col = malloc((size_t)n * sizeof *col);
  if (!col) return RS_ENOMEM;
  for (int j = 0; j < n; j++) col[j] = x[j] * te / tx; /* exits scaled to the entries' total */
  dm->fit_residual = fmax(dm->fit_residual, rs__ipf(seed, n, e, col, m, 5000, 1e-10));
  free(col);
  int rc = RS_OK;
  for (int i = 0; i < n && !rc; i++) {
    double fe = 0, fx = 0;
    for (int j = 0; j < n; j++) fe += m[i * n + j], fx += m[j * n + i];
    rs__counts_fit *f = &dm->fit[dm->nfit++];
    *f = (rs__counts_fit){k->by == 1 ? k->gtype[g] : -1, k->by == 2 ? k->gdate[g] : RS__DATE_NONE,
                          i, h, e[i], x[i], fe, fx};
    for (int j = 0; j < n && !rc; j++) {
      if (!(m[i * n + j] > 1e-9)) continue;
      rs__od od = {i, j, m[i * n + j], prof0 + h, 0, 0, 0};
      if (k->by == 1) od.day_types = 1u << k->gtype[g];
      if (k->by == 2) od.dated = 1, od.date = k->gdate[g];
      rc = rs__od_push(dm, cap, &od);
    }
  }
  return rc;
}

static int rs__counts_fit_all(rs__bind *b, const rs__counts *k, const double *seed) {
  rs__demand *dm = &b->s->demand;
  int n = b->s->nst, cap = 0, rc = RS_OK;
  int prof0 = rs__counts_profiles(dm);
  double *e = malloc((size_t)n * sizeof *e), *x = malloc((size_t)n * sizeof *x);
  double *m = malloc((size_t)n * (size_t)n * sizeof *m);
  dm->fit = malloc((size_t)k->ngroups * RS__HOURS * (size_t)n * sizeof *dm->fit);
  if (prof0 < 0 || !e || !x || !m || !dm->fit) rc = RS_ENOMEM;
  for (int g = 0; g < k->ngroups && !rc; g++)
    for (int h = 0; h < RS__HOURS && !rc; h++) rc = rs__counts_hour(b, k, g, h, seed, e, x, m, prof0, &cap);
  if (rc == RS_ELIMIT)
    rs__diag_add(b->d, rc, dm->counts_csv, 0, 0, "the fitted demand has more than %d OD pairs", RS__COUNTS_MAX_OD), b->nerr++;
  free(e);
  free(x);
  free(m);
  return rc;
}

int rs__counts_exclusive(rs__bind *b, const rs__ynode *v) {
  const char *other = rs__y_get(v, "od") ? "od" : rs__y_get(v, "trips_csv") ? "trips_csv" : NULL;
  if (!other || !rs__y_get(v, "counts_csv")) return RS_OK;
  return rs__bind_err(b, rs__y_keynode(v, "counts_csv"), RS_EINVAL,
                      "'demand.counts_csv' cannot be given together with 'demand.%s' (the counts "
                      "make the OD pairs)", other);
}

int rs__bind_counts(rs__bind *b, const rs__ynode *v) {
  const rs__ynode *cc = rs__y_get(v, "counts_csv");
  rs__demand *dm = &b->s->demand;
  if (!cc) {
    const char *stray = rs__y_get(v, "counts_seed_csv") ? "counts_seed_csv" : rs__y_get(v, "gravity_km") ? "gravity_km" : NULL;
    if (stray) return rs__bind_err(b, rs__y_keynode(v, stray), RS_EINVAL, "'demand.%s' needs 'demand.counts_csv'", stray);
    return RS_OK;
  }
  char rel[RS__PATH_MAX];
  if (rs__y_string(b, cc, "demand.counts_csv", RS__PATH_MAX - 1, rel)) return RS_EINVAL;
  rs__path_resolve(dm->counts_csv, sizeof dm->counts_csv, cc->file, rel);
  if (b->s->nst < 2 || !b->nst_sorted) return RS_OK; /* the line is reported already */
  rs__counts k;
  memset(&k, 0, sizeof k);
  double *seed = calloc((size_t)b->s->nst * (size_t)b->s->nst, sizeof *seed);
  int rc = seed ? rs__counts_read(b, cc, dm->counts_csv, &k) : RS_ENOMEM;
  if (!rc) rc = rs__counts_seed(b, v, seed);
  if (!rc) rc = rs__counts_fit_all(b, &k, seed);
  free(seed);
  free(k.rows);
  return rc;
}
