/* The sort of doubles (base/dsort.h) against a second method, qsort with a
 * comparison: the same ascending sequence (bit for bit for the sort with a
 * workspace, -0 before +0) on random values, runs of ties, sorted and reversed
 * input, the bucket sort's edge cases, and sizes around the insertion cut-off. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "base/dsort.h"

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The order of rs__sort_doubles_ws: by value, and -0 before +0. */
static int cmp_bits(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  int c = cmp(a, b);
  return c ? c : (signbit(y) != 0) - (signbit(x) != 0);
}

/* Equal as values (the introsort leaves -0 and +0 in either order). */
static int same_values(const double *a, const double *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!(a[i] == b[i])) return 0;
  return 1;
}

/* Sort V both ways and compare. */
static void check_sorts(const double *v, size_t n) {
  double *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
  memcpy(a, v, n * sizeof *a);
  memcpy(b, v, n * sizeof *b);
  rs__sort_doubles(a, n);
  qsort(b, n, sizeof *b, cmp);
  CHECK(same_values(a, b, n));
  /* the sort with a workspace: the same array, bit for bit */
  uint64_t *w = malloc((2 * n + 1) * sizeof *w);
  memcpy(a, v, n * sizeof *a);
  memcpy(b, v, n * sizeof *b);
  qsort(b, n, sizeof *b, cmp_bits);
  rs__sort_doubles_ws(a, n, w);
  CHECK(n == 0 || memcmp(a, b, n * sizeof *a) == 0);
  free(w);
  free(a);
  free(b);
}

int main(void) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  size_t sizes[] = {0, 1, 2, 3, 15, 16, 17, 31, 63, 64, 65, 100, 400, 1000, 20000};
  double *v = malloc(20000 * sizeof *v);
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    size_t n = sizes[k];
    for (size_t i = 0; i < n; i++) v[i] = 30 + 120 * gsl_rng_uniform(r); /* minutes */
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = (double)gsl_rng_uniform_int(r, 3); /* ties */
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = 42.0; /* all equal */
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = (double)i - 7; /* sorted, negatives */
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = (double)(n - i); /* reversed */
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = (double)(i % 2 ? i : n - i); /* organ pipe */
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) /* both signs, every magnitude, infinities */
      v[i] = i % 97 == 5 ? (i % 2 ? INFINITY : -INFINITY)
                         : (gsl_rng_uniform(r) - 0.5) * pow(10, (double)gsl_rng_uniform_int(r, 40) - 20);
    check_sorts(v, n);
    /* the bucket sort's cases: a bunch and one far value (too many in one
     * bucket: the radix sort), -0 among +0 and others, the greatest value
     * on the last bucket's edge, a span past the largest double, subnormals */
    for (size_t i = 0; i < n; i++) v[i] = i == n / 2 ? 1e6 : 30 + gsl_rng_uniform(r);
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : (double)(i % 7);
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = i % 5 == 0 ? 0.1 * 3 : 0.3 * gsl_rng_uniform(r);
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = i % 2 ? 1.5e308 * gsl_rng_uniform(r) : -1.5e308 * gsl_rng_uniform(r);
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = 4.9e-324 * (double)gsl_rng_uniform_int(r, 1000);
    check_sorts(v, n);
    for (size_t i = 0; i < n; i++) v[i] = gsl_ran_gamma(r, 11.1, 3) + (i % 9 == 0 ? 60 * gsl_rng_uniform(r) : 0);
    check_sorts(v, n);
  }
  /* a known answer, by hand */
  double h[] = {3.5, -1, 2, 2, 0, 10};
  rs__sort_doubles(h, 6);
  CHECK(h[0] == -1 && h[1] == 0 && h[2] == 2 && h[3] == 2 && h[4] == 3.5 && h[5] == 10);
  /* and by the radix sort, past its cut-off: 70 values, hand-known order */
  double g[70];
  uint64_t gw[141];
  for (int i = 0; i < 70; i++) g[i] = (i * 37) % 70 - 35.5; /* 37 is prime to 70: a permutation */
  rs__sort_doubles_ws(g, 70, gw);
  int in_order = 1;
  for (int i = 0; i < 70; i++) in_order &= g[i] == i - 35.5;
  CHECK(in_order);
  free(v);
  gsl_rng_free(r);
  return check_done();
}
