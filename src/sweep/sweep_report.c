/* Reports of a complete sweep database: sweep.csv (the table as it is),
 * sensitivity.csv with a tornado chart per figure for sampled designs, and a
 * heatmap per figure for two-parameter grids. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/afile.h"
#include "base/diag.h"
#include "sweep/sensitivity.h"
#include "plots/series.h"
#include "sweep/sweep.h"
#include "base/csvout.h"
#include "plots/plots_guard.h"

static void rs__csv_num(FILE *f, double v) {
  if (isnan(v)) return;
  if (v == floor(v) && fabs(v) < 1e15)
    fprintf(f, "%.0f", v);
  else
    fprintf(f, "%.17g", v);
}

int rs__sw_write_csv(const rs__sw_table *t, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "sweep.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "point,replication");
  for (int i = 0; i < t->np; i++) rs__csv_printf(a.f, ",%s", t->pname[i]);
  for (int i = 0; i < t->nf; i++) rs__csv_printf(a.f, ",%s", t->fname[i]);
  fputc('\n', a.f);
  for (long r = 0; r < t->nrows; r++) {
    rs__csv_printf(a.f, "%ld,%d", t->point[r], t->rep[r]);
    for (int i = 0; i < t->np; i++) fputc(',', a.f), rs__csv_num(a.f, t->x[r * t->np + i]);
    for (int i = 0; i < t->nf; i++) fputc(',', a.f), rs__csv_num(a.f, t->f[r * t->nf + i]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

/* Mean of figure FI over the replications of each point (NAN if any is NAN). */
static void rs__point_means(const rs__sw_table *t, int fi, double *y) {
  for (long p = 0; p < t->npoints; p++) y[p] = 0;
  for (long r = 0; r < t->nrows; r++) y[t->point[r]] += t->f[r * t->nf + fi] / t->reps;
}

static int rs__sobol_fig(const rs__sw_table *t, const double *y, double *s1, double *st) {
  long n = t->nbase;
  int k = t->np;
  double *fa = malloc((size_t)n * sizeof *fa), *fb = malloc((size_t)n * sizeof *fb);
  double *fab = malloc((size_t)n * (size_t)k * sizeof *fab);
  int rc = fa && fb && fab ? RS_OK : RS_ENOMEM;
  for (long j = 0; rc == RS_OK && j < n; j++) {
    fa[j] = y[j * (k + 2)];
    fb[j] = y[j * (k + 2) + 1];
    for (int i = 0; i < k; i++) fab[i * n + j] = y[j * (k + 2) + 2 + i];
  }
  if (rc == RS_OK) rc = rs__saltelli(n, k, fa, fb, fab, s1, st);
  free(fa), free(fb), free(fab);
  return rc;
}

static void rs__csv_cell(FILE *f, double v) {
  fputc(',', f);
  if (!isnan(v)) fprintf(f, "%.6f", v);
}

/* Sorted (descending by KEY) order of K parameters for the tornado. */
static void rs__order(int k, const double *key, int *ord) {
  for (int i = 0; i < k; i++) ord[i] = i;
  for (int i = 1; i < k; i++)
    for (int j = i; j > 0; j--) {
      double a = fabs(key[ord[j]]), b = fabs(key[ord[j - 1]]);
      if (isnan(b) || a > b) {
        int s = ord[j];
        ord[j] = ord[j - 1];
        ord[j - 1] = s;
      }
    }
}

static int rs__tornado(const rs__sw_table *t, int fi, const char *dir, const char *plots,
                       const double *a, const double *b, rs_diag *d) {
  int k = t->np, ord[RS__SW_MAX_PARAMS];
  double sa[RS__SW_MAX_PARAMS], sb[RS__SW_MAX_PARAMS];
  const char *lab[RS__SW_MAX_PARAMS];
  rs__order(k, b ? b : a, ord);
  for (int i = 0; i < k; i++) {
    sa[i] = a[ord[i]];
    if (b) sb[i] = b[ord[i]];
    lab[i] = t->pname[ord[i]];
  }
  char name[RS__SW_NAME + 16], title[RS__SW_NAME + 64], sub[96];
  snprintf(name, sizeof name, "tornado-%s", t->fname[fi]);
  snprintf(title, sizeof title, "Sensitivity of %s", t->fname[fi]);
  if (b)
    snprintf(sub, sizeof sub, "Sobol indices (Saltelli/Jansen), %ld base samples, %ld runs", t->nbase,
             t->nrows);
  else
    snprintf(sub, sizeof sub, "standardised regression coefficients, %s design, %ld runs", t->method,
             t->nrows);
  return rs__plot_tornado(dir, name, plots, title, sub, k, lab, sa, b ? sb : NULL,
                          b ? "first order" : "SRC", b ? "total" : NULL, d);
}

