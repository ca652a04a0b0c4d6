/* Calibration: weighted nonlinear least squares of the observed figures over
 * parameters named by key path, on the expected-value mode (smooth and
 * deterministic), with GSL's trust-region solver. docs/calibration.md. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit_nlinear.h>
#include "drivers/calibrate.h"
#include "input/keypath.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "ridersim/progress.h"

static char *rs__dup(const char *s) {
  size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (c) memcpy(c, s, n);
  return c;
}

static int rs__push_set(rs_calib *c, const char *s) {
  char **n = realloc(c->sets, (c->nsets + 1) * sizeof *n);
  if (!n) return RS_ENOMEM;
  c->sets = n;
  if (!(c->sets[c->nsets] = rs__dup(s))) return RS_ENOMEM;
  c->nsets++;
  return RS_OK;
}

static double rs__now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Same figure: total/mean of the same dates, a cumulative and a total from
 * the period start, a one-day total/peak and the day. */
static void rs__sum_span(const rs__observation *o, int32_t start, int32_t *a, int32_t *b) {
  *a = o->kind == RS__OBS_CUMULATIVE ? start : o->from;
  *b = o->to;
}

static void rs__group(rs_calib *c, const rs_scenario *s) {
  int next = 0; /* observations to group come in with group -3 */
  for (int i = 0; i < c->nobs; i++) {
    rs__cobs *oi = &c->obs[i];
    const rs__observation *o = &s->observed[i];
    if (oi->group != -3) continue;
    int32_t a, b;
    rs__sum_span(o, s->period.start, &a, &b);
    int peak = o->kind == RS__OBS_PEAK && a != b;
    oi->group = -4;
    if (o->kind >= RS__OBS_PURPOSE_SHARE) { /* a share restates no count */
      oi->group = next++;
      continue;
    }
    for (int j = 0; j < i && oi->group == -4; j++) {
      const rs__cobs *oj = &c->obs[j];
      const rs__observation *q = &s->observed[j];
      if (oj->group < 0 || q->station != o->station || q->day_type != o->day_type ||
          q->kind >= RS__OBS_PURPOSE_SHARE)
        continue;
      int32_t qa, qb;
      rs__sum_span(q, s->period.start, &qa, &qb);
      int qpeak = q->kind == RS__OBS_PEAK && qa != qb;
      if (!peak && !qpeak && qa == a && qb == b) oi->group = oj->group;
      if (peak && qpeak && qa == a && qb == b) oi->group = oj->group;
      /* the busiest day of a span, stated with the same value as one of its days */
      if (peak && !qpeak && qa == qb && qa >= a && qa <= b && q->value == o->value)
        oi->group = oj->group;
      if (!peak && qpeak && a == b && a >= qa && a <= qb && q->value == o->value)
        oi->group = oj->group;
    }
    if (oi->group == -4) oi->group = next++;
  }
  c->nind = next;
  for (int i = 0; i < c->nobs; i++) {
    rs__cobs *oi = &c->obs[i];
    if (oi->group < 0) {
      oi->weight = 1;
      continue;
    }
    int k = 0;
    for (int j = 0; j < c->nobs; j++) k += c->obs[j].group == oi->group;
    oi->weight = 1 / sqrt((double)k); /* a group of k copies weighs as one figure */
  }
}

