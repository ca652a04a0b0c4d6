/* Dated trains of an imported route: every trip whose service runs on each
 * date of the range (calendar.txt with calendar_dates.txt exceptions), and
 * for trips in frequencies.txt one train every headway_secs from start_time
 * while before end_time -- exact_times 1 and 0 alike, since a simulation
 * needs times: with 0 the feed promises only the headway, and the trains are
 * placed at start_time + k x headway. Times past 24:00 stay on the service
 * day they belong to. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/gtfs.h"

static int rs__push(rs__gtfs_train **v, int *n, int *cap, const rs__gtfs_train *t) {
  if (*n == *cap) {
    int c = *cap ? *cap * 2 : 256;
    rs__gtfs_train *p = realloc(*v, (size_t)c * sizeof *p);
    if (!p) return RS_ENOMEM;
    *v = p;
    *cap = c;
  }
  (*v)[(*n)++] = *t;
  return RS_OK;
}

/* Train id: the trip_id made a ridersim id, "-HHMMSS" for a frequency train. */
static void rs__train_id(const rs__gtfs_line *ln, const rs__gtfs_trip *tp, int freq, double start_s,
                         char *id) {
  const char *tid = rs__gtfs_cell(&ln->trips, tp->row, 2);
  size_t n = 0;
  for (const char *p = tid; *p && n < 22; p++)
    id[n++] = isalnum((unsigned char)*p) || *p == '_' || *p == '-' ? *p : '_';
  id[n] = 0;
  if (freq) {
    long t = (long)start_s;
    snprintf(id + n, 32 - n, "-%02ld%02ld%02ld", t / 3600, t / 60 % 60, t % 60);
  }
}

static double rs__train_dep(const rs__gtfs_line *ln, const rs__gtfs_train *t) {
  return ln->stime[ln->trip[t->trip].first_st].dep_s + t->offset_s;
}

typedef struct rs__tkey {
  int32_t date;
  double dep;
  int ix;
} rs__tkey;

static int rs__cmp_tkey(const void *a, const void *b) {
  const rs__tkey *x = a, *y = b;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  if (x->dep != y->dep) return x->dep < y->dep ? -1 : 1;
  return (x->ix > y->ix) - (x->ix < y->ix);
}

/* Date, then first departure; ids made unique within each date. */
static int rs__order(const rs__gtfs_line *ln, rs__gtfs_train *v, int n) {
  rs__tkey *k = malloc((size_t)n * sizeof *k + 1);
  rs__gtfs_train *c = malloc((size_t)n * sizeof *c + 1);
  if (!k || !c) return free(k), free(c), RS_ENOMEM;
  for (int i = 0; i < n; i++) k[i] = (rs__tkey){v[i].date, rs__train_dep(ln, &v[i]), i};
  qsort(k, (size_t)n, sizeof *k, rs__cmp_tkey);
  for (int i = 0; i < n; i++) c[i] = v[k[i].ix];
  rs__gtfs_map seen = {0};
  int rc = RS_OK;
  for (int i = 0; i < n && !rc; i++) {
    if (i > 0 && c[i].date != c[i - 1].date) rs__gtfs_map_free(&seen);
    char base[32];
    snprintf(base, sizeof base, "%s", c[i].id);
    for (int s = 2; rs__gtfs_map_get(&seen, c[i].id) >= 0; s++)
    {
      char wide[64];
      snprintf(wide, sizeof wide, "%.24s-%d", base, s % 1000000);
      snprintf(c[i].id, sizeof c[i].id, "%.31s", wide);
    }
    rc = rs__gtfs_map_put(&seen, c[i].id, i);
  }
  rs__gtfs_map_free(&seen);
  memcpy(v, c, (size_t)n * sizeof *v);
  free(k);
  free(c);
  return rc;
}

int rs__gtfs_trains(const rs__gtfs_line *ln, int32_t from, int32_t to, rs__gtfs_train **out, int *n) {
  rs__gtfs_train *v = NULL;
  int nv = 0, cap = 0, rc = RS_OK;
  for (int32_t date = from; date <= to && !rc; date++)
    for (int i = 0; i < ln->ntrip && !rc; i++) {
      const rs__gtfs_trip *tp = &ln->trip[i];
      if (tp->dropped || !rs__gtfs_service_runs(&ln->sv, tp->service, date)) continue;
      rs__gtfs_train t = {date, i, 0, ""};
      if (tp->nfreq == 0) {
        rs__train_id(ln, tp, 0, 0, t.id);
        rc = rs__push(&v, &nv, &cap, &t);
        continue;
      }
      double dep0 = ln->stime[tp->first_st].dep_s;
      for (int f = tp->freq0; f < tp->freq0 + tp->nfreq && !rc; f++) {
        const rs__gtfs_freq *fq = &ln->freqs[f];
        for (double s = fq->start_s; s < fq->end_s && !rc; s += fq->headway_s) {
          if (nv > 2000000) rc = RS_ELIMIT;
          t.offset_s = s - dep0;
          rs__train_id(ln, tp, 1, s, t.id);
          if (!rc) rc = rs__push(&v, &nv, &cap, &t);
        }
      }
    }
  if (!rc) rc = rs__order(ln, v, nv);
  if (rc) {
    free(v);
    return rc;
  }
  *out = v;
  *n = nv;
  return RS_OK;
}