static int rs__heatmaps(const rs__sw_table *t, const char *dir, const char *plots, double *y,
                        rs_diag *d) {
  /* a grid is row-major: the second parameter varies fastest */
  long n = t->npoints;
  int ny = 1;
  while (ny < n && t->x[(long)ny * t->reps * t->np] == t->x[0]) ny++;
  int nx = (int)(n / ny);
  if ((long)nx * ny != n) return RS_OK;
  double *xv = malloc((size_t)nx * sizeof *xv), *yv = malloc((size_t)ny * sizeof *yv);
  double *z = malloc((size_t)n * sizeof *z);
  int rc = xv && yv && z ? RS_OK : RS_ENOMEM;
  for (int i = 0; rc == RS_OK && i < nx; i++) xv[i] = t->x[(long)i * ny * t->reps * t->np];
  for (int j = 0; rc == RS_OK && j < ny; j++) yv[j] = t->x[(long)j * t->reps * t->np + 1];
  for (int fi = 0; rc == RS_OK && fi < t->nf; fi++) {
    rs__point_means(t, fi, y);
    for (int i = 0; i < nx; i++)
      for (int j = 0; j < ny; j++) z[j * nx + i] = y[(long)i * ny + j];
    char name[RS__SW_NAME + 16], title[RS__SW_NAME + 64];
    snprintf(name, sizeof name, "heatmap-%s", t->fname[fi]);
    snprintf(title, sizeof title, "%s%s", t->fname[fi], t->reps > 1 ? " (mean of replications)" : "");
    rc = rs__plot_sweep_heatmap(dir, name, plots, title, t->pname[0], t->pname[1], nx, xv, ny, yv,
                                z, t->fname[fi], d);
  }
  free(xv), free(yv), free(z);
  return rc;
}

int rs__sw_write_sensitivity(const rs__sw_table *t, const char *dir, const char *plots,
                             rs_diag *d) {
  int draw = plots && strcmp(plots, "none");
  int grid = !strcmp(t->method, "grid"), sobol = !strcmp(t->method, "sobol");
  double *y = malloc((size_t)t->npoints * sizeof *y);
  if (!y) return RS_ENOMEM;
  char pdir[RS__PATH_MAX + 16];
  snprintf(pdir, sizeof pdir, "%s/plots", dir);
  int rc = RS_OK;
  if (grid) {
    if (draw && t->np == 2) rc = rs__heatmaps(t, pdir, plots, y, d);
    free(y);
    return rc;
  }
  /* point-level inputs for the regression */
  double *xp = malloc((size_t)t->npoints * (size_t)t->np * sizeof *xp);
  rs__afile a;
  if (!xp) rc = RS_ENOMEM;
  for (long r = 0; rc == RS_OK && r < t->nrows; r++)
    memcpy(xp + t->point[r] * t->np, t->x + r * t->np, (size_t)t->np * sizeof *xp);
  if (rc == RS_OK) rc = rs__afile_open(&a, dir, "sensitivity.csv", d);
  if (rc) {
    free(y), free(xp);
    return rc;
  }
  rs__csv_printf(a.f, "figure,parameter,first_order,total,src,r2\n");
  for (int fi = 0; rc == RS_OK && fi < t->nf; fi++) {
    rs__point_means(t, fi, y);
    double s1[RS__SW_MAX_PARAMS], st[RS__SW_MAX_PARAMS], src[RS__SW_MAX_PARAMS], r2 = NAN;
    int bad = 0;
    for (long p = 0; p < t->npoints; p++) bad |= !isfinite(y[p]);
    for (int i = 0; i < t->np; i++) s1[i] = st[i] = src[i] = NAN;
    if (!bad && sobol) rc = rs__sobol_fig(t, y, s1, st);
    if (!bad && rc == RS_OK) rc = rs__src(t->npoints, t->np, xp, y, src, &r2);
    for (int i = 0; rc == RS_OK && i < t->np; i++) {
      rs__csv_printf(a.f, "%s,%s", t->fname[fi], t->pname[i]);
      rs__csv_cell(a.f, s1[i]);
      rs__csv_cell(a.f, st[i]);
      rs__csv_cell(a.f, src[i]);
      rs__csv_cell(a.f, r2);
      fputc('\n', a.f);
    }
    int ok = 1;
    for (int i = 0; i < t->np; i++) ok &= sobol ? isfinite(st[i]) : isfinite(src[i]);
    if (rc == RS_OK && draw && ok)
      rc = sobol ? rs__tornado(t, fi, pdir, plots, s1, st, d) : rs__tornado(t, fi, pdir, plots, src, NULL, d);
  }
  if (rc == RS_OK)
    rc = rs__afile_commit(&a, d);
  else
    rs__afile_abort(&a);
  free(y), free(xp);
  return rc;
}

typedef struct {
  const rs__sw_table *t;
  const char *dir, *plots;
} rs__sens_job;

/* sensitivity.csv and the charts, PLplot's fatal errors returned (plots_guard.h). */
static int rs__sens(const void *arg, rs_diag *d) {
  const rs__sens_job *j = arg;
  return rs__sw_write_sensitivity(j->t, j->dir, j->plots, d);
}

int rs_sweep_report(const char *dir, const char *plots, rs_diag *d) {
  char path[RS__PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/sweep.db", dir);
  rs__sw_table t;
  int rc = rs__sw_table_read(path, &t, d);
  if (rc) return rc;
  if (t.nrows != t.npoints * t.reps)
    rc = rs__diag_add(d, RS_ESTATE, path, 0, 0,
                      "incomplete: %ld of %ld runs; continue it with --resume", t.nrows,
                      t.npoints * t.reps);
  if (rc == RS_OK) rc = rs__sw_write_csv(&t, dir, d);
  rs__sens_job job = {&t, dir, plots};
  if (rc == RS_OK) rc = rs__plot_guarded(rs__sens, &job, d);
  rs__sw_table_free(&t);
  return rc;
}