int rs_calib_alloc(const char *scenario, const char *const *sets, size_t nsets,
                   const char *observed, rs_calib **out, rs_diag *d) {
  *out = NULL;
  rs_calib *c = calloc(1, sizeof *c);
  if (c) c->threads = 1;
  if (!c) return RS_ENOMEM;
  int rc = RS_OK;
  if (scenario) {
    if (strlen(scenario) >= sizeof c->scenario) rc = RS_ELIMIT;
    else snprintf(c->scenario, sizeof c->scenario, "%s", scenario);
  }
  for (size_t i = 0; !rc && i < nsets; i++) rc = rs__push_set(c, sets[i]);
  if (!rc && observed) {
    /* absolute, so that it means the same file from calibrated.yaml */
    char *abs = realpath(observed, NULL);
    if (!abs) {
      rc = rs__diag_add(d, RS_EIO, observed, 0, 0, "cannot read the observed file");
    } else {
      size_t n = strlen(abs) + 16;
      char *s = malloc(n);
      if (!s) rc = RS_ENOMEM;
      else {
        snprintf(s, n, "observed=%s", abs);
        rc = rs__push_set(c, s);
        free(s);
      }
      free(abs);
    }
  }
  c->nuser = c->nsets;
  rs_scenario *s = NULL;
  if (!rc) rc = rs_scenario_load(scenario, (const char *const *)c->sets, c->nsets, &s, d);
  if (!rc && s->nobserved == 0)
    rc = rs__diag_add(d, RS_ECALIB, s->path, 0, 0,
                      "nothing to calibrate to: the scenario has no observed figures");
  if (!rc && s->period.start == RS__DATE_NONE)
    rc = rs__diag_add(d, RS_ECALIB, s->path, 0, 0,
                      "calibration needs a calendar run (a 'period')");
  if (!rc) {
    c->nobs = s->nobserved;
    c->obs = calloc((size_t)c->nobs, sizeof *c->obs);
    if (!c->obs) rc = RS_ENOMEM;
  }
  int32_t last = RS__DATE_NONE;
  for (int i = 0; !rc && i < c->nobs; i++) {
    const rs__observation *o = &s->observed[i];
    rs__cobs *co = &c->obs[i];
    snprintf(co->id, sizeof co->id, "%s", o->id);
    co->kind = o->kind;
    co->bound = o->bound;
    co->from = o->from;
    co->to = o->to;
    co->observed = o->value;
    co->sigma = o->tolerance_pct > 0 ? o->tolerance_pct / 100 : 0.05;
    co->group = o->bound ? -1 : 0;
    if (o->to < s->period.start || o->to > s->period.end || o->value <= 0) co->group = -2;
    else if (last == RS__DATE_NONE || o->to > last) last = o->to;
  }
  if (!rc) {
    for (int i = 0; i < c->nobs; i++)
      if (c->obs[i].group == 0) c->obs[i].group = -3;
    rs__group(c, s);
    for (int i = 0; i < c->nobs; i++) c->nfit += c->obs[i].group != -2;
    c->until = RS__DATE_NONE;
  }
  /* The figures only depend on days up to the last one: stop the fit's runs there. */
  if (!rc && last != RS__DATE_NONE && last < s->period.end) {
    char set[64], date[11];
    rs__date_format(last, date);
    snprintf(set, sizeof set, "period.end=%s", date);
    rc = rs__push_set(c, set);
  }
  rs_scenario_free(s);
  if (rc) {
    rs_calib_free(c);
    return rc;
  }
  *out = c;
  return RS_OK;
}

int rs_calib_observed_until(rs_calib *c, const char *date, rs_diag *d) {
  int32_t until;
  if (rs__date_parse(date, &until) != RS_OK)
    return rs__diag_add(d, RS_EUSAGE, "--observed-until", 0, 0,
                        "'%.40s' is not a date YYYY-MM-DD", date);
  c->until = until;
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(c->scenario[0] ? c->scenario : NULL, (const char *const *)c->sets,
                            c->nuser, &s, d);
  if (rc) return rc;
  int32_t last = RS__DATE_NONE;
  c->nfit = 0;
  for (int i = 0; i < c->nobs; i++) {
    rs__cobs *o = &c->obs[i];
    if (o->group == -2) continue;
    if (o->to > until) o->group = -5; /* held out: what a backtest forecasts */
    else {
      o->group = o->bound ? -1 : -3;
      if (last == RS__DATE_NONE || o->to > last) last = o->to;
      c->nfit++;
    }
  }
  rs__group(c, s);
  /* the fit's runs stop at the last figure it uses */
  for (size_t i = c->nuser; i < c->nsets; i++)
    if (!strncmp(c->sets[i], "period.end=", 11) && last != RS__DATE_NONE)
      rs__date_format(last, c->sets[i] + 11);
  if (last != RS__DATE_NONE && last < s->period.end) {
    int have = 0;
    for (size_t i = c->nuser; i < c->nsets; i++) have |= !strncmp(c->sets[i], "period.end=", 11);
    char set[64], dd[11];
    rs__date_format(last, dd);
    snprintf(set, sizeof set, "period.end=%s", dd);
    if (!have) rc = rs__push_set(c, set);
  }
  rs_scenario_free(s);
  return rc;
}

