/* Binding of the calendar-run sections: period, calendar, output, market (the
 * demand model), metro, modes, choice, events, observed. Keys and defaults are
 * listed in docs/scenario-reference.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/calendar_bind.h"
#include "model/demand_model.h"
#include "base/diag.h"
#include "input/scenario_model.h"
#include "model/defaults.h"

int rs__bind_period(rs__bind *b, const rs__ynode *val) {
  rs_scenario *s = b->s;
  if (!val) return RS_OK;
  static const char *const keys[] = {"start", "end", NULL};
  if (rs__y_expect_map(b, val, "period") < 0) return RS_EINVAL;
  rs__y_check_keys(b, val, "period", keys);
  /* end before start, too long: scenario_validate.c */
  rs__get_date(b, val, "period", "start", 1, &s->period.start);
  rs__get_date(b, val, "period", "end", 1, &s->period.end);
  return RS_OK;
}

/* Load the named calendar files now, merged in order as the run will, so
 * `check` reports their problems (with positions) and the run cannot fail on
 * them later. A file that cannot be read is reported at its YAML node. */
static int rs__check_calendars(rs__bind *b, const rs__ynode *const *items, size_t n) {
  const rs_scenario *s = b->s;
  if ((size_t)s->ncalendars != n) return RS_OK; /* a path was already reported */
  rs__calendar *cal = rs__calendar_alloc();
  if (!cal) return RS_ENOMEM;
  int rc = RS_OK;
  for (int i = 0; i < s->ncalendars && rc == RS_OK; i++) {
    char *buf = NULL, why[256];
    size_t len = 0;
    rc = rs__source_read(s->calendars[i], RS__Y_MAX_FILE_BYTES, &buf, &len, why, sizeof why);
    if (rc == RS_ENOMEM) break;
    if (rc != RS_OK) {
      rs__bind_err(b, items ? items[i] : NULL, RS_EINVAL, "'calendar': cannot read '%s': %s",
                   s->calendars[i], why);
      rc = RS_EINVAL;
      break;
    }
    b->hash = rs__fnv1a(b->hash, buf, len); /* the scenario's results depend on it */
    rc = rs__calendar_load_buffer(cal, s->calendars[i], buf, len, b->d);
    free(buf);
    if (rc != RS_OK) b->nerr++;
  }
  if (rc == RS_OK) {
    rs__calendar_free(b->s->cal);
    b->s->cal = cal; /* parsed once, from the bytes hashed above */
  } else {
    rs__calendar_free(cal);
  }
  return rc == RS_ENOMEM ? rc : RS_OK;
}

int rs__bind_calendar(rs__bind *b, const rs__ynode *val) {
  rs_scenario *s = b->s;
  if (!val) return rs__check_calendars(b, NULL, 1); /* the default calendar */
  s->ncalendars = 0;
  const rs__ynode *one[1] = {val};
  const rs__ynode *const *items = one;
  size_t n = 1;
  if (val->kind == RS__Y_SEQ) {
    items = (const rs__ynode *const *)val->items;
    n = val->n;
  }
  if (n > RS__MAX_CALENDARS)
    return rs__bind_err(b, val, RS_ELIMIT, "'calendar' lists %zu files; at most %d", n,
                        RS__MAX_CALENDARS);
  for (size_t i = 0; i < n; i++) {
    char path[RS__KP_MAX], text[RS__PATH_MAX];
    if (val->kind == RS__Y_SEQ)
      rs__kp_index(path, "calendar", i);
    else
      snprintf(path, sizeof path, "calendar");
    if (rs__y_string(b, items[i], path, RS__PATH_MAX - 1, text) != RS_OK) continue;
    rs__path_resolve(s->calendars[s->ncalendars++], RS__PATH_MAX, items[i]->file, text);
  }
  return rs__check_calendars(b, items, n);
}

int rs__bind_output(rs__bind *b, const rs__ynode *val) {
  if (!val) return RS_OK;
  static const char *const keys[] = {"detail_date", NULL};
  if (rs__y_expect_map(b, val, "output") < 0) return RS_EINVAL;
  rs__y_check_keys(b, val, "output", keys);
  rs__get_date(b, val, "output", "detail_date", 0, &b->s->detail_date);
  return RS_OK;
}

