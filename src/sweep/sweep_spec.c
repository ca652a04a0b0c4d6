#define _POSIX_C_SOURCE 200809L /* strdup */
/* Reading a sweep spec (docs/sweeps.md) with the scenario getters, so every
 * problem is "FILE:LINE:COL: message" and all of them are reported at once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "sweep/sweep.h"

const char *const rs__sw_method_names[5] = {"grid", "random", "latin-hypercube", "sobol", NULL};
const char *const rs__sw_summary_names[] = {
    "riders", "delivered", "stranded", "mean_wait_s", "p50_wait_s", "p95_wait_s",
    "mean_ride_s", "denied_boardings", "max_load_factor", "passenger_km", "days", NULL};
const char *const rs__sw_daily_names[] = {
    "riders", "commute", "business", "leisure", "other", "passenger_km", "mean_wait_s",
    "p95_wait_s", "mean_ride_s", "denied", "stranded", "max_load_factor", NULL};
static const char *const rs__agg_names[] = {"sum", "mean", "min", "max", NULL};
static const char *const rs__daytypes[] = {"workday", "weekend", "holiday", "makeup",
                                           "holiday_eve", NULL};

static int rs__index_of(const char *const *list, const char *s) {
  for (int i = 0; list[i]; i++)
    if (!strcmp(list[i], s)) return i;
  return -1;
}

static size_t rs__count(const char *const *list) {
  size_t n = 0;
  while (list[n]) n++;
  return n;
}

/* A word from LIST, with a suggestion for a typo. */
static int rs__get_word(rs__bind *b, const rs__ynode *n, const char *path,
                        const char *const *list, int *out) {
  char w[64];
  int rc = rs__y_string(b, n, path, sizeof w - 1, w);
  if (rc) return rc;
  *out = rs__index_of(list, w);
  if (*out >= 0) return RS_OK;
  const char *sug = rs__suggest(w, list, rs__count(list));
  char all[256] = "";
  for (int i = 0; list[i]; i++)
    snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? ", " : "", list[i]);
  if (sug) return rs__bind_err(b, n, RS_EINVAL, "'%s': unknown '%s' (did you mean '%s'?)", path, w, sug);
  return rs__bind_err(b, n, RS_EINVAL, "'%s': unknown '%s' (one of %s)", path, w, all);
}

static int rs__name_ok(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '_' || *s == '.' || *s == '-'))
      return 0;
  return 1;
}

