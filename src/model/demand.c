/* One day's expected metro trips per market OD pair and purpose (DESIGN 1.1):
 * market x growth x day factor x adoption x logit share of the metro. */
#include <math.h>
#include <string.h>
#include "model/adoption.h"
#include "model/choice.h"
#include "model/demand_model.h"

double rs__fare_yuan(const rs__fare *f, double km) {
  double fare = f->base, lo = f->base_km;
  for (int i = 0; i < f->nbands && km > lo; i++) {
    double hi = km < f->up_to_km[i] ? km : f->up_to_km[i];
    /* +1 per step or part of it; a hair of tolerance so 12.0 km is not a new step. */
    fare += ceil((hi - lo) / f->step_km[i] - 1e-9);
    lo = f->up_to_km[i];
  }
  return fare * f->scale + f->add;
}

static int rs__is_cross(const rs__demand_model *dm, const rs__market_od *m) {
  return dm->chengdu_side[m->origin] != dm->chengdu_side[m->dest];
}

static int rs__mode_available(const rs__mode *md, int cross, int32_t date) {
  if (md->serves == RS__SERVES_CROSS && !cross) return 0;
  if (md->serves == RS__SERVES_LOCAL && cross) return 0;
  if (md->from != RS__DATE_NONE && date != RS__DATE_NONE && date < md->from) return 0;
  if (md->to != RS__DATE_NONE && date != RS__DATE_NONE && date > md->to) return 0;
  return 1;
}

/* The metro's alternative for market row M at the perceived service PERC. */
static void rs__metro_alt(const rs__demand_model *dm, const rs__station *st, const rs__market_od *m,
                          double ivt_min, const rs__perceived *perc, rs__mode_alt *me) {
  const rs__metro_los *mt = &dm->metro;
  int cross = rs__is_cross(dm, m);
  double km = fabs(st[m->dest].km - st[m->origin].km);
  me->asc = mt->asc;
  me->available = 1;
  me->x[RS__ATTR_IVT] = ivt_min + (cross ? mt->onward_ivt_min : 0);
  me->x[RS__ATTR_WAIT] = perc->wait_min + (cross ? mt->onward_wait_min : 0);
  me->x[RS__ATTR_WALK] = mt->access_min + mt->egress_min + (cross ? mt->onward_walk_min : 0);
  me->x[RS__ATTR_XFER] = cross ? mt->onward_transfers : 0;
  me->x[RS__ATTR_COST] = rs__fare_yuan(&mt->fare, km + (cross ? mt->onward_km : 0));
  me->x[RS__ATTR_CROWD] = perc->crowding * ivt_min;
}

/* The other modes' alternatives ALT[1..] of market row M on DATE; with
 * AVAIL_ONLY only whether each is available (the rest never changes). */
static int rs__other_alts(const rs__demand_model *dm, const rs__station *st, const rs__market_od *m,
                          int32_t date, int avail_only, rs__mode_alt *alt) {
  int cross = rs__is_cross(dm, m);
  double km = fabs(st[m->dest].km - st[m->origin].km);
  int n = 1;
  for (int i = 0; i < dm->nmodes; i++) {
    const rs__mode *md = &dm->modes[i];
    rs__mode_alt *a = &alt[n++];
    a->available = rs__mode_available(md, cross, date);
    if (avail_only) continue;
    a->asc = md->asc;
    a->x[RS__ATTR_IVT] = md->ivt_min + md->ivt_per_km * km;
    a->x[RS__ATTR_WAIT] = md->wait_min;
    a->x[RS__ATTR_WALK] = md->access_min + md->egress_min;
    a->x[RS__ATTR_XFER] = md->transfers;
    a->x[RS__ATTR_COST] = md->cost + md->cost_per_km * km;
    a->x[RS__ATTR_CROWD] = 0;
  }
  return n;
}

int rs__demand_alternatives(const rs__demand_model *dm, const rs__station *st,
                            const rs__market_od *m, int32_t date, double ivt_min,
                            const rs__perceived *perc, rs__mode_alt *alt) {
  rs__metro_alt(dm, st, m, ivt_min, perc, &alt[0]);
  return rs__other_alts(dm, st, m, date, 0, alt);
}

