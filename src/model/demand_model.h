/* The demand model of DESIGN 1.1, per day, per OD pair and purpose:
 *
 *   metro_trips(d, od, p) = market(od, p) · growth(d) · dayfactor(p, daytype(d))
 *                           · adoption(d, p) · P_metro(d, od, p) + event_trips(d, od)
 *
 * Plain parameters here (bound from the scenario by scenario_demand.c); the
 * computation is in demand.c, the mathematics in docs/demand-model.md. */
#ifndef RS__DEMAND_MODEL_H
#define RS__DEMAND_MODEL_H
#include <stdint.h>
#include "model/scenario.h"


/* Fare of a metro trip of KM kilometres. */
double rs__fare_yuan(const rs__fare *f, double km);

/* Per-OD perceived metro service, learnt day to day. */
typedef struct rs__perceived {
  double wait_min;
  double crowding;      /* 0 at comfort capacity or below, 1 at crush load */
} rs__perceived;

/* Inputs of one day's demand that are not in the model parameters. */
typedef struct rs__day_context {
  int32_t date;
  rs__dayinfo info;
} rs__day_context;

/* Expected metro trips of market row M and purpose P on a day, and the metro's
 * logit share. IVT_MIN: the line's in-vehicle time for the OD. */
double rs__demand_metro_trips(const rs__demand_model *dm, const rs__station *st,
                              const rs__market_od *m, int p, const rs__day_context *ctx,
                              double ivt_min, const rs__perceived *perc, double *share);
/* The factors of a day that every market shares, per purpose (growth, the
 * day's factor, adoption; CLOSED: before the opening), computed once a day
 * (issue 17: they were computed again for every market), and the trips of
 * market M and purpose P from them: the same number as rs__demand_metro_trips. */
typedef struct rs__demand_day {
  int closed;
  double growth;
  double factor[RS_NPURPOSE], adoption[RS_NPURPOSE];
} rs__demand_day;
void rs__demand_day_factors(const rs__demand_model *dm, const rs__day_context *ctx,
                            rs__demand_day *out);
/* KEEP (room for dm->nmodes doubles; NULL: none) and *KEPT: the other modes'
 * utilities for this market row and purpose, kept from the first call with
 * *KEPT 0 (they do not change from day to day within a run). */
double rs__demand_metro_trips_day(const rs__demand_model *dm, const rs__station *st,
                                  const rs__market_od *m, int p, const rs__day_context *ctx,
                                  const rs__demand_day *day, double ivt_min,
                                  const rs__perceived *perc, double *keep, unsigned char *kept,
                                  double *share);
/* The alternatives of market row M on DATE into ALT (room for RS__MAX_MODES + 1):
 * ALT[0] the metro at the perceived service PERC, 1 + i the scenario's modes[i].
 * Returns their number. */
struct rs__mode_alt;
int rs__demand_alternatives(const rs__demand_model *dm, const rs__station *st,
                            const rs__market_od *m, int32_t date, double ivt_min,
                            const rs__perceived *perc, struct rs__mode_alt *alt);

/* Shares of every alternative for PURPOSE (the same mixture) into P[0..n). */
void rs__segment_probs(const rs__demand_model *dm, int purpose, const struct rs__mode_alt *alt,
                       int n, double *p);
/* Its two steps: the utilities V[0..n) of the alternatives for PURPOSE, and
 * the shares from utilities V (ALT for which are available). */
void rs__segment_utilities(const rs__demand_model *dm, int purpose, const struct rs__mode_alt *alt,
                           int n, double *v);
void rs__segment_probs_v(const rs__demand_model *dm, int purpose, const double *v,
                         const struct rs__mode_alt *alt, int n, double *p);

/* The metro's share for PURPOSE over the N alternatives ALT (ALT[0] the metro,
 * 1 + i the scenario's modes[i]): the mixture of captive travellers, travellers
 * with and without a car, each a logit or nested logit (demand_segments.c). */
double rs__segment_metro_share(const rs__demand_model *dm, int purpose,
                               const struct rs__mode_alt *alt, int n);
#endif
