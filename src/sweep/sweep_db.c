/* The results database: SQLite in WAL mode, one writer, one row per
 * (point, replication), each inserted in its own transaction so a killed sweep
 * loses at most the runs in flight. The meta table keeps the spec hash (a
 * resume or merge with another spec is refused) and the table's shape. */
#include <inttypes.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "sweep/sweep.h"

struct rs__sw_db {
  sqlite3 *db;
  sqlite3_stmt *ins;
  int np, nf;
  char path[RS__PATH_MAX];
};

static int rs__sql_err(rs__sw_db *w, rs_diag *d, const char *what) {
  return rs__diag_add(d, RS_EIO, w->path, 0, 0, "%s: %s", what, sqlite3_errmsg(w->db));
}

static int rs__exec(rs__sw_db *w, const char *sql, rs_diag *d) {
  char *msg = NULL;
  if (sqlite3_exec(w->db, sql, NULL, NULL, &msg) == SQLITE_OK) return RS_OK;
  int rc = rs__diag_add(d, RS_EIO, w->path, 0, 0, "%s", msg ? msg : "sqlite error");
  sqlite3_free(msg);
  return rc;
}

int rs__sw_meta_get(void *db, const char *key, char *buf, size_t size) {
  sqlite3_stmt *st = NULL;
  buf[0] = 0;
  if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
    return RS_EIO;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? RS_OK : RS_EIO;
}

static int rs__meta_put(rs__sw_db *w, sqlite3_stmt *st, const char *key, const char *val) {
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, val, -1, SQLITE_TRANSIENT);
  return sqlite3_step(st) == SQLITE_DONE ? RS_OK : RS_EIO;
}