/* A day-type bit set from a list of day-type names. */
static int rs__bind_daytypes(rs__bind *b, const rs__ynode *n, const char *path, unsigned *mask) {
  *mask = 0;
  if (rs__y_expect_seq(b, n, path) < 0) return RS_EINVAL;
  for (size_t i = 0; i < n->n; i++) {
    char p[RS__KP_MAX], name[RS__ID_MAX];
    rs__kp_index(p, path, i);
    if (rs__y_id(b, n->items[i], p, name) != RS_OK) continue;
    rs__daytype t;
    if (rs__daytype_parse(name, &t) != RS_OK) {
      const char *names[RS__NDAYTYPES];
      for (int k = 0; k < RS__NDAYTYPES; k++) names[k] = rs__daytype_name((rs__daytype)k);
      const char *sug = rs__suggest(name, names, RS__NDAYTYPES);
      rs__bind_err(b, n->items[i], RS_EINVAL,
                   "'%s': unknown day type '%s'%s%s%s (day types: workday, weekend, holiday, "
                   "makeup, holiday_eve; seasons such as spring_festival are not day types)",
                   p, name, sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
      continue;
    }
    *mask |= 1u << t;
  }
  return RS_OK;
}

static int rs__profile_find(const rs_scenario *s, const char *name) {
  for (int i = 0; i < s->demand.nprofiles; i++)
    if (!strcmp(s->demand.profiles[i].name, name)) return i;
  return -1;
}

/* A profile name of demand.profiles -> index. */
static int rs__bind_profile_ref(rs__bind *b, const rs__ynode *n, const char *path, int *out) {
  char name[RS__ID_MAX];
  if (rs__y_id(b, n, path, name) != RS_OK) return RS_EINVAL;
  if (!strcmp(name, "flat")) {
    *out = -1;
    return RS_OK;
  }
  *out = rs__profile_find(b->s, name);
  if (*out < 0)
    return rs__bind_err(b, n, RS_EINVAL, "'%s': unknown profile '%s' (define it in demand.profiles)",
                        path, name);
  return RS_OK;
}

/* season_factors: {KIND: factor, ...}; any season kind a calendar may name. */
static void rs__bind_season_factors(rs__bind *b, const rs__ynode *sf, const char *path,
                                    rs__purpose_def *pd) {
  char p[RS__KP_MAX];
  rs__kp_key(p, path, "season_factors");
  pd->nseason = 0;
  if (!sf || rs__y_expect_map(b, sf, p) < 0) return;
  if (sf->n > RS__MAX_SEASON_FACTORS) {
    rs__bind_err(b, sf, RS_ELIMIT, "'%s' names %zu seasons; at most %d", p, sf->n,
                 RS__MAX_SEASON_FACTORS);
    return;
  }
  for (size_t i = 0; i < sf->n; i++) {
    char q[RS__KP_MAX];
    rs__kp_key(q, p, sf->keys[i]->text);
    if (rs__y_id(b, sf->keys[i], q, pd->season[pd->nseason]) != RS_OK) continue;
    pd->season_factor[pd->nseason] = 1;
    if (rs__get_number(b, sf, p, sf->keys[i]->text, 1, 0, 100, 0,
                       &pd->season_factor[pd->nseason]) == 1)
      pd->nseason++;
  }
}

static void rs__bind_purpose(rs__bind *b, const rs__ynode *n, const char *path,
                             rs__purpose_def *pd) {
  static const char *const keys[] = {"profile", "day_factors", "season_factors", "weekdays",
                                     "novelty", "scale", NULL};
  if (rs__y_expect_map(b, n, path) < 0) return;
  rs__y_check_keys(b, n, path, keys);
  char p[RS__KP_MAX];
  const rs__ynode *prof = rs__y_get(n, "profile");
  rs__kp_key(p, path, "profile");
  if (prof && prof->kind == RS__Y_MAP) {
    static const char *const dkeys[] = {"up", "down", NULL};
    rs__y_check_keys(b, prof, p, dkeys);
    char q[RS__KP_MAX];
    const rs__ynode *up = rs__y_get(prof, "up"), *down = rs__y_get(prof, "down");
    rs__kp_key(q, p, "up");
    if (up) rs__bind_profile_ref(b, up, q, &pd->profile[RS__UP]);
    rs__kp_key(q, p, "down");
    if (down) rs__bind_profile_ref(b, down, q, &pd->profile[RS__DOWN]);
  } else if (prof) {
    if (rs__bind_profile_ref(b, prof, p, &pd->profile[RS__UP]) == RS_OK)
      pd->profile[RS__DOWN] = pd->profile[RS__UP];
  }
  const rs__ynode *df = rs__y_get(n, "day_factors");
  rs__kp_key(p, path, "day_factors");
  if (df && rs__y_expect_map(b, df, p) == 0) {
    static const char *const dkeys[] = {"workday", "weekend", "holiday", "makeup",
                                        "holiday_eve", NULL};
    const rs__ynode *sf = rs__y_get(df, "spring_festival");
    if (sf)
      rs__bind_err(b, sf, RS_EINVAL, "'%s.spring_festival': the Spring Festival travel season "
                   "is a season, not a day type: give its factor in season_factors "
                   "(weekends inside it stay weekends)", p);
    else
      rs__y_check_keys(b, df, p, dkeys);
    for (int t = 0; t < RS__NDAYTYPES; t++)
      rs__get_number(b, df, p, rs__daytype_name((rs__daytype)t), 0, 0, 100, 0, &pd->day_factor[t]);
  }
  rs__bind_season_factors(b, rs__y_get(n, "season_factors"), path, pd);
  /* Day-of-week factors on top of the day type's: weekly commuters travel home
   * on Friday evening and back on Sunday or Monday (shared/data/ziyang-line.md). */
  const rs__ynode *wd = rs__y_get(n, "weekdays");
  rs__kp_key(p, path, "weekdays");
  if (wd && rs__y_expect_map(b, wd, p) == 0) {
    static const char *const wkeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
    rs__y_check_keys(b, wd, p, wkeys);
    for (int k = 0; k < 7; k++) rs__get_number(b, wd, p, wkeys[k], 0, 0, 100, 0, &pd->weekday_factor[k]);
  }
  rs__get_number(b, n, path, "scale", 0, 0, 100, 0, &pd->scale);
  int nov = pd->novelty > 0;
  if (rs__get_bool(b, n, path, "novelty", 0, &nov) == 1) pd->novelty = nov;
}

static void rs__bind_market_od(rs__bind *b, const rs__ynode *list, const char *path) {
  rs__demand_model *dm = &b->s->model;
  if (rs__y_expect_seq(b, list, path) < 0) return;
  if (list->n > RS__MAX_MARKET)
    rs__bind_err(b, list, RS_ELIMIT, "'%s' has %zu rows; at most %d", path, list->n, RS__MAX_MARKET);
  size_t n = list->n > RS__MAX_MARKET ? RS__MAX_MARKET : list->n;
  dm->market = calloc(2 * n + 1, sizeof *dm->market);
  if (!dm->market) return;
  static const char *const keys[] = {"from", "to", "commute", "business", "leisure", "other",
                                     "both_ways", NULL};
  for (size_t i = 0; i < n; i++) {
    const rs__ynode *row = list->items[i];
    char p[RS__KP_MAX], q[RS__KP_MAX];
    rs__kp_index(p, path, i);
    if (rs__y_expect_map(b, row, p) < 0) continue;
    rs__y_check_keys(b, row, p, keys);
    rs__market_od m = {0};
    int okf = 0, okt = 0;
    if (rs__y_require(b, row, p, "from") == 1) {
      rs__kp_key(q, p, "from");
      okf = rs__y_station(b, rs__y_get(row, "from"), q, &m.origin) == RS_OK;
    }
    if (rs__y_require(b, row, p, "to") == 1) {
      rs__kp_key(q, p, "to");
      okt = rs__y_station(b, rs__y_get(row, "to"), q, &m.dest) == RS_OK;
    }
    for (int k = 0; k < RS_NPURPOSE; k++)
      rs__get_number(b, row, p, rs__purpose_names[k], 0, 0, 1e7, 0, &m.trips[k]);
    int both = 0;
    rs__get_bool(b, row, p, "both_ways", 0, &both);
    if (!(okf && okt)) continue;
    dm->market[dm->nmarket++] = m;
    if (both) {
      rs__market_od r = m;
      r.origin = m.dest;
      r.dest = m.origin;
      dm->market[dm->nmarket++] = r;
    }
  }
}

int rs__bind_market(rs__bind *b, const rs__ynode *val) {
  rs_scenario *s = b->s;
  rs__demand_model *dm = &s->model;
  /* none on the Chengdu side: sized by the line, so allocated here */
  dm->chengdu_side = calloc((size_t)(s->nst > 0 ? s->nst : 1), 1);
  if (!dm->chengdu_side) return RS_ENOMEM;
  if (!val) return RS_OK;
  if (rs__y_expect_map(b, val, "market") < 0) return RS_EINVAL;
  static const char *const keys[] = {"opening", "base_date", "growth", "scale", "adoption",
                                     "cross_zone", "chengdu_side", "purposes", "od", NULL};
  rs__y_check_keys(b, val, "market", keys);
  dm->enabled = 1;
  rs__get_date(b, val, "market", "opening", 0, &dm->opening);
  rs__get_date(b, val, "market", "base_date", 0, &dm->base_date);
  rs__get_number(b, val, "market", "growth", 0, -0.5, 1, 0, &dm->growth);
  rs__get_number(b, val, "market", "scale", 0, 0, 100, RS__LO_OPEN, &dm->scale);

  const rs__ynode *ad = rs__y_get(val, "adoption");
  if (ad && rs__y_expect_map(b, ad, "market.adoption") == 0) {
    static const char *const akeys[] = {"bass_p", "bass_q", "novelty", "novelty_half_life_days", NULL};
    rs__y_check_keys(b, ad, "market.adoption", akeys);
    rs__get_number(b, ad, "market.adoption", "bass_p", 0, 0, 1000, RS__LO_OPEN, &dm->bass_p);
    rs__get_number(b, ad, "market.adoption", "bass_q", 0, 0, 100, 0, &dm->bass_q);
    rs__get_number(b, ad, "market.adoption", "novelty", 0, 0, 100, 0, &dm->novelty_amp);
    rs__get_number(b, ad, "market.adoption", "novelty_half_life_days", 0, 0, 3650, RS__LO_OPEN,
                   &dm->novelty_half_life_days);
  }
  /* The stations of the far zone (Futian, for trips that continue into Chengdu):
   * named by what they are, not by a city; the Ziyang-era name is still read. */
  const char *csk = "market.cross_zone";
  const rs__ynode *cs = rs__y_get(val, "cross_zone"), *old = rs__y_get(val, "chengdu_side");
  /* Both in one file: ambiguous. In different files, the old name comes from a
   * scenario written before the rename that extends a newer one: it wins. */
  if (cs && old && old->file && cs->file && !strcmp(old->file, cs->file))
    rs__bind_err(b, old, RS_EINVAL, "'market.chengdu_side' is the old name of "
                 "'market.cross_zone': give one of them");
  else if (old) {
    cs = old, csk = "market.chengdu_side";
    rs__diag_warn(b->d, old->file, old->line, old->col,
                  "'market.chengdu_side' is deprecated: write 'market.cross_zone' (the "
                  "stations of the far zone; an OD with one end there is cross-zone)");
  }
  if (cs && rs__y_expect_seq(b, cs, csk) == 0) {
    for (size_t i = 0; i < cs->n; i++) {
      char p[RS__KP_MAX];
      int st;
      rs__kp_index(p, csk, i);
      if (rs__y_station(b, cs->items[i], p, &st) == RS_OK) dm->chengdu_side[st] = 1;
    }
  }
  const rs__ynode *pu = rs__y_get(val, "purposes");
  if (pu && rs__y_expect_map(b, pu, "market.purposes") == 0) {
    rs__y_check_keys(b, pu, "market.purposes", (const char *const[]){"commute", "business",
                                                                      "leisure", "other", NULL});
    for (int p = 0; p < RS_NPURPOSE; p++) {
      const rs__ynode *n = rs__y_get(pu, rs__purpose_names[p]);
      char path[RS__KP_MAX];
      rs__kp_key(path, "market.purposes", rs__purpose_names[p]);
      if (n) rs__bind_purpose(b, n, path, &dm->purpose[p]);
    }
  }
  const rs__ynode *od = rs__y_get(val, "od");
  if (rs__y_require(b, val, "market", "od") == 1) rs__bind_market_od(b, od, "market.od");
  return RS_OK;
}

static void rs__bind_fare(rs__bind *b, const rs__ynode *n, rs__fare *f) {
  const char *path = "metro.fare";
  if (rs__y_expect_map(b, n, path) < 0) return;
  static const char *const keys[] = {"base", "base_km", "bands", "scale", "add", NULL};
  rs__y_check_keys(b, n, path, keys);
  rs__get_number(b, n, path, "base", 0, 0, 1000, 0, &f->base);
  rs__get_number(b, n, path, "base_km", 0, 0, 1000, 0, &f->base_km);
  rs__get_number(b, n, path, "scale", 0, 0, 100, 0, &f->scale);
  rs__get_number(b, n, path, "add", 0, -1000, 1000, 0, &f->add);
  const rs__ynode *bands = rs__y_get(n, "bands");
  if (!bands || rs__y_expect_seq(b, bands, "metro.fare.bands") < 0) return;
  if (bands->n > RS__FARE_BANDS) {
    rs__bind_err(b, bands, RS_ELIMIT, "'metro.fare.bands' has %zu bands; at most %d", bands->n,
                 RS__FARE_BANDS);
    return;
  }
  f->nbands = 0; /* each band beyond the previous: validation */
  for (size_t i = 0; i < bands->n; i++) {
    char p[RS__KP_MAX];
    rs__kp_index(p, "metro.fare.bands", i);
    const rs__ynode *bn = bands->items[i];
    if (rs__y_expect_map(b, bn, p) < 0) continue;
    rs__y_check_keys(b, bn, p, (const char *const[]){"up_to_km", "step_km", NULL});
    double up = 0, step = 0;
    rs__get_number(b, bn, p, "up_to_km", 1, 0, 1e6, RS__LO_OPEN, &up);
    rs__get_number(b, bn, p, "step_km", 1, 0, 1e6, RS__LO_OPEN, &step);
    f->up_to_km[f->nbands] = up;
    f->step_km[f->nbands] = step > 0 ? step : 1;
    f->nbands++;
  }
}

int rs__bind_metro(rs__bind *b, const rs__ynode *val) {
  rs__metro_los *m = &b->s->model.metro;
  if (!val) return RS_OK;
  if (rs__y_expect_map(b, val, "metro") < 0) return RS_EINVAL;
  static const char *const keys[] = {"asc", "access_min", "egress_min", "onward", "fare", NULL};
  rs__y_check_keys(b, val, "metro", keys);
  rs__get_number(b, val, "metro", "asc", 0, -100, 100, 0, &m->asc);
  rs__get_number(b, val, "metro", "access_min", 0, 0, 600, 0, &m->access_min);
  rs__get_number(b, val, "metro", "egress_min", 0, 0, 600, 0, &m->egress_min);
  const rs__ynode *on = rs__y_get(val, "onward");
  if (on && rs__y_expect_map(b, on, "metro.onward") == 0) {
    static const char *const okeys[] = {"km", "ivt_min", "wait_min", "walk_min", "transfers",
                                        NULL};
    rs__y_check_keys(b, on, "metro.onward", okeys);
    rs__get_number(b, on, "metro.onward", "km", 0, 0, 1000, 0, &m->onward_km);
    rs__get_number(b, on, "metro.onward", "ivt_min", 0, 0, 600, 0, &m->onward_ivt_min);
    rs__get_number(b, on, "metro.onward", "wait_min", 0, 0, 600, 0, &m->onward_wait_min);
    rs__get_number(b, on, "metro.onward", "walk_min", 0, 0, 600, 0, &m->onward_walk_min);
    m->onward_transfers = rs__onward_transfers_default(m->onward_ivt_min);
    rs__get_number(b, on, "metro.onward", "transfers", 0, 0, 10, 0, &m->onward_transfers);
  }
  const rs__ynode *fare = rs__y_get(val, "fare");
  if (fare) rs__bind_fare(b, fare, &m->fare);
  return RS_OK;
}

int rs__bind_modes(rs__bind *b, const rs__ynode *val) {
  rs__demand_model *dm = &b->s->model;
  if (!val) return RS_OK;
  if (rs__y_expect_seq(b, val, "modes") < 0) return RS_EINVAL;
  if (val->n > RS__MAX_MODES)
    return rs__bind_err(b, val, RS_ELIMIT, "'modes' lists %zu modes; at most %d", val->n,
                        RS__MAX_MODES);
  dm->modes = calloc(val->n + 1, sizeof *dm->modes);
  if (!dm->modes) return RS_ENOMEM;
  static const char *const keys[] = {"id", "asc", "ivt_min", "ivt_per_km", "wait_min",
                                     "access_min", "egress_min", "transfers", "cost",
                                     "cost_per_km", "serves", "available_from",
                                     "available_to", NULL};
  for (size_t i = 0; i < val->n; i++) {
    const rs__ynode *n = val->items[i];
    char p[RS__KP_MAX];
    rs__kp_index(p, "modes", i);
    if (rs__y_expect_map(b, n, p) < 0) continue;
    rs__y_check_keys(b, n, p, keys);
    rs__mode *m = &dm->modes[dm->nmodes];
    rs__mode_defaults(m);
    if (rs__y_require(b, n, p, "id") == 1) {
      char q[RS__KP_MAX];
      rs__kp_key(q, p, "id");
      rs__y_id(b, rs__y_get(n, "id"), q, m->id);
      /* "metro" names the line's own alternative: checked outside the loop so
       * the first mode is caught too */
      if (!strcmp(m->id, "metro"))
        rs__bind_err(b, rs__y_get(n, "id"), RS_EINVAL,
                     "'%s': mode id 'metro' is the line itself (choose another id)", q);
    } /* ids used twice: validation */
    rs__get_number(b, n, p, "asc", 0, -100, 100, 0, &m->asc);
    rs__get_number(b, n, p, "ivt_min", 0, 0, 6000, 0, &m->ivt_min);
    rs__get_number(b, n, p, "ivt_per_km", 0, 0, 60, 0, &m->ivt_per_km);
    rs__get_number(b, n, p, "wait_min", 0, 0, 6000, 0, &m->wait_min);
    rs__get_number(b, n, p, "access_min", 0, 0, 600, 0, &m->access_min);
    rs__get_number(b, n, p, "egress_min", 0, 0, 600, 0, &m->egress_min);
    rs__get_number(b, n, p, "transfers", 0, 0, 10, 0, &m->transfers);
    rs__get_number(b, n, p, "cost", 0, 0, 10000, 0, &m->cost);
    rs__get_number(b, n, p, "cost_per_km", 0, 0, 100, 0, &m->cost_per_km);
    rs__get_date(b, n, p, "available_from", 0, &m->from);
    rs__get_date(b, n, p, "available_to", 0, &m->to);
    char serves[RS__ID_MAX];
    if (rs__get_string(b, n, p, "serves", 0, RS__ID_MAX - 1, serves) == 1) {
      if (!strcmp(serves, "all")) m->serves = RS__SERVES_ALL;
      else if (!strcmp(serves, "cross")) m->serves = RS__SERVES_CROSS;
      else if (!strcmp(serves, "local")) m->serves = RS__SERVES_LOCAL;
      else
        rs__bind_err(b, rs__y_get(n, "serves"), RS_EINVAL,
                     "'%s.serves' must be one of all, cross, local, got '%s'", p, serves);
    }
    dm->nmodes++;
  }
  return RS_OK;
}

int rs__bind_choice(rs__bind *b, const rs__ynode *val) {
  rs__choice_params *c = &b->s->model.beta;
  if (!val) return rs__bind_choice_segments(b, NULL);
  if (rs__y_expect_map(b, val, "choice") < 0) return RS_EINVAL;
  rs__y_check_keys(b, val, "choice",
                   (const char *const[]){"beta", "learning", "purposes", "car", "captive_share",
                                         "nest", NULL});
  rs__get_number(b, val, "choice", "learning", 0, 0, 1, 0, &c->learning);
  const rs__ynode *be = rs__y_get(val, "beta");
  if (be && rs__y_expect_map(b, be, "choice.beta") == 0) {
    static const char *const keys[] = {"ivt", "wait", "walk", "transfer", "cost", "crowding", NULL};
    rs__y_check_keys(b, be, "choice.beta", keys);
    double *dst[] = {&c->ivt, &c->wait, &c->walk, &c->transfer, &c->cost, &c->crowding};
    for (int i = 0; i < 6; i++)
      rs__get_number(b, be, "choice.beta", keys[i], 0, -100, 0, 0, dst[i]);
  }
  return rs__bind_choice_segments(b, val);
}

int rs__bind_events(rs__bind *b, const rs__ynode *val) {
  rs__demand_model *dm = &b->s->model;
  if (!val) return RS_OK;
  if (rs__y_expect_seq(b, val, "events") < 0) return RS_EINVAL;
  if (val->n > RS__MAX_EVENTS)
    return rs__bind_err(b, val, RS_ELIMIT, "'events' lists %zu events; at most %d", val->n,
                        RS__MAX_EVENTS);
  dm->events = calloc(val->n + 1, sizeof *dm->events);
  if (!dm->events) return RS_ENOMEM;
  static const char *const keys[] = {"name", "start", "end", "day_types", "from", "to",
                                     "trips", "purpose", NULL};
  for (size_t i = 0; i < val->n; i++) {
    const rs__ynode *n = val->items[i];
    char p[RS__KP_MAX], q[RS__KP_MAX];
    rs__kp_index(p, "events", i);
    if (rs__y_expect_map(b, n, p) < 0) continue;
    rs__y_check_keys(b, n, p, keys);
    rs__event *e = &dm->events[dm->nevents];
    rs__event_defaults(e);
    rs__get_string(b, n, p, "name", 0, RS__NAME_MAX - 1, e->name);
    rs__get_date(b, n, p, "start", 1, &e->from); /* end after start, from != to: validation */
    rs__get_date(b, n, p, "end", 1, &e->to);
    const rs__ynode *dt = rs__y_get(n, "day_types");
    rs__kp_key(q, p, "day_types");
    if (dt) rs__bind_daytypes(b, dt, q, &e->day_types);
    if (rs__y_require(b, n, p, "from") == 1) {
      rs__kp_key(q, p, "from");
      rs__y_station(b, rs__y_get(n, "from"), q, &e->origin);
    }
    if (rs__y_require(b, n, p, "to") == 1) {
      rs__kp_key(q, p, "to");
      rs__y_station(b, rs__y_get(n, "to"), q, &e->dest);
    }
    rs__get_number(b, n, p, "trips", 1, 0, 1e7, 0, &e->trips);
    char purpose[RS__ID_MAX];
    if (rs__get_string(b, n, p, "purpose", 0, RS__ID_MAX - 1, purpose) == 1) {
      int k = 0;
      while (k < RS_NPURPOSE && strcmp(purpose, rs__purpose_names[k])) k++;
      if (k < RS_NPURPOSE) e->purpose = k; /* else the default stays */
      else
        rs__bind_err(b, rs__y_get(n, "purpose"), RS_EINVAL,
                     "'%s.purpose' must be commute, business, leisure or other, got '%s'", p,
                     purpose);
    }
    dm->nevents++;
  }
  return RS_OK;
}
