/* The expected-value engine's state and what its files share (engine_fluid.c:
 * a day by cohorts; engine_fluid_sched.c: what a day's stops take from the
 * timetable, worked out once per timetable; engine_fluid_linear.c: the linear
 * day). Internal to src/engine/. */
#ifndef RS__ENGINE_FLUID_IMPL_H
#define RS__ENGINE_FLUID_IMPL_H
#include <stddef.h>
#include "engine/engine_fluid.h"

#define RS__DAY_END_S (24.0 * 3600.0)

/* A stop's steps (engine_fluid.c: the cut's figures, boarding, the common
 * case, the stop) are inlined into the day's loop whatever the compiler
 * weighs: GCC at -O2 kept them as calls, and the stop's record and sums went
 * through memory (6% of an expected year's instructions, outputs the same). */
#if defined(__GNUC__)
#define RS__STEP static inline __attribute__((always_inline))
#else
#define RS__STEP static inline
#endif

/* fmax and fmin as x86-64's libm computes them for numbers (maxsd, minsd: on
 * a tie the second), inlined: the calls were a tenth of a day. No NaN reaches
 * them (times and rates are checked finite). */
static inline double rs__fmax(double a, double b) { return a > b ? a : b; }
static inline double rs__fmin(double a, double b) { return a < b ? a : b; }

/* Arrivals of one station and direction between two cuts [t0, t1), cut by
 * the stop BORN. The cohort's figures per destination d are in the pool, at
 * rs__cofig(f, ci) + RS__COHORT_ARRAYS * d (rs__cohort_fig): the mass still
 * waiting (CM), the sum of its arrival times (CMT), the mass that arrived (CM0;
 * what is left is a fraction of it, spread over [t0, t1) as the arrivals
 * were), and the waits of all of them if they board the train of the stop
 * BORN (CW0): from their arrival to the train's, 0 for those who came during
 * its dwell. A destination's four figures side by side: a cohort holds only
 * the stations ahead in its direction, and only those are written. */
typedef struct rs__cohort {
  double t0, t1, total;
  int born;
} rs__cohort;

enum rs__cohort_fig { RS__CM, RS__CMT, RS__CM0, RS__CW0 };
#define RS__COHORT_ARRAYS 4
#define RS__RCOLS (RS__HOURS + 1)

typedef struct rs__cqueue {
  int *ix;
  int head, tail, cap;
  double cut; /* arrivals up to here are in cohorts */
} rs__cqueue;

typedef struct rs__fev {
  double t;
  int run, k;
} rs__fev;

/* A piece [lo, hi) of the span of a cut inside one hour (or the flat
 * window), with the factors of a rate's integrals over it that do not depend
 * on the rate: the destinations of a cut share them. For a rate r the piece
 * adds r * DL to the mass, r * DL * SL / 2 to the summed arrival times and,
 * when WAIT, r * EL * WM to the summed waits until mid (e = min(hi, mid)):
 * the products and their order are those of the integrals written out. */
typedef struct rs__fseg {
  double dl, sl, el, wm; /* hi - lo, hi + lo, e - lo, mid - (e + lo) / 2 */
  int h;                 /* the hour, RS__HOURS for the flat window */
  int wait;              /* e > lo */
} rs__fseg;

#define RS__NSEG (RS__HOURS + 1)

/* One train stop of a schedule (rs__fsched), in the engine's order: what its
 * work takes from the timetable, worked out once per timetable. */
typedef struct rs__fsstop {
  double arr, dep;
  int run, k, sidx, station, dir;
  int harr;      /* rs__fhour(arr) */
  int last;      /* the run's last stop: alighting only */
  int cut;       /* dep is after the queue's last cut: a cohort up to dep */
  int sg, nsg;   /* the cut's pieces, sg[sg ..] */
  int el, ne;    /* the destinations served, el_d[el ..] with el_arr */
  int all;       /* every station ahead is served */
  int sec, nsec; /* the sections run next: cells sec, sec + 24, ... of sec_pax */
} rs__fsstop;

/* The day's stops as the engine takes them, worked out from a timetable
 * (and the flat streams' window, which the cuts' pieces depend on) and kept
 * for the days that run the same one: most days run one of a few
 * timetables (weekdays, weekends), and this was a third of the day's work.
 * KRUN, KST, KARR, KDEP, KSO and the window are what it was made from. */
