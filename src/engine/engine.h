/* The intraday engine: one service day, fixed Δt steps, every passenger an
 * individual (DESIGN 1.3).
 *
 * Each step [t, t+Δt): (1) passengers arrive, each with a continuous arrival
 * time inside the step; (2) train stops whose departure falls in the step are
 * processed in time order (ties: lower run index first): alight, then board
 * first-in-first-out by arrival time up to the remaining capacity; (3) record.
 * After the last train, whoever still waits is stranded. */
#ifndef RS__ENGINE_H
#define RS__ENGINE_H
#include <gsl/gsl_rng.h>
#include "model/timetable.h"

#define RS__WAIT_BINS 14400   /* 1-second wait histogram up to 4 h; longer in the last bin */

/* A stream of trips of one OD pair and purpose with a time-of-day profile. */
typedef struct rs__stream {
  int origin, dest;
  int purpose;            /* 0..RS_NPURPOSE-1, for riders_<purpose> */
  double trips;           /* expected trips this day (Poisson mean) */
  const double *hour_w;   /* 24 hourly weights summing to 1; NULL = flat over
                             the day's service window [flat_from_s, flat_to_s) */
} rs__stream;

typedef struct rs__day_demand {
  const rs__stream *streams;
  int nstreams;
  const rs__trip_row *trips;  /* explicit passengers (trips_csv): used instead of streams */
  int ntrips;
  double flat_from_s, flat_to_s;
} rs__day_demand;

enum { RS__PAX_DELIVERED = 1, RS__PAX_STRANDED = 2 };

typedef struct rs__pax {
  double arrival_s;
  double boarded_s;    /* NAN when stranded */
  double alighted_s;   /* NAN when stranded */
  int origin, dest;
  int purpose;
  int denied;          /* trains it could not board because they were full */
  int status;          /* RS__PAX_* */
  int trip_row;        /* index in rs__day_demand.trips, -1 when generated */
  int run;             /* run it rode, -1 when stranded */
} rs__pax;

/* Everything recorded about one day. Allocated once per simulation and
 * reused (rs__day_result_reset clears it for the next day). */
typedef struct rs__day_result {
  int nst;
  double generated, delivered, stranded;
  double after_service;              /* of the stranded: arrived after the last train */
  double denied_boardings;           /* refusals (one passenger may count several) */
  double by_purpose[RS_NPURPOSE];
  double wait_sum_s, ride_sum_s;
  double passenger_km;
  double max_load_factor;
  unsigned *wait_hist;               /* RS__WAIT_BINS */
  int wait_top;                      /* bins at and above it are all zero: the
                                      * day's work on the histogram ends there */
  double *board;                     /* [station * 24 + hour] boardings */
  double *alight;                    /* [station * 24 + hour] alightings */
  /* Section loads: [(dir * (nst-1) + section) * 24 + hour], section i = stations i..i+1,
   * hour of the train's departure into the section. */
  double *sec_pax;                   /* passengers carried */
  double *sec_trains;                /* trains run */
  /* Per stop of the day's timetable (parallel to rs__day_tt.stops). */
  double *stop_board, *stop_alight, *stop_load, *stop_denied;
  int cap_stops;
} rs__day_result;

int rs__day_result_alloc(rs__day_result *r, int nst);
void rs__day_result_free(rs__day_result *r);
void rs__day_result_reset(rs__day_result *r);
/* The same but the per-stop figures, for an engine that writes every stop's
 * four itself (the expected-value engine): zeroing them was a tenth of its day. */
void rs__day_result_reset_sums(rs__day_result *r);
/* Grow the per-stop arrays to hold NSTOPS stops (rs__engine_run_day calls it). */
int rs__day_result_reserve_stops(rs__day_result *r, int nstops);
/* Wait quantile Q in [0,1] from the histogram, interpolated inside the bin. */
double rs__wait_quantile(const unsigned *hist, double q);
/* The same from the first TOP bins, when every bin from TOP on is zero. */
double rs__wait_quantile_top(const unsigned *hist, int top, double q);

typedef struct rs__engine rs__engine;
rs__engine *rs__engine_alloc(int nst);
void rs__engine_free(rs__engine *e);

/* What each OD pair [origin * nst + dest] met on the last day, summed while
 * the day runs (as passengers arrive, board, are refused or are stranded), so
 * learning needs no second pass over the passengers. The counts are whole
 * numbers (exact in any order); the waits are added pair by pair in the order
 * the pair's passengers board, which is their order of arrival (one queue,
 * first in first out, the same eligibility), so the sums are those of a pass
 * over the passengers in arrival order, to the last bit. */
typedef struct rs__engine_od {
  const double *n;        /* passengers generated */
  const double *wait_min; /* waits in minutes of those who boarded without failing */
  const double *failed;   /* stranded, or boarded after a failed trip (rs__plan) */
  const double *denied;   /* refusals by full trains */
  const double *stranded; /* of n, those still waiting after the last train */
} rs__engine_od;
struct rs__plan;
/* Use PLAN (borrowed, engine_fluid.h; NULL: no failed trips, the default) for
 * the failed trips of rs__engine_od; the day's results do not depend on it. */
void rs__engine_set_plan(rs__engine *e, const struct rs__plan *plan);
/* The sums of the last day simulated. */
rs__engine_od rs__engine_od_sums(const rs__engine *e);

/* Simulate one day. CAPACITY per train. RNG draws arrivals (unused for an
 * explicit trip list). RES is reset first. */
int rs__engine_run_day(rs__engine *e, const rs__network *net, const rs__day_tt *tt,
                       const rs__day_demand *dd, double step_s, double capacity,
                       gsl_rng *rng, rs__day_result *res);

/* The passengers of the last day simulated, in order of arrival. */
const rs__pax *rs__engine_passengers(const rs__engine *e, int *n);
#endif
