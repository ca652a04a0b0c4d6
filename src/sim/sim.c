/* The simulation handle: builds the model from a scenario, runs the calendar
 * loop (one step = one service day) around the intraday engine, and
 * accumulates the run's figures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "sim/sim.h"
#include "ridersim/commute.h"
#include "model/timetable.h"
#include "model/dated.h"
#include "sim/sim_ride.h"
#include "base/datetime.h"
#include "ridersim/progress.h"

void rs_run_options_default(rs_run_options *o) { memset(o, 0, sizeof *o); }


/* The scenario's calendar, parsed at load; none for a dateless day. */
static int rs__sim_load_calendar(rs_sim *sim) {
  const rs_scenario *s = sim->s;
  if (s->period.start == RS__DATE_NONE) return RS_OK;
  sim->cal = s->cal;
  return sim->cal ? RS_OK : RS_EINTERNAL;
}

static int rs__sim_alloc(rs_sim *sim) {
  const rs_scenario *s = sim->s;
  size_t nst = (size_t)s->nst, nod = nst * nst;
  sim->ndays = s->period.start == RS__DATE_NONE ? 1 : (int)(s->period.end - s->period.start + 1);
  int maxp = s->timetable.service.nperiods;
  for (int t = 0; t < RS__NDAYTYPES; t++)
    if (s->timetable.has_type[t] && s->timetable.by_type[t].nperiods > maxp)
      maxp = s->timetable.by_type[t].nperiods;
  for (int k = 0; k < s->timetable.nseason_svc; k++)
    if (s->timetable.by_season[k].nperiods > maxp) maxp = s->timetable.by_season[k].nperiods;
  sim->svc.periods = calloc((size_t)maxp + 1, sizeof(rs__period));
  sim->engine = rs__engine_alloc(s->nst);
  sim->rng = gsl_rng_alloc(gsl_rng_mt19937);
  sim->wait_hist = calloc(RS__WAIT_BINS, sizeof(unsigned));
  sim->perc = calloc(nod, sizeof *sim->perc);
  sim->ivt_min = calloc(nod, sizeof(double));
  sim->pub_wait = calloc(nod, sizeof(double));
  sim->pub_headway = calloc(nod, sizeof(double));
  sim->exp_failed = calloc(nod, sizeof(double));
  sim->exp_denied = calloc(nod, sizeof(double));
  sim->give_up_s = calloc(nod, sizeof(double));
  sim->plan_off = calloc(nod, sizeof(int));
  sim->plan_n = calloc(nod, sizeof(int));
  sim->fluid = rs__fluid_alloc(s->nst);
  sim->exp_wait = calloc(nod, sizeof(double));
  sim->exp_crowd = calloc(nod, sizeof(double));
  sim->exp_n = calloc(nod, sizeof(double));
  sim->open = calloc(nst, 1);
  sim->daily = calloc((size_t)sim->ndays, sizeof *sim->daily);
  sim->daily_board = calloc((size_t)sim->ndays * nst, sizeof(double));
  if (rs__sim_figures_alloc(sim) != RS_OK) return RS_ENOMEM;
  if (!sim->svc.periods || !sim->engine || !sim->rng || !sim->wait_hist || !sim->perc ||
      !sim->ivt_min || !sim->exp_wait || !sim->exp_crowd || !sim->exp_n || !sim->open ||
      !sim->daily || !sim->daily_board || !sim->pub_wait || !sim->pub_headway ||
      !sim->exp_failed || !sim->exp_denied || !sim->give_up_s || !sim->plan_off || !sim->plan_n || !sim->fluid)
    return RS_ENOMEM;
  sim->plan = (rs__plan){NULL, sim->plan_off, sim->plan_n, sim->give_up_s};
  rs__fluid_set_plan(sim->fluid, &sim->plan);
  rs__engine_set_plan(sim->engine, &sim->plan);
  int np = s->demand.nprofiles;
  sim->hour_w = calloc((size_t)(np > 0 ? np : 1) * RS__HOURS, sizeof(double));
  if (!sim->hour_w) return RS_ENOMEM;
  size_t nkeep = (size_t)s->model.nmarket * RS_NPURPOSE; /* rs__demand_metro_trips_day */
  sim->share_keep = calloc(nkeep * (size_t)(s->model.nmodes > 0 ? s->model.nmodes : 1) + 1, sizeof(double));
  sim->share_kept = calloc(nkeep + 1, 1);
  if (!sim->share_keep || !sim->share_kept) return RS_ENOMEM;
  for (int p = 0; p < np; p++) {
    double sum = 0;
    for (int h = 0; h < RS__HOURS; h++) sum += s->demand.profiles[p].w[h];
    for (int h = 0; h < RS__HOURS; h++)
      sim->hour_w[p * RS__HOURS + h] = sum > 0 ? s->demand.profiles[p].w[h] / sum : 0;
  }
  return RS_OK;
}

