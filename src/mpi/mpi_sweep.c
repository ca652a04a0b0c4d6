/* A sweep under mpirun: the task list (points x replications not yet in the
 * database) is the same on every rank; rank r runs tasks i with i % size == r.
 * Workers send each row to rank 0, which runs its own share, inserts every
 * row into DIR/sweep.db (the one writer) and writes the reports. Rows are
 * those of a threaded run: each depends only on the spec, point and replication. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "sweep/sweep.h"
#include "base/outdir.h"

enum { TAG_ROW = 1, TAG_DONE = 2 };

/* Row message: point, replication, status, figures. */
static void rs__pack(double *m, long point, int rep, int status, const double *f, int nf) {
  m[0] = (double)point;
  m[1] = rep;
  m[2] = status;
  memcpy(m + 3, f, (size_t)nf * sizeof *f);
}

typedef struct rs__root {
  const rs_sweep_spec *sp;
  rs__sw_db *db;
  rs__sw_progress pg;
  int rc;
  rs_diag *d;
} rs__root;

static void rs__root_row(rs__root *r, const double *m, int from) {
  long point = (long)m[0];
  int rep = (int)m[1], st = (int)m[2];
  if (st == RS_OK && r->rc == RS_OK)
    st = rs__sw_db_insert(r->db, point, rep, r->sp->x + point * r->sp->np, m + 3, r->d);
  else if (st != RS_OK && r->rc == RS_OK)
    rs__diag_add(r->d, st, r->sp->path, 0, 0, "point %ld, replication %d failed on rank %d: %s",
                 point, rep, from, rs_strerror(st));
  if (st != RS_OK && r->rc == RS_OK) r->rc = st;
  if (st == RS_OK) rs__sw_progress_step(&r->pg);
}

/* Take every message waiting (BLOCK: at least one). Returns DONE messages seen. */
static int rs__drain(rs__root *r, double *m, int len, int block) {
  int dones = 0;
  for (;;) {
    int flag = 0;
    MPI_Status s;
    if (block)
      MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &s), flag = 1;
    else
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &s);
    if (!flag) return dones;
    MPI_Recv(m, len, MPI_DOUBLE, s.MPI_SOURCE, s.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (s.MPI_TAG == TAG_DONE)
      dones++;
    else
      rs__root_row(r, m, s.MPI_SOURCE);
    if (block) return dones;
  }
}

int rs_sweep_run_mpi(const rs_sweep_spec *sp, const char *dir, const rs_sweep_options *o,
                  int *rank_out, rs_diag *d) {
  int inited = 0, rank = 0, size = 1;
  MPI_Initialized(&inited);
  if (!inited) MPI_Init(NULL, NULL);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  *rank_out = rank;
  long all = sp->npoints * sp->reps, ntasks = 0, *tasks = NULL;
  unsigned char *done = calloc((size_t)all, 1);
  int rc = done ? RS_OK : RS_ENOMEM;
  rs__root r = {0};
  rs__outclaim claim = {.pfd = -1, .lk = {.fd = -1}};
  r.sp = sp;
  r.d = d;
  if (rank == 0 && rc == RS_OK) {
    rc = rs__sw_claim(dir, o->shard_k, o->shard_n, &claim, d);
    char path[RS__PATH_MAX + 64];
    rs_sweep_db_path(path, sizeof path, dir, o);
    if (rc == RS_OK)
      rc = rs__sw_db_open(path, sp, o->resume ? RS__DB_RESUME : RS__DB_CREATE, o->shard_k,
                          o->shard_n, &r.db, d);
    if (rc == RS_OK) rc = rs__sw_db_done(r.db, sp->npoints, sp->reps, done, d);
  }
  MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rc == RS_OK) MPI_Bcast(done, (int)all, MPI_UNSIGNED_CHAR, 0, MPI_COMM_WORLD);
  if (rc == RS_OK) rc = rs__sw_tasks(sp, done, o->shard_k, o->shard_n, &tasks, &ntasks);
  int len = 3 + sp->nf;
  double m[3 + RS__SW_MAX_FIGS], fig[RS__SW_MAX_FIGS];
  int dones = 0; /* workers finished; a DONE may arrive while rank 0 still works */
  if (rc == RS_OK) {
    if (rank == 0) rs__sw_progress_start(&r.pg, o->progress, ntasks, all - ntasks);
    for (long i = rank; i < ntasks; i += size) {
      long point = tasks[i] / sp->reps;
      int rep = (int)(tasks[i] % sp->reps);
      rs_diag *wd = rs_diag_alloc();
      int st = rs_sweep_eval(sp, point, rep, fig, wd);
      rs__pack(m, point, rep, st, fig, sp->nf);
      if (rank == 0) {
        if (st != RS_OK && r.rc == RS_OK)
          for (size_t k = 0; k < rs_diag_count(wd); k++)
            rs__diag_add(d, st, NULL, 0, 0, "%s", rs_diag_message(wd, k));
        rs__root_row(&r, m, 0);
        dones += rs__drain(&r, m, len, 0);
      } else {
        MPI_Send(m, len, MPI_DOUBLE, 0, TAG_ROW, MPI_COMM_WORLD);
      }
      rs_diag_free(wd);
    }
    if (rank == 0) {
      while (dones < size - 1) dones += rs__drain(&r, m, len, 1);
      if (r.rc == RS_OK) rs__sw_progress_end(&r.pg);
      else rs__sw_progress_drop(&r.pg);
      rc = r.rc;
    } else {
      MPI_Send(m, len, MPI_DOUBLE, 0, TAG_DONE, MPI_COMM_WORLD);
    }
  }
  rs__sw_db_close(r.db);
  free(tasks);
  free(done);
  if (rank == 0 && rc == RS_OK && !o->shard_n) rc = rs_sweep_report(dir, o->plots, d);
  if (rank == 0) rs__outdir_unclaim(&claim);
  MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
  MPI_Finalize();
  return rc;
}
