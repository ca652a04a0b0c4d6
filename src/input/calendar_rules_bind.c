/* The `projection:` section of a calendar file -> rs__cal_rules
 * (calendar_project.h). Every problem is reported at its FILE:LINE:COL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/calendar_bind.h"
#include "base/diag.h"
#include "model/lunar.h"
#include "input/yamldoc.h"

static const char *const rs__wd_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* An error at node N; every call passes a literal format. */
#define rs__rerr(d, n, ...) rs__diag_add((d), RS_EINVAL, (n)->file, (n)->line, (n)->col, __VA_ARGS__)

/* Report keys of MAP outside ALLOWED (NULL-terminated); returns how many. */
static int rs__rkeys(const rs__ynode *map, const char *what, const char *const *allowed,
                     rs_diag *d) {
  int bad = 0;
  for (size_t i = 0; i < map->n; i++) {
    const char *k = map->keys[i]->text;
    int ok = 0;
    for (const char *const *a = allowed; *a; a++) ok |= strcmp(k, *a) == 0;
    if (!ok) bad += !!rs__rerr(d, map->keys[i], "unknown key '%s' in %s", k, what);
  }
  return bad;
}

/* A whole number in [LO, HI] from scalar N. */
static int rs__rint(const rs__ynode *n, const char *what, long lo, long hi, int *out,
                    rs_diag *d) {
  char *end = NULL;
  long v = (n && n->kind == RS__Y_SCALAR) ? strtol(n->text, &end, 10) : 0;
  if (!n || n->kind != RS__Y_SCALAR || !*n->text || *end || v < lo || v > hi) {
    char range[64];
    snprintf(range, sizeof range, "a whole number from %ld to %ld", lo, hi);
    return n ? rs__rerr(d, n, "%s must be %s", what, range)
             : RS_EINVAL;
  }
  *out = (int)v;
  return RS_OK;
}

static int rs__rname(const rs__ynode *n, const char *what, char *out, rs_diag *d) {
  if (!n || n->kind != RS__Y_SCALAR || !*n->text || strlen(n->text) >= RS__CAL_NAME_MAX)
    return n ? rs__rerr(d, n, "%s must be a name (at most 95 bytes)%s", what, "")
             : RS_EINVAL;
  snprintf(out, RS__CAL_NAME_MAX, "%s", n->text);
  return RS_OK;
}

/* "MM-DD" */
static int rs__rmonthday(const rs__ynode *n, const char *what, int *m, int *day, rs_diag *d) {
  char extra;
  if (n->kind != RS__Y_SCALAR || sscanf(n->text, "%2d-%2d%c", m, day, &extra) != 2 || *m < 1 ||
      *m > 12 || *day < 1 || *day > 31)
    return rs__rerr(d, n, "%s must be a month and day MM-DD (e.g. 10-01), not '%s'", what,
                    n->kind == RS__Y_SCALAR ? n->text : "?");
  return RS_OK;
}

static int rs__bind_day_pattern(const rs__ynode *n, rs__break_day *b, rs_diag *d) {
  static const char *const keys[] = {"from", "to", "makeup", NULL};
  if (n->kind != RS__Y_MAP) return rs__rerr(d, n, "a pattern day must be a mapping %s%s", "{from, to, makeup}", "");
  int bad = rs__rkeys(n, "pattern day", keys, d);
  const rs__ynode *f = rs__ymap_get(n, "from"), *t = rs__ymap_get(n, "to");
  const rs__ynode *m = rs__ymap_get(n, "makeup");
  if (!f || !t) bad += !!rs__rerr(d, n, "a pattern day needs 'from' and 'to'%s%s", "", "");
  if (f && rs__rint(f, "from", -7, 7, &b->from, d)) bad++;
  if (t && rs__rint(t, "to", -7, 7, &b->to, d)) bad++;
  if (!bad && b->to < b->from) bad += !!rs__rerr(d, t, "'to' is before 'from'%s%s", "", "");
  b->nmakeup = 0;
  if (m && m->kind == RS__Y_SEQ && m->n <= RS__RULE_MAX_MAKEUP) {
    for (size_t i = 0; i < m->n; i++)
      if (rs__rint(m->items[i], "makeup", -14, 14, &b->makeup[b->nmakeup++], d)) bad++;
  } else if (m) {
    bad += !!rs__rerr(d, m, "makeup must be a list of at most 4 day offsets%s%s", "", "");
  }
  return bad ? RS_EINVAL : RS_OK;
}

