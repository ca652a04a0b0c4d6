/* One day's trains: each a run of stops in travel order. Built from the
 * headway pattern (with optional random departure delays) or from the
 * explicit departures_csv rows. */
#ifndef RS__TIMETABLE_H
#define RS__TIMETABLE_H
#include <gsl/gsl_rng.h>
#include "model/network.h"

typedef struct rs__stop {
  int station;
  double arr_s, dep_s;   /* arr <= dep; at the origin terminal arr == dep */
} rs__stop;

typedef struct rs__run {
  char id[RS__ID_MAX];   /* "D001", "U014" for generated trains, the CSV id otherwise */
  int dir;              /* RS__DOWN or RS__UP (from the km of its first and last stop) */
  int first_stop;       /* index of its first stop in rs__day_tt.stops */
  int nstops;
} rs__run;

typedef struct rs__day_tt {
  rs__run *runs;     /* sorted by departure from their first stop, then id */
  int nruns, cap_runs;
  rs__stop *stops;   /* runs' stops, contiguous per run */
  int nstops, cap_stops;
  /* stop_of[r * nst + station] = index of run r's stop at station within the
   * run (0..nstops-1), or -1 when run r does not call there. */
  int *stop_of;
  int nst;
} rs__day_tt;

void rs__day_tt_init(rs__day_tt *tt);
void rs__day_tt_free(rs__day_tt *tt);

/* Build the day's trains from SERVICE (headways, first/last departures),
 * running times of NET and dwells of the stations open on that day
 * (OPEN[i] != 0; NULL = all). RNG draws the random departure delays of
 * DELAYS (NULL rng or probability 0: none). Reuses TT's memory. */
int rs__timetable_from_service(rs__day_tt *tt, const rs__network *net,
                               const rs__service *service, const rs__delays *delays,
                               const unsigned char *open, gsl_rng *rng);

/* Build from explicit departures_csv rows (already resolved and validated). */
int rs__timetable_from_rows(rs__day_tt *tt, int nst, const rs__dep_row *rows, int nrows);
#define RS__MAX_SUSPENSIONS 1000

/* Apply the service suspensions in force on DATE (RS__DATE_NONE: a dateless day,
 * where only undated suspensions apply) to TT (timetable_suspend.c). A signal
 * failure, works or a power cut: for a window of the day no train leaves any
 * station.
 * - a train whose departure from an intermediate station falls in the window
 *   is held there until the window ends, then runs on with its scheduled
 *   running and dwell times (everything after it shifts by the hold);
 * - a train due to leave its origin terminal in the window is cancelled (the
 *   line is blocked; its trainset stays at the terminal).
 * Arrivals at a train's last stop are not departures: they are kept.
 * Runs stay sorted; the stops of cancelled runs are left unused in TT->stops. */
int rs__timetable_apply_suspensions(rs__day_tt *tt, const rs__suspension *sp, int n,
                                    int32_t date);
#endif
