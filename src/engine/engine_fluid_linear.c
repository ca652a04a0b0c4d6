/* The expected-value engine's linear day (engine_fluid_impl.h).
 *
 * When every train has room, each cut of a queue boards whole at the train
 * that made it: nobody waits past one train, and the day's figures are sums
 * over its cuts. A cut's arrivals of pair od at rate r over a piece [lo, hi)
 * of one rate column (an hour, or the flat window) have mass r (hi - lo),
 * summed arrival times r (hi - lo)(hi + lo)/2 and waits until the train
 * r * el * wm (rs__fseg), and ride to the train's arrival A_d at the
 * destination: mass * A_d - (waits + arrival times). Each is a rate times a
 * number of the schedule alone, so the waits, rides and masses of the day
 * are, per pair, the day's rates times sums over the cuts worked out once
 * per schedule (rs__fluid_linear_coefs): 25 products a pair instead of the
 * cohort engine's figures at every stop. The loads, boardings and
 * alightings stop by stop are worked out as the cohort engine does, the same
 * operations in the same order, so those figures are the same to the bit;
 * the day's sums of waits, rides and passenger-km differ from the cohorts'
 * in their last digits only (another order of the same additions). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine_fluid_impl.h"

enum { RS__LIN_WAIT, RS__LIN_RIDE, RS__LIN_MASS, RS__LIN_N };

/* The schedule's coefficients, or H->linear 0 when some stop that boards
 * does not cut its queue or does not serve every station ahead (cohorts can
 * then wait past a train), or the runs do not tile the stops. */
int rs__fluid_linear_coefs(rs__fluid *f, rs__fsched *h) {
  int nst = f->nst;
  size_t ncol = (size_t)nst * (size_t)nst * RS__RCOLS, n = RS__LIN_N * ncol;
  h->linear = 0;
  if (!h->tiled) return RS_OK;
  for (int i = 0; i < h->nps; i++)
    if (!h->ps[i].last && !(h->ps[i].cut && h->ps[i].all)) return RS_OK;
  if (n > (size_t)1 << 30) return RS_OK; /* absurd networks: the cohorts */
  int rc = rs__fgrow((void **)&h->lin, &h->cap_lin, (int)n, sizeof *h->lin);
  if (rc != RS_OK) return rc;
  double *kw = h->lin, *kr = kw + ncol, *km = kr + ncol;
  memset(h->lin, 0, n * sizeof *h->lin);
  for (int i = 0; i < h->nps; i++) {
    const rs__fsstop *p = &h->ps[i];
    if (p->last) continue;
    for (int e = 0; e < p->ne; e++) {
      size_t od = (size_t)p->station * (size_t)nst + (size_t)h->el_d[p->el + e];
      double arr_d = h->el_arr[p->el + e];
      for (int j = 0; j < p->nsg; j++) {
        const rs__fseg *g = &h->sg[p->sg + j];
        size_t c = od * RS__RCOLS + (size_t)g->h;
        double w = g->wait ? g->el * g->wm : 0;
        kw[c] += w;
        kr[c] += g->dl * arr_d - (w + g->dl * g->sl / 2);
        km[c] += g->dl;
      }
    }
  }
  h->linear = 1;
  return RS_OK;
}

/* The plan's bytes (give-up times, counts, offsets, departures) as the key of
 * the schedule's failed trips: *SAME 1 when H->pkey holds them already, else
 * they are copied there. RS_OK or RS_ENOMEM. */
static int rs__lin_plan_key(const rs__fluid *f, rs__fsched *h, int *same) {
  const rs__plan *pl = f->plan;
  size_t nod = (size_t)f->nst * (size_t)f->nst, ndep = 0;
  for (size_t k = 0; k < nod; k++) { /* the departures used: up to the furthest pair's end */
    size_t end = (size_t)pl->off[k] + (size_t)pl->n[k];
    if (end > ndep) ndep = end;
  }
  size_t a = nod * sizeof(double), b = nod * sizeof(int), n = a + 2 * b + ndep * sizeof(double);
  *same = h->fails_ok && h->npkey == n && !memcmp(h->pkey, pl->give_up_s, a) &&
          !memcmp(h->pkey + a, pl->n, b) && !memcmp(h->pkey + a + b, pl->off, b) &&
          (ndep == 0 || !memcmp(h->pkey + a + 2 * b, pl->dep, ndep * sizeof(double)));
  if (*same) return RS_OK;
  if (n > h->cap_pkey) {
    unsigned char *q = realloc(h->pkey, n);
    if (!q) return RS_ENOMEM;
    h->pkey = q;
    h->cap_pkey = n;
  }
  memcpy(h->pkey, pl->give_up_s, a);
  memcpy(h->pkey + a, pl->n, b);
  memcpy(h->pkey + a + b, pl->off, b);
  if (ndep > 0) memcpy(h->pkey + a + 2 * b, pl->dep, ndep * sizeof(double));
  h->npkey = n;
  return RS_OK;
}

