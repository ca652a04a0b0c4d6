/* The validation pass over the demand-model sections: market rows and events
 * between two different stations, events ending after they start, fare bands
 * beyond each other, mode ids used once. The binders (scenario_model.c) only read. */
#include <string.h>
#include "input/scenario_validate.h"

/* market.od rows: origin and destination differ. */
static void rs__validate_market(rs__vpass *v) {
  const rs__ynode *mn = rs__y_get(v->b->root, "market");
  const rs__ynode *list = mn && mn->kind == RS__Y_MAP ? rs__y_get(mn, "od") : NULL;
  if (!list || list->kind != RS__Y_SEQ || !v->b->s->model.market) return;
  for (size_t i = 0; i < list->n && i < RS__MAX_MARKET; i++) {
    const rs__ynode *row = list->items[i], *to = rs__y_get(row, "to");
    if (row->kind != RS__Y_MAP) continue;
    int o = rs__v_station(v, rs__y_get(row, "from")), d = rs__v_station(v, to);
    if (o < 0 || o != d) continue;
    char p[RS__KP_MAX];
    rs__kp_index(p, "market.od", i);
    rs__bind_err(v->b, to, RS_EINVAL, "'%s': origin and destination are the same station", p);
  }
}

/* metro.fare.bands: each up_to_km beyond the previous band's (the first beyond base_km). */
static void rs__validate_fare(rs__vpass *v) {
  const rs__fare *f = &v->b->s->model.metro.fare;
  const rs__ynode *mn = rs__y_get(v->b->root, "metro");
  const rs__ynode *fn = mn && mn->kind == RS__Y_MAP ? rs__y_get(mn, "fare") : NULL;
  const rs__ynode *bands = fn && fn->kind == RS__Y_MAP ? rs__y_get(fn, "bands") : NULL;
  if (!bands || bands->kind != RS__Y_SEQ || bands->n > RS__FARE_BANDS) return;
  double last = f->base_km;
  int k = 0; /* bands are stored for the mappings of the list only */
  for (size_t i = 0; i < bands->n && k < f->nbands; i++) {
    const rs__ynode *bn = bands->items[i];
    if (bn->kind != RS__Y_MAP) continue;
    double up = f->up_to_km[k++];
    const rs__ynode *un = rs__y_get(bn, "up_to_km");
    if (rs__v_clean(v, un) && up <= last) {
      char p[RS__KP_MAX];
      rs__kp_index(p, "metro.fare.bands", i);
      rs__bind_err(v->b, un, RS_EINVAL,
                   "'%s.up_to_km' must be greater than the previous band's (%g)", p, last);
    }
    last = up;
  }
}

/* modes: an id used once. */
static void rs__validate_modes(rs__vpass *v) {
  const rs__demand_model *dm = &v->b->s->model;
  const rs__ynode *ml = rs__y_get(v->b->root, "modes");
  if (!ml || ml->kind != RS__Y_SEQ || ml->n > RS__MAX_MODES) return;
  int k = 0; /* modes are stored for the mappings of the list only */
  for (size_t i = 0; i < ml->n && k < dm->nmodes; i++) {
    if (ml->items[i]->kind != RS__Y_MAP) continue;
    const rs__mode *m = &dm->modes[k];
    char p[RS__KP_MAX], q[RS__KP_MAX];
    rs__kp_index(p, "modes", i);
    rs__kp_key(q, p, "id");
    for (int j = 0; j < k; j++)
      if (m->id[0] && !strcmp(dm->modes[j].id, m->id))
        rs__bind_err(v->b, rs__y_get(ml->items[i], "id"), RS_EINVAL,
                     "'%s': mode id '%s' is used twice", q, m->id);
    k++;
  }
}

/* events: end not before start, between two different stations. */
static void rs__validate_events(rs__vpass *v) {
  const rs__demand_model *dm = &v->b->s->model;
  const rs__ynode *el = rs__y_get(v->b->root, "events");
  if (!el || el->kind != RS__Y_SEQ || el->n > RS__MAX_EVENTS) return;
  int k = 0; /* events are stored for the mappings of the list only */
  for (size_t i = 0; i < el->n && k < dm->nevents; i++) {
    const rs__ynode *n = el->items[i];
    if (n->kind != RS__Y_MAP) continue;
    const rs__event *e = &dm->events[k++];
    char p[RS__KP_MAX];
    rs__kp_index(p, "events", i);
    const rs__ynode *end = rs__y_get(n, "end"), *to = rs__y_get(n, "to");
    if (rs__v_clean(v, rs__y_get(n, "start")) && rs__v_clean(v, end) && e->to < e->from)
      rs__bind_err(v->b, end, RS_EINVAL, "'%s.end' is before its start", p);
    int o = rs__v_station(v, rs__y_get(n, "from")), d = rs__v_station(v, to);
    if (o >= 0 && o == d)
      rs__bind_err(v->b, to, RS_EINVAL, "'%s': origin and destination are the same station", p);
  }
}

void rs__validate_model(rs__vpass *v) {
  rs__validate_market(v);
  rs__validate_fare(v);
  rs__validate_modes(v);
  rs__validate_events(v);
}
