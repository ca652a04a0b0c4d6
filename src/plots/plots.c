/* rs_plots_draw: every chart a run directory has data for. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "plots/plots_charts.h"
#include "base/outdir.h"
#include "plots/plots_guard.h"
#include "ridersim/plots.h"

int rs__plots_load(const rs__plots_ctx *c, const char *name, rs__csvtable **t, rs_diag *d) {
  char path[RS__PLOT_PATH];
  *t = NULL;
  if ((size_t)snprintf(path, sizeof path, "%s/%s", c->run_dir, name) >= sizeof path)
    return rs__diag_add(d, RS_ELIMIT, c->run_dir, 0, 0, "path too long");
  struct stat sb;
  if (stat(path, &sb) != 0 && errno == ENOENT) return 1;
  return rs__csvtable_read(path, t, d);
}

int rs__plots_station(const rs__plots_ctx *c, const char *id) {
  for (int i = 0; i < c->nst; i++)
    if (strcmp(c->id[i], id) == 0) return i;
  return -1;
}

void rs__plots_station_label(const rs__plots_ctx *c, const char *id, char *buf, size_t size) {
  int i = rs__plots_station(c, id);
  if (i < 0) snprintf(buf, size, "%s", id);
  else rs__plot_station_label(buf, size, c->zh[i], c->en[i][0] ? c->en[i] : id, c->cjk);
}

void rs__plots_station_lines(const rs__plots_ctx *c, const char *id, char *l1, char *l2,
                             size_t size) {
  int i = rs__plots_station(c, id);
  const char *en = (i >= 0 && c->en[i][0]) ? c->en[i] : id;
  if (i >= 0 && c->cjk && c->zh[i][0]) {
    snprintf(l1, size, "%s", c->zh[i]);
    snprintf(l2, size, "%s", en);
  } else {
    snprintf(l1, size, "%s", en);
    l2[0] = '\0';
  }
}

void rs__plots_fmt_int(double v, char *buf, size_t size) {
  char digits[40], out[64];
  if (!isfinite(v) || fabs(v) >= 1e18) {
    snprintf(buf, size, "%g", v);
    return;
  }
  snprintf(digits, sizeof digits, "%.0f", fabs(v));
  size_t k = 0, nd = strlen(digits);
  if (v <= -0.5) out[k++] = '-';
  for (size_t i = 0; i < nd; i++) {
    if (i > 0 && (nd - i) % 3 == 0) out[k++] = ',';
    out[k++] = digits[i];
  }
  out[k] = '\0';
  snprintf(buf, size, "%s", out);
}

/* Station names (stations.csv: station, zh, en), in order of first appearance. */
static int load_names(rs__plots_ctx *c, rs_diag *d) {
  rs__csvtable *t;
  int rc = rs__plots_load(c, "stations.csv", &t, d);
  if (rc != RS_OK) return rc > 0 ? RS_OK : rc;
  int cs, cz, ce;
  if ((rc = rs__csvtable_need(t, "station", &cs, d)) == RS_OK) {
    cz = rs__csvtable_col(t, "zh");
    ce = rs__csvtable_col(t, "en");
    for (int r = 0; r < t->nrow && c->nst < RS__PLOT_MAX_STATIONS; r++) {
      const char *id = rs__csvtable_str(t, r, cs);
      if (rs__plots_station(c, id) >= 0) continue;
      int i = c->nst++;
      snprintf(c->id[i], sizeof c->id[i], "%s", id);
      snprintf(c->zh[i], sizeof c->zh[i], "%s", cz >= 0 ? rs__csvtable_str(t, r, cz) : "");
      snprintf(c->en[i], sizeof c->en[i], "%s", ce >= 0 ? rs__csvtable_str(t, r, ce) : "");
    }
  }
  rs__csvtable_free(t);
  return rc;
}

/* One chart as a guarded job (plots_guard.h). */
typedef struct {
  int (*fn)(const rs__plots_ctx *, rs_diag *);
  const rs__plots_ctx *c;
} rs__chart_job;

static int rs__run_chart(const void *arg, rs_diag *d) {
  const rs__chart_job *j = arg;
  return j->fn(j->c, d);
}

int rs_plots_draw(const char *run_dir, const char *format, rs_diag *d) {
  if (!run_dir) return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "no run directory");
  if (!format) format = "png";
  if (strcmp(format, "png") && strcmp(format, "svg") && strcmp(format, "pdf"))
    return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "unknown plot format '%s' (png, svg, pdf)",
                        format);
  struct stat sb;
  if (stat(run_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
    return rs__diag_add(d, RS_EIO, run_dir, 0, 0, "not a directory");
  rs__plots_ctx *c = calloc(1, sizeof *c); /* ~20 kB of names: not on the stack */
  if (!c) return rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
  c->run_dir = run_dir;
  c->format = format;
  c->cjk = rs__plot_have_cjk();
  int rc = RS_OK;
  if ((size_t)snprintf(c->plots_dir, sizeof c->plots_dir, "%s/plots", run_dir) >=
      sizeof c->plots_dir - 40)
    rc = rs__diag_add(d, RS_ELIMIT, run_dir, 0, 0, "path too long");
  else if (mkdir(c->plots_dir, 0777) != 0 && errno != EEXIST)
    rc = rs__diag_add(d, RS_EIO, c->plots_dir, 0, 0, "cannot create: %s", strerror(errno));
  if (rc == RS_OK) {
    /* Names are a nicety: a bad stations.csv is reported by its own chart. */
    int first = load_names(c, NULL) == RS_OK ? RS_OK : (c->nst = 0, RS_OK);
    int (*const charts[])(const rs__plots_ctx *, rs_diag *) = {
        rs__chart_daily, rs__chart_load_profile, rs__chart_boardings, rs__chart_commute,
        rs__chart_trains};
    for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
      rs__chart_job job = {charts[i], c};
      int r = rs__plot_guarded(rs__run_chart, &job, d);
      if (r != RS_OK && first == RS_OK) first = r;
    }
    rc = first;
  }
  free(c);
  return rc;
}
