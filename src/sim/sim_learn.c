/* Day-to-day learning of the metro's level of service (docs/demand-model.md,
 * "Learning"): the published service of each day, the day's experience (from
 * the passengers of the engine or the cohorts of the expected-value engine),
 * and the damped update of every OD pair's perceived wait and crowding. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/choice.h"
#include "engine/engine_fluid.h"
#include "sim/sim.h"

/* Without two trains a day there is no headway: a traveller expects to wait
 * about half an hour for the one there is (the old first-day default). */
#define RS__LONE_WAIT_MIN 30.0
/* The wait channel's gain: the wait full trains add (refusals x headway)
 * grows with demand D over a capacity K as D/(D-K); assumed at most 4 (when
 * trains are full, demand is at least 25% over their capacity). */
#define RS__WAIT_GAIN 4.0

static int rs__dbl_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Published service of OD (O, D) in TT: mean scheduled in-vehicle minutes,
 * departures from O of runs calling at D later, into DEP[0..*n). */
static double rs__od_schedule(const rs__day_tt *tt, int o, int d, double *dep, int *n) {
  int nst = tt->nst, m = 0, sorted = 1;
  double ivt = 0;
  for (int r = 0; r < tt->nruns; r++) {
    int so = tt->stop_of[r * nst + o], sd = tt->stop_of[r * nst + d];
    if (so < 0 || sd < 0 || sd <= so) continue;
    const rs__stop *base = &tt->stops[tt->runs[r].first_stop];
    ivt += base[sd].arr_s - base[so].dep_s;
    if (m > 0 && base[so].dep_s < dep[m - 1]) sorted = 0;
    dep[m++] = base[so].dep_s;
  }
  if (!sorted) qsort(dep, (size_t)m, sizeof *dep, rs__dbl_cmp);
  *n = m;
  return m > 0 ? ivt / m / 60 : NAN;
}

/* Whether TT calls at the same stations at the same times as the timetable
 * the published service was last computed from (stop_of follows from these). */
static int rs__pub_same(const rs_sim *sim, const rs__day_tt *tt) {
  const rs__day_tt *p = &sim->pub_tt;
  if (!sim->pub_valid || p->nruns != tt->nruns || p->nstops != tt->nstops || p->nst != tt->nst)
    return 0;
  for (int r = 0; r < tt->nruns; r++)
    if (p->runs[r].first_stop != tt->runs[r].first_stop || p->runs[r].nstops != tt->runs[r].nstops)
      return 0;
  for (int i = 0; i < tt->nstops; i++)
    if (p->stops[i].station != tt->stops[i].station || p->stops[i].arr_s != tt->stops[i].arr_s ||
        p->stops[i].dep_s != tt->stops[i].dep_s)
      return 0;
  return 1;
}

/* Room for N planned departures in sim->dep_buf (grows only: a run
 * allocates on its first days). */
static int rs__dep_room(rs_sim *sim, size_t n) {
  if (n <= (size_t)sim->cap_dep) return RS_OK;
  if (n > INT_MAX) return RS_ENOMEM;
  double *p = realloc(sim->dep_buf, n * sizeof *p);
  if (!p) return RS_ENOMEM;
  sim->dep_buf = p;
  sim->cap_dep = (int)n;
  return RS_OK;
}

/* The published service of pair K with no train: none, and the in-vehicle
 * minutes the last timetable with one gave, else the network's run. */
static void rs__pub_none(rs_sim *sim, size_t k, int o, int d) {
  if (!(sim->ivt_min[k] > 0)) sim->ivt_min[k] = rs__network_run_between_s(&sim->net, o, d) / 60;
}

/* Keep today's published service (USED planned departures) with slot Z, whose
 * timetable it was worked out from; without memory it is worked out again. */