void rs_calib_free(rs_calib *c) {
  if (!c) return;
  for (size_t i = 0; i < c->nsets; i++) free(c->sets[i]);
  free(c->sets);
  free(c->obs);
  free(c->cov);
  free(c->iter_log);
  free(c->sv);
  free(c->svec);
  free(c->mix_theta);
  free(c->mix_cov);
  free(c->mix_chisq);
  free(c->mix_w);
  free(c);
}

/* ---- start values from the composed document -------------------------- */

static int rs__lookup(const rs__ynode *root, const char *key, double *out) {
  rs__keypath kp;
  int bad;
  const char *why;
  if (rs__keypath_parse(key, &kp, &bad, &why) != RS_OK) return 0;
  const rs__ynode *n = rs__keypath_get(root, &kp);
  if (!n || rs__ynode_is_null(n)) return 0;
  if (n->kind != RS__Y_SCALAR || n->quoted) return -1;
  char *end;
  *out = strtod(n->text, &end);
  return (*end || end == n->text) ? -1 : 1;
}

static int rs__linear_key(const char *key) {
  const char *last = strrchr(key, '.');
  last = last ? last + 1 : key;
  return !strcmp(last, "asc") || !strcmp(last, "growth") || !strcmp(last, "add") ||
         !strncmp(key, "choice.beta.", 12);
}

int rs_calib_add_param(rs_calib *c, const char *spec, rs_diag *d) {
  if (c->np >= RS_CALIB_MAX_PARAMS)
    return rs__diag_add(d, RS_ELIMIT, "--fit", 0, 0, "more than %d parameters to fit",
                        RS_CALIB_MAX_PARAMS);
  rs__cparam *p = &c->p[c->np];
  memset(p, 0, sizeof *p);
  const char *eq = strchr(spec, '=');
  size_t klen = eq ? (size_t)(eq - spec) : strlen(spec);
  if (klen == 0 || klen >= sizeof p->key)
    return rs__diag_add(d, RS_EUSAGE, "--fit", 0, 0, "malformed --fit '%.80s'", spec);
  memcpy(p->key, spec, klen);
  p->key[klen] = 0;
  for (int i = 0; i < c->np; i++)
    if (!strcmp(c->p[i].key, p->key))
      return rs__diag_add(d, RS_EUSAGE, "--fit", 0, 0, "'%s' is fitted twice", p->key);
  int have = 0;
  if (eq) {
    char *end;
    p->start = strtod(eq + 1, &end);
    if (*end || end == eq + 1 || !isfinite(p->start))
      return rs__diag_add(d, RS_EUSAGE, "--fit", 0, 0, "--fit '%.80s': start value is not a number",
                          spec);
    have = 1;
  } else {
    rs__ydoc *doc = NULL;
    int rc = rs__scenario_compose(c->scenario[0] ? c->scenario : "(builtin)/ziyang/baseline.yaml",
                                  (const char *const *)c->sets, c->nuser, &doc, d);
    if (!doc) return rc ? rc : RS_EINVAL;
    int k = rs__lookup(rs__ydoc_root(doc), p->key, &p->start);
    rs__ydoc_free(doc);
    if (k < 0)
      return rs__diag_add(d, RS_EUSAGE, "--fit", 0, 0, "'%s' is not a number in the scenario",
                          p->key);
    have = k;
    if (!have && !strcmp(p->key, "market.scale")) p->start = 1, have = 1; /* its default */
  }
  if (!have)
    return rs__diag_add(d, RS_EUSAGE, "--fit", 0, 0,
                        "'%s' is not set in the scenario: give a start value, --fit %s=VALUE",
                        p->key, p->key);
  p->log_space = p->start > 0 && !rs__linear_key(p->key);
  p->estimate = p->start;
  p->theta = p->log_space ? log(p->start) : p->start;
  p->theta0 = p->theta;
  p->prior = RS__PRIOR_NONE;
  p->determined = 1;
  c->np++;
  /* check now that the key exists and takes a number: one evaluation at the start */
  double *sim = malloc((size_t)c->nobs * sizeof *sim);
  double v[RS_CALIB_MAX_PARAMS];
  for (int i = 0; i < c->np; i++) v[i] = c->p[i].start;
  int rc = sim ? rs__calib_simulate(c, v, sim, d) : RS_ENOMEM;
  free(sim);
  if (rc) c->np--;
  return rc;
}

