/* The CSV writer formats %d, %s and %.Nf itself (issue 17: printf's multiple
 * precision was most of writing a run's tables). Checked against the second
 * method, the C library's snprintf, on values chosen to break it: exact ties
 * (x.5, x.125 ... under round-half-to-even), the next doubles either side of
 * them, negative values rounding to -0, -0 itself, huge and tiny magnitudes
 * (printf's own path), INT_MIN, and a million random doubles of every scale. */
#define _GNU_SOURCE
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "base/csvout.h"

/* Is rs__csv_printf's "%.<prec>f" of V what snprintf writes? (No value here
 * holds a comma, so the field is written as is.) */
static int same_fixed(double v, int prec) {
  char want[512];
  switch (prec) {
  case 0: snprintf(want, sizeof want, "%.0f", v); break;
  case 1: snprintf(want, sizeof want, "%.1f", v); break;
  case 2: snprintf(want, sizeof want, "%.2f", v); break;
  case 3: snprintf(want, sizeof want, "%.3f", v); break;
  case 4: snprintf(want, sizeof want, "%.4f", v); break;
  case 6: snprintf(want, sizeof want, "%.6f", v); break;
  default: snprintf(want, sizeof want, "%.9f", v); break;
  }
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  int rc = 0;
  switch (prec) { /* literal formats: the writer's format attribute checks them */
  case 0: rc = rs__csv_printf(f, "%.0f", v); break;
  case 1: rc = rs__csv_printf(f, "%.1f", v); break;
  case 2: rc = rs__csv_printf(f, "%.2f", v); break;
  case 3: rc = rs__csv_printf(f, "%.3f", v); break;
  case 4: rc = rs__csv_printf(f, "%.4f", v); break;
  case 6: rc = rs__csv_printf(f, "%.6f", v); break;
  default: rc = rs__csv_printf(f, "%.9f", v); break;
  }
  fclose(f);
  int ok = rc == 0 && strcmp(buf, want) == 0;
  if (!ok) fprintf(stderr, "%%.%df of %.17g: got '%s', printf '%s'\n", prec, v, buf, want);
  free(buf);
  return ok;
}

static const int precs[] = {0, 1, 2, 3, 4, 6, 9};
#define NPREC (int)(sizeof precs / sizeof precs[0])

static int all_precs(double v) {
  int ok = 1;
  for (int i = 0; i < NPREC; i++) ok &= same_fixed(v, precs[i]);
  return ok;
}

static void test_ties_and_edges(void) {
  const double v[] = {0.0,    -0.0,    0.5,      1.5,      2.5,       -0.5,      -2.5,
                      0.125,  0.375,   1.0625,   2.00005,  0.00049,   -0.0004,   -1e-300,
                      1e-300, 5e-324,  0.1,      0.7,      1e15,      123456789.123456,
                      4.5e15, 9.007199254740993e15,  1e17, 1.8e19,    1e30,      -1e30,
                      DBL_MAX, -DBL_MAX, DBL_MIN, 23400.0,  0.0862,    0.08625,   1e-18,
                      1.25e-7, 3.0517578125e-05};
  int ok = 1;
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    ok &= all_precs(v[i]);
    ok &= all_precs(nextafter(v[i], INFINITY));
    ok &= all_precs(nextafter(v[i], -INFINITY));
  }
  ok &= all_precs(INFINITY) & all_precs(-INFINITY) & all_precs(NAN);
  /* every tie k/2^j of [0, 64) to 1..10 binary places, and its neighbours */
  for (int j = 1; j <= 10; j++)
    for (int k = 0; k < 64 << j && ok; k += 1 + k / 7) {
      double t = ldexp(k, -j);
      ok &= all_precs(t) & all_precs(-t);
    }
  CHECK(ok);
}

/* Random doubles: uniform bits (every magnitude), and values of the kind the
 * tables hold (seconds of a day with fractions, shares, km). */
static void test_random(void) {
  uint64_t x = 88172645463325252ULL;
  int bad = 0;
  for (int i = 0; i < 100000 && bad < 5; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    double v;
    if (i % 3 == 0) {
      memcpy(&v, &x, sizeof v);
      if (!isfinite(v)) continue;
    } else if (i % 3 == 1) {
      v = (double)(x >> 11) * 0x1p-53 * 172800.0;
    } else {
      v = ((double)(x >> 11) * 0x1p-53 - 0.5) * pow(10.0, (double)(int)(x % 17) - 6);
    }
    bad += !all_precs(v);
  }
  CHECK(bad == 0);
}

/* %d and %s written without printf are what printf writes. */
static void test_int_and_string(void) {
  const int iv[] = {0, 1, -1, 9, 10, -10, 123456, INT_MAX, INT_MIN, INT_MIN + 1};
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  char want[512] = "";
  for (size_t i = 0; i < sizeof iv / sizeof iv[0]; i++) {
    CHECK(rs__csv_printf(f, "%d;%s\n", iv[i], "id-7") == 0);
    snprintf(want + strlen(want), sizeof want - strlen(want), "%d;id-7\n", iv[i]);
  }
  fclose(f);
  CHECK(!strcmp(buf, want));
  free(buf);
}

int main(void) {
  test_ties_and_edges();
  test_int_and_string();
  test_random();
  return check_done();
}
