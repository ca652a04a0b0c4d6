/* years.csv: per calendar year of a run, the riders, the mean day by day type
 * and the fare revenue (docs/output-formats.md). Partial years say how many of
 * their days the run covers. */
#include <stdio.h>
#include "base/afile.h"
#include "model/calendar.h"
#include "base/datetime.h"
#include "report/output.h"
#include "sim/results.h"

static int rs__year_of(int32_t date) {
  int y, m, d;
  rs__civil_from_days(date, &y, &m, &d);
  return y;
}

/* One year's row from daily rows [a, z). */
static void rs__year_row(FILE *f, const rs__results *rv, int year, int a, int z) {
  double riders = 0, revenue = 0, train_km = 0, sum[RS__NDAYTYPES] = {0};
  int n[RS__NDAYTYPES] = {0};
  for (int i = a; i < z; i++) {
    const rs__daily_row *r = &rv->daily[i];
    riders += r->riders;
    revenue += r->revenue;
    train_km += r->train_km;
    sum[r->type] += r->riders;
    n[r->type]++;
  }
  fprintf(f, "%d,%d,%.0f,%.0f", year, z - a, riders, z > a ? riders / (z - a) : 0);
  for (int t = 0; t < RS__NDAYTYPES; t++) {
    if (n[t]) fprintf(f, ",%.0f", sum[t] / n[t]);
    else fprintf(f, ",");
  }
  fprintf(f, ",%.2f,%.3f\n", revenue, train_km);
}

int rs__write_run_years(const rs_sim *sim, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "years.csv", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  fprintf(f, "year,days,riders,mean_per_day");
  for (int t = 0; t < RS__NDAYTYPES; t++) fprintf(f, ",mean_%s", rs__daytype_name((rs__daytype)t));
  fprintf(f, ",fare_revenue,train_km\n");
  const rs__results *rv = rs__sim_results(sim);
  for (int start = 0, i = 1; i <= rv->days; i++) {
    int y0 = rs__year_of(rv->daily[start].date);
    if (i == rv->days || rs__year_of(rv->daily[i].date) != y0) {
      rs__year_row(f, rv, y0, start, i);
      start = i;
    }
  }
  return rs__afile_commit(&a, d);
}
