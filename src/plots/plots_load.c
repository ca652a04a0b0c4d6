/* load-profile.png: passengers on each section in both directions in the peak
 * hour of the detail day, against the capacity offered in that hour. */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "plots/plots_charts.h"

#define MAXH 48 /* hours of a service day that runs past midnight */
#define MAXS RS__PLOT_MAX_STATIONS

typedef struct prof {
  int nst;
  char id[MAXS][64];
  double km[MAXS];
  double pax[2][MAXS], cap[2][MAXS], trains[2][MAXS]; /* [dir][section] */
} prof;

/* Station index of ID at KM, added in km order when new. */
static int station_at(prof *s, const char *id, double km) {
  for (int i = 0; i < s->nst; i++)
    if (strcmp(s->id[i], id) == 0) return i;
  if (s->nst >= MAXS) return -1;
  int i = s->nst++;
  snprintf(s->id[i], sizeof s->id[i], "%s", id);
  s->km[i] = km;
  return i;
}


/* The capacity each direction offers in the hour: the most trains through any of
 * its sections (a section's own count swings by one train with the phase of the
 * timetable against the clock hour, which is not a change of service). */
static double offered(const prof *s, int dir, int ns) {
  double m = 0;
  for (int i = 0; i < ns; i++) m = fmax(m, s->cap[dir][i]);
  return m;
}

/* Station labels: all of them up to 14 stations, else every k-th (and the ends). */
static void station_labels(const rs__plots_ctx *c, const prof *s, int ns, char (*l1)[RS__PLOT_LABEL],
                           char (*l2)[RS__PLOT_LABEL], const char **p1, const char **p2) {
  int every = ns + 1 <= 14 ? 1 : (ns + 1 + 11) / 12;
  for (int i = 0; i <= ns; i++) {
    rs__plots_station_lines(c, s->id[i], l1[i], l2[i], RS__PLOT_LABEL);
    /* every k-th, and the last station, unless the one before it would crowd it */
    int show = i == ns || (i % every == 0 && (every == 1 || ns - i >= every));
    p1[i] = show ? l1[i] : "";
    p2[i] = show && l2[i][0] ? l2[i] : NULL;
  }
}

/* Load factor above each bar while bars are wide enough to read it, else above
 * each direction's highest bar only. */
static void lf_labels(const prof *s, int ns, const double *xs, double ytop) {
  for (int k = 0; k < 2; k++) {
    int top = 0;
    for (int i = 1; i < ns; i++)
      if (s->pax[k][i] > s->pax[k][top]) top = i;
    for (int i = 0; i < ns; i++) {
      if (!(s->cap[k][i] > 0) || (ns > 12 && i != top)) continue;
      char lf[32];
      snprintf(lf, sizeof lf, "%.0f%%", 100 * s->pax[k][i] / s->cap[k][i]);
      rs__plot_text(xs[i] + (k ? 0.19 : -0.19), s->pax[k][i] + ytop * 0.018, 0.5,
                    ns > 12 ? 0.75 : 0.9, RS__C_FG, lf);
    }
  }
}

static void profile_titles(const rs__plots_ctx *c, rs__plot *p, const prof *s, int ns, int day0,
                           int peak, double phpdt, double cap_max, double ytop) {
  int dir = 0, sec = 0;
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < ns; i++)
      if (s->pax[k][i] == phpdt) dir = k, sec = i, k = 2, i = ns;
  char a[RS__PLOT_LABEL], b[RS__PLOT_LABEL], tmp[RS__PLOT_LABEL], sub[4 * RS__PLOT_LABEL], date[24],
      pk[40];
  rs__plots_station_lines(c, s->id[dir ? sec + 1 : sec], tmp, a, sizeof a);
  if (!a[0]) snprintf(a, sizeof a, "%s", tmp);
  rs__plots_station_lines(c, s->id[dir ? sec : sec + 1], tmp, b, sizeof b);
  if (!b[0]) snprintf(b, sizeof b, "%s", tmp);
  rs__csvtable_day_label(day0, date, sizeof date);
  rs__plots_fmt_int(phpdt, pk, sizeof pk);
  char capnote[80] = "";
  if (cap_max > ytop) {
    char cm[40];
    rs__plots_fmt_int(cap_max, cm, sizeof cm);
    snprintf(capnote, sizeof capnote, "; capacity %s/h, above the scale", cm);
  }
  snprintf(sub, sizeof sub, "%s, %02d:00-%02d:00: peak-hour peak-direction load %s, %s %s to %s%s",
           date, peak % 24, peak % 24 + 1, pk, dir ? "up" : "down", a, b, capnote);
  rs__plot_titles(p, "Peak-hour line load profile", sub, NULL, "passengers in the hour");
}

