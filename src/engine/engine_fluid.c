/* The expected-value engine (engine_fluid.h, docs/engine.md): the passenger
 * engine's rules applied to the expected arrivals, as cohorts of fluid. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine_fluid_impl.h"

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
  f->scratch = calloc((size_t)nst * RS__COHORT_ARRAYS, sizeof *f->scratch);
  if (!f->scratch || !f->rate || !f->gen || !f->wait_s || !f->stranded || !f->denied || !f->gaveup || !f->pcur || !f->q ||
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
  free(f->scratch);
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
    free(h->lin);
    free(h->pkey);
    free(h->fail);
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

void rs__fluid_set_linear(rs__fluid *f, int on) { f->cohorts_only = !on; }

int rs__fluid_ran_linear(const rs__fluid *f) { return f->ran_linear; }

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

double rs__plan_failed_until(const rs__plan *p, size_t k, double t0, double t1, double t, int *cur) {
  double hi = rs__fmin(t1, t - p->give_up_s[k]);
  if (!(hi > t0)) return t0;
  int n = p->n[k];
  if (n == 0) return hi;
  int j = rs__plan_next_from(p, k, t - 1e-6, cur); /* the first planned at or after the boarding */
  if (j == n) return hi;                 /* after the last planned train: all failed */
  double last = j > 0 ? p->dep[p->off[k] + j - 1] : -INFINITY; /* the last planned before */
  return rs__fmax(t0, rs__fmin(hi, last));
}

int rs__fgrow(void **p, int *cap, int n, size_t size) {
  if (n <= *cap) return RS_OK;
  int c = n + n / 2 + 16;
  void *q = realloc(*p, (size_t)c * size);
  if (!q) return RS_ENOMEM;
  *p = q;
  *cap = c;
  return RS_OK;
}