int rs_calib_independent(const rs_calib *c) { return c->nind; }

/* ---- evaluation --------------------------------------------------------- */

void rs__calib_param_sets(const rs_calib *c, const double *values, char *buf, const char **out) {
  for (int i = 0; i < c->np; i++) {
    char *b = buf + (size_t)i * RS__CALIB_SET_LEN;
    snprintf(b, RS__CALIB_SET_LEN, "%s=%.17g", c->p[i].key, values[i]);
    out[i] = b;
  }
}

int rs__calib_simulate(const rs_calib *c, const double *values, double *sim, rs_diag *d) {
  size_t n = c->nsets + (size_t)c->np;
  const char **sets = malloc((n ? n : 1) * sizeof *sets);
  char *buf = malloc((size_t)(c->np ? c->np : 1) * RS__CALIB_SET_LEN);
  int rc = sets && buf ? RS_OK : RS_ENOMEM;
  rs_scenario *s = NULL;
  rs_sim *m = NULL;
  if (!rc) {
    for (size_t i = 0; i < c->nsets; i++) sets[i] = c->sets[i];
    rs__calib_param_sets(c, values, buf, sets + c->nsets);
    rc = rs_scenario_load(c->scenario[0] ? c->scenario : NULL, sets, n, &s, d);
  }
  if (!rc) rc = rs_sim_create(s, &m);
  if (!rc) {
    rs_run_options o;
    rs_run_options_default(&o);
    o.expected = 1;
    rc = rs_sim_run(m, &o);
  }
  for (int i = 0; !rc && i < c->nobs; i++) {
    rs_observed_fit f;
    rc = rs_sim_observed(m, i, &f);
    sim[i] = f.simulated;
  }
  rs_sim_free(m);
  rs_scenario_free(s);
  free(buf);
  free(sets);
  return rc;
}

double rs__calib_residual(const rs__cobs *o, double sim) {
  if (o->group == -2 || o->group == -5 || isnan(sim)) return 0;
  double rel = (sim - o->observed) / o->observed;
  if (o->bound == RS__BOUND_LOWER) rel = rel < 0 ? rel : 0;   /* met: no penalty */
  if (o->bound == RS__BOUND_UPPER) rel = rel > 0 ? rel : 0;
  return o->weight * rel / o->sigma;
}


/* Upper limits the scenario checks (scenario_model.c): the fit stays inside
 * them, since a refused value would spoil the finite-difference Jacobian. */
static double rs__upper(const char *key) {
  static const struct { const char *suffix; double hi; } t[] = {
      {"adoption.bass_p", 1000}, {"adoption.bass_q", 100}, {"adoption.novelty", 100},
      {"market.scale", 100}, {"market.growth", 1}};
  size_t n = strlen(key);
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    size_t m = strlen(t[i].suffix);
    if (n >= m && !strcmp(key + n - m, t[i].suffix)) return t[i].hi;
  }
  return INFINITY;
}

double rs__calib_value(const rs__cparam *p, double theta) {
  double v = p->log_space ? exp(theta) : theta;
  double hi = rs__upper(p->key);
  return v > hi ? hi : v;
}

