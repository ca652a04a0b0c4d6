/* Running times: trapezoid and triangle profiles by hand and by numeric
 * integration; network section times, merged runs and end-to-end time. */
#include <string.h>
#include "check.h"
#include "rows.h"
#include "model/network.h"

/* Integrate the motion with a small time step: accelerate (capped at VMAX)
 * until the braking distance reaches what is left, then brake to rest. */
static double integrate(double d, double vmax, double a, double b) {
  const double dt = 1e-4;
  double x = 0, v = 0, t = 0;
  int braking = 0;
  while (1) {
    if (!braking && v * v / (2 * b) >= d - x) braking = 1;
    if (braking) {
      if (v <= b * dt) { /* last partial step to rest */
        t += v / b;
        break;
      }
      x += v * dt - 0.5 * b * dt * dt;
      v -= b * dt;
    } else {
      double nv = v + a * dt > vmax ? vmax : v + a * dt;
      x += 0.5 * (v + nv) * dt;
      v = nv;
    }
    t += dt;
  }
  return t;
}

int main(void) {
  const double v = 160 / 3.6;
  /* Long section, reaches 160 km/h: d/v + v/2a + v/2b = 112.5 + 27.777.. * 2. */
  CHECK_NEAR(rs__kinematic_run_s(5000, v, 0.8, 0.8), 112.5 + 2 * (400.0 / 9) / 1.6, 1e-9);
  CHECK_NEAR(rs__kinematic_run_s(5000, v, 0.8, 0.8), 168.0555556, 1e-6);
  /* Asymmetric accel/brake, long: 12000/44.44 + 44.44/1.6 + 44.44/2 = 270 + 27.78 + 22.22 */
  CHECK_NEAR(rs__kinematic_run_s(12000, v, 0.8, 1.0), 320.0, 1e-9);
  /* Short section, triangle: sqrt(2 d (a+b) / (a b)) = sqrt(4500). */
  CHECK_NEAR(rs__kinematic_run_s(1000, v, 0.8, 1.0), 67.08203932, 1e-6);
  /* Exactly the distance to reach vmax and stop: both formulas agree. */
  double dab = v * v / 1.6 + v * v / 1.6;
  CHECK_NEAR(rs__kinematic_run_s(dab, v, 0.8, 0.8), 2 * v / 0.8, 1e-9);
  CHECK_NEAR(rs__kinematic_run_s(dab * 0.999999, v, 0.8, 0.8), 2 * v / 0.8, 1e-3);
  CHECK_NEAR(rs__kinematic_run_s(0, v, 0.8, 0.8), 0, 0);
  /* Second method: numeric integration of the same motion. */
  CHECK_NEAR(rs__kinematic_run_s(5000, v, 0.8, 0.8), integrate(5000, v, 0.8, 0.8), 0.01);
  CHECK_NEAR(rs__kinematic_run_s(1000, v, 0.8, 1.0), integrate(1000, v, 0.8, 1.0), 0.01);
  CHECK_NEAR(rs__kinematic_run_s(11700, 120 / 3.6, 1.0, 0.7),
             integrate(11700, 120 / 3.6, 1.0, 0.7), 0.01);

  /* Network: km 0, 5, 6; dwell 30 s. */
  rs__station st[3] = {mk(0, 30), mk(5, 30), mk(6, 30)};
  rs_scenario s;
  memset(&s, 0, sizeof s);
  s.st = st;
  s.nst = 3;
  s.running.max_speed_kmh = 160;
  s.running.accel_ms2 = 0.8;
  s.running.brake_ms2 = 0.8;
  rs__network net;
  CHECK(rs__network_init(&net, &s) == RS_OK);
  CHECK_NEAR(net.run_s[0], 168.0555556, 1e-6);
  CHECK_NEAR(net.run_s[1], 70.71067812, 1e-6); /* sqrt(2*1000*1.6/0.64) = sqrt(5000) */
  CHECK_NEAR(rs__network_end_to_end_s(&net, RS__DOWN), 168.0555556 + 30 + 70.71067812, 1e-6);
  CHECK_NEAR(rs__network_end_to_end_s(&net, RS__UP), 168.0555556 + 30 + 70.71067812, 1e-6);
  /* Station 1 closed: one kinematic run over 6 km = 135 + 55.56 s, no dwell. */
  unsigned char open[3] = {1, 0, 1};
  CHECK_NEAR(rs__network_run_between_s(&net, 0, 2), 135 + 2 * (400.0 / 9) / 1.6, 1e-9);
  CHECK_NEAR(rs__network_run_between_s(&net, 2, 0), 135 + 2 * (400.0 / 9) / 1.6, 1e-9);
  CHECK_NEAR(rs__network_end_to_end_open_s(&net, RS__DOWN, open), 190.5555556, 1e-6);
  rs__network_free(&net);

  /* Given section times: used as given; a skipped station sums them. */
  double sec[2] = {300, 100};
  s.running.section_s = sec;
  s.running.nsection = 2;
  CHECK(rs__network_init(&net, &s) == RS_OK);
  CHECK_NEAR(net.run_s[0], 300, 0);
  CHECK_NEAR(net.run_s[1], 100, 0);
  CHECK_NEAR(rs__network_end_to_end_s(&net, RS__DOWN), 430, 1e-12);
  CHECK_NEAR(rs__network_end_to_end_open_s(&net, RS__DOWN, open), 400, 1e-12);
  rs__network_free(&net);
  s.running.nsection = 1; /* wrong count */
  CHECK(rs__network_init(&net, &s) == RS_EINVAL);
  rs__network_free(&net);
  s.running.section_s = NULL;
  s.running.accel_ms2 = 0; /* no kinematics possible */
  CHECK(rs__network_init(&net, &s) == RS_EINVAL);
  rs__network_free(&net);
  return check_done();
}
