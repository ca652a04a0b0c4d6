/* boardings.png: boardings by station and hour of the detail day (heatmap). */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "plots/plots_charts.h"

#define MAXH 48
#define MAXS RS__PLOT_MAX_STATIONS

/* Clock labels under the columns: every hour, or every other past 12 columns. */
static void hour_ticks(rs__plot *p, int hmin, int nx) {
  double hx[MAXH + 1];
  char hl[MAXH + 1][8];
  const char *hp[MAXH + 1];
  int step = nx > 12 ? 2 : 1, nh = 0;
  for (int i = 0; i <= nx; i++) {
    if ((hmin + i) % step) continue;
    hx[nh] = i;
    snprintf(hl[nh], sizeof hl[nh], "%02d:00", (hmin + i) % 24);
    hp[nh] = hl[nh];
    nh++;
  }
  rs__plot_xticks(p, nh, hx, hp, NULL);
}

int rs__chart_boardings(const rs__plots_ctx *c, rs_diag *d) {
  rs__csvtable *t;
  int rc = rs__plots_load(c, "stations.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  int cd, cs, ch, cb;
  double *z = NULL;
  char(*ids)[64] = NULL;
  if ((rc = rs__csvtable_need(t, "date", &cd, d)) || (rc = rs__csvtable_need(t, "station", &cs, d)) ||
      (rc = rs__csvtable_need(t, "hour", &ch, d)) || (rc = rs__csvtable_need(t, "boardings", &cb, d)))
    goto out;
  if (t->nrow == 0) goto out;
  z = calloc((size_t)MAXS * MAXH, sizeof *z);
  ids = calloc(MAXS, sizeof *ids);
  if (!z || !ids) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  int day0 = 0, nst = 0, hmin = MAXH, hmax = -1;
  double zmax = 0, total = 0;
  for (int r = 0; r < t->nrow; r++) {
    int day;
    double h, b;
    if ((rc = rs__csvtable_day(t, r, cd, &day, d)) || (rc = rs__csvtable_num(t, r, ch, 0, &h, d)) ||
        (rc = rs__csvtable_num(t, r, cb, 0, &b, d)))
      goto out;
    if (h < 0 || h >= MAXH || h != floor(h)) {
      rc = rs__diag_add(d, RS_ESYNTAX, t->path, t->line[r], 0,
                        "column 'hour': %g is not a whole hour 0-%d", h, MAXH - 1);
      goto out;
    }
    if (r == 0) day0 = day;
    if (day != day0) continue; /* the detail day: the first date */
    const char *id = rs__csvtable_str(t, r, cs);
    int j = 0;
    while (j < nst && strcmp(ids[j], id)) j++;
    if (j == nst) {
      if (nst == MAXS) {
        rc = rs__diag_add(d, RS_ELIMIT, t->path, t->line[r], 0, "more than %d stations", MAXS);
        goto out;
      }
      snprintf(ids[nst++], sizeof ids[0], "%s", id);
    }
    z[(size_t)j * MAXH + (size_t)h] += b;
    total += b;
    if (b > 0) hmin = (int)fmin(hmin, h), hmax = (int)fmax(hmax, h);
  }
  if (hmax < 0) hmin = 5, hmax = 23;
  int nx = hmax - hmin + 1;
  /* Cells: first station at the top, as on a line map read downward. */
  double *cells = malloc((size_t)nx * (size_t)nst * sizeof *cells);
  if (!cells) {
    rc = rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
    goto out;
  }
  for (int j = 0; j < nst; j++)
    for (int i = 0; i < nx; i++) {
      double v = z[(size_t)j * MAXH + (size_t)(hmin + i)];
      cells[(size_t)(nst - 1 - j) * (size_t)nx + (size_t)i] = v;
      zmax = fmax(zmax, v);
    }
  rs__plot p;
  if ((rc = rs__plot_begin(&p, c->plots_dir, "boardings", c->format, d))) {
    free(cells);
    goto out;
  }
  double sy[MAXS];
  char sl[MAXS][RS__PLOT_LABEL];
  const char *sp[MAXS];
  for (int j = 0; j < nst; j++) {
    sy[j] = nst - 1 - j + 0.5;
    rs__plots_station_label(c, ids[j], sl[j], sizeof sl[j]);
    sp[j] = sl[j];
  }
  rs__plot_margins(&p, 0.05, 0.9, 0.13, 0.88);
  rs__plot_fit_ylabels(&p, nst, sp);
  rs__plot_frame(&p, 0, nx, 0, nst, RS__AX_NONE, RS__AX_NONE);
  rs__plot_heatmap(&p, nx, nst, cells, 0, rs__plot_nice_max(zmax), "boardings per hour",
                   nx <= 24 && nst <= 16);
  free(cells);
  rs__plot_axes(&p);
  hour_ticks(&p, hmin, nx);
  rs__plot_yticks(&p, nst, sy, sp);
  char sub[200], date[24], tot[40];
  rs__csvtable_day_label(day0, date, sizeof date);
  rs__plots_fmt_int(total, tot, sizeof tot);
  snprintf(sub, sizeof sub, "%s, %s boardings in all", date, tot);
  rs__plot_titles(&p, "Boardings by station and hour", sub, "hour of the day (start of hour)",
                  NULL);
  rc = rs__plot_end(&p, d);
out:
  free(z);
  free(ids);
  rs__csvtable_free(t);
  return rc;
}