/* Tables and meta in one transaction: a kill leaves no half-made database. */
static int rs__create(rs__sw_db *w, const rs_sweep_spec *sp, int shard_k, int shard_n,
                      rs_diag *d) {
  size_t cap = 256 + (size_t)(sp->np + sp->nf) * (RS__KP_MAX + 16);
  char *sql = malloc(cap);
  if (!sql) return RS_ENOMEM;
  size_t o = (size_t)snprintf(sql, cap, "CREATE TABLE results (\"point\" INTEGER NOT NULL, "
                                       "\"replication\" INTEGER NOT NULL");
  for (int i = 0; i < sp->np; i++) o += (size_t)snprintf(sql + o, cap - o, ", \"%s\" REAL", sp->p[i].name);
  for (int i = 0; i < sp->nf; i++) o += (size_t)snprintf(sql + o, cap - o, ", \"%s\" REAL", sp->f[i].name);
  snprintf(sql + o, cap - o, ", PRIMARY KEY (\"point\", \"replication\"))");
  int rc = rs__exec(w, "BEGIN IMMEDIATE", d);
  if (rc == RS_OK) rc = rs__exec(w, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)", d);
  if (rc == RS_OK) rc = rs__exec(w, sql, d);
  free(sql);
  sqlite3_stmt *st = NULL;
  if (rc == RS_OK &&
      sqlite3_prepare_v2(w->db, "INSERT INTO meta VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK)
    rc = rs__sql_err(w, d, "cannot write meta");
  char v[RS__KP_MAX + 32], k[32];
  if (rc == RS_OK) {
    rc |= rs__meta_put(w, st, "format", "ridersim-sweep 1");
    rc |= rs__meta_put(w, st, "version", RS_VERSION);
    snprintf(v, sizeof v, "%016" PRIx64, sp->hash);
    rc |= rs__meta_put(w, st, "spec_hash", v);
    rc |= rs__meta_put(w, st, "spec", sp->path);
    rc |= rs__meta_put(w, st, "name", sp->name);
    rc |= rs__meta_put(w, st, "method", rs__sw_method_names[sp->method]);
    snprintf(v, sizeof v, "%ld", sp->npoints);
    rc |= rs__meta_put(w, st, "npoints", v);
    snprintf(v, sizeof v, "%ld", sp->nbase);
    rc |= rs__meta_put(w, st, "nbase", v);
    snprintf(v, sizeof v, "%d", sp->reps);
    rc |= rs__meta_put(w, st, "replications", v);
    snprintf(v, sizeof v, "%d", sp->np);
    rc |= rs__meta_put(w, st, "nparams", v);
    snprintf(v, sizeof v, "%d", sp->nf);
    rc |= rs__meta_put(w, st, "nfigures", v);
    snprintf(v, sizeof v, "%d/%d", shard_k, shard_n);
    rc |= rs__meta_put(w, st, "shard", shard_n ? v : "");
    for (int i = 0; i < sp->np; i++) {
      snprintf(k, sizeof k, "param.%d", i);
      rc |= rs__meta_put(w, st, k, sp->p[i].name);
    }
    for (int i = 0; i < sp->nf; i++) {
      snprintf(k, sizeof k, "figure.%d", i);
      rc |= rs__meta_put(w, st, k, sp->f[i].name);
    }
    if (rc) rc = rs__sql_err(w, d, "cannot write meta");
  }
  sqlite3_finalize(st);
  if (rc == RS_OK) return rs__exec(w, "COMMIT", d);
  sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* A database with no table at all: its creation was killed before the
 * transaction of rs__create committed; starting it afresh loses nothing. */
static int rs__no_tables(rs__sw_db *w) {
  sqlite3_stmt *st = NULL;
  int none = 0;
  if (sqlite3_prepare_v2(w->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    none = sqlite3_column_int(st, 0) == 0;
  sqlite3_finalize(st);
  return none;
}

static int rs__has_meta(rs__sw_db *w) {
  sqlite3_stmt *st = NULL;
  int found = 0;
  if (sqlite3_prepare_v2(w->db, "SELECT 1 FROM sqlite_master WHERE name = 'meta'", -1, &st,
                         NULL) == SQLITE_OK)
    found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

int rs__sw_db_open(const char *path, const rs_sweep_spec *sp, int mode, int shard_k,
                   int shard_n, rs__sw_db **out, rs_diag *d) {
  *out = NULL;
  struct stat stt;
  int exists = stat(path, &stt) == 0;
  if (mode == RS__DB_CREATE && exists)
    return rs__diag_add(d, RS_EUSAGE, path, 0, 0,
                        "exists: continue that sweep with --resume, or choose another -o");
  rs__sw_db *w = calloc(1, sizeof *w);
  if (!w) return RS_ENOMEM;
  snprintf(w->path, sizeof w->path, "%s", path);
  w->np = sp->np;
  w->nf = sp->nf;
  int rc = RS_OK;
  if (sqlite3_open_v2(path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    rc = rs__sql_err(w, d, "cannot open");
  if (rc == RS_OK) sqlite3_busy_timeout(w->db, 10000);
  /* WAL: a commit is one append, atomic under kill; NORMAL sync survives a
   * killed process (not a power cut between checkpoints, which costs a few rows). */
  if (rc == RS_OK) rc = rs__exec(w, "PRAGMA journal_mode=WAL", d);
  if (rc == RS_OK) rc = rs__exec(w, "PRAGMA synchronous=NORMAL", d);
  /* A damaged store is an error, never a silent restart. */
  if (rc == RS_OK && exists && rs__no_tables(w)) exists = 0;
  if (rc == RS_OK && exists && !rs__has_meta(w))
    rc = rs__diag_add(d, RS_EINVAL, path, 0, 0,
                      "is damaged or not a ridersim sweep database (no meta table): refusing "
                      "to start over in it; move it away or use another -o");
  if (rc == RS_OK && exists) {
    char ok[64] = "";
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(w->db, "PRAGMA quick_check", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
      snprintf(ok, sizeof ok, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (strcmp(ok, "ok"))
      rc = rs__diag_add(d, RS_EINVAL, path, 0, 0, "is damaged (integrity check: %s)",
                        ok[0] ? ok : sqlite3_errmsg(w->db));
  }
  if (rc == RS_OK && !exists) {
    rc = rs__create(w, sp, shard_k, shard_n, d);
  } else if (rc == RS_OK) {
    char h[64], want[32], shard[32], want_shard[32];
    rs__sw_meta_get(w->db, "spec_hash", h, sizeof h);
    snprintf(want, sizeof want, "%016" PRIx64, sp->hash);
    if (strcmp(h, want))
      rc = rs__diag_add(d, RS_EINVAL, path, 0, 0,
                        "was made by a different sweep spec or base scenario (hash %s, this "
                        "spec %s): refusing to mix them; use another -o",
                        h, want);
    rs__sw_meta_get(w->db, "shard", shard, sizeof shard);
    snprintf(want_shard, sizeof want_shard, "%d/%d", shard_k, shard_n);
    if (rc == RS_OK && strcmp(shard, shard_n ? want_shard : ""))
      rc = rs__diag_add(d, RS_EINVAL, path, 0, 0, "holds shard '%s', not '%s'", shard,
                        shard_n ? want_shard : "(all)");
  }
  if (rc == RS_OK) {
    size_t cap = 64 + (size_t)(sp->np + sp->nf) * 3;
    char *sql = malloc(cap);
    if (!sql) rc = RS_ENOMEM;
    if (sql) {
      size_t o = (size_t)snprintf(sql, cap, "INSERT INTO results VALUES (?,?");
      for (int i = 0; i < sp->np + sp->nf; i++) o += (size_t)snprintf(sql + o, cap - o, ",?");
      snprintf(sql + o, cap - o, ")");
      if (sqlite3_prepare_v2(w->db, sql, -1, &w->ins, NULL) != SQLITE_OK)
        rc = rs__sql_err(w, d, "results table does not match the spec");
      free(sql);
    }
  }
  if (rc) {
    rs__sw_db_close(w);
    return rc;
  }
  *out = w;
  return RS_OK;
}

void rs__sw_db_close(rs__sw_db *w) {
  if (!w) return;
  sqlite3_finalize(w->ins);
  sqlite3_close(w->db);
  free(w);
}

int rs__sw_db_done(rs__sw_db *w, long npoints, int reps, unsigned char *done, rs_diag *d) {
  memset(done, 0, (size_t)npoints * (size_t)reps);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(w->db, "SELECT point, replication FROM results", -1, &st, NULL) !=
      SQLITE_OK)
    return rs__sql_err(w, d, "cannot read results");
  int rc, bad = RS_OK;
  while (bad == RS_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    sqlite3_int64 p = sqlite3_column_int64(st, 0);
    sqlite3_int64 r = sqlite3_column_int64(st, 1);
    /* A stray row (another spec, a hand edit) would make the count lie
     * ("26 of 25 runs"): name it instead of skipping it. */
    if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || sqlite3_column_type(st, 1) != SQLITE_INTEGER ||
        p < 0 || p >= npoints || r < 0 || r >= reps)
      bad = rs__diag_add(d, RS_EINVAL, w->path, 0, 0,
                         "holds a row (point %s, replication %s) outside this sweep's %ld points "
                         "and %d replications: the database is damaged or was edited; remove "
                         "the row or start over in another -o",
                         (const char *)sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "NULL",
                         (const char *)sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "NULL",
                         npoints, reps);
    else
      done[p * reps + r] = 1;
  }
  sqlite3_finalize(st);
  if (bad) return bad;
  return rc == SQLITE_DONE ? RS_OK : rs__sql_err(w, d, "cannot read results");
}

int rs__sw_db_insert(rs__sw_db *w, long point, int rep, const double *x, const double *f,
                     rs_diag *d) {
  sqlite3_reset(w->ins);
  sqlite3_bind_int64(w->ins, 1, point);
  sqlite3_bind_int(w->ins, 2, rep);
  for (int i = 0; i < w->np + w->nf; i++) {
    double v = i < w->np ? x[i] : f[i - w->np];
    if (isnan(v))
      sqlite3_bind_null(w->ins, 3 + i);
    else
      sqlite3_bind_double(w->ins, 3 + i, v);
  }
  int rc = sqlite3_step(w->ins);
  sqlite3_reset(w->ins);
  if (rc != SQLITE_DONE) return rs__sql_err(w, d, "cannot insert a row");
  return RS_OK;
}

int rs_sweep_status(const char *path, long *rows, long *expected, rs_diag *d) {
  *rows = *expected = 0;
  sqlite3 *db = NULL;
  int rc = RS_OK;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    rc = rs__diag_add(d, RS_EIO, path, 0, 0, "cannot open: %s", sqlite3_errmsg(db));
  char v[64], sh[64];
  sqlite3_stmt *st = NULL;
  if (rc == RS_OK) sqlite3_busy_timeout(db, 10000);
  if (rc == RS_OK && sqlite3_prepare_v2(db, "SELECT count(*) FROM results", -1, &st, NULL) != SQLITE_OK)
    rc = rs__diag_add(d, RS_EINVAL, path, 0, 0, "not a sweep database: %s", sqlite3_errmsg(db));
  if (rc == RS_OK && sqlite3_step(st) == SQLITE_ROW) *rows = (long)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (rc == RS_OK) {
    rs__sw_meta_get(db, "npoints", v, sizeof v);
    long np = atol(v);
    rs__sw_meta_get(db, "replications", v, sizeof v);
    int reps = atoi(v);
    rs__sw_meta_get(db, "shard", sh, sizeof sh);
    int k = 0, n = 0;
    long cnt = np;
    if (sh[0] && sscanf(sh, "%d/%d", &k, &n) == 2 && n > 0)
      cnt = np / n + (np % n > k - 1 ? 1 : 0);
    *expected = cnt * reps;
  }
  sqlite3_close(db);
  return rc;
}
