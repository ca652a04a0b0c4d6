/* Calendar files (format in docs/demand-model.md) bound into a model calendar,
 * every problem as "FILE:LINE:COL: message". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "input/calendar_bind.h"
#include "input/embedded.h"
#include "input/yamldoc.h"


static int rs__key_is(const rs__ynode *key, const char *const *allowed) {
  for (; *allowed; allowed++)
    if (strcmp(key->text, *allowed) == 0) return 1;
  return 0;
}

/* Report every key of MAP not in ALLOWED; returns how many. */
static int rs__unknown_keys(const rs__ynode *map, const char *what, const char *const *allowed,
                            const char *expect, rs_diag *d) {
  int bad = 0;
  for (size_t i = 0; i < map->n; i++) {
    const rs__ynode *k = map->keys[i];
    if (k->kind != RS__Y_SCALAR || !rs__key_is(k, allowed)) {
      rs__diag_add(d, RS_EINVAL, k->file, k->line, k->col, "unknown key '%s' in %s (expected %s)",
                   k->kind == RS__Y_SCALAR ? k->text : "?", what, expect);
      bad++;
    }
  }
  return bad;
}

static const char *rs__scalar(const rs__ynode *n, const char *what, rs_diag *d) {
  if (n && n->kind == RS__Y_SCALAR) return n->text;
  if (n) rs__diag_add(d, RS_EINVAL, n->file, n->line, n->col, "%s must be a single value", what);
  return NULL;
}

static int rs__ydate(const rs__ynode *n, const char *what, int32_t *out, rs_diag *d) {
  const char *s = rs__scalar(n, what, d);
  if (!s) return RS_EINVAL;
  if (rs__date_parse(s, out) != 0)
    return rs__diag_add(d, RS_EINVAL, n->file, n->line, n->col,
                        "%s: '%s' is not a date (want YYYY-MM-DD)", what, s);
  return RS_OK;
}

static int rs__bind_holiday(rs__calendar *tmp, const rs__ynode *h, rs_diag *d) {
  static const char *const keys[] = {"name", "zh", "from", "to", "makeup", "note", NULL};
  if (h->kind != RS__Y_MAP)
    return rs__diag_add(d, RS_EINVAL, h->file, h->line, h->col,
                        "a holiday must be a mapping {name, from, to, makeup}");
  int bad = rs__unknown_keys(h, "holiday", keys, "name, zh, from, to, makeup, note", d);
  const rs__ynode *nn = rs__ymap_get(h, "name"), *zn = rs__ymap_get(h, "zh");
  const rs__ynode *fn = rs__ymap_get(h, "from"), *tn = rs__ymap_get(h, "to");
  const rs__ynode *mn = rs__ymap_get(h, "makeup");
  const char *name = rs__scalar(nn, "holiday name", d), *zh = "";
  if (!nn) {
    rs__diag_add(d, RS_EINVAL, h->file, h->line, h->col, "holiday without 'name'");
    bad++;
  } else if (!name) bad++;
  if (zn && !(zh = rs__scalar(zn, "zh", d))) bad++;
  int32_t from = 0, to = 0;
  if (!fn) {
    rs__diag_add(d, RS_EINVAL, h->file, h->line, h->col, "holiday without 'from' date");
    bad++;
  } else if (rs__ydate(fn, "from", &from, d)) bad++;
  if (tn) {
    if (rs__ydate(tn, "to", &to, d)) bad++;
  } else to = from; /* a one-day holiday */
  rs__mkcand mk[RS__CAL_MAX_MAKEUP];
  int nmk = 0;
  if (mn && !rs__ynode_is_null(mn)) {
    const rs__ynode *const *items = (const rs__ynode *const *)&mn;
    size_t n = 1;
    if (mn->kind == RS__Y_SEQ) items = (const rs__ynode *const *)mn->items, n = mn->n;
    else if (mn->kind == RS__Y_MAP) {
      rs__diag_add(d, RS_EINVAL, mn->file, mn->line, mn->col,
                   "makeup must be a date or a list of dates");
      bad++;
      n = 0;
    }
    if (n > RS__CAL_MAX_MAKEUP) {
      rs__diag_add(d, RS_ELIMIT, mn->file, mn->line, mn->col,
                   "%zu make-up workdays; at most %d are accepted", n, RS__CAL_MAX_MAKEUP);
      bad++;
      n = 0;
    }
    for (size_t k = 0; k < n; k++) {
      int32_t m;
      if (rs__ydate(items[k], "makeup", &m, d)) {
        bad++;
        continue;
      }
      mk[nmk++] = (rs__mkcand){m, items[k]->line, items[k]->col};
    }
  }
  if (bad) return RS_EINVAL;
  return rs__calendar_add_holiday_at(tmp, name, zh, from, to, mk, nmk, h->file, h->line, h->col, d);
}

