/* The read-only view of a run: what the writers (report/), the drivers and the
 * door-to-door commute read. The simulation's workspaces, learning state and
 * generators stay private to sim/ (sim.h). Pointers stay valid until the next
 * rs_sim_run or rs_sim_free. */
#ifndef RS__SIM_RESULTS_H
#define RS__SIM_RESULTS_H
#include <stdint.h>
#include "engine/engine.h"
#include "model/scenario.h"

/* One row of daily.csv. */
typedef struct rs__daily_row {
  int32_t date;              /* RS__DATE_NONE for a dateless one-day scenario */
  int type;                  /* rs__daytype */
  double riders, cumulative;
  double by_purpose[RS_NPURPOSE];
  double passenger_km, mean_wait_s, p95_wait_s, mean_ride_s;
  double denied, stranded, max_load_factor;
  char season[RS__ID_MAX];   /* kind of season the day lies in, "" */
  int calendar;              /* RS__CAL_PUBLISHED, RS__CAL_PROJECTED, RS__CAL_NONE */
  double revenue, train_km;  /* fares of the day's delivered riders; km run by trains */
} rs__daily_row;

enum { RS__CAL_NONE = 0, RS__CAL_PUBLISHED, RS__CAL_PROJECTED };

typedef struct rs__results {
  const rs_scenario *s;
  int ran;                        /* 0 before a run finished: nothing below is valid */
  int expected;                   /* expected-value mode: no passengers; the detail day's
                                     trains and loads are expectations */
  uint64_t replication;
  int days;                       /* simulated days, rows of DAILY */
  const rs__daily_row *daily;
  const double *daily_board;      /* [day * nst + station] boardings */
  const double *daily_alight;     /* [day * nst + station] alightings */
  /* The detail day (trains.csv, stations.csv, sections.csv, passengers.csv). */
  int32_t detail_date;            /* RS__DATE_NONE for a dateless one-day scenario */
  int have_detail;
  const rs__day_tt *dtt;          /* its timetable */
  const rs__day_result *dres;     /* its loads, boardings, waits */
  const rs__pax *dpax;            /* its passengers, in order of arrival */
  int ndpax;
  /* Every train at every stop of every day (sim_ride.h), NULL unless the run
   * was asked for them (rs_run_options.ride_records). */
  const struct rs__ride *ride;
} rs__results;

/* The view of SIM's run (sim.c); ->ran is 0 until rs_sim_run succeeded. */
const rs__results *rs__sim_results(const rs_sim *sim);
/* The run's door-to-door tables (rs_commute_compute's), computed on the first
 * call and kept by SIM until its next run: the files, commute.txt and the
 * printed headline read one computation. *OUT NULL without a commute section. */
struct rs_commute;
int rs__sim_commute(const rs_sim *sim, const struct rs_commute **out);
#endif
