/* Projection of holidays, make-up workdays and seasons from rules
 * (calendar_project.h; the rule written out in docs/demand-model.md). */
#include <stdio.h>
#include <string.h>
#include "model/calendar_project.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "model/lunar.h"

#define RS__MAKEUP_REACH 14      /* make-up days are sought this many days around a break */

/* One projected holiday of a year before it is added. */
typedef struct rs__phol {
  const rs__hrule *rule;
  char name[RS__CAL_NAME_MAX], zh[RS__CAL_NAME_MAX];
  int32_t first_stat;            /* first statutory day */
  int nstat;
  int32_t stat[2 * RS__RULE_MAX_BREAK];
  int32_t from, to;              /* days off */
  int32_t mk[RS__CAL_MAX_MAKEUP];
  int nmk;
  int brk;                       /* break length (long rules), 0 for patterns */
  int coincide;                  /* statutory days of a joined rule on the same date */
  int merged;                    /* joined into another rule's break */
} rs__phol;

static int rs__nth_weekday(int year, int month, int weekday, int nth, int32_t *out) {
  if (nth > 0) {
    int32_t d = rs__days_from_civil(year, month, 1);
    d += (weekday - rs__weekday(d) + 7) % 7;
    *out = d + 7 * (nth - 1);
  } else {
    int32_t d = rs__days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;
    d -= (rs__weekday(d) - weekday + 7) % 7;
    *out = d + 7 * (nth + 1);
  }
  int y, m, dd;
  rs__civil_from_days(*out, &y, &m, &dd);
  return (y == year && m == month) ? RS_OK : RS_EINVAL;
}

int rs__rule_anchor(const rs__cal_rules *rules, const rs__hrule *r, int year, int32_t *out) {
  switch (r->anchor) {
  case RS__ANCHOR_DATE: {
    int32_t d = rs__days_from_civil(year, r->month, r->day);
    int y, m, dd;
    rs__civil_from_days(d, &y, &m, &dd);
    if (m != r->month) return RS_EINVAL; /* 02-29 in a common year */
    *out = d;
    return RS_OK;
  }
  case RS__ANCHOR_LUNAR:
    return rs__lunar_date(year, r->month, r->day, rules->tz_minutes, out);
  case RS__ANCHOR_TERM:
    return rs__solar_term_date(year, r->lon, rules->tz_minutes, out);
  case RS__ANCHOR_NTH:
    return rs__nth_weekday(year, r->month, r->weekday, r->nth, out);
  }
  return RS_EINVAL;
}

static int rs__is_stat(const rs__phol *h, int32_t d) {
  for (int i = 0; i < h->nstat; i++)
    if (h->stat[i] == d) return 1;
  return 0;
}

/* Whether D is a day off given CAL, the year's projected holidays P[0..n) and
 * the make-up days chosen so far. */
static int rs__off(const rs__calendar *cal, const rs__phol *p, int n, int32_t d) {
  for (int i = 0; i < n; i++) {
    if (p[i].merged) continue;
    for (int k = 0; k < p[i].nmk; k++)
      if (p[i].mk[k] == d) return 0;
    if (d >= p[i].from && d <= p[i].to) return 1;
  }
  rs__dayinfo di;
  rs__calendar_daytype(cal, d, &di);
  return !di.working;
}

/* The run of consecutive working days through D if D were worked. */
static int rs__work_run(const rs__calendar *cal, const rs__phol *p, int n, int32_t d) {
  int run = 1;
  for (int32_t x = d - 1; x > d - 60 && !rs__off(cal, p, n, x); x--) run++;
  for (int32_t x = d + 1; x < d + 60 && !rs__off(cal, p, n, x); x++) run++;
  return run;
}

/* A weekend day that could be worked to repay the break of H. */
static int rs__makeup_candidate(const rs__calendar *cal, const rs__phol *p, int n,
                                const rs__phol *h, int32_t d) {
  if (!rs__calendar_is_weekend(cal, d) || (d >= h->from - 1 && d <= h->to + 1)) return 0;
  if (!rs__off(cal, p, n, d)) return 0; /* already worked */
  rs__dayinfo di;
  rs__calendar_daytype(cal, d, &di);
  if (di.holiday >= 0) return 0;
  for (int i = 0; i < n; i++)
    if (!p[i].merged && d >= p[i].from && d <= p[i].to) return 0;
  return 1;
}

/* Weekdays a break FROM..FROM+LEN-1 borrows, less the statutory days it
 * repays (those on a weekend, and those sharing a date with another). */
static int rs__borrowed(const rs__calendar *cal, const rs__phol *h, int32_t from, int len) {
  int borrowed = -h->coincide;
  for (int32_t d = from; d < from + len; d++) {
    int stat = rs__is_stat(h, d), wkend = rs__calendar_is_weekend(cal, d);
    borrowed += (!stat && !wkend) - (stat && wkend);
  }
  return borrowed;
}

/* The candidate days of the nearest weekend on each side of the break that
 * still has one: *B0..*B1 before, *A0..*A1 after (empty: b0 > b1). */
