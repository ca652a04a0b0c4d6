/* A sweep database read back whole, in (point, replication) order, with the
 * shape from its meta table: what the reports and the merge work from. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "sweep/sweep.h"
#include <errno.h>
#include <sys/stat.h>

void rs__sw_table_free(rs__sw_table *t) {
  for (int i = 0; t->pname && i < t->np; i++) free(t->pname[i]);
  for (int i = 0; t->fname && i < t->nf; i++) free(t->fname[i]);
  free(t->pname);
  free(t->fname);
  free(t->point);
  free(t->rep);
  free(t->x);
  free(t->f);
  memset(t, 0, sizeof *t);
}

static int rs__meta(sqlite3 *db, rs__sw_table *t) {
  char v[RS__KP_MAX + 8], k[32];
  rs__sw_meta_get(db, "format", v, sizeof v);
  if (strcmp(v, "ridersim-sweep 1")) return RS_EINVAL;
  rs__sw_meta_get(db, "method", t->method, sizeof t->method);
  rs__sw_meta_get(db, "spec_hash", t->hash, sizeof t->hash);
  rs__sw_meta_get(db, "spec", t->spec, sizeof t->spec);
  rs__sw_meta_get(db, "npoints", v, sizeof v);
  t->npoints = atol(v);
  rs__sw_meta_get(db, "nbase", v, sizeof v);
  t->nbase = atol(v);
  rs__sw_meta_get(db, "replications", v, sizeof v);
  t->reps = atoi(v);
  rs__sw_meta_get(db, "nparams", v, sizeof v);
  t->np = atoi(v);
  rs__sw_meta_get(db, "nfigures", v, sizeof v);
  t->nf = atoi(v);
  rs__sw_meta_get(db, "shard", v, sizeof v);
  if (v[0] && (sscanf(v, "%d/%d", &t->shard_k, &t->shard_n) != 2 || t->shard_n < 1 ||
               t->shard_k < 1 || t->shard_k > t->shard_n))
    return RS_EINVAL;
  if (t->npoints < 1 || t->npoints > RS__SW_MAX_RUNS || t->reps < 1 ||
      t->npoints * t->reps > RS__SW_MAX_RUNS || t->np < 1 || t->np > RS__SW_MAX_PARAMS || t->nf < 1 ||
      t->nf > RS__SW_MAX_FIGS)
    return RS_EINVAL;
  t->pname = calloc((size_t)t->np, sizeof *t->pname);
  t->fname = calloc((size_t)t->nf, sizeof *t->fname);
  if (!t->pname || !t->fname) return RS_ENOMEM;
  for (int i = 0; i < t->np; i++) {
    snprintf(k, sizeof k, "param.%d", i);
    rs__sw_meta_get(db, k, v, sizeof v);
    if (!(t->pname[i] = strdup(v))) return RS_ENOMEM;
  }
  for (int i = 0; i < t->nf; i++) {
    snprintf(k, sizeof k, "figure.%d", i);
    rs__sw_meta_get(db, k, v, sizeof v);
    if (!(t->fname[i] = strdup(v))) return RS_ENOMEM;
  }
  return RS_OK;
}

int rs__sw_table_read(const char *path, rs__sw_table *t, rs_diag *d) {
  memset(t, 0, sizeof *t);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int rc = RS_OK;
  struct stat fst; /* a FIFO would block sqlite's open */
  int serr = stat(path, &fst) != 0 ? errno : 0;
  if (serr || !S_ISREG(fst.st_mode))
    return rs__diag_add(d, RS_EIO, path, 0, 0, "cannot open: %s",
                        serr ? strerror(serr) : "not a regular file");
  /* read-write when allowed: a read-only reader of a WAL database leaves its
   * -wal and -shm files behind */
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    sqlite3_close(db);
    db = NULL;
  }
  if (!db && sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    rc = rs__diag_add(d, RS_EIO, path, 0, 0, "cannot open: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
  }
  sqlite3_busy_timeout(db, 10000);
  rc = rs__meta(db, t);
  if (rc == RS_EINVAL) rc = rs__diag_add(d, RS_EINVAL, path, 0, 0, "not a ridersim sweep database");
  long cap = 0;
  if (rc == RS_OK &&
      sqlite3_prepare_v2(db, "SELECT * FROM results ORDER BY point, replication", -1, &st, NULL) !=
          SQLITE_OK)
    rc = rs__diag_add(d, RS_EINVAL, path, 0, 0, "cannot read results: %s", sqlite3_errmsg(db));
  if (rc == RS_OK && sqlite3_column_count(st) != 2 + t->np + t->nf)
    rc = rs__diag_add(d, RS_EINVAL, path, 0, 0, "results table does not match its meta table");
  int s = SQLITE_DONE;
  while (rc == RS_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
    if (t->nrows == cap) {
      cap = cap ? 2 * cap : 256;
      long *p = realloc(t->point, (size_t)cap * sizeof *p);
      if (p) t->point = p;
      int *r = realloc(t->rep, (size_t)cap * sizeof *r);
      if (r) t->rep = r;
      double *x = realloc(t->x, (size_t)cap * (size_t)t->np * sizeof *x);
      if (x) t->x = x;
      double *f = realloc(t->f, (size_t)cap * (size_t)t->nf * sizeof *f);
      if (f) t->f = f;
      if (!p || !r || !x || !f) {
        rc = RS_ENOMEM;
        break;
      }
    }
    if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || sqlite3_column_type(st, 1) != SQLITE_INTEGER) {
      rc = rs__diag_add(d, RS_EINVAL, path, 0, 0,
                        "row %ld: point and replication are not integers: the database is damaged",
                        t->nrows + 1);
      break;
    }
    long i = t->nrows++;
    t->point[i] = (long)sqlite3_column_int64(st, 0);
    t->rep[i] = sqlite3_column_int(st, 1);
    for (int c = 0; c < t->np + t->nf; c++) {
      double v = sqlite3_column_type(st, 2 + c) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 2 + c);
      if (c < t->np)
        t->x[i * t->np + c] = v;
      else
        t->f[i * t->nf + c - t->np] = v;
    }
  }
  if (rc == RS_OK && s != SQLITE_DONE)
    rc = rs__diag_add(d, RS_EIO, path, 0, 0, "cannot read results: %s", sqlite3_errmsg(db));
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (rc) rs__sw_table_free(t);
  return rc;
}
