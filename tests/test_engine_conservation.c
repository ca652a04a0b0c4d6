/* Conservation and reproducibility on a random Ziyang-like day with tight
 * capacity: generated == delivered + stranded, the per-stop, per-hour and
 * per-passenger records agree with each other, capacity is never exceeded,
 * and the same seed gives bitwise the same passengers (another seed does not). */
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "engine/engine.h"

#define NST 6
static const double KM[NST] = {0, 13.0, 24.7, 29.4, 33.5, 38.7};

typedef struct fixture {
  rs__station st[NST];
  rs_scenario s;
  rs__network net;
  rs__day_tt tt;
  rs__period per[3];
  rs__service sv;
  rs__delays dl;
  rs__stream streams[NST * (NST - 1)];
  double w[2][24];
  rs__day_demand dd;
} fixture;

static void setup(fixture *f) {
  memset(f, 0, sizeof *f);
  for (int i = 0; i < NST; i++) {
    f->st[i].km = KM[i];
    f->st[i].dwell_s = 40;
    f->st[i].opens = RS__DATE_NONE;
  }
  f->s.st = f->st;
  f->s.nst = NST;
  f->s.running.max_speed_kmh = 160;
  f->s.running.accel_ms2 = 0.8;
  f->s.running.brake_ms2 = 0.8;
  CHECK(rs__network_init(&f->net, &f->s) == RS_OK);
  rs__day_tt_init(&f->tt);
  f->per[0] = (rs__period){0, 7 * 3600, 720};
  f->per[1] = (rs__period){7 * 3600, 9 * 3600, 360}; /* peak */
  f->per[2] = (rs__period){9 * 3600, 86400, 720};
  f->sv = (rs__service){{23400, 23400}, {79200, 79200}, f->per, 3};
  f->dl = (rs__delays){0.3, 90};
  /* Two profiles: morning-peaked toward Futian (up), evening-peaked back;
   * one flat stream mixed in. Weights sum to 1. */
  for (int h = 6; h < 23; h++) f->w[0][h] = f->w[1][h] = 1;
  f->w[0][7] = f->w[0][8] = 6;
  f->w[1][17] = f->w[1][18] = 6;
  for (int k = 0; k < 2; k++) {
    double sum = 0;
    for (int h = 0; h < 24; h++) sum += f->w[k][h];
    for (int h = 0; h < 24; h++) f->w[k][h] /= sum;
  }
  int n = 0;
  for (int o = 0; o < NST; o++)
    for (int d = 0; d < NST; d++) {
      if (o == d) continue;
      rs__stream *s = &f->streams[n];
      s->origin = o;
      s->dest = d;
      s->purpose = n % 4;
      s->trips = 1000.0 / (1 + abs(o - d));
      s->hour_w = n == 7 ? NULL : f->w[d < o ? 0 : 1];
      n++;
    }
  f->dd.streams = f->streams;
  f->dd.nstreams = n;
  f->dd.flat_from_s = 23400;
  f->dd.flat_to_s = 79200;
}

/* One day with SEED on engine E; capacity CAP. */
static int day(fixture *f, rs__engine *e, rs__day_result *res, unsigned long seed, double cap) {
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  int rc = rs__timetable_from_service(&f->tt, &f->net, &f->sv, &f->dl, NULL, rng);
  if (rc == RS_OK) rc = rs__engine_run_day(e, &f->net, &f->tt, &f->dd, 30, cap, rng, res);
  gsl_rng_free(rng);
  return rc;
}

static void check_consistent(const fixture *f, const rs__engine *e, const rs__day_result *r,
                             double cap) {
  CHECK(r->generated > 10000);
  CHECK_NEAR(r->generated, r->delivered + r->stranded, 0);
  int n;
  const rs__pax *p = rs__engine_passengers(e, &n);
  CHECK_NEAR(n, r->generated, 0);
  double deliv = 0, strand = 0, denied = 0, wait = 0, ride = 0, pkm = 0, purpose[4] = {0};
  int ok = 1, sorted = 1;
  for (int i = 0; i < n; i++) {
    denied += p[i].denied;
    purpose[p[i].purpose]++;
    if (i > 0 && p[i].arrival_s < p[i - 1].arrival_s) sorted = 0;
    if (p[i].status == RS__PAX_DELIVERED) {
      deliv++;
      wait += p[i].boarded_s - p[i].arrival_s;
      ride += p[i].alighted_s - p[i].boarded_s;
      pkm += fabs(KM[p[i].dest] - KM[p[i].origin]);
      if (!(p[i].boarded_s >= p[i].arrival_s && p[i].alighted_s > p[i].boarded_s)) ok = 0;
      /* Rode a train of the right direction that calls at both ends. */
      const int *so = f->tt.stop_of + (size_t)p[i].run * NST;
      if (!(so[p[i].origin] >= 0 && so[p[i].dest] > so[p[i].origin])) ok = 0;
    } else if (p[i].status == RS__PAX_STRANDED) {
      strand++;
      if (!isnan(p[i].boarded_s) || p[i].run != -1) ok = 0;
    } else {
      ok = 0;
    }
  }
  CHECK(ok);
  CHECK(sorted);
  CHECK_NEAR(deliv, r->delivered, 0);
  CHECK_NEAR(strand, r->stranded, 0);
  CHECK_NEAR(denied, r->denied_boardings, 0);
  CHECK_REL(wait, r->wait_sum_s, 1e-9);
  CHECK_REL(ride, r->ride_sum_s, 1e-9);
  CHECK_REL(pkm, r->passenger_km, 1e-9);
  for (int k = 0; k < 4; k++) CHECK_NEAR(purpose[k], r->by_purpose[k], 0);
  double sb = 0, sa = 0, sd = 0, hb = 0, ha = 0, maxload = 0;
  unsigned long hist = 0;
  for (int i = 0; i < f->tt.nstops; i++) {
    sb += r->stop_board[i];
    sa += r->stop_alight[i];
    sd += r->stop_denied[i];
    if (r->stop_load[i] > maxload) maxload = r->stop_load[i];
  }
  for (int i = 0; i < NST * 24; i++) {
    hb += r->board[i];
    ha += r->alight[i];
  }
  for (int i = 0; i < RS__WAIT_BINS; i++) hist += r->wait_hist[i];
  CHECK_NEAR(sb, r->delivered, 0);
  CHECK_NEAR(sa, r->delivered, 0);
  CHECK_NEAR(sd, r->denied_boardings, 0);
  CHECK_NEAR(hb, r->delivered, 0);
  CHECK_NEAR(ha, r->delivered, 0);
  CHECK_NEAR((double)hist, r->delivered, 0);
  CHECK(maxload <= cap);
  CHECK_NEAR(r->max_load_factor, maxload / cap, 1e-12);
  /* Section loads: sum over sections of passengers × section length equals
   * passenger-km (every rider is counted on each section they cross). */
  double skm = 0;
  for (int d = 0; d < 2; d++)
    for (int sct = 0; sct < NST - 1; sct++)
      for (int h = 0; h < 24; h++)
        skm += r->sec_pax[(d * (NST - 1) + sct) * 24 + h] * (KM[sct + 1] - KM[sct]);
  CHECK_REL(skm, r->passenger_km, 1e-9);
}

