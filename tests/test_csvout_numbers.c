/* The CSV writer's own number formatting (base/csvout.c: %.Nf and %d without
 * snprintf) against a second method, snprintf itself: the same bytes for
 * random values at every precision the tables use, exact ties and values one
 * ulp either side of them (rounded to even on the exact value by printf),
 * negatives that round to zero ("-0.00"), -0, huge values, infinities, NaN,
 * and the ints at their limits. */
#define _POSIX_C_SOURCE 200809L
#include <gsl/gsl_rng.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "base/csvout.h"

/* The formats are the test's table (printf checks them where it can). */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* rs__csv_printf of one conversion, into BUF. */
static void via_csv(char *buf, size_t size, const char *fmt, double x) {
  FILE *f = fmemopen(buf, size, "w");
  rs__csv_printf(f, fmt, x);
  fclose(f);
}

static int same_f(const char *fmt, double x) {
  char a[128] = "", b[128] = "";
  via_csv(a, sizeof a, fmt, x);
  snprintf(b, sizeof b, fmt, x);
  if (strcmp(a, b)) fprintf(stderr, "%s of %.17g: csv '%s', printf '%s'\n", fmt, x, a, b);
  return !strcmp(a, b);
}

static int same_d(int v) {
  char a[64] = "", b[64] = "";
  FILE *f = fmemopen(a, sizeof a, "w");
  rs__csv_printf(f, "%d", v);
  fclose(f);
  snprintf(b, sizeof b, "%d", v);
  return !strcmp(a, b);
}

int main(void) {
  static const char *const fmts[] = {"%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.6f", "%.9f"};
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  int bad = 0;
  for (int k = 0; k < 7; k++) {
    int prec = (int)strlen(fmts[k]) == 4 ? fmts[k][2] - '0' : 0;
    double q = pow(10, prec);
    for (int i = 0; i < 20000; i++) {
      double scale = pow(10, (double)gsl_rng_uniform_int(r, 12) - 3);
      double x = (gsl_rng_uniform(r) - 0.3) * scale;
      bad += !same_f(fmts[k], x);
      /* a tie at this precision (exact in binary only for some), and its neighbours */
      double t = (floor(x * q) + 0.5) / q;
      bad += !same_f(fmts[k], t);
      bad += !same_f(fmts[k], nextafter(t, INFINITY));
      bad += !same_f(fmts[k], nextafter(t, -INFINITY));
    }
    double special[] = {0.0, -0.0, -0.001, -0.4, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e15, 4.5e15,
                        -9.9e17, 1e300, INFINITY, -INFINITY, NAN, 5e-324, 0.049999999999999996};
    for (size_t i = 0; i < sizeof special / sizeof *special; i++) bad += !same_f(fmts[k], special[i]);
  }
  CHECK(bad == 0);
  int ints[] = {0, 1, -1, 9, 10, -10, 123456789, INT_MAX, INT_MIN};
  for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) CHECK(same_d(ints[i]));
  /* by hand: round half to even on exact binary values, the sign of a tiny negative */
  char a[64];
  via_csv(a, sizeof a, "%.0f", 2.5);
  CHECK(!strcmp(a, "2"));
  via_csv(a, sizeof a, "%.2f", -0.001);
  CHECK(!strcmp(a, "-0.00"));
  via_csv(a, sizeof a, "%.3f", 1234.5678);
  CHECK(!strcmp(a, "1234.568"));
  gsl_rng_free(r);
  return check_done();
}
