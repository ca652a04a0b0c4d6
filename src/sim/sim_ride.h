/* Per-stop records of every train of every simulated day, kept when a run
 * asks for them (rs_run_options.ride_records) and written as GTFS-Ride by
 * gtfs_ride.c. */
#ifndef RS__SIM_RIDE_H
#define RS__SIM_RIDE_H
#include <stddef.h>
#include <stdint.h>
#include "model/scenario.h"

typedef struct rs__ride_run {
  int32_t date;               /* RS__DATE_NONE for a dateless day */
  char id[RS__ID_MAX];         /* the run's id (used when the row has no GTFS trip_id) */
} rs__ride_run;

typedef struct rs__ride_rec {
  int32_t run;                /* index in rs__ride.runs */
  int32_t row;                /* departures_csv row, -1 for a generated timetable */
  int16_t station, k;         /* station index; call number within the run (0-based) */
  float board, alight, load;  /* load when leaving the stop */
  double arr_s, dep_s;
} rs__ride_rec;

typedef struct rs__ride {
  rs__ride_run *runs;
  int nruns, cap_runs;
  rs__ride_rec *rec;
  size_t n, cap;
} rs__ride;

struct rs_sim;
/* Append the day just simulated (sim->tt, sim->day) to the records. */
int rs__sim_ride_record(struct rs_sim *sim, int32_t date);
void rs__ride_free(rs__ride *r);
#endif
