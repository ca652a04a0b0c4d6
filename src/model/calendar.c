/* Calendar: holidays, make-up workdays and travel seasons as sorted arrays,
 * day types by binary search. Files are read by input/calendar_bind.c. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/search.h"
#include "model/calendar.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "model/calendar_project.h"

/* Longest run of days off scanned after a working day (holiday_eve). */
#define RS__CAL_SCAN_DAYS 366

typedef struct rs__makeup {
  int32_t date;
  int hol;                      /* index into hol[] of the holiday it belongs to */
  char file[RS__CAL_FILE_MAX];
  int line, col;
} rs__makeup;


struct rs__calendar {
  rs__holiday *hol;   /* sorted by date, never overlapping */
  int nhol, caphol;
  rs__makeup *mk;     /* sorted by date, unique */
  int nmk, capmk;
  rs__season *sea;    /* sorted by date, never overlapping */
  int nsea, capsea;
  int eve_min;
  unsigned weekend_mask; /* bit w (0 = Monday): a weekend day; Sat+Sun by default */
  rs__cal_rules *rules;  /* projection rules of the last file that had them, or NULL */
  int proj_first, proj_last; /* first and last year projected, 0 when none */
  unsigned char proj_year[RS__CAL_YEARS]; /* [year - RS__CAL_YEAR0]: projected */
  int projecting;        /* entries being added are projected */
};

rs__calendar *rs__calendar_alloc(void) {
  rs__calendar *cal = calloc(1, sizeof *cal);
  if (cal) cal->eve_min = RS__CAL_EVE_MIN_DAYS, cal->weekend_mask = RS__CAL_SAT_SUN;
  return cal;
}

void rs__calendar_free(rs__calendar *cal) {
  if (!cal) return;
  free(cal->hol);
  free(cal->mk);
  free(cal->sea);
  free(cal->rules);
  free(cal);
}

static int rs__cal_reserve(void **p, int *cap, int need, size_t elem) {
  if (need <= *cap) return RS_OK;
  int ncap = *cap ? *cap : 16;
  while (ncap < need) ncap *= 2;
  void *np = realloc(*p, (size_t)ncap * elem);
  if (!np) return RS_ENOMEM;
  *p = np;
  *cap = ncap;
  return RS_OK;
}

static void rs__cal_copy(char *dst, size_t size, const char *src) {
  snprintf(dst, size, "%s", src ? src : "");
}

/* ---- lookups ---------------------------------------------------------- */

/* First holiday whose last day is >= DATE (nhol when none). Holidays never
 * overlap, so sorting by start also sorts by end. */
static int rs__hol_lower(const rs__calendar *cal, int32_t date) {
  return rs__lower_bound_i32(cal->hol, cal->nhol, sizeof *cal->hol, offsetof(rs__holiday, to), date);
}

static int rs__hol_find(const rs__calendar *cal, int32_t date) {
  int i = rs__hol_lower(cal, date);
  return (i < cal->nhol && cal->hol[i].from <= date) ? i : -1;
}

/* First make-up day >= DATE. */
static int rs__mk_lower(const rs__calendar *cal, int32_t date) {
  return rs__lower_bound_i32(cal->mk, cal->nmk, sizeof *cal->mk, offsetof(rs__makeup, date), date);
}

static int rs__mk_find(const rs__calendar *cal, int32_t date) {
  int i = rs__mk_lower(cal, date);
  return (i < cal->nmk && cal->mk[i].date == date) ? i : -1;
}

/* First season whose last day is >= DATE (seasons never overlap). */
static int rs__sea_lower(const rs__calendar *cal, int32_t date) {
  return rs__lower_bound_i32(cal->sea, cal->nsea, sizeof *cal->sea, offsetof(rs__season, to), date);
}

static int rs__sea_find(const rs__calendar *cal, int32_t date) {
  int i = rs__sea_lower(cal, date);
  return (i < cal->nsea && cal->sea[i].from <= date) ? i : -1;
}

int rs__calendar_is_weekend(const rs__calendar *cal, int32_t date) {
  return (cal->weekend_mask >> rs__weekday(date)) & 1u;
}

