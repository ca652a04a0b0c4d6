#define _XOPEN_SOURCE 700 /* clock_gettime */
/* Forecast: Monte Carlo draws of the parameters, each a simulation to the
 * chosen date (expected mode + Poisson day noise, or the full engine), run on
 * threads; quantiles per date, milestones and yearly means. docs/forecast.md. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "input/csvtable.h"
#include "base/datetime.h"
#include "base/pool.h"
#include "base/diag.h"
#include "drivers/forecast.h"
#include "model/uncertainty.h"
#include "base/stream.h"
#include "ridersim/progress.h"

const double rs_forecast_quantiles[RS_FC_NQ] = {0.05, 0.25, 0.50, 0.75, 0.95};

void rs_forecast_options_default(rs_forecast_options *o) {
  memset(o, 0, sizeof *o);
  o->draws = 200;
  o->threads = 1;
}

static double rs__now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- the calibration's parameters and covariance (calibration.csv) ------- */

static int rs__load_calibration(rs_forecast *f, const char *dir, rs_diag *d) {
  char path[RS__PATH_MAX];
  snprintf(path, sizeof path, "%s/calibration.csv", dir);
  rs__csvtable *t;
  int rc = rs__csvtable_read(path, &t, d);
  if (rc) return rc;
  int ck, cs, ct;
  if ((rc = rs__csvtable_need(t, "key", &ck, d)) || (rc = rs__csvtable_need(t, "space", &cs, d)) ||
      (rc = rs__csvtable_need(t, "theta", &ct, d))) {
    rs__csvtable_free(t);
    return rc;
  }
  int n = t->nrow;
  if (f->np + n > RS__FC_MAXP) {
    rs__csvtable_free(t);
    return rs__diag_add(d, RS_ELIMIT, path, 0, 0, "too many parameters");
  }
  f->chol = calloc((size_t)(n * n + 1), sizeof *f->chol);
  f->cal_mean = calloc((size_t)n + 1, sizeof *f->cal_mean);
  if (!f->chol || !f->cal_mean) rc = RS_ENOMEM;
  gsl_matrix_view m = gsl_matrix_view_array(f->chol, (size_t)(n ? n : 1), (size_t)(n ? n : 1));
  for (int r = 0; !rc && r < n; r++) {
    rs__fc_param *p = &f->p[f->np + r];
    memset(p, 0, sizeof *p);
    snprintf(p->key, sizeof p->key, "%s", rs__csvtable_str(t, r, ck));
    p->source = 1;
    p->dist = -1;
    p->log_space = !strcmp(rs__csvtable_str(t, r, cs), "log");
    rc = rs__csvtable_num(t, r, ct, 0, &f->cal_mean[r], d);
    for (int j = 0; !rc && j < n; j++) {
      char col[32];
      snprintf(col, sizeof col, "cov_%d", j);
      int cj;
      if ((rc = rs__csvtable_need(t, col, &cj, d))) break;
      rc = rs__csvtable_num(t, r, cj, 0, &f->chol[r * n + j], d);
    }
  }
  rs__csvtable_free(t);
  if (rc) return rc;
  /* a parameter held at a limit has no variance: keep it fixed */
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      if (!isfinite(f->chol[i * n + j])) f->chol[i * n + j] = 0;
  for (int i = 0; i < n; i++)
    if (!(f->chol[i * n + i] > 0)) {
      for (int j = 0; j < n; j++) f->chol[i * n + j] = f->chol[j * n + i] = 0;
      f->chol[i * n + i] = 1e-300;
    }
  if (n > 0 && gsl_linalg_cholesky_decomp1(&m.matrix) != GSL_SUCCESS) {
    /* not positive definite (a degenerate fit): keep the variances only */
    rs__csvtable *t2;
    rc = rs__csvtable_read(path, &t2, d);
    for (int i = 0; !rc && i < n; i++)
      for (int j = 0; j < n; j++) {
        double v = 0;
        char col[32];
        int cj;
        snprintf(col, sizeof col, "cov_%d", j);
        if (i == j && !rs__csvtable_need(t2, col, &cj, d)) rs__csvtable_num(t2, i, cj, 0, &v, d);
        f->chol[i * n + j] = i == j ? sqrt(v > 0 ? v : 0) : 0;
      }
    if (!rc) rs__csvtable_free(t2);
  }
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) f->chol[i * n + j] = 0; /* lower triangle only */
  f->np += n;
  f->ncal = n;
  return rc;
}

