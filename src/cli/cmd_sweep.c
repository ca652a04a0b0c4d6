/* ridersim sweep / sweep-merge: batch parameter sweeps on all cores, resumable,
 * sharded for job arrays, or spread over MPI ranks (docs/sweeps.md). */
#define _DEFAULT_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "ridersim/sweep.h"

static const char sweep_about[] =
    "Runs every point and replication of the sweep SPEC (docs/sweeps.md) into DIR:\n"
    "sweep.db (SQLite, one row per point and replication), sweep.csv,\n"
    "sensitivity.csv and plots/ (tornado per figure for random, latin-hypercube and\n"
    "sobol designs, heatmap per figure for two-parameter grids). Under mpirun (a\n"
    "build with -DRS_MPI=ON) the points are spread over the ranks and rank 0 writes\n"
    "DIR. Results are the same for any -j, shard split, rank count or resume.";

static const char merge_about[] =
    "Combines the shard databases of one sweep (ridersim sweep --shard K/N) into\n"
    "DIR/sweep.db, checking that they come from the same spec and that every point\n"
    "and replication is present exactly once, then writes sweep.csv,\n"
    "sensitivity.csv and plots/ as an unsharded sweep would.";

static int parse_shard(const char *s, int *k, int *n) {
  char extra;
  if (sscanf(s, "%d/%d%c", k, n, &extra) != 2 || *n < 1 || *k < 1 || *k > *n) {
    fprintf(stderr, "ridersim sweep: --shard takes K/N with 1 <= K <= N, not '%s'\n", s);
    return -1;
  }
  return 0;
}

static int fail(rs_diag *d, int rc, const char *cmd) {
  cli_print_diag(d);
  if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim %s: %s\n", cmd, rs_strerror(rc));
  int e = cli_exit_code(rc);
  return e == CLI_OK ? CLI_ERUN : e;
}

/* Under mpirun? (OpenMPI, MPICH/PMI and PMIx launchers set these.) */
static int under_mpirun(void) {
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}

#ifndef RS__HAVE_MPI
/* World size announced by the launcher (1 when unknown). */
static int mpirun_size(void) {
  const char *s = getenv("OMPI_COMM_WORLD_SIZE");
  if (!s) s = getenv("PMI_SIZE");
  return s ? atoi(s) : 1;
}
#endif

static int status(const char *dir, const rs_sweep_options *o) {
  char path[4200];
  rs_sweep_db_path(path, sizeof path, dir, o);
  rs_diag *d = rs_diag_alloc();
  long rows, expected;
  int rc = rs_sweep_status(path, &rows, &expected, d);
  if (rc) {
    int e = fail(d, rc, "sweep");
    rs_diag_free(d);
    return e;
  }
  printf("%s: %ld of %ld runs%s\n", path, rows, expected, rows >= expected ? " (complete)" : "");
  rs_diag_free(d);
  return CLI_OK;
}