static int rs__bind_patterns(const rs__ynode *n, rs__cal_rules *r, rs_diag *d) {
  if (n->kind != RS__Y_MAP)
    return rs__rerr(d, n, "patterns must be a mapping of named patterns%s%s", "", "");
  int bad = 0;
  for (size_t i = 0; i < n->n && r->npat < RS__RULES_MAX; i++) {
    rs__break_pattern *p = &r->pat[r->npat];
    const rs__ynode *pn = n->items[i];
    if (rs__rname(n->keys[i], "pattern name", p->name, d)) { bad++; continue; }
    if (pn->kind != RS__Y_MAP) { bad += !!rs__rerr(d, pn, "pattern '%s' must map mon..sun to days off%s", p->name, ""); continue; }
    static const char *const wkeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
    bad += rs__rkeys(pn, "pattern", wkeys, d);
    for (int w = 0; w < 7; w++) {
      const rs__ynode *wn = rs__ymap_get(pn, rs__wd_names[w]);
      if (!wn) { bad += !!rs__rerr(d, pn, "pattern '%s' has no entry for '%s'", p->name, rs__wd_names[w]); continue; }
      if (rs__bind_day_pattern(wn, &p->wd[w], d)) bad++;
    }
    r->npat++;
  }
  return bad ? RS_EINVAL : RS_OK;
}

static int rs__find_pattern(const rs__cal_rules *r, const char *name) {
  for (int i = 0; i < r->npat; i++)
    if (!strcmp(r->pat[i].name, name)) return i;
  return -1;
}

static int rs__find_rule(const rs__cal_rules *r, const char *name) {
  for (int i = 0; i < r->nhol; i++)
    if (!strcmp(r->hol[i].name, name)) return i;
  return -1;
}

/* The anchor of a holiday rule: exactly one of date, lunar, solar_term, or
 * month + weekday + nth. */
static int rs__bind_anchor(const rs__ynode *n, rs__hrule *h, rs_diag *d) {
  const rs__ynode *dt = rs__ymap_get(n, "date"), *lu = rs__ymap_get(n, "lunar");
  const rs__ynode *te = rs__ymap_get(n, "solar_term"), *wd = rs__ymap_get(n, "weekday");
  if ((dt != NULL) + (lu != NULL) + (te != NULL) + (wd != NULL) != 1)
    return rs__rerr(d, n, "holiday rule '%s' needs exactly one of date, lunar, solar_term or "
                    "weekday (with month and nth)%s", h->name, "");
  if (dt) return h->anchor = RS__ANCHOR_DATE, rs__rmonthday(dt, "date", &h->month, &h->day, d);
  if (lu) return h->anchor = RS__ANCHOR_LUNAR, rs__rmonthday(lu, "lunar", &h->month, &h->day, d);
  if (te) {
    int deg;
    h->anchor = RS__ANCHOR_TERM;
    if (rs__rint(te, "solar_term (degrees of solar longitude)", 0, 345, &deg, d)) return RS_EINVAL;
    h->lon = deg;
    return RS_OK;
  }
  h->anchor = RS__ANCHOR_NTH;
  h->weekday = -1;
  for (int w = 0; w < 7; w++)
    if (wd->kind == RS__Y_SCALAR && !strcmp(wd->text, rs__wd_names[w])) h->weekday = w;
  if (h->weekday < 0) return rs__rerr(d, wd, "weekday must be one of mon, tue, ... sun%s%s", "", "");
  if (rs__rint(rs__ymap_get(n, "month"), "month", 1, 12, &h->month, d) ||
      rs__rint(rs__ymap_get(n, "nth"), "nth (1-5, or -1 for the last)", -1, 5, &h->nth, d) || !h->nth)
    return rs__rerr(d, wd, "a weekday rule needs month (1-12) and nth (1-5, or -1 for the last)%s%s", "", "");
  return RS_OK;
}