int rs__calendar_set_weekend(rs__calendar *cal, unsigned mask) {
  if (!cal || !mask || mask >= 0x7Fu) return RS_EINVAL; /* some days must be worked */
  cal->weekend_mask = mask;
  return RS_OK;
}

unsigned rs__calendar_weekend(const rs__calendar *cal) {
  return cal ? cal->weekend_mask : RS__CAL_SAT_SUN;
}

/* A day off: a holiday, or a weekend day that is not a make-up workday.
 * *HOL gets the holiday index or -1. */
static int rs__is_off(const rs__calendar *cal, int32_t date, int *hol) {
  *hol = rs__hol_find(cal, date);
  if (*hol >= 0) return 1;
  return rs__calendar_is_weekend(cal, date) && rs__mk_find(cal, date) < 0;
}

/* ---- adding entries --------------------------------------------------- */

static void rs__fmt_date(int32_t date, char *buf) { rs__date_format(date, buf); }

/* Problems of holiday H (with make-up days MK) against CAL; returns the
 * number of problems, *DUP the index of an identical holiday in CAL or -1. */
static int rs__check_holiday(const rs__calendar *cal, const rs__holiday *h,
                             const rs__mkcand *mk, int nmk, rs_diag *d, int *dup) {
  int bad = 0;
  char a[11], b[11], c[11], e[11];
  *dup = -1;
  for (int i = rs__hol_lower(cal, h->from); i < cal->nhol && cal->hol[i].from <= h->to; i++) {
    const rs__holiday *g = &cal->hol[i];
    if (g->from == h->from && g->to == h->to) {
      *dup = i;
      continue;
    }
    rs__fmt_date(h->from, a), rs__fmt_date(h->to, b);
    rs__fmt_date(g->from, c), rs__fmt_date(g->to, e);
    rs__diag_add(d, RS_EINVAL, h->file, h->line, h->col,
                 "holiday '%s' (%s to %s) overlaps holiday '%s' (%s to %s) defined at %s:%d:%d",
                 h->name, a, b, g->name, c, e, g->file, g->line, g->col);
    bad++;
  }
  for (int i = rs__mk_lower(cal, h->from); i < cal->nmk && cal->mk[i].date <= h->to; i++) {
    rs__fmt_date(cal->mk[i].date, a);
    rs__diag_add(d, RS_EINVAL, h->file, h->line, h->col,
                 "holiday '%s' covers %s, a make-up workday defined at %s:%d:%d", h->name, a,
                 cal->mk[i].file, cal->mk[i].line, cal->mk[i].col);
    bad++;
  }
  for (int k = 0; k < nmk; k++) {
    int32_t m = mk[k].date;
    int line = mk[k].line ? mk[k].line : h->line, col = mk[k].line ? mk[k].col : h->col;
    rs__fmt_date(m, a);
    if (!rs__calendar_is_weekend(cal, m)) {
      rs__diag_add(d, RS_EINVAL, h->file, line, col,
                   "make-up workday %s of '%s' is a weekday; make-up workdays are %s", a,
                   h->name, cal->weekend_mask == RS__CAL_SAT_SUN ? "Saturdays or Sundays"
                                                                : "weekend days");
      bad++;
    }
    if (m >= h->from && m <= h->to) {
      rs__diag_add(d, RS_EINVAL, h->file, line, col,
                   "make-up workday %s lies inside its own holiday '%s'", a, h->name);
      bad++;
    }
    int g = rs__hol_find(cal, m);
    if (g >= 0) {
      rs__diag_add(d, RS_EINVAL, h->file, line, col,
                   "make-up workday %s falls on holiday '%s' defined at %s:%d:%d", a,
                   cal->hol[g].name, cal->hol[g].file, cal->hol[g].line, cal->hol[g].col);
      bad++;
    }
  }
  return bad;
}