int rs__calib_f(const gsl_vector *x, void *params, gsl_vector *f) {
  rs__fitctx *fc = params;
  rs_calib *c = fc->c;
  double v[RS_CALIB_MAX_PARAMS];
  for (int i = 0; i < c->np; i++) v[i] = rs__calib_value(&c->p[i], gsl_vector_get(x, (size_t)i));
  c->st.evaluations++;
  rs_progress_add(c->progress, 1);
  rs_diag *d = rs_diag_alloc();
  int rc = d ? rs__calib_simulate(c, v, fc->sim, d) : RS_ENOMEM;
  rs_diag_free(d);
  for (size_t k = 0; k < (size_t)c->nfitobs; k++) {
    const rs__cobs *o = &c->obs[fc->fit_index[k]];
    /* a value the scenario refuses is a very bad fit: the solver backs off */
    gsl_vector_set(f, k, rc ? 1e6 : rs__calib_residual(o, fc->sim[fc->fit_index[k]]));
  }
  for (int i = 0; i < c->np; i++) /* priors (or the ridge): penalised least squares */
    gsl_vector_set(f, (size_t)c->nfitobs + (size_t)i,
                   rs__calib_prior_residual(&c->p[i], gsl_vector_get(x, (size_t)i)));
  rs__calib_keep_f(fc, x, f);
  return rc == RS_ENOMEM ? GSL_ENOMEM : GSL_SUCCESS;
}

/* The figures' rows of the solver's Jacobian, copied for rs__calib_identify. */
static int rs__calib_identify_gsl(rs_calib *c, const gsl_matrix *J, int n) {
  double *jac = malloc((size_t)(n ? n : 1) * (size_t)c->np * sizeof *jac);
  if (!jac) return RS_ENOMEM;
  for (int r = 0; r < n; r++)
    for (int k = 0; k < c->np; k++) jac[r * c->np + k] = gsl_matrix_get(J, (size_t)r, (size_t)k);
  int rc = rs__calib_identify(c, jac, n);
  free(jac);
  return rc;
}

static void rs__log_iter(rs_calib *c, const gsl_vector *x, double chisq) {
  if (c->niter >= RS__CALIB_MAX_ITER_LOG) return;
  double *row = c->iter_log + (size_t)c->niter * (size_t)(c->np + 1);
  row[0] = chisq;
  for (int i = 0; i < c->np; i++) row[i + 1] = rs__calib_value(&c->p[i], gsl_vector_get(x, (size_t)i));
  c->niter++;
}

static void rs__callback(const size_t iter, void *params, const gsl_multifit_nlinear_workspace *w) {
  (void)iter;
  rs_calib *c = params;
  double chisq;
  gsl_blas_ddot(w->f, w->f, &chisq);
  rs__log_iter(c, w->x, chisq);
}

/* The trust-region fit from C's start values: estimates into V and C's
 * parameters, the covariance into c->cov. GSL's errors come back as status
 * codes (the program turned its abort handler off at start-up: rs_init). */
