/* The intraday engine: fixed Δt steps over one service day, every passenger an
 * individual (docs/engine.md). Workspaces live in rs__engine and only grow, so
 * after the first day a run allocates nothing. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "engine/engine_fluid.h"
#include "engine/fastrng.h"

/* FIFO of passenger indices waiting at one (station, direction), in arrival
 * order. Live entries are q[head..tail). */
typedef struct rs__queue {
  int *q;
  int head, tail, cap;
} rs__queue;

/* One train stop, the unit of step (2). */
typedef struct rs__stopev {
  double t; /* dep_s of the stop */
  int run, k;
} rs__stopev;

typedef struct rs__tkey {
  double t;
  int row;
} rs__tkey;

/* One slot of an hour's alias table with both stream indices resolved, so
 * that an arrival's stream is one look-up (rs__gen_stream). */
typedef struct rs__slot {
  double p; /* kept with probability p */
  int keep, alias;
} rs__slot;

/* What an arrival of a stream copies, and the queue it joins. */
typedef struct rs__sarr {
  int origin, dest, purpose, queue;
} rs__sarr;

/* Per OD pair, what a boarding reads and adds, side by side so that the
 * boarding loop indexes one array where it indexed five (its registers ran
 * out); the sums go to rs__engine.od when the day's trains have run. */
typedef struct rs__odb {
  double give_up; /* the plan's give-up time, INFINITY without a plan */
  double dkm;     /* |km(dest) - km(origin)|, as a boarding adds it */
  double wait, failed, denied; /* RS__OD_WAIT, RS__OD_FAILED, RS__OD_DENIED */
} rs__odb;

struct rs__engine {
  int nst;
  rs__pax *pax;
  int npax, cap_pax;
  rs__queue *queues; /* [station * RS__NDIR + dir] */
  rs__stopev *ev;
  int cap_ev;
  int nev_sorted;    /* ev[0..nev_sorted) holds the last day's sorted stops */
  int *onboard;      /* [run * nst + station]: riders of the run bound there */
  double *load;      /* [run] */
  int cap_runs, cap_onboard_runs;
  /* Generated demand: streams split into hourly-profile and flat ones. */
  int *hourly, *flat;
  double *alias_p;   /* [hour * nhourly + j]: Walker alias table per hour */
  int *alias_k;
  rs__slot *slots;   /* [hour * nhourly + j]: the same, streams resolved */
  rs__sarr *sarr;    /* [stream]: what its arrivals copy */
  int *work;         /* 2 * cap_streams: alias construction lists */
  double *cum_f;     /* [j]: cumulative rate per second of the flat streams */
  int cap_streams;
  rs__tkey *tkeys;
  int cap_trips;
  rs__zig zig; /* the exponential's tables, built once */
  rs__odb *odb; /* [origin * nst + dest], set up each day */
  /* Per OD pair, summed as the day runs (rs__engine_od): od + j * nst * nst
   * holds n, wait_min, failed, denied, stranded for j = 0..4. */
  double *od;
  const rs__plan *plan; /* borrowed; NULL: no failed trips */
  unsigned *stream_n;   /* [stream]: today's arrivals (cap_streams), summed into od */
};

enum { RS__OD_N, RS__OD_WAIT, RS__OD_FAILED, RS__OD_DENIED, RS__OD_STRANDED, RS__OD_NSUMS };

rs__engine *rs__engine_alloc(int nst) {
  if (nst < 1) return NULL;
  rs__engine *e = calloc(1, sizeof *e);
  if (!e) return NULL;
  e->nst = nst;
  rs__zig_init(&e->zig);
  e->queues = calloc((size_t)nst * RS__NDIR, sizeof *e->queues);
  e->odb = calloc((size_t)nst * (size_t)nst, sizeof *e->odb);
  e->od = calloc((size_t)RS__OD_NSUMS * (size_t)nst * (size_t)nst, sizeof *e->od);
  if (!e->queues || !e->odb || !e->od) {
    free(e->queues);
    free(e->odb);
    free(e->od);
    free(e);
    return NULL;
  }
  return e;
}

void rs__engine_free(rs__engine *e) {
  if (!e) return;
  for (int i = 0; i < e->nst * RS__NDIR; i++) free(e->queues[i].q);
  free(e->queues);
  free(e->odb);
  free(e->od);
  free(e->stream_n);
  free(e->pax);
  free(e->ev);
  free(e->onboard);
  free(e->load);
  free(e->hourly);
  free(e->flat);
  free(e->alias_p);
  free(e->alias_k);
  free(e->slots);
  free(e->sarr);
  free(e->work);
  free(e->cum_f);
  free(e->tkeys);
  free(e);
}

const rs__pax *rs__engine_passengers(const rs__engine *e, int *n) {
  *n = e ? e->npax : 0;
  return e ? e->pax : NULL;
}

void rs__engine_set_plan(rs__engine *e, const rs__plan *plan) { e->plan = plan; }

rs__engine_od rs__engine_od_sums(const rs__engine *e) {
  size_t nod = (size_t)e->nst * (size_t)e->nst;
  return (rs__engine_od){e->od + RS__OD_N * nod, e->od + RS__OD_WAIT * nod,
                         e->od + RS__OD_FAILED * nod, e->od + RS__OD_DENIED * nod,
                         e->od + RS__OD_STRANDED * nod};
}

/* The sum J of OD pair (O, D). */
static inline double *rs__od_sum(rs__engine *e, int j, int o, int d) {
  size_t nst = (size_t)e->nst;
  return &e->od[((size_t)j * nst + (size_t)o) * nst + (size_t)d];
}

