/* Running a sweep on N threads: each worker takes the next task (a point and
 * a replication), runs it with its own scenario and simulation, and inserts
 * the row under the one lock that guards the database and the progress. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "base/pool.h"
#include "base/outdir.h"
#include "sweep/sweep.h"

void rs_sweep_options_default(rs_sweep_options *o) {
  memset(o, 0, sizeof *o);
  o->threads = 1;
  o->plots = "png";
}

void rs_sweep_db_path(char *buf, size_t size, const char *dir, const rs_sweep_options *o) {
  if (o && o->shard_n)
    snprintf(buf, size, "%s/shard-%d-of-%d.db", dir, o->shard_k, o->shard_n);
  else
    snprintf(buf, size, "%s/sweep.db", dir);
}

int rs__sw_tasks(const rs_sweep_spec *sp, const unsigned char *done, int shard_k, int shard_n,
                 long **tasks, long *ntasks) {
  long all = sp->npoints * sp->reps, n = 0;
  long *t = malloc((size_t)(all ? all : 1) * sizeof *t);
  if (!t) return RS_ENOMEM;
  for (long i = 0; i < all; i++) {
    long p = i / sp->reps;
    if (shard_n && p % shard_n != shard_k - 1) continue;
    if (!done[i]) t[n++] = i;
  }
  *tasks = t;
  *ntasks = n;
  return RS_OK;
}

typedef struct rs__sweep_ctx {
  const rs_sweep_spec *sp;
  rs__sw_db *db;
  const long *tasks;
  long ntasks;
  int failed;
  rs_diag *d;
  rs__sw_progress pg;
  pthread_mutex_t mu;
} rs__sweep_ctx;

/* Copy a worker's messages into the shared diagnostics, prefixed by the run. */
static void rs__report_fail(rs__sweep_ctx *pl, long point, int rep, int rc, const rs_diag *wd) {
  rs__diag_add(pl->d, rc, pl->sp->path, 0, 0, "point %ld, replication %d failed: %s", point, rep,
               rs_strerror(rc));
  for (size_t i = 0; i < rs_diag_count(wd); i++)
    rs__diag_add(pl->d, rc, NULL, 0, 0, "  %s", rs_diag_message(wd, i));
}

/* Task I of the pool: run it, then insert its row under the one lock of the
 * database and the progress line. */
static int rs__sweep_task(void *arg, long i, int worker) {
  rs__sweep_ctx *pl = arg;
  const rs_sweep_spec *sp = pl->sp;
  double fig[RS__SW_MAX_FIGS];
  long t = pl->tasks[i];
  long point = t / sp->reps;
  int rep = (int)(t % sp->reps);
  rs_diag *wd = rs_diag_alloc();
  int rc = wd ? rs_sweep_eval(sp, point, rep, fig, wd) : RS_ENOMEM;
  pthread_mutex_lock(&pl->mu);
  if (rc == RS_OK && !pl->failed) rc = rs__sw_db_insert(pl->db, point, rep, sp->x + point * sp->np, fig, pl->d);
  if (rc != RS_OK && !pl->failed) {
    pl->failed = rc;
    if (wd) rs__report_fail(pl, point, rep, rc, wd);
  }
  if (rc == RS_OK) rs__sw_progress_step(&pl->pg);
  pthread_mutex_unlock(&pl->mu);
  rs_diag_free(wd);
  return rc;
}

static int rs__run_pool(const rs_sweep_spec *sp, rs__sw_db *db, const long *tasks, long ntasks,
                        long skipped, const rs_sweep_options *o, rs_diag *d) {
  rs__sweep_ctx pl = {0};
  pl.sp = sp;
  pl.db = db;
  pl.tasks = tasks;
  pl.ntasks = ntasks;
  pl.d = d;
  if (pthread_mutex_init(&pl.mu, NULL)) return RS_ENOMEM;
  rs__sw_progress_start(&pl.pg, o->progress, ntasks, skipped);
  rs__pool_run(ntasks, o->threads < 1 ? 1 : o->threads, rs__sweep_task, &pl, NULL);
  if (!pl.failed) rs__sw_progress_end(&pl.pg);
  else rs__sw_progress_drop(&pl.pg);
  pthread_mutex_destroy(&pl.mu);
  return pl.failed;
}

/* A sweep keeps its database where it runs, in a folder of its own kind: never
 * a user's folder nor another command's output; one writer at a time. */
int rs__sw_claim(const char *dir, int shard_k, int shard_n, rs__outclaim *c, rs_diag *d) {
  char part[48];
  snprintf(part, sizeof part, "shard-%d-of-%d", shard_k, shard_n);
  return rs__outdir_claim(dir, "sweep", shard_n ? part : NULL, 1, c, d);
}

int rs_sweep_run(const rs_sweep_spec *sp, const char *dir, const rs_sweep_options *o,
                 rs_diag *d) {
  if (o->shard_n && (o->shard_k < 1 || o->shard_k > o->shard_n)) return RS_EUSAGE;
  rs__outclaim claim;
  int rc = rs__sw_claim(dir, o->shard_k, o->shard_n, &claim, d);
  if (rc) return rc;
  char path[RS__PATH_MAX + 64];
  rs_sweep_db_path(path, sizeof path, dir, o);
  rs__sw_db *db = NULL;
  rc = rs__sw_db_open(path, sp, o->resume ? RS__DB_RESUME : RS__DB_CREATE, o->shard_k,
                      o->shard_n, &db, d);
  if (rc) {
    rs__outdir_unclaim(&claim);
    return rc;
  }
  long all = sp->npoints * sp->reps, ntasks = 0, *tasks = NULL;
  unsigned char *done = calloc((size_t)all, 1);
  if (!done) rc = RS_ENOMEM;
  if (rc == RS_OK) rc = rs__sw_db_done(db, sp->npoints, sp->reps, done, d);
  if (rc == RS_OK) rc = rs__sw_tasks(sp, done, o->shard_k, o->shard_n, &tasks, &ntasks);
  long skipped = 0;
  for (long i = 0; rc == RS_OK && i < all; i++)
    if (done[i] && !(o->shard_n && (i / sp->reps) % o->shard_n != o->shard_k - 1)) skipped++;
  if (rc == RS_OK) rc = rs__run_pool(sp, db, tasks, ntasks, skipped, o, d);
  free(tasks);
  free(done);
  rs__sw_db_close(db);
  if (rc == RS_OK && !o->shard_n) rc = rs_sweep_report(dir, o->plots, d);
  rs__outdir_unclaim(&claim);
  return rc;
}
