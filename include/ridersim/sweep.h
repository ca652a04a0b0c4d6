/*
 * ridersim sweeps: many runs of one base scenario with parameters varied.
 *
 * A sweep spec (YAML, docs/sweeps.md) names a base scenario, the parameters to
 * vary (scenario key paths with a list of values or a range), a design (grid,
 * random, latin-hypercube or sobol), the replications per point and the
 * figures to record. Results go to an SQLite database DIR/sweep.db, one row
 * per (point, replication), exported whole to DIR/sweep.csv, with sensitivity
 * indices (DIR/sensitivity.csv) and charts (DIR/plots/).
 *
 * Reproducible at any scale: the design matrix comes from the spec alone, and
 * run (point p, replication r) uses the random stream of replication p*R + r
 * of the scenario's seed (r alone with common_random_numbers), so any thread
 * count, shard split, MPI layout or resume gives the same table.
 */
#ifndef RIDERSIM_SWEEP_H
#define RIDERSIM_SWEEP_H
#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rs_sweep_spec rs_sweep_spec;

/* Load and check a spec; the base scenario is loaded with the first point's
 * overrides so that key typos are reported before anything runs. */
int rs_sweep_spec_load(const char *path, rs_sweep_spec **out, rs_diag *d);
void rs_sweep_spec_free(rs_sweep_spec *sp);

long rs_sweep_points(const rs_sweep_spec *sp);        /* design points */
int rs_sweep_replications(const rs_sweep_spec *sp);
int rs_sweep_nparams(const rs_sweep_spec *sp);
const char *rs_sweep_param_name(const rs_sweep_spec *sp, int i);
double rs_sweep_value(const rs_sweep_spec *sp, long point, int i);
int rs_sweep_nfigures(const rs_sweep_spec *sp);
const char *rs_sweep_figure_name(const rs_sweep_spec *sp, int i);
/* Hash of the spec and of the composed base scenario: a resume or a merge
 * with a different hash is refused. */
uint64_t rs_sweep_hash(const rs_sweep_spec *sp);
/* Simulated days of one run (for speed figures). */
int rs_sweep_days_per_run(const rs_sweep_spec *sp);

/* One run: figures[0..nfigures) of POINT, replication REP. Thread-safe. */
int rs_sweep_eval(const rs_sweep_spec *sp, long point, int rep, double *figures, rs_diag *d);

enum { RS_SWEEP_QUIET = 0, RS_SWEEP_BAR = 1, RS_SWEEP_LINES = 2 };
typedef struct rs_sweep_options {
  int threads;          /* worker threads (>= 1) */
  int shard_k, shard_n; /* run points with index % n == k-1 only; 0/0: all */
  int resume;           /* continue DIR/sweep.db (else it must not exist) */
  int progress;         /* RS_SWEEP_QUIET, _BAR (terminal) or _LINES */
  const char *plots;    /* "png", "svg", "pdf" or "none" (NULL: png) */
} rs_sweep_options;
void rs_sweep_options_default(rs_sweep_options *o);

/* Run the sweep into DIR (created if missing). Unsharded, a complete sweep
 * ends with rs_sweep_report(). Shard K of N writes DIR/shard-K-of-N.db. */
int rs_sweep_run(const rs_sweep_spec *sp, const char *dir, const rs_sweep_options *o,
                 rs_diag *d);
/* The database file of a run into DIR with options O (buffer of SIZE bytes). */
void rs_sweep_db_path(char *buf, size_t size, const char *dir, const rs_sweep_options *o);

/* Combine shard databases into DIR/sweep.db: their spec hashes must match and
 * every (point, replication) must be present exactly once. Then reports. */
int rs_sweep_merge(const char *const *dbs, size_t n, const char *dir, const char *plots,
                   rs_diag *d);

/* From a complete DIR/sweep.db: sweep.csv, sensitivity.csv and the charts
 * (tornado per figure for sampled designs, heatmap per figure for a
 * two-parameter grid). */
int rs_sweep_report(const char *dir, const char *plots, rs_diag *d);

/* Rows present and expected in a sweep database. */
/* Only in a build with -DRS_MPI=ON (src/mpi): under mpirun the points are
 * spread over the ranks and rank 0 writes DIR/sweep.db. Calls MPI_Init (unless
 * done) and MPI_Finalize; *RANK gets this process's rank. */
int rs_sweep_run_mpi(const rs_sweep_spec *sp, const char *dir, const rs_sweep_options *o,
                     int *rank, rs_diag *d);

int rs_sweep_status(const char *db, long *rows, long *expected, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