/* The metro's share for market row M and a purpose on a day. KEEP (NULL:
 * none) holds the other modes' utilities once *KEPT: they depend on the
 * scenario and the distance only, so they are worked out on a run's first
 * day and read after (the same numbers: the same operations on the same
 * inputs). */
static double rs__metro_share(const rs__demand_model *dm, const rs__station *st,
                              const rs__market_od *m, int purpose, int32_t date, double ivt_min,
                              const rs__perceived *perc, double *keep, unsigned char *kept) {
  rs__mode_alt alt[RS__MAX_MODES + 1];
  double v[RS__MAX_MODES + 1];
  int have = keep && *kept;
  rs__metro_alt(dm, st, m, ivt_min, perc, &alt[0]);
  int n = rs__other_alts(dm, st, m, date, have, alt);
  rs__segment_utilities(dm, purpose, alt, have ? 1 : n, v);
  if (have) {
    memcpy(v + 1, keep, (size_t)(n - 1) * sizeof *v);
  } else if (keep) {
    memcpy(keep, v + 1, (size_t)(n - 1) * sizeof *v);
    *kept = 1;
  }
  double p[RS__MAX_MODES + 1];
  rs__segment_probs_v(dm, purpose, v, alt, n, p);
  return p[0];
}

/* Factor of purpose P on the day: its day type's, a season's on ordinary days,
 * the weekday's. */
static double rs__day_factor(const rs__purpose_def *pd, const rs__day_context *ctx) {
  double factor = pd->day_factor[ctx->info.type];
  /* A season scales ordinary days only: holidays, eves and make-up days have
   * their own factors, whatever the season. */
  if (ctx->info.season_kind && (ctx->info.type == RS__DAY_WORKDAY || ctx->info.type == RS__DAY_WEEKEND))
    for (int k = 0; k < pd->nseason; k++)
      if (!strcmp(pd->season[k], ctx->info.season_kind)) factor *= pd->season_factor[k];
  if (ctx->date != RS__DATE_NONE) factor *= pd->weekday_factor[ctx->info.weekday];
  return factor;
}

void rs__demand_day_factors(const rs__demand_model *dm, const rs__day_context *ctx,
                            rs__demand_day *out) {
  double t_days = (dm->opening == RS__DATE_NONE || ctx->date == RS__DATE_NONE)
                      ? 1e9 : (double)(ctx->date - dm->opening);
  memset(out, 0, sizeof *out);
  out->closed = t_days < 0; /* not open yet */
  if (out->closed) return;
  double years = (dm->base_date == RS__DATE_NONE || ctx->date == RS__DATE_NONE)
                     ? 0 : (ctx->date - dm->base_date) / RS__DAYS_PER_YEAR;
  out->growth = pow(1 + dm->growth, years);
  for (int p = 0; p < RS_NPURPOSE; p++) {
    const rs__purpose_def *pd = &dm->purpose[p];
    rs__adoption ad = {dm->bass_p, dm->bass_q, pd->novelty > 0 ? dm->novelty_amp : 0,
                       dm->novelty_half_life_days};
    out->adoption[p] = rs__adoption_factor(&ad, t_days);
    out->factor[p] = rs__day_factor(pd, ctx);
  }
}

double rs__demand_metro_trips_day(const rs__demand_model *dm, const rs__station *st,
                                  const rs__market_od *m, int p, const rs__day_context *ctx,
                                  const rs__demand_day *day, double ivt_min,
                                  const rs__perceived *perc, double *keep, unsigned char *kept,
                                  double *share) {
  *share = 0;
  if (day->closed) return 0;
  const rs__purpose_def *pd = &dm->purpose[p];
  *share = rs__metro_share(dm, st, m, p, ctx->date, ivt_min, perc, keep, kept);
  return dm->scale * pd->scale * m->trips[p] * day->growth * day->factor[p] * day->adoption[p] *
         *share;
}

double rs__demand_metro_trips(const rs__demand_model *dm, const rs__station *st,
                              const rs__market_od *m, int p, const rs__day_context *ctx,
                              double ivt_min, const rs__perceived *perc, double *share) {
  rs__demand_day day;
  rs__demand_day_factors(dm, ctx, &day);
  return rs__demand_metro_trips_day(dm, st, m, p, ctx, &day, ivt_min, perc, NULL, NULL, share);
}
