/* Door-to-door commute times (docs/commute.md).
 *
 * Metro: every delivered passenger of the detail day, with access and egress
 * drawn from the zone's distributions, the wait and ride the engine simulated,
 * and at the interchange the transfer walk plus the wait for the connecting
 * line's next departure after that train's actual arrival. Competing modes:
 * trips sampled over the window from the `modes` level of service (the logit's
 * figures) with the commute section's detail (timetable, congestion, zone
 * overrides). Randomness: one GSL generator seeded from the scenario seed. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/commute.h"
#include "base/dsort.h"
#include "base/stream.h"
#include "sim/results.h"
#include "sim/sim.h"

#define RS__CM_DAY_FROM_S (6 * 3600.0)   /* competitors' "day": trips starting 06:00-22:00 */
#define RS__CM_DAY_TO_S (22 * 3600.0)
#define RS__CM_SALT 0x636f6d6d757465ULL  /* "commute": the metro's random stream */
#define RS__CM_SALT_OTHERS 0x6f7468657273ULL /* "others": the other modes' */

enum { RS__CM_WIN_PEAK, RS__CM_WIN_DAY, RS__CM_NWIN };
enum { RS__CM_WITH, RS__CM_WITHOUT, RS__CM_NSCEN };
enum { RS__CM_P_ACCESS, RS__CM_P_WAIT, RS__CM_P_RIDE, RS__CM_P_XFER, RS__CM_P_EGRESS, RS__CM_NPART };

static const char *const rs__cm_win_name[RS__CM_NWIN] = {"am_peak", "day"};
static const char *const rs__cm_scen_name[RS__CM_NSCEN] = {"with_line", "without_line"};

/* The trips of one group (pair, mode, window, scenario): their totals in
 * minutes in the order they were drawn, and the sums of each part. Only what
 * the summaries read is kept (a trip's parts were 48 bytes, a total is 8). */
typedef struct rs__cm_trips {
  double *tot;
  int n, cap;
  double psum[RS__CM_NPART];
} rs__cm_trips;

/* A connecting line's departures (rs__cm_line), listed once: the walks from
 * first_s by the headways, which every look-up made again. */
typedef struct rs__cm_deps {
  double *t;
  int n;
} rs__cm_deps;

/* The first train from O to D at or after a time: the runs' (departure,
 * arrival) in order of departure, ties in run order (what the scan over the
 * runs kept), per pair [o * nst + d] at off[k] .. off[k] + n[k]. */
typedef struct rs__cm_next {
  double *dep, *arr;
  int *off, *n;
} rs__cm_next;

struct rs_commute {
  const rs_scenario *s;
  const rs__commute_def *c;
  int ne, nm;                   /* endpoints (zones then destinations), modes (0 = metro) */
  int ngroups;
  rs__cm_trips *grp;            /* [ngroups] */
  rs__cm_deps deps[RS__CM_MAX_LINES];
  rs_commute_row *rows;         /* one per non-empty group, in group order */
  int *row_group;
  int nrows;
  int miss;                     /* metro trips with no connecting train left */
  rs_commute_row *gsum;         /* [ngroups] each group's figures (its half's work) */
  int *zone_of;                 /* [station] its zone, -1 if none */
};

/* ---- connecting lines ---- */

double rs__cm_headway_s(const rs__cm_line *l, double t) {
  for (int i = 0; i < l->nperiods; i++)
    if (t >= l->periods[i].from_s && t < l->periods[i].to_s) return l->periods[i].headway_s;
  /* outside every period: the nearest one's */
  return t < l->periods[0].from_s ? l->periods[0].headway_s : l->periods[l->nperiods - 1].headway_s;
}

int rs__cm_next_departure(const rs__cm_line *l, double t, double *dep) {
  if (l->nperiods <= 0 || t > l->last_s) return RS_EINVAL;
  double x = l->first_s;
  while (x < t) {
    double h = rs__cm_headway_s(l, x);
    if (x + h > l->last_s) return RS_EINVAL;
    x += h;
  }
  *dep = x;
  return RS_OK;
}

int rs__cm_prev_arrival(const rs__cm_line *l, double t, double *arr) {
  if (l->nperiods <= 0 || t < l->first_s) return RS_EINVAL;
  double x = l->first_s;
  for (;;) {
    double h = rs__cm_headway_s(l, x);
    if (x + h > t || x + h > l->last_s) break;
    x += h;
  }
  *arr = x;
  return RS_OK;
}

