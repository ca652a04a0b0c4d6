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
          "                          [--prior key.path=normal:MEAN:SD|lognormal:MEDIAN:SDLOG]...\n"
          "                          [--observed-until DATE] [--profile key.path|all]...\n"
          "                          [--mixture key.path[:N]]\n"
          "                          [-o DIR] [--set key.path=value]... [--max-iter N] [-q]\n\n"
          "Fits the --fit parameters (e.g. market.scale, market.adoption.bass_q,\n"
          "market.purposes.leisure.day_factors.holiday, modes.0.asc) to the observed figures\n"
          "of SCENARIO (or of FILE) by weighted nonlinear least squares on the expected-value\n"
          "mode. Each figure weighs by its tolerance_pct (default 5%%); 'bound' figures count\n"
          "only when violated. --prior adds a stated prior (penalised least squares).\n"
          "It reports what the figures determine: the singular values of the Jacobian and\n"
          "the parameter combinations they pin, and --profile gives profile intervals (95%%).\n"
          "More parameters than the figures determine are fitted all the same (each\n"
          "without a prior pulled negligibly toward its start) and reported as such.\n"
          "--observed-until DATE fits only the figures up to DATE (a backtest; see\n"
          "forecast --from-calibration). --mixture KEY:N refits the others at N quantiles\n"
          "of KEY's prior (a parameter the figures do not determine): the forecast then\n"
          "draws from that mixture. Writes DIR (default out-calibration):\n"
          "calibrated.yaml (extends SCENARIO), calibration.csv (estimates, covariance),\n"
          "observations.csv, identification.csv.\n");
}

/* What the figures determine: each combination of the (fitted-space)
 * parameters with its singular value and the sd the figures give it. */
static void print_ident(const rs_calib *c) {
  int np = rs_calib_nparams(c);
  printf("\n  what the figures determine (singular values of the weighted Jacobian;\n"
         "  each combination of the parameters, log for log-space ones, is pinned to +-1/sv)\n");
  for (int k = 0; k < np; k++) {
    double sv, vec[RS_CALIB_MAX_PARAMS];
    if (rs_calib_ident(c, k, &sv, vec) != RS_OK) return;
    printf("  sv %10.4g  %-16s", sv, sv >= RS_CALIB_SV_DETERMINED ? "determined" : "NOT determined");
    if (sv > 0) printf(" sd %-9.3g", 1 / sv);
    else printf(" sd %-9s", "inf");
    int first = 1;
    for (int i = 0; i < np; i++) {
      if (fabs(vec[i]) < 0.1) continue;
      rs_calib_param_info p;
      rs_calib_param(c, i, &p);
      printf("%s%+.2f %s%s%s", first ? " " : " ", vec[i], p.log_space ? "log " : "", p.key, "");
      first = 0;
    }
    printf("\n");
  }
  for (int i = 0; i < np; i++) {
    rs_calib_param_info p;
    rs_calib_param(c, i, &p);
    if (!rs_calib_determined(c, i))
      printf("  %s: not determined by the figures and the stated priors; its estimate is\n"
             "    its start value plus what the others leave. Give it a prior (--prior) or fix it\n"
             "    with --set; forecast --from-calibration refuses this calibration.\n", p.key);
  }
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
                       : o.group == -5 ? "  (after --observed-until: held out)"
                       : o.group == -1 ? "  (bound)" : "";
    int prec = o.observed <= 1 ? 3 : 0; /* shares are fractions */
    printf("  %-26s %-10s %-23s %s%11.*f %12.*f %12.*f %+9.3f%s\n", o.id, o.kind, dates, b, prec,
           o.observed, prec, o.start, prec, o.simulated, o.residual, note);
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
  print_ident(c);
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

/* Profile intervals (95%) of the named parameters ("all": every one). */
static void print_profiles(const rs_calib *c, const char *const *names, int n, int max_iter,
                           rs_diag *d) {
  if (n == 0) return;
  printf("\n  profile intervals (95%%: weighted sum of squares within 3.84 of the fit, the\n"
         "  others refitted; grid of 12 steps of 0.15 each way in the fitted space)\n");
  for (int i = 0; i < rs_calib_nparams(c); i++) {
    rs_calib_param_info p;
    rs_calib_param(c, i, &p);
    int want = 0;
    for (int k = 0; k < n; k++) want |= !strcmp(names[k], "all") || !strcmp(names[k], p.key);
    if (!want) continue;
    double lo, hi;
    if (rs_calib_profile(c, i, 0.15, 12, 3.84, max_iter < 30 ? max_iter : 30, &lo, &hi, d) != RS_OK)
      continue;
    char a[32], b[32];
    if (isnan(lo)) snprintf(a, sizeof a, "not bounded");
    else snprintf(a, sizeof a, "%.4g", lo);
    if (isnan(hi)) snprintf(b, sizeof b, "not bounded");
    else snprintf(b, sizeof b, "%.4g", hi);
    printf("  %-44s %12.6g  [%s, %s]\n", p.key, p.estimate, a, b);
  }
}

/* The command's own options; the lists point into argv. */
typedef struct calib_args {
  const char *observed, *until, *mixture;
  const char **fits, **priors, **profiles;   /* each room for argc entries */
  int nfit, nprior, nprofile, max_iter;
} calib_args;

static void calib_args_free(calib_args *a) {
  free(a->fits);
  free(a->priors);
  free(a->profiles);
}

/* Option OPT with its value V: 0, or CLI_EUSAGE with a message. */
static int calib_value_option(calib_args *a, const char *opt, const char *v) {
  if (!strcmp(opt, "--observed")) a->observed = v;
  else if (!strcmp(opt, "--observed-until")) a->until = v;
  else if (!strcmp(opt, "--mixture")) a->mixture = v;
  else if (!strcmp(opt, "--prior")) a->priors[a->nprior++] = v;
  else if (!strcmp(opt, "--profile")) a->profiles[a->nprofile++] = v;
  else if (!strcmp(opt, "--fit")) a->fits[a->nfit++] = v;
  else {
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 1 || n > 10000) {
      fprintf(stderr, "ridersim calibrate: --max-iter takes 1..10000, not '%s'\n", v);
      return CLI_EUSAGE;
    }
    a->max_iter = (int)n;
  }
  return 0;
}