/* The linear day's failed trips under the engine's plan, kept with the
 * schedule while the plan is the same (most days): the test of every
 * boarding against the plan, and the look-ups it makes, were a fifth of a
 * linear day. The same tests as rs__board's on the same numbers: a cut's
 * previous cut is the schedule's, whatever the day's rates. */
int rs__fluid_linear_fails(rs__fluid *f, rs__fsched *h) {
  int nst = f->nst, same = 0, rc;
  if (!f->plan) {
    h->nfail = 0;
    h->fails_ok = 0; /* a plan later is worked out then */
    return RS_OK;
  }
  if ((rc = rs__lin_plan_key(f, h, &same)) != RS_OK) return rc;
  if (same) return RS_OK;
  h->fails_ok = 0;
  h->nfail = 0;
  const double *give_up = f->plan->give_up_s;
  size_t nod = (size_t)nst * (size_t)nst;
  int *cur = calloc(nod, sizeof *cur);
  if (!cur) return RS_ENOMEM;
  for (int i = 0; i < nst * RS__NDIR; i++) f->qcut[i] = 0; /* as the day's queues start */
  for (int i = 0; i < h->nps; i++) {
    const rs__fsstop *p = &h->ps[i];
    if (p->last) continue;
    double *qc = &f->qcut[p->station * RS__NDIR + p->dir], t0 = *qc;
    *qc = p->dep;
    if (!(t0 < p->arr)) continue;
    for (int e = 0; e < p->ne; e++) {
      size_t od = (size_t)p->station * (size_t)nst + (size_t)h->el_d[p->el + e];
      if (!(rs__fmin(p->dep, p->arr - give_up[od]) > t0)) continue;
      double fe = rs__plan_failed_until(f->plan, od, t0, p->dep, p->arr, &cur[od]);
      if (!(fe > t0)) continue;
      if ((rc = rs__fgrow((void **)&h->fail, &h->cap_fail, h->nfail + 1, sizeof *h->fail)) != RS_OK) {
        free(cur);
        return rc;
      }
      h->fail[h->nfail++] = (rs__lin_fail){i, e, fe};
    }
  }
  free(cur);
  h->fails_ok = 1;
  return RS_OK;
}

/* Stop I (P) boards whole (the masses of its cut per destination in BM,
 * TOTAL of them): loads, boardings, the day's boardings list, and who met a
 * failed trip (the schedule's failures from *FI on), as rs__board does for
 * such a cut. T0: the queue's previous cut. */
static void rs__lin_board(rs__fluid *f, const rs__fsched *h, int i, const double *bm, double total,
                          double t0, int *fi, double *load, rs__day_result *res) {
  const rs__fsstop *p = &h->ps[i];
  int nst = f->nst, s = p->station;
  double *ob = f->onboard + (size_t)p->run * (size_t)nst, *board = res->board + s * RS__HOURS + p->harr;
  double ld = *load, b = *board;
  rs__fluid_board *bd = f->bd + f->nbd;
  while (*fi < h->nfail && h->fail[*fi].i < i) ++*fi;
  for (int e = 0; e < p->ne; e++) {
    while (*fi < h->nfail && h->fail[*fi].i == i && h->fail[*fi].e < e) ++*fi;
    int failed = *fi < h->nfail && h->fail[*fi].i == i && h->fail[*fi].e == e;
    int d = h->el_d[p->el + e];
    double m = bm[d], gm = 0;
    if (m <= 0) continue;
    if (failed) {
      /* their waits are not the pair's (rs__board): taken off */
      size_t od = (size_t)s * (size_t)nst + (size_t)d;
      rs__cohort c = {t0, p->dep, total, p->sidx};
      double gt;
      rs__fluid_gaveup(f, &c, od, h->fail[*fi].fe, m, m, &gm, &gt);
      f->wait_s[od] -= p->arr * gm - gt;
    }
    b += m;
    ob[d] += m;
    ld += m;
    *bd++ = (rs__fluid_board){p->run, s, d, m - gm};
  }
  f->nbd = (int)(bd - f->bd);
  *board = b;
  *load = ld;
}

/* The masses of stop P's cut per destination into BM; returns their total
 * (as rs__fluid_figs: the same products and sums). */