/* Generated demand: each OD's count is Poisson(trips), and arrival times
 * are uniform inside their step (offsets mean 1/2, a quarter below 1/4). */
static void check_streams(const fixture *f, const rs__engine *e) {
  int n;
  const rs__pax *p = rs__engine_passengers(e, &n);
  double cnt[NST][NST] = {{0}};
  double sum = 0, below = 0;
  for (int i = 0; i < n; i++) {
    cnt[p[i].origin][p[i].dest]++;
    double u = fmod(p[i].arrival_s, 30) / 30;
    sum += u;
    below += u < 0.25;
  }
  int ok = 1;
  for (int k = 0; k < f->dd.nstreams; k++) {
    const rs__stream *s = &f->streams[k];
    if (fabs(cnt[s->origin][s->dest] - s->trips) > 5 * sqrt(s->trips)) ok = 0;
  }
  CHECK(ok);
  CHECK_NEAR(sum / n, 0.5, 5 * 0.2887 / sqrt(n));
  CHECK_NEAR(below / n, 0.25, 5 * 0.433 / sqrt(n));
}

/* Field by field (the struct has padding), doubles bitwise (NaN included). */
static int same_pax(const rs__pax *a, int na, const rs__pax *b, int nb) {
  if (na != nb) return 0;
  for (int i = 0; i < na; i++) {
    const rs__pax *x = &a[i], *y = &b[i];
    if (memcmp(&x->arrival_s, &y->arrival_s, sizeof(double)) ||
        memcmp(&x->boarded_s, &y->boarded_s, sizeof(double)) ||
        memcmp(&x->alighted_s, &y->alighted_s, sizeof(double)) || x->origin != y->origin ||
        x->dest != y->dest || x->purpose != y->purpose || x->denied != y->denied ||
        x->status != y->status || x->trip_row != y->trip_row || x->run != y->run)
      return 0;
  }
  return 1;
}

int main(void) {
  fixture f;
  setup(&f);
  rs__engine *a = rs__engine_alloc(NST), *b = rs__engine_alloc(NST);
  rs__day_result ra, rb;
  CHECK(rs__day_result_alloc(&ra, NST) == RS_OK);
  CHECK(rs__day_result_alloc(&rb, NST) == RS_OK);

  const double cap = 60; /* tight: peaks overflow, some are stranded */
  CHECK(day(&f, a, &ra, 1, cap) == RS_OK);
  check_consistent(&f, a, &ra, cap);
  check_streams(&f, a);
  CHECK(ra.denied_boardings > 100);
  CHECK(ra.stranded > 0);
  CHECK(ra.max_load_factor == 1.0);

  /* Same seed on another engine, after it ran a different day first: bitwise equal. */
  CHECK(day(&f, b, &rb, 2, cap) == RS_OK);
  check_consistent(&f, b, &rb, cap);
  int na, nb;
  const rs__pax *pa = rs__engine_passengers(a, &na);
  const rs__pax *pb = rs__engine_passengers(b, &nb);
  CHECK(!same_pax(pa, na, pb, nb));
  CHECK(day(&f, b, &rb, 1, cap) == RS_OK);
  pb = rs__engine_passengers(b, &nb);
  CHECK(same_pax(pa, na, pb, nb));
  CHECK(ra.denied_boardings == rb.denied_boardings && ra.wait_sum_s == rb.wait_sum_s);
  CHECK(memcmp(ra.stop_load, rb.stop_load, (size_t)f.tt.nstops * sizeof(double)) == 0);

  /* Ample capacity: nobody denied; stranded only those after the last trains. */
  CHECK(day(&f, a, &ra, 3, 1416) == RS_OK);
  check_consistent(&f, a, &ra, 1416);
  CHECK(ra.denied_boardings == 0);

  rs__engine_free(a);
  rs__engine_free(b);
  rs__day_result_free(&ra);
  rs__day_result_free(&rb);
  rs__day_tt_free(&f.tt);
  rs__network_free(&f.net);
  return check_done();
}