static int rs__parse_param(rs__bind *b, const rs__ynode *n, const char *path, rs__sw_param *p) {
  static const char *const keys[] = {"key", "name", "values", "range", "steps", "integer", NULL};
  if (rs__y_expect_map(b, n, path)) return RS_EINVAL;
  rs__y_check_keys(b, n, path, keys);
  char kp[RS__KP_MAX];
  const rs__ynode *k = rs__y_get(n, "key");
  if (!rs__y_require(b, n, path, "key")) return RS_EINVAL;
  rs__kp_key(kp, path, "key");
  if (k->kind == RS__Y_SEQ) {
    if (k->n == 0 || k->n > RS__SW_MAX_KEYS)
      return rs__bind_err(b, k, RS_EINVAL, "'%s' must list 1 to %d key paths", kp, RS__SW_MAX_KEYS);
    for (size_t i = 0; i < k->n; i++) {
      char ip[RS__KP_MAX];
      rs__kp_index(ip, kp, i);
      if (rs__y_string(b, k->items[i], ip, RS__KP_MAX - 1, p->key[i])) return RS_EINVAL;
    }
    p->nkeys = (int)k->n;
  } else {
    if (rs__y_string(b, k, kp, RS__KP_MAX - 1, p->key[0])) return RS_EINVAL;
    p->nkeys = 1;
  }
  for (int i = 0; i < p->nkeys; i++)
    if (!p->key[i][0] || strchr(p->key[i], '=') || strchr(p->key[i], ' '))
      return rs__bind_err(b, k, RS_EINVAL, "'%s': '%s' is not a key path like metro.fare.scale", kp,
                          p->key[i]);
  snprintf(p->name, sizeof p->name, "%s", p->key[0]);
  int rc = rs__get_string(b, n, path, "name", 0, RS__KP_MAX - 1, p->name);
  if (rc < 0) return rc;
  if (rc > 0 && !rs__name_ok(p->name))
    return rs__bind_err(b, rs__y_get(n, "name"), RS_EINVAL,
                        "'%s.name' may hold letters, digits, '_', '.' and '-' only", path);
  const rs__ynode *vals = rs__y_get(n, "values"), *range = rs__y_get(n, "range");
  if (!vals == !range)
    return rs__bind_err(b, n, RS_EINVAL, "'%s' needs either 'values' or 'range'", path);
  long long steps = 0;
  if ((rc = rs__get_int(b, n, path, "steps", 0, 2, RS__SW_MAX_VALUES, &steps)) < 0) return rc;
  p->steps = (int)steps;
  if ((rc = rs__get_bool(b, n, path, "integer", 0, &p->integer)) < 0) return rc;
  if (vals) {
    rs__kp_key(kp, path, "values");
    if (rs__y_expect_seq(b, vals, kp)) return RS_EINVAL;
    if (vals->n == 0 || vals->n > RS__SW_MAX_VALUES)
      return rs__bind_err(b, vals, RS_EINVAL, "'%s' must hold 1 to %d values", kp, RS__SW_MAX_VALUES);
    if (steps) return rs__bind_err(b, rs__y_get(n, "steps"), RS_EINVAL, "'%s.steps' goes with 'range', not 'values'", path);
    p->values = calloc(vals->n, sizeof *p->values);
    if (!p->values) return RS_ENOMEM;
    p->nvalues = (int)vals->n;
    for (size_t i = 0; i < vals->n; i++) {
      char ip[RS__KP_MAX];
      rs__kp_index(ip, kp, i);
      if (rs__y_number(b, vals->items[i], ip, &p->values[i])) return RS_EINVAL;
    }
    return RS_OK;
  }
  rs__kp_key(kp, path, "range");
  if (rs__y_expect_seq(b, range, kp)) return RS_EINVAL;
  if (range->n != 2) return rs__bind_err(b, range, RS_EINVAL, "'%s' must be [low, high]", kp);
  char ip[RS__KP_MAX];
  rs__kp_index(ip, kp, 0);
  if (rs__y_number(b, range->items[0], ip, &p->lo)) return RS_EINVAL;
  rs__kp_index(ip, kp, 1);
  if (rs__y_number(b, range->items[1], ip, &p->hi)) return RS_EINVAL;
  if (!(p->hi > p->lo)) return rs__bind_err(b, range, RS_EINVAL, "'%s': high must exceed low", kp);
  p->has_range = 1;
  return RS_OK;
}

static int rs__parse_fig(rs__bind *b, const rs__ynode *n, const char *path, rs__sw_fig *f) {
  static const char *const keys[] = {"name", "daily", "agg", "from", "to", "day_type", NULL};
  f->summary = f->daily = -1;
  if (n->kind == RS__Y_SCALAR) {
    int rc = rs__get_word(b, n, path, rs__sw_summary_names, &f->summary);
    if (rc) return rc;
    snprintf(f->name, sizeof f->name, "%s", rs__sw_summary_names[f->summary]);
    return RS_OK;
  }
  if (rs__y_expect_map(b, n, path)) return RS_EINVAL;
  rs__y_check_keys(b, n, path, keys);
  int rc = rs__get_string(b, n, path, "name", 1, RS__SW_NAME - 1, f->name);
  if (rc < 0) return rc;
  if (rc > 0 && !rs__name_ok(f->name))
    return rs__bind_err(b, rs__y_get(n, "name"), RS_EINVAL,
                        "'%s.name' may hold letters, digits, '_', '.' and '-' only", path);
  char kp[RS__KP_MAX];
  const rs__ynode *v;
  if (!rs__y_require(b, n, path, "daily")) return RS_EINVAL;
  rs__kp_key(kp, path, "daily");
  if ((rc = rs__get_word(b, rs__y_get(n, "daily"), kp, rs__sw_daily_names, &f->daily))) return rc;
  f->agg = RS__AGG_SUM;
  if ((v = rs__y_get(n, "agg"))) {
    rs__kp_key(kp, path, "agg");
    if ((rc = rs__get_word(b, v, kp, rs__agg_names, &f->agg))) return rc;
  }
  if ((v = rs__y_get(n, "day_type"))) {
    int t;
    rs__kp_key(kp, path, "day_type");
    if ((rc = rs__get_word(b, v, kp, rs__daytypes, &t))) return rc;
    snprintf(f->day_type, sizeof f->day_type, "%s", rs__daytypes[t]);
  }
  int32_t from = 0, to = 0;
  int hf = rs__get_date(b, n, path, "from", 0, &from);
  int ht = rs__get_date(b, n, path, "to", 0, &to);
  if (hf < 0 || ht < 0) return RS_EINVAL;
  if (hf > 0) rs__date_format(from, f->from);
  if (ht > 0) rs__date_format(to, f->to);
  if (hf > 0 && ht > 0 && to < from)
    return rs__bind_err(b, rs__y_get(n, "to"), RS_EINVAL, "'%s.to' is before 'from'", path);
  return RS_OK;
}