static int draw_profile(const rs__plots_ctx *c, const prof *s, int ns, int day0, int peak,
                        double phpdt, rs_diag *d) {
  rs__plot p;
  int rc = rs__plot_begin(&p, c->plots_dir, "load-profile", c->format, d);
  if (rc) return rc;
  double ymax = 0, xs[MAXS], edges[MAXS], cap[2][MAXS];
  double off[2] = {offered(s, 0, ns), offered(s, 1, ns)};
  for (int i = 0; i < ns; i++) {
    xs[i] = i + 0.5;
    for (int k = 0; k < 2; k++) ymax = fmax(ymax, s->pax[k][i]), cap[k][i] = off[k];
  }
  for (int i = 0; i <= ns; i++) edges[i] = i;
  /* the scale is the load's, with room for the legend; the capacity line shows
   * when it falls inside it (else the subtitle gives it) */
  double ytop = rs__plot_nice_max(fmax(ymax * 1.45, 1));
  if (fmax(off[0], off[1]) <= ytop * 1.25 && fmax(off[0], off[1]) > ytop)
    ytop = rs__plot_nice_max(fmax(off[0], off[1]) * 1.1);
  rs__plot_margins(&p, 0.085, 0.965, 0.15, 0.86);
  rs__plot_frame(&p, -0.15, ns + 0.15, 0, ytop, RS__AX_NONE, RS__AX_THOUSANDS);
  double ygrid[12];
  for (int i = 0; i < 11; i++) ygrid[i] = ytop * i / 10.0;
  rs__plot_ygrid(&p, 11, ygrid);
  rs__plot_bars(ns, xs, s->pax[0], 0.36, -0.19, RS__C_BLUE);
  rs__plot_bars(ns, xs, s->pax[1], 0.36, +0.19, RS__C_ORANGE);
  lf_labels(s, ns, xs, ytop);
  int same = off[0] == off[1], capshown = fmax(off[0], off[1]) <= ytop;
  if (capshown) rs__plot_steps(ns, edges, cap[0], RS__C_DARK, 2.4, 1);
  if (capshown && !same) rs__plot_steps(ns, edges, cap[1], RS__C_GREY, 2.4, 2);
  rs__plot_axes(&p);
  char l1[MAXS][RS__PLOT_LABEL], l2[MAXS][RS__PLOT_LABEL];
  const char *p1[MAXS], *p2[MAXS];
  station_labels(c, s, ns, l1, l2, p1, p2);
  rs__plot_xticks(&p, ns + 1, edges, p1, p2);
  profile_titles(c, &p, s, ns, day0, peak, phpdt, fmax(off[0], off[1]), ytop);
  char dl[RS__PLOT_LABEL + 16], ul[RS__PLOT_LABEL + 16], en[RS__PLOT_LABEL], tmp[RS__PLOT_LABEL];
  rs__plots_station_lines(c, s->id[ns], en, tmp, sizeof en);
  snprintf(dl, sizeof dl, "down, to %s", tmp[0] ? tmp : en);
  rs__plots_station_lines(c, s->id[0], en, tmp, sizeof en);
  snprintf(ul, sizeof ul, "up, to %s", tmp[0] ? tmp : en);
  rs__legend_item it[4];
  int k = 0;
  it[k++] = (rs__legend_item){dl, RS__LEG_BOX, RS__C_BLUE, 1, 1, 0};
  it[k++] = (rs__legend_item){ul, RS__LEG_BOX, RS__C_ORANGE, 1, 1, 0};
  if (capshown)
    it[k++] = (rs__legend_item){same ? "capacity offered" : "capacity down", RS__LEG_LINE,
                                RS__C_DARK, 1, 2.4, 0};
  if (capshown && !same)
    it[k++] = (rs__legend_item){"capacity up", RS__LEG_LINE, RS__C_GREY, 2, 2.4, 0};
  rs__plot_legend(&p, k, it, PL_POSITION_TOP | PL_POSITION_RIGHT); /* inside: clear of the title */
  return rs__plot_end(&p, d);
}