/* Insert H (unless DUP >= 0) and its make-up days. Capacity must be reserved. */
static void rs__apply_holiday(rs__calendar *cal, const rs__holiday *h, const rs__mkcand *mk,
                              int nmk, int dup) {
  int at = dup;
  if (at < 0) {
    at = rs__hol_lower(cal, h->from);
    memmove(&cal->hol[at + 1], &cal->hol[at], (size_t)(cal->nhol - at) * sizeof *cal->hol);
    cal->hol[at] = *h;
    cal->nhol++;
    for (int i = 0; i < cal->nmk; i++)
      if (cal->mk[i].hol >= at) cal->mk[i].hol++;
  }
  for (int k = 0; k < nmk; k++) {
    if (rs__mk_find(cal, mk[k].date) >= 0) continue; /* already known: consistent */
    int i = rs__mk_lower(cal, mk[k].date);
    memmove(&cal->mk[i + 1], &cal->mk[i], (size_t)(cal->nmk - i) * sizeof *cal->mk);
    rs__makeup *m = &cal->mk[i];
    m->date = mk[k].date;
    m->hol = at;
    rs__cal_copy(m->file, sizeof m->file, h->file);
    m->line = mk[k].line ? mk[k].line : h->line;
    m->col = mk[k].line ? mk[k].col : h->col;
    cal->nmk++;
  }
}

/* Field checks of a holiday that do not depend on the rest of the calendar. */
static int rs__check_holiday_fields(const char *name, const char *zh, int32_t from, int32_t to,
                                    int nmakeup, const char *file, int line, int col,
                                    rs_diag *d) {
  char a[11], b[11];
  if (!name || !*name)
    return rs__diag_add(d, RS_EINVAL, file, line, col, "holiday without a name");
  if (strlen(name) >= RS__CAL_NAME_MAX || (zh && strlen(zh) >= RS__CAL_NAME_MAX))
    return rs__diag_add(d, RS_ELIMIT, file, line, col,
                        "holiday name longer than %d bytes", RS__CAL_NAME_MAX - 1);
  rs__fmt_date(from, a), rs__fmt_date(to, b);
  if (to < from)
    return rs__diag_add(d, RS_EINVAL, file, line, col,
                        "holiday '%s' ends (%s) before it starts (%s)", name, b, a);
  if (to - from + 1 > RS__CAL_MAX_HOLIDAY_DAYS)
    return rs__diag_add(d, RS_ELIMIT, file, line, col,
                        "holiday '%s' lasts %ld days; at most %d are accepted", name,
                        (long)to - from + 1, RS__CAL_MAX_HOLIDAY_DAYS);
  if (nmakeup < 0 || nmakeup > RS__CAL_MAX_MAKEUP)
    return rs__diag_add(d, RS_ELIMIT, file, line, col,
                        "holiday '%s' has %d make-up workdays; at most %d are accepted", name,
                        nmakeup, RS__CAL_MAX_MAKEUP);
  return RS_OK;
}

static int rs__reserve_for(rs__calendar *cal, int nhol, int nmk, int nsea) {
  if (cal->nhol + nhol > RS__CAL_MAX_ENTRIES || cal->nmk + nmk > RS__CAL_MAX_ENTRIES ||
      cal->nsea + nsea > RS__CAL_MAX_ENTRIES)
    return RS_ELIMIT;
  int st = rs__cal_reserve((void **)&cal->hol, &cal->caphol, cal->nhol + nhol, sizeof *cal->hol);
  if (!st) st = rs__cal_reserve((void **)&cal->mk, &cal->capmk, cal->nmk + nmk, sizeof *cal->mk);
  if (!st)
    st = rs__cal_reserve((void **)&cal->sea, &cal->capsea, cal->nsea + nsea, sizeof *cal->sea);
  return st;
}

int rs__calendar_add_holiday_at(rs__calendar *cal, const char *name, const char *zh,
                               int32_t from, int32_t to, const rs__mkcand *mk, int nmk,
                               const char *file, int line, int col, rs_diag *d) {
  int st = rs__check_holiday_fields(name, zh, from, to, nmk, file, line, col, d);
  if (st) return st;
  rs__holiday h;
  memset(&h, 0, sizeof h);
  rs__cal_copy(h.name, sizeof h.name, name);
  rs__cal_copy(h.zh, sizeof h.zh, zh);
  rs__cal_copy(h.file, sizeof h.file, file ? file : "ridersim");
  h.from = from, h.to = to, h.line = line, h.col = col;
  h.projected = cal->projecting;
  int dup;
  if (rs__check_holiday(cal, &h, mk, nmk, d, &dup)) return RS_EINVAL;
  st = rs__reserve_for(cal, 1, nmk, 0);
  if (st == RS_ELIMIT)
    return rs__diag_add(d, st, file, line, col, "more than %d calendar entries",
                        RS__CAL_MAX_ENTRIES);
  if (st) return rs__diag_add(d, st, file, line, col, "out of memory");
  rs__apply_holiday(cal, &h, mk, nmk, dup);
  return RS_OK;
}