/* A season of `seasons:` (KINDED: its kind in key 'season') or of the older
 * `spring_festival_travel:` list (kind spring_festival). */
static int rs__bind_season_any(rs__calendar *tmp, const rs__ynode *s, int kinded, rs_diag *d) {
  static const char *const keys[] = {"name", "from", "to", "note", NULL};
  static const char *const kkeys[] = {"name", "season", "from", "to", "note", NULL};
  if (s->kind != RS__Y_MAP)
    return rs__diag_add(d, RS_EINVAL, s->file, s->line, s->col, "a season must be a mapping %s",
                        kinded ? "{name, season, from, to}" : "{from, to}");
  int bad = rs__unknown_keys(s, "season", kinded ? kkeys : keys,
                             kinded ? "name, season, from, to, note" : "name, from, to, note", d);
  const rs__ynode *fn = rs__ymap_get(s, "from"), *tn = rs__ymap_get(s, "to");
  const rs__ynode *nn = rs__ymap_get(s, "name"), *kn = rs__ymap_get(s, "season");
  const char *name = nn ? rs__scalar(nn, "season name", d) : "", *kind = "spring_festival";
  if (!name) bad++;
  if (kinded && !kn) {
    rs__diag_add(d, RS_EINVAL, s->file, s->line, s->col,
                 "season without 'season' (which season it is, e.g. school_holidays)");
    bad++;
  } else if (kinded && (!(kind = rs__scalar(kn, "season", d)) || !*kind)) {
    bad++;
  }
  int32_t from = 0, to = 0;
  if (!fn || !tn) {
    rs__diag_add(d, RS_EINVAL, s->file, s->line, s->col, "season needs 'from' and 'to'");
    bad++;
  }
  if (fn && rs__ydate(fn, "from", &from, d)) bad++;
  if (tn && rs__ydate(tn, "to", &to, d)) bad++;
  if (bad) return RS_EINVAL;
  return rs__calendar_add_season_kind(tmp, name, kind, from, to, s->file, s->line, s->col, d);
}

static int rs__bind_season(rs__calendar *tmp, const rs__ynode *s, rs_diag *d) {
  return rs__bind_season_any(tmp, s, 0, d);
}

static int rs__bind_kinded_season(rs__calendar *tmp, const rs__ynode *s, rs_diag *d) {
  return rs__bind_season_any(tmp, s, 1, d);
}

/* weekend: [sat, sun] (the default) or any other days, e.g. [fri, sat]. */
static int rs__bind_weekend(rs__calendar *tmp, const rs__ynode *n, rs_diag *d) {
  static const char *const names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (!n) return RS_OK;
  if (n->kind != RS__Y_SEQ || n->n == 0 || n->n > 6)
    return rs__diag_add(d, RS_EINVAL, n->file, n->line, n->col,
                        "weekend must be a list of one to six days, e.g. [sat, sun]");
  unsigned mask = 0;
  for (size_t i = 0; i < n->n; i++) {
    const rs__ynode *it = n->items[i];
    int w = -1;
    for (int k = 0; k < 7 && it->kind == RS__Y_SCALAR; k++)
      if (!strcmp(it->text, names[k])) w = k;
    if (w < 0)
      return rs__diag_add(d, RS_EINVAL, it->file, it->line, it->col,
                          "weekend days are mon, tue, wed, thu, fri, sat, sun");
    mask |= 1u << w;
  }
  return rs__calendar_set_weekend(tmp, mask);
}

/* Merge TMP (one file; FIRST its binding status so far) into CAL with the
 * projection redone, using the file's `projection:` rules PN if it has them. */
static int rs__bind_projection(rs__calendar *cal, rs__calendar *tmp, const rs__ynode *pn,
                               int first, rs_diag *d) {
  rs__cal_rules *rules = NULL;
  if (pn && !rs__ynode_is_null(pn)) {
    rules = calloc(1, sizeof *rules);
    if (!rules) return rs__diag_add(d, RS_ENOMEM, pn->file, 0, 0, "out of memory");
    int st = rs__cal_rules_bind(pn, rules, d);
    if (st && !first) first = st;
  }
  if (first) {
    free(rules);
    return first;
  }
  return rs__calendar_merge_projected(cal, tmp, rules, d);
}

static int rs__bind_list(rs__calendar *tmp, const rs__ynode *list, const char *what,
                         int (*bind)(rs__calendar *, const rs__ynode *, rs_diag *),
                         rs_diag *d) {
  if (!list || rs__ynode_is_null(list)) return RS_OK;
  if (list->kind != RS__Y_SEQ)
    return rs__diag_add(d, RS_EINVAL, list->file, list->line, list->col,
                        "%s must be a list", what);
  int first = RS_OK;
  for (size_t i = 0; i < list->n; i++) {
    int st = bind(tmp, list->items[i], d);
    if (st && !first) first = st;
  }
  return first;
}

