/* ridersim forecast: Monte Carlo to a date; quantile tables, milestones,
 * yearly means and fan charts. docs/forecast.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/forecast.h"
#include "ridersim/report.h"

/* The held-out figures of a backtest (or, with none held out, a note), and the
 * bands of the --mean periods. */
static void print_checks(const rs_forecast *f, const char *const *means, int nmeans) {
  int held = 0;
  for (int i = 0; i < rs_forecast_nobs(f); i++) {
    rs_forecast_obs o;
    rs_forecast_obs_get(f, i, &o);
    held += o.held_out;
  }
  if (held) {
    printf("\n  backtest: figures the calibration held out (--observed-until)\n");
    printf("  %-26s %-10s %12s %12s %12s %12s %12s  in 50%%  in 90%%\n", "figure", "kind", "observed",
           "p5", "p25", "p75", "p95");
    for (int i = 0; i < rs_forecast_nobs(f); i++) {
      rs_forecast_obs o;
      rs_forecast_obs_get(f, i, &o);
      if (!o.held_out) continue;
      if (isnan(o.q[0])) {
        printf("  %-26s %-10s %12.6g  (outside the forecast's dates)\n", o.id, o.kind, o.observed);
        continue;
      }
      int pr = o.observed <= 1 ? 3 : 0;
      if (o.q[0] == o.q[4]) { /* no drawn parameter moves it (e.g. a stated mode share) */
        printf("  %-26s %-10s %12.*f  %.*f in every draw: not varied by the draws\n", o.id, o.kind,
               pr, o.observed, pr, o.q[0]);
        continue;
      }
      printf("  %-26s %-10s %s%11.*f %12.*f %12.*f %12.*f %12.*f  %-6s  %s\n", o.id, o.kind,
             o.bound == 1 ? ">" : o.bound == 2 ? "<" : " ", pr, o.observed, pr, o.q[0], pr, o.q[1],
             pr, o.q[3], pr, o.q[4], o.in50 ? "yes" : "no", o.in90 ? "yes" : "no");
    }
  }
  for (int m = 0; m < nmeans; m++) {
    char a[11] = "", b[11] = "";
    double q[RS_FC_NQ];
    if (sscanf(means[m], "%10[0-9-]:%10[0-9-]", a, b) != 2 || rs_forecast_period_mean(f, a, b, q)) {
      printf("\n  --mean %s: not a period inside the forecast (FROM:TO)\n", means[m]);
      continue;
    }
    printf("\n  mean daily riders %s to %s: p5 %.0f, p25 %.0f, p50 %.0f, p75 %.0f, p95 %.0f; "
           "90%% band width p95/p5 = %.3f\n", a, b, q[0], q[1], q[2], q[3], q[4], q[4] / q[0]);
  }
}

static void print_forecast(const rs_forecast *f, const rs_forecast_options *o, const char *dir) {
  printf("  %d draws in %.2f s on %d thread%s (%s)\n", o->draws, rs_forecast_seconds(f), o->threads,
         o->threads == 1 ? "" : "s", o->engine ? "full engine" : "expected mode + Poisson days");
  for (int i = 0; i < rs_forecast_params(f); i++) {
    rs_forecast_param p;
    rs_forecast_param_get(f, i, &p);
    printf("  parameter %-40s mean %.6g sd %.4g (%s)\n", p.key, p.mean, p.sd, p.source);
  }
  printf("\n  mean daily riders by year      p5        p25        p50        p75        p95\n");
  for (int y = 0; y < rs_forecast_years(f); y++) {
    rs_forecast_year yr;
    rs_forecast_year_get(f, y, &yr);
    printf("  %d (%3d days)       ", yr.year, yr.days);
    for (int q = 0; q < RS_FC_NQ; q++) printf(" %10.0f", yr.mean[q]);
    printf("\n");
  }
  printf("\n  cumulative riders pass         p5          p50         p95     (share of draws)\n");
  for (int m = 0; m < rs_forecast_milestones(f); m++) {
    rs_forecast_milestone ms;
    rs_forecast_milestone_get(f, m, &ms);
    const char *a = ms.date[0][0] ? ms.date[0] : "later", *b = ms.date[2][0] ? ms.date[2] : "later",
               *c = ms.date[4][0] ? ms.date[4] : "later";
    char th[32];
    if (ms.threshold >= 1e6) snprintf(th, sizeof th, "%g million", ms.threshold / 1e6);
    else snprintf(th, sizeof th, "%g", ms.threshold);
    printf("  %-28s %11s %11s %11s     (%.0f%%)\n", th, a, b, c, 100 * ms.reached);
  }
  printf("\n  outputs           %s/\n", dir);
}