int rs__calendar_add_holiday(rs__calendar *cal, const char *name, const char *zh,
                             int32_t from, int32_t to, const int32_t *makeup, int nmakeup,
                             const char *file, int line, int col, rs_diag *d) {
  if (!cal || (nmakeup > 0 && !makeup)) return RS_EINVAL;
  rs__mkcand mk[RS__CAL_MAX_MAKEUP];
  if (nmakeup < 0 || nmakeup > RS__CAL_MAX_MAKEUP)
    return rs__check_holiday_fields(name, zh, from, to, nmakeup, file, line, col, d);
  for (int k = 0; k < nmakeup; k++) mk[k] = (rs__mkcand){makeup[k], 0, 0};
  return rs__calendar_add_holiday_at(cal, name, zh, from, to, mk, nmakeup, file, line, col, d);
}

/* Problems of season S against CAL; *DUP as for holidays. */
static int rs__check_season(const rs__calendar *cal, const rs__season *s, rs_diag *d,
                            int *dup) {
  int bad = 0;
  char a[11], b[11], c[11], e[11];
  *dup = -1;
  for (int i = rs__sea_lower(cal, s->from); i < cal->nsea && cal->sea[i].from <= s->to; i++) {
    const rs__season *g = &cal->sea[i];
    if (g->from == s->from && g->to == s->to) {
      *dup = i;
      continue;
    }
    rs__fmt_date(s->from, a), rs__fmt_date(s->to, b);
    rs__fmt_date(g->from, c), rs__fmt_date(g->to, e);
    rs__diag_add(d, RS_EINVAL, s->file, s->line, s->col,
                 "season %s to %s overlaps the season %s to %s defined at %s:%d:%d "
                 "(seasons may not overlap)", a, b, c, e, g->file, g->line, g->col);
    bad++;
  }
  return bad;
}

static void rs__apply_season(rs__calendar *cal, const rs__season *s, int dup) {
  if (dup >= 0) return;
  int at = rs__sea_lower(cal, s->from);
  memmove(&cal->sea[at + 1], &cal->sea[at], (size_t)(cal->nsea - at) * sizeof *cal->sea);
  cal->sea[at] = *s;
  cal->nsea++;
}

int rs__calendar_add_season(rs__calendar *cal, int32_t from, int32_t to, const char *file,
                            int line, int col, rs_diag *d) {
  return rs__calendar_add_season_kind(cal, NULL, NULL, from, to, file, line, col, d);
}

int rs__calendar_add_season_kind(rs__calendar *cal, const char *name, const char *kind,
                                 int32_t from, int32_t to, const char *file, int line, int col,
                                 rs_diag *d) {
  if (!cal) return RS_EINVAL;
  char a[11], b[11];
  rs__fmt_date(from, a), rs__fmt_date(to, b);
  if (to < from)
    return rs__diag_add(d, RS_EINVAL, file, line, col,
                        "season ends (%s) before it starts (%s)", b, a);
  if (to - from + 1 > RS__CAL_MAX_SEASON_DAYS)
    return rs__diag_add(d, RS_ELIMIT, file, line, col,
                        "season %s to %s lasts %ld days; at most %d are accepted", a, b,
                        (long)to - from + 1, RS__CAL_MAX_SEASON_DAYS);
  if ((name && strlen(name) >= RS__CAL_NAME_MAX) || (kind && strlen(kind) >= RS__CAL_NAME_MAX))
    return rs__diag_add(d, RS_ELIMIT, file, line, col, "season name longer than %d bytes",
                        RS__CAL_NAME_MAX - 1);
  rs__season s;
  memset(&s, 0, sizeof s);
  rs__cal_copy(s.name, sizeof s.name, name);
  rs__cal_copy(s.kind, sizeof s.kind, kind && *kind ? kind : "spring_festival");
  s.projected = cal->projecting;
  s.from = from, s.to = to, s.line = line, s.col = col;
  rs__cal_copy(s.file, sizeof s.file, file ? file : "ridersim");
  int dup;
  if (rs__check_season(cal, &s, d, &dup)) return RS_EINVAL;
  int st = rs__reserve_for(cal, 0, 0, 1);
  if (st == RS_ELIMIT)
    return rs__diag_add(d, st, file, line, col, "more than %d calendar entries",
                        RS__CAL_MAX_ENTRIES);
  if (st) return rs__diag_add(d, st, file, line, col, "out of memory");
  rs__apply_season(cal, &s, dup);
  return RS_OK;
}