/* realloc P to hold N elements of SIZE when CAP is smaller. */
static int rs__grow(void **p, int *cap, int n, size_t size) {
  if (n <= *cap) return RS_OK;
  int c = n + n / 2 + 16;
  void *q = realloc(*p, (size_t)c * size);
  if (!q) return RS_ENOMEM;
  *p = q;
  *cap = c;
  return RS_OK;
}

static inline int rs__queue_push(rs__queue *Q, int v) {
  if (Q->tail == Q->cap) {
    if (Q->head > 0) { /* slide the live part down before growing */
      memmove(Q->q, Q->q + Q->head, (size_t)(Q->tail - Q->head) * sizeof *Q->q);
      Q->tail -= Q->head;
      Q->head = 0;
    }
    if (Q->tail == Q->cap) {
      int rc = rs__grow((void **)&Q->q, &Q->cap, Q->cap + 1, sizeof *Q->q);
      if (rc != RS_OK) return rc;
    }
  }
  Q->q[Q->tail++] = v;
  return RS_OK;
}

/* Stop order: time, then run index, then stop order (a total order). */
static inline int rs__stopev_before(const rs__stopev *x, const rs__stopev *y) {
  if (x->t != y->t) return x->t < y->t;
  if (x->run != y->run) return x->run < y->run;
  return x->k < y->k;
}

/* Sort N events in A with a bottom-up merge sort through TMP (N more), the
 * comparison inlined (qsort's callback cost a day more than the sort needs).
 * Returns where the sorted result is: A or TMP. */
static rs__stopev *rs__stopev_sort(rs__stopev *a, rs__stopev *tmp, int n) {
  for (int i = 1; i < n; i++) { /* short runs: insertion sort of blocks of 8 */
    if (i % 8 == 0) continue;
    rs__stopev x = a[i];
    int m = i;
    while (m % 8 != 0 && rs__stopev_before(&x, &a[m - 1])) {
      a[m] = a[m - 1];
      m--;
    }
    a[m] = x;
  }
  for (int w = 8; w < n; w *= 2) {
    for (int lo = 0; lo < n; lo += 2 * w) {
      int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      int i = lo, j = mid, o = lo;
      while (i < mid && j < hi) tmp[o++] = rs__stopev_before(&a[j], &a[i]) ? a[j++] : a[i++];
      while (i < mid) tmp[o++] = a[i++];
      while (j < hi) tmp[o++] = a[j++];
    }
    rs__stopev *t = a;
    a = tmp;
    tmp = t;
  }
  return a;
}

/* The sort key of a time >= 0: its IEEE bits, which order like the values
 * (-0 counted as +0). */
static inline uint64_t rs__tkey_bits(double t) {
  uint64_t u;
  if (t == 0) t = 0; /* -0 -> +0 */
  memcpy(&u, &t, sizeof u);
  return u;
}

/* Sort N keys in A by time, ties in their order in A (stable), through TMP (N
 * more): an LSD radix sort on the 8 bytes of the key, skipping the bytes all
 * keys share (a day's times share their high bytes). Returns where the result
 * is: A or TMP. O(n) where qsort with a callback was a fifth of a big replay. */
static rs__tkey *rs__tkey_sort(rs__tkey *a, rs__tkey *tmp, int n) {
  static const int nb = 8;
  size_t cnt[8][256];
  memset(cnt, 0, sizeof cnt);
  for (int i = 0; i < n; i++) {
    uint64_t u = rs__tkey_bits(a[i].t);
    for (int k = 0; k < nb; k++) cnt[k][(u >> (8 * k)) & 255]++;
  }
  for (int k = 0; k < nb; k++) {
    size_t *c = cnt[k], sum = 0;
    if (c[(rs__tkey_bits(a[0].t) >> (8 * k)) & 255] == (size_t)n) continue; /* one value */
    for (int v = 0; v < 256; v++) {
      size_t x = c[v];
      c[v] = sum;
      sum += x;
    }
    for (int i = 0; i < n; i++) tmp[c[(rs__tkey_bits(a[i].t) >> (8 * k)) & 255]++] = a[i];
    rs__tkey *t = a;
    a = tmp;
    tmp = t;
  }
  return a;
}

/* Hour 0-23 of a time of the service day; past midnight wraps (24:10 -> 0). */
static int rs__hour(double t) {
  if (!(t >= 0)) return 0;
  int h = (int)(t / 3600.0); /* exact at whole hours */
  return h < RS__HOURS ? h : h % RS__HOURS;
}

/* First j with cum[j] > x, clamped to n-1 against rounding. Zero-rate
 * entries (cum[j] == cum[j-1]) are never returned. */