static int rs__calib_solve(rs_calib *c, rs__fitctx *fc, int n, int max_iter, double *v,
                           rs_diag *d) {
  gsl_multifit_nlinear_fdf fdf = {0};
  fdf.f = rs__calib_f;
  fdf.df = rs__calib_df; /* GSL's forward differences, the columns on threads */
  fdf.n = (size_t)n + (size_t)c->np; /* the figures, then one prior row per parameter */
  fdf.p = (size_t)c->np;
  fdf.params = fc;
  gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
  fp.h_df = RS__CALIB_H_DF; /* forward differences in the fitted (mostly log) space */
  /* Levenberg's identity scaling: a nearly flat direction (e.g. bass_q when
   * bass_p is large) gets a damped step, not a leap to a parameter's limit */
  fp.scale = gsl_multifit_nlinear_scale_levenberg;
  gsl_multifit_nlinear_workspace *w =
      gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, fdf.n, fdf.p);
  gsl_vector *x = gsl_vector_alloc(fdf.p);
  gsl_matrix *cov = gsl_matrix_alloc(fdf.p, fdf.p);
  int rc = !w || !x || !cov ? RS_ENOMEM : RS_OK, info = 0, gs = GSL_SUCCESS;
  if (!rc) {
    for (int i = 0; i < c->np; i++) gsl_vector_set(x, (size_t)i, c->p[i].theta);
    gs = gsl_multifit_nlinear_init(x, &fdf, w);
    if (gs == GSL_SUCCESS) {
      gsl_blas_ddot(w->f, w->f, &c->st.chisq0);
      rs__log_iter(c, w->x, c->st.chisq0);
      gs = gsl_multifit_nlinear_driver((size_t)max_iter, 1e-8, 1e-8, 0, rs__callback, c, &info, w);
    }
    if (gs == GSL_ENOMEM) rc = RS_ENOMEM;
    else if (gs != GSL_SUCCESS && gs != GSL_EMAXITER)
      rc = rs__diag_add(d, RS_ECALIB, NULL, 0, 0, "the solver failed: %s", gsl_strerror(gs));
    if (!rc) {
      gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, cov);
      gsl_blas_ddot(w->f, w->f, &c->st.chisq);
      rc = rs__calib_identify_gsl(c, gsl_multifit_nlinear_jac(w), n);
      int npri = 0;
      for (int i = 0; i < c->np; i++) npri += c->p[i].prior != RS__PRIOR_NONE;
      int dof = c->nind + npri - c->np;
      /* scale by the fit's residual variance when it exceeds the stated one */
      double s2 = dof > 0 && c->st.chisq / dof > 1 ? c->st.chisq / dof : 1;
      for (int i = 0; i < c->np; i++)
        for (int j = 0; j < c->np; j++)
          c->cov[i * c->np + j] = s2 * gsl_matrix_get(cov, (size_t)i, (size_t)j);
      for (int i = 0; i < c->np; i++) {
        rs__cparam *p = &c->p[i];
        p->theta = gsl_vector_get(w->x, (size_t)i);
        p->theta_se = sqrt(c->cov[i * c->np + i]);
        p->estimate = rs__calib_value(p, p->theta);
        if (p->estimate < (p->log_space ? exp(p->theta) : p->theta)) /* held at its limit */
          p->theta = p->log_space ? log(p->estimate) : p->estimate;
        p->se = p->log_space ? p->estimate * p->theta_se : p->theta_se;
        v[i] = p->estimate;
      }
      c->st.iterations = (int)gsl_multifit_nlinear_niter(w);
      c->st.status = info;
      if (gs == GSL_EMAXITER)
        rs__diag_warn(d, NULL, 0, 0, "no convergence after %d iterations", max_iter);
    }
  }
  gsl_matrix_free(cov);
  gsl_vector_free(x);
  if (w) gsl_multifit_nlinear_free(w);
  return rc;
}

int rs_calib_run(rs_calib *c, int max_iter, rs_diag *d) {
  if (c->np == 0) return rs__diag_add(d, RS_EUSAGE, "--fit", 0, 0, "no parameter to fit (--fit key.path)");
  double t0 = rs__now();
  int n = 0;
  for (int i = 0; i < c->nobs; i++) n += c->obs[i].group != -2 && c->obs[i].group != -5;
  c->nfitobs = n;
  rs__fitctx fc = {.c = c, .sim = malloc((size_t)c->nobs * sizeof(double)),
                   .fit_index = malloc((size_t)(n ? n : 1) * sizeof(int))};
  fc.threads = c->threads;
  free(c->cov);
  free(c->iter_log);
  c->cov = calloc((size_t)(c->np * c->np), sizeof *c->cov);
  c->iter_log = malloc((size_t)RS__CALIB_MAX_ITER_LOG * (size_t)(c->np + 1) * sizeof(double));
  c->niter = 0;
  if (!fc.sim || !fc.fit_index || !c->cov || !c->iter_log) {
    free(fc.sim);
    free(fc.fit_index);
    return RS_ENOMEM;
  }
  for (int i = 0, k = 0; i < c->nobs; i++)
    if (c->obs[i].group != -2 && c->obs[i].group != -5) fc.fit_index[k++] = i;

  /* the start */
  double v[RS_CALIB_MAX_PARAMS];
  for (int i = 0; i < c->np; i++) v[i] = c->p[i].start;
  int rc = rs__calib_simulate(c, v, fc.sim, d);
  if (rc) {
    free(fc.sim);
    free(fc.fit_index);
    return rc;
  }
  for (int i = 0; i < c->nobs; i++) c->obs[i].start = fc.sim[i];

  rc = rs__calib_solve(c, &fc, n, max_iter, v, d);
  if (!rc) rc = rs__calib_simulate(c, v, fc.sim, d);
  for (int i = 0; !rc && i < c->nobs; i++) {
    c->obs[i].simulated = fc.sim[i];
    c->obs[i].residual = rs__calib_residual(&c->obs[i], fc.sim[i]);
  }
  free(fc.sim);
  free(fc.fit_index);
  rs__calib_fc_free(&fc);
  c->st.nobs = n;
  c->st.nindependent = c->nind;
  c->st.nparams = c->np;
  c->st.seconds = rs__now() - t0;
  c->ran = !rc;
  return rc;
}