static void rs__pub_keep(const rs_sim *sim, rs__tt_slot *z, int used) {
  size_t nod = (size_t)sim->s->nst * (size_t)sim->s->nst;
  z->pub_ok = 0;
  double *p = realloc(z->pub, 4 * nod * sizeof *p);
  if (p) z->pub = p;
  int *q = realloc(z->pub_plan, 2 * nod * sizeof *q);
  if (q) z->pub_plan = q;
  double *dep = realloc(z->pub_dep, ((size_t)used + 1) * sizeof *dep);
  if (dep) z->pub_dep = dep;
  if (!p || !q || !dep) return;
  for (size_t k = 0; k < nod; k++) {
    p[k] = sim->pub_wait[k];
    p[nod + k] = sim->pub_headway[k];
    p[2 * nod + k] = sim->give_up_s[k];
    p[3 * nod + k] = sim->plan_n[k] > 0 ? sim->ivt_min[k] : NAN;
    q[k] = sim->plan_off[k];
    q[nod + k] = sim->plan_n[k];
  }
  memcpy(dep, sim->dep_buf, (size_t)used * sizeof *dep);
  z->pub_ndep = used;
  z->pub_ok = 1;
}

/* The published service kept with slot Z: the same arrays the working out
 * gives, and what it does to the pairs (first perceptions, in-vehicle
 * minutes of pairs without a train). */
static int rs__pub_restore(rs_sim *sim, const rs__tt_slot *z) {
  int nst = sim->s->nst;
  size_t nod = (size_t)nst * (size_t)nst;
  int rc = rs__dep_room(sim, (size_t)z->pub_ndep);
  if (rc != RS_OK) return rc;
  sim->pub_valid = 0; /* sim->pub_tt is not the timetable of these figures */
  memcpy(sim->dep_buf, z->pub_dep, (size_t)z->pub_ndep * sizeof *sim->dep_buf);
  sim->plan.dep = sim->dep_buf;
  const double *p = z->pub;
  for (size_t k = 0; k < nod; k++) {
    sim->pub_wait[k] = p[k];
    sim->pub_headway[k] = p[nod + k];
    sim->give_up_s[k] = p[2 * nod + k];
    sim->plan_off[k] = z->pub_plan[k];
    sim->plan_n[k] = z->pub_plan[nod + k];
    int o = (int)(k / (size_t)nst), d = (int)(k % (size_t)nst);
    if (sim->plan_n[k] > 0) sim->ivt_min[k] = p[3 * nod + k];
    else if (o != d) rs__pub_none(sim, k, o, d);
  }
  rs__sim_republish(sim);
  return RS_OK;
}

