/* The expected-value engine (engine_fluid.h, docs/engine.md): the passenger
 * engine's rules applied to the expected arrivals, as cohorts of fluid. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine_fluid.h"

#define RS__DAY_END_S (24.0 * 3600.0)

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
} rs__fsched;

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
};

rs__fluid *rs__fluid_alloc(int nst) {
  if (nst < 1) return NULL;
  rs__fluid *f = calloc(1, sizeof *f);
  if (!f) return NULL;
  size_t nod = (size_t)nst * (size_t)nst;
  f->nst = nst;
  f->rate = calloc(nod * RS__RCOLS, sizeof *f->rate);
  f->gen = calloc(nod, sizeof *f->gen);
  f->wait_s = calloc(nod, sizeof *f->wait_s);
  f->stranded = calloc(nod, sizeof *f->stranded);
  f->denied = calloc(nod, sizeof *f->denied);
  f->gaveup = calloc(nod, sizeof *f->gaveup);
  f->pcur = calloc(nod, sizeof *f->pcur);
  f->kmd = calloc(nod, sizeof *f->kmd);
  f->qcut = calloc((size_t)nst * RS__NDIR, sizeof *f->qcut);
  f->q = calloc((size_t)nst * RS__NDIR, sizeof *f->q);
  if (!f->rate || !f->gen || !f->wait_s || !f->stranded || !f->denied || !f->gaveup || !f->pcur || !f->q ||
      !f->kmd || !f->qcut) {
    rs__fluid_free(f);
    return NULL;
  }
  return f;
}

void rs__fluid_free(rs__fluid *f) {
  if (!f) return;
  if (f->q)
    for (int i = 0; i < f->nst * RS__NDIR; i++) free(f->q[i].ix);
  free(f->q);
  free(f->rate);
  free(f->gen);
  free(f->wait_s);
  free(f->stranded);
  free(f->denied);
  free(f->gaveup);
  free(f->pcur);
  free(f->kmd);
  free(f->qcut);
  for (int i = 0; i < RS__FSCHEDS; i++) {
    rs__fsched *h = &f->sched[i];
    free(h->krun);
    free(h->kst);
    free(h->kso);
    free(h->karr);
    free(h->kdep);
    free(h->ps);
    free(h->sg);
    free(h->el_d);
    free(h->el_arr);
  }
  free(f->co);
  free(f->pool);
  free(f->ev);
  free(f->ev2);
  free(f->uev);
  free(f->ukey);
  free(f->bucket);
  free(f->first);
  free(f->onboard);
  free(f->load);
  free(f->bd);
  free(f);
}

void rs__fluid_od(const rs__fluid *f, const double **gen, const double **wait_s,
                  const double **stranded, const double **denied, const double **gaveup) {
  *gaveup = f->gaveup;
  *gen = f->gen;
  *wait_s = f->wait_s;
  *stranded = f->stranded;
  *denied = f->denied;
}

void rs__fluid_set_plan(rs__fluid *f, const rs__plan *plan) { f->plan = plan; }

/* Index of the first planned departure of pair K at or after T (n if none). */
static int rs__plan_next(const rs__plan *p, size_t k, double t) {
  const double *d = p->dep + p->off[k];
  int lo = 0, hi = p->n[k];
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (d[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

int rs__plan_failed(const rs__plan *p, size_t k, double a, double b) {
  if (!(b - a > p->give_up_s[k])) return 0;
  int j = rs__plan_next(p, k, a);
  return j == p->n[k] || b > p->dep[p->off[k] + j] + 1e-6;
}

/* rs__plan_next walked from *CUR, the answer of the pair's previous look-up
 * (the day's boardings come in time order, so it is a step or none away):
 * the one index with every departure before it earlier than T. */
static int rs__plan_next_from(const rs__plan *p, size_t k, double t, int *cur) {
  const double *d = p->dep + p->off[k];
  int n = p->n[k], c = *cur >= 0 && *cur <= n ? *cur : 0;
  while (c < n && d[c] < t) c++;
  while (c > 0 && !(d[c - 1] < t)) c--;
  *cur = c;
  return c;
}

/* The arrivals of a cohort [T0, T1) of pair K boarding at T that failed:
 * those before T - give-up whose planned train left before T, or that had
 * none planned. Returns the end of that span ([T0, end)), T0 when none. */
static double rs__plan_failed_until(const rs__plan *p, size_t k, double t0, double t1, double t,
                                    int *cur) {
  double hi = rs__fmin(t1, t - p->give_up_s[k]);
  if (!(hi > t0)) return t0;
  int n = p->n[k];
  if (n == 0) return hi;
  int j = rs__plan_next_from(p, k, t - 1e-6, cur); /* the first planned at or after the boarding */
  if (j == n) return hi;                 /* after the last planned train: all failed */
  double last = j > 0 ? p->dep[p->off[k] + j - 1] : -INFINITY; /* the last planned before */
  return rs__fmax(t0, rs__fmin(hi, last));
}

const rs__fluid_board *rs__fluid_boardings(const rs__fluid *f, int *n) {
  *n = f->nbd;
  return f->bd;
}

static int rs__fgrow(void **p, int *cap, int n, size_t size) {
  if (n <= *cap) return RS_OK;
  int c = n + n / 2 + 16;
  void *q = realloc(*p, (size_t)c * size);
  if (!q) return RS_ENOMEM;
  *p = q;
  *cap = c;
  return RS_OK;
}

/* Hour 0-23 of a time of the service day, as the passenger engine counts it. */
static int rs__fhour(double t) {
  if (!(t >= 0)) return 0;
  int h = (int)(t / 3600.0);
  return h < RS__HOURS ? h : h % RS__HOURS;
}

/* Rates per second of each OD pair from the day's streams (as the passenger
 * engine's: hourly streams uniform inside each hour, flat ones over the window). */
static int rs__fluid_rates(rs__fluid *f, const rs__day_demand *dd, rs__day_result *res) {
  int nst = f->nst;
  size_t nod = (size_t)nst * (size_t)nst;
  memset(f->rate, 0, nod * RS__RCOLS * sizeof *f->rate);
  f->anyflat = 0;
  f->flat_from = dd->flat_from_s;
  f->flat_to = dd->flat_to_s;
  double span = dd->flat_to_s - dd->flat_from_s;
  const double *checked = NULL; /* the weights last checked: streams share a few profiles */
  for (int k = 0; k < dd->nstreams; k++) {
    const rs__stream *s = &dd->streams[k];
    if (s->origin < 0 || s->origin >= nst || s->dest < 0 || s->dest >= nst ||
        s->origin == s->dest || s->purpose < 0 || s->purpose >= RS_NPURPOSE ||
        !(s->trips >= 0) || !isfinite(s->trips))
      return RS_EINVAL;
    if (s->trips == 0) continue;
    size_t od = (size_t)s->origin * (size_t)nst + (size_t)s->dest;
    if (s->hour_w) {
      /* checked first, then added in a loop without exits, vectorised (the
       * same products and sums, element by element) */
      const double *hw = s->hour_w;
      double *r = &f->rate[od * RS__RCOLS], tr = s->trips;
      for (int h = 0; h < RS__HOURS && hw != checked; h++)
        if (!(hw[h] >= 0) || !isfinite(hw[h])) return RS_EINVAL;
      checked = hw;
      for (int h = 0; h < RS__HOURS; h++) r[h] += tr * hw[h] / 3600.0;
    } else {
      if (!(span > 0)) return RS_EINVAL;
      double *fl = &f->rate[od * RS__RCOLS + RS__HOURS];
      *fl += s->trips / span;
      if (*fl > 0) f->anyflat = 1;
    }
    res->generated += s->trips;
    res->by_purpose[s->purpose] += s->trips;
    f->gen[od] += s->trips;
  }
  return RS_OK;
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
static int rs__fluid_segs(const rs__fluid *f, double a, double b, double mid, rs__fseg *g) {
  int n = 0, h0 = a > 0 ? (int)(a / 3600.0) : 0;
  for (int h = h0; h < RS__HOURS && h * 3600.0 < b; h++)
    n += rs__fseg_set(&g[n], rs__fmax(a, h * 3600.0), rs__fmin(b, (h + 1) * 3600.0), mid, h);
  if (f->anyflat)
    n += rs__fseg_set(&g[n], rs__fmax(a, f->flat_from), rs__fmin(b, f->flat_to), mid, RS__HOURS);
  return n;
}

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

/* The figures of cohort CI (rs__cohort_fig), in the pool (which may move). */
static inline double *rs__cofig(const rs__fluid *f, int ci) {
  return f->pool + (size_t)ci * RS__COHORT_ARRAYS * (size_t)f->nst;
}

/* A new cohort of station S, direction DIR: the arrivals in [q->cut, T)
 * (T after q->cut), cut by the stop BORN, over the NG pieces G of that span. */
static inline int rs__fluid_cohort(rs__fluid *f, int s, int dir, double t, int born,
                                   const rs__fseg *g, int ng) {
  rs__cqueue *q = &f->q[s * RS__NDIR + dir];
  int nst = f->nst;
  if (f->nco == f->cap_co) {
    int cap = f->cap_co * 2 + 64;
    rs__cohort *c = realloc(f->co, (size_t)cap * sizeof *c);
    if (!c) return RS_ENOMEM;
    f->co = c;
    double *p = realloc(f->pool, (size_t)cap * RS__COHORT_ARRAYS * (size_t)nst * sizeof *p);
    if (!p) return RS_ENOMEM;
    f->pool = p;
    f->cap_co = cap;
  }
  int ci = f->nco;
  rs__cohort *c = &f->co[ci];
  c->t0 = q->cut;
  c->t1 = t;
  c->born = born;
  double total = 0, *fig = rs__cofig(f, ci);
  /* Arrivals only for the stations ahead in the direction: nothing reads the
   * others' figures, so they are left unwritten. */
  int d0 = dir == RS__DOWN ? s + 1 : 0, d1 = dir == RS__DOWN ? nst : s;
  if (ng == 1) { /* most cuts lie inside an hour: rs__fluid_mass of one piece, in registers */
    const double *r = &f->rate[(size_t)s * (size_t)nst * RS__RCOLS + (size_t)g->h];
    double dl = g->dl, sl = g->sl, el = g->el, wm = g->wm;
    int wait = g->wait;
    for (int d = d0; d < d1; d++) {
      double *p = fig + RS__COHORT_ARRAYS * d, ri = r[(size_t)d * RS__RCOLS], sm = 0, smt = 0, ws = 0;
      if (ri != 0) {
        double rd = ri * dl;
        sm += rd;
        smt += rd * sl / 2;
        if (wait) ws += ri * el * wm;
      }
      p[RS__CM] = p[RS__CM0] = sm;
      p[RS__CMT] = smt;
      p[RS__CW0] = ws;
      total += sm;
    }
  } else {
    for (int d = d0; d < d1; d++) {
      double *p = fig + RS__COHORT_ARRAYS * d;
      rs__fluid_mass(f, (size_t)s * (size_t)nst + (size_t)d, g, ng, &p[RS__CM], &p[RS__CMT], &p[RS__CW0]);
      p[RS__CM0] = p[RS__CM];
      total += p[RS__CM];
    }
  }
  c->total = total;
  q->cut = t;
  if (c->total <= 0) return RS_OK; /* nothing arrived: no cohort */
  if (q->tail == q->cap) {
    int rc = rs__fgrow((void **)&q->ix, &q->cap, q->cap + 1, sizeof *q->ix);
    if (rc != RS_OK) return rc;
  }
  q->ix[q->tail++] = ci;
  f->nco++;
  return RS_OK;
}

/* The same, its pieces worked out here: the train ARR comes in at. A cut
 * at or before the queue's last does nothing. */
static int rs__fluid_cut(rs__fluid *f, int s, int dir, double arr, double t, int born) {
  double t0 = f->q[s * RS__NDIR + dir].cut;
  if (!(t > t0)) return RS_OK;
  rs__fseg g[RS__NSEG];
  return rs__fluid_cohort(f, s, dir, t, born, g, rs__fluid_segs(f, t0, t, arr, g));
}

/* A stop at work: its schedule entry and where its figures go. */
typedef struct rs__fstop {
  int run, sidx, station;
  double arr, *load, *ob;
  double *board;        /* the day's boardings at the station in the hour of arr */
  const int *el_d;      /* the destinations the stop serves, in increasing order */
  const double *el_arr; /* the train's arrival at each */
  int ne, all;          /* rs__fsstop */
} rs__fstop;

/* Of the mass BM boarding from cohort C for pair OD (its arrivals M0), those
 * who met a failed trip (rs__plan), the arrivals in [c->t0, FE): for
 * learning only. Rare: out of the boarding loop. */
static void rs__fluid_gaveup(rs__fluid *f, const rs__cohort *c, size_t od, double fe, double bm,
                             double m0, double *gm, double *gt) {
  rs__fseg g[RS__NSEG];
  double w;
  rs__fluid_mass(f, od, g, rs__fluid_segs(f, c->t0, fe, 0, g), gm, gt, &w);
  double scale = m0 > 0 ? bm / m0 : 0;
  *gm *= scale;
  *gt *= scale;
  f->gaveup[od] += *gm;
}

/* Board fraction FR of cohort C (figures FIG) for the destinations the stop
 * serves. The day's sums are carried in locals and stored once: the same
 * additions in the same order, without a store and a load each. */
static int rs__board_cohort(rs__fluid *f, rs__fstop *x, rs__cohort *c, double *fig, double fr,
                            rs__day_result *res) {
  /* room for a boarding per destination, once */
  if (rs__fgrow((void **)&f->bd, &f->cap_bd, f->nbd + f->nst, sizeof *f->bd) != RS_OK) return RS_ENOMEM;
  size_t orow = (size_t)x->station * (size_t)f->nst;
  const int *el_d = x->el_d;
  const double *el_arr = x->el_arr, *kmd = f->kmd;
  const double *give_up = f->plan && c->t0 < x->arr ? f->plan->give_up_s : NULL;
  double *ob = x->ob, *wait_s = f->wait_s, arr = x->arr, t0 = c->t0, t1 = c->t1;
  double load = *x->load, total = c->total, board = *x->board;
  double wsum = res->wait_sum_s, rsum = res->ride_sum_s, pkm = res->passenger_km;
  /* Waits until the train is in: 0 for those who came during the dwell (only
   * the cohort this stop cut holds any); a fraction boards as a whole. */
  int own = c->born == x->sidx, ne = x->ne, nbd = f->nbd, run = x->run, station = x->station;
  rs__fluid_board *bd = f->bd;
  for (int e = 0; e < ne; e++) {
    int d = el_d[e];
    double *p = fig + RS__COHORT_ARRAYS * d;
    if (p[RS__CM] <= 0) continue;
    double bm = p[RS__CM] * fr, bt = p[RS__CMT] * fr;
    double w = own ? p[RS__CW0] * fr : rs__fmax(0, arr * bm - bt);
    p[RS__CW0] -= p[RS__CW0] * fr;
    double ride = bm * el_arr[e] - (w + bt);
    size_t od = orow + (size_t)d;
    double gm = 0; /* never passed by address: no stores of zeros per boarding */
    /* rs__plan_failed_until's first test, before the call: it fails most */
    double fe = give_up && rs__fmin(t1, arr - give_up[od]) > t0
                    ? rs__plan_failed_until(f->plan, od, t0, t1, arr, &f->pcur[od])
                    : t0;
    if (fe > t0) {
      double gmt[2]; /* by address only here */
      rs__fluid_gaveup(f, c, od, fe, bm, p[RS__CM0], &gmt[0], &gmt[1]);
      gm = gmt[0];
      wait_s[od] += rs__fmax(0, w - (arr * gm - gmt[1]));
    } else { /* gm = gt = 0: arr * gm - gt is a zero, and w minus a zero is
              * w (but -0 - -0 = +0: the sum it goes into is never -0, alike) */
      wait_s[od] += rs__fmax(0, w);
    }
    wsum += w;
    rsum += ride;
    pkm += bm * kmd[od];
    board += bm;
    ob[d] += bm;
    load += bm;
    p[RS__CM] -= bm;
    p[RS__CMT] -= bt;
    total -= bm;
    bd[nbd].run = run;
    bd[nbd].origin = station;
    bd[nbd].dest = d;
    bd[nbd++].mass = bm - gm;
  }
  f->nbd = nbd;
  *x->load = load;
  c->total = total;
  *x->board = board;
  res->wait_sum_s = wsum;
  res->ride_sum_s = rsum;
  res->passenger_km = pkm;
  return RS_OK;
}

/* Board the cohorts of stop X's queue first-in-first-out up to the capacity
 * left; returns the refusals. */
static int rs__fluid_board_queue(rs__fluid *f, rs__fstop *x, int s, rs__cqueue *q, double capacity,
                           rs__day_result *res, double *denied) {
  int rc;
  for (int i = q->head; i < q->tail; i++) {
    rs__cohort *c = &f->co[q->ix[i]];
    double *fig = rs__cofig(f, q->ix[i]), elig = 0;
    if (x->all && c->born == x->sidx) /* the cohort the stop just cut, all of it served: */
      elig = c->total;                /* its total is this very sum (rs__fluid_cohort) */
    else
      for (int e = 0; e < x->ne; e++) /* the others hold nothing */
        elig += fig[RS__COHORT_ARRAYS * x->el_d[e] + RS__CM];
    if (!(elig > 0)) continue;
    double room = capacity - *x->load;
    double fr = room <= 0 ? 0 : elig <= room ? 1 : room / elig;
    if (fr > 0 && (rc = rs__board_cohort(f, x, c, fig, fr, res)) != RS_OK) return rc;
    if (fr < 1) { /* who was left behind by a full train */
      for (int e = 0; e < x->ne; e++) {
        int d = x->el_d[e];
        double m = fig[RS__COHORT_ARRAYS * d + RS__CM];
        if (!(m > 0)) continue;
        f->denied[(size_t)s * (size_t)f->nst + (size_t)d] += m;
        *denied += m;
      }
      if (fr > 0) *x->load = capacity; /* exact, whatever the rounding */
    }
  }
  int h = q->head;
  while (h < q->tail && !(f->co[q->ix[h]].total > 1e-12)) h++;
  q->head = h;
  return RS_OK;
}

/* Stop P of schedule H: alight, cut the arrivals since the last train, board
 * first-in-first-out up to the capacity left, and record the section loads
 * after the stop as the passenger engine does. */
static int rs__fluid_stop(rs__fluid *f, const rs__fsched *h, const rs__fsstop *p, double capacity,
                          rs__day_result *res) {
  int s = p->station, rc;
  rs__fstop x = {p->run, p->sidx, s, p->arr, &f->load[p->run],
                 f->onboard + (size_t)p->run * (size_t)f->nst,
                 res->board + s * RS__HOURS + p->harr, h->el_d + p->el, h->el_arr + p->el, p->ne, p->all};
  double nal = x.ob[s];
  if (nal > 0) {
    x.ob[s] = 0;
    *x.load -= nal;
    res->alight[s * RS__HOURS + p->harr] += nal;
    res->delivered += nal;
  }
  res->stop_alight[p->sidx] = nal;
  /* Nobody boards at a train's last stop: its arrivals wait for the next.
   * (Each stop's four figures are written: rs__fluid_reset_stops.) */
  if (p->last) {
    res->stop_board[p->sidx] = res->stop_denied[p->sidx] = 0;
    res->stop_load[p->sidx] = *x.load;
    return RS_OK;
  }
  if (p->cut && (rc = rs__fluid_cohort(f, s, p->dir, p->dep, p->sidx, h->sg + p->sg, p->nsg)) != RS_OK)
    return rc;
  double before = *x.load, denied = 0;
  rs__cqueue *q = &f->q[s * RS__NDIR + p->dir];
  if ((rc = rs__fluid_board_queue(f, &x, s, q, capacity, res, &denied)) != RS_OK) return rc;
  double load = *x.load;
  res->stop_board[p->sidx] = load - before;
  res->stop_denied[p->sidx] = denied;
  res->stop_load[p->sidx] = load;
  res->denied_boardings += denied;
  for (int j = 0; j < p->nsec; j++) {
    res->sec_pax[p->sec + j * RS__HOURS] += load;
    res->sec_trains[p->sec + j * RS__HOURS] += 1;
  }
  double lf = load / capacity;
  if (lf > res->max_load_factor) res->max_load_factor = lf;
  return RS_OK;
}

static int rs__fev_cmp(const void *a, const void *b) {
  const rs__fev *x = a, *y = b;
  if (x->t != y->t) return x->t < y->t ? -1 : 1;
  if (x->run != y->run) return x->run < y->run ? -1 : 1;
  return (x->k > y->k) - (x->k < y->k);
}

/* The day's N stops in the engine's order (time, run, stop): a counting sort
 * by minute of the day (about one stop a minute), then insertion within. */
static int rs__fluid_sort_events(rs__fluid *f, int n) {
  if (n < 2) return RS_OK;
  double lo = f->ev[0].t, hi = lo;
  for (int i = 1; i < n; i++) {
    lo = rs__fmin(lo, f->ev[i].t);
    hi = rs__fmax(hi, f->ev[i].t);
  }
  int nb = (int)((hi - lo) / 60) + 2, rc;
  if (!(hi - lo < 1e8)) { /* absurd spans: the plain sort */
    qsort(f->ev, (size_t)n, sizeof *f->ev, rs__fev_cmp);
    return RS_OK;
  }
  if ((rc = rs__fgrow((void **)&f->bucket, &f->cap_bucket, nb + 1, sizeof *f->bucket)) != RS_OK ||
      (rc = rs__fgrow((void **)&f->ev2, &f->cap_ev2, n, sizeof *f->ev2)) != RS_OK)
    return rc;
  int *cnt = f->bucket;
  memset(cnt, 0, (size_t)(nb + 1) * sizeof *cnt);
  for (int i = 0; i < n; i++) cnt[(int)((f->ev[i].t - lo) / 60) + 1]++;
  for (int b = 1; b <= nb; b++) cnt[b] += cnt[b - 1];
  for (int i = 0; i < n; i++) f->ev2[cnt[(int)((f->ev[i].t - lo) / 60)]++] = f->ev[i];
  for (int i = 1; i < n; i++) {
    rs__fev x = f->ev2[i];
    int j = i;
    while (j > 0 && rs__fev_cmp(&f->ev2[j - 1], &x) > 0) {
      f->ev2[j] = f->ev2[j - 1];
      j--;
    }
    f->ev2[j] = x;
  }
  rs__fev *t = f->ev;
  f->ev = f->ev2;
  f->ev2 = t;
  int c = f->cap_ev;
  f->cap_ev = f->cap_ev2;
  f->cap_ev2 = c;
  return RS_OK;
}

/* The day's stops sorted into f->ev (N of them). */
static int rs__fluid_events(rs__fluid *f, const rs__day_tt *tt, int *nev) {
  int rc;
  if ((rc = rs__fgrow((void **)&f->ev, &f->cap_ev, tt->nstops, sizeof *f->ev)) != RS_OK ||
      (rc = rs__fgrow((void **)&f->uev, &f->cap_uev, tt->nstops, sizeof *f->uev)) != RS_OK)
    return rc;
  int n = 0;
  for (int r = 0; r < tt->nruns; r++)
    for (int k = 0; k < tt->runs[r].nstops; k++) {
      double t = tt->stops[tt->runs[r].first_stop + k].dep_s;
      if (!isfinite(t)) return RS_EINVAL;
      f->uev[n++] = (rs__fev){t, r, k};
    }
  /* Most days run the timetable of the day before: its stops are in order
   * already (the events are plain values: equal bytes, equal events). */
  if (n != f->nukey || (n > 0 && memcmp(f->uev, f->ukey, (size_t)n * sizeof *f->uev))) {
    f->nukey = -1; /* until sorted */
    memcpy(f->ev, f->uev, (size_t)n * sizeof *f->ev);
    if ((rc = rs__fluid_sort_events(f, n)) != RS_OK) return rc;
    rs__fev *t = f->ukey;
    f->ukey = f->uev;
    f->uev = t;
    int c = f->cap_ukey;
    f->cap_ukey = f->cap_uev;
    f->cap_uev = c;
    f->nukey = n;
  }
  *nev = n;
  return RS_OK;
}

/* The day's sums, queues and trains emptied. */
static int rs__fluid_day_reset(rs__fluid *f, const rs__day_tt *tt) {
  int nst = f->nst;
  f->nco = f->nbd = 0;
  for (int i = 0; i < nst * RS__NDIR; i++) {
    f->q[i].head = f->q[i].tail = 0;
    f->q[i].cut = 0;
  }
  size_t nod = (size_t)nst * (size_t)nst;
  memset(f->gen, 0, nod * sizeof *f->gen);
  memset(f->wait_s, 0, nod * sizeof *f->wait_s);
  memset(f->stranded, 0, nod * sizeof *f->stranded);
  memset(f->denied, 0, nod * sizeof *f->denied);
  memset(f->gaveup, 0, nod * sizeof *f->gaveup);
  memset(f->pcur, 0, nod * sizeof *f->pcur);
  if (tt->nruns > f->cap_runs) {
    int cap = tt->nruns + 16;
    double *ob = realloc(f->onboard, (size_t)cap * (size_t)nst * sizeof *ob);
    if (ob) f->onboard = ob;
    double *ld = realloc(f->load, (size_t)cap * sizeof *ld);
    if (ld) f->load = ld;
    if (!ob || !ld) return RS_ENOMEM;
    f->cap_runs = cap;
  }
  if (tt->nruns > f->ob_zero) {
    memset(f->onboard + (size_t)f->ob_zero * (size_t)nst, 0,
           (size_t)(tt->nruns - f->ob_zero) * (size_t)nst * sizeof *f->onboard);
    f->ob_zero = tt->nruns;
  }
  memset(f->load, 0, (size_t)tt->nruns * sizeof *f->load);
  return RS_OK;
}

/* Whether the runs' stops tile the day's stops (each stop in exactly one
 * run): then the day's loop writes every stop's figures. 1 yes, 0 no, or an
 * error. Walks the runs from stop 0, each to the next one's first stop. */
static int rs__fluid_tiled(rs__fluid *f, const rs__day_tt *tt) {
  int n = tt->nstops, rc, ok = 1, marked = 0, seen = 0, at = 0, r;
  if (n > f->cap_first) {
    int old = f->cap_first;
    if ((rc = rs__fgrow((void **)&f->first, &f->cap_first, n, sizeof *f->first)) != RS_OK) return rc;
    for (int i = old; i < f->cap_first; i++) f->first[i] = -1; /* kept -1 between days */
  }
  for (r = 0; r < tt->nruns && ok; r++) {
    int a = tt->runs[r].first_stop, k = tt->runs[r].nstops;
    if (k <= 0) continue; /* no stop, no figure */
    if (a < 0 || a >= n || k > n - a || f->first[a] >= 0) ok = 0;
    else f->first[a] = r, marked++;
  }
  while (ok && at < n && f->first[at] >= 0) {
    at += tt->runs[f->first[at]].nstops;
    seen++;
  }
  for (int i = 0; i < r; i++) { /* back to -1, the runs marked */
    int a = tt->runs[i].first_stop;
    if (tt->runs[i].nstops > 0 && a >= 0 && a < n && f->first[a] == i) f->first[a] = -1;
  }
  return ok && at == n && seen == marked;
}

/* Equal to the last bit (a -0 is not a 0 here, a NaN is itself). */
static inline int rs__same(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* Whether schedule H was made from this timetable and flat window: all it
 * was made from, compared bit for bit. */
static int rs__fsched_matches(const rs__fsched *h, const rs__fluid *f, const rs__day_tt *tt) {
  if (!h->valid || h->nruns != tt->nruns || h->nstops != tt->nstops || h->anyflat != f->anyflat)
    return 0;
  if (h->anyflat && (!rs__same(h->flat_from, f->flat_from) || !rs__same(h->flat_to, f->flat_to)))
    return 0;
  for (int r = 0; r < tt->nruns; r++) {
    const int *k = &h->krun[3 * r];
    if (k[0] != tt->runs[r].dir || k[1] != tt->runs[r].first_stop || k[2] != tt->runs[r].nstops)
      return 0;
  }
  for (int i = 0; i < tt->nstops; i++)
    if (h->kst[i] != tt->stops[i].station || !rs__same(h->karr[i], tt->stops[i].arr_s) ||
        !rs__same(h->kdep[i], tt->stops[i].dep_s))
      return 0;
  size_t nso = (size_t)tt->nruns * (size_t)f->nst;
  return nso == 0 || memcmp(h->kso, tt->stop_of, nso * sizeof *h->kso) == 0;
}

/* Record in H what it is made from (rs__fsched_matches). */
static int rs__fsched_key(rs__fsched *h, const rs__fluid *f, const rs__day_tt *tt) {
  int nr = tt->nruns, ns = tt->nstops, nso = nr * f->nst, rc;
  if ((rc = rs__fgrow((void **)&h->krun, &h->cap_krun, 3 * nr, sizeof *h->krun)) != RS_OK ||
      (rc = rs__fgrow((void **)&h->kst, &h->cap_kst, ns, sizeof *h->kst)) != RS_OK ||
      (rc = rs__fgrow((void **)&h->karr, &h->cap_kst2, ns, sizeof *h->karr)) != RS_OK ||
      (rc = rs__fgrow((void **)&h->kdep, &h->cap_kst3, ns, sizeof *h->kdep)) != RS_OK ||
      (rc = rs__fgrow((void **)&h->kso, &h->cap_kso, nso, sizeof *h->kso)) != RS_OK)
    return rc;
  for (int r = 0; r < nr; r++) {
    h->krun[3 * r] = tt->runs[r].dir;
    h->krun[3 * r + 1] = tt->runs[r].first_stop;
    h->krun[3 * r + 2] = tt->runs[r].nstops;
  }
  for (int i = 0; i < ns; i++) {
    h->kst[i] = tt->stops[i].station;
    h->karr[i] = tt->stops[i].arr_s;
    h->kdep[i] = tt->stops[i].dep_s;
  }
  if (nso > 0) memcpy(h->kso, tt->stop_of, (size_t)nso * sizeof *h->kso);
  h->nruns = nr;
  h->nstops = ns;
  h->anyflat = f->anyflat;
  h->flat_from = f->flat_from;
  h->flat_to = f->flat_to;
  return RS_OK;
}

/* Schedule entry P for the stop E: the queue's cut and its pieces (f->qcut
 * follows the cuts as the day will), the destinations the stop serves (the
 * stations ahead in the direction that the run calls at later, in increasing
 * order, with the train's arrival there) and the sections it runs next. */
static int rs__fsched_stop(rs__fluid *f, rs__fsched *h, const rs__day_tt *tt, rs__fev e,
                           rs__fsstop *p) {
  const rs__run *run = &tt->runs[e.run];
  int nst = f->nst, sidx = run->first_stop + e.k, rc;
  const rs__stop *st = &tt->stops[sidx];
  int s = st->station, dir = run->dir, q = s * RS__NDIR + dir;
  *p = (rs__fsstop){st->arr_s, st->dep_s, e.run, e.k, sidx, s, dir, rs__fhour(st->arr_s),
                    e.k + 1 >= run->nstops, 0, 0, 0, 0, 0, 0, 0, 0};
  if (p->last) return RS_OK;
  if ((p->cut = p->dep > f->qcut[q])) {
    if ((rc = rs__fgrow((void **)&h->sg, &h->cap_sg, h->nsg + RS__NSEG, sizeof *h->sg)) != RS_OK)
      return rc;
    p->sg = h->nsg;
    p->nsg = rs__fluid_segs(f, f->qcut[q], p->dep, p->arr, h->sg + h->nsg);
    h->nsg += p->nsg;
    f->qcut[q] = p->dep;
  }
  int cap = h->cap_el; /* two arrays of one capacity */
  if ((rc = rs__fgrow((void **)&h->el_d, &cap, h->nel + nst, sizeof *h->el_d)) != RS_OK ||
      (rc = rs__fgrow((void **)&h->el_arr, &h->cap_el, h->nel + nst, sizeof *h->el_arr)) != RS_OK)
    return rc;
  const int *so = tt->stop_of + (size_t)e.run * (size_t)nst;
  const rs__stop *base = &tt->stops[run->first_stop];
  int d0 = dir == RS__DOWN ? s + 1 : 0, d1 = dir == RS__DOWN ? nst : s; /* as a cohort holds */
  p->el = h->nel;
  for (int d = d0; d < d1; d++)
    if (so[d] > e.k) {
      h->el_d[h->nel] = d;
      h->el_arr[h->nel++] = base[so[d]].arr_s;
    }
  p->ne = h->nel - p->el;
  p->all = p->ne == d1 - d0;
  int ns = tt->stops[sidx + 1].station, a = s < ns ? s : ns, b = s < ns ? ns : s;
  p->sec = (dir * (nst - 1) + a) * RS__HOURS + rs__fhour(p->dep);
  p->nsec = b - a;
  return RS_OK;
}

/* Make schedule H from the day's timetable. */
static int rs__fsched_build(rs__fluid *f, rs__fsched *h, const rs__day_tt *tt) {
  int n = 0, rc;
  h->valid = 0;
  if ((rc = rs__fluid_events(f, tt, &n)) != RS_OK || (rc = rs__fsched_key(h, f, tt)) != RS_OK ||
      (rc = rs__fgrow((void **)&h->ps, &h->cap_ps, n, sizeof *h->ps)) != RS_OK)
    return rc;
  for (int i = 0; i < f->nst * RS__NDIR; i++) f->qcut[i] = 0; /* as the day's queues start */
  h->nsg = h->nel = 0;
  for (int i = 0; i < n; i++)
    if ((rc = rs__fsched_stop(f, h, tt, f->ev[i], &h->ps[i])) != RS_OK) return rc;
  h->nps = n;
  if ((rc = rs__fluid_tiled(f, tt)) < 0) return rc;
  h->tiled = rc;
  h->valid = 1;
  return RS_OK;
}

/* The schedule of the day's timetable: one kept, or made in place of the
 * one unused longest. */
static int rs__fluid_sched(rs__fluid *f, const rs__day_tt *tt, const rs__fsched **out) {
  rs__fsched *h = &f->sched[0];
  f->day++;
  for (int i = 0; i < RS__FSCHEDS; i++)
    if (rs__fsched_matches(&f->sched[i], f, tt)) {
      h = &f->sched[i];
      h->used = f->day;
      *out = h;
      return RS_OK;
    }
  for (int i = 1; i < RS__FSCHEDS; i++)
    if (f->sched[i].used < h->used) h = &f->sched[i];
  int rc = rs__fsched_build(f, h, tt);
  if (rc != RS_OK) return rc;
  h->used = f->day;
  *out = h;
  return RS_OK;
}

/* The per-stop figures as rs__day_result_reset leaves them, from stop FROM
 * on: those before are written by the day's loop. */
static void rs__fluid_reset_stops(int from, rs__day_result *res) {
  if (res->cap_stops <= from) return;
  size_t n = (size_t)(res->cap_stops - from) * sizeof(double);
  memset(res->stop_board + from, 0, n);
  memset(res->stop_alight + from, 0, n);
  memset(res->stop_load + from, 0, n);
  memset(res->stop_denied + from, 0, n);
}

/* After the last train: the rest of the day's arrivals join the queues, and
 * everyone still waiting is stranded. */
static int rs__fluid_strand(rs__fluid *f, rs__day_result *res) {
  int nst = f->nst;
  double end = rs__fmax(RS__DAY_END_S, f->flat_to);
  for (int s = 0; s < nst; s++)
    for (int dir = 0; dir < RS__NDIR; dir++) {
      rs__cqueue *q = &f->q[s * RS__NDIR + dir];
      int before = q->tail;
      int rc = rs__fluid_cut(f, s, dir, end, end, -1);
      if (rc != RS_OK) return rc;
      /* The cohort cut here came after the last train had left (the previous
       * cut was its departure): demand outside service hours, as the engine
       * counts it. */
      if (q->tail > before) res->after_service += f->co[q->ix[q->tail - 1]].total;
      int d0 = dir == RS__DOWN ? s + 1 : 0, d1 = dir == RS__DOWN ? nst : s; /* as cut */
      for (int i = q->head; i < q->tail; i++) {
        const double *fig = rs__cofig(f, q->ix[i]);
        for (int d = d0; d < d1; d++) {
          double m = fig[RS__COHORT_ARRAYS * d + RS__CM];
          if (!(m > 0)) continue;
          f->stranded[(size_t)s * (size_t)nst + (size_t)d] += m;
          res->stranded += m;
        }
      }
      q->head = q->tail;
    }
  return RS_OK;
}

int rs__fluid_run_day(rs__fluid *f, const rs__network *net, const rs__day_tt *tt,
                      const rs__day_demand *dd, double capacity, rs__day_result *res) {
  if (!f || !net || !tt || !dd || !res) return RS_EINVAL;
  int nst = f->nst, rc;
  if (net->nst != nst || res->nst != nst || (tt->nruns > 0 && tt->nst != nst)) return RS_EINVAL;
  if (!(capacity > 0) || dd->trips || dd->ntrips > 0) return RS_EINVAL;
  rc = rs__day_result_reserve_stops(res, tt->nstops);
  rs__day_result_reset_sums(res);
  const rs__fsched *h = NULL;
  if (rc == RS_OK) rc = rs__fluid_day_reset(f, tt);
  if (rc == RS_OK) rc = rs__fluid_rates(f, dd, res); /* before the schedule: the flat window */
  if (rc == RS_OK) rc = rs__fluid_sched(f, tt, &h);
  rs__fluid_reset_stops(rc == RS_OK && h->tiled ? tt->nstops : 0, res);
  if (rc != RS_OK) return rc;
  for (int o = 0; o < nst; o++)
    for (int d = 0; d < nst; d++) f->kmd[o * nst + d] = fabs(net->st[d].km - net->st[o].km);
  int ob_zero = f->ob_zero;
  f->ob_zero = 0; /* until the day ends */
  for (int i = 0; i < h->nps; i++)
    if ((rc = rs__fluid_stop(f, h, &h->ps[i], capacity, res)) != RS_OK) return rc;
  f->ob_zero = ob_zero;
  if ((rc = rs__fluid_strand(f, res)) != RS_OK) return rc;
  /* Every passenger accounted for, up to rounding of the integrals. */
  double gap = res->generated - res->delivered - res->stranded;
  if (fabs(gap) > 1e-6 * (res->generated + 1)) return RS_EINTERNAL;
  return RS_OK;
}
