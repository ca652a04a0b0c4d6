/* The validation pass over the `commute:` section (docs/commute.md): the
 * interchange, connecting lines' service hours and periods, zones against the
 * interchange and each other, destination ids, and metro.onward against the
 * connections it summarises. The binder (scenario_commute.c) only reads. */
#include <math.h>
#include <string.h>
#include "input/scenario_validate.h"
#include "model/commute.h"

/* Mean wait for a random arrival at the interchange over the line's service
 * hours: half the headway, weighted by the time each headway applies. */
static double rs__cm_mean_half_headway_min(const rs__cm_line *l) {
  double sum = 0, span = 0;
  for (int i = 0; i < l->nperiods; i++) {
    double a = fmax(l->periods[i].from_s, l->first_s), z = fmin(l->periods[i].to_s, l->last_s);
    if (z > a) sum += (z - a) * l->periods[i].headway_s / 2, span += z - a;
  }
  return span > 0 ? sum / span / 60 : 0;
}

/* metro.onward is what the logit sees of the onward leg: it must agree with
 * the connections' weighted means (ride, wait, walk) within the tolerance. */
static void rs__validate_onward(rs__bind *b, const rs__ynode *at, const rs__commute_def *c) {
  const rs__metro_los *m = &b->s->model.metro;
  if (!c->line || c->ndests == 0 || m->onward_ivt_min <= 0) return;
  double w = 0, ride = 0, wait = 0, walk = 0;
  for (int i = 0; i < c->ndests; i++) {
    const rs__cm_dest *z = &c->dests[i];
    if (z->line < 0) return;
    w += z->weight;
    ride += z->weight * z->ride_min;
    wait += z->weight * rs__cm_mean_half_headway_min(&c->lines[z->line]);
    walk += z->weight * (c->lines[z->line].walk_min + z->xfer_min);
  }
  if (w <= 0) {
    rs__bind_err(b, at, RS_EINVAL, "'commute.destinations': the weights sum to 0");
    return;
  }
  const char *what[3] = {"ivt_min", "wait_min", "walk_min"};
  double got[3] = {ride / w, wait / w, walk / w};
  double want[3] = {m->onward_ivt_min, m->onward_wait_min, m->onward_walk_min};
  for (int k = 0; k < 3; k++)
    if (fabs(got[k] - want[k]) > c->onward_tol_min)
      rs__bind_err(b, at, RS_EINVAL,
                   "'commute.destinations': their weighted mean onward %s is %.1f min, but "
                   "metro.onward.%s is %g (tolerance %g min, commute.onward_tolerance_min)",
                   what[k], got[k], what[k], want[k], c->onward_tol_min);
}


/* A connecting line's last departure not before its first; its periods' to after from. */
static void rs__validate_cm_line(rs__bind *b, const rs__ynode *n, const char *p,
                                 const rs__cm_line *l) {
  if (n->kind != RS__Y_MAP) return;
  if (l->last_s < l->first_s)
    rs__bind_err(b, rs__y_get(n, "last"), RS_EINVAL, "'%s.last' is before its first departure", p);
  const rs__ynode *per = rs__y_get(n, "periods");
  if (!per || per->kind != RS__Y_SEQ || per->n == 0 || per->n > RS__CM_MAX_PERIODS) return;
  int k = 0; /* periods are stored for the mappings of the list only */
  for (size_t i = 0; i < per->n; i++) {
    const rs__ynode *pn = per->items[i];
    if (pn->kind != RS__Y_MAP) continue;
    const rs__period *pd = &l->periods[k++];
    char q[RS__KP_MAX], r[RS__KP_MAX];
    rs__kp_key(q, p, "periods");
    rs__kp_index(r, q, i);
    if (pd->to_s <= pd->from_s) rs__bind_err(b, pn, RS_EINVAL, "'%s': 'to' must be after 'from'", r);
  }
}

static void rs__validate_cm_lines(rs__bind *b, const rs__ynode *val, const rs__commute_def *c) {
  const rs__ynode *cn = rs__y_get(val, "connections");
  if (!cn || cn->kind != RS__Y_SEQ) return;
  for (size_t i = 0; i < cn->n && i < RS__CM_MAX_LINES && (int)i < c->nlines; i++) {
    char p[RS__KP_MAX];
    rs__kp_index(p, "commute.connections", i);
    rs__validate_cm_line(b, cn->items[i], p, &c->lines[i]);
  }
}

/* Zones: not at the interchange (reached through destinations), one per station. */
static void rs__validate_cm_zones(rs__bind *b, const rs__ynode *val, const rs__commute_def *c) {
  const rs__ynode *zn = rs__y_get(val, "zones");
  if (!zn || zn->kind != RS__Y_SEQ) return; /* the default zones skip the interchange */
  for (size_t i = 0; i < zn->n && i < RS__CM_MAX_ZONES && (int)i < c->nzones; i++) {
    char p[RS__KP_MAX];
    rs__kp_index(p, "commute.zones", i);
    const rs__cm_zone *z = &c->zones[i];
    if (z->station == c->interchange && z->station >= 0)
      rs__bind_err(b, zn->items[i], RS_EINVAL,
                   "'%s': the interchange is reached through 'destinations', not a zone", p);
    for (size_t j = 0; j < i; j++)
      if (c->zones[j].station == z->station && z->station >= 0)
        rs__bind_err(b, zn->items[i], RS_EINVAL, "'%s': station '%s' has two zones", p,
                     b->s->st[z->station].id);
  }
}

static void rs__validate_cm_dests(rs__bind *b, const rs__ynode *dn, const rs__commute_def *c) {
  if (!dn || dn->kind != RS__Y_SEQ) return;
  for (size_t i = 0; i < dn->n && i < RS__CM_MAX_DESTS && (int)i < c->ndests; i++) {
    char p[RS__KP_MAX];
    rs__kp_index(p, "commute.destinations", i);
    for (size_t j = 0; j < i; j++)
      if (!strcmp(c->dests[j].id, c->dests[i].id))
        rs__bind_err(b, dn->items[i], RS_EINVAL, "'%s': destination id '%s' is used twice", p,
                     c->dests[j].id);
  }
}

void rs__validate_commute(rs__vpass *v) {
  rs__bind *b = v->b;
  const rs__commute_def *c = b->s->commute;
  const rs__ynode *val = rs__y_get(b->root, "commute");
  if (!c || !val) return; /* none, or not a mapping: reported by the binder */
  if (c->interchange < 0)
    rs__bind_err(b, val, RS_EINVAL,
                 "'commute' needs 'interchange' (or a station in market.cross_zone)");
  const rs__ynode *pk = rs__y_get(val, "am_peak");
  if (pk && pk->kind == RS__Y_MAP && c->peak_to_s <= c->peak_from_s)
    rs__bind_err(b, pk, RS_EINVAL, "'commute.am_peak': 'to' must be after 'from'");
  rs__validate_cm_lines(b, val, c);
  rs__validate_cm_zones(b, val, c);
  const rs__ynode *dn = rs__y_get(val, "destinations");
  rs__validate_cm_dests(b, dn, c);
  if (c->nzones == 0) rs__bind_err(b, val, RS_EINVAL, "'commute' has no Ziyang-side zone");
  rs__validate_onward(b, dn ? dn : val, c);
}
