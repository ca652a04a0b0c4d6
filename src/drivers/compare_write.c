/* Files of a comparison (docs/output-formats.md): compare.yaml (headline and
 * provenance), compare.csv (every figure), daily_delta.csv, hourly.csv. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/afile.h"
#include "drivers/compare.h"
#include "report/output.h"
#include "base/csvout.h"

/* A number, or nan when it is not one (one replication: no interval). */
static void rs__num(FILE *f, double v) {
  if (isnan(v)) fputs("nan", f);
  else fprintf(f, "%.10g", v);
}

static int rs__write_csv(const rs_compare *c, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "compare.csv", d);
  if (rc != RS_OK) return rc;
  rs__csv_printf(a.f, "figure,group,unit,base,whatif,diff,lo95,hi95,pct\n");
  for (int i = 0; i < c->nfig; i++) {
    const rs_compare_figure *o = &c->out[i];
    rs__csv_printf(a.f, "%s,%s,%s,", o->name, o->group, o->unit);
    double v[6] = {o->base, o->whatif, o->diff, o->lo95, o->hi95, o->pct};
    for (int k = 0; k < 6; k++) {
      rs__num(a.f, v[k]);
      fputc(k < 5 ? ',' : '\n', a.f);
    }
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_yaml(const rs_compare *c, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "compare.yaml", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  fprintf(f, "# ridersim compare (docs/output-formats.md); every figure in compare.csv\n");
  fprintf(f, "program: ridersim\nversion: %s\n", RS_VERSION);
  const rs_scenario *sc[2] = {c->base, c->whatif};
  const char *side[2] = {"base", "whatif"};
  for (int k = 0; k < 2; k++) {
    fprintf(f, "%s:\n  scenario: ", side[k]);
    rs__yaml_quoted(f, sc[k]->path);
    fprintf(f, "\n  name: ");
    rs__yaml_quoted(f, sc[k]->name);
    fprintf(f, "\n  hash: \"%016" PRIx64 "\"\n  seed: %" PRIu64 "\n", sc[k]->hash, sc[k]->seed);
  }
  fprintf(f, "replications: %d\n", c->nrep);
  fprintf(f, "interval: \"%s\"\n", c->nrep > 1 ? "95% t interval of the mean paired difference"
                                               : "none: one replication");
  fprintf(f, "common_random_numbers: %s\n", c->base->seed == c->whatif->seed ? "true" : "false");
  fprintf(f, "detail_date: \"%s\"\nbase_detail_date: \"%s\"\n", c->detail_date,
          c->base_detail_date);
  fprintf(f, "figures:\n");
  for (int i = 0; i < c->nfig; i++) {
    const rs_compare_figure *o = &c->out[i];
    if (!strcmp(o->group, "hourly")) continue; /* in hourly.csv */
    fprintf(f, "  %s: {base: ", o->name);
    rs__num(f, o->base);
    fprintf(f, ", whatif: ");
    rs__num(f, o->whatif);
    fprintf(f, ", diff: ");
    rs__num(f, o->diff);
    fprintf(f, ", lo95: ");
    rs__num(f, o->lo95);
    fprintf(f, ", hi95: ");
    rs__num(f, o->hi95);
    fprintf(f, "}\n");
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_daily_delta(const rs_compare *c, const char *dir, rs_diag *d) {
  if (c->ndays <= 0) return RS_OK;
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "daily_delta.csv", d);
  if (rc != RS_OK) return rc;
  rs__csv_printf(a.f, "date,day_type,base_riders,whatif_riders,diff,cumulative_diff\n");
  double cum = 0;
  for (int i = 0; i < c->ndays; i++) {
    double b = c->daily[i], w = c->daily[c->ndays + i];
    cum += w - b;
    rs__csv_printf(a.f, "%s,%s,%.3f,%.3f,%.3f,%.3f\n", c->date[i], c->day_type[i] ? c->day_type[i] : "",
            b, w, w - b, cum);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_hourly(const rs_compare *c, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "hourly.csv", d);
  if (rc != RS_OK) return rc;
  rs__csv_printf(a.f, "date,hour,base_wait_min,whatif_wait_min,base_denied,whatif_denied,"
               "base_boardings,whatif_boardings\n");
  int h0 = rs__compare_hourly_first(c);
  for (int h = 0; h < RS__HOURS; h++) {
    const rs_compare_figure *w = &c->out[h0 + h], *dn = &c->out[h0 + RS__HOURS + h],
                            *b = &c->out[h0 + 2 * RS__HOURS + h];
    rs__csv_printf(a.f, "%s,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", c->detail_date, h, w->base, w->whatif,
            dn->base, dn->whatif, b->base, b->whatif);
  }
  return rs__afile_commit(&a, d);
}

int rs_compare_write(const rs_compare *c, const char *dir, rs_diag *d) {
  if (!c) return RS_ESTATE;
  int rc = rs__write_yaml(c, dir, d);
  if (rc == RS_OK) rc = rs__write_csv(c, dir, d);
  if (rc == RS_OK) rc = rs__write_daily_delta(c, dir, d);
  if (rc == RS_OK) rc = rs__write_hourly(c, dir, d);
  return rc;
}