static const char forecast_about[] =
    "Runs N draws to DATE: parameters drawn from the scenario's 'uncertainty:'\n"
    "section and/or the covariance of a calibration (a folder of `ridersim\n"
    "calibrate`), each run in expected mode with Poisson day-to-day variation.\n"
    "Writes DIR: forecast.csv (p5..p95 of daily and cumulative riders per date),\n"
    "milestones.csv, years.csv, params.csv, observed_bands.csv (each observed figure\n"
    "against the draws' 50% and 90% bands; with a calibration made with\n"
    "--observed-until, the held-out figures are a backtest and are printed),\n"
    "plots/forecast_*.png and report.html.";

int cmd_forecast(int argc, char **argv) {
  rs_forecast_options o;
  rs_forecast_options_default(&o);
  cli_list means = {NULL, 0};
  const cli_opt own[] = {
      {"--until", NULL, "DATE", CLI_STR, &o.until, 0, 0, "last date of the forecast (required)"},
      {"--draws", NULL, "N", CLI_INT, &o.draws, 1, 100000, "Monte Carlo draws (default 200)"},
      {"--from-calibration", NULL, "DIR", CLI_STR, &o.calibration, 0, 0,
       "draw the calibrated parameters from that calibration's covariance"},
      {"--engine", NULL, NULL, CLI_FLAG, &o.engine, 0, 0, "the full engine per draw (slower)"},
      {"--day-cv", NULL, "X", CLI_DOUBLE, &o.day_cv, 0, 2,
       "extra lognormal day-to-day noise, coefficient of variation (default 0)"},
      {"--milestones", NULL, "LIST", CLI_STR, &o.milestones, 0, 0,
       "cumulative riders to date, e.g. 5e6,10e6 (default: chosen from the run's scale)"},
      {"--mean", NULL, "FROM:TO", CLI_LIST, &means, 0, 0,
       "print the band of the mean daily riders over those dates and its width p95/p5"},
  };
  const cli_spec spec = {"forecast", "[SCENARIO]", 0, 1, forecast_about,
                         CLI_O_OUT | CLI_O_SET | CLI_O_SEED | CLI_O_PLOTS | CLI_O_THREADS | CLI_O_QUIET,
                         "out-forecast", own, sizeof own / sizeof own[0]};
  cli_args a = {.outdir = "out-forecast", .plots = "png"};
  int e = cli_parse(&spec, argc, argv, &a);
  if (e) return cli_args_free(&a), cli_list_free(&means), e == 1 ? CLI_OK : e;
  if (!o.until) {
    fprintf(stderr, "ridersim forecast: --until DATE is required (the last date to forecast)\n");
    cli_args_free(&a), cli_list_free(&means);
    return CLI_EUSAGE;
  }
  o.scenario = a.npos ? a.pos[0] : NULL;
  o.sets = a.sets.v;
  o.nsets = a.sets.n;
  o.threads = cli_threads(&a);
  int exit_code = CLI_OK;
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = cli_load_args("forecast", o.scenario, &a, o.until, &exit_code);
  if (!s) {
    rs_diag_free(d);
    cli_args_free(&a), cli_list_free(&means);
    return exit_code;
  }
  char note[512], start[11], end[11];
  if (!a.quiet && rs_scenario_calendar_projected(s, o.until, note, sizeof note))
    printf("calendar: %s\n", note);
  rs_scenario_period(s, start, end);
  rs_scenario_free(s);
  /* Said in the user's terms: --until, not the period.end it becomes. */
  if (!start[0] || strlen(o.until) != 10 || strcmp(o.until, start) < 0) {
    if (!start[0])
      fprintf(stderr, "ridersim forecast: the scenario has no 'period' (a dateless one-day "
                      "scenario): a forecast needs a calendar run\n");
    else
      fprintf(stderr, "ridersim forecast: --until %s must be a date YYYY-MM-DD on or after the "
                      "scenario's first day, %s\n", o.until, start);
    rs_diag_free(d);
    cli_args_free(&a), cli_list_free(&means);
    return CLI_EUSAGE;
  }
  if (o.threads > 256) o.threads = 256;
  rs_forecast *f = NULL;
  rs_outdir *od = NULL;
  int rc = rs_outdir_begin_kind(a.outdir, "forecast", &od, d); /* before the draws */
  o.progress = cli_progress(&a, "forecast", "draws", o.draws);
  if (!rc) rc = rs_forecast_run(&o, &f, d);
  rs_progress_finish(o.progress);
  rs_progress_free(o.progress);
  int input = rc != RS_OK && od; /* a failed forecast run is about its inputs */
  if (!rc) rc = rs_forecast_write(f, rs_outdir_path(od), a.plots, d);
  if (!rc) rc = rs_report_write(rs_outdir_path(od), d);
  if (!rc) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  if (!rc && !a.quiet) {
    printf("ridersim %s forecast: %s to %s\n", rs_version(),
           o.scenario ? o.scenario : "built-in baseline", o.until);
    print_forecast(f, &o, a.outdir);
    print_checks(f, means.v, (int)means.n);
  }
  if (rc) exit_code = cli_fail("forecast", d, rc, input);
  rs_forecast_free(f);
  rs_diag_free(d);
  cli_args_free(&a), cli_list_free(&means);
  return exit_code;
}
