/* Binding of the segments of the mode choice: choice.purposes (constants and
 * betas by purpose), choice.car (who has a car), choice.captive_share, and
 * choice.nest (a nested logit). Keys: docs/scenario-reference.md. */
#include <string.h>
#include "model/demand_model.h"
#include "input/scenario_model.h"

/* Alternative index of a mode id: 0 the metro, 1 + i modes[i]; -1 reported. */
int rs__bind_alt_ref(rs__bind *b, const rs__ynode *n, const char *path) {
  const rs__demand_model *dm = &b->s->model;
  char id[RS__ID_MAX];
  if (rs__y_id(b, n, path, id) != RS_OK) return -1;
  if (!strcmp(id, "metro")) return 0;
  const char *cands[RS__MAX_MODES + 1];
  cands[0] = "metro";
  for (int i = 0; i < dm->nmodes; i++) {
    if (!strcmp(dm->modes[i].id, id)) return i + 1;
    cands[i + 1] = dm->modes[i].id;
  }
  const char *sug = rs__suggest(id, cands, (size_t)dm->nmodes + 1);
  rs__bind_err(b, n, RS_EINVAL, "'%s': unknown mode '%s'%s%s%s (metro or an id of 'modes')", path,
               id, sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
  return -1;
}

/* A list of mode ids into a 0/1 flag per alternative. */
static void rs__bind_alt_list(rs__bind *b, const rs__ynode *n, const char *path,
                              unsigned char *flags) {
  memset(flags, 0, RS__MAX_MODES + 1);
  if (rs__y_expect_seq(b, n, path) < 0) return;
  for (size_t i = 0; i < n->n; i++) {
    char p[RS__KP_MAX];
    rs__kp_index(p, path, i);
    int k = rs__bind_alt_ref(b, n->items[i], p);
    if (k >= 0) flags[k] = 1;
  }
}

static void rs__bind_seg_purpose(rs__bind *b, const rs__ynode *n, const char *path, int p) {
  rs__choice_segments *sg = &b->s->model.seg;
  static const char *const keys[] = {"beta", "asc", "car_share", "captive_share", NULL};
  if (rs__y_expect_map(b, n, path) < 0) return;
  rs__y_check_keys(b, n, path, keys);
  char q[RS__KP_MAX];
  const rs__ynode *be = rs__y_get(n, "beta");
  rs__kp_key(q, path, "beta");
  if (be && rs__y_expect_map(b, be, q) == 0) {
    static const char *const bk[] = {"ivt", "wait", "walk", "transfer", "cost", "crowding", NULL};
    rs__y_check_keys(b, be, q, bk);
    rs__choice_params *c = &sg->beta[p];
    double *dst[] = {&c->ivt, &c->wait, &c->walk, &c->transfer, &c->cost, &c->crowding};
    for (int i = 0; i < 6; i++) rs__get_number(b, be, q, bk[i], 0, -100, 0, 0, dst[i]);
  }
  const rs__ynode *asc = rs__y_get(n, "asc");
  rs__kp_key(q, path, "asc");
  if (asc && rs__y_expect_map(b, asc, q) == 0)
    for (size_t i = 0; i < asc->n; i++) {
      char r[RS__KP_MAX];
      rs__kp_key(r, q, asc->keys[i]->text);
      int k = rs__bind_alt_ref(b, asc->keys[i], r);
      if (k >= 0) rs__get_number(b, asc, q, asc->keys[i]->text, 0, -100, 100, 0, &sg->asc_add[p][k]);
    }
  rs__get_number(b, n, path, "car_share", 0, 0, 1, 0, &sg->car_share[p]);
  rs__get_number(b, n, path, "captive_share", 0, 0, 1, RS__HI_OPEN, &sg->captive_share[p]);
}

static void rs__bind_nest(rs__bind *b, const rs__ynode *n) {
  rs__choice_segments *sg = &b->s->model.seg;
  if (rs__y_expect_map(b, n, "choice.nest") < 0) return;
  rs__y_check_keys(b, n, "choice.nest", (const char *const[]){"modes", "lambda", NULL});
  if (rs__y_require(b, n, "choice.nest", "modes") == 1)
    rs__bind_alt_list(b, rs__y_get(n, "modes"), "choice.nest.modes", sg->in_nest);
  if (rs__get_number(b, n, "choice.nest", "lambda", 1, 0, 1, RS__LO_OPEN, &sg->nest_lambda) == 1)
    sg->nested = 1;
  int count = 0;
  for (int i = 0; i <= RS__MAX_MODES; i++) count += sg->in_nest[i];
  if (sg->nested && count < 2)
    rs__bind_err(b, rs__y_get(n, "modes"), RS_EINVAL,
                 "'choice.nest.modes' must name at least two modes (e.g. [metro, hsr])");
}

int rs__bind_choice_segments(rs__bind *b, const rs__ynode *val) {
  rs__demand_model *dm = &b->s->model;
  rs__choice_segments *sg = &dm->seg;
  memset(sg, 0, sizeof *sg);
  sg->nest_lambda = 1;
  /* Defaults: one segment, everyone has every mode, the plain logit. */
  for (int p = 0; p < RS_NPURPOSE; p++) {
    sg->beta[p] = dm->beta;
    sg->car_share[p] = 1;
  }
  if (!val) return RS_OK;
  double captive = 0, car = 1;
  rs__get_number(b, val, "choice", "captive_share", 0, 0, 1, RS__HI_OPEN, &captive);
  const rs__ynode *cn = rs__y_get(val, "car");
  if (cn && rs__y_expect_map(b, cn, "choice.car") == 0) {
    rs__y_check_keys(b, cn, "choice.car", (const char *const[]){"modes", "share", NULL});
    rs__get_number(b, cn, "choice.car", "share", 1, 0, 1, 0, &car);
    if (rs__y_require(b, cn, "choice.car", "modes") == 1)
      rs__bind_alt_list(b, rs__y_get(cn, "modes"), "choice.car.modes", sg->needs_car);
    if (sg->needs_car[0])
      rs__bind_err(b, rs__y_get(cn, "modes"), RS_EINVAL,
                   "'choice.car.modes' names the metro: everyone can take the metro");
  }
  for (int p = 0; p < RS_NPURPOSE; p++) {
    sg->car_share[p] = car;
    sg->captive_share[p] = captive;
  }
  const rs__ynode *pu = rs__y_get(val, "purposes");
  if (pu && rs__y_expect_map(b, pu, "choice.purposes") == 0) {
    rs__y_check_keys(b, pu, "choice.purposes",
                     (const char *const[]){"commute", "business", "leisure", "other", NULL});
    for (int p = 0; p < RS_NPURPOSE; p++) {
      const rs__ynode *n = rs__y_get(pu, rs__purpose_names[p]);
      char path[RS__KP_MAX];
      rs__kp_key(path, "choice.purposes", rs__purpose_names[p]);
      if (n) rs__bind_seg_purpose(b, n, path, p);
    }
  }
  const rs__ynode *nest = rs__y_get(val, "nest");
  if (nest) rs__bind_nest(b, nest);
  return RS_OK;
}