int rs_sim_create(const rs_scenario *s, rs_sim **out) {
  *out = NULL;
  if (!s) return RS_ESTATE;
  rs_sim *sim = calloc(1, sizeof *sim);
  if (!sim) return RS_ENOMEM;
  sim->s = s;
  sim->tt_last = -1;
  rs__day_tt_init(&sim->tt);
  rs__day_tt_init(&sim->dtt);
  rs__day_tt_init(&sim->pub_tt);
  int rc = rs__network_init(&sim->net, s);
  if (rc == RS_OK) rc = rs__day_result_alloc(&sim->day, s->nst);
  if (rc == RS_OK) rc = rs__day_result_alloc(&sim->dres, s->nst);
  if (rc == RS_OK) rc = rs__sim_alloc(sim);
  if (rc == RS_OK) rc = rs__sim_load_calendar(sim);
  if (rc != RS_OK) {
    rs_sim_free(sim);
    return rc;
  }
  *out = sim;
  return RS_OK;
}

void rs_sim_free(rs_sim *sim) {
  if (!sim) return;
  rs__sim_commute_join(sim, 0);
  rs_commute_free(sim->commute);
  free(sim->share_keep);
  free(sim->share_kept);
  rs__network_free(&sim->net);
  rs__day_tt_free(&sim->tt);
  rs__day_tt_free(&sim->dtt);
  rs__day_tt_free(&sim->pub_tt);
  rs__sim_tt_cache_free(sim);
  rs__day_result_free(&sim->day);
  rs__day_result_free(&sim->dres);
  rs__engine_free(sim->engine);
  if (sim->rng) gsl_rng_free(sim->rng);
  free(sim->svc.periods);
  free(sim->wait_hist);
  free(sim->streams);
  free(sim->hour_w);
  free(sim->perc);
  free(sim->ivt_min);
  free(sim->pub_wait);
  free(sim->pub_headway);
  free(sim->exp_failed);
  free(sim->exp_denied);
  free(sim->give_up_s);
  free(sim->plan_off);
  free(sim->plan_n);
  rs__fluid_free(sim->fluid);
  free(sim->exp_wait);
  free(sim->exp_crowd);
  free(sim->exp_n);
  free(sim->open);
  free(sim->crowd_cum);
  free(sim->dep_buf);
  free(sim->fleet_buf);
  free(sim->daily);
  free(sim->daily_board);
  free(sim->daily_alight);
  free(sim->fare_od);
  free(sim->dpax);
  rs__ride_free(sim->ride);
  free(sim->ride);
  free(sim);
}

/* Service window of the day's timetable: the span flat demand is spread over. */
static void rs__tt_window(const rs__day_tt *tt, double *from, double *to) {
  *from = *to = 0;
  for (int r = 0; r < tt->nruns; r++) {
    double dep = tt->stops[tt->runs[r].first_stop].dep_s;
    if (r == 0 || dep < *from) *from = dep;
    if (r == 0 || dep > *to) *to = dep;
  }
}

static void rs__sim_record_day(rs_sim *sim, int di, const rs__day_context *ctx);

/* Whether the day's holidays are published, projected from rules, or past
 * every year the calendar covers (whole years: notices come by the year). */
static int rs__sim_calendar_kind(const rs_sim *sim, const rs__day_context *ctx) {
  int32_t lo, hi;
  if (ctx->date == RS__DATE_NONE || rs__calendar_span(sim->cal, &lo, &hi) != RS_OK)
    return RS__CAL_NONE;
  int y, m, d;
  rs__civil_from_days(hi, &y, &m, &d);
  if (ctx->date > rs__days_from_civil(y, 12, 31)) return RS__CAL_NONE;
  return ctx->info.projected ? RS__CAL_PROJECTED : RS__CAL_PUBLISHED;
}

static int rs__dcmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Trains in use at once: a run occupies a train from its first departure to its
 * last arrival plus the terminal turnaround; the most overlapping runs of the
 * day is the fleet the timetable needs. The count at a start t is
 * #{starts <= t} - #{ends <= t} (an end is never before its start): both from
 * sorted arrays in one sweep, O(R log R) (it was O(R^2), a tenth of a fast
 * day). -1 when out of memory: the day's fleet is then not counted. */
