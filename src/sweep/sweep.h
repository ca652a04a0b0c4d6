/* Sweep internals: the spec, its design matrix, the results database and the
 * table read back from it (shared by sweep_*.c, mpi_sweep.c and the reports). */
#ifndef RS__SWEEP_H
#define RS__SWEEP_H
#include <stdint.h>
#include "ridersim/sweep.h"
#include "model/scenario.h"
#include "input/scenario_load.h"

#define RS__SW_MAX_PARAMS 20    /* sobol designs use 2k dimensions of gsl's 40 */
#define RS__SW_MAX_KEYS 8       /* key paths set together by one parameter */
#define RS__SW_MAX_FIGS 64
#define RS__SW_MAX_VALUES 4096
#define RS__SW_MAX_RUNS 10000000L
#define RS__SW_MAX_SETS 64
#define RS__SW_NAME 64

typedef enum { RS__SW_GRID, RS__SW_RANDOM, RS__SW_LHS, RS__SW_SOBOL } rs__sw_method;
extern const char *const rs__sw_method_names[5]; /* NULL-terminated */

typedef struct rs__sw_param {
  char name[RS__KP_MAX];            /* column name: `name`, else the first key */
  char key[RS__SW_MAX_KEYS][RS__KP_MAX];
  int nkeys;
  int has_range;                    /* range: [lo, hi] (steps for grids) */
  double lo, hi;
  int steps;
  int integer;                      /* round sampled values */
  double *values;                   /* values: [...] */
  int nvalues;
} rs__sw_param;

enum { RS__AGG_SUM, RS__AGG_MEAN, RS__AGG_MIN, RS__AGG_MAX };
typedef struct rs__sw_fig {
  char name[RS__SW_NAME];
  int summary;                      /* index in rs__sw_summary_names, or -1 */
  int daily;                        /* index in rs__sw_daily_names, or -1 */
  int agg;
  char from[11], to[11];            /* "" open */
  char day_type[24];                /* "" any */
} rs__sw_fig;

struct rs_sweep_spec {
  char path[RS__PATH_MAX];
  char name[128];
  char base[RS__PATH_MAX];           /* "" the built-in baseline */
  char *sets[RS__SW_MAX_SETS];
  int nsets;
  rs__sw_method method;
  long nbase;                       /* points: (sobol: base samples N) */
  long npoints;                     /* design points (sobol: N (k+2)) */
  int reps;
  uint64_t seed;                    /* of the sampler */
  int crn;                          /* common random numbers across points */
  int expected;                     /* expected-value runs (no engine) */
  rs__sw_param p[RS__SW_MAX_PARAMS];
  int np;
  rs__sw_fig f[RS__SW_MAX_FIGS];
  int nf;
  double *x;                        /* npoints * np design values */
  uint64_t hash;
  int days;                         /* days of a run of the base scenario */
};

extern const char *const rs__sw_summary_names[];
extern const char *const rs__sw_daily_names[];

/* Unit-cube designs (sweep_sample.c). U gets n rows of k values in [0, 1). */
int rs__sw_random(long n, int k, uint64_t seed, double *u);
int rs__sw_lhs(long n, int k, uint64_t seed, double *u);
/* Saltelli's design: for j < N, rows j(k+2) + 0 = A_j, + 1 = B_j, + 2 + i =
 * A_j with column i from B_j; A and B from a 2k-dimensional Sobol sequence. */
int rs__sw_saltelli(long n, int k, double *u);
/* Fill sp->x (design values) from the parameters and the method. */
int rs__sw_design(rs_sweep_spec *sp);

/* Text of a point's value of parameter I (what --set receives). */
void rs__sw_value_text(const rs_sweep_spec *sp, long point, int i, char *buf, size_t size);
/* The --set list of POINT: the spec's own overrides, then "key=value" of each
 * parameter (texts in BUF). Returns the count. */
#define RS__SW_NSETS (RS__SW_MAX_SETS + RS__SW_MAX_PARAMS * RS__SW_MAX_KEYS)
#define RS__SW_NSETBUF (RS__SW_MAX_PARAMS * RS__SW_MAX_KEYS)
#define RS__SW_SETLEN (RS__KP_MAX + 40)
/* Check, lock and create the sweep directory DIR (outdir.h); unclaim when done.
 * A shard (SHARD_N > 0) locks only its own part, so the shards of a job array
 * run into one folder side by side. */
struct rs__outclaim;
int rs__sw_claim(const char *dir, int shard_k, int shard_n, struct rs__outclaim *c, rs_diag *d);
size_t rs__sw_point_sets(const rs_sweep_spec *sp, long point, const char **sets,
                         char (*buf)[RS__SW_SETLEN]);

/* The results database (sweep_db.c): one writer. */
typedef struct rs__sw_db rs__sw_db;
enum { RS__DB_CREATE, RS__DB_RESUME };
int rs__sw_db_open(const char *path, const rs_sweep_spec *sp, int mode, int shard_k,
                   int shard_n, rs__sw_db **out, rs_diag *d);
void rs__sw_db_close(rs__sw_db *db);
/* DONE[point * reps + rep] = 1 for each row present. */
int rs__sw_db_done(rs__sw_db *db, long npoints, int reps, unsigned char *done, rs_diag *d);
/* Insert one row in its own transaction. */
int rs__sw_db_insert(rs__sw_db *db, long point, int rep, const double *x, const double *f,
                     rs_diag *d);

/* A whole table read back (sweep_table.c): rows sorted by point, replication. */
typedef struct rs__sw_table {
  char method[16];
  char hash[17];
  char spec[RS__PATH_MAX];          /* the spec file it was made from, as given */
  long npoints, nbase;
  int reps, np, nf;
  int shard_k, shard_n;             /* 0/0: not a shard */
  char **pname, **fname;
  long nrows;
  long *point;
  int *rep;
  double *x;                        /* nrows * np */
  double *f;                        /* nrows * nf (NAN: no value) */
} rs__sw_table;
int rs__sw_table_read(const char *dbpath, rs__sw_table *t, rs_diag *d);
void rs__sw_table_free(rs__sw_table *t);
/* Meta value KEY of an open sqlite3 handle (DB is a sqlite3 *); buf "" when absent. */
int rs__sw_meta_get(void *db, const char *key, char *buf, size_t size);

/* Reports (sweep_report.c, plots_sweep.c). */
int rs__sw_write_csv(const rs__sw_table *t, const char *dir, rs_diag *d);
int rs__sw_write_sensitivity(const rs__sw_table *t, const char *dir, const char *plots,
                             rs_diag *d);

/* Progress and ETA on stderr: the shared reporter (progress.c) counting runs
 * (sweep_progress.c). */
typedef struct rs__sw_progress {
  struct rs_progress *p;            /* NULL: quiet */
} rs__sw_progress;
double rs__sw_now(void);
void rs__sw_progress_start(rs__sw_progress *pg, int mode, long total, long skipped);
void rs__sw_progress_step(rs__sw_progress *pg);
void rs__sw_progress_end(rs__sw_progress *pg);
void rs__sw_progress_drop(rs__sw_progress *pg); /* failed: no "done" line */

/* The tasks (point * reps + rep) of a run: not done, in the shard. */
int rs__sw_tasks(const rs_sweep_spec *sp, const unsigned char *done, int shard_k, int shard_n,
                 long **tasks, long *ntasks);

#endif
