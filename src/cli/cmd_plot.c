/* ridersim plot: redraw a run's charts from its CSV files. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/plots.h"

int cmd_plot(int argc, char **argv) {
  const char *dir = NULL, *fmt = "png";
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      printf("usage: ridersim plot DIR [--plots png|svg|pdf]\n\n"
             "Redraws every chart of the run in DIR from its CSV files into DIR/plots/.\n"
             "A chart that cannot be written whole keeps its earlier file (exit 3).\n");
      return CLI_OK;
    }
    if (!strcmp(argv[i], "--plots") && i + 1 < argc) {
      fmt = argv[++i];
      if (strcmp(fmt, "png") && strcmp(fmt, "svg") && strcmp(fmt, "pdf")) {
        fprintf(stderr, "ridersim plot: --plots takes png, svg or pdf, not '%s'\n", fmt);
        return CLI_EUSAGE;
      }
    } else if (argv[i][0] == '-' || dir) {
      fprintf(stderr, "usage: ridersim plot DIR [--plots png|svg|pdf]\n");
      return CLI_EUSAGE;
    } else {
      dir = argv[i];
    }
  }
  if (!dir) {
    fprintf(stderr, "usage: ridersim plot DIR [--plots png|svg|pdf]\n");
    return CLI_EUSAGE;
  }
  rs_diag *d = rs_diag_alloc();
  int rc = rs_plots_redraw(dir, fmt, d);
  if (rc != RS_OK) {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim plot: %s\n", rs_strerror(rc));
  } else {
    printf("charts redrawn in %s/plots/\n", dir);
  }
  rs_diag_free(d);
  return cli_exit_code(rc);
}
