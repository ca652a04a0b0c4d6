/* ridersim calibrate: fit parameters to the observed figures, print the fit,
 * write the calibrated scenario. docs/calibration.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/calibrate.h"

static void calibrate_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim calibrate [SCENARIO] --fit key.path[=start]... [--observed FILE]\n"
          "                          [-o DIR] [--set key.path=value]... [--max-iter N] [-q]\n\n"
          "Fits the --fit parameters (e.g. market.scale, market.adoption.bass_q,\n"
          "market.purposes.leisure.day_factors.holiday, modes.0.asc) to the observed figures\n"
          "of SCENARIO (or of FILE) by weighted nonlinear least squares on the expected-value\n"
          "mode. Each figure weighs by its tolerance_pct (default 5%%); 'bound' figures count\n"
          "only when violated. Refuses when there are more parameters than independent\n"
          "figures. Writes DIR (default out-calibration): calibrated.yaml (extends SCENARIO),\n"
          "calibration.csv (estimates, covariance), observations.csv.\n");
}

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

int cmd_calibrate(int argc, char **argv) {
  cli_common cm = {0};
  cm.outdir = "out-calibration";
  const char *observed = NULL;
  const char **fits = NULL;
  int nfit = 0, max_iter = 100;
  for (int i = 1; i < argc; i++) {
    int k = cli_common_option(&cm, argc, argv, &i);
    if (k < 0) return free(fits), cli_common_free(&cm), CLI_EUSAGE;
    if (k > 0) continue;
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      calibrate_usage(stdout);
      free(fits);
      cli_common_free(&cm);
      return CLI_OK;
    }
    if (!strcmp(a, "--fit") || !strcmp(a, "--observed") || !strcmp(a, "--max-iter")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "ridersim calibrate: option '%s' needs a value\n", a);
        free(fits);
        cli_common_free(&cm);
        return CLI_EUSAGE;
      }
      const char *v = argv[++i];
      if (!strcmp(a, "--observed")) {
        observed = v;
      } else if (!strcmp(a, "--max-iter")) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || n < 1 || n > 10000) {
          fprintf(stderr, "ridersim calibrate: --max-iter takes 1..10000, not '%s'\n", v);
          free(fits);
          cli_common_free(&cm);
          return CLI_EUSAGE;
        }
        max_iter = (int)n;
      } else {
        const char **n = realloc(fits, (size_t)(nfit + 1) * sizeof *n);
        if (!n) return free(fits), cli_common_free(&cm), CLI_ERUN;
        fits = n;
        fits[nfit++] = v;
      }
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ridersim calibrate: unknown option '%s'\n", a);
      calibrate_usage(stderr);
      free(fits);
      cli_common_free(&cm);
      return CLI_EUSAGE;
    } else if (cm.scenario) {
      fprintf(stderr, "ridersim calibrate: one scenario at a time\n");
      free(fits);
      cli_common_free(&cm);
      return CLI_EUSAGE;
    } else {
      cm.scenario = a;
    }
  }
  if (nfit == 0) {
    fprintf(stderr, "ridersim calibrate: name the parameters to fit with --fit key.path\n");
    calibrate_usage(stderr);
    free(fits);
    cli_common_free(&cm);
    return CLI_EUSAGE;
  }
  rs_diag *d = rs_diag_alloc();
  rs_calib *c = NULL;
  rs_outdir *od = NULL;
  int rc = rs_calib_alloc(cm.scenario, cm.sets, cm.nsets, observed, &c, d);
  for (int i = 0; !rc && i < nfit; i++) rc = rs_calib_add_param(c, fits[i], d);
  if (!rc && !cm.quiet)
    printf("ridersim %s calibrate: %s, %d parameter%s, %d observed figures (%d independent)\n",
           rs_version(), cm.scenario ? cm.scenario : "built-in baseline", nfit,
           nfit == 1 ? "" : "s", rs_calib_nobs(c), rs_calib_independent(c));
  int dir_rc = rc ? RS_OK : rs_outdir_begin_kind(cm.outdir, "calibration", &od, d);
  if (!rc) rc = dir_rc;
  if (!rc) rc = rs_calib_run(c, max_iter, d);
  if (!rc) rc = rs_calib_write(c, rs_outdir_path(od), cm.outdir, d);
  if (!rc) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  int exit_code = CLI_OK;
  if (rc == RS_OK) {
    if (!cm.quiet) {
      print_fit(c);
      printf("\n  outputs           %s/calibrated.yaml, calibration.csv, observations.csv\n",
             cm.outdir);
    }
    cli_print_diag(d); /* warnings */
  } else {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim calibrate: %s\n", rs_strerror(rc));
    exit_code = dir_rc ? CLI_ERUN : rc == RS_ECALIB ? CLI_EINPUT : rc == RS_EIO ? CLI_EINPUT : cli_exit_code(rc);
  }
  rs_calib_free(c);
  rs_diag_free(d);
  free(fits);
  cli_common_free(&cm);
  return exit_code;
}
