/* What kind of output a folder holds, from the files it has (a sweep's
 * database, compare.csv, forecast.csv, a run's tables): read by `ridersim
 * plot` (sweep/plots_any.c) and report.html (report_html.c). */
#include <stdio.h>
#include <sys/stat.h>
#include "ridersim/plots.h"

static int has(const char *dir, const char *name) {
  char path[4200];
  struct stat sb;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

rs_folder_kind rs_folder_kind_of(const char *dir) {
  if (has(dir, "sweep.db")) return RS_FOLDER_SWEEP;
  if (has(dir, "compare.csv")) return RS_FOLDER_COMPARE;
  if (has(dir, "forecast.csv")) return RS_FOLDER_FORECAST;
  if (has(dir, "summary.yaml") || has(dir, "daily.csv") || has(dir, "trains.csv") ||
      has(dir, "stations.csv"))
    return RS_FOLDER_RUN;
  return RS_FOLDER_NONE;
}

const char *rs_folder_kind_name(rs_folder_kind k) {
  static const char *const n[] = {"no ridersim output", "run", "compare", "forecast", "sweep"};
  return n[k];
}
