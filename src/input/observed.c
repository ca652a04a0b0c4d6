/* Observed figures (observed.yaml) that a run is compared against: what each
 * figure is (a day's riders, a period's total or mean, cumulative riders by a
 * date, a period's peak day), its value and source. */
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "input/scenario_model.h"
#include "model/defaults.h"
#include "model/demand_model.h"

/* purpose_share: `purpose`; mode_share: `mode` and `serves` (cross, local, all). */
static void rs__bind_share(rs__bind *b, const rs__ynode *n, const char *p, rs__observation *o) {
  char text[RS__ID_MAX] = "";
  if (o->kind == RS__OBS_PURPOSE_SHARE &&
      rs__get_string(b, n, p, "purpose", 1, RS__ID_MAX - 1, text) == 1) {
    o->purpose = -1;
    for (int k = 0; k < RS_NPURPOSE; k++)
      if (!strcmp(text, rs__purpose_names[k])) o->purpose = k;
    if (o->purpose < 0)
      rs__bind_err(b, rs__y_get(n, "purpose"), RS_EINVAL,
                   "'%s.purpose' must be commute, business, leisure or other, got '%s'", p, text);
  }
  if (o->kind == RS__OBS_MODE_SHARE && rs__y_require(b, n, p, "mode") == 1) {
    char q[RS__KP_MAX];
    rs__kp_key(q, p, "mode");
    o->mode = rs__bind_alt_ref(b, rs__y_get(n, "mode"), q);
    o->serves = RS__SERVES_ALL;
    if (rs__get_string(b, n, p, "serves", 0, RS__ID_MAX - 1, text) == 1) {
      if (!strcmp(text, "cross")) o->serves = RS__SERVES_CROSS;
      else if (!strcmp(text, "local")) o->serves = RS__SERVES_LOCAL;
      else if (strcmp(text, "all"))
        rs__bind_err(b, rs__y_get(n, "serves"), RS_EINVAL,
                     "'%s.serves' must be cross, local or all, got '%s'", p, text);
    }
  }
  if (o->value > 1)
    rs__bind_err(b, rs__y_get(n, "value"), RS_EINVAL,
                 "'%s.value' is a share: a fraction in (0, 1], got %g", p, o->value);
}

static void rs__bind_observation(rs__bind *b, const rs__ynode *n, const char *p,
                                 rs__observation *o) {
  static const char *const keys[] = {"id", "kind", "date", "from", "to", "value", "bound",
                                     "tolerance_pct", "source", "station", "day_type", "purpose",
                                     "mode", "serves", NULL};
  rs__observation_defaults(o);
  rs__y_check_keys(b, n, p, keys);
  rs__get_string(b, n, p, "id", 1, RS__ID_MAX - 1, o->id);
  char kind[RS__ID_MAX] = "";
  if (rs__get_string(b, n, p, "kind", 1, RS__ID_MAX - 1, kind) == 1) {
    for (int k = 0; rs__obs_kind_names[k]; k++)
      if (!strcmp(kind, rs__obs_kind_names[k])) o->kind = k;
    if (o->kind < 0)
      rs__bind_err(b, rs__y_get(n, "kind"), RS_EINVAL,
                   "'%s.kind' must be day, total, mean, cumulative, peak, purpose_share or "
                   "mode_share, got '%s'", p, kind);
  }
  if (o->kind == RS__OBS_DAY || o->kind == RS__OBS_CUMULATIVE || o->kind == RS__OBS_MODE_SHARE) {
    if (rs__get_date(b, n, p, "date", 1, &o->to) == 1) o->from = o->to;
  } else if (o->kind >= 0) {
    int a = rs__get_date(b, n, p, "from", 1, &o->from);
    int z = rs__get_date(b, n, p, "to", 1, &o->to);
    if (a == 1 && z == 1 && o->to < o->from)
      rs__bind_err(b, rs__y_get(n, "to"), RS_EINVAL, "'%s.to' is before its 'from'", p);
  }
  rs__get_number(b, n, p, "value", 1, 0, 1e12, 0, &o->value);
  rs__get_number(b, n, p, "tolerance_pct", 0, 0, 100, 0, &o->tolerance_pct);
  char bound[RS__ID_MAX];
  if (rs__get_string(b, n, p, "bound", 0, RS__ID_MAX - 1, bound) == 1) {
    if (!strcmp(bound, "lower")) o->bound = RS__BOUND_LOWER;
    else if (!strcmp(bound, "upper")) o->bound = RS__BOUND_UPPER;
    else if (strcmp(bound, "none"))
      rs__bind_err(b, rs__y_get(n, "bound"), RS_EINVAL,
                   "'%s.bound' must be lower, upper or none, got '%s'", p, bound);
  }
  rs__get_string(b, n, p, "source", 0, sizeof o->source - 1, o->source);
  /* Station counts: boardings at one station, on days of one type (docs/data-formats.md). */
  char kp[RS__KP_MAX];
  const rs__ynode *sn = rs__y_get(n, "station"), *tn = rs__y_get(n, "day_type");
  rs__kp_key(kp, p, "station");
  if (sn) rs__y_station(b, sn, kp, &o->station);
  char dt[RS__ID_MAX] = "";
  rs__daytype t;
  if (tn && rs__get_string(b, n, p, "day_type", 0, RS__ID_MAX - 1, dt) == 1) {
    if (rs__daytype_parse(dt, &t) == RS_OK) o->day_type = (int)t;
    else
      rs__bind_err(b, tn, RS_EINVAL, "'%s.day_type' must be workday, weekend, holiday, makeup, "
                   "holiday_eve or spring_festival, got '%s'", p, dt);
  }
  if (o->kind == RS__OBS_PURPOSE_SHARE || o->kind == RS__OBS_MODE_SHARE) rs__bind_share(b, n, p, o);
}

