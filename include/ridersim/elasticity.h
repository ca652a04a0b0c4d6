/* Implied elasticities of ridership (DESIGN 1.1): arc elasticities to the fare,
 * service frequency and metro in-vehicle time, from re-running the model with a
 * small change up and down under common random numbers. */
#ifndef RIDERSIM_ELASTICITY_H
#define RIDERSIM_ELASTICITY_H
#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { RS_EL_FARE, RS_EL_FREQUENCY, RS_EL_IVT, RS_EL_N };

typedef struct rs_elasticity_def {
  double step;        /* relative change up and down, e.g. 0.05 */
  int warmup_days;    /* days left out of the ridership total (learning settles) */
  int expected;       /* 1: expected-value mode (no engine) */
  int threads;        /* runs at once (0: every CPU); results do not depend on it */
  rs_progress *progress; /* NULL, or counts each simulated day */
} rs_elasticity_def;
void rs_elasticity_def_default(rs_elasticity_def *def);

typedef struct rs_elasticity_result {
  const char *variable;   /* "fare", "frequency", "ivt" */
  const char *key;        /* scenario key that was varied */
  double x_lo, x_hi;      /* multipliers of the variable */
  double riders_lo, riders_hi, riders_base;
  double elasticity;      /* ln(riders_hi / riders_lo) / ln(x_hi / x_lo) */
} rs_elasticity_result;

/* Elasticities of the scenario PATH (NULL: built-in baseline) with SETS applied. */
int rs_elasticity(const char *path, const char *const *sets, size_t nsets,
                  const rs_elasticity_def *def, rs_elasticity_result out[RS_EL_N], rs_diag *d);

/* DIR/elasticity.csv (variable,elasticity,key,x_lo,x_hi,riders_lo,riders_hi),
 * written whole or not at all. */
int rs_elasticity_write(const rs_elasticity_result r[RS_EL_N], const char *dir, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