static double rs__lin_masses(const rs__fluid *f, const rs__fsched *h, const rs__fsstop *p, double *bm) {
  int nst = f->nst, s = p->station;
  int d0 = p->dir == RS__DOWN ? s + 1 : 0, d1 = p->dir == RS__DOWN ? nst : s;
  const rs__fseg *g = h->sg + p->sg;
  double total = 0;
  if (p->nsg == 1) {
    const double *r = &f->rate[(size_t)s * (size_t)nst * RS__RCOLS + (size_t)g->h];
    double dl = g->dl;
    for (int d = d0; d < d1; d++) {
      double ri = r[(size_t)d * RS__RCOLS], sm = 0;
      if (ri != 0) {
        double rd = ri * dl;
        sm += rd;
      }
      bm[d] = sm;
      total += sm;
    }
  } else {
    for (int d = d0; d < d1; d++) {
      double mt, w;
      rs__fluid_mass(f, (size_t)s * (size_t)nst + (size_t)d, g, p->nsg, &bm[d], &mt, &w);
      total += bm[d];
    }
  }
  return total;
}

/* The day's waits, rides and passenger-km: per pair, the rates times the
 * schedule's coefficients. */
static void rs__lin_sums(rs__fluid *f, const rs__fsched *h, rs__day_result *res) {
  size_t nod = (size_t)f->nst * (size_t)f->nst, ncol = nod * RS__RCOLS;
  const double *kw = h->lin, *kr = kw + ncol, *km = kr + ncol;
  double wsum = 0, rsum = 0, pkm = 0;
  for (size_t od = 0; od < nod; od++) {
    const double *r = &f->rate[od * RS__RCOLS];
    size_t c0 = od * RS__RCOLS;
    double w = 0, ride = 0, m = 0;
    for (int c = 0; c < RS__RCOLS; c++) {
      w += r[c] * kw[c0 + (size_t)c];
      ride += r[c] * kr[c0 + (size_t)c];
      m += r[c] * km[c0 + (size_t)c];
    }
    f->wait_s[od] += w; /* after the failed trips' waits were taken off */
    wsum += w;
    rsum += ride;
    pkm += m * f->kmd[od];
  }
  res->wait_sum_s += wsum;
  res->ride_sum_s += rsum;
  res->passenger_km += pkm;
}

int rs__fluid_linear_day(rs__fluid *f, const rs__fsched *h, double capacity, rs__day_result *res) {
  int nst = f->nst, rc;
  /* room for every boarding of the day at once */
  long long most = (long long)h->nps * nst;
  if (most > (1LL << 30)) return RS_ENOMEM;
  if ((rc = rs__fgrow((void **)&f->bd, &f->cap_bd, (int)most, sizeof *f->bd)) != RS_OK) return rc;
  double *bm = f->scratch;
  int fi = 0; /* the next of the schedule's failed trips */
  for (int i = 0; i < h->nps; i++) {
    const rs__fsstop *p = &h->ps[i];
    int s = p->station;
    double *ob = f->onboard + (size_t)p->run * (size_t)nst, load = f->load[p->run];
    double nal = ob[s];
    if (nal > 0) {
      ob[s] = 0;
      load -= nal;
      res->alight[s * RS__HOURS + p->harr] += nal;
      res->delivered += nal;
    }
    res->stop_alight[p->sidx] = nal;
    if (p->last) {
      f->load[p->run] = load;
      res->stop_board[p->sidx] = res->stop_denied[p->sidx] = 0;
      res->stop_load[p->sidx] = load;
      continue;
    }
    rs__cqueue *q = &f->q[s * RS__NDIR + p->dir];
    double t0 = q->cut, before = load, total = rs__lin_masses(f, h, p, bm);
    double room = capacity - load;
    if (total > 0 && !(room > 0 && total <= room)) return RS__FLUID_FULL;
    q->cut = p->dep;
    if (total > 0) rs__lin_board(f, h, i, bm, total, t0, &fi, &load, res);
    f->load[p->run] = load;
    res->stop_board[p->sidx] = load - before;
    res->stop_denied[p->sidx] = 0;
    res->stop_load[p->sidx] = load;
    for (int j = 0; j < p->nsec; j++) {
      res->sec_pax[p->sec + j * RS__HOURS] += load;
      res->sec_trains[p->sec + j * RS__HOURS] += 1;
    }
    double lf = load / capacity;
    if (lf > res->max_load_factor) res->max_load_factor = lf;
  }
  rs__lin_sums(f, h, res);
  return RS_OK;
}