/* ---- one draw ------------------------------------------------------------- */

static void rs__sample(const rs_forecast *f, gsl_rng *r, double *v) {
  for (int i = 0; i < f->np - f->ncal; i++) {
    const rs__fc_param *p = &f->p[i];
    double x;
    if (p->dist == RS__DIST_UNIFORM) x = p->a + (p->b - p->a) * gsl_rng_uniform(r);
    else if (p->dist == RS__DIST_LOGNORMAL) x = p->a * exp(p->b * gsl_ran_gaussian_ziggurat(r, 1));
    else {
      x = p->a + p->b * gsl_ran_gaussian_ziggurat(r, 1);
      x = x < p->lo ? p->lo : x > p->hi ? p->hi : x;
    }
    v[i] = x;
  }
  int n = f->ncal, o = f->np - f->ncal;
  double z[RS__FC_MAXP];
  const double *mean = f->cal_mean, *chol = f->chol;
  if (f->nmix > 0) { /* a component of the calibration's mixture, by its weight */
    double u = gsl_rng_uniform(r), acc = 0;
    int k = 0;
    while (k < f->nmix - 1 && (acc += f->mix_w[k]) <= u) k++;
    mean = f->mix_mean + (size_t)k * (size_t)n;
    chol = f->mix_chol + (size_t)k * (size_t)n * (size_t)n;
  }
  for (int i = 0; i < n; i++) z[i] = gsl_ran_gaussian_ziggurat(r, 1);
  for (int i = 0; i < n; i++) {
    double t = mean[i];
    for (int j = 0; j <= i; j++) t += chol[i * n + j] * z[j];
    v[o + i] = f->p[o + i].log_space ? exp(t) : t;
  }
}

typedef struct rs__fc_ctx {
  rs_forecast *f;
  double *values;        /* [draw * np + i] */
  rs_diag **fail;        /* [draw]: the messages of a failed draw, else NULL */
} rs__fc_ctx;

static int rs__draw(rs_forecast *f, int k, double *v, rs_diag *d) {
  const rs_forecast_options *o = &f->o;
  uint64_t base = 0;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  size_t n = o->nsets + 1 + (size_t)f->np;
  const char **sets = malloc(n * sizeof *sets);
  char *buf = malloc((size_t)(f->np + 1) * (RS__KP_MAX + 40));
  rs_scenario *s = NULL;
  rs_sim *sim = NULL;
  int rc = r && sets && buf ? RS_OK : RS_ENOMEM;
  if (!rc) {
    for (size_t i = 0; i < o->nsets; i++) sets[i] = o->sets[i];
    snprintf(buf, RS__KP_MAX + 40, "period.end=%s", o->until);
    sets[o->nsets] = buf;
    /* the draw's own stream: the same numbers whichever thread runs it */
    gsl_rng_set(r, rs__stream_seed(0x666f726563617374ULL, (uint64_t)k, -1));
    rs__sample(f, r, v);
    for (int i = 0; i < f->np; i++) {
      char *b = buf + (size_t)(i + 1) * (RS__KP_MAX + 40);
      snprintf(b, RS__KP_MAX + 40, "%s=%.12g", f->p[i].key, v[i]);
      sets[o->nsets + 1 + (size_t)i] = b;
    }
    rc = rs_scenario_load(o->scenario, sets, n, &s, d);
  }
  if (!rc) {
    base = rs_scenario_seed(s);
    gsl_rng_set(r, rs__stream_seed(base, (uint64_t)k, -2));
    rc = rs_sim_create(s, &sim);
  }
  if (!rc) {
    rs_run_options ro;
    rs_run_options_default(&ro);
    ro.replication = (uint64_t)k;
    ro.expected = !o->engine;
    rc = rs_sim_run(sim, &ro);
  }
  if (!rc && rs_sim_days(sim) != f->ndays) rc = RS_EINTERNAL;
  for (int i = 0; !rc && i < f->nobs; i++) { /* shares; counts are redone from the noisy days */
    rs_observed_fit of;
    f->obs_draw[(size_t)k * (size_t)f->nobs + (size_t)i] =
        rs_sim_observed(sim, i, &of) == RS_OK ? of.simulated : NAN;
  }
  /* day-to-day variation: Poisson counts around the expected riders (what the
   * engine's demand sampling gives), times an optional lognormal day factor */
  double sig = o->day_cv > 0 ? sqrt(log(1 + o->day_cv * o->day_cv)) : 0;
  for (int i = 0; !rc && i < f->ndays; i++) {
    rs_daily dy;
    rs_sim_daily(sim, i, &dy);
    double x = dy.riders;
    if (!o->engine) {
      double m = sig > 0 ? exp(sig * gsl_ran_gaussian_ziggurat(r, 1) - sig * sig / 2) : 1;
      x = x * m > 0 ? (double)gsl_ran_poisson(r, x * m) : 0;
    }
    f->riders[(size_t)k * (size_t)f->ndays + (size_t)i] = x;
  }
  rs_sim_free(sim);
  rs_scenario_free(s);
  free(buf);
  free(sets);
  gsl_rng_free(r);
  return rc;
}