int rs__sim_published(rs_sim *sim) {
  const rs_scenario *s = sim->s;
  const rs__day_tt *tt = &sim->tt;
  int nst = s->nst, used = 0;
  /* A timetable met before (kept in a slot, sim_timetable.c): its published
   * service was worked out then. A year runs a few timetables in turn
   * (weekdays, weekends), and working each out again was a twentieth of an
   * expected-value run. */
  rs__tt_slot *z = sim->tt_last >= 0 ? &sim->tt_slot[sim->tt_last] : NULL;
  if (z && z->pub_ok) return rs__pub_restore(sim, z);
  /* The same timetable as the day before (a day type repeats): every figure
   * below would come out the same, and the pairs it first perceived are
   * perceived already. */
  if (rs__pub_same(sim, tt)) {
    rs__sim_republish(sim); /* only pairs never perceived (none unless perceptions restart) */
    return RS_OK;
  }
  sim->pub_valid = 0;
  int rc = rs__dep_room(sim, (size_t)tt->nruns * (size_t)nst * (size_t)nst);
  if (rc != RS_OK) return rc;
  sim->plan.dep = sim->dep_buf;
  for (int o = 0; o < nst; o++)
    for (int d = 0; d < nst; d++) {
      size_t k = (size_t)o * (size_t)nst + (size_t)d;
      double *dep = sim->dep_buf + used;
      sim->pub_wait[k] = sim->pub_headway[k] = NAN;
      sim->give_up_s[k] = INFINITY;
      sim->plan_off[k] = used;
      sim->plan_n[k] = 0;
      if (o == d) continue;
      int n = 0;
      double ivt = tt->nruns > 0 ? rs__od_schedule(tt, o, d, dep, &n) : NAN;
      sim->plan_n[k] = n;
      used += n;
      if (n == 0) {
        rs__pub_none(sim, k, o, d);
        continue;
      }
      sim->ivt_min[k] = ivt;
      /* Random arrivals over the service span: E[W] = sum h^2 / (2 sum h). */
      double sh = 0, sh2 = 0;
      for (int i = 1; i < n; i++) {
        double h = dep[i] - dep[i - 1];
        sh += h;
        sh2 += h * h;
      }
      sim->pub_wait[k] = sh > 0 ? sh2 / (2 * sh) / 60 : RS__LONE_WAIT_MIN;
      sim->pub_headway[k] = sh > 0 ? sh / (n - 1) / 60 : 2 * RS__LONE_WAIT_MIN;
      sim->give_up_s[k] = sim->pub_headway[k] * 60;
      /* A pair never perceived before (first day, a station just opened)
       * starts from what is published. */
      if (!isfinite(sim->perc[k].wait_min)) {
        sim->perc[k].wait_min = sim->pub_wait[k];
        sim->perc[k].crowding = 0;
      }
    }
  if (z) rs__pub_keep(sim, z, used);
  else sim->pub_valid = rs__sim_tt_copy(&sim->pub_tt, tt) == RS_OK; /* else computed again */
  return RS_OK;
}

void rs__sim_init_perception(rs_sim *sim) {
  size_t nod = (size_t)sim->s->nst * (size_t)sim->s->nst;
  for (size_t k = 0; k < nod; k++) {
    sim->perc[k].wait_min = NAN; /* nothing known: rs__sim_published sets it */
    sim->perc[k].crowding = 0;
    sim->ivt_min[k] = NAN;
  }
  sim->pub_valid = 0; /* perceptions start again: the published service too */
}

