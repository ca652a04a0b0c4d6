/* ridersim run: one scenario -> tables, charts and a printed summary. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/compare.h"
#include "ridersim/gtfs.h"
#include "ridersim/commute.h"
#include "ridersim/plots.h"

static void run_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim run [SCENARIO] [-o DIR] [--set key.path=value]... [--passengers]\n"
          "                    [--plots png|svg|pdf|none] [--expected] [--replications N]\n"
          "                    [--threads N] [--export gtfs-ride] [-q]\n\n"
          "Runs SCENARIO (default: the built-in Ziyang Line baseline) and writes into DIR\n"
          "(default out/): summary.yaml, trains.csv, stations.csv, sections.csv, plots/,\n"
          "and with --passengers one row per passenger in passengers.csv. DIR is replaced\n"
          "as a whole; a DIR holding files that are not a ridersim run is refused.\n"
          "--set overrides any scenario key, typed and checked as in the file.\n"
          "--expected runs the expected-value engine (the passenger engine's expectation:\n"
          "same timetable, capacity and learning, no passengers; wait percentiles n/a):\n"
          "fast and smooth, as calibration uses it.\n"
          "--replications N runs N replications (random streams 0..N-1) on --threads\n"
          "threads (0: every CPU): summary.yaml then holds each figure's mean with\n"
          "_lo95 and _hi95 (95%% t interval); the tables and charts are replication 0's.\n"
          "--export gtfs-ride writes DIR/gtfs-ride/ (board_alight.txt, ridership.txt,\n"
          "trip_capacity.txt, ride_feed_info.txt: GTFS-Ride, every train at every stop of\n"
          "every day; with the feed's trip_id and stop_id for a scenario from import-gtfs).\n");
}

static void print_summary(const rs_summary *sm, const char *dir) {
  printf("  riders            %.0f (delivered %.0f, stranded %.0f) over %d day%s\n", sm->riders,
         sm->delivered, sm->stranded, sm->days, sm->days == 1 ? "" : "s");
  if (sm->stranded_after_service > 0)
    printf("  outside service   %.0f passengers came after the last train had left their "
           "station (counted as stranded)\n", sm->stranded_after_service);
  if (isnan(sm->p50_wait_s)) /* the expected-value mode computes no percentiles */
    printf("  wait              mean %.2f min, p50 n/a, p95 n/a\n", sm->mean_wait_s / 60);
  else
    printf("  wait              mean %.2f min, p50 %.2f, p95 %.2f\n", sm->mean_wait_s / 60,
           sm->p50_wait_s / 60, sm->p95_wait_s / 60);
  printf("  ride              mean %.2f min\n", sm->mean_ride_s / 60);
  printf("  crowding          max load factor %.3f, denied boardings %.0f\n", sm->max_load_factor,
         sm->denied_boardings);
  printf("  passenger-km      %.0f\n", sm->passenger_km);
  printf("  fleet             %d trains needed at most%s", sm->fleet_required,
         sm->fleet > 0 ? "" : "\n");
  if (sm->fleet > 0)
    printf(", %d available%s\n", sm->fleet,
           sm->fleet_required > sm->fleet ? ": WARNING, the timetable needs more trains than the fleet" : "");
  printf("  outputs           %s/\n", dir);
}

/* Each observed figure beside the simulated one, with the error. */
static void print_observed(const rs_sim *sim) {
  int n = rs_sim_observed_count(sim);
  if (n == 0) return;
  printf("\n  observed vs simulated\n");
  printf("  %-26s %-10s %-23s %12s %12s %8s\n", "figure", "kind", "dates", "observed",
         "simulated", "error");
  for (int i = 0; i < n; i++) {
    rs_observed_fit o;
    if (rs_sim_observed(sim, i, &o) != RS_OK) continue;
    char dates[96];
    if (strcmp(o.from, o.to) == 0)
      snprintf(dates, sizeof dates, "%s", o.to);
    else
      snprintf(dates, sizeof dates, "%s..%s", o.from, o.to + 5);
    const char *bound = o.bound == 1 ? ">" : o.bound == 2 ? "<" : " ";
    if (o.simulated != o.simulated) {
      printf("  %-26s %-10s %-23s %s%11.*f %12s %8s  (outside the period)\n", o.id, o.kind,
             dates, bound, o.observed <= 1 ? 3 : 0, o.observed, "-", "-");
      continue;
    }
    char verdict[32];
    if (o.bound)
      snprintf(verdict, sizeof verdict, "%s", o.within ? "met" : "NOT met");
    else
      snprintf(verdict, sizeof verdict, "%s (+-%g%%)", o.within ? "ok" : "OUTSIDE", o.tolerance_pct);
    int prec = o.observed <= 1 ? 3 : 0; /* shares are fractions */
    printf("  %-26s %-10s %-23s %s%11.*f %12.*f %+7.1f%%  %s\n", o.id, o.kind, dates, bound,
           prec, o.observed, prec, o.simulated, o.error_pct, verdict);
  }
}

/* --export gtfs-ride (ARGV[*I]); refused with --expected anywhere on the line
 * (no passengers, no per-stop counts). 0 when accepted. */