/* One draw (a task of the pool): its own messages, kept only when it fails. */
static int rs__draw_task(void *ctx, long k, int worker) {
  rs__fc_ctx *x = ctx;
  rs_diag *d = rs_diag_alloc();
  if (!d) return RS_ENOMEM;
  int rc = rs__draw(x->f, (int)k, x->values + (size_t)k * (size_t)x->f->np, d);
  rs_progress_add(x->f->o.progress, 1);
  if (rc) x->fail[k] = d;
  else rs_diag_free(d);
  return rc;
}

/* Every draw on the pool; the messages of the lowest failing draw go to D. */
static int rs__run_draws(rs_forecast *f, double *values, int threads, rs_diag *d) {
  rs__fc_ctx x = {f, values, calloc((size_t)f->ndraws, sizeof(rs_diag *))};
  if (!x.fail) return RS_ENOMEM;
  long failed = -1;
  int rc = rs__pool_run(f->ndraws, threads, rs__draw_task, &x, &failed);
  for (size_t i = 0; failed >= 0 && x.fail[failed] && i < rs_diag_count(x.fail[failed]); i++)
    rs__diag_add(d, rc, NULL, 0, 0, "%s", rs_diag_message(x.fail[failed], i));
  for (int k = 0; k < f->ndraws; k++) rs_diag_free(x.fail[k]);
  free(x.fail);
  return rc;
}

/* ---- summaries ------------------------------------------------------------ */

/* Milestones given as "5e6,10e6,...": ascending positive numbers. */
static int rs__parse_milestones(rs_forecast *f, const char *list, rs_diag *d) {
  const char *p = list;
  f->nmile = 0;
  while (*p) {
    char *end;
    double v = strtod(p, &end);
    if (end == p || !(v > 0) || !isfinite(v) || (*end && *end != ',') ||
        (f->nmile && v <= f->thr[f->nmile - 1]) || f->nmile == RS__FC_NMILE)
      return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0,
                          "--milestones takes up to %d ascending positive numbers separated by "
                          "commas (e.g. 5e6,10e6,20e6), got '%s'",
                          RS__FC_NMILE, list);
    f->thr[f->nmile++] = v;
    p = *end ? end + 1 : end;
  }
  return f->nmile ? RS_OK : rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "--milestones is empty");
}

/* Default milestones from the run's scale: the four largest of 1, 2, 5 x 10^k
 * not above the median draw's final cumulative riders, so a small line and a
 * big one both get dates to read (the baseline to 2030: 5, 10, 20, 50 million). */
