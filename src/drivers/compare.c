/* ridersim compare: base and what-if over N replications with common random
 * numbers; every figure's means and the paired differences' 95% interval. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/pool.h"
#include "drivers/compare.h"
#include "report/output.h"
#include "sim/results.h"

void rs_compare_options_default(rs_compare_options *o) {
  memset(o, 0, sizeof *o);
  o->replications = 1;
}

static const char *const rs__hourly_kind[3] = {"wait_by_hour", "denied_by_hour",
                                               "boardings_by_hour"};
#define RS__NFIXED 19
static const struct {
  const char *name, *group, *unit;
} rs__fixed[RS__NFIXED] = {
    {"riders_per_day", "riders", "trips/day"},
    {"riders_cumulative", "riders", "trips"},
    {"riders_per_day.commute", "purpose", "trips/day"},
    {"riders_per_day.business", "purpose", "trips/day"},
    {"riders_per_day.leisure", "purpose", "trips/day"},
    {"riders_per_day.other", "purpose", "trips/day"},
    {"passenger_km_per_day", "riders", "pkm/day"},
    {"mean_wait_min", "service", "min"},
    {"p95_wait_min", "service", "min"},
    {"mean_ride_min", "service", "min"},
    {"journey_min", "service", "min"},
    {"max_load_factor", "crowding", "load/capacity"},
    {"denied_boardings", "crowding", "refusals"},
    {"stranded", "crowding", "passengers"},
    {"detail.riders", "detail_day", "trips"},
    {"detail.denied_boardings", "detail_day", "refusals"},
    {"detail.stranded", "detail_day", "passengers"},
    {"detail.max_load_factor", "detail_day", "load/capacity"},
    {"detail.mean_wait_min", "detail_day", "min"},
};
/* Figures after the fixed ones: one per station, then 3 x 24 hourly. */

int rs__compare_hourly_first(const rs_compare *c) { return RS__NFIXED + c->nst; }
int rs__compare_station_first(const rs_compare *c) {
  (void)c;
  return RS__NFIXED;
}

/* The union of both scenarios' stations, by km (the base's first on ties). */
static int rs__cmp_stations(rs_compare *c) {
  const rs_scenario *sc[2] = {c->base, c->whatif};
  int cap = c->base->nst + c->whatif->nst;
  double *km = calloc((size_t)cap, sizeof *km);
  c->st_id = calloc((size_t)cap, sizeof *c->st_id);
  c->st_zh = calloc((size_t)cap, sizeof *c->st_zh);
  c->st_en = calloc((size_t)cap, sizeof *c->st_en);
  if (!km || !c->st_id || !c->st_zh || !c->st_en) return free(km), RS_ENOMEM;
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < sc[k]->nst; i++) {
      const rs__station *st = &sc[k]->st[i];
      int j = 0;
      while (j < c->nst && strcmp(c->st_id[j], st->id) != 0) j++;
      if (j < c->nst) continue;
      /* insertion by km */
      j = c->nst;
      while (j > 0 && km[j - 1] > st->km) {
        km[j] = km[j - 1];
        memcpy(c->st_id[j], c->st_id[j - 1], RS__ID_MAX);
        c->st_zh[j] = c->st_zh[j - 1];
        c->st_en[j] = c->st_en[j - 1];
        j--;
      }
      km[j] = st->km;
      memcpy(c->st_id[j], st->id, RS__ID_MAX);
      c->st_zh[j] = st->zh;
      c->st_en[j] = st->en;
      c->nst++;
    }
  free(km);
  return RS_OK;
}

static int rs__cmp_figures(rs_compare *c) {
  c->nfig = RS__NFIXED + c->nst + 3 * RS__HOURS;
  c->fig = calloc((size_t)c->nfig, sizeof *c->fig);
  if (!c->fig) return RS_ENOMEM;
  int k = 0;
  for (int i = 0; i < RS__NFIXED; i++, k++) {
    snprintf(c->fig[k].name, RS__FIG_NAME, "%s", rs__fixed[i].name);
    c->fig[k].group = rs__fixed[i].group;
    c->fig[k].unit = rs__fixed[i].unit;
  }
  for (int i = 0; i < c->nst; i++, k++) {
    snprintf(c->fig[k].name, RS__FIG_NAME, "boardings_per_day.%s", c->st_id[i]);
    c->fig[k].group = "station";
    c->fig[k].unit = "trips/day";
  }
  static const char *const units[3] = {"min", "refusals", "trips"};
  for (int q = 0; q < 3; q++)
    for (int h = 0; h < RS__HOURS; h++, k++) {
      snprintf(c->fig[k].name, RS__FIG_NAME, "%s.%02d", rs__hourly_kind[q], h);
      c->fig[k].group = "hourly";
      c->fig[k].unit = units[q];
    }
  return RS_OK;
}

/* The detail day's hourly figures: mean wait by hour of arrival (delivered
 * passengers), refusals by hour of the train's departure, boardings by hour. */