static int rs__parse_lists(rs__bind *b, const rs__ynode *root, rs_sweep_spec *sp) {
  const rs__ynode *ps = rs__y_get(root, "parameters");
  if (!rs__y_require(b, root, "", "parameters")) return RS_EINVAL;
  if (rs__y_expect_seq(b, ps, "parameters")) return RS_EINVAL;
  if (ps->n == 0 || ps->n > RS__SW_MAX_PARAMS)
    return rs__bind_err(b, ps, RS_ELIMIT, "'parameters' must list 1 to %d parameters", RS__SW_MAX_PARAMS);
  for (size_t i = 0; i < ps->n; i++) {
    char kp[RS__KP_MAX];
    rs__kp_index(kp, "parameters", i);
    rs__parse_param(b, ps->items[i], kp, &sp->p[i]);
    sp->np = (int)i + 1;
    for (size_t j = 0; j < i; j++)
      if (!strcmp(sp->p[i].name, sp->p[j].name))
        rs__bind_err(b, ps->items[i], RS_EINVAL, "'%s': parameter '%s' appears twice", kp, sp->p[i].name);
  }
  const rs__ynode *fs = rs__y_get(root, "figures");
  if (!fs) {
    /* default: the headline figures */
    static const int def[] = {0, 3, 5, 8, 9};
    for (size_t i = 0; i < sizeof def / sizeof *def; i++) {
      rs__sw_fig *f = &sp->f[sp->nf++];
      f->summary = def[i];
      f->daily = -1;
      snprintf(f->name, sizeof f->name, "%s", rs__sw_summary_names[def[i]]);
    }
    return RS_OK;
  }
  if (rs__y_expect_seq(b, fs, "figures")) return RS_EINVAL;
  if (fs->n == 0 || fs->n > RS__SW_MAX_FIGS)
    return rs__bind_err(b, fs, RS_ELIMIT, "'figures' must list 1 to %d figures", RS__SW_MAX_FIGS);
  for (size_t i = 0; i < fs->n; i++) {
    char kp[RS__KP_MAX];
    rs__kp_index(kp, "figures", i);
    if (rs__parse_fig(b, fs->items[i], kp, &sp->f[i]) == RS_OK) {
      for (int j = 0; j < sp->np; j++)
        if (!strcmp(sp->f[i].name, sp->p[j].name))
          rs__bind_err(b, fs->items[i], RS_EINVAL, "'%s': '%s' is also a parameter's name", kp, sp->f[i].name);
      for (size_t j = 0; j < i; j++)
        if (!strcmp(sp->f[i].name, sp->f[j].name))
          rs__bind_err(b, fs->items[i], RS_EINVAL, "'%s': figure '%s' appears twice", kp, sp->f[i].name);
      if (!strcmp(sp->f[i].name, "point") || !strcmp(sp->f[i].name, "replication"))
        rs__bind_err(b, fs->items[i], RS_EINVAL, "'%s': '%s' is a reserved column name", kp, sp->f[i].name);
    }
    sp->nf = (int)i + 1;
  }
  return RS_OK;
}