/* Parse the arguments: -1 to go on, else the exit code. */
static int calib_parse(int argc, char **argv, cli_common *cm, calib_args *a) {
  for (int i = 1; i < argc; i++) {
    int k = cli_common_option(cm, argc, argv, &i);
    if (k < 0) return CLI_EUSAGE;
    if (k > 0) continue;
    const char *o = argv[i];
    if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
      calibrate_usage(stdout);
      return CLI_OK;
    }
    if (!strcmp(o, "--fit") || !strcmp(o, "--observed") || !strcmp(o, "--max-iter") ||
        !strcmp(o, "--prior") || !strcmp(o, "--profile") || !strcmp(o, "--observed-until") ||
        !strcmp(o, "--mixture")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "ridersim calibrate: option '%s' needs a value\n", o);
        return CLI_EUSAGE;
      }
      if (calib_value_option(a, o, argv[++i])) return CLI_EUSAGE;
    } else if (o[0] == '-' && o[1]) {
      fprintf(stderr, "ridersim calibrate: unknown option '%s'\n", o);
      calibrate_usage(stderr);
      return CLI_EUSAGE;
    } else if (cm->scenario) {
      fprintf(stderr, "ridersim calibrate: one scenario at a time\n");
      return CLI_EUSAGE;
    } else {
      cm->scenario = o;
    }
  }
  if (a->nfit == 0) {
    fprintf(stderr, "ridersim calibrate: name the parameters to fit with --fit key.path\n");
    calibrate_usage(stderr);
    return CLI_EUSAGE;
  }
  return -1;
}

/* --mixture KEY[:N] (N default 9). */
static int run_mixture(rs_calib *c, const char *spec, int max_iter, rs_diag *d) {
  char key[256];
  int n = 9;
  const char *colon = strrchr(spec, ':');
  size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
  if (len >= sizeof key) len = sizeof key - 1;
  memcpy(key, spec, len);
  key[len] = 0;
  if (colon) {
    char *end;
    long v = strtol(colon + 1, &end, 10);
    n = *end || end == colon + 1 ? -1 : (int)v;
  }
  return rs_calib_mixture(c, key, n, max_iter < 30 ? max_iter : 30, d);
}

static void print_mixture(const rs_calib *c) {
  if (rs_calib_nmixture(c) == 0) return;
  printf("\n  mixture: the others refitted at quantiles of the prior (mixture.csv)\n"
         "  %14s %14s %10s\n", "value", "sum of squares", "weight");
  for (int k = 0; k < rs_calib_nmixture(c); k++) {
    double v, x, w;
    rs_calib_mixture_get(c, k, &v, &x, &w);
    printf("  %14.6g %14.6g %10.4f\n", v, x, w);
  }
}

int cmd_calibrate(int argc, char **argv) {
  cli_common cm = {0};
  cm.outdir = "out-calibration";
  calib_args ca = {0};
  ca.max_iter = 100;
  ca.fits = calloc((size_t)argc + 1, sizeof *ca.fits);
  ca.priors = calloc((size_t)argc + 1, sizeof *ca.priors);
  ca.profiles = calloc((size_t)argc + 1, sizeof *ca.profiles);
  int early = ca.fits && ca.priors && ca.profiles ? calib_parse(argc, argv, &cm, &ca) : CLI_ERUN;
  if (early >= 0) {
    calib_args_free(&ca);
    cli_common_free(&cm);
    return early;
  }
  rs_diag *d = rs_diag_alloc();
  rs_calib *c = NULL;
  rs_outdir *od = NULL;
  int rc = rs_calib_alloc(cm.scenario, cm.sets, cm.nsets, ca.observed, &c, d);
  if (!rc && ca.until) rc = rs_calib_observed_until(c, ca.until, d);
  for (int i = 0; !rc && i < ca.nfit; i++) rc = rs_calib_add_param(c, ca.fits[i], d);
  for (int i = 0; !rc && i < ca.nprior; i++) rc = rs_calib_add_prior(c, ca.priors[i], d);
  if (!rc && !cm.quiet)
    printf("ridersim %s calibrate: %s, %d parameter%s, %d observed figures (%d independent)\n",
           rs_version(), cm.scenario ? cm.scenario : "built-in baseline", ca.nfit,
           ca.nfit == 1 ? "" : "s", rs_calib_nobs(c), rs_calib_independent(c));
  int dir_rc = rc ? RS_OK : rs_outdir_begin_kind(cm.outdir, "calibration", &od, d);
  if (!rc) rc = dir_rc;
  if (!rc) rc = rs_calib_run(c, ca.max_iter, d);
  if (!rc && ca.mixture) rc = run_mixture(c, ca.mixture, ca.max_iter, d);
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
      print_profiles(c, ca.profiles, ca.nprofile, ca.max_iter, d);
      print_mixture(c);
      printf("\n  outputs           %s/calibrated.yaml, calibration.csv, observations.csv, "
             "identification.csv\n",
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
  calib_args_free(&ca);
  cli_common_free(&cm);
  return exit_code;
}
