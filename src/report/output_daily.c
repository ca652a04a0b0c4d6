/* daily.csv (one row per date) and observed.csv (each observed figure beside
 * the simulated one). */
#include <math.h>
#include <stdio.h>
#include "base/afile.h"
#include "base/datetime.h"
#include "report/output.h"
#include "sim/results.h"
#include "base/csvout.h"

int rs__write_daily(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "daily.csv", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  const rs_scenario *s = rv->s;
  rs__csv_printf(f, "date,day_type,riders,cumulative");
  for (int p = 0; p < RS_NPURPOSE; p++) rs__csv_printf(f, ",riders_%s", rs__purpose_names[p]);
  for (int i = 0; i < s->nst; i++) rs__csv_printf(f, ",board_%s", s->st[i].id);
  for (int i = 0; i < s->nst; i++) rs__csv_printf(f, ",alight_%s", s->st[i].id);
  rs__csv_printf(f, ",passenger_km,mean_wait_s,p95_wait_s,mean_ride_s,denied,stranded,max_load_factor,"
             "season,calendar,fare_revenue,train_km\n");
  static const char *const cal_names[] = {"", "published", "projected"};
  for (int di = 0; di < rv->days; di++) {
    const rs__daily_row *r = &rv->daily[di];
    char date[16];
    rs__date_format(r->date, date);
    rs__csv_printf(f, "%s,%s,%.0f,%.0f", date, rs__daytype_name((rs__daytype)r->type), r->riders, r->cumulative);
    for (int p = 0; p < RS_NPURPOSE; p++) rs__csv_printf(f, ",%.0f", r->by_purpose[p]);
    for (int i = 0; i < s->nst; i++)
      rs__csv_printf(f, ",%.0f", rv->daily_board[(size_t)di * (size_t)s->nst + (size_t)i]);
    for (int i = 0; i < s->nst; i++)
      rs__csv_printf(f, ",%.0f", rv->daily_alight[(size_t)di * (size_t)s->nst + (size_t)i]);
    rs__csv_printf(f, ",%.1f,%.2f,", r->passenger_km, r->mean_wait_s);
    if (!isnan(r->p95_wait_s)) rs__csv_printf(f, "%.2f", r->p95_wait_s); /* empty: not computed */
    rs__csv_printf(f, ",%.2f,%.0f,%.0f,%.4f,%s,%s,%.2f,%.3f\n", r->mean_ride_s, r->denied,
                   r->stranded, r->max_load_factor, r->season, cal_names[r->calendar], r->revenue,
                   r->train_km);
  }
  return rs__afile_commit(&a, d);
}

int rs__write_observed(const rs_sim *sim, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "observed.csv", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  rs__csv_printf(f, "id,kind,start,end,observed,simulated,error_pct,bound,within,source\n");
  static const char *const bounds[] = {"none", "lower", "upper"};
  for (int i = 0; i < rs_sim_observed_count(sim); i++) {
    rs_observed_fit o;
    rs_sim_observed(sim, i, &o);
    if (o.observed <= 1) /* shares are fractions */
      rs__csv_printf(f, "%s,%s,%s,%s,%.4f,", o.id, o.kind, o.from, o.to, o.observed);
    else
      rs__csv_printf(f, "%s,%s,%s,%s,%.0f,", o.id, o.kind, o.from, o.to, o.observed);
    if (isnan(o.simulated))
      rs__csv_printf(f, ",,");
    else
      rs__csv_printf(f, o.observed <= 1 ? "%.4f,%.2f," : "%.0f,%.2f,", o.simulated, o.error_pct);
    rs__csv_printf(f, "%s,%d,", bounds[o.bound], o.within);
    rs__csv_quoted(f, o.source); /* always quoted: sources are prose */
    fputc('\n', f);
  }
  return rs__afile_commit(&a, d);
}
