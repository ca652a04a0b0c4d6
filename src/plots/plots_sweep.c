/* Sweep charts: a tornado of sensitivity indices per figure (parameters
 * sorted by importance, top first) and a heatmap of a figure over a
 * two-parameter grid. Drawn with the layer of plots_draw.h, after the
 * simulations (PLplot is not thread-safe). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <plplot.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "plots/plots_draw.h"
#include "plots/series.h"

static int rs__plots_dir(const char *dir, rs_diag *d) {
  if (mkdir(dir, 0777) != 0 && errno != EEXIST)
    return rs__diag_add(d, RS_EIO, dir, 0, 0, "cannot create: %s", strerror(errno));
  return RS_OK;
}

int rs__plot_tornado(const char *dir, const char *name, const char *format, const char *title,
                     const char *subtitle, int k, const char *const *labels, const double *a,
                     const double *b, const char *alabel, const char *blabel, rs_diag *d) {
  int rc = rs__plots_dir(dir, d);
  if (rc) return rc;
  double lo = 0, hi = 0;
  for (int i = 0; i < k; i++) {
    lo = fmin(lo, a[i]), hi = fmax(hi, a[i]);
    if (b) lo = fmin(lo, b[i]), hi = fmax(hi, b[i]);
  }
  /* Sobol indices live in [0, 1]; signed coefficients get a symmetric axis */
  double m = rs__plot_nice_max(fmax(fabs(lo), fabs(hi)) * 1.05);
  if (!(m > 0)) m = 1;
  double x0 = lo < 0 ? -m : 0, x1 = m;
  rs__plot p;
  if ((rc = rs__plot_begin(&p, dir, name, format, d))) return rc;
  double *y = malloc((size_t)(k > 0 ? k : 1) * sizeof *y);
  if (!y) {
    rs__plot_end(&p, d);
    return RS_ENOMEM;
  }
  for (int i = 0; i < k; i++) y[i] = k - 1 - i + 0.5; /* most important at the top */
  rs__plot_margins(&p, 0.05, 0.95, 0.12, 0.86);
  rs__plot_fit_ylabels(&p, k, labels);
  rs__plot_frame(&p, x0, x1, 0, k, RS__AX_PLAIN, RS__AX_NONE);
  double h = b ? 0.32 : 0.6;
  for (int i = 0; i < k; i++) {
    double yc = y[i];
    if (b) {
      rs__plot_rect(fmin(0, b[i]), fmax(0, b[i]), yc, yc + h, RS__C_ORANGE);
      rs__plot_rect(fmin(0, a[i]), fmax(0, a[i]), yc - h, yc, RS__C_BLUE);
    } else {
      rs__plot_rect(fmin(0, a[i]), fmax(0, a[i]), yc - h / 2, yc + h / 2,
                    a[i] < 0 ? RS__C_VERMILION : RS__C_BLUE);
    }
  }
  if (x0 < 0) {
    double zx[2] = {0, 0}, zy[2] = {0, k};
    rs__plot_line(2, zx, zy, RS__C_DARK, 1.2, 1);
  }
  rs__plot_axes(&p);
  rs__plot_yticks(&p, k, y, labels);
  rs__plot_titles(&p, title, subtitle, b ? "index (share of output variance)" : "standardised coefficient",
                  NULL);
  if (b) {
    rs__legend_item it[2] = {{blabel, RS__LEG_BOX, RS__C_ORANGE, 1, 1, 0},
                             {alabel, RS__LEG_BOX, RS__C_BLUE, 1, 1, 0}};
    rs__plot_legend(&p, 2, it, PL_POSITION_TOP | PL_POSITION_RIGHT | PL_POSITION_OUTSIDE);
  }
  free(y);
  return rs__plot_end(&p, d);
}

static void rs__num_label(char *buf, size_t size, double v) {
  if (v == floor(v) && fabs(v) < 1e9)
    snprintf(buf, size, "%.0f", v);
  else
    snprintf(buf, size, "%.3g", v);
}

/* A figure or parameter name as a reader says it: "mean_wait_s" -> "mean wait (min)"
 * (seconds shown as minutes: *SCALE receives 1/60), "peak_headway_min" -> "peak
 * headway (min)", other underscores as spaces. */
