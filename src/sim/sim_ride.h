/* Per-stop records of every train of every simulated day, kept when a run
 * asks for them (rs_run_options.ride_records) and written as GTFS-Ride by
 * gtfs_ride.c. They are spilled day by day to an unnamed temporary file, so
 * memory stays flat in the period's length (issue 17): the file holds, for
 * each train in order, its rs__ride_run then its nstops rs__ride_rec. */
#ifndef RS__SIM_RIDE_H
#define RS__SIM_RIDE_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "model/scenario.h"

typedef struct rs__ride_run {
  int32_t date;               /* RS__DATE_NONE for a dateless day */
  int32_t nstops;             /* records that follow in the file */
  char id[RS__ID_MAX];         /* the run's id (used when the row has no GTFS trip_id) */
} rs__ride_run;

typedef struct rs__ride_rec {
  int32_t row;                /* departures_csv row, -1 for a generated timetable */
  int16_t station, k;         /* station index; call number within the run (0-based) */
  float board, alight, load;  /* load when leaving the stop */
  double arr_s, dep_s;
} rs__ride_rec;

typedef struct rs__ride {
  FILE *f;                    /* the unnamed temporary file; NULL before the first day */
  size_t n;                   /* records written */
  int nruns;                  /* trains written */
  int32_t first_date, last_date; /* of the first and last train */
  char err[320];              /* why keeping the records failed, "" */
} rs__ride;

/* A sequential pass over the records (one pass at a time per rs__ride). */
typedef struct rs__ride_reader {
  FILE *f;
  rs__ride_run run;           /* the train of the last record read */
  int left;                   /* its records not yet read */
} rs__ride_reader;

struct rs_sim;
/* Append the day just simulated (sim->tt, sim->day) to the records. RS_EIO
 * with R->err set when the temporary file cannot be created or written. */
int rs__sim_ride_record(struct rs_sim *sim, int32_t date);
/* Flush the records at the end of a run (a full disk shows here too). */
int rs__ride_finish(rs__ride *r);
void rs__ride_free(rs__ride *r);
/* Start a pass from the first record. */
int rs__ride_read_begin(const rs__ride *r, rs__ride_reader *rd);
/* The next record and its train: 1, 0 after the last one, RS_EIO. */
int rs__ride_read(rs__ride_reader *rd, rs__ride_rec *x);
#endif
