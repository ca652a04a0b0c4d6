/* The scenario's `uncertainty:` section (bound by input/scenario_uncertainty.c): parameter
 * distributions by key path, sampled by the forecast. One allocation, so
 * rs_scenario_free releases it with free(). */
#ifndef RS__MODEL_UNCERTAINTY_H
#define RS__MODEL_UNCERTAINTY_H
#include "model/scenario.h"

#define RS__UNC_MAX 64
enum { RS__DIST_NORMAL, RS__DIST_UNIFORM, RS__DIST_LOGNORMAL };

typedef struct rs__unc_entry {
  char key[RS__KP_MAX];
  int dist;
  double a, b;        /* normal: mean, sd; uniform: min, max; lognormal: median, sdlog */
  double lo, hi;      /* normal: clamp to [lo, hi] (-inf, inf when not given) */
} rs__unc_entry;

struct rs__uncertainty {
  int n;
  rs__unc_entry e[];
};
#endif
