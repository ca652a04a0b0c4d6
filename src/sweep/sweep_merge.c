/* sweep-merge: shard databases into one. Every shard must come from the same
 * spec (hash), and each (point, replication) must appear exactly once. */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "sweep/sweep.h"
#include "base/outdir.h"

static int rs__exec(sqlite3 *db, const char *sql, const char *path, rs_diag *d) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return RS_OK;
  int rc = rs__diag_add(d, RS_EIO, path, 0, 0, "%s", msg ? msg : "sqlite error");
  sqlite3_free(msg);
  return rc;
}

static int rs__merge_copy(const char *const *dbs, size_t n, const char *tmp, const char *out,
                          rs_diag *d);

/* Every row of shard I (T, read from PATH) before anything is written: its
 * point and replication in range, in its own shard (point % N == K-1), not
 * seen before in it or an earlier shard. DONE marks the rows seen. */
static int rs__check_rows(const rs__sw_table *t, const char *path, unsigned char *done,
                          rs_diag *d) {
  for (long r = 0; r < t->nrows; r++) {
    long p = t->point[r];
    int k = t->rep[r];
    if (p < 0 || p >= t->npoints || k < 0 || k >= t->reps)
      return rs__diag_add(d, RS_EINVAL, path, 0, 0,
                          "row %ld has point %ld replication %d, outside the sweep's %ld points "
                          "and %d replications: the database is damaged",
                          r + 1, p, k, t->npoints, t->reps);
    if (t->shard_n && p % t->shard_n != t->shard_k - 1)
      return rs__diag_add(d, RS_EINVAL, path, 0, 0,
                          "row %ld has point %ld, which belongs to shard %ld/%d, not to this "
                          "shard %d/%d", r + 1, p, p % t->shard_n + 1, t->shard_n, t->shard_k,
                          t->shard_n);
    if (done[p * t->reps + k])
      return rs__diag_add(d, RS_EINVAL, path, 0, 0,
                          "point %ld replication %d appears twice (here or in an earlier "
                          "database)", p, k);
    done[p * t->reps + k] = 1;
  }
  return RS_OK;
}

/* Rows whose parameter values are not those of their point in the spec: a
 * row moved to another point, or edited. Only when the spec named in the
 * database is at hand and unchanged (same hash): on another machine the
 * merge trusts the values. */
static int rs__check_values(const rs__sw_table *t, const char *path, rs_diag *d) {
  rs_sweep_spec *sp = NULL;
  rs_diag *quiet = rs_diag_alloc();
  int loaded = t->spec[0] && rs_sweep_spec_load(t->spec, &sp, quiet) == RS_OK;
  rs_diag_free(quiet);
  char h[32];
  if (loaded) snprintf(h, sizeof h, "%016" PRIx64, sp->hash);
  int rc = RS_OK;
  if (loaded && !strcmp(h, t->hash) && sp->np == t->np && sp->npoints == t->npoints)
    for (long r = 0; rc == RS_OK && r < t->nrows; r++)
      for (int i = 0; rc == RS_OK && i < t->np; i++)
        if (t->x[r * t->np + i] != sp->x[t->point[r] * sp->np + i])
          rc = rs__diag_add(d, RS_EINVAL, path, 0, 0,
                            "row %ld (point %ld): %s = %.10g, but the spec %s gives point %ld "
                            "%s = %.10g: the row was moved or edited",
                            r + 1, t->point[r], t->pname[i], t->x[r * t->np + i], t->spec,
                            t->point[r], t->pname[i], sp->x[t->point[r] * sp->np + i]);
  rs_sweep_spec_free(sp);
  return rc;
}