/* Departures of L: first_s, then each plus the headway of its period while
 * not past last_s (the sequence rs__cm_next_departure walks). */
static int rs__cm_deps_build(const rs__cm_line *l, rs__cm_deps *out) {
  out->t = NULL;
  out->n = 0;
  if (l->nperiods <= 0) return RS_OK;
  int cap = 64;
  double x = l->first_s;
  out->t = malloc((size_t)cap * sizeof *out->t);
  if (!out->t) return RS_ENOMEM;
  for (;;) {
    if (out->n == cap) {
      double *p = realloc(out->t, 2 * (size_t)cap * sizeof *p);
      if (!p) return RS_ENOMEM;
      out->t = p;
      cap *= 2;
    }
    out->t[out->n++] = x;
    double h = rs__cm_headway_s(l, x);
    if (!(x + h <= l->last_s) || !(h > 0)) break;
    x += h;
  }
  return RS_OK;
}

/* First of the N sorted times T at or after X (N when none). */
static int rs__cm_first_at_or_after(const double *t, int n, double x) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* rs__cm_next_departure on the listed departures: the same answer. */
static int rs__cm_deps_next(const rs__cm_line *l, const rs__cm_deps *q, double t, double *dep) {
  if (l->nperiods <= 0 || t > l->last_s) return RS_EINVAL;
  int i = rs__cm_first_at_or_after(q->t, q->n, t);
  if (i == q->n) return RS_EINVAL;
  *dep = q->t[i];
  return RS_OK;
}

/* rs__cm_prev_arrival on the listed departures: the last at or before T. */
static int rs__cm_deps_prev(const rs__cm_line *l, const rs__cm_deps *q, double t, double *arr) {
  if (l->nperiods <= 0 || t < l->first_s) return RS_EINVAL;
  int i = rs__cm_first_at_or_after(q->t, q->n, t);
  if (i < q->n && q->t[i] == t) i++; /* at T counts */
  *arr = q->t[i > 0 ? i - 1 : 0];
  return RS_OK;
}

/* ---- sampling helpers ---- */

static double rs__cm_draw(gsl_rng *r, double mean, double cv) {
  if (mean <= 0) return 0;
  if (cv <= 0) return mean;
  double k = 1 / (cv * cv);
  return gsl_ran_gamma(r, k, mean / k);
}

static int rs__cm_pick_dest(gsl_rng *r, const rs__commute_def *c) {
  double w = 0;
  for (int i = 0; i < c->ndests; i++) w += c->dests[i].weight;
  double u = gsl_rng_uniform(r) * w;
  for (int i = 0; i < c->ndests; i++) {
    if (u < c->dests[i].weight) return i;
    u -= c->dests[i].weight;
  }
  return c->ndests - 1;
}

static int rs__cm_group(const rs_commute *cm, int scen, int win, int o, int d, int mode) {
  return (((scen * RS__CM_NWIN + win) * cm->ne + o) * cm->ne + d) * cm->nm + mode;
}

/* A trip of group G: its total (the parts summed in order) and the group's
 * sums of each part, added in the order the trips are drawn. */
static int rs__cm_add(rs_commute *cm, int g, const double part[RS__CM_NPART]) {
  rs__cm_trips *q = &cm->grp[g];
  if (q->n == q->cap) {
    /* a group holds about `samples` trips (twice that for the metro's day) */
    int cap = q->cap ? 2 * q->cap : (cm->c->samples > 16 ? cm->c->samples : 16);
    double *t = realloc(q->tot, (size_t)cap * sizeof *t);
    if (!t) return RS_ENOMEM;
    q->tot = t;
    q->cap = cap;
  }
  double sum = 0;
  for (int k = 0; k < RS__CM_NPART; k++) {
    sum += part[k];
    q->psum[k] += part[k];
  }
  q->tot[q->n++] = sum;
  return RS_OK;
}

/* A trip starting (door) at T0 counts in the day and, when inside, the peak. */
static int rs__cm_add_windows(rs_commute *cm, int scen, int o, int d, int mode, double t0,
                              const double part[RS__CM_NPART]) {
  int rc = rs__cm_add(cm, rs__cm_group(cm, scen, RS__CM_WIN_DAY, o, d, mode), part);
  if (rc == RS_OK && t0 >= cm->c->peak_from_s && t0 < cm->c->peak_to_s)
    rc = rs__cm_add(cm, rs__cm_group(cm, scen, RS__CM_WIN_PEAK, o, d, mode), part);
  return rc;
}

/* ---- metro ---- */