int rs__bind_observed(rs__bind *b, const rs__ynode *val) {
  rs_scenario *s = b->s;
  if (!val) return RS_OK;
  char rel[RS__PATH_MAX];
  if (rs__y_string(b, val, "observed", RS__PATH_MAX - 1, rel) != RS_OK) return RS_EINVAL;
  rs__path_resolve(s->observed_path, RS__PATH_MAX, val->file, rel);
  char *buf = NULL, why[256];
  size_t len = 0;
  int rc = rs__source_read(s->observed_path, RS__Y_MAX_FILE_BYTES, &buf, &len, why, sizeof why);
  if (rc != RS_OK)
    return rs__bind_err(b, val, RS_EINVAL, "'observed': cannot read '%s': %s", s->observed_path, why);
  rs__ydoc *doc = NULL;
  rc = rs__ydoc_load_buffer(s->observed_path, buf, len, &doc, b->d);
  free(buf);
  if (rc != RS_OK) {
    b->nerr++;
    return rc;
  }
  const rs__ynode *root = rs__ydoc_root(doc);
  if (!root || root->kind != RS__Y_MAP) {
    rc = rs__diag_add(b->d, RS_EINVAL, s->observed_path, 1, 1,
                      "an observed-figures file must be a mapping with 'observations'");
    b->nerr++;
    rs__ydoc_free(doc);
    return rc;
  }
  rs__y_check_keys(b, root, "", (const char *const[]){"ridersim_observed", "observations", NULL});
  long long version = 0;
  rs__get_int(b, root, "", "ridersim_observed", 1, 1, 1, &version);
  const rs__ynode *list = rs__y_get(root, "observations");
  if (rs__y_require(b, root, "", "observations") == 1 &&
      rs__y_expect_seq(b, list, "observations") == 0) {
    size_t n = list->n > RS__MAX_OBSERVED ? RS__MAX_OBSERVED : list->n;
    if (list->n > RS__MAX_OBSERVED)
      rs__bind_err(b, list, RS_ELIMIT, "'observations' has %zu entries; at most %d", list->n,
                   RS__MAX_OBSERVED);
    s->observed = calloc(n + 1, sizeof *s->observed);
    if (!s->observed) {
      rs__ydoc_free(doc);
      return RS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
      char p[RS__KP_MAX];
      rs__kp_index(p, "observations", i);
      if (rs__y_expect_map(b, list->items[i], p) < 0) continue;
      rs__bind_observation(b, list->items[i], p, &s->observed[s->nobserved++]);
    }
  }
  rs__ydoc_free(doc);
  return RS_OK;
}