/* Read and check every shard: same spec, every row valid, none twice, none missing. */
static int rs__check_shards(const char *const *dbs, size_t n, rs_diag *d) {
  rs__sw_table first = {0};
  unsigned char *done = NULL;
  int rc = RS_OK;
  for (size_t i = 0; rc == RS_OK && i < n; i++) {
    rs__sw_table t;
    if ((rc = rs__sw_table_read(dbs[i], &t, d))) break;
    if (i == 0) {
      first = t;
      done = calloc((size_t)(t.npoints * t.reps), 1);
      if (!done) rc = RS_ENOMEM;
    } else if (strcmp(t.hash, first.hash) || t.npoints != first.npoints || t.reps != first.reps) {
      rc = rs__diag_add(d, RS_EINVAL, dbs[i], 0, 0,
                        "comes from another sweep spec (hash %s, %s has %s)", t.hash, dbs[0],
                        first.hash);
    }
    if (rc == RS_OK) rc = rs__check_rows(&t, dbs[i], done, d);
    if (rc == RS_OK) rc = rs__check_values(&t, dbs[i], d);
    if (i > 0) rs__sw_table_free(&t);
  }
  for (long i = 0; rc == RS_OK && i < first.npoints * first.reps; i++)
    if (!done[i])
      rc = rs__diag_add(d, RS_EINVAL, NULL, 0, 0,
                        "point %ld replication %ld is in none of the databases: a shard is "
                        "missing or unfinished (resume it with --resume)",
                        i / first.reps, i % first.reps);
  free(done);
  rs__sw_table_free(&first);
  return rc;
}

int rs_sweep_merge(const char *const *dbs, size_t n, const char *dir, const char *plots,
                   rs_diag *d) {
  if (n == 0) return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "no shard databases given");
  struct stat st;
  char out[RS__PATH_MAX + 16], tmp[RS__PATH_MAX + 32];
  snprintf(out, sizeof out, "%s/sweep.db", dir);
  snprintf(tmp, sizeof tmp, "%s/.sweep.db.merging", dir);
  int rc = rs__check_shards(dbs, n, d);
  if (rc) return rc;
  rs__outclaim claim;
  if ((rc = rs__sw_claim(dir, 0, 0, &claim, d))) return rc;
  if (stat(out, &st) == 0) {
    rs__outdir_unclaim(&claim);
    return rs__diag_add(d, RS_EUSAGE, out, 0, 0, "exists: merge into another -o directory");
  }
  remove(tmp);
  rc = rs__merge_copy(dbs, n, tmp, out, d);
  if (rc == RS_OK) rc = rs_sweep_report(dir, plots, d);
  rs__outdir_unclaim(&claim);
  return rc;
}

/* Copy the checked shards into TMP, renamed to OUT when complete. */
static int rs__merge_copy(const char *const *dbs, size_t n, const char *tmp, const char *out,
                          rs_diag *d) {
  int rc = RS_OK;
  /* Copy into a temporary database, renamed into place when complete. */
  sqlite3 *db = NULL;
  if (sqlite3_open(tmp, &db) != SQLITE_OK) {
    rc = rs__diag_add(d, RS_EIO, tmp, 0, 0, "cannot create: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
  }
  for (size_t i = 0; rc == RS_OK && i < n; i++) {
    char *sql = sqlite3_mprintf("ATTACH %Q AS s", dbs[i]);
    rc = rs__exec(db, sql, dbs[i], d);
    sqlite3_free(sql);
    if (rc) break;
    if (i == 0)
      rc = rs__exec(db,
                    "BEGIN; CREATE TABLE meta AS SELECT * FROM s.meta; "
                    "UPDATE meta SET value = '' WHERE key = 'shard'; "
                    "CREATE TABLE results AS SELECT * FROM s.results WHERE 0; COMMIT",
                    dbs[i], d);
    if (rc == RS_OK)
      rc = rs__exec(db, "INSERT INTO results SELECT * FROM s.results; DETACH s", dbs[i], d);
  }
  /* the same schema as a sweep's own database (keys, for a later resume) */
  if (rc == RS_OK) rc = rs__exec(db,
                                 "CREATE UNIQUE INDEX results_key ON results (point, replication);"
                                 "CREATE UNIQUE INDEX meta_key ON meta (key)",
                                 tmp, d);
  sqlite3_close(db);
  if (rc == RS_OK && rename(tmp, out) != 0)
    rc = rs__diag_add(d, RS_EIO, out, 0, 0, "cannot rename the merged database into place");
  if (rc) remove(tmp);
  return rc;
}
