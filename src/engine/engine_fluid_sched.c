/* What a day's stops take from the timetable, for the expected-value engine
 * (engine_fluid_impl.h): the stops in the engine's order, each cut and its
 * pieces, the destinations served, the section cells; worked out once per
 * timetable and kept for the days that run it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine_fluid_impl.h"

/* Exchange two event buffers and their capacities. */
static void rs__fev_swap(rs__fev **a, int *cap_a, rs__fev **b, int *cap_b) {
  rs__fev *t = *a;
  *a = *b;
  *b = t;
  int c = *cap_a;
  *cap_a = *cap_b;
  *cap_b = c;
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
  rs__fev_swap(&f->ev, &f->cap_ev, &f->ev2, &f->cap_ev2);
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
    rs__fev_swap(&f->ukey, &f->cap_ukey, &f->uev, &f->cap_uev);
    f->nukey = n;
  }
  *nev = n;
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
  h->fails_ok = 0; /* worked out for this schedule when first needed */
  if ((rc = rs__fluid_linear_coefs(f, h)) != RS_OK) return rc;
  h->valid = 1;
  return RS_OK;
}

/* The schedule of the day's timetable: one kept, or made in place of the
 * one unused longest. */
int rs__fluid_sched(rs__fluid *f, const rs__day_tt *tt, rs__fsched **out) {
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