static void rs__nearest_weekends(const rs__calendar *cal, const rs__phol *p, int n,
                                 const rs__phol *h, int32_t *b0, int32_t *b1, int32_t *a0,
                                 int32_t *a1) {
  *b0 = 1, *b1 = 0, *a0 = 1, *a1 = 0;
  for (int32_t d = h->from - 2; d >= h->from - RS__MAKEUP_REACH; d--)
    if (rs__makeup_candidate(cal, p, n, h, d)) {
      *b1 = d;
      /* the whole weekend it ends (a Sunday: its Saturday too) */
      for (*b0 = d; rs__calendar_is_weekend(cal, *b0 - 1) && *b0 > d - 6;) --*b0;
      break;
    }
  for (int32_t d = h->to + 2; d <= h->to + RS__MAKEUP_REACH; d++)
    if (rs__makeup_candidate(cal, p, n, h, d)) {
      *a0 = d;
      /* the whole weekend it starts (a Saturday: its Sunday too) */
      for (*a1 = d; rs__calendar_is_weekend(cal, *a1 + 1) && *a1 < d + 6;) ++*a1;
      break;
    }
}

static int rs__dist(const rs__phol *h, int32_t d) {
  return d < h->from ? h->from - d : d - h->to;
}

/* Days off, borrowed weekdays and their repayment for a rule with a break:
 * the break holds every statutory day and borrows the fewest weekdays (ties:
 * the latest start), or starts on the first statutory day (break_from). */
static void rs__long_break(const rs__calendar *cal, rs__phol *p, int n, rs__phol *h) {
  int32_t lo = h->stat[0], hi = h->stat[0];
  for (int i = 0; i < h->nstat; i++) {
    if (h->stat[i] < lo) lo = h->stat[i];
    if (h->stat[i] > hi) hi = h->stat[i];
  }
  h->from = lo;
  for (int32_t s = lo - 1; !h->rule->from_first && s >= hi - h->brk + 1; s--)
    if (rs__borrowed(cal, h, s, h->brk) < rs__borrowed(cal, h, h->from, h->brk)) h->from = s;
  h->to = h->from + h->brk - 1;
  int need = rs__borrowed(cal, h, h->from, h->brk);
  while (need-- > 0 && h->nmk < RS__CAL_MAX_MAKEUP) {
    int32_t best = 0, b0, b1, a0, a1;
    int best_run = 1 << 30;
    rs__nearest_weekends(cal, p, n, h, &b0, &b1, &a0, &a1);
    for (int32_t d = h->from - RS__MAKEUP_REACH; d <= h->to + RS__MAKEUP_REACH; d++) {
      if (!((d >= b0 && d <= b1) || (d >= a0 && d <= a1))) continue;
      if (!rs__makeup_candidate(cal, p, n, h, d)) continue;
      int run = rs__work_run(cal, p, n, d);
      /* the shortest run of work; ties: nearer the break, then the earlier */
      if (run < best_run || (run == best_run && rs__dist(h, d) < rs__dist(h, best)))
        best = d, best_run = run;
    }
    if (best_run == 1 << 30) break;
    h->mk[h->nmk++] = best;
  }
  /* A weekend split by a make-up day leaves its other day off beside the
   * break: it belongs to the break (2026-02-15 before the Spring Festival). */
  for (int k = 0; k < h->nmk; k++) {
    if (h->mk[k] == h->from - 2 && rs__calendar_is_weekend(cal, h->from - 1)) h->from--;
    if (h->mk[k] == h->to + 2 && rs__calendar_is_weekend(cal, h->to + 1)) h->to++;
  }
}

static void rs__pattern_break(const rs__cal_rules *rules, rs__phol *h) {
  const rs__break_day *b = &rules->pat[h->rule->pattern].wd[rs__weekday(h->first_stat)];
  h->from = h->first_stat + b->from;
  h->to = h->first_stat + h->nstat - 1 + b->to;
  for (int k = 0; k < b->nmakeup && h->nmk < RS__CAL_MAX_MAKEUP; k++)
    h->mk[h->nmk++] = h->first_stat + b->makeup[k];
}

/* The anchor dates of every holiday rule in YEAR (RC[i] as rs__rule_anchor
 * returns it), the lunar ones from one computation of the lunar year: rule by
 * rule, it was computed again for each (issue 17: most of loading a scenario). */
static void rs__year_anchors(const rs__cal_rules *rules, int year, int32_t *a, int *rc) {
  int mon[RS__RULES_MAX] = {0}, day[RS__RULES_MAX] = {0}, ix[RS__RULES_MAX], nl = 0;
  for (int i = 0; i < rules->nhol; i++) {
    const rs__hrule *r = &rules->hol[i];
    if (r->anchor != RS__ANCHOR_LUNAR) {
      rc[i] = rs__rule_anchor(rules, r, year, &a[i]);
      continue;
    }
    mon[nl] = r->month, day[nl] = r->day, ix[nl++] = i;
  }
  int32_t la[RS__RULES_MAX];
  int lrc[RS__RULES_MAX];
  rs__lunar_dates(year, mon, day, nl, rules->tz_minutes, la, lrc);
  for (int k = 0; k < nl; k++) {
    rc[ix[k]] = lrc[k];
    if (lrc[k] == RS_OK) a[ix[k]] = la[k];
  }
}