int rs__calendar_eve_min_days(const rs__calendar *cal) {
  return cal ? cal->eve_min : RS__CAL_EVE_MIN_DAYS;
}

int rs__calendar_set_eve_min_days(rs__calendar *cal, int days) {
  if (!cal || days < 1 || days > RS__CAL_MAX_HOLIDAY_DAYS) return RS_EINVAL;
  cal->eve_min = days;
  return RS_OK;
}

/* Merge SRC (consistent in itself) into DST: all checks first, so DST is
 * unchanged on error. */
int rs__calendar_merge(rs__calendar *dst, const rs__calendar *src, rs_diag *d) {
  rs__mkcand mk[RS__CAL_MAX_MAKEUP];
  int bad = 0, dup;
  unsigned old_weekend = dst->weekend_mask;
  dst->weekend_mask = src->weekend_mask; /* SRC's make-up days are checked by its weekend */
  for (int i = 0; i < src->nhol; i++) {
    int n = 0;
    for (int k = 0; k < src->nmk && n < RS__CAL_MAX_MAKEUP; k++)
      if (src->mk[k].hol == i) mk[n++] = (rs__mkcand){src->mk[k].date, src->mk[k].line, src->mk[k].col};
    bad += rs__check_holiday(dst, &src->hol[i], mk, n, d, &dup);
  }
  for (int i = 0; i < src->nsea; i++) bad += rs__check_season(dst, &src->sea[i], d, &dup);
  int st = bad ? RS_EINVAL : rs__reserve_for(dst, src->nhol, src->nmk, src->nsea);
  if (st) dst->weekend_mask = old_weekend;
  if (bad) return RS_EINVAL;
  if (st == RS_ELIMIT)
    return rs__diag_add(d, st, NULL, 0, 0, "more than %d calendar entries", RS__CAL_MAX_ENTRIES);
  if (st) return rs__diag_add(d, st, NULL, 0, 0, "out of memory");
  for (int i = 0; i < src->nhol; i++) {
    int n = 0;
    for (int k = 0; k < src->nmk && n < RS__CAL_MAX_MAKEUP; k++)
      if (src->mk[k].hol == i) mk[n++] = (rs__mkcand){src->mk[k].date, src->mk[k].line, src->mk[k].col};
    rs__check_holiday(dst, &src->hol[i], mk, n, NULL, &dup);
    rs__apply_holiday(dst, &src->hol[i], mk, n, dup);
  }
  for (int i = 0; i < src->nsea; i++) {
    rs__check_season(dst, &src->sea[i], NULL, &dup);
    rs__apply_season(dst, &src->sea[i], dup);
  }
  dst->eve_min = src->eve_min;
  dst->weekend_mask = src->weekend_mask;
  return RS_OK;
}

/* ---- projected years (calendar_project.h does the projecting) ---------- */

void rs__calendar_set_projecting(rs__calendar *cal, int on) {
  if (cal) cal->projecting = on;
}

void rs__calendar_projected_years(const rs__calendar *cal, int *first, int *last) {
  *first = cal ? cal->proj_first : 0;
  *last = cal ? cal->proj_last : 0;
}

const char *rs__calendar_rules_file(const rs__calendar *cal) {
  if (!cal || !cal->rules) return "";
  if (cal->rules->nhol) return cal->rules->hol[0].file;
  return cal->rules->nsea ? cal->rules->sea[0].file : "";
}