static void rs__default_milestones(rs_forecast *f) {
  int nd = f->ndraws, n = f->ndays;
  double *fin = malloc((size_t)nd * sizeof *fin);
  double c = 0;
  if (fin) {
    for (int k = 0; k < nd; k++) {
      fin[k] = 0;
      for (int i = 0; i < n; i++) fin[k] += f->riders[(size_t)k * (size_t)n + (size_t)i];
    }
    gsl_sort(fin, 1, (size_t)nd);
    c = gsl_stats_quantile_from_sorted_data(fin, 1, (size_t)nd, 0.5);
    free(fin);
  }
  double cand[4] = {0};
  int m = 0;
  static const double mant[3] = {5, 2, 1};
  for (double p10 = pow(10, floor(log10(c > 10 ? c : 10))); m < 4 && p10 >= 1; p10 /= 10)
    for (int j = 0; j < 3 && m < 4; j++)
      if (mant[j] * p10 <= c) cand[m++] = mant[j] * p10;
  if (m == 0) cand[m++] = 1000;
  f->nmile = m;
  for (int i = 0; i < m; i++) f->thr[i] = cand[m - 1 - i];
}

static int rs__summarise(rs_forecast *f, const double *values) {
  if (f->nmile == 0) rs__default_milestones(f);
  int nd = f->ndraws, n = f->ndays;
  double *col = malloc((size_t)nd * sizeof *col), *cum = calloc((size_t)nd, sizeof *cum);
  int *pass = malloc((size_t)nd * RS__FC_NMILE * sizeof *pass);
  f->q_daily = malloc((size_t)n * RS_FC_NQ * sizeof *f->q_daily);
  f->q_cum = malloc((size_t)n * RS_FC_NQ * sizeof *f->q_cum);
  if (!col || !cum || !pass || !f->q_daily || !f->q_cum) {
    free(col), free(cum), free(pass);
    return RS_ENOMEM;
  }
  for (int k = 0; k < nd * RS__FC_NMILE; k++) pass[k] = INT_MAX;
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < nd; k++) {
      col[k] = f->riders[(size_t)k * (size_t)n + (size_t)i];
      cum[k] += col[k];
      for (int m = 0; m < RS__FC_NMILE; m++)
        if (m < f->nmile && pass[k * RS__FC_NMILE + m] == INT_MAX && cum[k] >= f->thr[m])
          pass[k * RS__FC_NMILE + m] = i;
    }
    gsl_sort(col, 1, (size_t)nd);
    for (int q = 0; q < RS_FC_NQ; q++)
      f->q_daily[i * RS_FC_NQ + q] =
          gsl_stats_quantile_from_sorted_data(col, 1, (size_t)nd, rs_forecast_quantiles[q]);
    memcpy(col, cum, (size_t)nd * sizeof *col);
    gsl_sort(col, 1, (size_t)nd);
    for (int q = 0; q < RS_FC_NQ; q++)
      f->q_cum[i * RS_FC_NQ + q] =
          gsl_stats_quantile_from_sorted_data(col, 1, (size_t)nd, rs_forecast_quantiles[q]);
  }
  /* milestones: order statistics of the passing day (a date, not an average) */
  for (int m = 0; m < f->nmile; m++) {
    rs_forecast_milestone *ms = &f->mile[m];
    ms->threshold = f->thr[m];
    int reached = 0;
    for (int k = 0; k < nd; k++) {
      col[k] = pass[k * RS__FC_NMILE + m];
      reached += pass[k * RS__FC_NMILE + m] != INT_MAX;
    }
    ms->reached = (double)reached / nd;
    gsl_sort(col, 1, (size_t)nd);
    for (int q = 0; q < RS_FC_NQ; q++) {
      int idx = (int)ceil(rs_forecast_quantiles[q] * nd) - 1;
      idx = idx < 0 ? 0 : idx;
      double day = col[idx];
      ms->date[q][0] = 0;
      if (day < INT_MAX) rs__date_format(f->start + (int32_t)day, ms->date[q]);
    }
  }
  /* calendar years */
  int y0, y1, mo, da;
  rs__civil_from_days(f->start, &y0, &mo, &da);
  rs__civil_from_days(f->start + n - 1, &y1, &mo, &da);
  f->nyears = y1 - y0 + 1;
  f->years = calloc((size_t)f->nyears, sizeof *f->years);
  if (!f->years) {
    free(col), free(cum), free(pass);
    return RS_ENOMEM;
  }
  for (int y = 0; y < f->nyears; y++) {
    rs_forecast_year *yr = &f->years[y];
    yr->year = y0 + y;
    int32_t a = rs__days_from_civil(yr->year, 1, 1) - f->start;
    int32_t b = rs__days_from_civil(yr->year, 12, 31) - f->start;
    a = a < 0 ? 0 : a;
    b = b > n - 1 ? n - 1 : b;
    yr->days = b - a + 1;
    for (int k = 0; k < nd; k++) {
      double s = 0;
      for (int i = a; i <= b; i++) s += f->riders[(size_t)k * (size_t)n + (size_t)i];
      col[k] = s / yr->days;
    }
    gsl_sort(col, 1, (size_t)nd);
    for (int q = 0; q < RS_FC_NQ; q++)
      yr->mean[q] = gsl_stats_quantile_from_sorted_data(col, 1, (size_t)nd, rs_forecast_quantiles[q]);
  }
  /* the parameters as drawn */
  for (int i = 0; i < f->np; i++) {
    for (int k = 0; k < nd; k++) col[k] = values[(size_t)k * (size_t)f->np + (size_t)i];
    f->p[i].mean = gsl_stats_mean(col, 1, (size_t)nd);
    f->p[i].sd = nd > 1 ? gsl_stats_sd(col, 1, (size_t)nd) : 0;
  }
  free(col), free(cum), free(pass);
  return RS_OK;
}