int cmd_sweep(int argc, char **argv) {
  rs_sweep_options o;
  rs_sweep_options_default(&o);
  const char *shard = NULL;
  int want_status = 0;
  const cli_opt own[] = {
      {"--resume", NULL, NULL, CLI_FLAG, &o.resume, 0, 0,
       "continue a killed or unfinished sweep in DIR (a different spec is refused)"},
      {"--shard", NULL, "K/N", CLI_STR, &shard, 0, 0,
       "only the points with index % N == K-1, into DIR/shard-K-of-N.db"},
      {"--status", NULL, NULL, CLI_FLAG, &want_status, 0, 0,
       "print the rows done and expected of DIR's database, and exit"},
  };
  const cli_spec spec = {"sweep", "SPEC", 0, 1, sweep_about,
                         CLI_O_OUT | CLI_O_PLOTS | CLI_O_THREADS | CLI_O_QUIET, "out-sweep", own,
                         sizeof own / sizeof own[0]};
  cli_args a = {.outdir = "out-sweep", .plots = "png"};
  int pe = cli_parse(&spec, argc, argv, &a);
  cli_args_free(&a);
  if (pe) return pe == 1 ? CLI_OK : pe;
  if (shard && parse_shard(shard, &o.shard_k, &o.shard_n)) return CLI_EUSAGE;
  o.threads = cli_threads(&a);
  o.plots = a.plots;
  o.progress = rs_progress_auto_mode(a.quiet);
  const char *spec_path = a.npos ? a.pos[0] : NULL, *dir = a.outdir;
  int quiet = a.quiet;
  if (want_status) return status(dir, &o);
  if (!spec_path) {
    fprintf(stderr, "ridersim sweep: no sweep spec given\n"
                    "(ridersim sweep --help lists what it accepts)\n");
    return CLI_EUSAGE;
  }
  rs_diag *d = rs_diag_alloc();
  rs_sweep_spec *sp = NULL;
  int rc = rs_sweep_spec_load(spec_path, &sp, d);
  if (rc) {
    int e = fail(d, rc, "sweep");
    rs_diag_free(d);
    return e == CLI_ERUN && rc == RS_EIO ? CLI_EINPUT : e;
  }
  double t0 = cli_now();
  int mpi = 0, rank = 0;
#ifdef RS__HAVE_MPI
  if (under_mpirun()) {
    mpi = 1;
    rc = rs_sweep_run_mpi(sp, dir, &o, &rank, d);
  }
#else
  if (under_mpirun() && mpirun_size() > 1) {
    fprintf(stderr, "ridersim sweep: under mpirun with %d ranks, but this ridersim was built "
                    "without MPI (cmake -DRS_MPI=ON); use -j or --shard instead\n",
            mpirun_size());
    rs_sweep_spec_free(sp);
    rs_diag_free(d);
    return CLI_EUSAGE;
  }
#endif
  if (!mpi) rc = rs_sweep_run(sp, dir, &o, d);
  int e = CLI_OK;
  if (rc && rank > 0) {
    e = cli_exit_code(rc); /* rank 0 prints the messages */
    if (e == CLI_OK) e = CLI_ERUN;
  } else if (rc) {
    e = fail(d, rc, "sweep");
  } else if (!quiet && rank == 0) {
    double dt = cli_now() - t0;
    long runs = rs_sweep_points(sp) * rs_sweep_replications(sp);
    printf("ridersim sweep: %s, %ld points x %d replications = %ld runs%s in %.1f s\n", spec_path,
           rs_sweep_points(sp), rs_sweep_replications(sp), runs, o.shard_n ? " (all shards)" : "",
           dt);
    char path[4200];
    rs_sweep_db_path(path, sizeof path, dir, &o);
    printf("  results  %s%s\n", path, o.shard_n ? "  (merge the shards with ridersim sweep-merge)" : "");
    if (!o.shard_n) printf("  table    %s/sweep.csv\n", dir);
  }
  rs_sweep_spec_free(sp);
  rs_diag_free(d);
  return e;
}

int cmd_sweep_merge(int argc, char **argv) {
  const cli_spec spec = {"sweep-merge", "SHARD.db...", 1, CLI_MAX_POS, merge_about,
                         CLI_O_OUT | CLI_O_PLOTS | CLI_O_QUIET, "out-sweep", NULL, 0};
  cli_args a = {.outdir = "out-sweep", .plots = "png"};
  int e = cli_parse(&spec, argc, argv, &a);
  cli_args_free(&a);
  if (e) return e == 1 ? CLI_OK : e;
  const char *dir = a.outdir, *plots = a.plots;
  const char *const *dbs = a.pos;
  size_t n = (size_t)a.npos;
  rs_diag *d = rs_diag_alloc();
  int rc = rs_sweep_merge(dbs, n, dir, plots, d);
  if (rc)
    e = fail(d, rc, "sweep-merge");
  else if (!a.quiet)
    printf("ridersim sweep-merge: %zu databases -> %s/sweep.db, %s/sweep.csv\n", n, dir, dir);
  rs_diag_free(d);
  return e;
}
