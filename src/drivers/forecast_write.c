/* Tables of a forecast: forecast.csv, milestones.csv, years.csv, params.csv;
 * and the fan charts. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "base/afile.h"
#include "base/diag.h"
#include "drivers/forecast.h"
#include "plots/series.h"
#include "report/output.h"
#include <inttypes.h>

static const char *const rs__qn[RS_FC_NQ] = {"p5", "p25", "p50", "p75", "p95"};

static int rs__write_days(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "forecast.csv", d);
  if (rc) return rc;
  fprintf(a.f, "date");
  for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",daily_%s", rs__qn[q]);
  for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",cumulative_%s", rs__qn[q]);
  fputc('\n', a.f);
  for (int i = 0; i < f->ndays; i++) {
    rs_forecast_day dy;
    rs_forecast_day_get(f, i, &dy);
    fprintf(a.f, "%s", dy.date);
    for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",%.1f", dy.daily[q]);
    for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",%.1f", dy.cumulative[q]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_miles(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "milestones.csv", d);
  if (rc) return rc;
  fprintf(a.f, "cumulative_riders,share_reached");
  for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",%s", rs__qn[q]);
  fputc('\n', a.f);
  for (int m = 0; m < rs_forecast_milestones(f); m++) {
    rs_forecast_milestone ms;
    rs_forecast_milestone_get(f, m, &ms);
    fprintf(a.f, "%.0f,%.4f", ms.threshold, ms.reached);
    for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",%s", ms.date[q]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_years(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "years.csv", d);
  if (rc) return rc;
  fprintf(a.f, "year,days");
  for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",mean_daily_%s", rs__qn[q]);
  fputc('\n', a.f);
  for (int y = 0; y < f->nyears; y++) {
    const rs_forecast_year *yr = &f->years[y];
    fprintf(a.f, "%d,%d", yr->year, yr->days);
    for (int q = 0; q < RS_FC_NQ; q++) fprintf(a.f, ",%.1f", yr->mean[q]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_params(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "params.csv", d);
  if (rc) return rc;
  fprintf(a.f, "key,source,mean,sd\n");
  for (int i = 0; i < f->np; i++) {
    rs_forecast_param p;
    rs_forecast_param_get(f, i, &p);
    fprintf(a.f, "%s,%s,%.8g,%.6g\n", p.key, p.source, p.mean, p.sd);
  }
  return rs__afile_commit(&a, d);
}

/* forecast.yaml: what was forecast, from which scenario (report.html reads it). */
static int rs__write_head(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "forecast.yaml", d);
  if (rc) return rc;
  fprintf(a.f, "# ridersim forecast (docs/forecast.md)\nprogram: ridersim\nversion: %s\n", RS_VERSION);
  fprintf(a.f, "scenario: ");
  rs__yaml_quoted(a.f, f->sc_path);
  fprintf(a.f, "\nscenario_name: ");
  rs__yaml_quoted(a.f, f->sc_name);
  fprintf(a.f, "\nscenario_hash: \"%016" PRIx64 "\"\nseed: %" PRIu64 "\n", f->sc_hash, f->sc_seed);
  fprintf(a.f, "draws: %d\nuntil: \"%s\"\nengine: %s\n", f->ndraws, f->o.until ? f->o.until : "",
          f->o.engine ? "true" : "false");
  return rs__afile_commit(&a, d);
}

int rs_forecast_write(const rs_forecast *f, const char *dir, const char *format, rs_diag *d) {
  int rc = rs__write_head(f, dir, d);
  if (!rc) rc = rs__write_days(f, dir, d);
  if (!rc) rc = rs__write_miles(f, dir, d);
  if (!rc) rc = rs__write_years(f, dir, d);
  if (!rc) rc = rs__write_params(f, dir, d);
  if (!rc && format && strcmp(format, "none") != 0) {
    char pd[4200];
    snprintf(pd, sizeof pd, "%s/plots", dir);
    if (mkdir(pd, 0777) != 0 && errno != EEXIST)
      return rs__diag_add(d, RS_EIO, pd, 0, 0, "cannot create the directory");
    rc = rs__plot_fan(f->ndays, f->start, f->q_daily, f->ndraws, pd, format, 0, d);
    if (!rc) rc = rs__plot_fan(f->ndays, f->start, f->q_cum, f->ndraws, pd, format, 1, d);
  }
  return rc;
}