/* One metro passenger (station times from the engine or the timetable). */
static int rs__cm_metro_trip(rs_commute *cm, gsl_rng *r, const int *zone_of, int o, int d,
                             double arrival, double boarded, double alighted) {
  const rs__commute_def *c = cm->c;
  double part[RS__CM_NPART] = {0};
  int zo = zone_of[o], zd = zone_of[d];
  if (zo >= 0 && d == c->interchange) {
    /* toward Chengdu: transfer at the interchange after the train's actual arrival */
    int k = rs__cm_pick_dest(r, c);
    const rs__cm_dest *z = &c->dests[k];
    const rs__cm_line *l = &c->lines[z->line];
    double ready = alighted + l->walk_min * 60, dep;
    if (rs__cm_deps_next(l, &cm->deps[z->line], ready, &dep) != RS_OK) return cm->miss++, RS_OK;
    part[RS__CM_P_ACCESS] = rs__cm_draw(r, c->zones[zo].access.mean_min, c->zones[zo].access.cv);
    part[RS__CM_P_WAIT] = (boarded - arrival + dep - ready) / 60;
    part[RS__CM_P_RIDE] = (alighted - boarded) / 60 + z->ride_min;
    part[RS__CM_P_XFER] = l->walk_min + z->xfer_min;
    part[RS__CM_P_EGRESS] = rs__cm_draw(r, z->egress.mean_min, z->egress.cv);
    return rs__cm_add_windows(cm, RS__CM_WITH, zo, c->nzones + k, 0,
                              arrival - part[RS__CM_P_ACCESS] * 60, part);
  }
  if (o == c->interchange && zd >= 0) {
    /* from Chengdu: the connecting train that brought the passenger is the last
     * one arriving before they could reach the platform; its origin wait is a
     * random arrival against its headway */
    int k = rs__cm_pick_dest(r, c);
    const rs__cm_dest *z = &c->dests[k];
    const rs__cm_line *l = &c->lines[z->line];
    double arr;
    if (rs__cm_deps_prev(l, &cm->deps[z->line], arrival - l->walk_min * 60, &arr) != RS_OK)
      return cm->miss++, RS_OK;
    double platform = arr + l->walk_min * 60;
    double start_ride = arr - (z->ride_min + z->xfer_min) * 60;
    double wait0 = gsl_rng_uniform(r) * rs__cm_headway_s(l, start_ride);
    part[RS__CM_P_ACCESS] = rs__cm_draw(r, z->egress.mean_min, z->egress.cv);
    part[RS__CM_P_WAIT] = (wait0 + boarded - platform) / 60;
    part[RS__CM_P_RIDE] = z->ride_min + (alighted - boarded) / 60;
    part[RS__CM_P_XFER] = l->walk_min + z->xfer_min;
    part[RS__CM_P_EGRESS] = rs__cm_draw(r, c->zones[zd].egress.mean_min, c->zones[zd].egress.cv);
    double t0 = start_ride - wait0 - part[RS__CM_P_ACCESS] * 60;
    return rs__cm_add_windows(cm, RS__CM_WITH, c->nzones + k, zd, 0, t0, part);
  }
  if (zo >= 0 && zd >= 0) {
    part[RS__CM_P_ACCESS] = rs__cm_draw(r, c->zones[zo].access.mean_min, c->zones[zo].access.cv);
    part[RS__CM_P_WAIT] = (boarded - arrival) / 60;
    part[RS__CM_P_RIDE] = (alighted - boarded) / 60;
    part[RS__CM_P_EGRESS] = rs__cm_draw(r, c->zones[zd].egress.mean_min, c->zones[zd].egress.cv);
    return rs__cm_add_windows(cm, RS__CM_WITH, zo, zd, 0, arrival - part[RS__CM_P_ACCESS] * 60, part);
  }
  return RS_OK;
}

/* The runs calling at O and then at D (rs__cm_next): their departures from O
 * and arrivals at D, sorted by departure, ties in run order. */
