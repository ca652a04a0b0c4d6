/* The line as the engine sees it: station positions and section running times. */
#ifndef RS__NETWORK_H
#define RS__NETWORK_H
#include "model/scenario.h"

typedef struct rs__network {
  int nst;
  const rs__station *st;   /* borrowed from the scenario */
  double *run_s;           /* nst-1 running times, station i to i+1 (same both ways) */
  /* How run_s was obtained, so runs that skip a closed station can be
   * recomputed over the merged distance (given times are summed instead). */
  int kinematic;           /* 1: from the profile below; 0: running.section_s */
  double vmax_ms, accel_ms2, brake_ms2;
  double time_scale;       /* running.time_scale: every running time x this */
} rs__network;

/* Running time over DIST_M metres starting and ending at rest: trapezoidal
 * profile (accelerate at A to VMAX, cruise, brake at B), or triangular when the
 * section is too short to reach VMAX. Units m, m/s, m/s², result s. */
double rs__kinematic_run_s(double dist_m, double vmax_ms, double a_ms2, double b_ms2);

/* Fill NET from the scenario (given section times, else kinematics). */
int rs__network_init(rs__network *net, const rs_scenario *s);
void rs__network_free(rs__network *net);

/* Non-stop running time from station I to station J (either order): one
 * kinematic run over the merged distance, or the sum of given section times. */
double rs__network_run_between_s(const rs__network *net, int i, int j);

/* End-to-end time in direction DIR departing the origin terminal, with dwells at
 * intermediate stations: what a timetable built from NET gives. */
double rs__network_end_to_end_s(const rs__network *net, int dir);
/* The same when only stations with OPEN[i] != 0 are served (NULL = all). */
double rs__network_end_to_end_open_s(const rs__network *net, int dir,
                                     const unsigned char *open);
#endif
