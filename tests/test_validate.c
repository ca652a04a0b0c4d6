/* The validation pass (src/input/scenario_validate*.c): cross-field checks
 * report at the node they are about (positions counted by hand from the
 * inputs below), and a value that already failed to bind is not judged again.
 * Files are written into a fresh directory under /tmp. */
#include "scenario_files.h" /* first: it sets _XOPEN_SOURCE */
#include "check.h"

/* The commute section checked across its parts. */
static void test_commute(void) {
  put("cm.yaml",
      "ridersim: 1\n"                                   /* 1 */
      "line:\n"                                         /* 2 */
      "  stations:\n"                                   /* 3 */
      "    - {id: a, km: 0}\n"                          /* 4 */
      "    - {id: b, km: 2.5}\n"                        /* 5 */
      "    - {id: c, km: 6}\n"                          /* 6 */
      "trains: {capacity: 1000}\n"                      /* 7 */
      "commute:\n"                                      /* 8 */
      "  interchange: a\n"                              /* 9 */
      "  am_peak: {from: \"09:00\", to: \"08:00\"}\n"   /* 10 */
      "  connections:\n"                                /* 11 */
      "    - {id: l1, first: \"10:00\", last: \"09:00\", periods: [{from: \"12:00\", to: \"11:00\", "
      "headway_min: 5}]}\n"                             /* 12 */
      "  zones:\n"                                      /* 13 */
      "    - {station: a}\n"                            /* 14 */
      "    - {station: b}\n"                            /* 15 */
      "    - {station: b}\n"                            /* 16 */
      "  destinations:\n"                               /* 17 */
      "    - {id: d1, line: l1, ride_min: 10}\n"        /* 18 */
      "    - {id: d1, line: l1, ride_min: 12}\n");      /* 19 */
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("cm.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(s == NULL);
  CHECK(has(d, "cm.yaml:10:12: 'commute.am_peak': 'to' must be after 'from'"));
  CHECK(has(d, "cm.yaml:12:38: 'commute.connections[0].last' is before its first departure"));
  CHECK(has(d, "cm.yaml:12:57: 'commute.connections[0].periods[0]': 'to' must be after 'from'"));
  CHECK(has(d, "cm.yaml:14:7: 'commute.zones[0]': the interchange is reached through "
               "'destinations', not a zone"));
  CHECK(has(d, "cm.yaml:16:7: 'commute.zones[2]': station 'b' has two zones"));
  CHECK(has(d, "cm.yaml:19:7: 'commute.destinations[1]': destination id 'd1' is used twice"));
  CHECK(rs_diag_count(d) == 6);
  rs_diag_free(d);

  /* no interchange and no zone left: both reported at the section */
  put("cm2.yaml",
      "ridersim: 1\n"
      "line: {stations: [{id: a, km: 0}, {id: b, km: 2.5}]}\n"
      "trains: {capacity: 1000}\n"
      "commute:\n" /* 4 */
      "  zones: []\n"
      "  connections: [{id: l1, periods: [{from: \"00:00\", to: \"24:00\", headway_min: 5}]}]\n"
      "  destinations: [{id: d1, line: l1, ride_min: 10}]\n");
  CHECK(load("cm2.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "cm2.yaml:5:3: 'commute' needs 'interchange' (or a station in "
               "market.cross_zone)"));
  CHECK(has(d, "cm2.yaml:5:3: 'commute' has no Ziyang-side zone"));
  CHECK(rs_diag_count(d) == 2);
  rs_diag_free(d);
}

/* A value that failed to bind is not compared with another. */
static void test_only_clean_values(void) {
  put("g.yaml",
      "ridersim: 1\n"                                              /* 1 */
      "period: {start: 2025-02-30, end: 2025-01-01}\n"             /* 2 */
      "line:\n"                                                    /* 3 */
      "  stations:\n"                                              /* 4 */
      "    - {id: a, km: 0}\n"                                     /* 5 */
      "    - {id: b, km: x}\n"                                     /* 6 */
      "    - {id: c, km: 0}\n"                                     /* 7 */
      "trains: {capacity: 1000}\n"                                 /* 8 */
      "timetable: {first_train: '48:00', last_train: '05:00'}\n"); /* 9 */
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("g.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "g.yaml:2:17: 'period.start' must be a date YYYY-MM-DD (1900-2199), got "
               "'2025-02-30'"));
  CHECK(has(d, "g.yaml:6:19: 'line.stations[1].km' must be a number, got 'x'"));
  /* b's km did not bind: c is compared with a's */
  CHECK(has(d, "g.yaml:7:19: 'line.stations[2].km' must be greater than the previous "
               "station's km (0), got 0"));
  CHECK(has(d, "g.yaml:9:26: 'timetable.first_train' is out of range, got '48:00' (hour must "
               "be 0-47, 24 and later being past midnight of the same service day; minutes and "
               "seconds 0-59; seconds after the service day's midnight in [0, 172800))"));
  /* neither 'period.end' before an unknown start nor the last train before a first
   * train that is not there */
  CHECK(rs_diag_count(d) == 4);
  rs_diag_free(d);

  /* the same shapes with both values good are compared */
  put("g2.yaml",
      "ridersim: 1\n"                                             /* 1 */
      "period: {start: 2025-02-28, end: 2025-01-01}\n"            /* 2 */
      "line: {stations: [{id: a, km: 0}, {id: b, km: 2.5}]}\n"    /* 3 */
      "trains: {capacity: 1000}\n"                                /* 4 */
      "timetable: {first_train: '23:00', last_train: '05:00'}\n"  /* 5 */
      "running: {sections_s: [60, 60]}\n");                       /* 6 */
  CHECK(load("g2.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "g2.yaml:2:34: 'period.end' must not be before 'period.start'"));
  CHECK(has(d, "g2.yaml:5:47: the last train (down, 05:00:00) is before the first train "
               "(23:00:00)"));
  CHECK(has(d, "g2.yaml:6:23: 'running.sections_s' must have 1 items (one per section between "
               "2 stations), got 2"));
  CHECK(rs_diag_count(d) == 3);
  rs_diag_free(d);
}

int main(void) {
  if (!files_begin("rs_test_validate")) return 1;
  test_commute();
  test_only_clean_values();
  files_end();
  return check_done();
}