static int rs__cm_next_build(const rs__day_tt *tt, int nst, rs__cm_next *x) {
  size_t nod = (size_t)nst * (size_t)nst, cap = (size_t)tt->nruns * nod / 2 + 1;
  x->off = calloc(nod, sizeof *x->off);
  x->n = calloc(nod, sizeof *x->n);
  x->dep = malloc(cap * sizeof *x->dep);
  x->arr = malloc(cap * sizeof *x->arr);
  if (!x->off || !x->n || !x->dep || !x->arr) return RS_ENOMEM;
  int used = 0;
  for (int o = 0; o < nst; o++)
    for (int d = 0; d < nst; d++) {
      size_t k = (size_t)o * (size_t)nst + (size_t)d;
      x->off[k] = used;
      for (int r = 0; o != d && r < tt->nruns; r++) {
        int so = tt->stop_of[(size_t)r * (size_t)tt->nst + (size_t)o];
        int sd = tt->stop_of[(size_t)r * (size_t)tt->nst + (size_t)d];
        if (so < 0 || sd <= so) continue;
        double dep = tt->stops[tt->runs[r].first_stop + so].dep_s;
        double arr = tt->stops[tt->runs[r].first_stop + sd].arr_s;
        int j = used++; /* insertion: stable, so ties stay in run order */
        for (; j > x->off[k] && x->dep[j - 1] > dep; j--) {
          x->dep[j] = x->dep[j - 1];
          x->arr[j] = x->arr[j - 1];
        }
        x->dep[j] = dep;
        x->arr[j] = arr;
      }
      x->n[k] = used - x->off[k];
    }
  return RS_OK;
}

static void rs__cm_next_free(rs__cm_next *x) {
  free(x->dep);
  free(x->arr);
  free(x->off);
  free(x->n);
}

/* The first train calling at O at or after T and then at D: boarding and
 * alighting times (the earliest departure; of equal ones, the first run).
 * RS_EINVAL when there is none. */
static int rs__cm_next_train(const rs__cm_next *x, size_t k, double t, double *board,
                             double *alight) {
  const double *dep = x->dep + x->off[k];
  int i = rs__cm_first_at_or_after(dep, x->n[k], t);
  if (i == x->n[k]) return RS_EINVAL;
  *board = dep[i];
  *alight = x->arr[x->off[k] + i];
  return RS_OK;
}

/* No simulated passengers (expected-value mode): passengers arriving at random
 * over each window, carried by the detail day's timetable (no capacity limit). */
static int rs__cm_metro_synthetic(rs_commute *cm, gsl_rng *r, const rs__results *rv,
                                  const int *zone_of) {
  const rs__commute_def *c = cm->c;
  const rs__day_tt *tt = rv->dtt;
  int nst = rv->s->nst, rc = RS_OK;
  rs__cm_next x;
  if (rs__cm_next_build(tt, nst, &x) != RS_OK) {
    rs__cm_next_free(&x);
    return RS_ENOMEM;
  }
  for (int o = 0; o < nst && rc == RS_OK; o++)
    for (int d = 0; d < nst; d++) {
      if (o == d || (zone_of[o] < 0 && o != c->interchange) || (zone_of[d] < 0 && d != c->interchange))
        continue;
      for (int w = 0; w < RS__CM_NWIN; w++) {
        double a = w == RS__CM_WIN_PEAK ? c->peak_from_s : RS__CM_DAY_FROM_S;
        double z = w == RS__CM_WIN_PEAK ? c->peak_to_s : RS__CM_DAY_TO_S;
        for (int i = 0; i < c->samples && rc == RS_OK; i++) {
          double t = a + gsl_rng_uniform(r) * (z - a), board = 0, alight = 0;
          if (rs__cm_next_train(&x, (size_t)o * (size_t)nst + (size_t)d, t, &board, &alight) != RS_OK)
            continue;
          rc = rs__cm_metro_trip(cm, r, zone_of, o, d, t, board, alight);
        }
      }
    }
  rs__cm_next_free(&x);
  return rc;
}

/* ---- competing modes ---- */

static double rs__cm_pick(double ov, double dflt) { return isnan(ov) ? dflt : ov; }

static double rs__cm_congestion(const rs__cm_mode *md, double t) {
  for (int i = 0; i < md->ncong; i++)
    if (t >= md->cong[i].from_s && t < md->cong[i].to_s) return md->cong[i].factor;
  return 1;
}

/* A mode's figures between a zone and an endpoint, minutes, in one case of
 * the line (with it, or without: the mode's without_line additions). */
typedef struct rs__cm_figs {
  double acc, egr, ivt, wait;
} rs__cm_figs;

/* A gamma of mean MEAN and coefficient of variation CV from a standard gamma
 * draw G of shape 1 / CV^2 (G's mean is that shape): the same draw scaled to
 * each case's mean. */
static double rs__cm_scaled(double mean, double cv, double g) {
  if (mean <= 0) return 0;
  if (cv <= 0) return mean;
  return mean * cv * cv * g;
}

