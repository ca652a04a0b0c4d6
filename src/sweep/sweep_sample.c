/* Designs: points in the unit cube (random, Latin hypercube, Saltelli's
 * Sobol-sequence design) mapped to parameter values, or a full grid. */
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "sweep/sweep.h"

int rs__sw_random(long n, int k, uint64_t seed, double *u) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (!r) return RS_ENOMEM;
  gsl_rng_set(r, (unsigned long)seed);
  for (long i = 0; i < n * k; i++) u[i] = gsl_rng_uniform(r);
  gsl_rng_free(r);
  return RS_OK;
}

/* One point per stratum [j/n, (j+1)/n) in every dimension, strata shuffled
 * independently per dimension, uniform inside the stratum. */
int rs__sw_lhs(long n, int k, uint64_t seed, double *u) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  long *perm = malloc((size_t)n * sizeof *perm);
  if (!r || !perm) {
    gsl_rng_free(r);
    free(perm);
    return RS_ENOMEM;
  }
  gsl_rng_set(r, (unsigned long)seed);
  for (int d = 0; d < k; d++) {
    for (long i = 0; i < n; i++) perm[i] = i;
    gsl_ran_shuffle(r, perm, (size_t)n, sizeof *perm);
    for (long i = 0; i < n; i++) u[i * k + d] = (perm[i] + gsl_rng_uniform(r)) / (double)n;
  }
  free(perm);
  gsl_rng_free(r);
  return RS_OK;
}

int rs__sw_saltelli(long n, int k, double *u) {
  if (k < 1 || 2 * k > 40) return RS_ELIMIT;
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
  if (!q) return RS_ENOMEM;
  double ab[80];
  gsl_qrng_get(q, ab); /* skip the first point (all zeros or halves): it is a corner */
  for (long j = 0; j < n; j++) {
    gsl_qrng_get(q, ab);
    double *row = u + j * (k + 2) * k;
    for (int d = 0; d < k; d++) {
      row[d] = ab[d];           /* A_j */
      row[k + d] = ab[k + d];   /* B_j */
    }
    for (int i = 0; i < k; i++)
      for (int d = 0; d < k; d++) row[(2 + i) * k + d] = d == i ? ab[k + d] : ab[d];
  }
  gsl_qrng_free(q);
  return RS_OK;
}

/* A unit value to a parameter value: values lists are picked by stratum. */
static double rs__map(const rs__sw_param *p, double u) {
  if (!p->has_range) {
    int i = (int)floor(u * p->nvalues);
    if (i >= p->nvalues) i = p->nvalues - 1;
    return p->values[i < 0 ? 0 : i];
  }
  double v = p->lo + u * (p->hi - p->lo);
  return p->integer ? round(v) : v;
}

int rs__sw_design(rs_sweep_spec *sp) {
  long n = sp->npoints;
  int k = sp->np;
  sp->x = malloc((size_t)n * (size_t)k * sizeof *sp->x);
  if (!sp->x) return RS_ENOMEM;
  if (sp->method == RS__SW_GRID) {
    /* row-major: the first parameter varies slowest */
    for (long i = 0; i < n; i++) {
      long r = i;
      for (int d = k - 1; d >= 0; d--) {
        const rs__sw_param *p = &sp->p[d];
        int m = p->has_range ? p->steps : p->nvalues;
        int j = (int)(r % m);
        r /= m;
        double v = p->has_range ? p->lo + j * (p->hi - p->lo) / (m - 1) : p->values[j];
        if (p->has_range && p->integer) v = round(v);
        sp->x[i * k + d] = v;
      }
    }
    return RS_OK;
  }
  double *u = malloc((size_t)n * (size_t)k * sizeof *u);
  if (!u) return RS_ENOMEM;
  int rc = sp->method == RS__SW_RANDOM ? rs__sw_random(n, k, sp->seed, u)
           : sp->method == RS__SW_LHS  ? rs__sw_lhs(n, k, sp->seed, u)
                                       : rs__sw_saltelli(sp->nbase, k, u);
  for (long i = 0; rc == RS_OK && i < n * k; i++) sp->x[i] = rs__map(&sp->p[i % k], u[i]);
  free(u);
  return rc;
}

/* 17 significant digits: the value set is exactly the value stored. */
void rs__sw_value_text(const rs_sweep_spec *sp, long point, int i, char *buf, size_t size) {
  double v = sp->x[point * sp->np + i];
  if (v == floor(v) && fabs(v) < 1e15)
    snprintf(buf, size, "%.0f", v);
  else
    snprintf(buf, size, "%.17g", v);
}
