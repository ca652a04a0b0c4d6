/* Dated scenario tables: departures_csv and trips_csv with a `date` column
 * hold many service days in one file; each day of a calendar run takes the
 * rows of its own date. See scenario_dated.c. */
#ifndef RS__DATED_H
#define RS__DATED_H
#include "model/scenario.h"

/* Add S to the timetable's pool of GTFS ids; its offset in *OFF (may be NULL). */
int rs__tt_id_add(rs__timetable *tt, const char *s, uint32_t *off);
/* The id at offset OFF of the pool ("" for 0). */
const char *rs__tt_id(const rs__timetable *tt, uint32_t off);
/* Stable sorts by date, so each date's rows are contiguous in file order. */
int rs__sort_rows_by_date(rs__timetable *tt);
int rs__sort_trips_by_date(rs__demand *dm);
/* First row and count of DATE's rows (every row when the table is not dated). */
void rs__dep_rows_of_date(const rs__timetable *tt, int32_t date, int *first, int *n);
void rs__trips_of_date(const rs__demand *dm, int32_t date, int *first, int *n);
#endif