/* Trips of mode M between zone ZI (Ziyang side) and endpoint E, sampled over
 * window W in each of the NSCEN cases SCEN. TOWARD: from the Ziyang side. E is
 * a destination (cross-city) or another zone (local). Each sampled trip is the
 * same traveller in every case (common random numbers: the same start, the
 * same luck in access, wait and egress, scaled to the case's figures), so a
 * difference between the cases is the line's, not the sampling's. */
static int rs__cm_mode_pair(rs_commute *cm, gsl_rng *r, int m, const int *scen, int nscen, int w,
                            int zi, int e, int toward, double km) {
  const rs__commute_def *c = cm->c;
  const rs__mode *mode = &cm->s->model.modes[m];
  const rs__cm_mode *md = &c->modes[m];
  const rs__cm_zone *z = &c->zones[zi];
  int cross = e >= c->nzones;
  const double *eov = cross ? c->dests[e - c->nzones].ov[m] : c->zones[e].ov[m];
  /* minutes at the Ziyang end / the other end, ride and wait, zone overrides first */
  double zend = rs__cm_pick(z->ov[m][RS__CM_ACCESS], toward ? mode->access_min : mode->egress_min);
  double eend = rs__cm_pick(eov[cross ? RS__CM_EGRESS : RS__CM_ACCESS],
                            toward ? mode->egress_min : mode->access_min);
  rs__cm_figs f[RS__CM_NSCEN];
  for (int k = 0; k < nscen; k++) {
    rs__cm_figs *x = &f[k];
    x->ivt = rs__cm_pick(eov[RS__CM_IVT], rs__cm_pick(z->ov[m][RS__CM_IVT],
                                                     mode->ivt_min + mode->ivt_per_km * km));
    x->wait = rs__cm_pick(eov[RS__CM_WAIT], rs__cm_pick(z->ov[m][RS__CM_WAIT], mode->wait_min));
    x->acc = toward ? zend : eend;
    x->egr = toward ? eend : zend;
    if (scen[k] == RS__CM_WITHOUT) {
      x->acc = fmax(0, x->acc + md->before_add[RS__CM_ACCESS]);
      x->egr = fmax(0, x->egr + md->before_add[RS__CM_EGRESS]);
      x->ivt = fmax(0, x->ivt + md->before_add[RS__CM_IVT]);
      x->wait = fmax(0, x->wait + md->before_add[RS__CM_WAIT]);
    }
  }
  double a = w == RS__CM_WIN_PEAK ? c->peak_from_s : RS__CM_DAY_FROM_S;
  double b = w == RS__CM_WIN_PEAK ? c->peak_to_s : RS__CM_DAY_TO_S;
  int o = toward ? zi : e, d = toward ? e : zi;
  int timetable = cross && toward && md->ndep > 0, rc;
  double shape = md->cv > 0 ? 1 / (md->cv * md->cv) : 0;
  for (int i = 0; i < c->samples; i++) {
    double t0 = a + gsl_rng_uniform(r) * (b - a);
    double ga = shape > 0 ? gsl_ran_gamma(r, shape, 1) : 0;
    double uw = timetable ? 0 : gsl_rng_uniform(r);
    double ge = shape > 0 ? gsl_ran_gamma(r, shape, 1) : 0;
    for (int k = 0; k < nscen; k++) {
      const rs__cm_figs *x = &f[k];
      double part[RS__CM_NPART];
      part[RS__CM_P_ACCESS] = rs__cm_scaled(x->acc, md->cv, ga);
      double ready = t0 + part[RS__CM_P_ACCESS] * 60;
      if (timetable) {
        /* at the station check_in_min before the next departure that allows */
        double need = ready + md->check_in_min * 60, dep = -1;
        for (int j = 0; j < md->ndep && dep < 0; j++)
          if (md->dep_s[j] >= need) dep = md->dep_s[j];
        if (dep < 0) continue; /* after the last departure: not a trip of this day */
        part[RS__CM_P_WAIT] = (dep - ready) / 60;
      } else {
        /* a regular service of mean wait W: random arrival against headway 2W */
        part[RS__CM_P_WAIT] = uw * 2 * x->wait;
      }
      part[RS__CM_P_RIDE] = x->ivt * rs__cm_congestion(md, ready + part[RS__CM_P_WAIT] * 60);
      part[RS__CM_P_XFER] = mode->transfers * md->transfer_min;
      part[RS__CM_P_EGRESS] = rs__cm_scaled(x->egr, md->cv, ge) + md->parking_min;
      if ((rc = rs__cm_add(cm, rs__cm_group(cm, scen[k], w, o, d, m + 1), part)) != RS_OK) return rc;
    }
  }
  return RS_OK;
}