static int rs__bind_hrule(const rs__ynode *n, rs__cal_rules *r, rs_diag *d) {
  static const char *const keys[] = {"name", "zh", "date", "lunar", "solar_term", "month",
                                     "weekday", "nth", "offset", "days", "pattern", "break", "break_from",
                                     "joins", "join_within", "join_break", "note", NULL};
  if (n->kind != RS__Y_MAP) return rs__rerr(d, n, "a holiday rule must be a mapping%s%s", "", "");
  rs__hrule *h = &r->hol[r->nhol];
  memset(h, 0, sizeof *h);
  snprintf(h->file, sizeof h->file, "%s", n->file);
  h->line = n->line, h->col = n->col, h->days = 1, h->pattern = h->joins = -1;
  int bad = rs__rkeys(n, "holiday rule", keys, d);
  if (rs__rname(rs__ymap_get(n, "name"), "name", h->name, d)) return RS_EINVAL;
  const rs__ynode *zh = rs__ymap_get(n, "zh"), *pt = rs__ymap_get(n, "pattern");
  if (zh && rs__rname(zh, "zh", h->zh, d)) bad++;
  if (rs__bind_anchor(n, h, d)) bad++;
  const rs__ynode *x;
  if ((x = rs__ymap_get(n, "offset")) && rs__rint(x, "offset", -7, 7, &h->offset, d)) bad++;
  if ((x = rs__ymap_get(n, "days")) && rs__rint(x, "days", 1, RS__RULE_MAX_BREAK, &h->days, d)) bad++;
  if ((x = rs__ymap_get(n, "break")) && rs__rint(x, "break", 1, RS__RULE_MAX_BREAK, &h->brk, d)) bad++;
  if ((x = rs__ymap_get(n, "break_from"))) {
    if (x->kind == RS__Y_SCALAR && !strcmp(x->text, "first_day")) h->from_first = 1;
    else if (!(x->kind == RS__Y_SCALAR && !strcmp(x->text, "fewest_borrowed")))
      bad += !!rs__rerr(d, x, "break_from must be first_day or fewest_borrowed");
  }
  if (pt && pt->kind == RS__Y_SCALAR && (h->pattern = rs__find_pattern(r, pt->text)) < 0)
    bad += !!rs__rerr(d, pt, "unknown pattern '%s' (define it under projection.patterns)%s", pt->text, "");
  if (pt && h->brk) bad += !!rs__rerr(d, pt, "a rule has a pattern or a break, not both%s%s", "", "");
  if (pt && h->days != 1) bad += !!rs__rerr(d, pt, "a pattern bridges one statutory day (days: 1)%s%s", "", "");
  if (h->brk && h->brk < h->days) bad += !!rs__rerr(d, n, "'%s': break shorter than its statutory days%s", h->name, "");
  const rs__ynode *jw = rs__ymap_get(n, "join_within"), *jb = rs__ymap_get(n, "join_break");
  if (rs__ymap_get(n, "joins")) {
    if (!jw || jw->kind != RS__Y_SEQ || jw->n != 2 || !jb ||
        rs__rint(jw->items[0], "join_within", -31, 31, &h->join_from, d) ||
        rs__rint(jw->items[1], "join_within", -31, 31, &h->join_to, d) ||
        rs__rint(jb, "join_break", 1, RS__RULE_MAX_BREAK, &h->join_break, d))
      bad += !!rs__rerr(d, n, "'%s' joins another holiday: give join_within: [FROM, TO] (days "
                        "from that holiday's date) and join_break: DAYS%s", h->name, "");
  }
  if (bad) return RS_EINVAL;
  r->nhol++;
  return RS_OK;
}