static int rs__parse_top(rs__bind *b, const rs__ynode *root, rs_sweep_spec *sp) {
  static const char *const keys[] = {"sweep", "name", "base", "set", "method", "points",
                                     "replications", "seed", "common_random_numbers",
                                     "expected", "parameters", "figures", NULL};
  if (rs__y_expect_map(b, root, "(top level)")) return RS_EINVAL;
  rs__y_check_keys(b, root, "", keys);
  long long ver = 0, pts = 0, reps = 1, seed = 1;
  int rc;
  if (rs__get_int(b, root, "", "sweep", 1, 1, 1, &ver) < 0) return RS_EINVAL;
  rs__get_string(b, root, "", "name", 0, sizeof sp->name - 1, sp->name);
  char base[RS__PATH_MAX] = "";
  if ((rc = rs__get_string(b, root, "", "base", 0, RS__PATH_MAX - 1, base)) > 0) {
    const rs__ynode *bn = rs__y_get(root, "base");
    rs__path_resolve(sp->base, sizeof sp->base, bn->file, base);
  }
  const rs__ynode *sets = rs__y_get(root, "set");
  if (sets && !rs__y_expect_seq(b, sets, "set")) {
    if (sets->n > RS__SW_MAX_SETS - RS__SW_MAX_PARAMS * RS__SW_MAX_KEYS / 4)
      return rs__bind_err(b, sets, RS_ELIMIT, "'set' holds too many overrides");
    for (size_t i = 0; i < sets->n; i++) {
      char kp[RS__KP_MAX], v[RS__KP_MAX + 64];
      rs__kp_index(kp, "set", i);
      if (rs__y_string(b, sets->items[i], kp, sizeof v - 1, v)) continue;
      if (!strchr(v, '=')) {
        rs__bind_err(b, sets->items[i], RS_EINVAL, "'%s' must be key.path=value", kp);
        continue;
      }
      if (!(sp->sets[sp->nsets++] = strdup(v))) return RS_ENOMEM;
    }
  }
  const rs__ynode *m = rs__y_get(root, "method");
  int method = RS__SW_GRID;
  if (m && rs__get_word(b, m, "method", rs__sw_method_names, &method)) return RS_EINVAL;
  sp->method = (rs__sw_method)method;
  rc = rs__get_int(b, root, "", "points", 0, 1, RS__SW_MAX_RUNS, &pts);
  if (rc == 0 && sp->method != RS__SW_GRID)
    rs__bind_err(b, root, RS_EINVAL, "method '%s' needs 'points'", rs__sw_method_names[method]);
  if (rc > 0 && sp->method == RS__SW_GRID)
    rs__bind_err(b, rs__y_get(root, "points"), RS_EINVAL,
                 "a grid's points are the product of its values: drop 'points'");
  sp->nbase = (long)pts;
  rs__get_int(b, root, "", "replications", 0, 1, 100000, &reps);
  sp->reps = (int)reps;
  rs__get_int(b, root, "", "seed", 0, 0, (long long)1 << 62, &seed);
  sp->seed = (uint64_t)seed;
  rs__get_bool(b, root, "", "common_random_numbers", 0, &sp->crn);
  rs__get_bool(b, root, "", "expected", 0, &sp->expected);
  return rs__parse_lists(b, root, sp);
}

/* Design size and grid completeness, once the parameters are known. */
static int rs__check_design(rs__bind *b, const rs__ynode *root, rs_sweep_spec *sp) {
  const rs__ynode *ps = rs__y_get(root, "parameters");
  if (sp->method == RS__SW_GRID) {
    double n = 1;
    for (int i = 0; i < sp->np; i++) {
      rs__sw_param *p = &sp->p[i];
      if (p->has_range && !p->steps)
        return rs__bind_err(b, ps->items[i], RS_EINVAL,
                            "'parameters[%d]': a grid over a range needs 'steps'", i);
      n *= p->has_range ? p->steps : p->nvalues;
    }
    if (n * sp->reps > RS__SW_MAX_RUNS)
      return rs__bind_err(b, ps, RS_ELIMIT, "the grid has %.0f runs, more than %ld", n * sp->reps,
                          RS__SW_MAX_RUNS);
    sp->nbase = sp->npoints = (long)n;
    return RS_OK;
  }
  for (int i = 0; i < sp->np; i++)
    if (sp->p[i].steps)
      return rs__bind_err(b, ps->items[i], RS_EINVAL,
                          "'parameters[%d].steps' is for grids; method '%s' samples the range", i,
                          rs__sw_method_names[sp->method]);
  double n = sp->method == RS__SW_SOBOL ? (double)sp->nbase * (sp->np + 2) : (double)sp->nbase;
  if (n * sp->reps > RS__SW_MAX_RUNS)
    return rs__bind_err(b, rs__y_get(root, "points"), RS_ELIMIT, "%.0f runs, more than %ld",
                        n * sp->reps, RS__SW_MAX_RUNS);
  if (sp->method == RS__SW_SOBOL && sp->nbase < 2)
    return rs__bind_err(b, rs__y_get(root, "points"), RS_EINVAL, "a sobol sweep needs points >= 2");
  sp->npoints = (long)n;
  return RS_OK;
}

