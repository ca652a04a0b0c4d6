/* Timetables from a headway pattern (periods, first/last, closed stations,
 * random delays) and from explicit rows. Expected times worked out by hand. */
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "rows.h"
#include "model/timetable.h"

static const rs__stop *stop(const rs__day_tt *tt, int r, int k) {
  return &tt->stops[tt->runs[r].first_stop + k];
}

int main(void) {
  rs__station st[3] = {mk(0, 20), mk(3, 20), mk(9, 20)};
  double sec[2] = {100, 200};
  rs_scenario s;
  memset(&s, 0, sizeof s);
  s.st = st;
  s.nst = 3;
  s.running.section_s = sec;
  s.running.nsection = 2;
  rs__network net;
  CHECK(rs__network_init(&net, &s) == RS_OK);

  /* Down 06:00-06:20, 5 min until 06:10 then 10 min: 21600, 21900, 22200, 22800.
   * Up: one train at 21700. */
  rs__period per[2] = {{0, 22200, 300}, {22200, 86400, 600}};
  rs__service sv = {{21600, 21700}, {22800, 21700}, per, 2};
  rs__day_tt tt;
  rs__day_tt_init(&tt);
  CHECK(rs__timetable_from_service(&tt, &net, &sv, NULL, NULL, NULL) == RS_OK);
  CHECK(tt.nruns == 5);
  CHECK(tt.nstops == 15);
  const char *ids[5] = {"D001", "U001", "D002", "D003", "D004"};
  double t0[5] = {21600, 21700, 21900, 22200, 22800};
  for (int r = 0; r < 5 && r < tt.nruns; r++) {
    CHECK(strcmp(tt.runs[r].id, ids[r]) == 0);
    CHECK(tt.runs[r].nstops == 3);
    CHECK_NEAR(stop(&tt, r, 0)->dep_s, t0[r], 0);
    CHECK_NEAR(stop(&tt, r, 0)->arr_s, t0[r], 0);
    if (tt.runs[r].dir == RS__DOWN) {
      CHECK(stop(&tt, r, 0)->station == 0 && stop(&tt, r, 2)->station == 2);
      CHECK_NEAR(stop(&tt, r, 1)->arr_s, t0[r] + 100, 0);
      CHECK_NEAR(stop(&tt, r, 1)->dep_s, t0[r] + 120, 0);
      CHECK_NEAR(stop(&tt, r, 2)->arr_s, t0[r] + 320, 0);
    } else {
      CHECK(stop(&tt, r, 0)->station == 2 && stop(&tt, r, 2)->station == 0);
      CHECK_NEAR(stop(&tt, r, 1)->arr_s, t0[r] + 200, 0);
      CHECK_NEAR(stop(&tt, r, 1)->dep_s, t0[r] + 220, 0);
      CHECK_NEAR(stop(&tt, r, 2)->arr_s, t0[r] + 320, 0);
    }
    CHECK_NEAR(stop(&tt, r, 2)->dep_s, stop(&tt, r, 2)->arr_s, 0);
  }
  CHECK(tt.runs[1].dir == RS__UP && tt.runs[0].dir == RS__DOWN);
  /* stop_of: up run calls at station 2 first. */
  CHECK(tt.stop_of[1 * 3 + 2] == 0 && tt.stop_of[1 * 3 + 0] == 2);
  CHECK(tt.stop_of[0 * 3 + 0] == 0 && tt.stop_of[0 * 3 + 2] == 2);

  /* Equal first departures: ties broken by id (D before U). */
  rs__service tie = {{21600, 21600}, {21600, 21600}, per, 2};
  CHECK(rs__timetable_from_service(&tt, &net, &tie, NULL, NULL, NULL) == RS_OK);
  CHECK(tt.nruns == 2 && strcmp(tt.runs[0].id, "D001") == 0 && strcmp(tt.runs[1].id, "U001") == 0);

  /* A gap between periods: the next departure waits for the next period. */
  rs__period gap[2] = {{0, 22000, 300}, {23000, 86400, 600}};
  rs__service sg = {{21600, 99999}, {24000, 0}, gap, 2};
  CHECK(rs__timetable_from_service(&tt, &net, &sg, NULL, NULL, NULL) == RS_OK);
  /* 21600, 21900, 22200 (headway of 21900's period), then 22200 lies in no
   * period -> the next period's start 23000, 23600; 24200 > last, so the
   * published last train leaves at last_s = 24000 itself. */
  CHECK(tt.nruns == 6);
  if (tt.nruns == 6) {
    CHECK_NEAR(stop(&tt, 2, 0)->dep_s, 22200, 0);
    CHECK_NEAR(stop(&tt, 3, 0)->dep_s, 23000, 0);
    CHECK_NEAR(stop(&tt, 4, 0)->dep_s, 23600, 0);
    CHECK_NEAR(stop(&tt, 5, 0)->dep_s, 24000, 0);
  }

  /* Station 1 closed: two stops, given times summed (300 s), no dwell. */
  unsigned char open[3] = {1, 0, 1};
  CHECK(rs__timetable_from_service(&tt, &net, &sv, NULL, open, NULL) == RS_OK);
  CHECK(tt.nruns == 5 && tt.nstops == 10);
  CHECK(tt.runs[0].nstops == 2);
  CHECK_NEAR(stop(&tt, 0, 1)->arr_s, 21600 + 300, 0);
  CHECK(tt.stop_of[0 * 3 + 1] == -1);

  /* Kinematic network: the skipped station is one run over the merged 9 km. */
  s.running.section_s = NULL;
  s.running.max_speed_kmh = 144; /* 40 m/s */
  s.running.accel_ms2 = 1.0;
  s.running.brake_ms2 = 1.0;
  rs__network kn;
  CHECK(rs__network_init(&kn, &s) == RS_OK);
  CHECK(rs__timetable_from_service(&tt, &kn, &sv, NULL, open, NULL) == RS_OK);
  CHECK_NEAR(stop(&tt, 0, 1)->arr_s, 21600 + 9000 / 40.0 + 40, 1e-9); /* 225 + 20 + 20 */
  rs__network_free(&kn);

  /* Bad patterns: zero headway, and a headway so small the day explodes. */
  rs__period zero = {0, 86400, 0};
  rs__service sz = {{21600, 21600}, {22000, 22000}, &zero, 1};
  CHECK(rs__timetable_from_service(&tt, &net, &sz, NULL, NULL, NULL) == RS_EINVAL);
  rs__period tiny = {0, 86400, 0.01};
  rs__service st2 = {{0, 0}, {86000, 86000}, &tiny, 1};
  CHECK(rs__timetable_from_service(&tt, &net, &st2, NULL, NULL, NULL) == RS_ELIMIT);

  /* Random delays: every stop of a run shifted by the same delay, runs sorted
   * by actual departure, the delayed share and mean delay as drawn. */
  rs__period p30 = {0, 86400, 60};
  rs__service sd = {{0, 0}, {86340, 86340}, &p30, 1}; /* 1440 departures each way */
  rs__delays dl = {0.5, 100};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 7);
  CHECK(rs__timetable_from_service(&tt, &net, &sd, &dl, NULL, rng) == RS_OK);
  CHECK(tt.nruns == 2880);
  int ndelayed = 0, sorted = 1, shifted = 1;
  double dsum = 0;
  for (int r = 0; r < tt.nruns; r++) {
    const rs__run *run = &tt.runs[r];
    int n = atoi(run->id + 1);
    double sched = (n - 1) * 60.0;
    double d = stop(&tt, r, 0)->dep_s - sched;
    if (d < 0) shifted = 0;
    if (d > 0) ndelayed++;
    dsum += d;
    double off = run->dir == RS__DOWN ? 100 : 200;
    if (fabs(stop(&tt, r, 1)->arr_s - (sched + off + d)) > 1e-6) shifted = 0;
    if (r > 0 && stop(&tt, r, 0)->dep_s < stop(&tt, r - 1, 0)->dep_s) sorted = 0;
  }
  CHECK(shifted);
  CHECK(sorted);
  /* Binomial(2880, 0.5): sd 26.8; mean delay 50, sd per run 86.6 -> 1.61. */
  CHECK_NEAR(ndelayed, 1440, 110);
  CHECK_NEAR(dsum / tt.nruns, 50, 6.5);
  /* Same seed, same timetable; memory reused (no growth on the second call). */
  double first_dep = stop(&tt, 5, 0)->dep_s;
  int cap = tt.cap_runs;
  gsl_rng_set(rng, 7);
  CHECK(rs__timetable_from_service(&tt, &net, &sd, &dl, NULL, rng) == RS_OK);
  CHECK(stop(&tt, 5, 0)->dep_s == first_dep);
  CHECK(tt.cap_runs == cap);
  gsl_rng_free(rng);

  /* Rows: T2 up at 22000, T3 short down at 21000, T1 down at 21000 (tie: T1 first). */
  rs__dep_row rows[8] = {
      row("T2", 2, 22000, 22000), row("T2", 1, 22200, 22220), row("T2", 0, 22320, 22320),
      row("T3", 0, 21000, 21000), row("T3", 1, 21100, 21100),
      row("T1", 0, 21000, 21000), row("T1", 1, 21100, 21130), row("T1", 2, 21330, 21330)};
  CHECK(rs__timetable_from_rows(&tt, 3, rows, 8) == RS_OK);
  CHECK(tt.nruns == 3 && tt.nstops == 8);
  CHECK(strcmp(tt.runs[0].id, "T1") == 0 && strcmp(tt.runs[1].id, "T3") == 0 &&
        strcmp(tt.runs[2].id, "T2") == 0);
  CHECK(tt.runs[0].dir == RS__DOWN && tt.runs[1].dir == RS__DOWN && tt.runs[2].dir == RS__UP);
  CHECK(tt.runs[0].nstops == 3 && tt.runs[1].nstops == 2 && tt.runs[2].nstops == 3);
  CHECK_NEAR(stop(&tt, 0, 1)->dep_s, 21130, 0);
  CHECK_NEAR(stop(&tt, 2, 2)->arr_s, 22320, 0);
  CHECK(tt.stop_of[1 * 3 + 2] == -1 && tt.stop_of[1 * 3 + 1] == 1);
  CHECK(tt.stop_of[2 * 3 + 2] == 0 && tt.stop_of[2 * 3 + 0] == 2);
  rs__dep_row badrow = row("X", 5, 0, 0);
  CHECK(rs__timetable_from_rows(&tt, 3, &badrow, 1) == RS_EINVAL);

  rs__day_tt_free(&tt);
  rs__network_free(&net);
  return check_done();
}
