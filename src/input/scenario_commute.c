/* Binding of the `commute:` section (docs/commute.md): connecting lines at the
 * interchange, Ziyang-side zones with access/egress distributions, Chengdu-side
 * destinations, and the door-to-door detail of the competing modes. Runs after
 * `metro` and `modes` are bound, so mode ids resolve and zones take the metro's
 * access and egress. The checks across its parts and against metro.onward are
 * in the validation pass (scenario_validate_commute.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/commute.h"
#include "model/defaults.h"
#include "input/scenario_model.h"

static const char *const rs__cm_field_key[RS__CM_NFIELD] = {"access_min", "ivt_min", "wait_min",
                                                            "egress_min"};

static int rs__cm_mode_find(const rs_scenario *s, const char *id) {
  for (int i = 0; i < s->model.nmodes; i++)
    if (!strcmp(s->model.modes[i].id, id)) return i;
  return -1;
}

/* KEY's node in MAP as a mode id -> index, with an error naming the known modes. */
static int rs__cm_mode_ref(rs__bind *b, const rs__ynode *keynode, const char *path) {
  const rs_scenario *s = b->s;
  int m = rs__cm_mode_find(s, keynode->text);
  if (m >= 0) return m;
  const char *names[RS__MAX_MODES];
  for (int i = 0; i < s->model.nmodes; i++) names[i] = s->model.modes[i].id;
  const char *sug = rs__suggest(keynode->text, names, (size_t)s->model.nmodes);
  rs__bind_err(b, keynode, RS_EINVAL, "'%s': unknown mode '%s'%s%s%s (modes are listed in 'modes')",
               path, keynode->text, sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
  return -1;
}

static void rs__cm_dist_bind(rs__bind *b, const rs__ynode *map, const char *parent, const char *key,
                             rs__cm_dist *out) {
  const rs__ynode *n = rs__y_get(map, key);
  if (!n) return;
  char p[RS__KP_MAX];
  rs__kp_key(p, parent, key);
  if (rs__y_expect_map(b, n, p) < 0) return;
  rs__y_check_keys(b, n, p, (const char *const[]){"mean_min", "cv", NULL});
  rs__get_number(b, n, p, "mean_min", 1, 0, 600, 0, &out->mean_min);
  rs__get_number(b, n, p, "cv", 0, 0, 3, 0, &out->cv);
}

/* `modes: {hsr: {access_min: 25}, ...}` of a zone or destination -> OV[mode][field]. */
static void rs__cm_overrides_bind(rs__bind *b, const rs__ynode *map, const char *parent,
                                  double ov[RS__MAX_MODES][RS__CM_NFIELD]) {
  const rs__ynode *n = rs__y_get(map, "modes");
  if (!n) return;
  char p[RS__KP_MAX];
  rs__kp_key(p, parent, "modes");
  if (rs__y_expect_map(b, n, p) < 0) return;
  for (size_t i = 0; i < n->n; i++) {
    char q[RS__KP_MAX];
    rs__kp_key(q, p, n->keys[i]->text);
    int m = rs__cm_mode_ref(b, n->keys[i], p);
    if (m < 0 || rs__y_expect_map(b, n->items[i], q) < 0) continue;
    rs__y_check_keys(b, n->items[i], q, (const char *const[]){"access_min", "ivt_min", "wait_min",
                                                              "egress_min", NULL});
    for (int f = 0; f < RS__CM_NFIELD; f++)
      rs__get_number(b, n->items[i], q, rs__cm_field_key[f], 0, 0, 6000, 0, &ov[m][f]);
  }
}

/* The required `id` of an entry, and its `name`, which defaults to the id. */
static void rs__cm_bind_id_name(rs__bind *b, const rs__ynode *n, const char *p, char *id,
                                char *name) {
  char q[RS__KP_MAX];
  if (rs__y_require(b, n, p, "id") == 1) {
    rs__kp_key(q, p, "id");
    rs__y_id(b, rs__y_get(n, "id"), q, id);
  }
  memcpy(name, id, RS__ID_MAX); /* id fits: RS__ID_MAX < RS__NAME_MAX */
  rs__get_string(b, n, p, "name", 0, RS__NAME_MAX - 1, name);
}

static void rs__cm_line_bind(rs__bind *b, const rs__ynode *n, const char *p, rs__cm_line *l) {
  static const char *const keys[] = {"id", "name", "walk_min", "first", "last", "periods", NULL};
  if (rs__y_expect_map(b, n, p) < 0) return;
  rs__cm_line_defaults(l);
  rs__y_check_keys(b, n, p, keys);
  char q[RS__KP_MAX];
  rs__cm_bind_id_name(b, n, p, l->id, l->name);
  rs__get_number(b, n, p, "walk_min", 0, 0, 120, 0, &l->walk_min);
  rs__get_time(b, n, p, "first", 0, 1, &l->first_s);
  rs__get_time(b, n, p, "last", 0, 1, &l->last_s);
  const rs__ynode *per = rs__y_get(n, "periods");
  if (rs__y_require(b, n, p, "periods") != 1) return;
  rs__kp_key(q, p, "periods");
  if (rs__y_expect_seq(b, per, q) < 0) return;
  if (per->n == 0 || per->n > RS__CM_MAX_PERIODS) {
    rs__bind_err(b, per, RS_ELIMIT, "'%s' must list 1 to %d periods, got %zu", q,
                 RS__CM_MAX_PERIODS, per->n);
    return;
  }
  for (size_t i = 0; i < per->n; i++) {
    char r[RS__KP_MAX];
    rs__kp_index(r, q, i);
    const rs__ynode *pn = per->items[i];
    if (rs__y_expect_map(b, pn, r) < 0) continue;
    rs__y_check_keys(b, pn, r, (const char *const[]){"from", "to", "headway_min", NULL});
    rs__period *pd = &l->periods[l->nperiods++];
    rs__cm_period_defaults(pd);
    double h = pd->headway_s / 60;
    rs__get_time(b, pn, r, "from", 1, 0, &pd->from_s);
    rs__get_time(b, pn, r, "to", 1, 1, &pd->to_s);
    rs__get_number(b, pn, r, "headway_min", 1, 0.5, 240, 0, &h);
    pd->headway_s = h * 60;
  }
}

static void rs__cm_zone_bind(rs__bind *b, const rs__ynode *n, const char *p, rs__cm_zone *z) {
  static const char *const keys[] = {"id", "name", "station", "access", "egress", "modes", NULL};
  if (rs__y_expect_map(b, n, p) < 0) return;
  rs__cm_zone_defaults(z, &b->s->model.metro);
  rs__y_check_keys(b, n, p, keys);
  char q[RS__KP_MAX];
  if (rs__y_require(b, n, p, "station") == 1) {
    rs__kp_key(q, p, "station");
    rs__y_station(b, rs__y_get(n, "station"), q, &z->station);
  }
  if (z->station >= 0) {
    snprintf(z->id, sizeof z->id, "%s", b->s->st[z->station].id);
    snprintf(z->name, sizeof z->name, "%s", b->s->st[z->station].en);
  }
  if (rs__y_get(n, "id")) {
    rs__kp_key(q, p, "id");
    rs__y_id(b, rs__y_get(n, "id"), q, z->id);
  }
  rs__get_string(b, n, p, "name", 0, RS__NAME_MAX - 1, z->name);
  rs__cm_dist_bind(b, n, p, "access", &z->access);
  rs__cm_dist_bind(b, n, p, "egress", &z->egress);
  rs__cm_overrides_bind(b, n, p, z->ov);
}

static void rs__cm_dest_bind(rs__bind *b, const rs__ynode *n, const char *p, rs__cm_dest *z,
                             const rs__commute_def *c) {
  static const char *const keys[] = {"id", "name", "line", "ride_min", "transfer_min", "km",
                                     "weight", "egress", "modes", NULL};
  if (rs__y_expect_map(b, n, p) < 0) return;
  rs__cm_dest_defaults(z, &b->s->model.metro);
  rs__y_check_keys(b, n, p, keys);
  char q[RS__KP_MAX];
  rs__cm_bind_id_name(b, n, p, z->id, z->name);
  char lid[RS__ID_MAX];
  if (rs__y_require(b, n, p, "line") == 1) {
    rs__kp_key(q, p, "line");
    if (rs__y_id(b, rs__y_get(n, "line"), q, lid) == RS_OK) {
      for (int i = 0; i < c->nlines; i++)
        if (!strcmp(c->lines[i].id, lid)) z->line = i;
      if (z->line < 0)
        rs__bind_err(b, rs__y_get(n, "line"), RS_EINVAL,
                     "'%s': unknown connecting line '%s' (define it in commute.connections)", q, lid);
    }
  }
  rs__get_number(b, n, p, "ride_min", 1, 0, 600, 0, &z->ride_min);
  rs__get_number(b, n, p, "transfer_min", 0, 0, 120, 0, &z->xfer_min);
  rs__get_number(b, n, p, "km", 0, 0, 1000, 0, &z->km);
  rs__get_number(b, n, p, "weight", 0, 0, 1e6, 0, &z->weight);
  rs__cm_dist_bind(b, n, p, "egress", &z->egress);
  rs__cm_overrides_bind(b, n, p, z->ov);
}

static int rs__cm_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void rs__cm_mode_bind(rs__bind *b, const rs__ynode *n, const char *p, rs__cm_mode *m) {
  static const char *const keys[] = {"cv", "transfer_min", "check_in_min", "parking_min",
                                     "departures", "congestion", "without_line", NULL};
  if (rs__y_expect_map(b, n, p) < 0) return;
  rs__y_check_keys(b, n, p, keys);
  m->given = 1;
  rs__get_number(b, n, p, "cv", 0, 0, 3, 0, &m->cv);
  rs__get_number(b, n, p, "transfer_min", 0, 0, 120, 0, &m->transfer_min);
  rs__get_number(b, n, p, "check_in_min", 0, 0, 240, 0, &m->check_in_min);
  rs__get_number(b, n, p, "parking_min", 0, 0, 240, 0, &m->parking_min);
  char q[RS__KP_MAX];
  const rs__ynode *dep = rs__y_get(n, "departures");
  rs__kp_key(q, p, "departures");
  if (dep && rs__y_expect_seq(b, dep, q) == 0) {
    if (dep->n > RS__CM_MAX_DEPS)
      rs__bind_err(b, dep, RS_ELIMIT, "'%s' lists %zu departures; at most %d", q, dep->n,
                   RS__CM_MAX_DEPS);
    for (size_t i = 0; i < dep->n && i < RS__CM_MAX_DEPS; i++) {
      char r[RS__KP_MAX];
      rs__kp_index(r, q, i);
      if (rs__y_time(b, dep->items[i], r, 0, &m->dep_s[m->ndep]) == RS_OK) m->ndep++;
    }
    qsort(m->dep_s, (size_t)m->ndep, sizeof m->dep_s[0], rs__cm_cmp_double);
  }
  const rs__ynode *cg = rs__y_get(n, "congestion");
  rs__kp_key(q, p, "congestion");
  if (cg && rs__y_expect_seq(b, cg, q) == 0) {
    if (cg->n > RS__CM_MAX_CONG)
      rs__bind_err(b, cg, RS_ELIMIT, "'%s' lists %zu periods; at most %d", q, cg->n, RS__CM_MAX_CONG);
    for (size_t i = 0; i < cg->n && i < RS__CM_MAX_CONG; i++) {
      char r[RS__KP_MAX];
      rs__kp_index(r, q, i);
      const rs__ynode *pn = cg->items[i];
      if (rs__y_expect_map(b, pn, r) < 0) continue;
      rs__y_check_keys(b, pn, r, (const char *const[]){"from", "to", "factor", NULL});
      rs__cm_cong *k = &m->cong[m->ncong++];
      rs__cm_cong_defaults(k);
      rs__get_time(b, pn, r, "from", 1, 0, &k->from_s);
      rs__get_time(b, pn, r, "to", 1, 1, &k->to_s);
      rs__get_number(b, pn, r, "factor", 1, 0.1, 10, 0, &k->factor);
    }
  }
  const rs__ynode *wl = rs__y_get(n, "without_line");
  rs__kp_key(q, p, "without_line");
  if (wl && rs__y_expect_map(b, wl, q) == 0) {
    rs__y_check_keys(b, wl, q, (const char *const[]){"access_min", "ivt_min", "wait_min",
                                                     "egress_min", NULL});
    for (int f = 0; f < RS__CM_NFIELD; f++)
      rs__get_number(b, wl, q, rs__cm_field_key[f], 0, -600, 600, 0, &m->before_add[f]);
  }
}

/* The scalars of the section: line, interchange, samples, tolerance, am_peak. */
static void rs__cm_bind_head(rs__bind *b, const rs__ynode *val, rs__commute_def *c) {
  const rs_scenario *s = b->s;
  for (int i = 0; i < s->nst && c->interchange < 0; i++)
    if (s->model.chengdu_side && s->model.chengdu_side[i]) c->interchange = i;
  rs__get_bool(b, val, "commute", "line", 0, &c->line);
  const rs__ynode *ic = rs__y_get(val, "interchange");
  if (ic) rs__y_station(b, ic, "commute.interchange", &c->interchange);
  long long ns = c->samples;
  if (rs__get_int(b, val, "commute", "samples", 0, 10, RS__CM_MAX_SAMPLES, &ns) == 1) c->samples = (int)ns;
  rs__get_number(b, val, "commute", "onward_tolerance_min", 0, 0, 600, 0, &c->onward_tol_min);
  const rs__ynode *pk = rs__y_get(val, "am_peak");
  if (pk && rs__y_expect_map(b, pk, "commute.am_peak") == 0) {
    rs__y_check_keys(b, pk, "commute.am_peak", (const char *const[]){"from", "to", NULL});
    rs__get_time(b, pk, "commute.am_peak", "from", 1, 0, &c->peak_from_s);
    rs__get_time(b, pk, "commute.am_peak", "to", 1, 1, &c->peak_to_s);
  }
}

static void rs__cm_bind_connections(rs__bind *b, const rs__ynode *val, rs__commute_def *c) {
  const rs__ynode *cn = rs__y_get(val, "connections");
  if (rs__y_require(b, val, "commute", "connections") != 1 ||
      rs__y_expect_seq(b, cn, "commute.connections") != 0)
    return;
  if (cn->n > RS__CM_MAX_LINES)
    rs__bind_err(b, cn, RS_ELIMIT, "'commute.connections' lists %zu lines; at most %d", cn->n,
                 RS__CM_MAX_LINES);
  for (size_t i = 0; i < cn->n && i < RS__CM_MAX_LINES; i++) {
    char p[RS__KP_MAX];
    rs__kp_index(p, "commute.connections", i);
    rs__cm_line_bind(b, cn->items[i], p, &c->lines[c->nlines++]);
  }
}

static void rs__cm_bind_zones(rs__bind *b, const rs__ynode *val, rs__commute_def *c) {
  const rs_scenario *s = b->s;
  const rs__ynode *zn = rs__y_get(val, "zones");
  if (zn && rs__y_expect_seq(b, zn, "commute.zones") == 0) {
    if (zn->n > RS__CM_MAX_ZONES)
      rs__bind_err(b, zn, RS_ELIMIT, "'commute.zones' lists %zu zones; at most %d", zn->n,
                   RS__CM_MAX_ZONES);
    for (size_t i = 0; i < zn->n && i < RS__CM_MAX_ZONES; i++) {
      char p[RS__KP_MAX];
      rs__kp_index(p, "commute.zones", i);
      rs__cm_zone_bind(b, zn->items[i], p, &c->zones[c->nzones++]);
    }
  } else if (!zn) {
    /* Default: every other station's catchment, with metro.access/egress_min. */
    for (int i = 0; i < s->nst && c->nzones < RS__CM_MAX_ZONES; i++) {
      if (i == c->interchange) continue;
      rs__cm_zone *z = &c->zones[c->nzones++];
      rs__cm_zone_defaults(z, &s->model.metro);
      z->station = i;
      snprintf(z->id, sizeof z->id, "%s", s->st[i].id);
      snprintf(z->name, sizeof z->name, "%s", s->st[i].en);
    }
  }
}

static void rs__cm_bind_dests(rs__bind *b, const rs__ynode *val, rs__commute_def *c) {
  const rs__ynode *dn = rs__y_get(val, "destinations");
  if (rs__y_require(b, val, "commute", "destinations") != 1 ||
      rs__y_expect_seq(b, dn, "commute.destinations") != 0)
    return;
  if (dn->n == 0 || dn->n > RS__CM_MAX_DESTS)
    rs__bind_err(b, dn, RS_ELIMIT, "'commute.destinations' must list 1 to %d zones, got %zu",
                 RS__CM_MAX_DESTS, dn->n);
  for (size_t i = 0; i < dn->n && i < RS__CM_MAX_DESTS; i++) {
    char p[RS__KP_MAX];
    rs__kp_index(p, "commute.destinations", i);
    rs__cm_dest_bind(b, dn->items[i], p, &c->dests[c->ndests++], c);
  }
}

static void rs__cm_bind_modes(rs__bind *b, const rs__ynode *val, rs__commute_def *c) {
  const rs__ynode *md = rs__y_get(val, "modes");
  if (!md || rs__y_expect_map(b, md, "commute.modes") != 0) return;
  for (size_t i = 0; i < md->n; i++) {
    char p[RS__KP_MAX];
    rs__kp_key(p, "commute.modes", md->keys[i]->text);
    int m = rs__cm_mode_ref(b, md->keys[i], "commute.modes");
    if (m >= 0) rs__cm_mode_bind(b, md->items[i], p, &c->modes[m]);
  }
}

static void rs__cm_bind_headline(rs__bind *b, const rs__ynode *val, rs__commute_def *c) {
  const rs__ynode *hl = rs__y_get(val, "headline");
  if (!hl || rs__y_expect_map(b, hl, "commute.headline") != 0) return;
  rs__y_check_keys(b, hl, "commute.headline", (const char *const[]){"from", "to", NULL});
  char id[RS__ID_MAX];
  const rs__ynode *f = rs__y_get(hl, "from"), *t = rs__y_get(hl, "to");
  if (f && rs__y_id(b, f, "commute.headline.from", id) == RS_OK) {
    c->headline_zone = -1;
    for (int i = 0; i < c->nzones; i++)
      if (!strcmp(c->zones[i].id, id)) c->headline_zone = i;
    if (c->headline_zone < 0)
      rs__bind_err(b, f, RS_EINVAL, "'commute.headline.from': unknown zone '%s'", id);
  }
  if (t && rs__y_id(b, t, "commute.headline.to", id) == RS_OK) {
    c->headline_dest = -1;
    for (int i = 0; i < c->ndests; i++)
      if (!strcmp(c->dests[i].id, id)) c->headline_dest = i;
    if (c->headline_dest < 0)
      rs__bind_err(b, t, RS_EINVAL, "'commute.headline.to': unknown destination '%s'", id);
  }
}

int rs__bind_commute(rs__bind *b, const rs__ynode *val) {
  rs_scenario *s = b->s;
  if (!val) return RS_OK;
  if (rs__y_expect_map(b, val, "commute") < 0) return RS_EINVAL;
  static const char *const keys[] = {"line", "interchange", "am_peak", "samples",
                                     "onward_tolerance_min", "headline", "connections",
                                     "zones", "destinations", "modes", NULL};
  rs__y_check_keys(b, val, "commute", keys);
  rs__commute_def *c = calloc(1, sizeof *c);
  if (!c) return RS_ENOMEM;
  s->commute = c;
  rs__commute_defaults(c);
  rs__cm_bind_head(b, val, c);
  rs__cm_bind_connections(b, val, c);
  rs__cm_bind_zones(b, val, c);
  rs__cm_bind_dests(b, val, c);
  rs__cm_bind_modes(b, val, c);
  rs__cm_bind_headline(b, val, c);
  /* interchange, zones and destinations against each other, metro.onward:
   * scenario_validate_commute.c */
  return RS_OK;
}
