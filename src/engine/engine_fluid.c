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

/* Arrivals of one station and direction between two cuts: per destination d,
 * m[d] the mass and mt[d] the sum of arrival times (mass x mean time) still
 * waiting, m0[d] the mass that arrived (what is left is a fraction of it,
 * spread over [t0, t1) as the arrivals were), and w0[d] the waits of all of
 * them if they board the train of the stop that cut the cohort (BORN): from
 * their arrival to the train's, 0 for those who came during its dwell. */
typedef struct rs__cohort {
  double t0, t1, total;
  int born;
  double *m, *mt, *m0, *w0; /* nst each, in the pool */
} rs__cohort;

#define RS__COHORT_ARRAYS 4

typedef struct rs__cqueue {
  int *ix;
  int head, tail, cap;
  double cut; /* arrivals up to here are in cohorts */
} rs__cqueue;

typedef struct rs__fev {
  double t;
  int run, k;
} rs__fev;

struct rs__fluid {
  int nst;
  double *rate;      /* [od * 24 + h] arrivals per second of the hourly streams */
  double *flat;      /* [od] arrivals per second over [flat_from, flat_to) */
  double flat_from, flat_to;
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
  int *bucket; /* counting sort of the stops by minute */
  int cap_bucket;
  double *onboard, *load; /* [run * nst + dest], [run] */
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
  f->rate = calloc(nod * RS__HOURS, sizeof *f->rate);
  f->flat = calloc(nod, sizeof *f->flat);
  f->gen = calloc(nod, sizeof *f->gen);
  f->wait_s = calloc(nod, sizeof *f->wait_s);
  f->stranded = calloc(nod, sizeof *f->stranded);
  f->denied = calloc(nod, sizeof *f->denied);
  f->gaveup = calloc(nod, sizeof *f->gaveup);
  f->pcur = calloc(nod, sizeof *f->pcur);
  f->q = calloc((size_t)nst * RS__NDIR, sizeof *f->q);
  if (!f->rate || !f->flat || !f->gen || !f->wait_s || !f->stranded || !f->denied || !f->gaveup || !f->pcur || !f->q) {
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
  free(f->flat);
  free(f->gen);
  free(f->wait_s);
  free(f->stranded);
  free(f->denied);
  free(f->gaveup);
  free(f->pcur);
  free(f->co);
  free(f->pool);
  free(f->ev);
  free(f->ev2);
  free(f->uev);
  free(f->ukey);
  free(f->bucket);
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
  memset(f->rate, 0, nod * RS__HOURS * sizeof *f->rate);
  memset(f->flat, 0, nod * sizeof *f->flat);
  f->flat_from = dd->flat_from_s;
  f->flat_to = dd->flat_to_s;
  double span = dd->flat_to_s - dd->flat_from_s;
  for (int k = 0; k < dd->nstreams; k++) {
    const rs__stream *s = &dd->streams[k];
    if (s->origin < 0 || s->origin >= nst || s->dest < 0 || s->dest >= nst ||
        s->origin == s->dest || s->purpose < 0 || s->purpose >= RS_NPURPOSE ||
        !(s->trips >= 0) || !isfinite(s->trips))
      return RS_EINVAL;
    if (s->trips == 0) continue;
    size_t od = (size_t)s->origin * (size_t)nst + (size_t)s->dest;
    if (s->hour_w) {
      for (int h = 0; h < RS__HOURS; h++) {
        if (!(s->hour_w[h] >= 0) || !isfinite(s->hour_w[h])) return RS_EINVAL;
        f->rate[od * RS__HOURS + (size_t)h] += s->trips * s->hour_w[h] / 3600.0;
      }
    } else {
      if (!(span > 0)) return RS_EINVAL;
      f->flat[od] += s->trips / span;
    }
    res->generated += s->trips;
    res->by_purpose[s->purpose] += s->trips;
    f->gen[od] += s->trips;
  }
  return RS_OK;
}

/* Rate R over [LO, HI): its mass, summed arrival times, and summed waits
 * until MID of the part before MID. */
static inline void rs__seg(double r, double lo, double hi, double mid, double *m, double *mt,
                           double *w) {
  if (!(hi > lo) || r == 0) return;
  *m += r * (hi - lo);
  *mt += r * (hi - lo) * (hi + lo) / 2;
  double e = hi < mid ? hi : mid;
  if (e > lo) *w += r * (e - lo) * (mid - (e + lo) / 2);
}

/* Mass and summed arrival time of OD's arrivals in [a, b), and the summed
 * waits until MID of those before MID (W may be NULL). */
static inline void rs__fluid_mass(const rs__fluid *f, size_t od, double a, double b, double mid,
                                  double *m, double *mt, double *w) {
  double sm = 0, smt = 0, ws = 0; /* in registers: the sums went through memory */
  if (b > a) {
    const double *r = &f->rate[od * RS__HOURS];
    int h0 = a > 0 ? (int)(a / 3600.0) : 0;
    for (int h = h0; h < RS__HOURS && h * 3600.0 < b; h++)
      if (r[h] != 0)
        rs__seg(r[h], rs__fmax(a, h * 3600.0), rs__fmin(b, (h + 1) * 3600.0), mid, &sm, &smt, &ws);
    if (f->flat[od] > 0)
      rs__seg(f->flat[od], rs__fmax(a, f->flat_from), rs__fmin(b, f->flat_to), mid, &sm, &smt, &ws);
  }
  *m = sm;
  *mt = smt;
  if (w) *w = ws;
}

/* A new cohort of station S, direction DIR: the arrivals in [q->cut, T),
 * cut by the stop BORN whose train comes in at ARR. */
static int rs__fluid_cut(rs__fluid *f, int s, int dir, double arr, double t, int born) {
  rs__cqueue *q = &f->q[s * RS__NDIR + dir];
  if (!(t > q->cut)) return RS_OK;
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
  c->total = 0;
  c->born = born;
  double *m = f->pool + (size_t)ci * RS__COHORT_ARRAYS * (size_t)nst, *mt = m + nst;
  double *m0 = mt + nst, *w0 = m0 + nst;
  /* Arrivals only for the stations ahead in the direction; the zeros of the
   * others added nothing to the total. */
  for (int i = 0; i < RS__COHORT_ARRAYS * nst; i++) m[i] = 0; /* m, mt, m0, w0 */
  int d0 = dir == RS__DOWN ? s + 1 : 0, d1 = dir == RS__DOWN ? nst : s;
  for (int d = d0; d < d1; d++) {
    rs__fluid_mass(f, (size_t)s * (size_t)nst + (size_t)d, q->cut, t, arr, &m[d], &mt[d], &w0[d]);
    m0[d] = m[d];
    c->total += m[d];
  }
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

/* The cohorts' pointers into the pool (the pool may have moved). */
static void rs__cohort_bind(rs__fluid *f, int ci) {
  f->co[ci].m = f->pool + (size_t)ci * RS__COHORT_ARRAYS * (size_t)f->nst;
  f->co[ci].mt = f->co[ci].m + f->nst;
  f->co[ci].m0 = f->co[ci].mt + f->nst;
  f->co[ci].w0 = f->co[ci].m0 + f->nst;
}

typedef struct rs__fstop {
  const rs__day_tt *tt;
  const rs__network *net;
  int run, k, sidx, station;
  const int *so;
  double arr, dep, *load, *ob;
  int harr; /* rs__fhour(arr), once per stop */
  int d0, d1; /* the stations ahead in the direction: the only ones a cohort here holds */
} rs__fstop;

/* Board fraction FR of cohort C's destinations served by the stop. */
static int rs__board_cohort(rs__fluid *f, rs__fstop *x, rs__cohort *c, double fr,
                            rs__day_result *res) {
  int nst = f->nst;
  const rs__stop *base = &x->tt->stops[x->tt->runs[x->run].first_stop];
  /* room for a boarding per destination, once */
  if (rs__fgrow((void **)&f->bd, &f->cap_bd, f->nbd + nst, sizeof *f->bd) != RS_OK) return RS_ENOMEM;
  for (int d = x->d0; d < x->d1; d++) {
    if (x->so[d] <= x->k || c->m[d] <= 0) continue;
    double bm = c->m[d] * fr, bt = c->mt[d] * fr;
    /* Wait until the train is in: 0 for those who came during the dwell (only
     * the cohort this stop cut holds any); a fraction boards as a whole. */
    double w = c->born == x->sidx ? c->w0[d] * fr : rs__fmax(0, x->arr * bm - bt);
    c->w0[d] -= c->w0[d] * fr;
    double ride = bm * base[x->so[d]].arr_s - (w + bt);
    size_t od = (size_t)x->station * (size_t)nst + (size_t)d;
    /* Those who met a failed trip (rs__plan): for learning only. */
    double gm = 0, gt = 0, fe = f->plan && c->t0 < x->arr
                                      ? rs__plan_failed_until(f->plan, od, c->t0, c->t1, x->arr, &f->pcur[od])
                                      : c->t0;
    if (fe > c->t0) {
      rs__fluid_mass(f, od, c->t0, fe, 0, &gm, &gt, NULL);
      double scale = c->m0[d] > 0 ? bm / c->m0[d] : 0;
      gm *= scale;
      gt *= scale;
      f->gaveup[od] += gm;
    }
    f->wait_s[od] += rs__fmax(0, w - (x->arr * gm - gt));
    res->wait_sum_s += w;
    res->ride_sum_s += ride;
    res->passenger_km += bm * fabs(x->net->st[d].km - x->net->st[x->station].km);
    res->board[x->station * RS__HOURS + x->harr] += bm;
    x->ob[d] += bm;
    *x->load += bm;
    c->m[d] -= bm;
    c->mt[d] -= bt;
    c->total -= bm;
    f->bd[f->nbd++] = (rs__fluid_board){x->run, x->station, d, bm - gm};
  }
  return RS_OK;
}

/* Alight, then board first-in-first-out up to the capacity left. */
static int rs__fluid_stop(rs__fluid *f, rs__fstop *x, double capacity, rs__day_result *res) {
  int s = x->station, dir = x->tt->runs[x->run].dir;
  double nal = x->ob[s];
  if (nal > 0) {
    x->ob[s] = 0;
    *x->load -= nal;
    res->alight[s * RS__HOURS + x->harr] += nal;
    res->delivered += nal;
  }
  res->stop_alight[x->sidx] = nal;
  /* Nobody boards at a train's last stop: its arrivals wait for the next. */
  if (x->k + 1 >= x->tt->runs[x->run].nstops) {
    res->stop_load[x->sidx] = *x->load;
    return RS_OK;
  }
  int rc = rs__fluid_cut(f, s, dir, x->arr, x->dep, x->sidx);
  x->d0 = dir == RS__DOWN ? s + 1 : 0; /* as rs__fluid_cut fills a cohort */
  x->d1 = dir == RS__DOWN ? f->nst : s;
  if (rc != RS_OK) return rc;
  rs__cqueue *q = &f->q[s * RS__NDIR + dir];
  double before = *x->load, denied = 0;
  for (int i = q->head; i < q->tail; i++) {
    rs__cohort *c = &f->co[q->ix[i]];
    rs__cohort_bind(f, q->ix[i]);
    double elig = 0;
    for (int d = x->d0; d < x->d1; d++) /* the others hold zeros: adding them changed nothing */
      if (x->so[d] > x->k) elig += c->m[d];
    if (!(elig > 0)) continue;
    double room = capacity - *x->load;
    double fr = room <= 0 ? 0 : elig <= room ? 1 : room / elig;
    if (fr > 0 && (rc = rs__board_cohort(f, x, c, fr, res)) != RS_OK) return rc;
    if (fr < 1) { /* who was left behind by a full train */
      for (int d = x->d0; d < x->d1; d++) {
        if (x->so[d] <= x->k || !(c->m[d] > 0)) continue;
        f->denied[(size_t)s * (size_t)f->nst + (size_t)d] += c->m[d];
        denied += c->m[d];
      }
      if (fr > 0) *x->load = capacity; /* exact, whatever the rounding */
    }
  }
  while (q->head < q->tail && !(f->co[q->ix[q->head]].total > 1e-12)) q->head++;
  res->stop_board[x->sidx] = *x->load - before;
  res->stop_denied[x->sidx] = denied;
  res->stop_load[x->sidx] = *x->load;
  res->denied_boardings += denied;
  return RS_OK;
}

static int rs__fev_cmp(const void *a, const void *b) {
  const rs__fev *x = a, *y = b;
  if (x->t != y->t) return x->t < y->t ? -1 : 1;
  if (x->run != y->run) return x->run < y->run ? -1 : 1;
  return (x->k > y->k) - (x->k < y->k);
}

/* Section loads after a stop, as the passenger engine records them. */
static void rs__fluid_sections(const rs__fstop *x, double capacity, rs__day_result *res) {
  const rs__run *run = &x->tt->runs[x->run];
  if (x->k + 1 >= run->nstops) return;
  int nst = res->nst, s = x->station, ns = x->tt->stops[x->sidx + 1].station;
  int a = s < ns ? s : ns, b = s < ns ? ns : s, h = rs__fhour(x->dep);
  for (int sec = a; sec < b; sec++) {
    size_t ix = ((size_t)run->dir * (size_t)(nst - 1) + (size_t)sec) * RS__HOURS + (size_t)h;
    res->sec_pax[ix] += *x->load;
    res->sec_trains[ix] += 1;
  }
  double lf = *x->load / capacity;
  if (lf > res->max_load_factor) res->max_load_factor = lf;
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

static int rs__fluid_prepare(rs__fluid *f, const rs__day_tt *tt, int *nev) {
  int nst = f->nst, rc;
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
  if (tt->nruns > f->cap_runs) {
    int cap = tt->nruns + 16;
    double *ob = realloc(f->onboard, (size_t)cap * (size_t)nst * sizeof *ob);
    if (ob) f->onboard = ob;
    double *ld = realloc(f->load, (size_t)cap * sizeof *ld);
    if (ld) f->load = ld;
    if (!ob || !ld) return RS_ENOMEM;
    f->cap_runs = cap;
  }
  memset(f->onboard, 0, (size_t)tt->nruns * (size_t)nst * sizeof *f->onboard);
  memset(f->load, 0, (size_t)tt->nruns * sizeof *f->load);
  *nev = n;
  return RS_OK;
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
      for (int i = q->head; i < q->tail; i++) {
        rs__cohort_bind(f, q->ix[i]);
        const rs__cohort *c = &f->co[q->ix[i]];
        for (int d = 0; d < nst; d++) {
          if (!(c->m[d] > 0)) continue;
          f->stranded[(size_t)s * (size_t)nst + (size_t)d] += c->m[d];
          res->stranded += c->m[d];
        }
      }
      q->head = q->tail;
    }
  return RS_OK;
}

int rs__fluid_run_day(rs__fluid *f, const rs__network *net, const rs__day_tt *tt,
                      const rs__day_demand *dd, double capacity, rs__day_result *res) {
  if (!f || !net || !tt || !dd || !res) return RS_EINVAL;
  int nst = f->nst, nev = 0, rc;
  if (net->nst != nst || res->nst != nst || (tt->nruns > 0 && tt->nst != nst)) return RS_EINVAL;
  if (!(capacity > 0) || dd->trips || dd->ntrips > 0) return RS_EINVAL;
  /* room first: the reset zeroes every stop's figures (cap_stops of them) */
  rc = rs__day_result_reserve_stops(res, tt->nstops);
  rs__day_result_reset(res);
  if (rc != RS_OK) return rc;
  if ((rc = rs__fluid_prepare(f, tt, &nev)) != RS_OK) return rc;
  if ((rc = rs__fluid_rates(f, dd, res)) != RS_OK) return rc;
  for (int i = 0; i < nev; i++) {
    const rs__run *run = &tt->runs[f->ev[i].run];
    rs__fstop x = {tt, net, f->ev[i].run, f->ev[i].k, run->first_stop + f->ev[i].k, 0,
                   tt->stop_of + (size_t)f->ev[i].run * (size_t)nst, 0, 0,
                   &f->load[f->ev[i].run], f->onboard + (size_t)f->ev[i].run * (size_t)nst, 0, 0, 0};
    x.station = tt->stops[x.sidx].station;
    x.arr = tt->stops[x.sidx].arr_s;
    x.harr = rs__fhour(x.arr);
    x.dep = tt->stops[x.sidx].dep_s;
    if ((rc = rs__fluid_stop(f, &x, capacity, res)) != RS_OK) return rc;
    rs__fluid_sections(&x, capacity, res);
  }
  if ((rc = rs__fluid_strand(f, res)) != RS_OK) return rc;
  /* Every passenger accounted for, up to rounding of the integrals. */
  double gap = res->generated - res->delivered - res->stranded;
  if (fabs(gap) > 1e-6 * (res->generated + 1)) return RS_EINTERNAL;
  return RS_OK;
}
