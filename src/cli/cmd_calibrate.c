/* ridersim calibrate: fit parameters to the observed figures, print the fit,
 * write the calibrated scenario. docs/calibration.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/calibrate.h"

static void print_fit(const rs_calib *c) {
  rs_calib_stats st;
  rs_calib_stats_get(c, &st);
  int np = rs_calib_nparams(c);
  printf("\n  iterations (weighted sum of squares, then the parameters)\n");
  for (int k = 0; k < rs_calib_niter(c); k++) {
    double chisq, v[RS_CALIB_MAX_PARAMS];
    rs_calib_iter(c, k, &chisq, v);
    printf("  %4d %14.6g", k, chisq);
    for (int i = 0; i < np; i++) printf(" %12.6g", v[i]);
    printf("\n");
  }
  printf("  %d iterations, %d evaluations, %.2f s; %s\n", st.iterations, st.evaluations,
         st.seconds, st.status == 1 ? "converged (small step)"
                     : st.status == 2 ? "converged (small gradient)" : "stopped");

  printf("\n  %-26s %-10s %-23s %12s %12s %12s %9s\n", "figure", "kind", "dates", "observed",
         "start", "fitted", "residual");
  for (int i = 0; i < rs_calib_nobs(c); i++) {
    rs_calib_obs_info o;
    rs_calib_obs(c, i, &o);
    char dates[64];
    if (strcmp(o.from, o.to) == 0) snprintf(dates, sizeof dates, "%.10s", o.to);
    else snprintf(dates, sizeof dates, "%.10s..%.5s", o.from, o.to + 5);
    const char *b = o.bound == 1 ? ">" : o.bound == 2 ? "<" : " ";
    const char *note = o.group == -2 ? "  (outside the period: not fitted)"
                       : o.group == -1 ? "  (bound)" : "";
    printf("  %-26s %-10s %-23s %s%11.0f %12.0f %12.0f %+9.3f%s\n", o.id, o.kind, dates, b,
           o.observed, o.start, o.simulated, o.residual, note);
  }
  printf("  weighted sum of squares: %.6g at the start, %.6g fitted\n", st.chisq0, st.chisq);
  printf("  %d figures, %d independent, %d parameter%s\n", st.nobs, st.nindependent, np,
         np == 1 ? "" : "s");

  printf("\n  %-44s %12s %12s %12s  %s\n", "parameter", "start", "estimate", "std error",
         "space");
  for (int i = 0; i < np; i++) {
    rs_calib_param_info p;
    rs_calib_param(c, i, &p);
    printf("  %-44s %12.6g %12.6g %12.4g  %s\n", p.key, p.start, p.estimate, p.se,
           p.log_space ? "log" : "linear");
  }
  if (np > 1) {
    printf("\n  correlations\n");
    for (int i = 0; i < np; i++) {
      rs_calib_param_info p;
      rs_calib_param(c, i, &p);
      printf("  %-44s", p.key);
      for (int j = 0; j <= i; j++) printf(" %7.3f", rs_calib_corr(c, i, j));
      printf("\n");
    }
  }
}

static const char calibrate_about[] =
    "Fits the --fit parameters (e.g. market.scale, market.adoption.bass_q,\n"
    "market.purposes.leisure.day_factors.holiday, modes.0.asc) to the observed figures\n"
    "of SCENARIO (or of FILE) by weighted nonlinear least squares on the expected-value\n"
    "mode. Each figure weighs by its tolerance_pct (default 5%); 'bound' figures count\n"
    "only when violated. Refuses when there are more parameters than independent\n"
    "figures. Writes DIR: calibrated.yaml (extends SCENARIO), calibration.csv\n"
    "(estimates, covariance), observations.csv. -j evaluates the Jacobian's columns\n"
    "at once; the fit does not depend on it.";

int cmd_calibrate(int argc, char **argv) {
  const char *observed = NULL;
  cli_list fits = {0};
  int max_iter = 100;
  const cli_opt own[] = {
      {"--fit", NULL, "KEY[=START]", CLI_LIST, &fits, 0, 0, "a parameter to fit (repeatable)"},
      {"--observed", NULL, "FILE", CLI_STR, &observed, 0, 0,
       "observed figures to fit (default: the scenario's 'observed:')"},
      {"--max-iter", NULL, "N", CLI_INT, &max_iter, 1, 10000, "solver iterations (default 100)"},
  };
  const cli_spec spec = {"calibrate", "[SCENARIO]", 0, 1, calibrate_about,
                         CLI_O_OUT | CLI_O_SET | CLI_O_SEED | CLI_O_THREADS | CLI_O_QUIET, "out/calibration", own,
                         sizeof own / sizeof own[0]};
  cli_args a = {.outdir = "out/calibration"};
  int e = cli_parse(&spec, argc, argv, &a);
  if (e) return cli_list_free(&fits), cli_args_free(&a), e == 1 ? CLI_OK : e;
  const char *scenario = a.npos ? a.pos[0] : NULL;
  if (fits.n == 0) {
    fprintf(stderr, "ridersim calibrate: name the parameters to fit with --fit key.path\n"
                    "(ridersim calibrate --help lists what it accepts)\n");
    cli_args_free(&a);
    return CLI_EUSAGE;
  }
  int exit_code = CLI_OK;
  rs_scenario *s = cli_load_args("calibrate", scenario, &a, NULL, &exit_code);
  if (!s) return cli_list_free(&fits), cli_args_free(&a), exit_code;
  rs_scenario_free(s);
  rs_diag *d = rs_diag_alloc();
  rs_calib *c = NULL;
  rs_outdir *od = NULL;
  rs_progress *pg = cli_progress(&a, "calibrate", "runs", 0);
  int rc = rs_calib_alloc(scenario, a.sets.v, a.sets.n, observed, &c, d);
  for (size_t i = 0; !rc && i < fits.n; i++) rc = rs_calib_add_param(c, fits.v[i], d);
  if (!rc && !a.quiet)
    printf("ridersim %s calibrate: %s, %zu parameter%s, %d observed figures (%d independent)\n",
           rs_version(), scenario ? scenario : "built-in baseline", fits.n, fits.n == 1 ? "" : "s",
           rs_calib_nobs(c), rs_calib_independent(c));
  fflush(stdout);
  if (!rc) rs_calib_set_progress(c, pg);
  if (!rc) rs_calib_set_threads(c, a.threads);
  if (!rc) rc = rs_calib_run(c, max_iter, d);
  rs_progress_finish(pg);
  rs_progress_free(pg);
  int input = rc != RS_OK;
  if (!rc) rc = rs_outdir_begin(a.outdir, &od, d);
  if (!rc) rc = rs_calib_write(c, rs_outdir_path(od), a.outdir, d);
  if (!rc) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  if (rc == RS_OK) {
    if (!a.quiet) {
      print_fit(c);
      printf("\n  outputs           %s/calibrated.yaml, calibration.csv, observations.csv\n",
             a.outdir);
    }
    cli_print_diag(d); /* warnings */
  } else {
    exit_code = cli_fail("calibrate", d, rc, input);
  }
  rs_calib_free(c);
  rs_diag_free(d);
  cli_list_free(&fits);
  cli_args_free(&a);
  return exit_code;
}