/* Crowding felt on a train: 0 up to comfort capacity, 1 at crush load. */
static double rs__crowd_index(double load, double comfort, double capacity) {
  if (capacity <= comfort) return load >= capacity ? 1 : 0;
  double c = (load - comfort) / (capacity - comfort);
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/* Per-stop prefix sums within each run: crowd_cum[i] of the crowd index and
 * crowd_cum[cap + i] of its slope in log load (load / (K - C) between comfort
 * C and crush K, else 0), over the stops before i. */
static int rs__crowd_prefix(rs_sim *sim) {
  const rs__day_tt *tt = &sim->tt;
  const rs__day_result *res = &sim->day;
  double C = sim->s->trains.comfort_capacity, K = sim->s->trains.capacity;
  if (2 * (tt->nstops + 1) > sim->cap_crowd) {
    double *c = realloc(sim->crowd_cum, 2 * (size_t)(tt->nstops + 1) * sizeof *c);
    if (!c) return RS_ENOMEM;
    sim->crowd_cum = c;
    sim->cap_crowd = 2 * (tt->nstops + 1);
  }
  double *cum = sim->crowd_cum, *slope = sim->crowd_cum + tt->nstops + 1;
  for (int r = 0; r < tt->nruns; r++) {
    int f = tt->runs[r].first_stop;
    double acc = 0, acs = 0;
    for (int j = 0; j < tt->runs[r].nstops; j++) {
      double L = res->stop_load[f + j];
      cum[f + j] = acc;
      slope[f + j] = acs;
      acc += rs__crowd_index(L, C, K);
      acs += (K > C && L > C && L < K) ? L / (K - C) : 0;
    }
  }
  return RS_OK;
}

/* Mean over the sections of run R from O to D of the prefix-summed CUM. */
static double rs__ride_mean(const rs__day_tt *tt, const double *cum, int r, int o, int d) {
  int nst = tt->nst, f = tt->runs[r].first_stop;
  int a = tt->stop_of[r * nst + o], b = tt->stop_of[r * nst + d];
  return b > a && a >= 0 ? (cum[f + b] - cum[f + a]) / (b - a) : 0;
}

/* The day's experience from the passenger engine: its per-pair sums, added up
 * while the day ran (rs__engine_od: no pass over the passengers). Only the
 * crowding a ride felt needs the run's loads over the whole day, so on a day
 * with crowded trains the delivered passengers are read once more. */
static void rs__experience_engine(rs_sim *sim, int crowded) {
  int nst = sim->s->nst, n = 0;
  size_t nod = (size_t)nst * (size_t)nst;
  rs__engine_od od = rs__engine_od_sums(sim->engine);
  memcpy(sim->exp_n, od.n, nod * sizeof *sim->exp_n);
  memcpy(sim->exp_wait, od.wait_min, nod * sizeof *sim->exp_wait);
  memcpy(sim->exp_failed, od.failed, nod * sizeof *sim->exp_failed);
  memcpy(sim->exp_denied, od.denied, nod * sizeof *sim->exp_denied);
  if (!crowded) return;
  const rs__pax *pax = rs__engine_passengers(sim->engine, &n);
  for (int i = 0; i < n; i++) {
    const rs__pax *p = &pax[i];
    size_t k = (size_t)p->origin * (size_t)nst + (size_t)p->dest;
    if (p->status != RS__PAX_DELIVERED || p->run < 0) continue;
    /* Waiting longer than the OD's published headway, past the planned
     * train, is a failed trip however long it lasted (rs__od_experience). */
    if (p->boarded_s - p->arrival_s > sim->plan.give_up_s[k] &&
        rs__plan_failed(&sim->plan, k, p->arrival_s, p->boarded_s))
      continue;
    sim->exp_crowd[k] += rs__ride_mean(&sim->tt, sim->crowd_cum, p->run, p->origin, p->dest);
  }
}

/* The same from the expected-value engine's cohorts. */
static void rs__experience_fluid(rs_sim *sim, int crowded) {
  size_t nod = (size_t)sim->s->nst * (size_t)sim->s->nst;
  const double *gen, *wait_s, *stranded, *denied, *gaveup;
  rs__fluid_od(sim->fluid, &gen, &wait_s, &stranded, &denied, &gaveup);
  for (size_t k = 0; k < nod; k++) {
    sim->exp_n[k] = gen[k];
    sim->exp_denied[k] = denied[k];
    sim->exp_wait[k] = wait_s[k] / 60;
    sim->exp_failed[k] = stranded[k] + gaveup[k];
  }
  if (!crowded) return;
  int n = 0;
  const rs__fluid_board *b = rs__fluid_boardings(sim->fluid, &n);
  for (int i = 0; i < n; i++)
    sim->exp_crowd[(size_t)b[i].origin * (size_t)sim->s->nst + (size_t)b[i].dest] +=
        b[i].mass * rs__ride_mean(&sim->tt, sim->crowd_cum, b[i].run, b[i].origin, b[i].dest);
}

/* Crowding of the trains serving (O, D) and its slope in log load, mean over
 * the runs (what a traveller would have met, rider or not). */
static void rs__od_train_crowd(const rs_sim *sim, int o, int d, double *crowd, double *slope) {
  const rs__day_tt *tt = &sim->tt;
  const double *sl = sim->crowd_cum + tt->nstops + 1;
  int nst = tt->nst, n = 0;
  *crowd = *slope = 0;
  for (int r = 0; r < tt->nruns; r++) {
    int a = tt->stop_of[r * nst + o], b = tt->stop_of[r * nst + d];
    if (a < 0 || b <= a) continue;
    *crowd += rs__ride_mean(tt, sim->crowd_cum, r, o, d);
    *slope += rs__ride_mean(tt, sl, r, o, d);
    n++;
  }
  if (n > 0) {
    *crowd /= n;
    *slope /= n;
  }
}

/* What OD K experienced today (wait minutes, crowd index), and the gain G >= 0
 * of its experience on its perception (how much worse the experience gets per
 * unit of worse perception, through the riders it takes or keeps away). */
static int rs__od_experience(const rs_sim *sim, int o, int d, int crowded, double *ew,
                             double *ec, double *gw, double *gc) {
  const rs__choice_params *bt = &sim->s->model.beta;
  size_t k = (size_t)o * (size_t)sim->s->nst + (size_t)d;
  double n = sim->exp_n[k], failed = sim->exp_failed[k], delivered = n - failed;
  double tc = 0, ts = 0;
  if (crowded) rs__od_train_crowd(sim, o, d, &tc, &ts);
  if (n > 0) {
    /* A stranded passenger failed a trip: it counts as one published headway
     * of waiting (it waited for a train that did not come, then went another
     * way), not as the hours to the end of the service. */
    double h = isfinite(sim->pub_headway[k]) ? sim->pub_headway[k] : 2 * sim->perc[k].wait_min;
    *ew = (sim->exp_wait[k] + failed * h) / n;
    *ec = delivered > 1e-9 ? sim->exp_crowd[k] / delivered : tc;
  } else if (isfinite(sim->pub_wait[k])) {
    *ew = sim->pub_wait[k]; /* nobody rode: the published service */
    *ec = tc;
  } else {
    return 0; /* no riders and no service: nothing to learn */
  }
  /* Minutes per rider that full trains added: a refusal costs a headway. */
  double h = isfinite(sim->pub_headway[k]) ? sim->pub_headway[k] : 0;
  double full = n > 0 ? sim->exp_denied[k] * h / n : 0;
  *gw = RS__WAIT_GAIN * full * fabs(bt->wait);
  *gc = ts * fabs(bt->crowding) * sim->ivt_min[k];
  return 1;
}

/* Damped exponential smoothing: the learning rate alpha divided by 1 + alpha G.
 * With G the gain of the experience on the perception, the gap to the fixed
 * point shrinks each day by (1 - alpha) / (1 + alpha G) >= 0: no overshoot, so
 * no day-to-day oscillation, at any alpha in [0, 1] (docs/design-notes.md). */
static double rs__learn_damped(double perceived, double experienced, double alpha, double g) {
  if (!(alpha > 0)) alpha = 0;
  if (alpha > 1) alpha = 1;
  return rs__learn(perceived, experienced, alpha / (1 + alpha * g));
}

int rs__sim_learn(rs_sim *sim) {
  const rs_scenario *s = sim->s;
  int nst = s->nst;
  size_t nod = (size_t)nst * (size_t)nst;
  memset(sim->exp_crowd, 0, nod * sizeof(double)); /* both experiences set the rest */
  int crowded = sim->day.max_load_factor * s->trains.capacity > s->trains.comfort_capacity;
  if (crowded && rs__crowd_prefix(sim) != RS_OK) return RS_ENOMEM;
  if (sim->use_fluid) rs__experience_fluid(sim, crowded);
  else rs__experience_engine(sim, crowded);
  double alpha = s->model.beta.learning;
  for (int o = 0; o < nst; o++)
    for (int d = 0; d < nst; d++) {
      size_t k = (size_t)o * (size_t)nst + (size_t)d;
      double ew, ec, gw = 0, gc = 0;
      if (o == d || !sim->open[o] || !sim->open[d]) continue;
      if (!rs__od_experience(sim, o, d, crowded, &ew, &ec, &gw, &gc)) continue;
      sim->perc[k].wait_min = rs__learn_damped(sim->perc[k].wait_min, ew, alpha, gw);
      sim->perc[k].crowding = rs__learn_damped(sim->perc[k].crowding, ec, alpha, gc);
    }
  return RS_OK;
}
