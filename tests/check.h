/* Minimal test harness: CHECK macros, a pass/fail count, and the closing line
 * "N passed, N failed" that ctest output readers recognise. */
#ifndef RS__CHECK_H
#define RS__CHECK_H
#include <math.h>
#include <stdio.h>

static int check_pass, check_fail;

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (cond) check_pass++;                                                \
    else {                                                                 \
      check_fail++;                                                        \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                      \
  } while (0)

/* |got - want| <= tol */
#define CHECK_NEAR(got, want, tol)                                              \
  do {                                                                          \
    double g_ = (got), w_ = (want), t_ = (tol);                                 \
    if (fabs(g_ - w_) <= t_) check_pass++;                                      \
    else {                                                                      \
      check_fail++;                                                             \
      fprintf(stderr, "%s:%d: CHECK_NEAR failed: %s = %.9g, want %.9g +- %.3g\n", \
              __FILE__, __LINE__, #got, g_, w_, t_);                            \
    }                                                                           \
  } while (0)

#define CHECK_REL(got, want, rel) CHECK_NEAR(got, want, fabs((double)(want)) * (rel))

static inline int check_done(void) {
  printf("%d passed, %d failed\n", check_pass, check_fail);
  return check_fail ? 1 : 0;
}
#endif