typedef struct rs__fsched {
  int valid, nruns, nstops, anyflat, tiled;
  double flat_from, flat_to;
  long long used; /* the day that last ran it */
  int *krun;      /* [3 * run] dir, first stop, stops */
  int *kst, *kso; /* [stop] station; [run * nst + station] stop_of */
  double *karr, *kdep;
  int cap_krun, cap_kst, cap_kst2, cap_kst3, cap_kso;
  rs__fsstop *ps;
  int nps, cap_ps;
  rs__fseg *sg;
  int nsg, cap_sg;
  int *el_d;
  double *el_arr;
  int nel, cap_el, cap_el2;
  /* rs__fluid_linear_coefs: LINEAR, the linear day applies; LIN [3][od *
   * RS__RCOLS + column]: a unit rate's waits (s^2), rides (s^2) and mass (s)
   * over the day's cuts of the pair */
  int linear;
  double *lin;
  int cap_lin;
  /* The linear day's failed trips (rs__plan) under the plan PKEY holds (its
   * give-up times, counts, offsets and departures, NPKEY bytes; FAILS_OK 0:
   * none worked out yet): FAIL[0 .. nfail) in stop order. */
  int fails_ok;
  unsigned char *pkey;
  size_t npkey, cap_pkey;
  struct rs__lin_fail *fail;
  int nfail, cap_fail;
} rs__fsched;

/* A failed trip of the linear day: the arrivals of destination E of stop I's
 * cut before FE met a failed trip (rs__plan_failed_until). */
typedef struct rs__lin_fail {
  int i, e;
  double fe;
} rs__lin_fail;

#define RS__FSCHEDS 3

struct rs__fluid {
  int nst;
  rs__fsched sched[RS__FSCHEDS];
  long long day;  /* days run, for the schedules' use */
  double *qcut;   /* [nst * RS__NDIR] the queues' cuts while a schedule is made */
  /* [od * RS__RCOLS + h] arrivals per second of the hourly streams, and at
   * h = RS__HOURS those of the flat ones over [flat_from, flat_to): one row
   * per pair, so a piece of a cut reads either kind alike. */
  double *rate;
  double flat_from, flat_to;
  int anyflat;       /* some pair's flat rate > 0 today: cuts look at the window */
  double *kmd;       /* [od] the pair's distance, |km[dest] - km[origin]| */
  double *gen, *wait_s, *stranded, *denied, *gaveup; /* [od] */
  int *pcur; /* [od] where the pair's last look-up in the plan ended */
  const rs__plan *plan; /* failed trips (borrowed); NULL: none */
  rs__cohort *co;
  double *pool;
  double *scratch; /* [nst * RS__COHORT_ARRAYS] a cohort boarded whole (rs__fluid_cut_board) */
  int nco, cap_co;
  rs__cqueue *q;     /* [station * RS__NDIR + dir] */
  rs__fev *ev, *ev2;
  int cap_ev, cap_ev2;
  /* The day's stops in timetable order (UEV) and those of the day whose sorted
   * order EV holds (UKEY, NUKEY of them): the same, the sort is skipped. */
  rs__fev *uev, *ukey;
  int cap_uev, cap_ukey, nukey;
  int *first; /* [stop] the run whose first stop it is, else -1 (rs__fluid_tiled) */
  int cap_first;
  int *bucket; /* counting sort of the stops by minute */
  int cap_bucket;
  double *onboard, *load; /* [run * nst + dest], [run] */
  /* Rows of ONBOARD known zero: a day that ends leaves every row it used at
   * 0 (whoever boards for a station alights there later on the same run, and
   * alighting sets the row's entry to 0), so only new rows need zeroing. */
  int ob_zero;
  int cap_runs;
  rs__fluid_board *bd;
  int nbd, cap_bd;
  int cohorts_only; /* 1: never the linear day (rs__fluid_set_linear) */
  int ran_linear;   /* the last day was a linear day */
};

/* Grow *P (capacity *CAP items of SIZE) to hold N; RS_OK or RS_ENOMEM. */
int rs__fgrow(void **p, int *cap, int n, size_t size);

