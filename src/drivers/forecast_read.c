/* The fan charts of a forecast folder, redrawn from its forecast.csv. */
#include <stdio.h>
#include <stdlib.h>
#include "input/csvtable.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "drivers/forecast.h"
#include "plots/series.h"

int rs__forecast_plots_from_dir(const char *dir, const char *format, rs_diag *d) {
  char path[4200], pd[4200];
  snprintf(path, sizeof path, "%s/forecast.csv", dir);
  snprintf(pd, sizeof pd, "%s/plots", dir);
  rs__csvtable *t = NULL;
  int rc = rs__csvtable_read(path, &t, d);
  if (rc) return rc;
  static const char *const qn[RS_FC_NQ] = {"p5", "p25", "p50", "p75", "p95"};
  int cd, col[2][RS_FC_NQ];
  rc = rs__csvtable_need(t, "date", &cd, d);
  for (int k = 0; !rc && k < RS_FC_NQ; k++) {
    char name[32];
    snprintf(name, sizeof name, "daily_%s", qn[k]);
    rc = rs__csvtable_need(t, name, &col[0][k], d);
    snprintf(name, sizeof name, "cumulative_%s", qn[k]);
    if (!rc) rc = rs__csvtable_need(t, name, &col[1][k], d);
  }
  int n = t->nrow;
  double *q = calloc(2 * (size_t)(n ? n : 1) * RS_FC_NQ, sizeof *q);
  int32_t start = 0;
  if (!rc && !q) rc = RS_ENOMEM;
  if (!rc && (n == 0 || rs__date_parse(rs__csvtable_str(t, 0, cd), &start)))
    rc = rs__diag_add(d, RS_ESYNTAX, path, 2, 1, "no dated rows");
  for (int r = 0; !rc && r < n; r++)
    for (int s = 0; !rc && s < 2; s++)
      for (int k = 0; !rc && k < RS_FC_NQ; k++)
        rc = rs__csvtable_num(t, r, col[s][k], 0, &q[(size_t)s * (size_t)n * RS_FC_NQ + (size_t)r * RS_FC_NQ + (size_t)k], d);
  /* the number of draws is not in forecast.csv: the subtitle leaves it out */
  if (!rc) rc = rs__plot_fan(n, start, q, 0, pd, format, 0, d);
  if (!rc) rc = rs__plot_fan(n, start, q + (size_t)n * RS_FC_NQ, 0, pd, format, 1, d);
  free(q);
  rs__csvtable_free(t);
  return rc;
}