/* Statutory days of every rule in YEAR (anchors A, RC), joined rules merged; a
 * rule without a date that year is left out. */
static int rs__year_holidays(const rs__cal_rules *rules, int year, const int32_t *anchor,
                             const int *arc, rs__phol *p) {
  for (int i = 0; i < rules->nhol; i++) {
    const rs__hrule *r = &rules->hol[i];
    rs__phol *h = &p[i];
    memset(h, 0, sizeof *h);
    h->rule = r;
    int32_t a = anchor[i];
    if (arc[i] != RS_OK) { /* 02-29, a 5th Monday: not this year */
      h->merged = 3;
      continue;
    }
    h->first_stat = a + r->offset;
    for (int k = 0; k < r->days; k++) h->stat[h->nstat++] = h->first_stat + k;
    h->brk = r->brk;
    snprintf(h->name, sizeof h->name, "%.80s %d", r->name, year);
    snprintf(h->zh, sizeof h->zh, "%s", r->zh);
  }
  for (int i = 0; i < rules->nhol; i++) {
    const rs__hrule *r = &rules->hol[i];
    if (r->joins < 0) continue;
    rs__phol *h = &p[i], *o = &p[r->joins];
    if (h->merged || o->merged) continue;
    int32_t gap = h->stat[0] - r->offset - (o->stat[0] - o->rule->offset);
    if (gap < r->join_from || gap > r->join_to) continue;
    h->merged = 1;
    for (int k = 0; k < h->nstat && o->nstat < 2 * RS__RULE_MAX_BREAK; k++) {
      if (rs__is_stat(o, h->stat[k])) o->coincide++; /* one day owed back */
      else o->stat[o->nstat++] = h->stat[k];
    }
    o->brk = r->join_break;
    char nm[RS__CAL_NAME_MAX], zh[RS__CAL_NAME_MAX];
    snprintf(nm, sizeof nm, "%.40s and %.40s %d", o->rule->name, r->name, year);
    snprintf(zh, sizeof zh, "%.40s、%.40s", o->rule->zh, r->zh);
    memcpy(o->name, nm, sizeof nm);
    memcpy(o->zh, zh, sizeof zh);
  }
  return RS_OK;
}

/* Breaks by pattern first (their make-up days are fixed), then the long
 * breaks in date order, each seeing the days off already placed. */
static int rs__project_year(rs__calendar *cal, const rs__cal_rules *rules, int year,
                            rs_diag *d) {
  rs__phol p[RS__RULES_MAX];
  int32_t anchor[RS__RULES_MAX];
  int arc[RS__RULES_MAX];
  rs__year_anchors(rules, year, anchor, arc);
  int n = rules->nhol, st = rs__year_holidays(rules, year, anchor, arc, p);
  int order[RS__RULES_MAX], no = 0;
  for (int i = 0; i < n; i++) {
    if (p[i].merged) continue;
    if (p[i].brk > 0 && p[i].nstat > 0) {
      p[i].from = p[i].to = p[i].first_stat; /* placed below */
      order[no++] = i;
      p[i].merged = 2;                      /* not placed yet: invisible to rs__off */
    } else if (p[i].rule->pattern >= 0 && p[i].nstat == 1) {
      rs__pattern_break(rules, &p[i]);
    } else {
      p[i].from = p[i].stat[0];
      p[i].to = p[i].stat[p[i].nstat - 1];
    }
  }
  for (int a = 1; a < no; a++) /* insertion sort by first statutory day */
    for (int b = a; b > 0 && p[order[b]].first_stat < p[order[b - 1]].first_stat; b--) {
      int t = order[b];
      order[b] = order[b - 1], order[b - 1] = t;
    }
  for (int k = 0; k < no; k++) {
    p[order[k]].merged = 0;
    rs__long_break(cal, p, n, &p[order[k]]);
  }
  for (int i = 0; i < n && !st; i++) {
    if (p[i].merged) continue;
    const rs__hrule *r = p[i].rule;
    st = rs__calendar_add_holiday(cal, p[i].name, p[i].zh, p[i].from, p[i].to, p[i].mk,
                                  p[i].nmk, r->file, r->line, r->col, d);
  }
  for (int i = 0; i < rules->nsea && !st; i++) {
    const rs__srule *s = &rules->sea[i];
    if (arc[s->around] != RS_OK) continue;
    int32_t a = anchor[s->around];
    char nm[RS__CAL_NAME_MAX];
    snprintf(nm, sizeof nm, "%.80s %d", s->name, year);
    st = rs__calendar_add_season_kind(cal, nm, s->season, a + s->from, a + s->to, s->file,
                                      s->line, s->col, d);
  }
  return st;
}

int rs__calendar_project_year(rs__calendar *cal, const rs__cal_rules *rules, int year,
                              rs_diag *d) {
  if (!cal || !rules) return RS_EINVAL;
  return rs__project_year(cal, rules, year, d);
}