/* ---- the run -------------------------------------------------------------- */

int rs_forecast_run(const rs_forecast_options *o, rs_forecast **out, rs_diag *d) {
  *out = NULL;
  int32_t until;
  if (!o->until || rs__date_parse(o->until, &until) != 0)
    return rs__diag_add(d, RS_EUSAGE, "--until", 0, 0, "'%s' is not a date YYYY-MM-DD",
                        o->until ? o->until : "");
  if (o->draws < 1 || o->draws > 100000 || o->threads < 1 || o->threads > 256)
    return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "draws must be 1..100000 and threads 1..256");
  rs_forecast *f = calloc(1, sizeof *f);
  if (!f) return RS_ENOMEM;
  f->o = *o;
  f->ndraws = o->draws;
  if (o->milestones && rs__parse_milestones(f, o->milestones, d) != RS_OK) {
    free(f);
    return RS_EUSAGE;
  }
  double t0 = rs__now();
  /* the scenario at its own values, extended to UNTIL: checks it, sizes the run */
  size_t n = o->nsets + 1;
  const char **sets = malloc(n * sizeof *sets);
  char endset[48];
  snprintf(endset, sizeof endset, "period.end=%s", o->until);
  rs_scenario *s = NULL;
  int rc = sets ? RS_OK : RS_ENOMEM;
  if (!rc) {
    for (size_t i = 0; i < o->nsets; i++) sets[i] = o->sets[i];
    sets[o->nsets] = endset;
    rc = rs_scenario_load(o->scenario, sets, n, &s, d);
  }
  free(sets);
  if (!rc && s->period.start == RS__DATE_NONE)
    rc = rs__diag_add(d, RS_EINVAL, s->path, 0, 0, "a forecast needs a calendar run (a 'period')");
  if (!rc) {
    f->start = s->period.start;
    f->ndays = (int)(s->period.end - s->period.start + 1);
    rc = rs__fc_obs_init(f, s);
    const struct rs__uncertainty *u = s->uncertainty;
    for (int i = 0; u && i < u->n; i++) {
      rs__fc_param *p = &f->p[f->np++];
      snprintf(p->key, sizeof p->key, "%s", u->e[i].key);
      p->dist = u->e[i].dist;
      p->a = u->e[i].a, p->b = u->e[i].b, p->lo = u->e[i].lo, p->hi = u->e[i].hi;
    }
  }
  if (s) {
    snprintf(f->sc_path, sizeof f->sc_path, "%s", s->path);
    snprintf(f->sc_name, sizeof f->sc_name, "%s", s->name);
    f->sc_hash = s->hash;
    f->sc_seed = s->seed;
  }
  rs_scenario_free(s);
  if (!rc && o->calibration) rc = rs__fc_calibration_check(f, o->calibration, d);
  if (!rc && o->calibration) rc = rs__load_calibration(f, o->calibration, d);
  if (!rc && o->calibration) rc = rs__fc_load_mixture(f, o->calibration, d);
  /* a key in both: the calibration's joint distribution wins */
  for (int i = 0; !rc && i < f->np - f->ncal; i++)
    for (int j = f->np - f->ncal; j < f->np; j++)
      if (!strcmp(f->p[i].key, f->p[j].key)) {
        memmove(&f->p[i], &f->p[i + 1], (size_t)(f->np - i - 1) * sizeof f->p[0]);
        f->np--, i--;
        break;
      }
  double *values = NULL;
  if (!rc) {
    f->riders = malloc((size_t)f->ndraws * (size_t)f->ndays * sizeof *f->riders);
    values = malloc((size_t)f->ndraws * (size_t)(f->np + 1) * sizeof *values);
    f->obs_draw = malloc((size_t)f->ndraws * (size_t)(f->nobs + 1) * sizeof *f->obs_draw);
    if (!f->riders || !values || !f->obs_draw) rc = RS_ENOMEM;
  }
  if (!rc) rc = rs__run_draws(f, values, o->threads, d);
  if (!rc) rc = rs__summarise(f, values);
  if (!rc) rc = rs__fc_obs_summarise(f);
  free(values);
  f->seconds = rs__now() - t0;
  if (rc) {
    rs_forecast_free(f);
    return rc;
  }
  *out = f;
  return RS_OK;
}