/* ---- results ------------------------------------------------------------- */

int rs_calib_nparams(const rs_calib *c) { return c->np; }

int rs_calib_param(const rs_calib *c, int i, rs_calib_param_info *out) {
  if (i < 0 || i >= c->np) return RS_EINVAL;
  const rs__cparam *p = &c->p[i];
  *out = (rs_calib_param_info){p->key, p->log_space, p->start, p->estimate, p->se, p->theta,
                               p->theta_se};
  return RS_OK;
}

double rs_calib_cov(const rs_calib *c, int i, int j) {
  if (!c->ran || i < 0 || j < 0 || i >= c->np || j >= c->np) return NAN;
  return c->cov[i * c->np + j];
}

double rs_calib_corr(const rs_calib *c, int i, int j) {
  double den = sqrt(rs_calib_cov(c, i, i) * rs_calib_cov(c, j, j));
  return den > 0 ? rs_calib_cov(c, i, j) / den : NAN;
}

int rs_calib_nobs(const rs_calib *c) { return c->nobs; }


int rs_calib_obs(const rs_calib *c, int i, rs_calib_obs_info *out) {
  if (i < 0 || i >= c->nobs) return RS_EINVAL;
  const rs__cobs *o = &c->obs[i];
  memset(out, 0, sizeof *out);
  out->id = o->id;
  out->kind = rs__obs_kind_names[o->kind];
  rs__date_format(o->from, out->from);
  rs__date_format(o->to, out->to);
  out->bound = o->bound;
  out->group = o->group;
  out->observed = o->observed;
  out->start = o->start;
  out->simulated = c->ran ? o->simulated : NAN;
  out->sigma = o->sigma;
  out->residual = c->ran ? o->residual : NAN;
  return RS_OK;
}

int rs_calib_stats_get(const rs_calib *c, rs_calib_stats *out) {
  *out = c->st;
  return c->ran ? RS_OK : RS_ESTATE;
}

int rs_calib_niter(const rs_calib *c) { return c->niter; }

int rs_calib_iter(const rs_calib *c, int k, double *chisq, double *values) {
  if (k < 0 || k >= c->niter) return RS_EINVAL;
  const double *row = c->iter_log + (size_t)k * (size_t)(c->np + 1);
  *chisq = row[0];
  for (int i = 0; i < c->np; i++) values[i] = row[i + 1];
  return RS_OK;
}

int rs_calib_score(const char *scenario, const char *const *sets, size_t nsets, double *chisq,
                   rs_diag *d) {
  rs_calib *c;
  int rc = rs_calib_alloc(scenario, sets, nsets, NULL, &c, d);
  if (rc) return rc;
  double *sim = malloc((size_t)c->nobs * sizeof *sim);
  rc = sim ? rs__calib_simulate(c, NULL, sim, d) : RS_ENOMEM;
  *chisq = 0;
  for (int i = 0; !rc && i < c->nobs; i++) {
    double r = rs__calib_residual(&c->obs[i], sim[i]);
    *chisq += r * r;
  }
  free(sim);
  rs_calib_free(c);
  return rc;
}

void rs_calib_set_progress(rs_calib *c, rs_progress *p) { c->progress = p; }
void rs_calib_set_threads(rs_calib *c, int threads) { c->threads = threads; }