static int rs__fleet_needed(rs_sim *sim, double turnaround_s) {
  const rs__day_tt *tt = &sim->tt;
  int n = tt->nruns, best = 0;
  if (2 * n > sim->cap_fleet) {
    double *p = realloc(sim->fleet_buf, 2 * (size_t)n * sizeof *p);
    if (!p) return -1;
    sim->fleet_buf = p;
    sim->cap_fleet = 2 * n;
  }
  double *a = sim->fleet_buf, *z = a + n;
  for (int r = 0; r < n; r++) {
    const rs__run *u = &tt->runs[r];
    a[r] = tt->stops[u->first_stop].dep_s;
    z[r] = tt->stops[u->first_stop + u->nstops - 1].arr_s + turnaround_s;
  }
  qsort(a, (size_t)n, sizeof *a, rs__dcmp);
  qsort(z, (size_t)n, sizeof *z, rs__dcmp);
  for (int i = 0, e = 0; i < n; i++) {
    int k = i;
    while (k + 1 < n && a[k + 1] <= a[i]) k++; /* every start at this time */
    while (e < n && z[e] <= a[i]) e++;
    if (k + 1 - e > best) best = k + 1 - e;
  }
  return best;
}

static void rs__sim_record_day(rs_sim *sim, int di, const rs__day_context *ctx) {
  const rs__day_result *d = &sim->day;
  int fleet = rs__sim_fleet_of_slot(sim); /* counted once per timetable */
  if (fleet == -2) rs__sim_fleet_keep(sim, fleet = rs__fleet_needed(sim, sim->s->running.turnaround_s));
  if (fleet > sim->fleet_required) sim->fleet_required = fleet;
  const rs_scenario *s = sim->s;
  sim->days++;
  sim->riders += d->generated;
  sim->delivered += d->delivered;
  sim->stranded += d->stranded;
  sim->after_service += d->after_service;
  sim->denied += d->denied_boardings;
  sim->wait_sum_s += d->wait_sum_s;
  sim->ride_sum_s += d->ride_sum_s;
  sim->passenger_km += d->passenger_km;
  if (d->max_load_factor > sim->max_load_factor) sim->max_load_factor = d->max_load_factor;
  for (int i = 0; i < d->wait_top; i++) sim->wait_hist[i] += d->wait_hist[i];

  rs__daily_row *r = &sim->daily[di];
  r->date = ctx->date;
  r->type = ctx->info.type;
  snprintf(r->season, sizeof r->season, "%s", ctx->info.season_kind ? ctx->info.season_kind : "");
  r->calendar = rs__sim_calendar_kind(sim, ctx);
  r->riders = d->generated;
  r->cumulative = (di > 0 ? sim->daily[di - 1].cumulative : 0) + d->generated;
  for (int p = 0; p < RS_NPURPOSE; p++) r->by_purpose[p] = d->by_purpose[p];
  r->passenger_km = d->passenger_km;
  r->mean_wait_s = d->delivered > 0 ? d->wait_sum_s / d->delivered : 0;
  r->mean_ride_s = d->delivered > 0 ? d->ride_sum_s / d->delivered : 0;
  /* The expected-value engine keeps no histogram: no percentile (n/a). */
  r->p95_wait_s = sim->use_fluid ? NAN : rs__wait_quantile_top(d->wait_hist, d->wait_top, 0.95);
  r->denied = d->denied_boardings;
  r->stranded = d->stranded;
  r->max_load_factor = d->max_load_factor;
  for (int i = 0; i < s->nst; i++) {
    double b = 0;
    for (int h = 0; h < RS__HOURS; h++) b += d->board[i * RS__HOURS + h];
    sim->daily_board[(size_t)di * (size_t)s->nst + (size_t)i] = b;
  }
  rs__sim_day_figures(sim, di);
}

/* The detail day: the scenario's, else the first ordinary workday at least two
 * weeks into the period (past the opening novelty), else the first day. */
static int32_t rs__sim_pick_detail(const rs_sim *sim) {
  const rs_scenario *s = sim->s;
  if (s->period.start == RS__DATE_NONE) return RS__DATE_NONE;
  if (s->detail_date != RS__DATE_NONE) return s->detail_date;
  for (int32_t d = s->period.start + 14; d <= s->period.end; d++) {
    rs__dayinfo info;
    if (rs__calendar_daytype(sim->cal, d, &info) == RS_OK && info.type == RS__DAY_WORKDAY) return d;
  }
  return s->period.start;
}

