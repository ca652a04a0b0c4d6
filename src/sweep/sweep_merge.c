/* sweep-merge: shard databases into one. Every shard must come from the same
 * spec (hash), and each (point, replication) must appear exactly once. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "sweep/sweep.h"

static int rs__exec(sqlite3 *db, const char *sql, const char *path, rs_diag *d) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return RS_OK;
  int rc = rs__diag_add(d, RS_EIO, path, 0, 0, "%s", msg ? msg : "sqlite error");
  sqlite3_free(msg);
  return rc;
}

/* The first (point, replication) of T present in DONE, or -1. */
static long rs__first_dup(const rs__sw_table *t, const unsigned char *done) {
  for (long r = 0; r < t->nrows; r++)
    if (done[t->point[r] * t->reps + t->rep[r]]) return r;
  return -1;
}

int rs_sweep_merge(const char *const *dbs, size_t n, const char *dir, const char *plots,
                   rs_diag *d) {
  if (n == 0) return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "no shard databases given");
  struct stat st;
  int rc0 = rs__sw_mkdir(dir, d);
  if (rc0) return rc0;
  char out[RS__PATH_MAX + 16], tmp[RS__PATH_MAX + 32];
  snprintf(out, sizeof out, "%s/sweep.db", dir);
  snprintf(tmp, sizeof tmp, "%s/.sweep.db.merging", dir);
  if (stat(out, &st) == 0)
    return rs__diag_add(d, RS_EUSAGE, out, 0, 0, "exists: merge into another -o directory");
  remove(tmp);
  /* Check every shard first: same spec, no row twice, none missing. */
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
    long dup = rc == RS_OK ? rs__first_dup(&t, done) : -1;
    if (dup >= 0)
      rc = rs__diag_add(d, RS_EINVAL, dbs[i], 0, 0,
                        "point %ld replication %d is also in an earlier database", t.point[dup],
                        t.rep[dup]);
    for (long r = 0; rc == RS_OK && r < t.nrows; r++) done[t.point[r] * t.reps + t.rep[r]] = 1;
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
  if (rc) return rc;
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
  if (rc) {
    remove(tmp);
    return rc;
  }
  return rs_sweep_report(dir, plots, d);
}
