/* Section running times from a kinematic profile or from given times. */
#include <math.h>
#include <stdlib.h>
#include "model/network.h"

double rs__kinematic_run_s(double dist_m, double vmax_ms, double a_ms2, double b_ms2) {
  if (!(dist_m > 0)) return 0;
  /* Distance needed to reach VMAX from rest and brake back to rest. */
  double d_ab = vmax_ms * vmax_ms / (2 * a_ms2) + vmax_ms * vmax_ms / (2 * b_ms2);
  if (dist_m >= d_ab) /* trapezoid: cruise over what is left */
    return dist_m / vmax_ms + vmax_ms / (2 * a_ms2) + vmax_ms / (2 * b_ms2);
  /* Triangle: peak speed v with v²/2a + v²/2b = d. */
  return sqrt(2 * dist_m * (a_ms2 + b_ms2) / (a_ms2 * b_ms2));
}

int rs__network_init(rs__network *net, const rs_scenario *s) {
  net->nst = s->nst;
  net->st = s->st;
  net->run_s = NULL;
  net->kinematic = 0;
  net->time_scale = s->running.time_scale > 0 ? s->running.time_scale : 1;
  net->vmax_ms = s->running.max_speed_kmh / 3.6;
  net->accel_ms2 = s->running.accel_ms2;
  net->brake_ms2 = s->running.brake_ms2;
  if (s->nst < 1) return RS_EINVAL;
  int nsec = s->nst - 1;
  net->run_s = malloc((size_t)(nsec > 0 ? nsec : 1) * sizeof *net->run_s);
  if (!net->run_s) return RS_ENOMEM;
  if (s->running.section_s) {
    if (s->running.nsection != nsec) return RS_EINVAL;
    for (int i = 0; i < nsec; i++) {
      if (!(s->running.section_s[i] >= 0)) return RS_EINVAL;
      net->run_s[i] = s->running.section_s[i] * net->time_scale;
    }
    return RS_OK;
  }
  if (!(net->vmax_ms > 0 && net->accel_ms2 > 0 && net->brake_ms2 > 0)) return RS_EINVAL;
  net->kinematic = 1;
  for (int i = 0; i < nsec; i++)
    net->run_s[i] = rs__network_run_between_s(net, i, i + 1);
  return RS_OK;
}

void rs__network_free(rs__network *net) {
  free(net->run_s);
  net->run_s = NULL;
}

double rs__network_run_between_s(const rs__network *net, int i, int j) {
  if (i > j) {
    int t = i;
    i = j;
    j = t;
  }
  if (net->kinematic)
    return net->time_scale * rs__kinematic_run_s(fabs(net->st[j].km - net->st[i].km) * 1000.0,
                                                 net->vmax_ms, net->accel_ms2, net->brake_ms2);
  double t = 0;
  for (int k = i; k < j; k++) t += net->run_s[k];
  return t;
}

double rs__network_end_to_end_open_s(const rs__network *net, int dir,
                                     const unsigned char *open) {
  /* Same both ways: the sections and dwells are symmetric. */
  (void)dir;
  double t = 0;
  int prev = -1, last = -1;
  for (int i = 0; i < net->nst; i++)
    if (!open || open[i]) last = i;
  for (int i = 0; i < net->nst; i++) {
    if (open && !open[i]) continue;
    if (prev >= 0) {
      t += rs__network_run_between_s(net, prev, i);
      if (i != last) t += net->st[i].dwell_s;
    }
    prev = i;
  }
  return t;
}

double rs__network_end_to_end_s(const rs__network *net, int dir) {
  return rs__network_end_to_end_open_s(net, dir, NULL);
}