/* One service day: calendar, timetable, demand, engine, learning. */
static int rs__sim_run_day(rs_sim *sim, int di) {
  const rs_scenario *s = sim->s;
  rs__day_context ctx = {.date = RS__DATE_NONE};
  ctx.info.type = RS__DAY_WORKDAY;
  if (s->period.start != RS__DATE_NONE) {
    ctx.date = s->period.start + di;
    int rc = rs__calendar_daytype(sim->cal, ctx.date, &ctx.info);
    if (rc != RS_OK) return rc;
  }
  for (int i = 0; i < s->nst; i++)
    sim->open[i] = s->st[i].opens == RS__DATE_NONE || ctx.date == RS__DATE_NONE ||
                   ctx.date >= s->st[i].opens;
  gsl_rng_set(sim->rng, rs__stream_seed(s->seed, sim->replication, ctx.date == RS__DATE_NONE ? 0 : ctx.date));
  int rc;
  int r0 = 0, nr = 0, t0 = 0, nt = 0; /* the day's rows of dated tables (dated.h) */
  rs__dep_rows_of_date(&s->timetable, ctx.date, &r0, &nr);
  rs__trips_of_date(&s->demand, ctx.date, &t0, &nt);
  sim->day_row0 = r0;
  sim->day_trip0 = t0;
  int same = 0; /* yesterday's timetable: the same published service */
  if ((rc = rs__sim_day_timetable(sim, &ctx.info, r0, nr, &same)) != RS_OK) return rc;
  if (di == 0) rs__sim_init_perception(sim);
  /* What travellers know in advance: the timetable, not today's suspensions. */
  if (same && di > 0) rs__sim_republish(sim);
  else if ((rc = rs__sim_published(sim)) != RS_OK) return rc;
  rc = rs__timetable_apply_suspensions(&sim->tt, s->timetable.suspensions,
                                       s->timetable.nsuspensions, ctx.date);
  if (rc == RS_OK) rc = rs__sim_build_streams(sim, &ctx);
  if (rc != RS_OK) return rc;

  rs__day_demand dd = {0};
  dd.streams = sim->streams;
  dd.nstreams = sim->nstreams;
  dd.trips = s->demand.trips ? s->demand.trips + t0 : NULL;
  dd.ntrips = nt;
  rs__tt_window(&sim->tt, &dd.flat_from_s, &dd.flat_to_s);
  /* Expected-value mode: the expectation of the same day, same rules. An
   * explicit passenger list has nothing random: the engine is its expectation. */
  sim->use_fluid = sim->expected && dd.ntrips == 0;
  if (sim->use_fluid)
    rc = rs__fluid_run_day(sim->fluid, &sim->net, &sim->tt, &dd, s->trains.capacity, &sim->day);
  else
    rc = rs__engine_run_day(sim->engine, &sim->net, &sim->tt, &dd, s->step_s,
                            s->trains.capacity, sim->rng, &sim->day);
  if (rc != RS_OK) return rc;
  rs__sim_record_day(sim, di, &ctx);
  if (sim->ride && (rc = rs__sim_ride_record(sim, ctx.date)) != RS_OK) return rc;
  if ((rc = rs__sim_learn(sim)) != RS_OK) return rc;
  if (ctx.date == sim->detail_date && !sim->have_detail) {
    rc = rs__sim_snapshot_detail(sim);
    if (rc == RS_OK) rs__sim_commute_start(sim);
  }
  return rc;
}

/* Point the view at the run's accumulators and detail day. */
rs__results rs__sim_view_now(const rs_sim *sim) {
  return (rs__results){.s = sim->s,
                       .ran = sim->ran,
                       .expected = sim->expected,
                       .replication = sim->replication,
                       .days = sim->days,
                       .daily = sim->daily,
                       .daily_board = sim->daily_board,
                       .daily_alight = sim->daily_alight,
                       .detail_date = sim->detail_date,
                       .have_detail = sim->have_detail,
                       .dtt = &sim->dtt,
                       .dres = &sim->dres,
                       .dpax = sim->dpax,
                       .ndpax = sim->ndpax,
                       .ride = sim->ride};
}

static void rs__sim_refresh_view(rs_sim *sim) { sim->view = rs__sim_view_now(sim); }

const rs__results *rs__sim_results(const rs_sim *sim) { return &sim->view; }

