/* Replications: the parallel runner shared with compare, the 95% t interval,
 * and `run --replications N` (each summary figure's mean and interval). */
#define _POSIX_C_SOURCE 200809L
#include <gsl/gsl_cdf.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/afile.h"
#include "drivers/compare.h"
#include "report/output.h"
#include "sim/sim.h"

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

typedef struct rs__pool {
  pthread_mutex_t mu;
  int next, n, err_rep, err;
  rs__rep_fn fn;
  void *ctx;
} rs__pool;

static void *rs__pool_worker(void *arg) {
  rs__pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->mu);
    int r = p->next < p->n && p->err == RS_OK ? p->next++ : -1;
    pthread_mutex_unlock(&p->mu);
    if (r < 0) return NULL;
    int rc = p->fn(p->ctx, r);
    if (rc != RS_OK) {
      pthread_mutex_lock(&p->mu);
      if (p->err == RS_OK || r < p->err_rep) p->err = rc, p->err_rep = r;
      pthread_mutex_unlock(&p->mu);
    }
  }
}

int rs__rep_parallel(int n, int threads, rs__rep_fn fn, void *ctx) {
  if (threads <= 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    threads = c > 0 ? (int)c : 1;
  }
  if (threads > n) threads = n;
  if (threads <= 1) {
    for (int r = 0; r < n; r++) {
      int rc = fn(ctx, r);
      if (rc != RS_OK) return rc;
    }
    return RS_OK;
  }
  rs__pool p = {.next = 0, .n = n, .err_rep = n, .err = RS_OK, .fn = fn, .ctx = ctx};
  if (pthread_mutex_init(&p.mu, NULL) != 0) return RS_ENOMEM;
  pthread_t *t = calloc((size_t)threads, sizeof *t);
  if (!t) {
    pthread_mutex_destroy(&p.mu);
    return RS_ENOMEM;
  }
  int started = 0;
  for (; started < threads; started++)
    if (pthread_create(&t[started], NULL, rs__pool_worker, &p) != 0) break;
  if (started == 0) rs__pool_worker(&p); /* no thread could start: do it here */
  for (int i = 0; i < started; i++) pthread_join(t[i], NULL);
  free(t);
  pthread_mutex_destroy(&p.mu);
  return p.err;
}

/* ---- run --replications ---- */

typedef struct rs__repctx {
  const rs_scenario *s;
  rs_run_options o;
  rs_summary *sm;
  rs_sim *first;
} rs__repctx;

static int rs__rep_one(void *ctx, int r) {
  rs__repctx *c = ctx;
  rs_sim *sim = NULL;
  rs_run_options o = c->o;
  o.replication = (uint64_t)r;
  int rc = rs_sim_create(c->s, &sim);
  if (rc == RS_OK) rc = rs_sim_run(sim, &o);
  if (rc == RS_OK) rc = rs_sim_summary(sim, &c->sm[r]);
  if (rc == RS_OK && r == 0) {
    c->first = sim; /* kept for the tables and charts */
    return RS_OK;
  }
  rs_sim_free(sim);
  return rc;
}

/* The figures of rs_summary as an array, in one place for both directions. */
#define RS__NSUMFIG 10
static double *rs__sum_field(rs_summary *s, int i) {
  double *f[RS__NSUMFIG] = {&s->riders,     &s->delivered,        &s->stranded,
                            &s->mean_wait_s, &s->p50_wait_s,      &s->p95_wait_s,
                            &s->mean_ride_s, &s->denied_boardings, &s->max_load_factor,
                            &s->passenger_km};
  return f[i];
}
static const char *const rs__sum_key[RS__NSUMFIG] = {
    "riders", "delivered", "stranded", "mean_wait_s", "p50_wait_s", "p95_wait_s",
    "mean_ride_s", "denied_boardings", "max_load_factor", "passenger_km"};

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
  if (!c.sm || !x) {
    free(c.sm);
    free(x);
    return RS_ENOMEM;
  }
  int rc = rs__rep_parallel(n, threads, rs__rep_one, &c);
  if (rc == RS_OK) {
    for (int f = 0; f < RS__NSUMFIG; f++) {
      for (int r = 0; r < n; r++) x[r] = *rs__sum_field(&c.sm[r], f);
      rs_ci95(x, n, rs__sum_field(&out->mean, f), rs__sum_field(&out->lo95, f),
              rs__sum_field(&out->hi95, f));
    }
    out->mean.days = out->lo95.days = out->hi95.days = c.sm[0].days;
    out->replications = n;
    *first = c.first;
  } else {
    rs_sim_free(c.first);
  }
  free(c.sm);
  free(x);
  return rc;
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
  for (int i = 0; i < RS__NSUMFIG; i++) {
    double v = *rs__sum_field(&m, i), l = *rs__sum_field(&lo, i), h = *rs__sum_field(&hi, i);
    fprintf(f, "%s: %.10g\n", rs__sum_key[i], v);
    if (ci->replications > 1)
      fprintf(f, "%s_lo95: %.10g\n%s_hi95: %.10g\n", rs__sum_key[i], l, rs__sum_key[i], h);
    else
      fprintf(f, "%s_lo95: .nan\n%s_hi95: .nan\n", rs__sum_key[i], rs__sum_key[i]);
  }
  return rs__afile_commit(&a, d);
}