static void rs__cmp_hourly(const rs_sim *sim, double *v) {
  const rs__results *rv = rs__sim_results(sim);
  double n[RS__HOURS] = {0};
  for (int i = 0; i < rv->ndpax; i++) {
    const rs__pax *p = &rv->dpax[i];
    if (p->status != RS__PAX_DELIVERED) continue;
    int h = (int)floor(p->arrival_s / 3600);
    if (h < 0 || h >= RS__HOURS) continue;
    v[h] += (p->boarded_s - p->arrival_s) / 60;
    n[h] += 1;
  }
  /* No passengers (expected-value mode): waits by hour of arrival are not
   * computed (n/a), not 0. */
  int none = rv->expected && rv->ndpax == 0;
  for (int h = 0; h < RS__HOURS; h++) v[h] = none ? NAN : n[h] > 0 ? v[h] / n[h] : 0;
  const rs__day_tt *tt = rv->dtt;
  for (int r = 0; r < tt->nruns; r++)
    for (int k = 0; k < tt->runs[r].nstops; k++) {
      int i = tt->runs[r].first_stop + k;
      int h = (int)floor(tt->stops[i].dep_s / 3600);
      if (h >= 0 && h < RS__HOURS) v[RS__HOURS + h] += rv->dres->stop_denied[i];
    }
  for (int s = 0; s < rv->s->nst; s++)
    for (int h = 0; h < RS__HOURS; h++) v[2 * RS__HOURS + h] += rv->dres->board[s * RS__HOURS + h];
}

/* Every figure of one finished run into V[0..nfig). */
static void rs__cmp_collect(const rs_compare *c, const rs_sim *sim, double *v) {
  const rs__results *rv = rs__sim_results(sim);
  rs_summary sm;
  rs_sim_summary(sim, &sm);
  double days = sm.days > 0 ? sm.days : 1;
  double purpose[RS_NPURPOSE] = {0};
  for (int d = 0; d < rv->days; d++)
    for (int p = 0; p < RS_NPURPOSE; p++) purpose[p] += rv->daily[d].by_purpose[p];
  const rs__day_result *dr = rv->dres;
  double fixed[RS__NFIXED] = {
      sm.riders / days, sm.riders, purpose[0] / days, purpose[1] / days, purpose[2] / days,
      purpose[3] / days, sm.passenger_km / days, sm.mean_wait_s / 60, sm.p95_wait_s / 60,
      sm.mean_ride_s / 60, (sm.mean_wait_s + sm.mean_ride_s) / 60, sm.max_load_factor,
      sm.denied_boardings, sm.stranded, dr->generated, dr->denied_boardings, dr->stranded,
      dr->max_load_factor, dr->delivered > 0 ? dr->wait_sum_s / dr->delivered / 60 : 0};
  memcpy(v, fixed, sizeof fixed);
  const rs_scenario *s = rv->s;
  for (int i = 0; i < c->nst; i++) {
    double b = 0;
    for (int j = 0; j < s->nst; j++)
      if (!strcmp(s->st[j].id, c->st_id[i]))
        for (int d = 0; d < rv->days; d++) b += rv->daily_board[(size_t)d * (size_t)s->nst + (size_t)j];
    v[RS__NFIXED + i] = b / days;
  }
  rs__cmp_hourly(sim, v + rs__compare_hourly_first(c));
}

typedef struct rs__cmpctx {
  rs_compare *c;
  int expected;
  rs_progress *progress;
} rs__cmpctx;

static int rs__cmp_one(void *ctx, long i, int worker) {
  int r = (int)i;
  rs__cmpctx *x = ctx;
  rs_compare *c = x->c;
  const rs_scenario *sc[2] = {c->base, c->whatif};
  for (int side = 0; side < 2; side++) {
    rs_sim *sim = NULL;
    rs_run_options o;
    rs_run_options_default(&o);
    o.replication = (uint64_t)r;
    o.expected = x->expected;
    o.progress = x->progress;
    int rc = rs_sim_create(sc[side], &sim);
    if (rc == RS_OK) rc = rs_sim_run(sim, &o);
    if (rc != RS_OK) {
      rs_sim_free(sim);
      return rc;
    }
    rs__cmp_collect(c, sim, c->val + ((size_t)r * 2 + (size_t)side) * (size_t)c->nfig);
    const rs__results *rv = rs__sim_results(sim);
    for (int d = 0; d < c->ndays && d < rv->days; d++)
      c->daily_rep[((size_t)r * 2 + (size_t)side) * (size_t)c->ndays + (size_t)d] = rv->daily[d].riders;
    if (r == 0 && side == 1) {
      for (int d = 0; d < c->ndays && d < rv->days; d++) {
        rs_daily dd;
        rs_sim_daily(sim, d, &dd);
        memcpy(c->date[d], dd.date, sizeof dd.date);
        c->day_type[d] = dd.day_type;
      }
      rs__detail_date_str(sim, c->detail_date);
    }
    if (r == 0 && side == 0) rs__detail_date_str(sim, c->base_detail_date);
    rs_sim_free(sim);
  }
  return RS_OK;
}