/* Hour 0-23 of a time of the service day, as the passenger engine counts it. */
static inline int rs__fhour(double t) {
  if (!(t >= 0)) return 0;
  int h = (int)(t / 3600.0);
  return h < RS__HOURS ? h : h % RS__HOURS;
}

static inline int rs__fseg_set(rs__fseg *g, double lo, double hi, double mid, int h) {
  if (!(hi > lo)) return 0;
  double e = hi < mid ? hi : mid;
  g->dl = hi - lo; /* field by field: the compound literal went through the stack */
  g->sl = hi + lo;
  g->el = e - lo;
  g->wm = mid - (e + lo) / 2;
  g->h = h;
  g->wait = e > lo;
  return 1;
}

/* The pieces of [A, B) (B > A) with waits until MID: the hours it touches,
 * then the flat window when some pair has a flat stream. Returns how many. */
static inline int rs__fluid_segs(const rs__fluid *f, double a, double b, double mid, rs__fseg *g) {
  int n = 0, h0 = a > 0 ? (int)(a / 3600.0) : 0;
  for (int h = h0; h < RS__HOURS && h * 3600.0 < b; h++)
    n += rs__fseg_set(&g[n], rs__fmax(a, h * 3600.0), rs__fmin(b, (h + 1) * 3600.0), mid, h);
  if (f->anyflat)
    n += rs__fseg_set(&g[n], rs__fmax(a, f->flat_from), rs__fmin(b, f->flat_to), mid, RS__HOURS);
  return n;
}

/* The schedule of the day's timetable (engine_fluid_sched.c): one kept, or
 * made in place of the one unused longest (its failed trips of the linear day
 * are the engine's to keep: not const). */
int rs__fluid_sched(rs__fluid *f, const rs__day_tt *tt, rs__fsched **out);

/* Mass, summed arrival times and summed waits of OD's arrivals over the N
 * pieces G: the hourly rates in time order, then the flat one (a zero rate
 * adds nothing, as before). */
static inline void rs__fluid_mass(const rs__fluid *f, size_t od, const rs__fseg *g, int n,
                                  double *m, double *mt, double *w) {
  const double *r = &f->rate[od * RS__RCOLS];
  double sm = 0, smt = 0, ws = 0; /* in registers: the sums went through memory */
  for (int i = 0; i < n; i++) {
    double ri = r[g[i].h];
    if (ri == 0) continue;
    double rd = ri * g[i].dl;
    sm += rd;
    smt += rd * g[i].sl / 2;
    if (g[i].wait) ws += ri * g[i].el * g[i].wm;
  }
  *m = sm;
  *mt = smt;
  *w = ws;
}

/* The arrivals of a cohort [T0, T1) of pair K boarding at T that failed:
 * those before T - give-up whose planned train left before T, or that had
 * none planned. Returns the end of that span ([T0, end)), T0 when none. */
double rs__plan_failed_until(const rs__plan *p, size_t k, double t0, double t1, double t, int *cur);

/* Of the mass BM boarding from cohort C for pair OD (its arrivals M0), those
 * who met a failed trip (rs__plan), the arrivals in [c->t0, FE): for
 * learning only. Rare: out of the boarding loop. */
void rs__fluid_gaveup(rs__fluid *f, const rs__cohort *c, size_t od, double fe, double bm, double m0,
                      double *gm, double *gt);

/* The linear day (engine_fluid_linear.c). A day whose every stop that boards
 * cuts its queue and serves every station ahead, and whose trains all have
 * room, boards each cut whole at its own train: then its waits, rides and
 * passenger-km are sums over the pairs and rate columns of the day's rates
 * times the schedule's coefficients (a unit rate's waits, rides and masses
 * over the day's cuts), worked out once per schedule; the loads, boardings
 * and alightings stop by stop are the cohort engine's own operations.
 * rs__fluid_linear_coefs sets H->linear and the coefficients when the
 * schedule allows; rs__fluid_linear_day runs the day, or returns
 * RS__FLUID_FULL, nothing reliable written, at the first train without room
 * (the cohorts then run the day again). */
#define RS__FLUID_FULL 1
int rs__fluid_linear_coefs(rs__fluid *f, rs__fsched *h);
int rs__fluid_linear_fails(rs__fluid *f, rs__fsched *h);
int rs__fluid_linear_day(rs__fluid *f, const rs__fsched *h, double capacity, rs__day_result *res);

#endif