/* Load the base scenario with the first point's overrides: catches key typos
 * and out-of-range values before anything runs; also fixes the hash. */
static int rs__check_base(rs_sweep_spec *sp, rs_diag *d) {
  const char *sets[RS__SW_NSETS];
  char buf[RS__SW_NSETBUF][RS__SW_SETLEN];
  size_t n = rs__sw_point_sets(sp, 0, sets, buf);
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(sp->base[0] ? sp->base : NULL, sets, n, &s, d);
  if (rc) return rc;
  /* the hash of the base with the spec's own overrides (not the point's) */
  rs_scenario *s0 = NULL;
  rc = rs_scenario_load(sp->base[0] ? sp->base : NULL, (const char *const *)sp->sets,
                        (size_t)sp->nsets, &s0, d);
  if (rc == RS_OK) {
    uint64_t h = rs_scenario_hash(s0);
    sp->hash = rs__fnv1a(sp->hash, &h, sizeof h);
    rs_sim *sim = NULL;
    /* days per run, for speed figures: a run in expected mode is cheap */
    if (rs_sim_create(s0, &sim) == RS_OK) {
      rs_run_options o;
      rs_run_options_default(&o);
      o.expected = 1;
      if (rs_sim_run(sim, &o) == RS_OK) sp->days = rs_sim_days(sim);
    }
    rs_sim_free(sim);
  }
  rs_scenario_free(s0);
  rs_scenario_free(s);
  return rc;
}

int rs_sweep_spec_load(const char *path, rs_sweep_spec **out, rs_diag *d) {
  *out = NULL;
  rs_sweep_spec *sp = calloc(1, sizeof *sp);
  if (!sp) return RS_ENOMEM;
  snprintf(sp->path, sizeof sp->path, "%s", path);
  rs__ydoc *doc = NULL;
  int rc = rs__ydoc_load_file(path, &doc, d);
  if (rc) {
    rs_sweep_spec_free(sp);
    return rc;
  }
  const rs__ynode *root = rs__ydoc_root(doc);
  rs__bind b = {0};
  b.d = d;
  b.root = root;
  if (!root) {
    rs__diag_add(d, RS_EINVAL, path, 0, 0, "empty sweep spec");
  } else if (rs__parse_top(&b, root, sp) == RS_OK && b.nerr == 0) {
    rs__check_design(&b, root, sp);
  } else if (b.nerr == 0) {
    b.nerr++;
  }
  sp->hash = rs__ynode_hash(RS__FNV_OFFSET, root);
  rs__ydoc_free(doc);
  rc = b.nerr ? rs__diag_first_code(d) : RS_OK;
  if (b.nerr && rc == RS_OK) rc = RS_EINVAL;
  if (rc == RS_OK) rc = rs__sw_design(sp);
  if (rc == RS_OK) rc = rs__check_base(sp, d);
  if (rc) {
    rs_sweep_spec_free(sp);
    return rc;
  }
  *out = sp;
  return RS_OK;
}

void rs_sweep_spec_free(rs_sweep_spec *sp) {
  if (!sp) return;
  for (int i = 0; i < sp->nsets; i++) free(sp->sets[i]);
  for (int i = 0; i < RS__SW_MAX_PARAMS; i++) free(sp->p[i].values);
  free(sp->x);
  free(sp);
}

long rs_sweep_points(const rs_sweep_spec *sp) { return sp->npoints; }
int rs_sweep_replications(const rs_sweep_spec *sp) { return sp->reps; }
int rs_sweep_nparams(const rs_sweep_spec *sp) { return sp->np; }
const char *rs_sweep_param_name(const rs_sweep_spec *sp, int i) {
  return i >= 0 && i < sp->np ? sp->p[i].name : NULL;
}
double rs_sweep_value(const rs_sweep_spec *sp, long point, int i) {
  if (point < 0 || point >= sp->npoints || i < 0 || i >= sp->np) return NAN;
  return sp->x[point * sp->np + i];
}
int rs_sweep_nfigures(const rs_sweep_spec *sp) { return sp->nf; }
const char *rs_sweep_figure_name(const rs_sweep_spec *sp, int i) {
  return i >= 0 && i < sp->nf ? sp->f[i].name : NULL;
}
uint64_t rs_sweep_hash(const rs_sweep_spec *sp) { return sp->hash; }
int rs_sweep_days_per_run(const rs_sweep_spec *sp) { return sp->days; }