static int rs__upper(const double *cum, int n, double x) {
  int lo = 0, hi = n - 1;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/* Per-day view of the inputs shared by the step functions. */
typedef struct rs__day_ctx {
  rs__engine *e;
  const rs__network *net;
  const rs__day_tt *tt;
  const rs__day_demand *dd;
  double step_s, capacity;
  rs__day_result *res;
  int nhourly, nflat;
  double tot_h[RS__HOURS]; /* total rate per second of the hourly streams */
  double flat_rate;       /* total per second of the flat streams */
  /* The arrival process of generated demand: Poisson with a total rate that is
   * constant on pieces (an hour of the profiles, cut by the flat window). */
  rs__fastrng g;
  double next;            /* time of the next arrival; INFINITY when none is left */
  double piece_end;       /* end of the current piece */
  double rate_h, rate;    /* hourly streams' and total rate per second in the piece */
  double inv_rate;        /* 1 / rate: the mean gap */
  double alias_scale;     /* nhourly / rate_h: a draw below rate_h to an alias slot */
  int hour, flat_on;      /* the piece's hour (-1 outside 0-24 h), flat streams on */
} rs__day_ctx;

static int rs__reserve_pax(rs__engine *e, int n) {
  return rs__grow((void **)&e->pax, &e->cap_pax, n, sizeof *e->pax);
}

/* A new waiting passenger at the end of the pax array (counted by the caller:
 * generated ones per stream, rs__count_generated). */
static rs__pax *rs__new_pax(rs__day_ctx *c, int origin, int dest, int purpose, double t,
                            int row) {
  rs__pax *p = &c->e->pax[c->e->npax++];
  p->arrival_s = t;
  p->boarded_s = p->alighted_s = NAN;
  p->origin = origin;
  p->dest = dest;
  p->purpose = purpose;
  p->denied = 0;
  p->status = 0;
  p->trip_row = row;
  p->run = -1;
  return p;
}

static inline int rs__enqueue(rs__day_ctx *c, int i) {
  const rs__pax *p = &c->e->pax[i];
  int dir = p->dest > p->origin ? RS__DOWN : RS__UP;
  return rs__queue_push(&c->e->queues[p->origin * RS__NDIR + dir], i);
}

/* Walker's alias table (Vose's construction) over N rates Q summing to TOT,
 * in place: afterwards index i is kept with probability Q[i], else K[i]. */
static void rs__alias_build(double *q, int *k, int n, double tot, int *work) {
  int *small = work, *large = work + n, ns = 0, nl = 0;
  for (int j = 0; j < n; j++) {
    q[j] = q[j] * n / tot;
    k[j] = j;
    if (q[j] < 1) small[ns++] = j;
    else large[nl++] = j;
  }
  while (ns > 0 && nl > 0) {
    int l = small[--ns], g = large[nl - 1];
    k[l] = g;
    q[g] = (q[g] + q[l]) - 1;
    if (q[g] < 1) {
      nl--;
      small[ns++] = g;
    }
  }
  while (nl > 0) q[large[--nl]] = 1;
  while (ns > 0) q[small[--ns]] = 1; /* rounding leftovers */
}

/* Room in the stream tables (they share one capacity) for NS streams. */
static int rs__reserve_streams(rs__engine *e, int ns) {
  if (ns <= e->cap_streams) return RS_OK;
  size_t cap = (size_t)ns + 8;
  int *hr = realloc(e->hourly, cap * sizeof *hr);
  if (hr) e->hourly = hr;
  int *fl = realloc(e->flat, cap * sizeof *fl);
  if (fl) e->flat = fl;
  double *cf = realloc(e->cum_f, cap * sizeof *cf);
  if (cf) e->cum_f = cf;
  double *ap = realloc(e->alias_p, cap * RS__HOURS * sizeof *ap);
  if (ap) e->alias_p = ap;
  int *ak = realloc(e->alias_k, cap * RS__HOURS * sizeof *ak);
  if (ak) e->alias_k = ak;
  rs__slot *sl = realloc(e->slots, cap * RS__HOURS * sizeof *sl);
  if (sl) e->slots = sl;
  rs__sarr *sa = realloc(e->sarr, cap * sizeof *sa);
  if (sa) e->sarr = sa;
  int *wk = realloc(e->work, 2 * cap * sizeof *wk);
  if (wk) e->work = wk;
  unsigned *sn = realloc(e->stream_n, cap * sizeof *sn);
  if (sn) e->stream_n = sn;
  if (!hr || !fl || !cf || !ap || !ak || !sl || !sa || !wk || !sn) return RS_ENOMEM;
  e->cap_streams = (int)cap;
  return RS_OK;
}

/* Split the streams and tabulate rates once per day. */
static int rs__prepare_streams(rs__day_ctx *c, double *expected) {
  rs__engine *e = c->e;
  const rs__day_demand *dd = c->dd;
  int ns = dd->nstreams;
  int rc = rs__reserve_streams(e, ns);
  if (rc != RS_OK) return rc;
  c->nhourly = c->nflat = 0;
  *expected = 0;
  if (ns > 0) memset(e->stream_n, 0, (size_t)ns * sizeof *e->stream_n);
  for (int k = 0; k < ns; k++) {
    const rs__stream *s = &dd->streams[k];
    if (s->origin < 0 || s->origin >= e->nst || s->dest < 0 || s->dest >= e->nst ||
        s->origin == s->dest || s->purpose < 0 || s->purpose >= RS_NPURPOSE ||
        !(s->trips >= 0) || !isfinite(s->trips))
      return RS_EINVAL;
    int dir = s->dest > s->origin ? RS__DOWN : RS__UP;
    e->sarr[k] = (rs__sarr){s->origin, s->dest, s->purpose, s->origin * RS__NDIR + dir};
    if (s->trips == 0) continue;
    if (s->hour_w) e->hourly[c->nhourly++] = k;
    else e->flat[c->nflat++] = k;
    *expected += s->trips;
  }
  double per_s = 1.0 / 3600.0;
  int nh = c->nhourly;
  for (int h = 0; h < RS__HOURS; h++) {
    double *q = e->alias_p + h * nh;
    double tot = 0;
    for (int j = 0; j < nh; j++) {
      const rs__stream *s = &dd->streams[e->hourly[j]];
      double w = s->hour_w[h];
      if (!(w >= 0) || !isfinite(w)) return RS_EINVAL;
      q[j] = s->trips * w * per_s;
      tot += q[j];
    }
    c->tot_h[h] = tot;
    if (tot > 0) rs__alias_build(q, e->alias_k + h * nh, nh, tot, e->work);
    for (int j = 0; tot > 0 && j < nh; j++)
      e->slots[h * nh + j] = (rs__slot){q[j], e->hourly[j], e->hourly[e->alias_k[h * nh + j]]};
  }
  double span = dd->flat_to_s - dd->flat_from_s, cum = 0;
  if (c->nflat > 0 && !(span > 0)) return RS_EINVAL;
  for (int j = 0; j < c->nflat; j++) {
    cum += dd->streams[e->flat[j]].trips / span;
    e->cum_f[j] = cum;
  }
  c->flat_rate = cum;
  return RS_OK;
}

/* The piece of constant total rate that starts at T: up to the next hour or
 * edge of the flat window, whichever is first. */
static void rs__gen_piece(rs__day_ctx *c, double t) {
  const rs__day_demand *dd = c->dd;
  int h = t >= 0 && t < RS__HOURS * 3600.0 ? (int)(t / 3600.0) : -1;
  double end = t < 0 ? 0 : h >= 0 ? (h + 1) * 3600.0 : INFINITY;
  int flat = c->nflat > 0 && t >= dd->flat_from_s && t < dd->flat_to_s;
  if (c->nflat > 0 && dd->flat_from_s > t && dd->flat_from_s < end) end = dd->flat_from_s;
  if (c->nflat > 0 && dd->flat_to_s > t && dd->flat_to_s < end) end = dd->flat_to_s;
  c->hour = h;
  c->flat_on = flat;
  c->rate_h = h >= 0 ? c->tot_h[h] : 0;
  c->rate = c->rate_h + (flat ? c->flat_rate : 0);
  c->inv_rate = c->rate > 0 ? 1 / c->rate : 0;
  c->alias_scale = c->rate_h > 0 ? c->nhourly / c->rate_h : 0;
  c->piece_end = end;
}

/* The first arrival after T: an exponential gap at the piece's rate; a gap
 * that crosses the piece's end restarts from the end at the next rate (the
 * process is memoryless, so this is exact). */
static void rs__gen_next(rs__day_ctx *c, double t) {
  while (t < INFINITY) {
    if (t >= c->piece_end) rs__gen_piece(c, t);
    if (c->rate > 0) {
      double x = t + rs__fastrng_exp(&c->g, &c->e->zig) * c->inv_rate;
      if (x < c->piece_end) {
        c->next = x;
        return;
      }
    }
    t = c->piece_end;
  }
  c->next = INFINITY;
}

/* The current piece's figures that the arrival loop reads, copied out of the
 * context: in locals the compiler holds them in registers through the loop's
 * stores to the passengers and queues, where it reloaded them from the
 * context (it cannot prove those stores do not alias it). This and drawing
 * the next arrival inside the loop took a fifth off a year's instructions. */
typedef struct rs__genp {
  double rate, rate_h;  /* total and hourly streams' rates per second */
  double hcut;          /* a draw below it is an hourly stream's: rate_h when the
                         * flat streams are on, else INFINITY (every draw) */
  double scale, inv;    /* alias_scale and inv_rate of rs__day_ctx */
  double end;           /* piece_end */
  const rs__slot *slots; /* the piece's hour's alias table */
  int nh1, flat_on;     /* the last slot, nhourly - 1 */
} rs__genp;

static inline rs__genp rs__genp_of(const rs__day_ctx *c) {
  size_t off = c->hour >= 0 ? (size_t)c->hour * (size_t)c->nhourly : 0;
  return (rs__genp){c->rate,       c->rate_h,         c->flat_on ? c->rate_h : INFINITY,
                    c->alias_scale, c->inv_rate,       c->piece_end,
                    c->e->slots + off, c->nhourly - 1, c->flat_on};
}

/* The stream of an arrival in piece P (Poisson splitting): one uniform over
 * the total rate, an alias draw among the hourly streams or a search of the
 * flat streams' cumulative rates. */
static inline int rs__gen_stream(rs__fastrng *g, const rs__genp *p, const rs__day_ctx *c) {
  const rs__engine *e = c->e;
  double x = rs__fastrng_uniform(g) * p->rate;
  if (x < p->hcut) { /* !flat_on || x < rate_h: x is finite */
    double v = x * p->scale;
    int j = (int)v;
    j = j < p->nh1 ? j : p->nh1;
    const rs__slot *sl = &p->slots[j];
    return v - j < sl->p ? sl->keep : sl->alias;
  }
  return e->flat[rs__upper(e->cum_f, c->nflat, x - p->rate_h)];
}

/* Step (1) for generated demand: every arrival before T1 (all that are left
 * when LAST), each into its queue, already in time order. The generator and
 * the piece live in locals; the next arrival is drawn here while it falls in
 * the piece (rs__gen_next's first pass, the same draw and arithmetic), and
 * rs__gen_next is called only to cross into the next piece. */
static int rs__arrivals_generated(rs__day_ctx *c, double t1, int last) {
  rs__engine *e = c->e;
  double lim = last ? INFINITY : t1, t = c->next;
  if (!(t < lim)) return RS_OK;
  const rs__sarr *sarr = e->sarr;
  const rs__zig *zig = &e->zig;
  rs__queue *queues = e->queues;
  unsigned *stream_n = e->stream_n;
  rs__pax *pax = e->pax;
  int n = e->npax, cap = e->cap_pax, rc = RS_OK;
  rs__fastrng g = c->g;
  rs__genp p = rs__genp_of(c);
  while (t < lim) {
    if (n >= cap) { /* reserved for the day: a fallback */
      if ((rc = rs__reserve_pax(e, n + 1)) != RS_OK) break;
      pax = e->pax;
      cap = e->cap_pax;
    }
    int j = rs__gen_stream(&g, &p, c);
    const rs__sarr *s = &sarr[j];
    stream_n[j]++; /* counted per stream: rs__count_generated */
    /* Not boarded_s, alighted_s, status nor run: each passenger either boards
     * (rs__board) or is stranded (rs__strand_waiting) before the day ends, and
     * both write all four. */
    rs__pax *q = &pax[n++];
    q->arrival_s = t;
    q->origin = s->origin;
    q->dest = s->dest;
    q->purpose = s->purpose;
    q->denied = 0;
    q->trip_row = -1;
    if ((rc = rs__queue_push(&queues[s->queue], n - 1)) != RS_OK) break;
    /* The process is in piece P (an arrival was drawn in it, so its rate is > 0). */
    double x = t + rs__fastrng_exp(&g, zig) * p.inv;
    if (x < p.end) {
      t = x;
      continue;
    }
    c->g = g;
    rs__gen_next(c, p.end); /* as rs__gen_next(c, t) goes on from the piece's end */
    g = c->g;
    p = rs__genp_of(c);
    t = c->next;
  }
  c->g = g;
  c->next = t;
  e->npax = n;
  return rc;
}

/* The leg a run leaves stop SIDX for, with LOAD aboard: section loads and
 * trains (a non-stop run spans several sections) and the load factor. */
static void rs__record_leg(rs__day_ctx *c, const rs__run *run, int sidx, double load) {
  const rs__day_tt *tt = c->tt;
  rs__day_result *res = c->res;
  int nst = c->e->nst, s = tt->stops[sidx].station, ns = tt->stops[sidx + 1].station;
  int a = s < ns ? s : ns, b = s < ns ? ns : s, h = rs__hour(tt->stops[sidx].dep_s);
  for (int sec = a; sec < b; sec++) {
    size_t ix = ((size_t)run->dir * (size_t)(nst - 1) + (size_t)sec) * RS__HOURS + (size_t)h;
    res->sec_pax[ix] += load;
    res->sec_trains[ix] += 1;
  }
  double lf = load / c->capacity;
  if (lf > res->max_load_factor) res->max_load_factor = lf;
}

/* What one stop's boarding added up (rs__board). */
typedef struct rs__boarded {
  double ld, wsum, rsum, pkm;
  int nb, nd;
} rs__boarded;

/* Board the passengers of queue Q who arrived by the stop's departure, first
 * in first out, up to capacity; those not bound for the run's next stops, or
 * refused by a full train, stay in order. K0: the pair (station, 0) of the
 * od sums; HB: the hour of every boarding, -1 when it must be worked out per
 * passenger. What the loop reads is in locals: the compiler cannot keep it
 * in registers through the stores to the passengers, histogram and sums. */
static rs__boarded rs__board(rs__day_ctx *c, const rs__stopev *ev, const rs__run *run,
                             rs__queue *Q, size_t k0, int hb, double ld) {
  rs__engine *e = c->e;
  rs__day_result *res = c->res;
  rs__odb *odb = e->odb + k0;
  const rs__stop *stops = c->tt->stops + run->first_stop, *sp = &stops[ev->k];
  int s = sp->station, kev = ev->k, irun = ev->run;
  int *ob = e->onboard + (size_t)irun * (size_t)e->nst, *q = Q->q;
  const int *so = c->tt->stop_of + (size_t)irun * (size_t)e->nst;
  double dep = sp->dep_s, arr = sp->arr_s, capacity = c->capacity, maxw = -1;
  double *board = res->board + (size_t)s * RS__HOURS;
  unsigned *hist = res->wait_hist;
  rs__pax *pax = e->pax;
  double wsum = 0, rsum = 0, pkm = 0; /* added to RES once per stop (rs__process_stop) */
  int nb = 0, nd = 0;
  int i = Q->head, w = Q->head, tail = Q->tail;
  while (i < tail) {
    int pi = q[i];
    rs__pax *p = &pax[pi];
    double a = p->arrival_s;
    if (a > dep) break; /* the queue is in arrival order */
    int d = p->dest, kd = so[d];
    if (kd > kev) {
      if (ld < capacity) {
        double b = a > arr ? a : arr, al = stops[kd].arr_s;
        p->boarded_s = b;
        p->alighted_s = al;
        p->run = irun;
        p->status = RS__PAX_DELIVERED;
        ob[d]++;
        ld += 1;
        nb++;
        double wait = b - a;
        /* The bin: the wait up to the last bin (a NaN there too), truncated;
         * the top bin comes from the largest after the loop (bins grow with it). */
        double wc = wait < RS__WAIT_BINS - 1 ? wait : RS__WAIT_BINS - 1;
        hist[(int)wc]++;
        maxw = wc > maxw ? wc : maxw;
        wsum += wait;
        /* Learning's experience (rs__engine_od): a wait longer than the pair's
         * give-up time past the planned train is a failed trip. */
        rs__odb *o = &odb[d];
        if (wait > o->give_up && rs__plan_failed(e->plan, k0 + (size_t)d, a, b))
          o->failed += 1;
        else
          o->wait += wait / 60;
        rsum += al - b;
        pkm += o->dkm;
        if (hb < 0) board[rs__hour(b)] += 1;
        i++;
        continue;
      }
      p->denied++;
      odb[d].denied += 1;
      nd++;
    }
    q[w++] = pi; /* stays, in order */
    i++;
  }
  /* Kept ones are q[head..w), the boarded gap is q[w..i): move the kept block
   * up against i so the cost is the part scanned, not the whole queue. */
  if (i > w) {
    int kept = w - Q->head;
    if (kept > 0) memmove(q + i - kept, q + Q->head, (size_t)kept * sizeof *q);
    Q->head = i - kept;
  }
  if (maxw >= 0 && (int)maxw >= res->wait_top) res->wait_top = (int)maxw + 1;
  return (rs__boarded){ld, wsum, rsum, pkm, nb, nd};
}

/* Step (2) for one stop: alight, then board FIFO up to capacity. */
static void rs__process_stop(rs__day_ctx *c, const rs__stopev *ev) {
  rs__engine *e = c->e;
  const rs__day_tt *tt = c->tt;
  rs__day_result *res = c->res;
  int nst = e->nst;
  const rs__run *run = &tt->runs[ev->run];
  int sidx = run->first_stop + ev->k;
  const rs__stop *sp = &tt->stops[sidx];
  int s = sp->station;
  int *ob = e->onboard + (size_t)ev->run * (size_t)nst;
  double *load = &e->load[ev->run];

  int nal = ob[s];
  if (nal > 0) {
    ob[s] = 0;
    *load -= nal;
    res->alight[s * RS__HOURS + rs__hour(sp->arr_s)] += nal;
    res->delivered += nal;
  }
  res->stop_alight[sidx] = nal;

  /* Sums kept in locals (the compiler cannot keep them in registers through
   * RES); the hour of boarding is the stop's unless an hour starts in its dwell. */
  double dep = sp->dep_s, arr = sp->arr_s;
  int hb = rs__hour(arr) == rs__hour(dep) && dep - arr < 3600 ? rs__hour(arr) : -1;
  rs__boarded r = rs__board(c, ev, run, &e->queues[s * RS__NDIR + run->dir],
                            (size_t)s * (size_t)nst, hb, *load);
  *load = r.ld;
  res->wait_sum_s += r.wsum;
  res->ride_sum_s += r.rsum;
  res->passenger_km += r.pkm;
  if (hb >= 0) res->board[s * RS__HOURS + hb] += r.nb;
  res->stop_board[sidx] = r.nb;
  res->stop_denied[sidx] = r.nd;
  res->stop_load[sidx] = *load;
  res->denied_boardings += r.nd;

  if (ev->k + 1 < run->nstops) rs__record_leg(c, run, sidx, r.ld);
}

static int rs__check_step(double step_s, int *steps_per_hour) {
  if (!(step_s > 0) || step_s > 3600) return RS_EINVAL;
  double n = floor(3600.0 / step_s + 0.5);
  if (fabs(n * step_s - 3600.0) > 1e-9 * 3600.0) return RS_EINVAL;
  *steps_per_hour = (int)n;
  return RS_OK;
}

/* Whether the last day's sorted stops e->ev are today's: as many stops, each
 * (time, run, stop order) of the list one of today's (a timetable repeats from
 * one day of a type to the next; checking costs a pass, sorting a log more). */
static int rs__events_kept(const rs__engine *e, const rs__day_tt *tt) {
  int n = 0;
  for (int r = 0; r < tt->nruns; r++) n += tt->runs[r].nstops;
  if (n != e->nev_sorted || n == 0) return 0;
  for (int i = 0; i < n; i++) {
    const rs__stopev *v = &e->ev[i];
    if (v->run >= tt->nruns || v->k >= tt->runs[v->run].nstops ||
        tt->stops[tt->runs[v->run].first_stop + v->k].dep_s != v->t)
      return 0;
  }
  return 1;
}

/* Train stops of the day in time order (ties: run index, then stop order) into
 * e->ev, and the per-run load arrays sized and cleared. *NEV: the stop count. */
static int rs__prepare_stops(rs__engine *e, const rs__day_tt *tt, rs__day_result *res,
                             int *nev_out) {
  int nst = e->nst, rc;
  /* Zero already: reset clears them, growth comes zeroed. */
  if ((rc = rs__day_result_reserve_stops(res, tt->nstops)) != RS_OK) return rc;
  /* Twice the stops: the second half is the merge sort's scratch. */
  if ((rc = rs__grow((void **)&e->ev, &e->cap_ev, 2 * tt->nstops, sizeof *e->ev)) != RS_OK)
    return rc;
  int nev = rs__events_kept(e, tt) ? e->nev_sorted : 0;
  if (nev == 0) {
    e->nev_sorted = 0; /* until the new list is whole */
    for (int r = 0; r < tt->nruns; r++)
      for (int k = 0; k < tt->runs[r].nstops; k++) {
        double t = tt->stops[tt->runs[r].first_stop + k].dep_s;
        if (!isfinite(t)) return RS_EINVAL;
        e->ev[nev++] = (rs__stopev){t, r, k};
      }
    if (nev > 1 && rs__stopev_sort(e->ev, e->ev + nev, nev) != e->ev)
      memcpy(e->ev, e->ev + nev, (size_t)nev * sizeof *e->ev);
    e->nev_sorted = nev;
  }
  if ((rc = rs__grow((void **)&e->load, &e->cap_runs, tt->nruns, sizeof *e->load)) != RS_OK)
    return rc;
  if (tt->nruns > e->cap_onboard_runs) {
    int *ob = realloc(e->onboard, (size_t)e->cap_runs * (size_t)nst * sizeof *ob);
    if (!ob) return RS_ENOMEM;
    e->onboard = ob;
    e->cap_onboard_runs = e->cap_runs;
  }
  for (size_t i = 0; i < (size_t)tt->nruns * (size_t)nst; i++) e->onboard[i] = 0;
  for (int r = 0; r < tt->nruns; r++) e->load[r] = 0;
  *nev_out = nev;
  return RS_OK;
}

/* An explicit trip list: checked, sorted by time into e->tkeys, passengers
 * reserved; [*TMIN, *TMAX] widened to its times. */
static int rs__prepare_trips(rs__engine *e, const rs__day_demand *dd, double *tmin,
                             double *tmax) {
  int nst = e->nst, rc;
  /* Twice the trips: the second half is the radix sort's scratch. */
  if ((rc = rs__grow((void **)&e->tkeys, &e->cap_trips, 2 * dd->ntrips, sizeof *e->tkeys)) !=
      RS_OK)
    return rc;
  for (int i = 0; i < dd->ntrips; i++) {
    const rs__trip_row *tr = &dd->trips[i];
    if (tr->origin < 0 || tr->origin >= nst || tr->dest < 0 || tr->dest >= nst ||
        tr->origin == tr->dest || !isfinite(tr->time_s) || tr->time_s < 0)
      return RS_EINVAL;
    e->tkeys[i] = (rs__tkey){tr->time_s, i};
  }
  int n = dd->ntrips;
  if (n > 1 && rs__tkey_sort(e->tkeys, e->tkeys + n, n) != e->tkeys)
    memcpy(e->tkeys, e->tkeys + n, (size_t)n * sizeof *e->tkeys);
  if ((rc = rs__reserve_pax(e, dd->ntrips)) != RS_OK) return rc;
  if (dd->ntrips > 0) {
    *tmin = fmin(*tmin, e->tkeys[0].t);
    *tmax = fmax(*tmax, e->tkeys[dd->ntrips - 1].t);
  }
  return RS_OK;
}

/* Generated demand: the streams' rates, room for the day's passengers; *TMIN
 * from the first hour with demand, *KMAX_ARR the last step that can have an
 * arrival; the generator seeded from RNG and the first arrival drawn. */
static int rs__prepare_generated(rs__day_ctx *c, int sph, gsl_rng *rng, double *tmin,
                                 long *kmax_arr) {
  rs__engine *e = c->e;
  const rs__day_demand *dd = c->dd;
  double expected, step_s = c->step_s;
  int rc;
  if ((rc = rs__prepare_streams(c, &expected)) != RS_OK) return rc;
  if ((rc = rs__reserve_pax(e, (int)fmin(expected + 10 * sqrt(expected) + 256, 1e9))) != RS_OK)
    return rc;
  for (int h = 0; h < RS__HOURS; h++)
    if (c->tot_h[h] > 0) {
      *tmin = fmin(*tmin, h * 3600.0);
      *kmax_arr = (long)(h + 1) * sph - 1;
    }
  if (c->flat_rate > 0) {
    *tmin = fmin(*tmin, dd->flat_from_s);
    long kf = (long)ceil(dd->flat_to_s / step_s) - 1;
    if (kf > *kmax_arr) *kmax_arr = kf;
  }
  if (c->nhourly + c->nflat > 0 && isfinite(*tmin)) {
    rs__fastrng_seed(&c->g, rng);
    rs__gen_next(c, *tmin); /* no rate before *TMIN: the process may start there */
  }
  return RS_OK;
}

/* The fixed step loop, steps K0..K1: (1) arrivals, (2) train stops due in the
 * step in time order. The last step sweeps up anything rounding left over. */
static int rs__run_steps(rs__day_ctx *c, long k0, long k1, int nev) {
  rs__engine *e = c->e;
  const rs__day_demand *dd = c->dd;
  int explicit_trips = dd->trips != NULL || dd->ntrips > 0, ie = 0, it = 0, rc;
  for (long k = k0; k <= k1; k++) {
    double t1 = (double)(k + 1) * c->step_s;
    int last = k == k1;
    if (explicit_trips) {
      while (it < dd->ntrips && (e->tkeys[it].t < t1 || last)) {
        const rs__trip_row *tr = &dd->trips[e->tkeys[it].row];
        rs__new_pax(c, tr->origin, tr->dest, 0, tr->time_s, e->tkeys[it].row);
        c->res->generated += 1;
        c->res->by_purpose[0] += 1;
        *rs__od_sum(e, RS__OD_N, tr->origin, tr->dest) += 1;
        if ((rc = rs__enqueue(c, e->npax - 1)) != RS_OK) return rc;
        it++;
      }
    } else if ((rc = rs__arrivals_generated(c, t1, last)) != RS_OK) {
      return rc;
    }
    while (ie < nev && (e->ev[ie].t < t1 || last)) rs__process_stop(c, &e->ev[ie++]);
  }
  return RS_OK;
}

/* The generated passengers counted per stream while the day ran, added to
 * the day's, the purposes' and the pairs' counts (whole numbers: exact). */
static void rs__count_generated(rs__engine *e, const rs__day_demand *dd, rs__day_result *res) {
  for (int j = 0; j < dd->nstreams; j++) {
    const rs__stream *s = &dd->streams[j];
    double n = e->stream_n[j];
    res->generated += n;
    res->by_purpose[s->purpose] += n;
    *rs__od_sum(e, RS__OD_N, s->origin, s->dest) += n;
  }
}

/* (3) Whoever still waits after the last train is stranded. */
/* The last departure from STATION in direction DIR, -inf when none. */
static double rs__last_departure(const rs__day_tt *tt, int station, int dir) {
  double last = -INFINITY;
  for (int r = 0; r < tt->nruns; r++) {
    if (tt->runs[r].dir != dir) continue;
    for (int k = 0; k + 1 < tt->runs[r].nstops; k++) {
      const rs__stop *st = &tt->stops[tt->runs[r].first_stop + k];
      if (st->station == station && st->dep_s > last) last = st->dep_s;
    }
  }
  return last;
}

/* Whoever still waits is stranded; those who came after the last train had
 * left their station are counted apart (demand outside service hours). */
static void rs__strand_waiting(rs__engine *e, const rs__day_tt *tt, rs__day_result *res) {
  for (int q = 0; q < e->nst * RS__NDIR; q++) {
    rs__queue *Q = &e->queues[q];
    double last = Q->tail > Q->head ? rs__last_departure(tt, q / RS__NDIR, q % RS__NDIR) : 0;
    for (int i = Q->head; i < Q->tail; i++) {
      rs__pax *p = &e->pax[Q->q[i]];
      res->after_service += p->arrival_s > last;
      p->status = RS__PAX_STRANDED;
      p->boarded_s = p->alighted_s = NAN;
      p->run = -1;
      res->stranded += 1;
      *rs__od_sum(e, RS__OD_FAILED, p->origin, p->dest) += 1;
      *rs__od_sum(e, RS__OD_STRANDED, p->origin, p->dest) += 1;
    }
    Q->head = Q->tail = 0;
  }
}

/* The day's per-pair boarding records: the plan's give-up times, the
 * distances, the sums zero. */
static void rs__odb_start(rs__engine *e, const rs__network *net) {
  int nst = e->nst;
  for (int i = 0; i < nst; i++)
    for (int j = 0; j < nst; j++) {
      size_t k = (size_t)i * (size_t)nst + (size_t)j;
      double g = e->plan ? e->plan->give_up_s[k] : INFINITY;
      e->odb[k] = (rs__odb){g, fabs(net->st[j].km - net->st[i].km), 0, 0, 0};
    }
}

/* The boarding sums into the engine's od sums (zero until now: each is the
 * same sum, added in the same order). */
static void rs__odb_end(rs__engine *e) {
  size_t nod = (size_t)e->nst * (size_t)e->nst;
  for (size_t k = 0; k < nod; k++) {
    e->od[RS__OD_WAIT * nod + k] = e->odb[k].wait;
    e->od[RS__OD_FAILED * nod + k] = e->odb[k].failed;
    e->od[RS__OD_DENIED * nod + k] = e->odb[k].denied;
  }
}

int rs__engine_run_day(rs__engine *e, const rs__network *net, const rs__day_tt *tt,
                       const rs__day_demand *dd, double step_s, double capacity,
                       gsl_rng *rng, rs__day_result *res) {
  if (!e || !net || !tt || !dd || !res) return RS_EINVAL;
  int nst = e->nst, sph, rc, nev = 0;
  if (net->nst != nst || res->nst != nst || (tt->nruns > 0 && tt->nst != nst)) return RS_EINVAL;
  if ((rc = rs__check_step(step_s, &sph)) != RS_OK) return rc;
  if (!(capacity > 0)) return RS_EINVAL;
  int explicit_trips = dd->trips != NULL || dd->ntrips > 0;
  if (!explicit_trips && dd->nstreams > 0 && !rng) return RS_EINVAL;

  rs__day_result_reset(res);
  rs__odb_start(e, net);
  e->npax = 0;
  memset(e->od, 0, (size_t)RS__OD_NSUMS * (size_t)nst * (size_t)nst * sizeof *e->od);
  for (int q = 0; q < nst * RS__NDIR; q++) e->queues[q].head = e->queues[q].tail = 0;
  if ((rc = rs__prepare_stops(e, tt, res, &nev)) != RS_OK) return rc;

  /* No arrival until rs__prepare_generated draws one. */
  rs__day_ctx c = {.e = e, .net = net, .tt = tt, .dd = dd, .step_s = step_s,
                   .capacity = capacity, .res = res, .next = INFINITY, .piece_end = -INFINITY};
  /* Span of steps: first arrival or departure to the last of either. */
  double tmin = nev > 0 ? e->ev[0].t : INFINITY, tmax = nev > 0 ? e->ev[nev - 1].t : -INFINITY;
  long kmax_arr = -1;
  rc = explicit_trips ? rs__prepare_trips(e, dd, &tmin, &tmax)
                      : rs__prepare_generated(&c, sph, rng, &tmin, &kmax_arr);
  if (rc != RS_OK) return rc;
  if (isfinite(tmin)) {
    long k0 = (long)floor(tmin / step_s);
    long k1 = isfinite(tmax) ? (long)floor(tmax / step_s) : k0;
    if (kmax_arr > k1) k1 = kmax_arr;
    if ((rc = rs__run_steps(&c, k0, k1, nev)) != RS_OK) return rc;
  }
  if (!explicit_trips) rs__count_generated(e, dd, res);
  rs__odb_end(e);
  rs__strand_waiting(e, tt, res);
  if (res->generated != res->delivered + res->stranded || res->generated != e->npax)
    return RS_EINTERNAL;
  return RS_OK;
}