static int rs__cm_mode_open(const rs__mode *m, int32_t date) {
  if (date == RS__DATE_NONE) return 1;
  return (m->from == RS__DATE_NONE || date >= m->from) && (m->to == RS__DATE_NONE || date <= m->to);
}

static int rs__cm_competitors(rs_commute *cm, gsl_rng *r, const rs__results *rv) {
  const rs__commute_def *c = cm->c;
  const rs_scenario *s = cm->s;
  /* the cases drawn together: with the line and without, or only without */
  static const int both[] = {RS__CM_WITH, RS__CM_WITHOUT}, without[] = {RS__CM_WITHOUT};
  const int *scen = c->line ? both : without;
  int nscen = c->line ? 2 : 1;
  for (int m = 0; m < s->model.nmodes; m++) {
    const rs__mode *mode = &s->model.modes[m];
    if (!rs__cm_mode_open(mode, rv->detail_date)) continue;
    for (int w = 0; w < RS__CM_NWIN; w++)
      for (int zi = 0; zi < c->nzones; zi++) {
        const rs__station *so = &s->st[c->zones[zi].station];
        if (mode->serves != RS__SERVES_LOCAL)
          for (int k = 0; k < c->ndests; k++)
            for (int dir = 1; dir >= 0; dir--) {
              double km = fabs(so->km - s->st[c->interchange].km);
              int rc = rs__cm_mode_pair(cm, r, m, scen, nscen, w, zi, c->nzones + k, dir, km);
              if (rc != RS_OK) return rc;
            }
        if (mode->serves != RS__SERVES_CROSS)
          for (int zj = 0; zj < c->nzones; zj++) {
            if (zj == zi) continue;
            double km = fabs(so->km - s->st[c->zones[zj].station].km);
            int rc = rs__cm_mode_pair(cm, r, m, scen, nscen, w, zi, zj, 1, km);
            if (rc != RS_OK) return rc;
          }
      }
  }
  return RS_OK;
}

/* ---- summaries ---- */

/* Quantile Q of sorted V[0..n) (linear interpolation between order statistics). */
static double rs__cm_quantile(const double *v, int n, double q) {
  double h = (n - 1) * q;
  int i = (int)floor(h);
  if (i >= n - 1) return v[n - 1];
  return v[i] + (h - i) * (v[i + 1] - v[i]);
}

static const char *rs__cm_endpoint(const rs_commute *cm, int e) {
  return e < cm->c->nzones ? cm->c->zones[e].id : cm->c->dests[e - cm->c->nzones].id;
}

/* The figures of group G (names aside: rs__cm_list_rows), from its trips
 * sorted in V (room for them; W the sort's workspace, twice that). */
static void rs__cm_summarise_group(rs_commute *cm, int g, double *v, uint64_t *w) {
  const rs__cm_trips *q = &cm->grp[g];
  int n = q->n;
  rs_commute_row *row = &cm->gsum[g];
  memcpy(v, q->tot, (size_t)n * sizeof *v);
  rs__sort_doubles_ws(v, (size_t)n, w);
  row->n = n;
  double mean = 0; /* summed in sorted order, as it always was: the same digits */
  for (int i = 0; i < n; i++) mean += v[i];
  row->mean_min = mean / n;
  row->p10_min = rs__cm_quantile(v, n, 0.1);
  row->p50_min = rs__cm_quantile(v, n, 0.5);
  row->p90_min = rs__cm_quantile(v, n, 0.9);
  row->access_min = q->psum[RS__CM_P_ACCESS] / n;
  row->wait_min = q->psum[RS__CM_P_WAIT] / n;
  row->ride_min = q->psum[RS__CM_P_RIDE] / n;
  row->transfer_min = q->psum[RS__CM_P_XFER] / n;
  row->egress_min = q->psum[RS__CM_P_EGRESS] / n;
}

