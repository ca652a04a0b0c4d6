/* Engine speed on a Ziyang-like day built in C: 6 stations, 12-min headway
 * 06:30-22:00 both ways, 1,416-passenger trains, ~31,000 trips over 30 OD
 * pairs with commuter-like hourly profiles. Prints passengers/s and days/s
 * for one day and for 365 days (best of a few repetitions). No pass/fail. */
#define _POSIX_C_SOURCE 199309L
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "engine/engine.h"

#define NST 6
static const double KM[NST] = {0, 13.0, 24.7, 29.4, 33.5, 38.7};
/* Relative trip attraction: Futian (the interchange) and the city centre lead. */
static const double MASS[NST] = {3.0, 1.0, 1.5, 2.0, 1.2, 1.8};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct bench {
  rs__station st[NST];
  rs_scenario s;
  rs__network net;
  rs__period per;
  rs__service sv;
  rs__delays dl;
  double w[2][24];
  rs__stream streams[NST * (NST - 1)];
  rs__day_demand dd;
  rs__day_tt tt;
  rs__engine *e;
  rs__day_result res;
  gsl_rng *rng;
} bench;

static int setup(bench *b) {
  memset(b, 0, sizeof *b);
  for (int i = 0; i < NST; i++) {
    b->st[i].km = KM[i];
    b->st[i].dwell_s = 40;
    b->st[i].opens = RS__DATE_NONE;
  }
  b->s.st = b->st;
  b->s.nst = NST;
  b->s.running.max_speed_kmh = 160;
  b->s.running.accel_ms2 = 0.8;
  b->s.running.brake_ms2 = 0.8;
  if (rs__network_init(&b->net, &b->s) != RS_OK) return 1;
  b->per = (rs__period){0, 86400, 720};
  b->sv = (rs__service){{23400, 23400}, {79200, 79200}, &b->per, 1};
  /* Hourly profiles 06-22: toward Futian peaks 07-09, away from it 17-19. */
  static const double base[24] = {0, 0, 0, 0, 0, 0, 2, 8, 9, 5, 4, 4,
                                  4, 4, 4, 5, 6, 8, 8, 5, 4, 3, 1, 0};
  for (int h = 0; h < 24; h++) {
    b->w[0][h] = base[h] + (h == 7 || h == 8 ? 6 : 0);
    b->w[1][h] = base[h] + (h == 17 || h == 18 ? 6 : 0);
  }
  for (int k = 0; k < 2; k++) {
    double sum = 0;
    for (int h = 0; h < 24; h++) sum += b->w[k][h];
    for (int h = 0; h < 24; h++) b->w[k][h] /= sum;
  }
  double total = 0;
  int n = 0;
  for (int o = 0; o < NST; o++)
    for (int d = 0; d < NST; d++)
      if (o != d) total += MASS[o] * MASS[d];
  for (int o = 0; o < NST; o++)
    for (int d = 0; d < NST; d++) {
      if (o == d) continue;
      rs__stream *s = &b->streams[n++];
      s->origin = o;
      s->dest = d;
      s->purpose = 0;
      s->trips = 31000.0 * MASS[o] * MASS[d] / total;
      s->hour_w = b->w[d < o ? 0 : 1];
    }
  b->dd.streams = b->streams;
  b->dd.nstreams = n;
  b->dd.flat_from_s = 23400;
  b->dd.flat_to_s = 79200;
  rs__day_tt_init(&b->tt);
  b->e = rs__engine_alloc(NST);
  b->rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!b->e || !b->rng || rs__day_result_alloc(&b->res, NST) != RS_OK) return 1;
  return 0;
}

/* DAYS days; returns passengers simulated, or -1 on error. */
static double run_days(bench *b, int days) {
  double pax = 0;
  for (int d = 0; d < days; d++) {
    gsl_rng_set(b->rng, 1000u + (unsigned long)d);
    if (rs__timetable_from_service(&b->tt, &b->net, &b->sv, &b->dl, NULL, b->rng) != RS_OK ||
        rs__engine_run_day(b->e, &b->net, &b->tt, &b->dd, 30, 1416, b->rng, &b->res) != RS_OK)
      return -1;
    pax += b->res.generated;
  }
  return pax;
}

int main(void) {
  bench b;
  if (setup(&b)) {
    fprintf(stderr, "bench_engine: setup failed\n");
    return 1;
  }
  printf("line: %d stations, %.1f km, end-to-end %.1f s (%.1f min)\n", NST, KM[NST - 1],
         rs__network_end_to_end_s(&b.net, RS__DOWN), rs__network_end_to_end_s(&b.net, RS__DOWN) / 60);
  run_days(&b, 3); /* warm the workspaces */
  printf("day: %d trains, %.0f passengers, mean wait %.1f s, max load factor %.3f\n",
         b.tt.nruns, b.res.generated, b.res.wait_sum_s / b.res.delivered, b.res.max_load_factor);
  const int reps[2] = {20, 3}, ndays[2] = {1, 365};
  for (int k = 0; k < 2; k++) {
    double best = 1e300, pax = 0;
    for (int r = 0; r < reps[k]; r++) {
      double t0 = now();
      pax = run_days(&b, ndays[k]);
      double dt = now() - t0;
      if (pax < 0) {
        fprintf(stderr, "bench_engine: run failed\n");
        return 1;
      }
      if (dt < best) best = dt;
    }
    printf("%3d day(s): %.3f ms, %.3g passengers/s, %.1f days/s (best of %d)\n", ndays[k],
           best * 1e3, pax / best, ndays[k] / best, reps[k]);
  }
  rs__engine_free(b.e);
  rs__day_result_free(&b.res);
  rs__day_tt_free(&b.tt);
  rs__network_free(&b.net);
  gsl_rng_free(b.rng);
  return 0;
}