/* Remove every projected entry, so published data can be merged and the
 * projection redone from the merged calendar. */
static void rs__drop_projected(rs__calendar *cal) {
  /* Make-up days first, while their holiday indices still hold: an index
   * drops by the number of projected holidays before it. */
  int n = 0;
  for (int i = 0; i < cal->nmk; i++) {
    int h = cal->mk[i].hol;
    if (cal->hol[h].projected) continue;
    int shift = 0;
    for (int k = 0; k < h; k++) shift += cal->hol[k].projected;
    cal->mk[n] = cal->mk[i];
    cal->mk[n++].hol = h - shift;
  }
  cal->nmk = n;
  n = 0;
  for (int i = 0; i < cal->nhol; i++)
    if (!cal->hol[i].projected) cal->hol[n++] = cal->hol[i];
  cal->nhol = n;
  n = 0;
  for (int i = 0; i < cal->nsea; i++)
    if (!cal->sea[i].projected) cal->sea[n++] = cal->sea[i];
  cal->nsea = n;
  cal->proj_first = cal->proj_last = 0;
  memset(cal->proj_year, 0, sizeof cal->proj_year);
}

static int rs__year_of(int32_t date) {
  int y, m, d;
  rs__civil_from_days(date, &y, &m, &d);
  return y;
}

/* Project every year from the rules' `from` (default: the year of the first
 * published holiday) to their `until` that has no published holiday (a year
 * counts by the year its holidays end in: New Year may start in December). */
static int rs__reproject(rs__calendar *cal, rs_diag *d) {
  rs__drop_projected(cal);
  if (!cal->rules) return RS_OK;
  unsigned char published[RS__CAL_YEARS] = {0};
  for (int i = 0; i < cal->nhol; i++) {
    int y = rs__year_of(cal->hol[i].to) - RS__CAL_YEAR0;
    if (y >= 0 && y < RS__CAL_YEARS) published[y] = 1;
  }
  int first = cal->rules->from ? cal->rules->from
              : cal->nhol     ? rs__year_of(cal->hol[0].to) : 0;
  int st = RS_OK;
  cal->projecting = 1;
  for (int y = first; first && y <= cal->rules->until && st == RS_OK; y++) {
    if (y < RS__CAL_YEAR0 || y >= RS__CAL_YEAR0 + RS__CAL_YEARS || published[y - RS__CAL_YEAR0])
      continue;
    st = rs__calendar_project_year(cal, cal->rules, y, d);
    cal->proj_year[y - RS__CAL_YEAR0] = 1;
    if (!cal->proj_first) cal->proj_first = y;
    cal->proj_last = y;
  }
  cal->projecting = 0;
  if (st != RS_OK) rs__drop_projected(cal);
  return st;
}

int rs__calendar_merge_projected(rs__calendar *dst, rs__calendar *src, rs__cal_rules *rules,
                                 rs_diag *d) {
  if (rules) {
    free(src->rules);
    src->rules = rules;
    /* The rules on the file's own holidays. Into an empty calendar (the usual
     * single file) the projection below is that very projection: done once. */
    int empty = !dst->nhol && !dst->nmk && !dst->nsea && !dst->rules;
    int st = empty ? RS_OK : rs__reproject(src, d);
    rs__drop_projected(src);
    if (st) return st;
  }
  rs__drop_projected(dst);
  int st = rs__calendar_merge(dst, src, d);
  if (!st && src->rules) {
    free(dst->rules);
    dst->rules = src->rules;
    src->rules = NULL;
  }
  int pst = rs__reproject(dst, d); /* on error: the old rules again, as before */
  return st ? st : pst;
}

/* ---- queries ---------------------------------------------------------- */