int rs_sim_run(rs_sim *sim, const rs_run_options *o) {
  if (!sim) return RS_ESTATE;
  rs_run_options def;
  if (!o) {
    rs_run_options_default(&def);
    o = &def;
  }
  rs__sim_commute_join(sim, 0); /* the last run's, unread: before anything it reads changes */
  sim->commute_ahead = o->commute_ahead;
  sim->replication = o->replication;
  sim->expected = o->expected;
  sim->tt_last = -1; /* the first day publishes its timetable afresh */
  sim->days = 0;
  sim->riders = sim->delivered = sim->stranded = sim->denied = 0;
  sim->after_service = 0;
  sim->wait_sum_s = sim->ride_sum_s = sim->passenger_km = sim->max_load_factor = 0;
  sim->fleet_required = 0;
  rs__sim_figures_reset(sim);
  memset(sim->wait_hist, 0, RS__WAIT_BINS * sizeof(unsigned));
  sim->have_detail = 0;
  sim->ran = 0;
  rs_commute_free(sim->commute); /* the last run's */
  sim->commute = NULL;
  rs__sim_refresh_view(sim);
  sim->detail_date = rs__sim_pick_detail(sim);
  /* the other modes' utilities: kept from this run's first day (the scenario
   * may have changed since the last run) */
  memset(sim->share_kept, 0, (size_t)sim->s->model.nmarket * RS_NPURPOSE);
  rs__sim_commute_begin(sim); /* the other modes' door-to-door trips, alongside the days */
  rs__ride_free(sim->ride);
  free(sim->ride);
  sim->ride = NULL;
  if (o->ride_records && !o->expected && !(sim->ride = calloc(1, sizeof *sim->ride))) return RS_ENOMEM;
  rs__sim_refresh_view(sim); /* the records' error reads through it if the run fails */
  for (int di = 0; di < sim->ndays; di++) {
    int rc = rs__sim_run_day(sim, di);
    if (rc != RS_OK) return rc;
    rs_progress_add(o->progress, 1);
  }
  if (sim->ride) {
    int rc = rs__ride_finish(sim->ride);
    if (rc != RS_OK) return rc;
  }
  if (!sim->have_detail) {
    /* The detail date lies outside the period: keep the last day. */
    int rc = rs__sim_snapshot_detail(sim);
    if (rc != RS_OK) return rc;
    sim->detail_date = sim->daily[sim->ndays - 1].date;
    rs__sim_commute_start(sim); /* alongside the writing of the other tables */
  }
  sim->ran = 1;
  rs__sim_refresh_view(sim);
  return RS_OK;
}

int rs_sim_summary(const rs_sim *sim, rs_summary *out) {
  memset(out, 0, sizeof *out);
  if (!sim || !sim->ran) return RS_ESTATE;
  out->riders = sim->riders;
  out->delivered = sim->delivered;
  out->stranded = sim->stranded;
  out->stranded_after_service = sim->after_service;
  out->denied_boardings = sim->denied;
  out->mean_wait_s = sim->delivered > 0 ? sim->wait_sum_s / sim->delivered : 0;
  out->mean_ride_s = sim->delivered > 0 ? sim->ride_sum_s / sim->delivered : 0;
  int fluid = sim->expected && sim->s->demand.ntrips == 0; /* no wait histogram */
  out->p50_wait_s = fluid ? NAN : rs__wait_quantile(sim->wait_hist, 0.50);
  out->p95_wait_s = fluid ? NAN : rs__wait_quantile(sim->wait_hist, 0.95);
  out->max_load_factor = sim->max_load_factor;
  out->passenger_km = sim->passenger_km;
  out->days = sim->days;
  out->fleet_required = sim->fleet_required;
  out->fleet = sim->s->trains.fleet;
  out->fare_revenue = sim->revenue;
  out->train_km = sim->train_km;
  out->car_km = sim->train_km * sim->s->trains.cars;
  out->phpdt = sim->phpdt.load;
  out->phpdt_hour = sim->phpdt.hour;
  out->phpdt_direction = out->phpdt_from = out->phpdt_to = "";
  if (sim->phpdt.section >= 0) {
    int a = sim->phpdt.section, z = a + 1;
    if (sim->phpdt.dir == RS__UP) a = z, z = sim->phpdt.section;
    out->phpdt_direction = sim->phpdt.dir == RS__DOWN ? "down" : "up";
    out->phpdt_from = sim->s->st[a].id;
    out->phpdt_to = sim->s->st[z].id;
    if (sim->phpdt.date != RS__DATE_NONE) rs__date_format(sim->phpdt.date, out->phpdt_date);
  }
  return RS_OK;
}
