/* The 'uncertainty' section: distributions of parameters by key path, for
 * `ridersim forecast` (docs/forecast.md). The keys are checked when the
 * forecast applies them (as --set values), not here: here only the shape. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/defaults.h"
#include "model/uncertainty.h"
#include "input/scenario_model.h"

static int rs__unc_dist(rs__bind *b, const rs__ynode *n, const char *path, int *out) {
  static const char *const names[] = {"normal", "uniform", "lognormal"};
  char s[16];
  int rc = rs__get_string(b, n, path, "dist", 1, sizeof s - 1, s);
  if (rc <= 0) return -1;
  for (int i = 0; i < 3; i++)
    if (!strcmp(s, names[i])) return *out = i, 0;
  return rs__bind_err(b, rs__y_get(n, "dist"), RS_EINVAL,
                      "'%s.dist' must be normal, uniform or lognormal, not '%s'", path, s), -1;
}

int rs__bind_uncertainty(rs__bind *b, const rs__ynode *val) {
  if (!val) return RS_OK;
  if (rs__y_expect_seq(b, val, "uncertainty") < 0) return RS_EINVAL;
  if (val->n > RS__UNC_MAX)
    return rs__bind_err(b, val, RS_ELIMIT, "'uncertainty' has more than %d entries", RS__UNC_MAX);
  struct rs__uncertainty *u = calloc(1, sizeof *u + val->n * sizeof u->e[0]);
  if (!u) return RS_ENOMEM;
  b->s->uncertainty = u;
  static const char *const keys[] = {"key", "dist", "mean", "sd", "min", "max", "median",
                                     "sdlog", NULL};
  for (size_t i = 0; i < val->n; i++) {
    const rs__ynode *n = val->items[i];
    char path[RS__KP_MAX];
    rs__kp_index(path, "uncertainty", i);
    if (rs__y_expect_map(b, n, path) < 0) continue;
    rs__y_check_keys(b, n, path, keys);
    rs__unc_entry *e = &u->e[u->n];
    rs__unc_entry_defaults(e);
    if (rs__get_string(b, n, path, "key", 1, sizeof e->key - 1, e->key) <= 0) continue;
    for (size_t j = 0; j < (size_t)u->n; j++)
      if (!strcmp(u->e[j].key, e->key))
        rs__bind_err(b, rs__y_get(n, "key"), RS_EINVAL, "'%s.key': '%s' is listed twice", path,
                     e->key);
    if (rs__unc_dist(b, n, path, &e->dist) < 0) continue;
    int ok = 1;
    if (e->dist == RS__DIST_NORMAL) {
      ok &= rs__get_number(b, n, path, "mean", 1, -1e12, 1e12, 0, &e->a) == 1;
      ok &= rs__get_number(b, n, path, "sd", 1, 0, 1e12, 0, &e->b) == 1;
      rs__get_number(b, n, path, "min", 0, -1e12, 1e12, 0, &e->lo);
      rs__get_number(b, n, path, "max", 0, -1e12, 1e12, 0, &e->hi);
      if (e->lo > e->hi)
        rs__bind_err(b, n, RS_EINVAL, "'%s': min is above max", path);
    } else if (e->dist == RS__DIST_UNIFORM) {
      ok &= rs__get_number(b, n, path, "min", 1, -1e12, 1e12, 0, &e->a) == 1;
      ok &= rs__get_number(b, n, path, "max", 1, -1e12, 1e12, 0, &e->b) == 1;
      if (ok && e->a > e->b) rs__bind_err(b, n, RS_EINVAL, "'%s': min is above max", path);
    } else {
      ok &= rs__get_number(b, n, path, "median", 1, 0, 1e12, RS__LO_OPEN, &e->a) == 1;
      ok &= rs__get_number(b, n, path, "sdlog", 1, 0, 10, 0, &e->b) == 1;
    }
    if (ok) u->n++;
  }
  return RS_OK;
}