int rs__calendar_daytype(const rs__calendar *cal, int32_t date, rs__dayinfo *o) {
  if (!cal || !o) return RS_EINVAL;
  memset(o, 0, sizeof *o);
  o->weekday = rs__weekday(date);
  o->weekend = (int)((cal->weekend_mask >> o->weekday) & 1u);
  o->holiday = rs__hol_find(cal, date);
  o->holiday_day = -1;
  if (o->holiday >= 0) {
    const rs__holiday *h = &cal->hol[o->holiday];
    o->holiday_day = (int)(date - h->from);
    o->holiday_len = (int)(h->to - h->from + 1);
  }
  int m = rs__mk_find(cal, date);
  o->makeup_for = m >= 0 ? cal->mk[m].hol : -1;
  o->working = m >= 0 || (!o->weekend && o->holiday < 0);
  o->eve_of = -1;
  if (o->working) {
    /* The break that follows: consecutive days off; an eve needs a holiday in it. */
    int len = 0, first = -1, hol;
    while (len < RS__CAL_SCAN_DAYS && rs__is_off(cal, date + 1 + len, &hol)) {
      if (first < 0 && hol >= 0) first = hol;
      len++;
    }
    if (first >= 0 && len >= cal->eve_min) {
      o->eve_of = first;
      o->break_len = len;
    }
  }
  int s = rs__sea_find(cal, date);
  o->season = s;
  o->season_day = s >= 0 ? (int)(date - cal->sea[s].from) : -1;
  o->season_kind = s >= 0 ? cal->sea[s].kind : NULL;
  int y, mo, dd;
  rs__civil_from_days(date, &y, &mo, &dd);
  o->projected = y >= RS__CAL_YEAR0 && y < RS__CAL_YEAR0 + RS__CAL_YEARS &&
                 cal->proj_year[y - RS__CAL_YEAR0];

  if (o->holiday >= 0) o->type = RS__DAY_HOLIDAY;
  else if (o->eve_of >= 0) o->type = RS__DAY_HOLIDAY_EVE;
  else if (m >= 0) o->type = RS__DAY_MAKEUP;
  else if (o->weekend) o->type = RS__DAY_WEEKEND;
  else o->type = RS__DAY_WORKDAY;
  return RS_OK;
}

int rs__calendar_nholidays(const rs__calendar *cal) { return cal ? cal->nhol : 0; }

const rs__holiday *rs__calendar_holiday(const rs__calendar *cal, int i) {
  return (cal && i >= 0 && i < cal->nhol) ? &cal->hol[i] : NULL;
}

int rs__calendar_nseasons(const rs__calendar *cal) { return cal ? cal->nsea : 0; }

const rs__season *rs__calendar_season(const rs__calendar *cal, int i) {
  return (cal && i >= 0 && i < cal->nsea) ? &cal->sea[i] : NULL;
}

int rs__calendar_span(const rs__calendar *cal, int32_t *first, int32_t *last) {
  if (!cal || (!cal->nhol && !cal->nmk && !cal->nsea)) return RS_EINVAL;
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  if (cal->nhol) {
    if (cal->hol[0].from < lo) lo = cal->hol[0].from;
    if (cal->hol[cal->nhol - 1].to > hi) hi = cal->hol[cal->nhol - 1].to;
  }
  if (cal->nmk) {
    if (cal->mk[0].date < lo) lo = cal->mk[0].date;
    if (cal->mk[cal->nmk - 1].date > hi) hi = cal->mk[cal->nmk - 1].date;
  }
  if (cal->nsea) {
    if (cal->sea[0].from < lo) lo = cal->sea[0].from;
    if (cal->sea[cal->nsea - 1].to > hi) hi = cal->sea[cal->nsea - 1].to;
  }
  if (first) *first = lo;
  if (last) *last = hi;
  return RS_OK;
}

static const char *const rs__daytype_names[RS__NDAYTYPES] = {
    "workday", "weekend", "holiday", "makeup", "holiday_eve"};

const char *rs__daytype_name(rs__daytype t) {
  return ((int)t >= 0 && t < RS__NDAYTYPES) ? rs__daytype_names[t] : "?";
}

int rs__daytype_parse(const char *name, rs__daytype *out) {
  if (!name || !out) return RS_EINVAL;
  for (int i = 0; i < RS__NDAYTYPES; i++)
    if (strcmp(name, rs__daytype_names[i]) == 0) {
      *out = (rs__daytype)i;
      return RS_OK;
    }
  return RS_EINVAL;
}