int rs__chart_load_profile(const rs__plots_ctx *c, rs_diag *d) {
  rs__csvtable *t;
  int rc = rs__plots_load(c, "sections.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  prof *s = calloc(1, sizeof *s);
  int *hrow = NULL;
  enum { DATE, DIR, FROM, TO, KF, KT, HOUR, PAX, TRAINS, CAP, NC };
  static const char *const names[NC] = {"date", "direction", "from", "to", "km_from",
                                        "km_to", "hour", "passengers", "trains", "capacity"};
  int col[NC];
  if (!s) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  for (int k = 0; k < NC; k++)
    if ((rc = rs__csvtable_need(t, names[k], &col[k], d))) goto out;
  if (t->nrow == 0) goto out;
  /* Pass 1: validate, find the detail day (the first date) and its busiest hour. */
  double byhour[MAXH] = {0}; /* the most loaded section and direction of each hour */
  int day0 = 0;
  hrow = malloc((size_t)t->nrow * sizeof *hrow);
  if (!hrow) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  for (int r = 0; r < t->nrow; r++) {
    int day;
    double v[NC];
    if ((rc = rs__csvtable_day(t, r, col[DATE], &day, d))) goto out;
    for (int k = KF; k < NC; k++)
      if ((rc = rs__csvtable_num(t, r, col[k], 0, &v[k], d))) goto out;
    const char *dir = rs__csvtable_str(t, r, col[DIR]);
    if (strcmp(dir, "down") && strcmp(dir, "up")) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0,
                        "column 'direction': '%.20s' is not down or up", dir);
      goto out;
    }
    if (v[HOUR] < 0 || v[HOUR] >= MAXH || v[HOUR] != floor(v[HOUR])) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0,
                        "column 'hour': %g is not a whole hour 0-%d", v[HOUR], MAXH - 1);
      goto out;
    }
    if (r == 0) day0 = day;
    hrow[r] = day == day0 ? (int)v[HOUR] : -1;
    if (day == day0) byhour[(int)v[HOUR]] = fmax(byhour[(int)v[HOUR]], v[PAX]);
  }
  int peak = 0;
  for (int h = 1; h < MAXH; h++)
    if (byhour[h] > byhour[peak]) peak = h;
  /* Pass 2: stations of the detail day in km order, then the peak hour's sections. */
  for (int r = 0; r < t->nrow; r++) {
    if (hrow[r] < 0) continue;
    double kf, kt;
    rs__csvtable_num(t, r, col[KF], 0, &kf, NULL);
    rs__csvtable_num(t, r, col[KT], 0, &kt, NULL);
    if (station_at(s, rs__csvtable_str(t, r, col[FROM]), kf) < 0 ||
        station_at(s, rs__csvtable_str(t, r, col[TO]), kt) < 0) {
      rc = rs__diag_add(d, RS_ELIMIT, t->path, t->line[r], 0, "more than %d stations", MAXS);
      goto out;
    }
  }
  for (int i = 1; i < s->nst; i++) /* insertion sort by km: a handful of stations */
    for (int j = i; j > 0 && s->km[j] < s->km[j - 1]; j--) {
      char tid[64];
      double tk = s->km[j];
      memcpy(tid, s->id[j], sizeof tid);
      memcpy(s->id[j], s->id[j - 1], sizeof tid);
      memcpy(s->id[j - 1], tid, sizeof tid);
      s->km[j] = s->km[j - 1], s->km[j - 1] = tk;
    }
  int ns = s->nst - 1;
  if (ns < 1) goto out;
  for (int r = 0; r < t->nrow; r++) {
    if (hrow[r] != peak) continue;
    double kf, kt, v[3];
    rs__csvtable_num(t, r, col[KF], 0, &kf, NULL);
    rs__csvtable_num(t, r, col[KT], 0, &kt, NULL);
    rs__csvtable_num(t, r, col[PAX], 0, &v[0], NULL);
    rs__csvtable_num(t, r, col[TRAINS], 0, &v[1], NULL);
    rs__csvtable_num(t, r, col[CAP], 0, &v[2], NULL);
    int dir = strcmp(rs__csvtable_str(t, r, col[DIR]), "up") == 0;
    double lo = fmin(kf, kt);
    int sec = -1;
    for (int i = 0; i < ns; i++)
      if (fabs(s->km[i] - lo) < 1e-6) sec = i;
    if (sec < 0) continue;
    s->pax[dir][sec] += v[0];
    s->trains[dir][sec] += v[1];
    s->cap[dir][sec] += v[2];
  }
  if (byhour[peak] <= 0) goto out; /* no train carried anyone (e.g. without the line): no chart */
  rc = draw_profile(c, s, ns, day0, peak, byhour[peak], d);
out:
  free(hrow);
  free(s);
  rs__csvtable_free(t);
  return rc;
}
