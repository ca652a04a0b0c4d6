/* The expected-value engine: the expectation of rs__engine_run_day.
 *
 * The passenger engine draws Poisson arrivals and moves them through the day's
 * timetable one by one. This engine moves the expected arrivals through the
 * same timetable under the same rules, as a fluid: the arrivals of each OD pair
 * between two train stops at a station form one cohort (its mass and the sum
 * of its arrival times, both integrals of the streams' piecewise-constant
 * rates); a train stop alights, then boards the cohorts first-in-first-out up
 * to the train's remaining capacity (a partly boarded cohort boards each of its
 * destinations in proportion); whatever waits after the last train is
 * stranded. Without a capacity limit every figure it gives (riders, boardings
 * by station and hour, waits, rides, loads, stranded) is the exact expectation
 * of the passenger engine's; with one it is the fluid (deterministic-queue)
 * approximation of the engine's queues (docs/engine.md). Wait percentiles are
 * not computed (no histogram): the caller reports them as n/a. */
#ifndef RS__ENGINE_FLUID_H
#define RS__ENGINE_FLUID_H
#include "engine/engine.h"

typedef struct rs__fluid rs__fluid;

/* One boarding of a run by the fluid of an OD pair (for the crowding a ride
 * felt, which needs the run's loads over the whole day). */
typedef struct rs__fluid_board {
  int run, origin, dest;
  double mass;
} rs__fluid_board;

rs__fluid *rs__fluid_alloc(int nst);
void rs__fluid_free(rs__fluid *f);

/* The expectation of one day of rs__engine_run_day with the same arguments
 * (generated streams only: an explicit trip list has no randomness, run the
 * passenger engine on it). RES is reset first. */
int rs__fluid_run_day(rs__fluid *f, const rs__network *net, const rs__day_tt *tt,
                      const rs__day_demand *dd, double capacity, rs__day_result *res);

/* The day's published (planned) departures of each OD pair [origin * nst +
 * dest]: dep[off[k] .. off[k] + n[k]) in time order, and a give-up time per
 * pair. A passenger has met a failed trip when it waited longer than the
 * give-up time and the train it took left after the planned one (or none was
 * planned): a delay or a closure, not an early arrival before the first train. */
typedef struct rs__plan {
  const double *dep;
  const int *off, *n;
  const double *give_up_s;
} rs__plan;
/* Whether the passenger of pair K who arrived at A and boarded at B failed. */
int rs__plan_failed(const rs__plan *p, size_t k, double a, double b);
/* Use PLAN (borrowed; NULL: no failed trips, the default) for the failed
 * trips of rs__fluid_od; the day's results do not depend on it. */
void rs__fluid_set_plan(rs__fluid *f, const rs__plan *plan);
/* ON 0: every day by cohorts, never the linear day (for tests that compare
 * the two; default 1). */
void rs__fluid_set_linear(rs__fluid *f, int on);
/* Whether the last day ran as a linear day (engine_fluid_linear.c). */
int rs__fluid_ran_linear(const rs__fluid *f);
/* Per OD pair [origin * nst + dest] of the last day: expected passengers,
 * the summed waits in seconds of those who boarded without failing, the
 * stranded, the refusals by full trains, and those who boarded after a failed
 * trip (rs__plan). */
void rs__fluid_od(const rs__fluid *f, const double **gen, const double **wait_s,
                  const double **stranded, const double **denied, const double **gaveup);
/* The boardings of the last day (mass: those who did not fail). */
const rs__fluid_board *rs__fluid_boardings(const rs__fluid *f, int *n);
#endif