static int run_export_option(int argc, char **argv, int *i, rs_run_options *o) {
  for (int k = 1; k < argc; k++)
    if (!strcmp(argv[k], "--expected")) {
      fprintf(stderr, "ridersim run: --export gtfs-ride needs simulated passengers, not --expected\n");
      return -1;
    }
  if (*i + 1 >= argc || strcmp(argv[*i + 1], "gtfs-ride")) {
    fprintf(stderr, "ridersim run: --export takes gtfs-ride\n");
    return -1;
  }
  o->ride_records = 1;
  ++*i;
  return 0;
}

int cmd_run(int argc, char **argv) {
  cli_common c = {0};
  c.outdir = "out";
  c.plots = "png";
  unsigned flags = 0;
  int nrep = 0, threads = 0;
  rs_run_options opts;
  rs_run_options_default(&opts);
  for (int i = 1; i < argc; i++) {
    int k = cli_common_option(&c, argc, argv, &i);
    if (k < 0) return cli_common_free(&c), CLI_EUSAGE;
    if (k > 0) continue;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      run_usage(stdout);
      cli_common_free(&c);
      return CLI_OK;
    }
    if (!strcmp(argv[i], "--passengers")) {
      flags |= RS_OUT_PASSENGERS;
    } else if (!strcmp(argv[i], "--expected")) {
      opts.expected = 1;
    } else if (!strcmp(argv[i], "--export")) {
      if (run_export_option(argc, argv, &i, &opts)) return cli_common_free(&c), CLI_EUSAGE;
    } else if (!strcmp(argv[i], "--replications") || !strcmp(argv[i], "--threads")) {
      int is_rep = !strcmp(argv[i], "--replications");
      char *end = NULL;
      long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : -1;
      if (i + 1 >= argc || !*argv[i + 1] || *end || v < (is_rep ? 1 : 0) ||
          v > (is_rep ? RS_MAX_REPLICATIONS : 1024)) {
        fprintf(stderr, "ridersim run: %s takes an integer %d-%d\n", argv[i], is_rep ? 1 : 0,
                is_rep ? RS_MAX_REPLICATIONS : 1024);
        cli_common_free(&c);
        return CLI_EUSAGE;
      }
      *(is_rep ? &nrep : &threads) = (int)v;
      i++;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "ridersim run: unknown option '%s'\n", argv[i]);
      run_usage(stderr);
      cli_common_free(&c);
      return CLI_EUSAGE;
    } else if (c.scenario) {
      fprintf(stderr, "ridersim run: one scenario at a time ('%s' and '%s')\n", c.scenario, argv[i]);
      cli_common_free(&c);
      return CLI_EUSAGE;
    } else {
      c.scenario = argv[i];
    }
  }

  int exit_code = CLI_OK;
  rs_scenario *s = cli_load(&c, &exit_code);
  if (!s) return cli_common_free(&c), exit_code;
  char note[512];
  if (rs_scenario_calendar_note(s, NULL, note, sizeof note)) fprintf(stderr, "note: %s\n", note);
  rs_diag *d = rs_diag_alloc();
  rs_sim *sim = NULL;
  rs_outdir *od = NULL;
  rs_summary_ci ci;
  /* the output folder first: a refused -o is told before the simulation */
  int rc = rs_outdir_begin_kind(c.outdir, "run", &od, d);
  if (rc == RS_OK && nrep > 0) {
    rc = rs_replicate(s, &opts, nrep, threads, &sim, &ci);
  } else if (rc == RS_OK) {
    rc = rs_sim_create(s, &sim);
    if (rc == RS_OK) rc = rs_sim_run(sim, &opts);
  }
  if (rc == RS_OK) rc = rs_sim_write(sim, rs_outdir_path(od), flags, d);
  if (rc == RS_OK && nrep > 0) rc = rs_summary_ci_write(sim, &ci, rs_outdir_path(od), d);
  if (rc == RS_OK && opts.ride_records) rc = rs_sim_write_gtfs_ride(sim, rs_outdir_path(od), d);
  if (rc == RS_OK && strcmp(c.plots, "none") != 0)
    rc = rs_plots_draw(rs_outdir_path(od), c.plots, d);
  if (rc == RS_OK) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  if (rc == RS_OK && !c.quiet) {
    rs_summary sm;
    rs_sim_summary(sim, &sm);
    printf("ridersim %s: %s (seed %llu)\n", rs_version(), c.scenario ? c.scenario : "built-in baseline",
           (unsigned long long)rs_scenario_seed(s));
    if (nrep > 0) {
      sm = ci.mean;
      printf("  mean of %d replication%s%s\n", nrep, nrep == 1 ? "" : "s",
             nrep > 1 ? "; 95% intervals in summary.yaml" : " (no interval)");
      if (nrep > 1)
        printf("  riders 95%%        [%.0f, %.0f]\n", ci.lo95.riders, ci.hi95.riders);
    }
    print_summary(&sm, c.outdir);
    char proj[512];
    if (rs_scenario_calendar_projected(s, NULL, proj, sizeof proj))
      printf("  calendar          %s\n", proj);
    print_observed(sim);
    rs_commute_print_headline(sim, stdout);
  }
  if (rc != RS_OK) {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim run: %s\n", rs_strerror(rc));
    exit_code = cli_exit_code(rc);
    if (exit_code == CLI_OK) exit_code = CLI_ERUN;
  }
  rs_diag_free(d);
  rs_sim_free(sim);
  rs_scenario_free(s);
  cli_common_free(&c);
  return exit_code;
}