/* The figures of the metro's groups (METRO) or of the other modes'. */
static int rs__cm_summarise_half(rs_commute *cm, int metro) {
  int most = 1;
  for (int g = 0; g < cm->ngroups; g++)
    if ((g % cm->nm == 0) == metro && cm->grp[g].n > most) most = cm->grp[g].n;
  double *v = malloc((size_t)most * sizeof *v); /* a group's totals, sorted (the drawn order stays) */
  uint64_t *w = malloc((2 * (size_t)most + 1) * sizeof *w); /* the sort's workspace */
  if (!v || !w) return free(v), free(w), RS_ENOMEM;
  for (int g = 0; g < cm->ngroups; g++)
    if ((g % cm->nm == 0) == metro && cm->grp[g].n > 0) rs__cm_summarise_group(cm, g, v, w);
  free(v);
  free(w);
  return RS_OK;
}

/* The rows: the non-empty groups in group order, named from their index. */
static int rs__cm_list_rows(rs_commute *cm) {
  int nonempty = 0;
  for (int g = 0; g < cm->ngroups; g++) nonempty += cm->grp[g].n > 0;
  cm->rows = calloc((size_t)nonempty + 1, sizeof *cm->rows);
  cm->row_group = calloc((size_t)nonempty + 1, sizeof *cm->row_group);
  if (!cm->rows || !cm->row_group) return RS_ENOMEM;
  for (int g = 0; g < cm->ngroups; g++) {
    if (cm->grp[g].n == 0) continue;
    int mode = g % cm->nm, rest = g / cm->nm;
    int d = rest % cm->ne;
    rest /= cm->ne;
    int o = rest % cm->ne;
    rest /= cm->ne;
    int win = rest % RS__CM_NWIN, scen = rest / RS__CM_NWIN;
    rs_commute_row *row = &cm->rows[cm->nrows];
    cm->row_group[cm->nrows++] = g;
    *row = cm->gsum[g];
    row->origin_zone = rs__cm_endpoint(cm, o);
    row->dest_zone = rs__cm_endpoint(cm, d);
    row->mode = mode == 0 ? "metro" : cm->s->model.modes[mode - 1].id;
    row->window = rs__cm_win_name[win];
    row->scenario = rs__cm_scen_name[scen];
  }
  return RS_OK;
}

/* ---- the two halves ---- */

int rs__cm_begin(const rs_scenario *s, rs_commute **out) {
  *out = NULL;
  if (!s->commute) return RS_OK;
  rs_commute *cm = calloc(1, sizeof *cm);
  if (!cm) return RS_ENOMEM;
  cm->s = s;
  cm->c = s->commute;
  const rs__commute_def *c = cm->c;
  cm->ne = c->nzones + c->ndests;
  cm->nm = s->model.nmodes + 1;
  cm->ngroups = RS__CM_NSCEN * RS__CM_NWIN * cm->ne * cm->ne * cm->nm;
  cm->grp = calloc((size_t)cm->ngroups, sizeof *cm->grp);
  cm->gsum = calloc((size_t)cm->ngroups, sizeof *cm->gsum);
  cm->zone_of = malloc((size_t)s->nst * sizeof *cm->zone_of);
  int rc = cm->grp && cm->gsum && cm->zone_of ? RS_OK : RS_ENOMEM;
  for (int i = 0; i < c->nlines && rc == RS_OK; i++)
    rc = rs__cm_deps_build(&c->lines[i], &cm->deps[i]);
  if (rc != RS_OK) {
    rs_commute_free(cm);
    return rc;
  }
  for (int i = 0; i < s->nst; i++) cm->zone_of[i] = -1;
  for (int z = 0; z < c->nzones; z++) cm->zone_of[c->zones[z].station] = z;
  *out = cm;
  return RS_OK;
}

/* A half's generator: the run's seed with the half's salt, its replication and
 * the detail date (each half its own stream: they may be drawn at once). */
static gsl_rng *rs__cm_rng(const rs__results *rv, uint64_t salt) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (r)
    gsl_rng_set(r, rs__stream_seed(rv->s->seed ^ salt, rv->replication,
                                   rv->detail_date == RS__DATE_NONE ? 0 : rv->detail_date));
  return r;
}

int rs__cm_metro_half(rs_commute *cm, const rs__results *rv) {
  const rs__commute_def *c = cm->c;
  gsl_rng *r = rs__cm_rng(rv, RS__CM_SALT);
  if (!r) return RS_ENOMEM;
  int rc = RS_OK;
  if (c->line && rv->have_detail) {
    for (int i = 0; i < rv->ndpax && rc == RS_OK; i++) {
      const rs__pax *p = &rv->dpax[i];
      if (p->status != RS__PAX_DELIVERED) continue;
      rc = rs__cm_metro_trip(cm, r, cm->zone_of, p->origin, p->dest, p->arrival_s, p->boarded_s,
                             p->alighted_s);
    }
    if (rv->ndpax == 0) rc = rs__cm_metro_synthetic(cm, r, rv, cm->zone_of);
  }
  gsl_rng_free(r);
  return rc == RS_OK ? rs__cm_summarise_half(cm, 1) : rc;
}

