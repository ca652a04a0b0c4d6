/* `ridersim plot DIR`: its charts redrawn from its files, by the folder's kind
 * (drivers/folder_kind.c): run, the CSV tables; compare, compare.csv and
 * daily_delta.csv; forecast, forecast.csv; sweep, sweep.db. */
#include <errno.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include "drivers/compare.h"
#include "base/diag.h"
#include "base/outdir.h"
#include "drivers/forecast.h"
#include "ridersim/compare.h"
#include "ridersim/plots.h"
#include "ridersim/sweep.h"

static int rs__redraw_kind(const char *dir, const char *format, rs_folder_kind *kind,
                           rs_diag *d) {
  struct stat sb;
  *kind = RS_FOLDER_NONE;
  if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
    return rs__diag_add(d, RS_EIO, dir, 0, 0, "not a folder");
  *kind = rs_folder_kind_of(dir);
  char pd[4200];
  snprintf(pd, sizeof pd, "%s/plots", dir);
  if (*kind != RS_FOLDER_NONE && *kind != RS_FOLDER_RUN && mkdir(pd, 0777) != 0 && errno != EEXIST)
    return rs__diag_add(d, RS_EIO, pd, 0, 0, "cannot create: %s", strerror(errno));
  switch (*kind) {
    case RS_FOLDER_RUN: return rs_plots_draw(dir, format, d);
    case RS_FOLDER_FORECAST: return rs__forecast_plots_from_dir(dir, format, d);
    case RS_FOLDER_SWEEP: return rs_sweep_report(dir, format, d);
    case RS_FOLDER_COMPARE: {
      rs_compare *c = NULL;
      int rc = rs__compare_read(dir, &c, d);
      if (rc == RS_OK) rc = rs_compare_plots(c, dir, format, d);
      rs_compare_free(c);
      return rc;
    }
    default:
      return rs__diag_add(d, RS_EINVAL, dir, 0, 0,
                          "nothing to draw: no ridersim output here (a run has summary.yaml and "
                          "daily.csv, a compare compare.csv, a forecast forecast.csv, a sweep "
                          "sweep.db)");
  }
}

/* Only into ridersim's own folder of that kind (its marker), one writer at a time. */
int rs_plots_redraw(const char *dir, const char *format, rs_folder_kind *kind, rs_diag *d) {
  *kind = rs_folder_kind_of(dir);
  if (*kind == RS_FOLDER_NONE) return rs__redraw_kind(dir, format, kind, d);
  rs__outclaim claim;
  int rc = rs__outdir_claim(dir, rs_folder_kind_name(*kind), NULL, 0, &claim, d);
  if (rc != RS_OK) return rc;
  rc = rs__redraw_kind(dir, format, kind, d);
  rs__outdir_unclaim(&claim);
  return rc;
}
