/* ridersim command line: dispatches to one function per command. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

static const struct {
  const char *name;
  int (*fn)(int, char **);
  const char *help;
} commands[] = {
    {"run", cmd_run, "run a scenario and write its tables and charts"},
    {"check", cmd_check, "validate a scenario and report every problem"},
    {"plot", cmd_plot, "redraw the charts of a run directory from its CSV files"},
    {"compare", cmd_compare, "run a what-if against its base and report the differences"},
    {"elasticity", cmd_elasticity, "implied elasticities to fare, frequency and in-vehicle time"},
    {"calibrate", cmd_calibrate, "fit parameters to observed counts (nonlinear least squares)"},
    {"forecast", cmd_forecast, "Monte Carlo ridership forecast with percentile bands"},
    {"sweep", cmd_sweep, "batch parameter sweep on all cores, resumable"},
    {"sweep-merge", cmd_sweep_merge, "combine the databases of sharded sweeps"},
    {"import-gtfs", cmd_import_gtfs, "one route of a GTFS feed as a runnable scenario"},
};

static void usage(FILE *f) {
  fprintf(f, "usage: ridersim COMMAND [options]\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].help);
  fprintf(f, "\n'ridersim COMMAND --help' describes a command; --version prints the version.\n");
}

int main(int argc, char **argv) {
  rs_init(); /* GSL errors as status codes, set once for the process */
  if (argc < 2) {
    usage(stderr);
    return CLI_EUSAGE;
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
    printf("ridersim %s\n", rs_version());
    return CLI_OK;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    usage(stdout);
    return CLI_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "ridersim: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return CLI_EUSAGE;
}
