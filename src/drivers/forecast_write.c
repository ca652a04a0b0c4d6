/* Tables of a forecast: forecast.csv, milestones.csv, years.csv, params.csv;
 * and the fan charts. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "base/afile.h"
#include "base/diag.h"
#include "drivers/forecast.h"
#include "plots/series.h"
#include "base/csvout.h"
#include "plots/plots_guard.h"
#include "report/output.h"
#include <inttypes.h>

static const char *const rs__qn[RS_FC_NQ] = {"p5", "p25", "p50", "p75", "p95"};

static int rs__write_days(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "forecast.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "date");
  for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",daily_%s", rs__qn[q]);
  for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",cumulative_%s", rs__qn[q]);
  fputc('\n', a.f);
  for (int i = 0; i < f->ndays; i++) {
    rs_forecast_day dy;
    rs_forecast_day_get(f, i, &dy);
    rs__csv_printf(a.f, "%s", dy.date);
    for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",%.1f", dy.daily[q]);
    for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",%.1f", dy.cumulative[q]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_miles(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "milestones.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "cumulative_riders,share_reached");
  for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",%s", rs__qn[q]);
  fputc('\n', a.f);
  for (int m = 0; m < rs_forecast_milestones(f); m++) {
    rs_forecast_milestone ms;
    rs_forecast_milestone_get(f, m, &ms);
    rs__csv_printf(a.f, "%.0f,%.4f", ms.threshold, ms.reached);
    for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",%s", ms.date[q]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_years(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "years.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "year,days");
  for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",mean_daily_%s", rs__qn[q]);
  fputc('\n', a.f);
  for (int y = 0; y < f->nyears; y++) {
    const rs_forecast_year *yr = &f->years[y];
    rs__csv_printf(a.f, "%d,%d", yr->year, yr->days);
    for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",%.1f", yr->mean[q]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_params(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "params.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "key,source,mean,sd\n");
  for (int i = 0; i < f->np; i++) {
    rs_forecast_param p;
    rs_forecast_param_get(f, i, &p);
    rs__csv_printf(a.f, "%s,%s,%.8g,%.6g\n", p.key, p.source, p.mean, p.sd);
  }
  return rs__afile_commit(&a, d);
}

typedef struct {
  const rs_forecast *f;
  const char *pd, *format;
} rs__fan_job;

static int rs__fans(const void *arg, rs_diag *d) {
  const rs__fan_job *j = arg;
  const rs_forecast *f = j->f;
  int rc = rs__plot_fan(f->ndays, f->start, f->q_daily, f->ndraws, j->pd, j->format, 0, d);
  return rc ? rc : rs__plot_fan(f->ndays, f->start, f->q_cum, f->ndraws, j->pd, j->format, 1, d);

}

/* observed_bands.csv: each observed figure against the draws. */
static int rs__write_bands(const rs_forecast *f, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "observed_bands.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "id,kind,from,to,bound,held_out,observed,p5,p25,p50,p75,p95,in50,in90\n");
  static const char *const bounds[] = {"none", "lower", "upper"};
  for (int i = 0; i < rs_forecast_nobs(f); i++) {
    rs_forecast_obs o;
    rs_forecast_obs_get(f, i, &o);
    rs__csv_printf(a.f, "%s,%s,%s,%s,%s,%d,%.10g", o.id, o.kind, o.from, o.to, bounds[o.bound],
            o.held_out, o.observed);
    if (isnan(o.q[0])) {
      rs__csv_printf(a.f, ",,,,,,,\n");
      continue;
    }
    for (int q = 0; q < RS_FC_NQ; q++) rs__csv_printf(a.f, ",%.10g", o.q[q]);
    rs__csv_printf(a.f, ",%d,%d\n", o.in50, o.in90);
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
  if (!rc) rc = rs__write_bands(f, dir, d);
  if (!rc && format && strcmp(format, "none") != 0) {
    char pd[4200];
    snprintf(pd, sizeof pd, "%s/plots", dir);
    if (mkdir(pd, 0777) != 0 && errno != EEXIST)
      return rs__diag_add(d, RS_EIO, pd, 0, 0, "cannot create the directory");
    rs__fan_job job = {f, pd, format};
    rc = rs__plot_guarded(rs__fans, &job, d);
  }
  return rc;
}