static void rs__cmp_summarise(rs_compare *c) {
  int n = c->nrep;
  double *x = malloc((size_t)n * sizeof *x);
  if (!x) return;
  for (int f = 0; f < c->nfig; f++) {
    rs_compare_figure *o = &c->out[f];
    double lo, hi, mb = 0, mw = 0;
    for (int r = 0; r < n; r++) {
      double b = c->val[((size_t)r * 2) * (size_t)c->nfig + (size_t)f];
      double w = c->val[((size_t)r * 2 + 1) * (size_t)c->nfig + (size_t)f];
      mb += b;
      mw += w;
      x[r] = w - b;
    }
    o->name = c->fig[f].name;
    o->group = c->fig[f].group;
    o->unit = c->fig[f].unit;
    o->base = mb / n;
    o->whatif = mw / n;
    rs_ci95(x, n, &o->diff, &lo, &hi);
    o->lo95 = lo;
    o->hi95 = hi;
    o->pct = o->base != 0 ? 100 * o->diff / o->base : NAN;
  }
  for (int side = 0; side < 2; side++)
    for (int d = 0; d < c->ndays; d++) {
      double m = 0;
      for (int r = 0; r < n; r++) m += c->daily_rep[((size_t)r * 2 + (size_t)side) * (size_t)c->ndays + (size_t)d];
      c->daily[(size_t)side * (size_t)c->ndays + (size_t)d] = m / n;
    }
  free(x);
}

int rs_compare_run(const rs_scenario *base, const rs_scenario *whatif,
                   const rs_compare_options *o, rs_compare **out) {
  *out = NULL;
  rs_compare_options def;
  if (!o) {
    rs_compare_options_default(&def);
    o = &def;
  }
  if (!base || !whatif) return RS_ESTATE;
  if (o->replications < 1 || o->replications > RS_MAX_REPLICATIONS) return RS_EUSAGE;
  rs_compare *c = calloc(1, sizeof *c);
  if (!c) return RS_ENOMEM;
  c->base = base;
  c->whatif = whatif;
  c->nrep = o->replications;
  int rc = rs__cmp_stations(c);
  if (rc == RS_OK) rc = rs__cmp_figures(c);
  if (rc == RS_OK) {
    /* A daily delta needs the same days on both sides. */
    if (base->period.start == whatif->period.start && base->period.end == whatif->period.end)
      c->ndays = base->period.start == RS__DATE_NONE ? 1 : (int)(base->period.end - base->period.start + 1);
    size_t nd = (size_t)(c->ndays > 0 ? c->ndays : 1);
    c->val = calloc((size_t)c->nrep * 2 * (size_t)c->nfig, sizeof *c->val);
    c->out = calloc((size_t)c->nfig, sizeof *c->out);
    c->date = calloc(nd, sizeof *c->date);
    c->day_type = calloc(nd, sizeof *c->day_type);
    c->daily = calloc(2 * nd, sizeof *c->daily);
    c->daily_rep = calloc((size_t)c->nrep * 2 * nd, sizeof *c->daily_rep);
    if (!c->val || !c->out || !c->date || !c->day_type || !c->daily || !c->daily_rep)
      rc = RS_ENOMEM;
  }
  rs__cmpctx x = {c, o->expected, o->progress};
  if (rc == RS_OK) rc = rs__pool_run(c->nrep, o->threads, rs__cmp_one, &x, NULL);
  if (rc == RS_OK) rs__cmp_summarise(c);
  if (rc != RS_OK) {
    rs_compare_free(c);
    return rc;
  }
  *out = c;
  return RS_OK;
}

void rs_compare_free(rs_compare *c) {
  if (!c) return;
  free(c->fig);
  free(c->val);
  free(c->out);
  free(c->date);
  free(c->day_type);
  free(c->daily);
  free(c->daily_rep);
  free(c->st_id);
  free(c->st_zh);
  free(c->st_en);
  free(c);
}

int rs_compare_count(const rs_compare *c) { return c ? c->nfig : 0; }
int rs_compare_replications(const rs_compare *c) { return c ? c->nrep : 0; }

int rs_compare_get(const rs_compare *c, int i, rs_compare_figure *out) {
  memset(out, 0, sizeof *out);
  if (!c) return RS_ESTATE;
  if (i < 0 || i >= c->nfig) return RS_EINVAL;
  *out = c->out[i];
  return RS_OK;
}

int rs_compare_find(const rs_compare *c, const char *name) {
  for (int i = 0; c && i < c->nfig; i++)
    if (!strcmp(c->fig[i].name, name)) return i;
  return -1;
}

const char *rs_compare_detail_date(const rs_compare *c, int side) {
  if (!c) return "";
  return side == 0 ? c->base_detail_date : c->detail_date;
}
