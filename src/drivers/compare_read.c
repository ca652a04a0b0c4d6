/* A comparison read back from its folder (compare.csv, daily_delta.csv,
 * compare.yaml), so `ridersim plot DIR` redraws its charts without re-running
 * it. Only what the charts use is filled in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "drivers/compare.h"
#include "input/csvtable.h"
#include "base/diag.h"

/* A "key: value" line of compare.yaml (quotes stripped), or "" when absent. */
static void yaml_value(const char *path, const char *key, char *out, size_t size) {
  out[0] = 0;
  FILE *f = fopen(path, "r");
  if (!f) return;
  char line[512];
  size_t k = strlen(key);
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, key, k) && line[k] == ':') {
      char *v = line + k + 1;
      while (*v == ' ' || *v == '"') v++;
      size_t n = strcspn(v, "\"\n");
      snprintf(out, size, "%.*s", (int)n, v);
      break;
    }
  fclose(f);
}

static int read_figures(rs_compare *c, const char *dir, rs_diag *d) {
  char path[4200];
  snprintf(path, sizeof path, "%s/compare.csv", dir);
  rs__csvtable *t = NULL;
  int rc = rs__csvtable_read(path, &t, d);
  int cf, cg, cu, cb, cw, cd, cl, ch, cp;
  if (!rc) rc = rs__csvtable_need(t, "figure", &cf, d);
  if (!rc) rc = rs__csvtable_need(t, "group", &cg, d);
  if (!rc) rc = rs__csvtable_need(t, "unit", &cu, d);
  if (!rc) rc = rs__csvtable_need(t, "base", &cb, d);
  if (!rc) rc = rs__csvtable_need(t, "whatif", &cw, d);
  if (!rc) rc = rs__csvtable_need(t, "diff", &cd, d);
  if (!rc) rc = rs__csvtable_need(t, "lo95", &cl, d);
  if (!rc) rc = rs__csvtable_need(t, "hi95", &ch, d);
  if (!rc) rc = rs__csvtable_need(t, "pct", &cp, d);
  if (!rc) {
    c->nfig = t->nrow;
    c->fig = calloc((size_t)t->nrow + 1, sizeof *c->fig);
    c->out = calloc((size_t)t->nrow + 1, sizeof *c->out);
    c->st_id = calloc((size_t)t->nrow + 1, sizeof *c->st_id);
    c->st_zh = calloc((size_t)t->nrow + 1, sizeof *c->st_zh);
    c->st_en = calloc((size_t)t->nrow + 1, sizeof *c->st_en);
    if (!c->fig || !c->out || !c->st_id || !c->st_zh || !c->st_en) rc = RS_ENOMEM;
  }
  for (int r = 0; !rc && r < t->nrow; r++) {
    rs__cmp_fig *g = &c->fig[r];
    snprintf(g->name, sizeof g->name, "%s", rs__csvtable_str(t, r, cf));
    rs_compare_figure *o = &c->out[r];
    o->name = g->name;
    o->group = !strcmp(rs__csvtable_str(t, r, cg), "hourly") ? "hourly" : "";
    o->unit = "";
    o->base = strtod(rs__csvtable_str(t, r, cb), NULL);
    o->whatif = strtod(rs__csvtable_str(t, r, cw), NULL);
    o->diff = strtod(rs__csvtable_str(t, r, cd), NULL);
    o->lo95 = strtod(rs__csvtable_str(t, r, cl), NULL);
    o->hi95 = strtod(rs__csvtable_str(t, r, ch), NULL);
    o->pct = strtod(rs__csvtable_str(t, r, cp), NULL);
    if (!strncmp(g->name, "boardings_per_day.", 18)) {
      if (c->nst == 0 && r != rs__compare_station_first(c))
        rc = rs__diag_add(d, RS_ESYNTAX, path, r + 2, 1,
                          "not a compare.csv of this ridersim version (stations from row %d)", r + 2);
      snprintf(c->st_id[c->nst], RS__ID_MAX, "%s", g->name + 18);
      c->st_zh[c->nst] = c->st_en[c->nst] = "";
      c->nst++;
    }
  }
  if (!rc && rs__compare_hourly_first(c) + 3 * 24 > c->nfig)
    rc = rs__diag_add(d, RS_ESYNTAX, path, 0, 0, "the hourly figures are missing");
  rs__csvtable_free(t);
  return rc;
}

static int read_daily(rs_compare *c, const char *dir, rs_diag *d) {
  char path[4200];
  snprintf(path, sizeof path, "%s/daily_delta.csv", dir);
  FILE *probe = fopen(path, "r");
  if (!probe) return RS_OK; /* a one-day comparison has no daily series */
  fclose(probe);
  rs__csvtable *t = NULL;
  int rc = rs__csvtable_read(path, &t, d);
  int cdt, cb, cw;
  if (!rc) rc = rs__csvtable_need(t, "date", &cdt, d);
  if (!rc) rc = rs__csvtable_need(t, "base_riders", &cb, d);
  if (!rc) rc = rs__csvtable_need(t, "whatif_riders", &cw, d);
  if (!rc) {
    int n = t->nrow;
    c->date = calloc((size_t)n + 1, sizeof *c->date);
    c->daily = calloc(2 * (size_t)n + 1, sizeof *c->daily);
    if (!c->date || !c->daily) rc = RS_ENOMEM;
    for (int r = 0; !rc && r < n; r++) {
      snprintf(c->date[r], sizeof c->date[r], "%.10s", rs__csvtable_str(t, r, cdt));
      rc = rs__csvtable_num(t, r, cb, 0, &c->daily[r], d);
      if (!rc) rc = rs__csvtable_num(t, r, cw, 0, &c->daily[n + r], d);
    }
    if (!rc) c->ndays = n;
  }
  rs__csvtable_free(t);
  return rc;
}

int rs__compare_read(const char *dir, rs_compare **out, rs_diag *d) {
  *out = NULL;
  rs_compare *c = calloc(1, sizeof *c);
  if (!c) return RS_ENOMEM;
  char path[4200], v[64];
  snprintf(path, sizeof path, "%s/compare.yaml", dir);
  yaml_value(path, "replications", v, sizeof v);
  c->nrep = atoi(v) > 0 ? atoi(v) : 1;
  yaml_value(path, "detail_date", c->detail_date, sizeof c->detail_date);
  yaml_value(path, "base_detail_date", c->base_detail_date, sizeof c->base_detail_date);
  int rc = read_figures(c, dir, d);
  if (!rc) rc = read_daily(c, dir, d);
  if (rc) {
    rs_compare_free(c);
    return rc;
  }
  *out = c;
  return RS_OK;
}