const rs__fluid_board *rs__fluid_boardings(const rs__fluid *f, int *n) {
  *n = f->nbd;
  return f->bd;
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

/* The figures of cohort CI (rs__cohort_fig), in the pool (which may move). */
static inline double *rs__cofig(const rs__fluid *f, int ci) {
  return f->pool + (size_t)ci * RS__COHORT_ARRAYS * (size_t)f->nst;
}

/* The figures of the arrivals at station S, direction DIR over the NG pieces
 * G into FIG (rs__cohort_fig; only the stations ahead in the direction:
 * nothing reads the others'); returns their total mass. */
RS__STEP double rs__fluid_figs(const rs__fluid *f, int s, int dir, const rs__fseg *g, int ng,
                               double *fig) {
  int nst = f->nst, d0 = dir == RS__DOWN ? s + 1 : 0, d1 = dir == RS__DOWN ? nst : s;
  double total = 0;
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
  return total;
}

/* Room in the pool for one more cohort. */
static int rs__fluid_pool_room(rs__fluid *f) {
  if (f->nco < f->cap_co) return RS_OK;
  int cap = f->cap_co * 2 + 64;
  rs__cohort *c = realloc(f->co, (size_t)cap * sizeof *c);
  if (!c) return RS_ENOMEM;
  f->co = c;
  double *p = realloc(f->pool, (size_t)cap * RS__COHORT_ARRAYS * (size_t)f->nst * sizeof *p);
  if (!p) return RS_ENOMEM;
  f->pool = p;
  f->cap_co = cap;
  return RS_OK;
}

/* Cohort f->nco, its figures in the pool: the arrivals of queue Q in
 * [q->cut, T) cut by the stop BORN, TOTAL of them, queued when anything
 * arrived. */
static inline int rs__fluid_enqueue(rs__fluid *f, rs__cqueue *q, double t, int born, double total) {
  rs__cohort *c = &f->co[f->nco];
  c->t0 = q->cut;
  c->t1 = t;
  c->born = born;
  c->total = total;
  q->cut = t;
  if (c->total <= 0) return RS_OK; /* nothing arrived: no cohort */
  if (q->tail == q->cap) {
    int rc = rs__fgrow((void **)&q->ix, &q->cap, q->cap + 1, sizeof *q->ix);
    if (rc != RS_OK) return rc;
  }
  q->ix[q->tail++] = f->nco;
  f->nco++;
  return RS_OK;
}

/* A new cohort of station S, direction DIR: the arrivals in [q->cut, T)
 * (T after q->cut), cut by the stop BORN, over the NG pieces G of that span. */
static inline int rs__fluid_cohort(rs__fluid *f, int s, int dir, double t, int born,
                                   const rs__fseg *g, int ng) {
  int rc = rs__fluid_pool_room(f);
  if (rc != RS_OK) return rc;
  double total = rs__fluid_figs(f, s, dir, g, ng, rs__cofig(f, f->nco));
  return rs__fluid_enqueue(f, &f->q[s * RS__NDIR + dir], t, born, total);
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

void rs__fluid_gaveup(rs__fluid *f, const rs__cohort *c, size_t od, double fe, double bm, double m0,
                      double *gm, double *gt) {
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
 * additions in the same order, without a store and a load each. WHOLE (a
 * constant at each call, so each is compiled for its case): C is the cohort
 * the stop just cut, boarding whole (FR 1, its own waits) and never read
 * again (rs__fluid_cut_board), so its figures are not updated; x * 1 is x,
 * so the numbers are those of the general case. */
RS__STEP int rs__board(rs__fluid *f, rs__fstop *x, rs__cohort *c, double *fig, double fr, int whole,
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
  int own = whole || c->born == x->sidx, ne = x->ne, nbd = f->nbd, run = x->run, station = x->station;
  rs__fluid_board *bd = f->bd;
  for (int e = 0; e < ne; e++) {
    int d = el_d[e];
    double *p = fig + RS__COHORT_ARRAYS * d;
    if (p[RS__CM] <= 0) continue;
    double bm = whole ? p[RS__CM] : p[RS__CM] * fr, bt = whole ? p[RS__CMT] : p[RS__CMT] * fr;
    double w = own ? (whole ? p[RS__CW0] : p[RS__CW0] * fr) : rs__fmax(0, arr * bm - bt);
    if (!whole) p[RS__CW0] -= p[RS__CW0] * fr;
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
    if (!whole) {
      p[RS__CM] -= bm;
      p[RS__CMT] -= bt;
      total -= bm;
    }
    bd[nbd].run = run;
    bd[nbd].origin = station;
    bd[nbd].dest = d;
    bd[nbd++].mass = bm - gm;
  }
  f->nbd = nbd;
  *x->load = load;
  if (!whole) c->total = total;
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
    if (fr > 0 && (rc = rs__board(f, x, c, fig, fr, 0, res)) != RS_OK) return rc;
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

/* Cut the arrivals since the last train at stop P (queue Q) and board
 * first-in-first-out. The common case first: nobody left waiting, every
 * station ahead served and room for all who came: the new cohort boards whole
 * and, emptied, would have no effect on anything after (a cohort whose
 * figures are all 0 boards nothing, is refused nothing, strands nothing), so
 * it is boarded from scratch figures and never queued: the same operations
 * on the same numbers as through the queue, without the queue. */
RS__STEP int rs__fluid_cut_board(rs__fluid *f, const rs__fsched *h, const rs__fsstop *p, rs__fstop *x,
                                 rs__cqueue *q, double capacity, rs__day_result *res,
                                 double *denied) {
  int rc;
  if (p->cut && p->all && q->head == q->tail) {
    double total = rs__fluid_figs(f, p->station, p->dir, h->sg + p->sg, p->nsg, f->scratch);
    double room = capacity - *x->load;
    if (total > 0 && room > 0 && total <= room) {
      rs__cohort c = {q->cut, p->dep, total, p->sidx};
      q->cut = p->dep;
      return rs__board(f, x, &c, f->scratch, 1, 1, res);
    }
    if (!(total > 0)) { /* nothing arrived: no cohort, nobody boards */
      q->cut = p->dep;
      return RS_OK;
    }
    if ((rc = rs__fluid_pool_room(f)) != RS_OK) return rc;
    memcpy(rs__cofig(f, f->nco), f->scratch, (size_t)f->nst * RS__COHORT_ARRAYS * sizeof *f->scratch);
    if ((rc = rs__fluid_enqueue(f, q, p->dep, p->sidx, total)) != RS_OK) return rc;
  } else if (p->cut &&
             (rc = rs__fluid_cohort(f, p->station, p->dir, p->dep, p->sidx, h->sg + p->sg, p->nsg)) != RS_OK) {
    return rc;
  }
  return rs__fluid_board_queue(f, x, p->station, q, capacity, res, denied);
}

/* Stop P of schedule H: alight, cut the arrivals since the last train, board
 * first-in-first-out up to the capacity left, and record the section loads
 * after the stop as the passenger engine does. */
RS__STEP int rs__fluid_stop(rs__fluid *f, const rs__fsched *h, const rs__fsstop *p, double capacity,
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
  double before = *x.load, denied = 0;
  rs__cqueue *q = &f->q[s * RS__NDIR + p->dir];
  if ((rc = rs__fluid_cut_board(f, h, p, &x, q, capacity, res, &denied)) != RS_OK) return rc;
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

/* The day's start: sums, queues and trains emptied, the day's rates, its
 * schedule into *H, the distances. */
static int rs__fluid_day_start(rs__fluid *f, const rs__network *net, const rs__day_tt *tt,
                               const rs__day_demand *dd, rs__day_result *res, rs__fsched **h) {
  int nst = f->nst;
  int rc = rs__day_result_reserve_stops(res, tt->nstops);
  rs__day_result_reset_sums(res);
  if (rc == RS_OK) rc = rs__fluid_day_reset(f, tt);
  if (rc == RS_OK) rc = rs__fluid_rates(f, dd, res); /* before the schedule: the flat window */
  if (rc == RS_OK) rc = rs__fluid_sched(f, tt, h);
  rs__fluid_reset_stops(rc == RS_OK && (*h)->tiled ? tt->nstops : 0, res);
  if (rc != RS_OK) return rc;
  for (int o = 0; o < nst; o++)
    for (int d = 0; d < nst; d++) f->kmd[o * nst + d] = fabs(net->st[d].km - net->st[o].km);
  return RS_OK;
}

/* The day by cohorts, or by the linear day when the schedule allows and
 * every train has room (engine_fluid_linear.c: the same figures, the day's
 * sums of waits, rides and passenger-km to their last digits); a day with a
 * train without room starts again by cohorts. */
static int rs__fluid_day_stops(rs__fluid *f, const rs__network *net, const rs__day_tt *tt,
                               const rs__day_demand *dd, double capacity, rs__day_result *res,
                               rs__fsched *h) {
  int rc;
  f->ran_linear = 0;
  if (h->linear && !f->cohorts_only) {
    if ((rc = rs__fluid_linear_fails(f, h)) != RS_OK) return rc;
    rc = rs__fluid_linear_day(f, h, capacity, res);
    f->ran_linear = rc == RS_OK;
    if (rc != RS__FLUID_FULL) return rc;
    /* the day again: every train emptied (ob_zero is 0: all rows zeroed) */
    if ((rc = rs__fluid_day_start(f, net, tt, dd, res, &h)) != RS_OK) return rc;
    f->ob_zero = 0; /* until the day ends, as before */
  }
  for (int i = 0; i < h->nps; i++)
    if ((rc = rs__fluid_stop(f, h, &h->ps[i], capacity, res)) != RS_OK) return rc;
  return RS_OK;
}

int rs__fluid_run_day(rs__fluid *f, const rs__network *net, const rs__day_tt *tt,
                      const rs__day_demand *dd, double capacity, rs__day_result *res) {
  if (!f || !net || !tt || !dd || !res) return RS_EINVAL;
  int nst = f->nst, rc;
  if (net->nst != nst || res->nst != nst || (tt->nruns > 0 && tt->nst != nst)) return RS_EINVAL;
  if (!(capacity > 0) || dd->trips || dd->ntrips > 0) return RS_EINVAL;
  rs__fsched *h = NULL;
  if ((rc = rs__fluid_day_start(f, net, tt, dd, res, &h)) != RS_OK) return rc;
  int ob_zero = f->ob_zero;
  f->ob_zero = 0; /* until the day ends */
  if ((rc = rs__fluid_day_stops(f, net, tt, dd, capacity, res, h)) != RS_OK) return rc;
  f->ob_zero = ob_zero;
  if ((rc = rs__fluid_strand(f, res)) != RS_OK) return rc;
  /* Every passenger accounted for, up to rounding of the integrals. */
  double gap = res->generated - res->delivered - res->stranded;
  if (fabs(gap) > 1e-6 * (res->generated + 1)) return RS_EINTERNAL;
  return RS_OK;
}