int rs__cm_others_half(rs_commute *cm, const rs__results *rv) {
  gsl_rng *r = rs__cm_rng(rv, RS__CM_SALT_OTHERS);
  if (!r) return RS_ENOMEM;
  int rc = rs__cm_competitors(cm, r, rv);
  gsl_rng_free(r);
  return rc == RS_OK ? rs__cm_summarise_half(cm, 0) : rc;
}

int rs__cm_end(rs_commute *cm) { return rs__cm_list_rows(cm); }

/* ---- public API ---- */

int rs_commute_compute(const rs_sim *sim, rs_commute **out) {
  *out = NULL;
  if (!sim || !rs__sim_results(sim)->ran) return RS_ESTATE;
  return rs__commute_from(rs__sim_results(sim), out);
}

int rs__commute_from(const rs__results *rv, rs_commute **out) {
  rs_commute *cm = NULL;
  int rc = rs__cm_begin(rv->s, &cm);
  if (rc != RS_OK || !cm) return rc;
  rc = rs__cm_metro_half(cm, rv);
  if (rc == RS_OK) rc = rs__cm_others_half(cm, rv);
  if (rc == RS_OK) rc = rs__cm_end(cm);
  if (rc != RS_OK) {
    rs_commute_free(cm);
    return rc;
  }
  *out = cm;
  return RS_OK;
}

void rs_commute_free(rs_commute *c) {
  if (!c) return;
  for (int g = 0; c->grp && g < c->ngroups; g++) free(c->grp[g].tot);
  free(c->grp);
  for (int i = 0; i < RS__CM_MAX_LINES; i++) free(c->deps[i].t);
  free(c->rows);
  free(c->row_group);
  free(c->gsum);
  free(c->zone_of);
  free(c);
}

int rs_commute_count(const rs_commute *c) { return c ? c->nrows : 0; }

int rs_commute_row_get(const rs_commute *c, int i, rs_commute_row *out) {
  if (!c || i < 0 || i >= c->nrows) return RS_EINVAL;
  *out = c->rows[i];
  return RS_OK;
}

int rs_commute_find(const rs_commute *c, const char *origin, const char *dest, const char *mode,
                    const char *window, const char *scenario, rs_commute_row *out) {
  for (int i = 0; c && i < c->nrows; i++) {
    const rs_commute_row *r = &c->rows[i];
    if (!strcmp(r->origin_zone, origin) && !strcmp(r->dest_zone, dest) && !strcmp(r->mode, mode) &&
        !strcmp(r->window, window) && !strcmp(r->scenario, scenario)) {
      *out = *r;
      return RS_OK;
    }
  }
  return RS_EINVAL;
}

/* ---- for the writer: the sampled trips of the headline pair ---- */

int rs__cm_row_totals(const rs_commute *c, int i, double *out, int max) {
  const rs__cm_trips *q = &c->grp[c->row_group[i]];
  memcpy(out, q->tot, (size_t)(q->n < max ? q->n : max) * sizeof *out);
  return q->n;
}

int rs__cm_headline_row(const rs_commute *c, const char *mode, const char *scenario) {
  const char *o = c->c->zones[c->c->headline_zone].id, *d = c->c->dests[c->c->headline_dest].id;
  for (int i = 0; i < c->nrows; i++) {
    const rs_commute_row *r = &c->rows[i];
    if (!strcmp(r->origin_zone, o) && !strcmp(r->dest_zone, d) && !strcmp(r->mode, mode) &&
        !strcmp(r->window, "am_peak") && !strcmp(r->scenario, scenario))
      return i;
  }
  return -1;
}

int rs__cm_missed(const rs_commute *c) { return c->miss; }
const rs__commute_def *rs__cm_def(const rs_commute *c) { return c->c; }

int rs__sim_commute(const rs_sim *sim, const rs_commute **out) {
  *out = NULL;
  rs_sim *memo = (rs_sim *)sim; /* a cache: what it holds follows from the run */
  if (!memo->commute && memo->cm_job) rs__sim_commute_join(memo, memo->ran);
  if (!memo->commute) {
    int rc = rs_commute_compute(sim, &memo->commute);
    if (rc != RS_OK) return rc;
  }
  *out = memo->commute;
  return RS_OK;
}
