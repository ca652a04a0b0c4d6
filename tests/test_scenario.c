/* Scenario loading: bound values and defaults, exact messages with positions
 * (counted by hand from the inputs), every error in one pass, extends, --set,
 * CSV tables, hash. Files are written into a fresh directory under /tmp. */
#include "scenario_files.h" /* first: it sets _XOPEN_SOURCE */
#include <unistd.h>
#include "check.h"

static const char *MIN =
    "ridersim: 1\n"
    "line:\n"
    "  stations:\n"
    "    - {id: a, km: 0}\n"
    "    - {id: b, km: 2.5}\n"
    "    - {id: c, km: 6}\n"
    "trains:\n"
    "  capacity: 1000\n";

static void test_defaults(void) {
  put("min.yaml", MIN);
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("min.yaml", NULL, 0, &s, &d) == RS_OK);
  CHECK(rs_diag_count(d) == 0);
  if (s) {
    CHECK(s->nst == 3 && !strcmp(s->st[2].id, "c"));
    CHECK_NEAR(s->st[1].km, 2.5, 0);
    CHECK(!strcmp(s->st[1].en, "b") && s->st[1].zh[0] == 0);
    CHECK_NEAR(s->st[0].dwell_s, 30, 0);
    CHECK(s->st[0].opens == RS__DATE_NONE);
    CHECK_NEAR(s->step_s, 30, 0);
    CHECK(rs_scenario_seed(s) == 1);
    CHECK_NEAR(s->trains.comfort_capacity, 700, 1e-9);
    CHECK(s->trains.cars == 4 && s->trains.fleet == 0);
    CHECK_NEAR(s->running.max_speed_kmh, 100, 0);
    CHECK_NEAR(s->running.accel_ms2, 0.8, 0);
    CHECK_NEAR(s->running.turnaround_s, 300, 0);
    CHECK(s->running.section_s == NULL);
    CHECK_NEAR(s->timetable.service.first_s[RS__UP], 6 * 3600, 0);
    CHECK_NEAR(s->timetable.service.last_s[RS__DOWN], 23 * 3600, 0);
    CHECK(s->timetable.service.nperiods == 1);
    CHECK_NEAR(s->timetable.service.periods[0].to_s, 86400, 0);
    CHECK_NEAR(s->timetable.service.periods[0].headway_s, 600, 0);
    CHECK(s->demand.nod == 0 && s->demand.ntrips == 0);
  }
  rs_scenario_free(s);
  rs_diag_free(d);
}

static void test_full(void) {
  put("full.yaml",
      "ridersim: 1\n"
      "name: test line\n"
      "seed: 9223372036854775808\n"
      "step_s: 0.5\n"
      "line:\n"
      "  stations:\n"
      "    - {id: a, zh: 甲, en: Alpha, km: 0, dwell_s: 60, opens: 2024-09-29}\n"
      "    - {id: b, km: 2.5}\n"
      "trains: {capacity: 1416, comfort_capacity: 944, cars: 6, fleet: 11}\n"
      "running: {max_speed_kmh: 160, sections_s: [150]}\n"
      "timetable:\n"
      "  first_train: {down: '06:30', up: '06:30:00'}\n"
      "  last_train: '22:00'\n"
      "  periods:\n"
      "    - {from: '00:00', to: '07:00', headway_min: 12}\n"
      "    - {from: '07:00', to: '24:00', headway_min: 7.5}\n"
      "  delays: {probability: 0.25, mean_s: 40}\n"
      "demand:\n"
      "  profiles:\n"
      "    am: [0,0,0,0,0,0, 1,2,1,0,0,0, 0,0,0,0,0,0, 0,0,0,0,0,0]\n"
      "  od:\n"
      "    - {from: a, to: b, trips: 100, profile: am}\n"
      "    - {from: b, to: a, trips: 50}\n");
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("full.yaml", NULL, 0, &s, &d) == RS_OK);
  if (s) {
    CHECK(!strcmp(s->name, "test line"));
    CHECK(rs_scenario_seed(s) == 9223372036854775808ULL);
    CHECK_NEAR(s->step_s, 0.5, 0);
    CHECK(!strcmp(s->st[0].zh, "甲") && !strcmp(s->st[0].en, "Alpha"));
    /* 2024-01-01 is 54*365 + 13 leap days = 19723 days after 1970-01-01;
     * Sep 29 is day 244 + 29 of leap 2024, i.e. 272 days later */
    CHECK(s->st[0].opens == 19723 + 272);
    CHECK_NEAR(s->trains.comfort_capacity, 944, 0);
    CHECK(s->trains.cars == 6 && s->trains.fleet == 11);
    CHECK(s->running.nsection == 1 && s->running.section_s[0] == 150);
    CHECK_NEAR(s->timetable.service.first_s[RS__DOWN], 6.5 * 3600, 0);
    CHECK_NEAR(s->timetable.service.first_s[RS__UP], 23400, 0);
    CHECK_NEAR(s->timetable.service.last_s[RS__UP], 22 * 3600, 0);
    CHECK(s->timetable.service.nperiods == 2);
    CHECK_NEAR(s->timetable.service.periods[1].headway_s, 450, 0);
    CHECK_NEAR(s->timetable.delays.probability, 0.25, 0);
    CHECK(s->demand.nprofiles == 1 && s->demand.profiles[0].w[7] == 2);
    CHECK(s->demand.nod == 2 && s->demand.od[0].profile == 0 && s->demand.od[1].profile == -1);
    CHECK(s->demand.od[1].origin == 1 && s->demand.od[1].dest == 0);
  }
  rs_scenario_free(s);
  rs_diag_free(d);
}

