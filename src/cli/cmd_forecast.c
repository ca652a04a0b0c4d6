/* ridersim forecast: Monte Carlo to a date; quantile tables, milestones,
 * yearly means and fan charts. docs/forecast.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/forecast.h"

static void forecast_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim forecast [SCENARIO] --until DATE [--draws N] [-j N]\n"
          "                         [--from-calibration DIR] [--engine] [--day-cv X]\n"
          "                         [--mean FROM:TO]... [-o DIR] [--set key.path=value]...\n"
          "                         [--plots FMT] [-q]\n\n"
          "Runs N draws (default 200) to DATE: parameters drawn from the scenario's\n"
          "'uncertainty:' section and/or the covariance of a calibration (DIR of\n"
          "`ridersim calibrate`), each run in expected mode with Poisson day-to-day\n"
          "variation (--engine: the full engine per draw, slower; --day-cv adds lognormal\n"
          "day noise). -j N threads; results do not depend on N. Writes DIR (default\n"
          "out-forecast): forecast.csv (p5..p95 of daily and cumulative riders per date),\n"
          "milestones.csv, years.csv, params.csv, observed_bands.csv (each observed figure\n"
          "against the draws' 50%% and 90%% bands; with a calibration made with\n"
          "--observed-until, the held-out figures are a backtest and are printed),\n"
          "plots/forecast_*.png. --mean FROM:TO prints the band of the mean daily riders\n"
          "over those dates and its width p95/p5.\n");
}

static int parse_int(const char *opt, const char *v, int lo, int hi, int *out) {
  char *end;
  long n = strtol(v, &end, 10);
  if (*end || end == v || n < lo || n > hi) {
    fprintf(stderr, "ridersim forecast: %s takes %d..%d, not '%s'\n", opt, lo, hi, v);
    return -1;
  }
  *out = (int)n;
  return 0;
}

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
    printf("  %4.0f million               %11s %11s %11s     (%.0f%%)\n", ms.threshold / 1e6, a, b,
           c, 100 * ms.reached);
  }
  printf("\n  outputs           %s/\n", dir);
}

/* --mean periods (at most 16), pointing into argv. */
typedef struct fc_means {
  const char *v[16];
  int n;
} fc_means;

/* Option A with its value V into O or M: 0, or 1 with a message. */
static int fc_value_option(const char *a, const char *v, rs_forecast_options *o, fc_means *m) {
  if (!strcmp(a, "--until")) o->until = v;
  else if (!strcmp(a, "--draws")) return parse_int(a, v, 1, 100000, &o->draws) != 0;
  else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) return parse_int(a, v, 1, 256, &o->threads) != 0;
  else if (!strcmp(a, "--from-calibration")) o->calibration = v;
  else if (!strcmp(a, "--mean")) {
    if (m->n >= 16) {
      fprintf(stderr, "ridersim forecast: at most 16 --mean periods\n");
      return 1;
    }
    m->v[m->n++] = v;
  } else {
    char *end;
    o->day_cv = strtod(v, &end);
    if (*end || end == v || !(o->day_cv >= 0 && o->day_cv <= 2)) {
      fprintf(stderr, "ridersim forecast: --day-cv takes 0..2, not '%s'\n", v);
      return 1;
    }
  }
  return 0;
}

/* Parse the arguments: -1 to go on, else the exit code. */
static int fc_parse(int argc, char **argv, cli_common *cm, rs_forecast_options *o, fc_means *m) {
  for (int i = 1; i < argc; i++) {
    int k = cli_common_option(cm, argc, argv, &i);
    if (k < 0) return CLI_EUSAGE;
    if (k > 0) continue;
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      forecast_usage(stdout);
      return CLI_OK;
    }
    if (!strcmp(a, "--engine")) {
      o->engine = 1;
      continue;
    }
    int takes = !strcmp(a, "--until") || !strcmp(a, "--draws") || !strcmp(a, "-j") ||
                !strcmp(a, "--jobs") || !strcmp(a, "--from-calibration") || !strcmp(a, "--day-cv") ||
                !strcmp(a, "--mean");
    if (takes) {
      if (i + 1 >= argc) {
        fprintf(stderr, "ridersim forecast: option '%s' needs a value\n", a);
        return CLI_EUSAGE;
      }
      if (fc_value_option(a, argv[++i], o, m)) return CLI_EUSAGE;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ridersim forecast: unknown option '%s'\n", a);
      forecast_usage(stderr);
      return CLI_EUSAGE;
    } else if (cm->scenario) {
      fprintf(stderr, "ridersim forecast: one scenario at a time\n");
      return CLI_EUSAGE;
    } else {
      cm->scenario = a;
    }
  }
  if (!o->until) {
    fprintf(stderr, "ridersim forecast: --until DATE is required\n");
    forecast_usage(stderr);
    return CLI_EUSAGE;
  }
  return -1;
}

int cmd_forecast(int argc, char **argv) {
  cli_common cm = {0};
  cm.outdir = "out-forecast";
  cm.plots = "png";
  rs_forecast_options o;
  rs_forecast_options_default(&o);
  fc_means means = {{0}, 0};
  int early = fc_parse(argc, argv, &cm, &o, &means);
  if (early >= 0) {
    cli_common_free(&cm);
    return early;
  }
  int exit_code_early = CLI_OK;
  o.scenario = cm.scenario;
  o.sets = cm.sets;
  o.nsets = cm.nsets;
  rs_diag *d = rs_diag_alloc();
  {
    rs_scenario *s = cli_load(&cm, &exit_code_early);
    if (!s) {
      rs_diag_free(d);
      cli_common_free(&cm);
      return exit_code_early;
    }
    char note[512];
    if (rs_scenario_calendar_note(s, o.until, note, sizeof note))
      fprintf(stderr, "note: %s\n", note);
    if (rs_scenario_calendar_projected(s, o.until, note, sizeof note))
      printf("calendar: %s\n", note);
    rs_scenario_free(s);
  }
  rs_forecast *f = NULL;
  rs_outdir *od = NULL;
  int rc = rs_outdir_begin_kind(cm.outdir, "forecast", &od, d);
  if (!rc) rc = rs_forecast_run(&o, &f, d);
  if (!rc) rc = rs_forecast_write(f, rs_outdir_path(od), cm.plots, d);
  if (!rc) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  int exit_code = CLI_OK;
  if (!rc && !cm.quiet) {
    printf("ridersim %s forecast: %s to %s\n", rs_version(),
           cm.scenario ? cm.scenario : "built-in baseline", o.until);
    print_forecast(f, &o, cm.outdir);
    print_checks(f, means.v, means.n);
  }
  if (rc) {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim forecast: %s\n", rs_strerror(rc));
    exit_code = cli_exit_code(rc);
    if (exit_code == CLI_OK) exit_code = CLI_ERUN;
  }
  rs_forecast_free(f);
  rs_diag_free(d);
  cli_common_free(&cm);
  return exit_code;
}
