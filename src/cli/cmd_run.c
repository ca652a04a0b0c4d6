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
#include "ridersim/report.h"

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
static void print_observed(const rs_sim *sim, const rs_summary_ci *ci) {
  int n = rs_sim_observed_count(sim);
  if (n == 0) return;
  printf("\n  observed vs simulated%s\n", ci ? " (simulated: mean of the replications)" : "");
  printf("  %-26s %-10s %-23s %12s %12s %8s\n", "figure", "kind", "dates", "observed",
         "simulated", "error");
  for (int i = 0; i < n; i++) {
    rs_observed_fit o;
    if (rs_sim_observed(sim, i, &o) != RS_OK) continue;
    if (ci && i < ci->nobserved) rs_observed_refit(&o, ci->observed_mean[i]);
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

static const char run_about[] =
    "Runs SCENARIO (default: the built-in Ziyang Line baseline) and writes into DIR:\n"
    "summary.yaml, daily.csv, years.csv, trains.csv, stations.csv, sections.csv,\n"
    "plots/ and report.html, and with --passengers one row per passenger in\n"
    "passengers.csv. DIR is replaced as a whole; a DIR holding files that are not a\n"
    "ridersim run is refused. With --replications N, summary.yaml holds each figure's\n"
    "mean with _lo95 and _hi95 (95% t interval); the tables and charts are replication 0's.\n"
    "--expected runs the expected-value engine (the passenger engine's expectation: same\n"
    "timetable, capacity and learning, no passengers; wait percentiles n/a).\n"
    "--export gtfs-ride writes DIR/gtfs-ride/ (board_alight.txt, ridership.txt,\n"
    "trip_capacity.txt, ride_feed_info.txt: every train at every stop of every day; with\n"
    "the feed's trip_id and stop_id for a scenario from import-gtfs).";

/* Run the scenario (replicated or not) and write DIR; the library status. */
static int run_and_write(const rs_scenario *s, const cli_args *a, const rs_run_options *opts,
                         int nrep, unsigned flags, rs_sim **sim, rs_summary_ci *ci, rs_diag *d) {
  rs_outdir *od = NULL;
  /* the output folder first: a refused -o is told before the simulation */
  int rc = rs_outdir_begin_kind(a->outdir, "run", &od, d);
  if (rc != RS_OK) return rc;
  if (nrep > 0) {
    rc = rs_replicate(s, opts, nrep, cli_threads(a), sim, ci);
  } else {
    rc = rs_sim_create(s, sim);
    if (rc == RS_OK) rc = rs_sim_run(*sim, opts);
  }
  if (rc != RS_OK && opts->ride_records && *sim) rs_sim_gtfs_ride_error(*sim, d);
  rs_progress_finish(opts->progress);
  if (rc == RS_OK) rc = rs_sim_write(*sim, rs_outdir_path(od), flags, d);
  if (rc == RS_OK && nrep > 0) rc = rs_summary_ci_write(*sim, ci, rs_outdir_path(od), d);
  if (rc == RS_OK && opts->ride_records) rc = rs_sim_write_gtfs_ride(*sim, rs_outdir_path(od), d);
  if (rc == RS_OK && strcmp(a->plots, "none") != 0)
    rc = rs_plots_draw(rs_outdir_path(od), a->plots, d);
  if (rc == RS_OK) rc = rs_report_write(rs_outdir_path(od), d);
  if (rc == RS_OK) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  return rc;
}

/* --export: only gtfs-ride, and it needs simulated passengers. 0 when accepted. */
static int run_export(const char *what, rs_run_options *o) {
  if (!what) return 0;
  if (strcmp(what, "gtfs-ride")) {
    fprintf(stderr, "ridersim run: --export takes gtfs-ride, not '%s'\n", what);
    return -1;
  }
  if (o->expected) {
    fprintf(stderr, "ridersim run: --export gtfs-ride needs simulated passengers, not --expected\n");
    return -1;
  }
  o->ride_records = 1;
  return 0;
}

int cmd_run(int argc, char **argv) {
  int passengers = 0, nrep = 0;
  const char *export = NULL;
  rs_run_options opts;
  rs_run_options_default(&opts);
  const cli_opt own[] = {
      {"--passengers", NULL, NULL, CLI_FLAG, &passengers, 0, 0,
       "one row per passenger in passengers.csv"},
      {"--expected", NULL, NULL, CLI_FLAG, &opts.expected, 0, 0,
       "the expected-value engine: the engine's expectation, no passengers"},
      {"--replications", NULL, "N", CLI_INT, &nrep, 1, RS_MAX_REPLICATIONS,
       "N replications (random streams 0..N-1) on -j threads, with 95% intervals"},
      {"--export", NULL, "gtfs-ride", CLI_STR, &export, 0, 0,
       "ridership as GTFS-Ride in DIR/gtfs-ride/"},
  };
  const cli_spec spec = {"run", "[SCENARIO]", 0, 1, run_about,
                         CLI_O_OUT | CLI_O_SET | CLI_O_SEED | CLI_O_PLOTS | CLI_O_THREADS | CLI_O_QUIET,
                         "out", own, sizeof own / sizeof own[0]};
  cli_args a = {.outdir = "out", .plots = "png"};
  int e = cli_parse(&spec, argc, argv, &a);
  if (e) return cli_args_free(&a), e == 1 ? CLI_OK : e;
  if (run_export(export, &opts)) return cli_args_free(&a), CLI_EUSAGE;
  const char *scenario = a.npos ? a.pos[0] : NULL;
  int exit_code = CLI_OK;
  rs_scenario *s = cli_load_args("run", scenario, &a, NULL, &exit_code);
  if (!s) return cli_args_free(&a), exit_code;
  rs_diag *d = rs_diag_alloc();
  rs_sim *sim = NULL;
  rs_summary_ci ci;
  memset(&ci, 0, sizeof ci);
  opts.commute_ahead = 1; /* written below: worked out while the days run */
  opts.progress = cli_progress(&a, "run", "days", (long)rs_scenario_days(s) * (nrep > 0 ? nrep : 1));
  int rc = run_and_write(s, &a, &opts, nrep, passengers ? RS_OUT_PASSENGERS : 0, &sim, &ci, d);
  rs_progress_free(opts.progress);
  if (rc == RS_OK && !a.quiet) {
    rs_summary sm;
    rs_sim_summary(sim, &sm);
    printf("ridersim %s: %s (seed %llu)\n", rs_version(), scenario ? scenario : "built-in baseline",
           (unsigned long long)rs_scenario_seed(s));
    if (nrep > 0) {
      sm = ci.mean;
      printf("  mean of %d replication%s%s\n", nrep, nrep == 1 ? "" : "s",
             nrep > 1 ? "; 95% intervals in summary.yaml" : " (no interval)");
      if (nrep > 1)
        printf("  riders 95%%        [%.0f, %.0f]\n", ci.lo95.riders, ci.hi95.riders);
    }
    print_summary(&sm, a.outdir);
    char proj[512];
    if (rs_scenario_calendar_projected(s, NULL, proj, sizeof proj))
      printf("  calendar          %s\n", proj);
    print_observed(sim, nrep > 0 ? &ci : NULL);
    rs_commute_print_headline(sim, stdout);
  }
  if (rc != RS_OK) exit_code = cli_fail("run", d, rc, 0);
  rs_summary_ci_free(&ci);
  rs_diag_free(d);
  rs_sim_free(sim);
  rs_scenario_free(s);
  cli_args_free(&a);
  return exit_code;
}