static void test_messages(void) {
  /* five problems, all reported in one pass */
  put("bad.yaml",
      "ridersim: 1\n"                                        /* 1 */
      "step_s: 7\n"                                          /* 2 */
      "line:\n"                                              /* 3 */
      "  stations:\n"                                        /* 4 */
      "    - {id: a, km: 0}\n"                               /* 5 */
      "    - {id: b}\n"                                      /* 6 */
      "    - {id: c, km: 1}\n"                               /* 7 */
      "trains:\n"                                            /* 8 */
      "  capacity: lots\n"                                   /* 9 */
      "timetable:\n"                                         /* 10 */
      "  periods:\n"                                         /* 11 */
      "    - {from: \"06:00\", to: \"23:00\", headway: 5}\n" /* 12 */
      "demand:\n"                                            /* 13 */
      "  od:\n"                                              /* 14 */
      "    - {from: ziyang, to: a, trips: 1}\n");            /* 15 */
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("bad.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(s == NULL);
  CHECK(rs_diag_count(d) == 6);
  CHECK(has(d, "bad.yaml:2:9: 'step_s' must be in (0, 600] and divide 3600, got 7"));
  CHECK(has(d, "bad.yaml:6:7: 'line.stations[1]' is missing required key 'km'"));
  CHECK(has(d, "bad.yaml:9:13: 'trains.capacity' must be a number, got 'lots'"));
  CHECK(has(d, "bad.yaml:12:36: unknown key 'headway' in 'timetable.periods[0]' (did you mean "
               "'headway_min'?)"));
  CHECK(has(d, "bad.yaml:12:7: 'timetable.periods[0]' is missing required key 'headway_min'"));
  /* no suggestion: 'ziyang' is not close to a, b or c */
  CHECK(has(d, "bad.yaml:15:14: 'demand.od[0].from': unknown station 'ziyang'"));
  rs_diag_free(d);

  put("bad2.yaml",
      "ridersim: 2\n"                                  /* 1 */
      "line:\n"                                        /* 2 */
      "  stations:\n"                                  /* 3 */
      "    - {id: futian, km: 0}\n"                    /* 4 */
      "    - {id: ziyangbei, km: 5}\n"                 /* 5 */
      "    - {id: futian, km: 4, dwell_s: -1}\n"       /* 6 */
      "trains: [1416]\n"                               /* 7 */
      "running: {sections_s: [1, 2]}\n"                /* 8 */
      "timetable: {first_train: '48:00'}\n"            /* 9 */
      "demand: {od: [{from: ziyang, to: ziyangbei, trips: .nan}]}\n" /* 10 */
      "stepp_s: 30\n");                                /* 11 */
  CHECK(load("bad2.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "bad2.yaml:11:1: unknown key 'stepp_s' (did you mean 'step_s'?)"));
  CHECK(has(d, "bad2.yaml:1:11: unsupported schema version 2 (this ridersim reads version 1)"));
  CHECK(has(d, "bad2.yaml:6:12: 'line.stations[2].id': duplicate station id 'futian' (first at "
               "line 4)"));
  CHECK(has(d, "bad2.yaml:6:24: 'line.stations[2].km' must be greater than the previous "
               "station's km (5), got 4"));
  CHECK(has(d, "bad2.yaml:6:36: 'line.stations[2].dwell_s' must be in [0, 3600], got -1"));
  CHECK(has(d, "bad2.yaml:7:9: 'trains' must be a mapping, got a list"));
  CHECK(has(d, "bad2.yaml:9:26: 'timetable.first_train' is out of range, got '48:00' (hour "
               "must be 0-47, 24 and later being past midnight of the same service day; minutes "
               "and seconds 0-59; seconds after the service day's midnight in [0, 172800))"));
  CHECK(has(d, "bad2.yaml:10:22: 'demand.od[0].from': unknown station 'ziyang' (did you mean "
               "'ziyangbei'?)"));
  CHECK(has(d, "bad2.yaml:10:52: 'demand.od[0].trips' must be a finite number, got '.nan'"));
  CHECK(rs_diag_count(d) == 9);
  rs_diag_free(d);
}

static void test_extends(void) {
  put("base.yaml", MIN);
  put("mid.yaml", "extends: base.yaml\ntrains: {capacity: 2000}\nstep_s: 60\n");
  put("top.yaml",
      "extends: mid.yaml\n"
      "trains: {cars: 6}\n"
      "line: {name: renamed}\n"
      "timetable: {periods: [{from: '00:00', to: '24:00', headway_min: 5}]}\n");
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("top.yaml", NULL, 0, &s, &d) == RS_OK);
  if (s) {
    CHECK_NEAR(s->trains.capacity, 2000, 0); /* from mid, merged key by key */
    CHECK(s->trains.cars == 6);
    CHECK_NEAR(s->step_s, 60, 0);
    CHECK(s->nst == 3); /* line.stations kept from base */
    CHECK(!strcmp(s->line_name, "renamed"));
    CHECK_NEAR(s->timetable.service.periods[0].headway_s, 300, 0);
  }
  rs_scenario_free(s);
  rs_diag_free(d);

  /* a sequence in the extending file replaces the base's */
  put("seq.yaml",
      "extends: base.yaml\n"
      "line:\n"
      "  stations: [{id: x, km: 0}, {id: y, km: 1}]\n");
  CHECK(load("seq.yaml", NULL, 0, &s, &d) == RS_OK);
  CHECK(s && s->nst == 2 && !strcmp(s->st[0].id, "x"));
  rs_scenario_free(s);
  rs_diag_free(d);

  put("cyc1.yaml", "extends: cyc2.yaml\n");
  put("cyc2.yaml", "ridersim: 1\nextends: cyc1.yaml\n");
  CHECK(load("cyc1.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  char want[512];
  snprintf(want, sizeof want,
           "cyc2.yaml:2:10: extends cycle: %s/cyc1.yaml -> %s/cyc2.yaml -> %s/cyc1.yaml", dir,
           dir, dir);
  CHECK(has(d, want));
  rs_diag_free(d);

  put("noext.yaml", "extends: missing.yaml\n");
  CHECK(load("noext.yaml", NULL, 0, &s, &d) == RS_EIO);
  snprintf(want, sizeof want,
           "noext.yaml:1:10: 'extends': cannot read '%s/missing.yaml': No such file or directory",
           dir);
  CHECK(has(d, want));
  rs_diag_free(d);
}

static void test_set(void) {
  rs_scenario *s;
  rs_diag *d;
  const char *ok[] = {"step_s=60", "timetable.periods=[{from: '00:00', to: '24:00', headway_min: 7.5}]",
                      "line.stations.1.km=3", "running.turnaround_s=120", "name='5'"};
  CHECK(load("min.yaml", ok, 5, &s, &d) == RS_OK);
  if (s) {
    CHECK_NEAR(s->step_s, 60, 0);
    CHECK_NEAR(s->timetable.service.periods[0].headway_s, 450, 0);
    CHECK_NEAR(s->st[1].km, 3, 0);
    CHECK_NEAR(s->running.turnaround_s, 120, 0); /* 'running' created by --set */
    CHECK(!strcmp(s->name, "5"));
  }
  rs_scenario_free(s);
  rs_diag_free(d);

  const char *bad[] = {"trains.capacity=lots", "trains.capasity=5", "noequals",
                       "line.stations.7.km=1", "step_s='60'", "=3", "a..b=1"};
  CHECK(load("min.yaml", bad, 7, &s, &d) != RS_OK);
  CHECK(s == NULL);
  CHECK(has(d, "--set:1:17: 'trains.capacity' must be a number, got 'lots'"));
  CHECK(has(d, "--set:2:8: unknown key 'capasity' in 'trains' (did you mean 'capacity'?)"));
  CHECK(has(d, "--set:3:1: malformed --set 'noequals': expected key.path=value"));
  CHECK(has(d, "--set:4:15: index 7 out of range: 'line.stations' has 3 items"));
  CHECK(has(d, "--set:5:8: 'step_s' must be a number, got '60'"));
  CHECK(has(d, "--set:6:1: malformed --set '=3': empty key path"));
  CHECK(has(d, "--set:7:3: malformed --set 'a..b=1': empty part in key path"));
  CHECK(rs_diag_count(d) == 7);
  rs_diag_free(d);
}

static void test_csv(void) {
  put("trips.csv",
      "\xEF\xBB\xBFtime,id,origin,destination\r\n"
      "07:30,t1,a,c\r\n"
      "\"08:00:30\",\"t,2\",c,b\r\n");
  put("trips.yaml", "extends: min.yaml\ndemand: {trips_csv: trips.csv}\n");
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("trips.yaml", NULL, 0, &s, &d) == RS_OK);
  if (s) {
    CHECK(s->demand.ntrips == 2);
    CHECK(!strcmp(rs__trip_id(&s->demand, &s->demand.trips[1]), "t,2"));
    CHECK(s->demand.trips[0].origin == 0 && s->demand.trips[0].dest == 2);
    CHECK_NEAR(s->demand.trips[1].time_s, 8 * 3600 + 30, 0);
    CHECK(s->demand.trips[1].line == 3);
  }
  rs_scenario_free(s);
  rs_diag_free(d);

  put("trips-bad.csv",
      "id,origin,destination,time\n" /* 1 */
      "t1,a,c,48:00\n"               /* 2 */
      "t2,a,a,07:00\n"               /* 3 */
      "t1,bb,c,07:00\n"              /* 4 */
      "t4,a,c\n");                   /* 5 */
  put("trips-bad.yaml", "extends: min.yaml\ndemand: {trips_csv: trips-bad.csv}\n");
  CHECK(load("trips-bad.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "trips-bad.csv:2:8: 'time' is out of range, got '48:00' (hour must be 0-47: "
               "past 24 is after midnight on the same service day; minutes and seconds 0-59)"));
  CHECK(has(d, "trips-bad.csv:3:6: destination is the same station as origin ('a')"));
  CHECK(has(d, "trips-bad.csv:4:4: unknown station 'bb' in column 'origin' (did you mean 'b'?)"));
  CHECK(has(d, "trips-bad.csv:5:1: row has 3 fields, the header has 4"));
  CHECK(has(d, "trips-bad.csv:4:1: duplicate trip id 't1' (first at line 2)"));
  CHECK(rs_diag_count(d) == 5);
  rs_diag_free(d);

  put("cols.csv", "id,origin,dest,time\n");
  put("cols.yaml", "extends: min.yaml\ndemand: {trips_csv: cols.csv}\n");
  CHECK(load("cols.yaml", NULL, 0, &s, &d) == RS_ESYNTAX);
  CHECK(has(d, "cols.csv:1:11: unexpected column 'dest' (did you mean 'destination'?); "
               "expected columns "
               "id,origin,destination,time and optionally date"));
  CHECK(has(d, "cols.csv:1:1: missing column 'destination'; expected columns "
               "id,origin,destination,time and optionally date"));
  rs_diag_free(d);

  put("miss.yaml", "extends: min.yaml\ndemand:\n  trips_csv: nope.csv\n");
  CHECK(load("miss.yaml", NULL, 0, &s, &d) == RS_EIO);
  char want[512];
  snprintf(want, sizeof want,
           "miss.yaml:3:14: 'demand.trips_csv': cannot read '%s/nope.csv': No such file or "
           "directory",
           dir);
  CHECK(has(d, want));
  rs_diag_free(d);

  put("dep.csv",
      "train,station,arrival,departure\n" /* 1 */
      "d1,a,06:00,06:00:30\n"             /* 2 */
      "d1,b,06:05,06:05:30\n"             /* 3 */
      "d1,c,06:10,06:10\n"                /* 4 */
      "u1,c,06:00,06:01\n"                /* 5 */
      "u1,a,06:20,06:20\n");              /* 6 */
  put("dep.yaml", "extends: min.yaml\ntimetable: {departures_csv: dep.csv}\n");
  CHECK(load("dep.yaml", NULL, 0, &s, &d) == RS_OK);
  if (s) {
    CHECK(s->timetable.nrows == 5);
    CHECK(s->timetable.rows[3].station == 2 && !strcmp(s->timetable.rows[3].train, "u1"));
    CHECK_NEAR(s->timetable.rows[0].dep_s, 6 * 3600 + 30, 0);
  }
  rs_scenario_free(s);
  rs_diag_free(d);

  put("dep-bad.csv",
      "train,station,arrival,departure\n" /* 1 */
      "d1,a,06:00,06:01\n"                /* 2 */
      "d1,c,06:10,06:09\n"                /* 3 */
      "d1,b,06:20,06:21\n"                /* 4 */
      "u1,c,06:00,06:01\n"                /* 5 */
      "d1,a,07:00,07:01\n"                /* 6 */
      "d1,b,06:59,07:10\n");              /* 7 */
  put("dep-bad.yaml",
      "extends: min.yaml\ntimetable: {departures_csv: dep-bad.csv, periods: []}\n");
  CHECK(load("dep-bad.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "dep-bad.yaml:2:42: 'timetable.periods' cannot be given together with "
               "'timetable.departures_csv'"));
  CHECK(has(d, "dep-bad.csv:3:12: departure 06:09 is before arrival 06:10"));
  CHECK(has(d, "dep-bad.csv:4:4: train 'd1' reverses direction at 'b'"));
  CHECK(has(d, "dep-bad.csv:5:1: train 'u1' has only one stop (at least 2 are needed)"));
  CHECK(has(d, "dep-bad.csv:7:6: arrival 06:59 is before the departure from the previous stop"));
  CHECK(has(d, "dep-bad.csv:6:1: train 'd1' reappears: its rows must be contiguous (first "
               "block at line 2)"));
  rs_diag_free(d);
}

static void test_hash_and_limits(void) {
  rs_scenario *s1, *s2, *s3;
  rs_diag *d1, *d2, *d3;
  /* same content, other key order and flow style: same hash */
  put("fmt.yaml",
      "trains:\n  capacity: 1000\nline:\n  stations:\n"
      "    - id: a\n      km: 0\n    - {km: 2.5, id: b}\n    - {id: c, km: 6}\n"
      "ridersim: 1   # comment\n");
  const char *set[] = {"trains.capacity=1001"};
  CHECK(load("min.yaml", NULL, 0, &s1, &d1) == RS_OK);
  CHECK(load("fmt.yaml", NULL, 0, &s2, &d2) == RS_OK);
  CHECK(load("min.yaml", set, 1, &s3, &d3) == RS_OK);
  if (s1 && s2 && s3) {
    CHECK(rs_scenario_hash(s1) == rs_scenario_hash(s2));
    CHECK(rs_scenario_hash(s1) != rs_scenario_hash(s3));
    CHECK(rs_scenario_hash(s1) != 0);
  }
  rs_scenario_free(s1), rs_scenario_free(s2), rs_scenario_free(s3);
  rs_diag_free(d1), rs_diag_free(d2), rs_diag_free(d3);

  /* CSV bytes are part of the hash */
  rs_scenario *t1, *t2;
  CHECK(load("trips.yaml", NULL, 0, &t1, &d1) == RS_OK);
  put("trips.csv", "id,origin,destination,time\nt1,a,c,07:31\n");
  CHECK(load("trips.yaml", NULL, 0, &t2, &d2) == RS_OK);
  CHECK(t1 && t2 && rs_scenario_hash(t1) != rs_scenario_hash(t2));
  rs_scenario_free(t1), rs_scenario_free(t2);
  rs_diag_free(d1), rs_diag_free(d2);

  put("bomb.yaml",
      "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n");
  CHECK(load("bomb.yaml", NULL, 0, &s1, &d1) == RS_ELIMIT);
  CHECK(has(d1, "bomb.yaml:7:8: document expands to more than 2000000 nodes (alias bomb?)"));
  rs_diag_free(d1);

  put("empty.yaml", "");
  CHECK(load("empty.yaml", NULL, 0, &s1, &d1) == RS_ESYNTAX);
  CHECK(has(d1, "empty.yaml:1:1: empty scenario"));
  rs_diag_free(d1);
}

int main(void) {
  if (!files_begin("rs_test_scenario")) return 1;
  test_defaults();
  test_full();
  test_messages();
  test_extends();
  test_set();
  test_csv();
  test_hash_and_limits();
  files_end();
  return check_done();
}
