/* ridersim plot: redraw the charts (and report.html) of any ridersim output
 * folder from its files. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/plots.h"
#include "ridersim/report.h"

/* Chart files of FORMAT in DIR/plots. */
static int count_charts(const char *dir, const char *format) {
  char pd[4200];
  snprintf(pd, sizeof pd, "%s/plots", dir);
  DIR *dp = opendir(pd);
  if (!dp) return 0;
  int n = 0;
  size_t fl = strlen(format);
  for (struct dirent *e; (e = readdir(dp));) {
    size_t l = strlen(e->d_name);
    n += l > fl + 1 && e->d_name[l - fl - 1] == '.' && !strcmp(e->d_name + l - fl, format) &&
         e->d_name[0] != '.';
  }
  closedir(dp);
  return n;
}

int cmd_plot(int argc, char **argv) {
  const cli_spec spec = {
      "plot", "DIR", 1, 1,
      "Redraws every chart of the ridersim output folder DIR from its files into\n"
      "DIR/plots/: a run's (daily, cumulative, load-profile, boardings, commute,\n"
      "train-diagram), a comparison's (compare-*), a forecast's (forecast_*) or a\n"
      "sweep's (tornado, heatmap); then a run's, comparison's or forecast's\n"
      "report.html. A folder with nothing to draw is an error.",
      CLI_O_PLOTS | CLI_O_PLOTS_NO_NONE | CLI_O_QUIET, NULL, NULL, 0};
  cli_args a = {.plots = "png"};
  int e = cli_parse(&spec, argc, argv, &a);
  cli_args_free(&a);
  if (e) return e == 1 ? CLI_OK : e;
  const char *dir = a.pos[0];
  rs_diag *d = rs_diag_alloc();
  rs_folder_kind kind;
  int rc = rs_plots_redraw(dir, a.plots, &kind, d);
  if (rc == RS_OK && kind != RS_FOLDER_SWEEP) rc = rs_report_write(dir, d);
  int n = count_charts(dir, a.plots);
  if (rc == RS_OK && n == 0)
    rc = RS_EINVAL, fprintf(stderr, "ridersim plot: %s (a %s folder) has no data any chart draws\n",
                            dir, rs_folder_kind_name(kind));
  /* a chart that cannot be written is a run-time failure (3); nothing to draw, bad input (1) */
  if (rc != RS_OK) e = cli_fail("plot", d, rc, 0);
  else if (!a.quiet)
    printf("%d chart%s of the %s in %s/plots/%s\n", n, n == 1 ? "" : "s", rs_folder_kind_name(kind),
           dir, kind == RS_FOLDER_SWEEP ? "" : "; report.html rebuilt");
  rs_diag_free(d);
  return e;
}