static int rs__bind_srule(const rs__ynode *n, rs__cal_rules *r, rs_diag *d) {
  static const char *const keys[] = {"name", "season", "around", "from", "to", "note", NULL};
  if (n->kind != RS__Y_MAP) return rs__rerr(d, n, "a season rule must be a mapping%s%s", "", "");
  rs__srule *s = &r->sea[r->nsea];
  memset(s, 0, sizeof *s);
  snprintf(s->file, sizeof s->file, "%s", n->file);
  s->line = n->line, s->col = n->col;
  int bad = rs__rkeys(n, "season rule", keys, d);
  char around[RS__CAL_NAME_MAX] = "";
  if (rs__rname(rs__ymap_get(n, "name"), "name", s->name, d)) bad++;
  if (rs__rname(rs__ymap_get(n, "season"), "season", s->season, d)) bad++;
  if (rs__rname(rs__ymap_get(n, "around"), "around", around, d)) bad++;
  if (rs__rint(rs__ymap_get(n, "from"), "from", -183, 183, &s->from, d)) bad++;
  if (rs__rint(rs__ymap_get(n, "to"), "to", -183, 183, &s->to, d)) bad++;
  if (!bad && (s->around = rs__find_rule(r, around)) < 0)
    bad += !!rs__rerr(d, rs__ymap_get(n, "around"), "'around': no holiday rule named '%s'%s", around, "");
  if (!bad && s->to < s->from) bad += !!rs__rerr(d, n, "season rule '%s' ends before it starts%s", s->name, "");
  if (bad) return RS_EINVAL;
  r->nsea++;
  return RS_OK;
}

static int rs__bind_rule_list(const rs__ynode *n, const char *what, rs__cal_rules *r,
                              int (*one)(const rs__ynode *, rs__cal_rules *, rs_diag *),
                              rs_diag *d) {
  if (!n) return RS_OK;
  if (n->kind != RS__Y_SEQ) return rs__rerr(d, n, "%s must be a list%s", what, "");
  if (n->n > RS__RULES_MAX) return rs__rerr(d, n, "%s: at most 32 rules%s", what, "");
  int bad = 0;
  for (size_t i = 0; i < n->n; i++) bad += one(n->items[i], r, d) != RS_OK;
  return bad ? RS_EINVAL : RS_OK;
}

/* joins: NAME resolved once every rule is known. */
static int rs__resolve_joins(const rs__ynode *list, rs__cal_rules *r, rs_diag *d) {
  int bad = 0;
  for (int i = 0; i < r->nhol && list; i++) {
    const rs__ynode *j = rs__ymap_get(list->items[i], "joins");
    if (!j) continue;
    int k = j->kind == RS__Y_SCALAR ? rs__find_rule(r, j->text) : -1;
    if (k < 0 || k == i || r->hol[k].brk == 0)
      bad += !!rs__rerr(d, j, "'joins': '%s' is not another holiday rule with a break%s",
                        j->kind == RS__Y_SCALAR ? j->text : "?", "");
    r->hol[i].joins = k;
  }
  return bad ? RS_EINVAL : RS_OK;
}

int rs__cal_rules_bind(const rs__ynode *n, rs__cal_rules *r, rs_diag *d) {
  static const char *const keys[] = {"from", "until", "utc_offset_hours", "patterns",
                                     "holidays", "seasons", "note", NULL};
  memset(r, 0, sizeof *r);
  if (n->kind != RS__Y_MAP)
    return rs__rerr(d, n, "projection must be a mapping {until, holidays, ...}%s%s", "", "");
  int bad = rs__rkeys(n, "projection", keys, d), tz = 8;
  const rs__ynode *x;
  if ((x = rs__ymap_get(n, "from")) &&
      rs__rint(x, "from", RS__LUNAR_YEAR_MIN, RS__LUNAR_YEAR_MAX - 1, &r->from, d)) bad++;
  if (rs__rint(rs__ymap_get(n, "until"), "until", RS__LUNAR_YEAR_MIN, RS__LUNAR_YEAR_MAX - 1,
               &r->until, d)) {
    if (!rs__ymap_get(n, "until")) rs__rerr(d, n, "projection needs 'until' (the last year to project)%s%s", "", "");
    bad++;
  }
  if ((x = rs__ymap_get(n, "utc_offset_hours")) && rs__rint(x, "utc_offset_hours", -12, 14, &tz, d)) bad++;
  r->tz_minutes = 60 * tz;
  if ((x = rs__ymap_get(n, "patterns")) && rs__bind_patterns(x, r, d)) bad++;
  const rs__ynode *hl = rs__ymap_get(n, "holidays");
  if (rs__bind_rule_list(hl, "projection.holidays", r, rs__bind_hrule, d)) bad++;
  else if (rs__resolve_joins(hl, r, d)) bad++;
  if (!bad && rs__bind_rule_list(rs__ymap_get(n, "seasons"), "projection.seasons", r,
                                 rs__bind_srule, d)) bad++;
  return bad ? RS_EINVAL : RS_OK;
}
