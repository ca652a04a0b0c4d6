/* ridersim calibrate: fit parameters to the observed figures, print the fit,
 * write the calibrated scenario. docs/calibration.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/calibrate.h"

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

static const char calibrate_about[] =
    "Fits the --fit parameters (e.g. market.scale, market.adoption.bass_q,\n"
    "market.purposes.leisure.day_factors.holiday, modes.0.asc) to the observed figures\n"
    "of SCENARIO (or of FILE) by weighted nonlinear least squares on the expected-value\n"
    "mode. Each figure weighs by its tolerance_pct (default 5%); 'bound' figures count\n"
    "only when violated. --prior adds a stated prior (penalised least squares).\n"
    "It reports what the figures determine: the singular values of the Jacobian and\n"
    "the parameter combinations they pin, and --profile gives profile intervals (95%).\n"
    "More parameters than the figures determine are fitted all the same (each\n"
    "without a prior pulled negligibly toward its start) and reported as such.\n"
    "--observed-until DATE fits only the figures up to DATE (a backtest; see\n"
    "forecast --from-calibration). --mixture KEY:N refits the others at N quantiles\n"
    "of KEY's prior (a parameter the figures do not determine): the forecast then\n"
    "draws from that mixture. Writes DIR: calibrated.yaml (extends SCENARIO),\n"
    "calibration.csv (estimates, covariance), observations.csv, identification.csv.\n"
    "-j evaluates the Jacobian's columns at once; the fit does not depend on it.";

/* The command's own options. */
typedef struct calib_opts {
  const char *observed, *until, *mixture;
  cli_list fits, priors, profiles;
  int max_iter;
} calib_opts;

static void calib_opts_free(calib_opts *o) {
  cli_list_free(&o->fits);
  cli_list_free(&o->priors);
  cli_list_free(&o->profiles);
}

/* Set up C (the observations, the parameters, the priors); RS_OK or a code. */
static int calib_setup(rs_calib **c, const char *scenario, const cli_args *a,
                       const calib_opts *co, rs_diag *d) {
  int rc = rs_calib_alloc(scenario, a->sets.v, a->sets.n, co->observed, c, d);
  if (!rc && co->until) rc = rs_calib_observed_until(*c, co->until, d);
  for (size_t i = 0; !rc && i < co->fits.n; i++) rc = rs_calib_add_param(*c, co->fits.v[i], d);
  for (size_t i = 0; !rc && i < co->priors.n; i++) rc = rs_calib_add_prior(*c, co->priors.v[i], d);
  return rc;
}

int cmd_calibrate(int argc, char **argv) {
  calib_opts co = {.max_iter = 100};
  const cli_opt own[] = {
      {"--fit", NULL, "KEY[=START]", CLI_LIST, &co.fits, 0, 0, "a parameter to fit (repeatable)"},
      {"--observed", NULL, "FILE", CLI_STR, &co.observed, 0, 0,
       "observed figures to fit (default: the scenario's 'observed:')"},
      {"--prior", NULL, "KEY=normal:MEAN:SD|lognormal:MEDIAN:SDLOG", CLI_LIST, &co.priors, 0, 0,
       "a stated prior of a fitted parameter (repeatable)"},
      {"--observed-until", NULL, "DATE", CLI_STR, &co.until, 0, 0,
       "fit only the figures up to DATE (a backtest)"},
      {"--profile", NULL, "KEY|all", CLI_LIST, &co.profiles, 0, 0,
       "profile interval (95%) of a parameter (repeatable)"},
      {"--mixture", NULL, "KEY[:N]", CLI_STR, &co.mixture, 0, 0,
       "refit the others at N quantiles of KEY's prior (default N 9)"},
      {"--max-iter", NULL, "N", CLI_INT, &co.max_iter, 1, 10000, "solver iterations (default 100)"},
  };
  const cli_spec spec = {"calibrate", "[SCENARIO]", 0, 1, calibrate_about,
                         CLI_O_OUT | CLI_O_SET | CLI_O_SEED | CLI_O_THREADS | CLI_O_QUIET, "out-calibration", own,
                         sizeof own / sizeof own[0]};
  cli_args a = {.outdir = "out-calibration"};
  int e = cli_parse(&spec, argc, argv, &a);
  if (e) return calib_opts_free(&co), cli_args_free(&a), e == 1 ? CLI_OK : e;
  const char *scenario = a.npos ? a.pos[0] : NULL;
  if (co.fits.n == 0) {
    fprintf(stderr, "ridersim calibrate: name the parameters to fit with --fit key.path\n"
                    "(ridersim calibrate --help lists what it accepts)\n");
    calib_opts_free(&co), cli_args_free(&a);
    return CLI_EUSAGE;
  }
  int exit_code = CLI_OK;
  rs_scenario *s = cli_load_args("calibrate", scenario, &a, NULL, &exit_code);
  if (!s) return calib_opts_free(&co), cli_args_free(&a), exit_code;
  rs_scenario_free(s);
  rs_diag *d = rs_diag_alloc();
  rs_calib *c = NULL;
  rs_outdir *od = NULL;
  rs_progress *pg = cli_progress(&a, "calibrate", "runs", 0);
  int rc = calib_setup(&c, scenario, &a, &co, d);
  if (!rc && !a.quiet)
    printf("ridersim %s calibrate: %s, %zu parameter%s, %d observed figures (%d independent)\n",
           rs_version(), scenario ? scenario : "built-in baseline", co.fits.n, co.fits.n == 1 ? "" : "s",
           rs_calib_nobs(c), rs_calib_independent(c));
  fflush(stdout);
  if (!rc) rs_calib_set_progress(c, pg);
  if (!rc) rs_calib_set_threads(c, a.threads);
  int input = rc != RS_OK;
  if (!rc) rc = rs_outdir_begin_kind(a.outdir, "calibration", &od, d); /* before the fit */
  if (!rc) rc = rs_calib_run(c, co.max_iter, d), input = rc != RS_OK;
  if (!rc && co.mixture) rc = run_mixture(c, co.mixture, co.max_iter, d), input = rc != RS_OK;
  rs_progress_finish(pg);
  rs_progress_free(pg);
  if (!rc) rc = rs_calib_write(c, rs_outdir_path(od), a.outdir, d);
  if (!rc) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  if (rc == RS_OK) {
    if (!a.quiet) {
      print_fit(c);
      print_profiles(c, co.profiles.v, (int)co.profiles.n, co.max_iter, d);
      print_mixture(c);
      printf("\n  outputs           %s/calibrated.yaml, calibration.csv, observations.csv, "
             "identification.csv\n",
             a.outdir);
    }
    cli_print_diag(d); /* warnings */
  } else {
    exit_code = cli_fail("calibrate", d, rc, input);
  }
  rs_calib_free(c);
  rs_diag_free(d);
  calib_opts_free(&co);
  cli_args_free(&a);
  return exit_code;
}
