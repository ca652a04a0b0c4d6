/* commute.png: distribution (CDF) of door-to-door commute time by mode, with
 * and without the line, from commute_samples.csv (scenario,mode,minutes). */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "plots/plots_charts.h"

#define MAXG RS__LEGEND_MAX
#define NPTS 400 /* points per curve: enough for a smooth CDF at any sample size */

typedef struct group {
  char scen[40], mode[40];
  int n, fill;
  double *v;
} group;

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Each group's values contiguous in VALS (then sorted by the caller). */
static void group_values(const rs__csvtable *t, int cv, const int *gi, double *vals, group *g,
                         int ng) {
  for (int k = 0, off = 0; k < ng; k++) g[k].v = vals + off, off += g[k].n;
  for (int r = 0; r < t->nrow; r++) {
    double v;
    rs__csvtable_num(t, r, cv, 0, &v, NULL);
    g[gi[r]].v[g[gi[r]].fill++] = v;
  }
}

int rs__chart_commute(const rs__plots_ctx *c, rs_diag *d) {
  rs__csvtable *t;
  int rc = rs__plots_load(c, "commute_samples.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  int cs, cm, cv, ng = 0, nmode = 0;
  group g[MAXG];
  char modes[MAXG][40];
  int *gi = NULL;
  double *vals = NULL;
  memset(g, 0, sizeof g);
  if ((rc = rs__csvtable_need(t, "scenario", &cs, d)) || (rc = rs__csvtable_need(t, "mode", &cm, d)) ||
      (rc = rs__csvtable_need(t, "minutes", &cv, d)))
    goto out;
  if (t->nrow == 0) goto out;
  gi = malloc((size_t)t->nrow * sizeof *gi);
  vals = malloc((size_t)t->nrow * sizeof *vals);
  if (!gi || !vals) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  double xmin = INFINITY, xmax = 0;
  for (int r = 0; r < t->nrow; r++) {
    double v;
    if ((rc = rs__csvtable_num(t, r, cv, 0, &v, d))) goto out;
    if (v < 0) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0, "column 'minutes': negative");
      goto out;
    }
    const char *s = rs__csvtable_str(t, r, cs), *m = rs__csvtable_str(t, r, cm);
    int k = 0;
    while (k < ng && (strcmp(g[k].scen, s) || strcmp(g[k].mode, m))) k++;
    if (k == ng) {
      if (ng == MAXG) {
        rc = rs__diag_add(d, RS_ELIMIT, t->path, t->line[r], 0,
                          "more than %d scenario-mode pairs", MAXG);
        goto out;
      }
      snprintf(g[k].scen, sizeof g[k].scen, "%s", s);
      snprintf(g[k].mode, sizeof g[k].mode, "%s", m);
      ng++;
    }
    g[k].n++;
    gi[r] = k;
    xmax = fmax(xmax, v);
    xmin = fmin(xmin, v);
  }
  group_values(t, cv, gi, vals, g, ng);
  int both = 0;
  for (int k = 0; k < ng; k++) {
    qsort(g[k].v, (size_t)g[k].n, sizeof *g[k].v, cmp_double);
    int m = 0;
    while (m < nmode && strcmp(modes[m], g[k].mode)) m++;
    if (m == nmode) snprintf(modes[nmode++], sizeof modes[0], "%s", g[k].mode);
    if (strcmp(g[k].scen, g[0].scen)) both = 1;
  }
  rs__plot p;
  if ((rc = rs__plot_begin(&p, c->plots_dir, "commute", c->format, d))) goto out;
  /* From the tens below the quickest trip: no trip takes under an hour or so
   * door to door, and an axis from 0 left a quarter of the width empty. */
  double x0 = 10 * floor(0.9 * xmin / 10);
  rs__plot_frame(&p, x0, rs__plot_nice_max(xmax * 1.02), 0, 100, RS__AX_PLAIN, RS__AX_PERCENT);
  rs__legend_item it[MAXG];
  char lab[MAXG][120];
  double px[NPTS + 1], py[NPTS + 1];
  for (int k = 0; k < ng; k++) {
    int m = 0;
    while (strcmp(modes[m], g[k].mode)) m++;
    int dashed = strcmp(g[k].scen, "without_line") == 0;
    int np = g[k].n < NPTS ? g[k].n : NPTS;
    /* Empirical CDF through NP quantiles: share of trips at most x. */
    for (int i = 0; i < np; i++) {
      int idx = np > 1 ? (int)((double)i * (g[k].n - 1) / (np - 1)) : 0;
      px[i] = g[k].v[idx];
      py[i] = 100.0 * (idx + 1) / g[k].n;
    }
    int color = rs__plot_series_color(m);
    rs__plot_line(np, px, py, color, 2.4, dashed ? 2 : 1);
    double med = g[k].v[(g[k].n - 1) / 2];
    if (both || strcmp(g[k].scen, "with_line"))
      snprintf(lab[k], sizeof lab[k], "%.39s, %.39s (median %.0f min)", g[k].mode,
               dashed ? "without the line" : strcmp(g[k].scen, "with_line") ? g[k].scen : "with the line", med);
    else
      snprintf(lab[k], sizeof lab[k], "%.39s (median %.0f min)", g[k].mode, med);
    it[k] = (rs__legend_item){lab[k], RS__LEG_LINE, color, dashed ? 2 : 1, 2.4, 0};
  }
  rs__plot_axes(&p);
  char sub[200];
  snprintf(sub, sizeof sub, "share of sampled door-to-door trips taking at most x minutes%s",
           both ? "; dashed: without the line" : "");
  rs__plot_titles(&p, "Door-to-door commute time by mode", sub, "door-to-door time (min)",
                  "share of trips (%)");
  /* bottom right: the corner a distribution's curves leave empty */
  rs__plot_legend(&p, ng, it, PL_POSITION_BOTTOM | PL_POSITION_RIGHT);
  rc = rs__plot_end(&p, d);
out:
  free(gi);
  free(vals);
  rs__csvtable_free(t);
  return rc;
}
