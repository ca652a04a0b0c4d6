/* ridersim sweep / sweep-merge: batch parameter sweeps on all cores, resumable,
 * sharded for job arrays, or spread over MPI ranks (docs/sweeps.md). */
#define _DEFAULT_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "ridersim/sweep.h"

static void sweep_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim sweep SPEC [-j N] [-o DIR] [--resume] [--shard K/N]\n"
          "                      [--plots png|svg|pdf|none] [--status] [-q]\n\n"
          "Runs every point and replication of the sweep SPEC (docs/sweeps.md) on N\n"
          "threads (default: all cores) into DIR (default out-sweep/): sweep.db (SQLite,\n"
          "one row per point and replication), sweep.csv, sensitivity.csv and plots/\n"
          "(tornado per figure for random, latin-hypercube and sobol designs, heatmap\n"
          "per figure for two-parameter grids).\n"
          "  --resume     continue a killed or unfinished sweep in DIR: rows present are\n"
          "               kept, missing ones run; a different spec is refused\n"
          "  --shard K/N  run only the points with index %% N == K-1, into\n"
          "               DIR/shard-K-of-N.db (job arrays); combine with sweep-merge\n"
          "  --status     print the rows done and expected of DIR's database, and exit\n"
          "Under mpirun (a build with -DRS_MPI=ON%s) the points are spread over the ranks\n"
          "and rank 0 writes DIR. Results are the same for any -j, shard split, rank\n"
          "count or resume.\n",
#ifdef RS__HAVE_MPI
          ": this one"
#else
          ", not this one"
#endif
  );
}

static void merge_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim sweep-merge [-o DIR] [--plots png|svg|pdf|none] SHARD.db...\n\n"
          "Combines the shard databases of one sweep (ridersim sweep --shard K/N) into\n"
          "DIR/sweep.db (default out-sweep/), checking that they come from the same spec\n"
          "and that every point and replication is present exactly once, then writes\n"
          "sweep.csv, sensitivity.csv and plots/ as an unsharded sweep would.\n");
}

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
  long nc = sysconf(_SC_NPROCESSORS_ONLN);
  o.threads = nc > 0 ? (int)nc : 1;
  o.progress = isatty(2) ? RS_SWEEP_BAR : RS_SWEEP_LINES;
  const char *spec = NULL, *dir = "out-sweep";
  int want_status = 0, quiet = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has_val = !strcmp(a, "-j") || !strcmp(a, "-o") || !strcmp(a, "--output") ||
                  !strcmp(a, "--shard") || !strcmp(a, "--plots");
    if (has_val && i + 1 >= argc) {
      fprintf(stderr, "ridersim sweep: option '%s' needs a value\n", a);
      return CLI_EUSAGE;
    }
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      sweep_usage(stdout);
      return CLI_OK;
    } else if (!strncmp(a, "-j", 2)) {
      const char *v = a[2] ? a + 2 : argv[++i]; /* -j 4 or -j4 */
      char *end;
      long j = strtol(v, &end, 10);
      if (*end || j < 1 || j > 4096) {
        fprintf(stderr, "ridersim sweep: -j takes a thread count 1..4096, not '%s'\n", v);
        return CLI_EUSAGE;
      }
      o.threads = (int)j;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      dir = argv[++i];
    } else if (!strcmp(a, "--shard")) {
      if (parse_shard(argv[++i], &o.shard_k, &o.shard_n)) return CLI_EUSAGE;
    } else if (!strcmp(a, "--plots")) {
      o.plots = argv[++i];
      if (strcmp(o.plots, "png") && strcmp(o.plots, "svg") && strcmp(o.plots, "pdf") &&
          strcmp(o.plots, "none")) {
        fprintf(stderr, "ridersim sweep: --plots takes png, svg, pdf or none, not '%s'\n", o.plots);
        return CLI_EUSAGE;
      }
    } else if (!strcmp(a, "--resume")) {
      o.resume = 1;
    } else if (!strcmp(a, "--status")) {
      want_status = 1;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      quiet = 1;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ridersim sweep: unknown option '%s'\n", a);
      sweep_usage(stderr);
      return CLI_EUSAGE;
    } else if (spec) {
      fprintf(stderr, "ridersim sweep: one spec at a time ('%s' and '%s')\n", spec, a);
      return CLI_EUSAGE;
    } else {
      spec = a;
    }
  }
  if (want_status) return status(dir, &o);
  if (!spec) {
    fprintf(stderr, "ridersim sweep: no sweep spec given\n");
    sweep_usage(stderr);
    return CLI_EUSAGE;
  }
  if (quiet) o.progress = RS_SWEEP_QUIET;
  rs_diag *d = rs_diag_alloc();
  rs_sweep_spec *sp = NULL;
  int rc = rs_sweep_spec_load(spec, &sp, d);
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
    printf("ridersim sweep: %s, %ld points x %d replications = %ld runs%s in %.1f s\n", spec,
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
  const char *dir = "out-sweep", *plots = "png";
  const char **dbs = calloc((size_t)argc + 1, sizeof *dbs);
  size_t n = 0;
  if (!dbs) return CLI_ERUN;
  int e = CLI_OK;
  for (int i = 1; i < argc && e == CLI_OK; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      merge_usage(stdout);
      free(dbs);
      return CLI_OK;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--plots")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "ridersim sweep-merge: option '%s' needs a value\n", a);
        e = CLI_EUSAGE;
      } else if (!strcmp(a, "--plots")) {
        plots = argv[++i];
      } else {
        dir = argv[++i];
      }
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ridersim sweep-merge: unknown option '%s'\n", a);
      e = CLI_EUSAGE;
    } else {
      dbs[n++] = a;
    }
  }
  if (e == CLI_OK && n == 0) {
    fprintf(stderr, "ridersim sweep-merge: no shard databases given\n");
    merge_usage(stderr);
    e = CLI_EUSAGE;
  }
  if (e) {
    free(dbs);
    return e;
  }
  rs_diag *d = rs_diag_alloc();
  int rc = rs_sweep_merge(dbs, n, dir, plots, d);
  if (rc)
    e = fail(d, rc, "sweep-merge");
  else
    printf("ridersim sweep-merge: %zu databases -> %s/sweep.db, %s/sweep.csv\n", n, dir, dir);
  rs_diag_free(d);
  free(dbs);
  return e;
}
