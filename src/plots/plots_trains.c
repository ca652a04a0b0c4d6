/* train-diagram.png: distance along the line against time of day, one line per
 * train of the detail day, down and up in two colours: bunching shows as lines
 * drawing together. */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "plots/plots_charts.h"

#define MAXS RS__PLOT_MAX_STATIONS

typedef struct stop {
  const char *train;
  int seq, dir;
  double km, arr, dep; /* hours */
} stop;

static int cmp_stop(const void *a, const void *b) {
  const stop *x = a, *y = b;
  int c = strcmp(x->train, y->train);
  return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

typedef struct diagram {
  const stop *st;
  int n, nst, day0;
  double tmin, tmax, kmin, kmax;
  double *x, *y; /* scratch for one train's polyline */
  char sid[MAXS][64];
  double skm[MAXS];
} diagram;

/* The hours shown: the whole day, or -- when the peak runs more than 16 trains an
 * hour, whose lines would merge into a block -- the three hours around the
 * busiest one, so each train reads as a line. */
static void window(const diagram *g, double *x0, double *x1, int *zoom) {
  int per[48] = {0}, best = 0;
  for (int i = 0; i < g->n; i++)
    if (i == 0 || strcmp(g->st[i].train, g->st[i - 1].train)) {
      int h = (int)g->st[i].dep;
      if (h >= 0 && h < 48) per[h]++;
    }
  for (int h = 1; h < 48; h++)
    if (per[h] > per[best]) best = h;
  *x0 = floor(g->tmin), *x1 = ceil(g->tmax);
  if (*x1 <= *x0) *x1 = *x0 + 1;
  *zoom = per[best] > 16 && *x1 - *x0 > 4;
  if (*zoom) *x0 = fmax(*x0, best - 1.0), *x1 = *x0 + 3;
}

static int draw_diagram(const rs__plots_ctx *c, const diagram *g, rs_diag *d) {
  rs__plot p;
  int rc = rs__plot_begin(&p, c->plots_dir, "train-diagram", c->format, d);
  if (rc) return rc;
  char lab[MAXS][RS__PLOT_LABEL];
  const char *lp[MAXS];
  int every = g->nst <= 20 ? 1 : (g->nst + 19) / 20; /* at most ~20 station names */
  for (int j = 0; j < g->nst; j++) {
    rs__plots_station_label(c, g->sid[j], lab[j], sizeof lab[j]);
    int last = j == g->nst - 1, show = last || (j % every == 0 && g->nst - 1 - j >= every);
    lp[j] = show || every == 1 ? lab[j] : "";
  }
  rs__plot_margins(&p, 0.05, 0.975, 0.13, 0.86);
  rs__plot_fit_ylabels(&p, g->nst, lp);
  double x0, x1, pad = 0.03 * (g->kmax - g->kmin > 0 ? g->kmax - g->kmin : 1);
  int zoom;
  window(g, &x0, &x1, &zoom);
  rs__plot_frame(&p, x0, x1, g->kmin - pad, g->kmax + pad, RS__AX_CLOCK, RS__AX_NONE);
  rs__plot_ygrid(&p, g->nst, g->skm);
  int ntrain = 0, ndir[2] = {0, 0};
  for (int i = 0; i < g->n;) { /* one polyline per train: arrival and departure at each stop */
    int j = i, k = 0;
    while (j < g->n && strcmp(g->st[j].train, g->st[i].train) == 0) {
      g->x[k] = g->st[j].arr, g->y[k++] = g->st[j].km;
      g->x[k] = g->st[j].dep, g->y[k++] = g->st[j].km;
      j++;
    }
    rs__plot_line(k, g->x, g->y, g->st[i].dir ? RS__C_VERMILION : RS__C_BLUE, zoom ? 1.3 : 0.9, 1);
    ntrain++, ndir[g->st[i].dir]++;
    i = j;
  }
  rs__plot_axes(&p);
  rs__plot_yticks(&p, g->nst, g->skm, lp);
  char sub[240], date[24], win[80] = "";
  rs__csvtable_day_label(g->day0, date, sizeof date);
  if (zoom)
    snprintf(win, sizeof win, "; %02d:00-%02d:00 shown, the busiest hours", (int)x0 % 24,
             (int)x1 % 24);
  snprintf(sub, sizeof sub, "%s, %d trains (%d down, %d up)%s; lines drawing together are bunching trains",
           date, ntrain, ndir[0], ndir[1], win);
  rs__plot_titles(&p, "Train diagram", sub, "time of day", NULL);
  rs__legend_item it[2] = {{"down (increasing km)", RS__LEG_LINE, RS__C_BLUE, 1, 2.0, 0},
                           {"up", RS__LEG_LINE, RS__C_VERMILION, 1, 2.0, 0}};
  rs__plot_legend(&p, 2, it, PL_POSITION_TOP | PL_POSITION_RIGHT | PL_POSITION_OUTSIDE);
  return rs__plot_end(&p, d);
}

int rs__chart_trains(const rs__plots_ctx *c, rs_diag *d) {
  rs__csvtable *t;
  int rc = rs__plots_load(c, "trains.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  enum { DATE, TRAIN, DIR, SEQ, STATION, KM, ARR, DEP, NC };
  static const char *const names[NC] = {"date", "train", "direction", "seq", "station",
                                        "km", "arrival_s", "departure_s"};
  int col[NC];
  stop *st = NULL;
  double *xy = NULL;
  for (int k = 0; k < NC; k++)
    if ((rc = rs__csvtable_need(t, names[k], &col[k], d))) goto out;
  if (t->nrow == 0) goto out;
  st = malloc((size_t)t->nrow * sizeof *st);
  xy = malloc((size_t)t->nrow * 4 * sizeof *xy);
  if (!st || !xy) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  int n = 0, day0 = 0, nst = 0;
  char sid[MAXS][64];
  double skm[MAXS], tmin = INFINITY, tmax = -INFINITY, kmin = INFINITY, kmax = -INFINITY;
  for (int r = 0; r < t->nrow; r++) {
    int day;
    double seq, km, a, b;
    if ((rc = rs__csvtable_day(t, r, col[DATE], &day, d)) ||
        (rc = rs__csvtable_num(t, r, col[SEQ], 0, &seq, d)) ||
        (rc = rs__csvtable_num(t, r, col[KM], 0, &km, d)) ||
        (rc = rs__csvtable_num(t, r, col[ARR], 1, &a, d)) ||
        (rc = rs__csvtable_num(t, r, col[DEP], 1, &b, d)))
      goto out;
    const char *dir = rs__csvtable_str(t, r, col[DIR]);
    if (strcmp(dir, "down") && strcmp(dir, "up")) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0,
                        "column 'direction': '%.20s' is not down or up", dir);
      goto out;
    }
    if (isnan(a) && isnan(b)) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0,
                        "neither arrival_s nor departure_s is given");
      goto out;
    }
    if (r == 0) day0 = day;
    if (day != day0) continue; /* the detail day: the first date */
    if (isnan(a)) a = b; /* origin terminal */
    if (isnan(b)) b = a; /* destination terminal */
    stop *s = &st[n++];
    s->train = rs__csvtable_str(t, r, col[TRAIN]);
    s->seq = (int)seq;
    s->dir = strcmp(dir, "up") == 0;
    s->km = km, s->arr = a / 3600.0, s->dep = b / 3600.0;
    tmin = fmin(tmin, s->arr), tmax = fmax(tmax, s->dep);
    kmin = fmin(kmin, km), kmax = fmax(kmax, km);
    const char *id = rs__csvtable_str(t, r, col[STATION]);
    int j = 0;
    while (j < nst && strcmp(sid[j], id)) j++;
    if (j == nst && nst < MAXS) {
      snprintf(sid[nst], sizeof sid[0], "%s", id);
      skm[nst++] = km;
    }
  }
  qsort(st, (size_t)n, sizeof *st, cmp_stop);
  diagram dg = {.st = st, .n = n, .nst = nst, .day0 = day0, .tmin = tmin, .tmax = tmax,
                .kmin = kmin, .kmax = kmax, .x = xy, .y = xy + 2 * (size_t)t->nrow};
  memcpy(dg.sid, sid, sizeof sid);
  memcpy(dg.skm, skm, sizeof skm);
  rc = draw_diagram(c, &dg, d);
out:
  free(st);
  free(xy);
  rs__csvtable_free(t);
  return rc;
}