void rs_forecast_free(rs_forecast *f) {
  if (!f) return;
  free(f->riders);
  free(f->q_daily);
  free(f->q_cum);
  free(f->chol);
  free(f->cal_mean);
  free(f->years);
  free(f->obs);
  free(f->obs_draw);
  free(f->mix_w);
  free(f->mix_mean);
  free(f->mix_chol);
  free(f);
}

/* ---- accessors ------------------------------------------------------------ */

int rs_forecast_days(const rs_forecast *f) { return f->ndays; }

int rs_forecast_day_get(const rs_forecast *f, int i, rs_forecast_day *out) {
  if (i < 0 || i >= f->ndays) return RS_EINVAL;
  rs__date_format(f->start + i, out->date);
  for (int q = 0; q < RS_FC_NQ; q++) {
    out->daily[q] = f->q_daily[i * RS_FC_NQ + q];
    out->cumulative[q] = f->q_cum[i * RS_FC_NQ + q];
  }
  return RS_OK;
}

int rs_forecast_milestones(const rs_forecast *f) { return f ? f->nmile : 0; }

int rs_forecast_milestone_get(const rs_forecast *f, int i, rs_forecast_milestone *out) {
  if (i < 0 || i >= f->nmile) return RS_EINVAL;
  *out = f->mile[i];
  return RS_OK;
}

int rs_forecast_years(const rs_forecast *f) { return f->nyears; }

int rs_forecast_year_get(const rs_forecast *f, int i, rs_forecast_year *out) {
  if (i < 0 || i >= f->nyears) return RS_EINVAL;
  *out = f->years[i];
  return RS_OK;
}

int rs_forecast_params(const rs_forecast *f) { return f->np; }

int rs_forecast_param_get(const rs_forecast *f, int i, rs_forecast_param *out) {
  if (i < 0 || i >= f->np) return RS_EINVAL;
  const rs__fc_param *p = &f->p[i];
  *out = (rs_forecast_param){p->key, p->source ? "calibration" : "uncertainty", p->mean, p->sd};
  return RS_OK;
}

double rs_forecast_seconds(const rs_forecast *f) { return f->seconds; }

double rs_forecast_draw_riders(const rs_forecast *f, int draw, int k) {
  if (draw < 0 || draw >= f->ndraws || k < 0 || k >= f->ndays) return NAN;
  return f->riders[(size_t)draw * (size_t)f->ndays + (size_t)k];
}