static int rs__calendar_bind(rs__calendar *cal, const rs__ynode *root, const char *name,
                             rs_diag *d) {
  static const char *const keys[] = {"ridersim_calendar", "name", "source", "note",
                                     "eve_min_days", "holidays", "spring_festival_travel",
                                     "seasons", "projection", "weekend", NULL};
  if (!root || root->kind != RS__Y_MAP)
    return rs__diag_add(d, RS_EINVAL, root ? root->file : name, root ? root->line : 0,
                        root ? root->col : 0,
                        "a calendar file must be a mapping starting 'ridersim_calendar: 1'");
  const rs__ynode *ver = rs__ymap_get(root, "ridersim_calendar");
  if (!ver)
    return rs__diag_add(d, RS_EINVAL, root->file, root->line, root->col,
                        "not a calendar file: 'ridersim_calendar: 1' missing");
  if (ver->kind != RS__Y_SCALAR || strcmp(ver->text, "1") != 0)
    return rs__diag_add(d, RS_EINVAL, ver->file, ver->line, ver->col,
                        "unsupported calendar format version (this program reads 1)");
  int first = RS_OK, st;
  if (rs__unknown_keys(root, "calendar", keys,
                       "ridersim_calendar, name, source, note, eve_min_days, holidays, "
                       "seasons, spring_festival_travel, projection, weekend", d))
    first = RS_EINVAL;
  rs__calendar *tmp = rs__calendar_alloc();
  if (!tmp) return rs__diag_add(d, RS_ENOMEM, name, 0, 0, "out of memory");
  rs__calendar_set_eve_min_days(tmp, rs__calendar_eve_min_days(cal));
  rs__calendar_set_weekend(tmp, rs__calendar_weekend(cal));
  st = rs__bind_weekend(tmp, rs__ymap_get(root, "weekend"), d);
  if (st && !first) first = st;
  const rs__ynode *eve = rs__ymap_get(root, "eve_min_days");
  if (eve) {
    const char *s = rs__scalar(eve, "eve_min_days", d);
    char *end = NULL;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || rs__calendar_set_eve_min_days(tmp, (int)(v > 99 ? 99 : v))) {
      if (s)
        rs__diag_add(d, RS_EINVAL, eve->file, eve->line, eve->col,
                     "eve_min_days must be a whole number of days from 1 to %d",
                     RS__CAL_MAX_HOLIDAY_DAYS);
      if (!first) first = RS_EINVAL;
    }
  }
  st = rs__bind_list(tmp, rs__ymap_get(root, "holidays"), "holidays", rs__bind_holiday, d);
  if (st && !first) first = st;
  st = rs__bind_list(tmp, rs__ymap_get(root, "spring_festival_travel"),
                     "spring_festival_travel", rs__bind_season, d);
  if (st && !first) first = st;
  st = rs__bind_list(tmp, rs__ymap_get(root, "seasons"), "seasons", rs__bind_kinded_season, d);
  if (st && !first) first = st;
  first = rs__bind_projection(cal, tmp, rs__ymap_get(root, "projection"), first, d);
  rs__calendar_free(tmp);
  return first;
}

int rs__calendar_load_buffer(rs__calendar *cal, const char *name, const char *buf, size_t len,
                             rs_diag *d) {
  if (!cal || !buf) return RS_EINVAL;
  rs__ydoc *doc = NULL;
  int st = rs__ydoc_load_buffer(name, buf, len, &doc, d);
  if (st) return st;
  st = rs__calendar_bind(cal, rs__ydoc_root(doc), name, d);
  rs__ydoc_free(doc);
  return st;
}

int rs__calendar_load(rs__calendar *cal, const char *path, rs_diag *d) {
  if (!cal || !path) return RS_EINVAL;
  if (strncmp(path, RS__EMBED_PREFIX, strlen(RS__EMBED_PREFIX)) == 0) {
    const rs__embedded *e = rs__embedded_find(path);
    if (!e) return rs__diag_add(d, RS_EIO, path, 0, 0, "no such built-in calendar");
    return rs__calendar_load_buffer(cal, path, e->data, e->len, d);
  }
  rs__ydoc *doc = NULL;
  int st = rs__ydoc_load_file(path, &doc, d);
  if (st) return st;
  st = rs__calendar_bind(cal, rs__ydoc_root(doc), path, d);
  rs__ydoc_free(doc);
  return st;
}
