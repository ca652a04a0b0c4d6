/* Hand-made rows for the engine and timetable tests: a station at KM, a
 * departures_csv row, a trip. Everything not given is zero (no opening date). */
#ifndef RS__TEST_ROWS_H
#define RS__TEST_ROWS_H
#include <stdio.h>
#include <string.h>
#include "model/scenario.h"

static inline rs__station mk(double km, double dwell) {
  rs__station s;
  memset(&s, 0, sizeof s);
  s.km = km;
  s.dwell_s = dwell;
  s.opens = RS__DATE_NONE;
  return s;
}

static inline rs__dep_row row(const char *train, int st, double arr, double dep) {
  rs__dep_row r;
  memset(&r, 0, sizeof r);
  snprintf(r.train, sizeof r.train, "%s", train);
  r.station = st;
  r.arr_s = arr;
  r.dep_s = dep;
  return r;
}

static inline rs__trip_row trip(int o, int d, double t) {
  rs__trip_row r;
  memset(&r, 0, sizeof r);
  r.origin = o;
  r.dest = d;
  r.time_s = t;
  return r;
}
#endif
