/* The sort of doubles (base/dsort.h) against a second method, qsort with a
 * comparison: the same ascending sequence, bit for bit, on random values, runs
 * of ties, sorted and reversed input, and sizes around the insertion cut-off. */
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "base/dsort.h"

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sort V both ways and compare. */
static void check_sorts(const double *v, size_t n) {
  double *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
  memcpy(a, v, n * sizeof *a);
  memcpy(b, v, n * sizeof *b);
  rs__sort_doubles(a, n);
  qsort(b, n, sizeof *b, cmp);
  CHECK(n == 0 || memcmp(a, b, n * sizeof *a) == 0);
  free(a);
  free(b);
}

int main(void) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  size_t sizes[] = {0, 1, 2, 3, 15, 16, 17, 31, 100, 1000, 20000};
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
  }
  /* a known answer, by hand */
  double h[] = {3.5, -1, 2, 2, 0, 10};
  rs__sort_doubles(h, 6);
  CHECK(h[0] == -1 && h[1] == 0 && h[2] == 2 && h[3] == 2 && h[4] == 3.5 && h[5] == 10);
  free(v);
  gsl_rng_free(r);
  return check_done();
}