static void readable(const char *name, char *out, size_t size, double *scale) {
  static const struct { const char *suf, *unit; double k; } u[] = {
      {"_s", "min", 1 / 60.0}, {"_min", "min", 1}, {"_km", "km", 1}, {"_pct", "%", 1}, {"_yuan", "yuan", 1}};
  size_t n = strlen(name), k = 0;
  const char *unit = NULL;
  if (scale) *scale = 1;
  for (size_t i = 0; i < sizeof u / sizeof u[0] && !unit; i++) {
    size_t l = strlen(u[i].suf);
    if (n > l && !strcmp(name + n - l, u[i].suf)) {
      unit = u[i].unit, n -= l;
      if (scale) *scale = u[i].k;
    }
  }
  for (size_t i = 0; i < n && k + 1 < size; i++)
    out[k++] = name[i] == '_' || name[i] == '.' ? ' ' : name[i];
  out[k] = 0;
  if (unit && k < size) snprintf(out + k, size - k, " (%s)", unit);
}

int rs__plot_sweep_heatmap(const char *dir, const char *name, const char *format,
                           const char *title, const char *xname, const char *yname, int nx,
                           const double *xv, int ny, const double *yv, const double *z,
                           const char *zname, rs_diag *d) {
  int rc = rs__plots_dir(dir, d);
  if (rc) return rc;
  char zl[160], xl[160], yl[160], tl[320];
  double zk;
  readable(zname, zl, sizeof zl, &zk);
  readable(xname, xl, sizeof xl, NULL);
  readable(yname, yl, sizeof yl, NULL);
  size_t zn = strlen(zname);
  snprintf(tl, sizeof tl, "%s%s", strncmp(title, zname, zn) ? title : zl,
           strncmp(title, zname, zn) ? "" : title + zn);
  double *zs = malloc(((size_t)nx * (size_t)ny + 1) * sizeof *zs);
  if (!zs) return rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
  double zmin = INFINITY, zmax = -INFINITY;
  for (long i = 0; i < (long)nx * ny; i++) {
    zs[i] = z[i] * zk;
    if (isfinite(zs[i])) zmin = fmin(zmin, zs[i]), zmax = fmax(zmax, zs[i]);
  }
  if (!isfinite(zmin)) zmin = 0, zmax = 1;
  rs__plot p;
  if ((rc = rs__plot_begin(&p, dir, name, format, d))) return free(zs), rc;
  enum { MAXT = 64 };
  double tx[MAXT], ty[MAXT];
  char lx[MAXT][24], ly[MAXT][24];
  const char *px[MAXT], *py[MAXT];
  int sx = nx > MAXT / 2 ? (nx + MAXT / 2 - 1) / (MAXT / 2) : 1;
  int sy = ny > MAXT / 2 ? (ny + MAXT / 2 - 1) / (MAXT / 2) : 1;
  int ntx = 0, nty = 0;
  for (int i = 0; i < nx; i += sx) {
    tx[ntx] = i + 0.5;
    rs__num_label(lx[ntx], sizeof lx[ntx], xv[i]);
    px[ntx] = lx[ntx];
    ntx++;
  }
  for (int j = 0; j < ny; j += sy) {
    ty[nty] = j + 0.5;
    rs__num_label(ly[nty], sizeof ly[nty], yv[j]);
    py[nty] = ly[nty];
    nty++;
  }
  rs__plot_margins(&p, 0.09, 0.88, 0.13, 0.86);
  rs__plot_fit_ylabels(&p, nty, py);
  rs__plot_frame(&p, 0, nx, 0, ny, RS__AX_NONE, RS__AX_NONE);
  int annotate = (long)nx * ny <= 120;
  rs__plot_heatmap(&p, nx, ny, zs, zmin, zmax > zmin ? zmax : zmin + 1, zl, annotate);
  free(zs);
  rs__plot_axes(&p);
  rs__plot_xticks(&p, ntx, tx, px, NULL);
  rs__plot_yticks(&p, nty, ty, py);
  char sub[400];
  snprintf(sub, sizeof sub, "over the grid of %s and %s (%d x %d points)", xl, yl, nx, ny);
  rs__plot_titles(&p, tl, sub, xl, yl);
  return rs__plot_end(&p, d);
}
