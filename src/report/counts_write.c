/* counts-fit.csv: demand.counts_csv beside the entries and exits of the OD
 * matrix fitted to it (docs/data-formats.md), one row per group, station and
 * counted hour. */
#include <stdio.h>
#include "base/afile.h"
#include "base/csvout.h"
#include "base/datetime.h"
#include "model/calendar.h"
#include "report/output.h"
#include "sim/results.h"

int rs__write_counts_fit(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs_scenario *sc = rs__sim_results(sim)->s;
  const rs__demand *dm = &sc->demand;
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "counts-fit.csv", d);
  if (rc != RS_OK) return rc;
  rs__csv_printf(a.f, "day_type,date,station,hour,entries,exits,fitted_entries,fitted_exits\n");
  for (int i = 0; i < dm->nfit; i++) {
    const rs__counts_fit *f = &dm->fit[i];
    if (f->entries == 0 && f->exits == 0 && f->fit_entries == 0 && f->fit_exits == 0) continue;
    char date[16] = "";
    if (f->date != RS__DATE_NONE) rs__date_format(f->date, date);
    rs__csv_printf(a.f, "%s,%s,%s,%d,%.3f,%.3f,%.3f,%.3f\n",
            f->day_type >= 0 ? rs__daytype_name((rs__daytype)f->day_type) : "", date,
            sc->st[f->station].id, f->hour, f->entries, f->exits, f->fit_entries, f->fit_exits);
  }
  return rs__afile_commit(&a, d);
}
