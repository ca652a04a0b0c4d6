/* Replications: the parallel runner shared with compare, the 95% t interval,
 * and `run --replications N` (each summary figure's mean and interval). */
#define _POSIX_C_SOURCE 200809L
#include <gsl/gsl_cdf.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/afile.h"
#include "base/pool.h"
#include "drivers/compare.h"
#include "report/output.h"
#include "sim/results.h"

void rs_ci95(const double *x, int n, double *mean, double *lo, double *hi) {
  double m = 0;
  for (int i = 0; i < n; i++) m += x[i];
  m = n > 0 ? m / n : NAN;
  *mean = m;
  *lo = *hi = NAN;
  if (n < 2) return;
  double ss = 0;
  for (int i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
  double half = gsl_cdf_tdist_Pinv(0.975, n - 1) * sqrt(ss / (n - 1) / n);
  *lo = m - half;
  *hi = m + half;
}


/* ---- run --replications ---- */

typedef struct rs__repctx {
  const rs_scenario *s;
  rs_run_options o;
  rs_summary *sm;
  double *obs;   /* [rep * nobs + i] simulated value of observed figure i */
  int nobs;
  rs_sim *first;
} rs__repctx;

static int rs__rep_one(void *ctx, long i, int worker) {
  int r = (int)i;
  rs__repctx *c = ctx;
  rs_sim *sim = NULL;
  rs_run_options o = c->o;
  o.replication = (uint64_t)r;
  if (r != 0) o.ride_records = o.commute_ahead = 0; /* replication 0's tables are the ones written */
  int rc = rs_sim_create(c->s, &sim);
  if (rc == RS_OK) rc = rs_sim_run(sim, &o);
  if (rc == RS_OK) rc = rs_sim_summary(sim, &c->sm[r]);
  for (int k = 0; rc == RS_OK && k < c->nobs; k++) {
    rs_observed_fit f;
    rc = rs_sim_observed(sim, k, &f);
    c->obs[(size_t)r * (size_t)c->nobs + (size_t)k] = f.simulated;
  }
  if (r == 0 && (rc == RS_OK || sim)) {
    c->first = sim; /* kept for the tables and charts, or for why it failed */
    return rc;
  }
  rs_sim_free(sim);
  return rc;
}

/* The figures of rs_summary as an array, in one place for both directions. */
#define RS__NSUMFIG 14
static double *rs__sum_field(rs_summary *s, int i) {
  double *f[RS__NSUMFIG] = {&s->riders,       &s->delivered,        &s->stranded,
                            &s->mean_wait_s,  &s->p50_wait_s,       &s->p95_wait_s,
                            &s->mean_ride_s,  &s->denied_boardings, &s->max_load_factor,
                            &s->passenger_km, &s->fare_revenue,     &s->train_km,
                            &s->car_km,       &s->phpdt};
  return f[i];
}
static const char *const rs__sum_key[RS__NSUMFIG] = {
    "riders", "delivered", "stranded", "mean_wait_s", "p50_wait_s", "p95_wait_s",
    "mean_ride_s", "denied_boardings", "max_load_factor", "passenger_km",
    "fare_revenue", "train_km", "car_km", "phpdt"};

int rs_replicate(const rs_scenario *s, const rs_run_options *o, int n, int threads,
                 rs_sim **first, rs_summary_ci *out) {
  *first = NULL;
  memset(out, 0, sizeof *out);
  if (!s || n < 1 || n > RS_MAX_REPLICATIONS) return RS_EUSAGE;
  rs__repctx c = {.s = s};
  if (o) c.o = *o;
  else rs_run_options_default(&c.o);
  c.sm = calloc((size_t)n, sizeof *c.sm);
  double *x = calloc((size_t)n, sizeof *x);
  c.nobs = s->nobserved;
  c.obs = calloc((size_t)n * (size_t)c.nobs + 1, sizeof *c.obs);
  out->observed_mean = calloc((size_t)c.nobs + 1, sizeof *out->observed_mean);
  if (!c.sm || !x || !c.obs || !out->observed_mean) {
    free(c.sm);
    free(x);
    free(c.obs);
    rs_summary_ci_free(out);
    return RS_ENOMEM;
  }
  int rc = rs__pool_run(n, threads, rs__rep_one, &c, NULL);
  if (rc == RS_OK) {
    for (int f = 0; f < RS__NSUMFIG; f++) {
      for (int r = 0; r < n; r++) x[r] = *rs__sum_field(&c.sm[r], f);
      rs_ci95(x, n, rs__sum_field(&out->mean, f), rs__sum_field(&out->lo95, f),
              rs__sum_field(&out->hi95, f));
    }
    out->mean.days = out->lo95.days = out->hi95.days = c.sm[0].days;
    /* The fleet a timetable needs is a maximum, not an average: the most any
     * replication needed (they share the timetable unless delays are random). */
    for (int r = 0; r < n; r++)
      if (c.sm[r].fleet_required > out->mean.fleet_required)
        out->mean.fleet_required = c.sm[r].fleet_required;
    out->mean.fleet = c.sm[0].fleet;
    /* where the PHPDT occurs: replication 0's (the mean has no single place) */
    out->mean.phpdt_hour = c.sm[0].phpdt_hour;
    out->mean.phpdt_direction = c.sm[0].phpdt_direction;
    out->mean.phpdt_from = c.sm[0].phpdt_from;
    out->mean.phpdt_to = c.sm[0].phpdt_to;
    memcpy(out->mean.phpdt_date, c.sm[0].phpdt_date, sizeof out->mean.phpdt_date);
    out->nobserved = c.nobs;
    for (int i = 0; i < c.nobs; i++) {
      double m = 0;
      for (int r = 0; r < n; r++) m += c.obs[(size_t)r * (size_t)c.nobs + (size_t)i];
      out->observed_mean[i] = m / n; /* NAN stays NAN: outside the period */
    }
    out->replications = n;
    *first = c.first;
  } else {
    *first = c.first; /* NULL, or replication 0's sim, which may say why it failed */
  }
  if (rc != RS_OK) rs_summary_ci_free(out);
  free(c.sm);
  free(c.obs);
  free(x);
  return rc;
}

void rs_summary_ci_free(rs_summary_ci *ci) {
  free(ci->observed_mean);
  ci->observed_mean = NULL;
  ci->nobserved = 0;
}

int rs_summary_ci_write(const rs_sim *sim, const rs_summary_ci *ci, const char *dir,
                        rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "summary.yaml", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  rs_summary m = ci->mean, lo = ci->lo95, hi = ci->hi95;
  rs__summary_header(f, sim, "run summary over replications");
  fprintf(f, "replications: %d\n", ci->replications);
  fprintf(f, "interval: \"%s\"\n",
          ci->replications > 1 ? "95% t interval of the mean over the replications"
                               : "none: one replication");
  fprintf(f, "days: %d\n", m.days);
  fprintf(f, "fleet_required: %d\nfleet: %d\n", m.fleet_required, m.fleet);
  for (int i = 0; i < RS__NSUMFIG; i++) {
    double v = *rs__sum_field(&m, i), l = *rs__sum_field(&lo, i), h = *rs__sum_field(&hi, i);
    if (isnan(v)) { /* not computed (expected-value mode): n/a, never 0 */
      fprintf(f, "%s: n/a\n%s_lo95: n/a\n%s_hi95: n/a\n", rs__sum_key[i], rs__sum_key[i],
              rs__sum_key[i]);
      continue;
    }
    fprintf(f, "%s: %.10g\n", rs__sum_key[i], v);
    if (ci->replications > 1)
      fprintf(f, "%s_lo95: %.10g\n%s_hi95: %.10g\n", rs__sum_key[i], l, rs__sum_key[i], h);
    else
      fprintf(f, "%s_lo95: .nan\n%s_hi95: .nan\n", rs__sum_key[i], rs__sum_key[i]);
  }
  return rs__afile_commit(&a, d);
}
