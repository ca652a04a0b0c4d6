/* ridersim import-gtfs: one route of a GTFS feed as a runnable scenario. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/gtfs.h"

static void import_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim import-gtfs FEED [--route ROUTE_ID] [--date YYYY-MM-DD |\n"
          "                              --from YYYY-MM-DD --to YYYY-MM-DD] [-o DIR] [-q]\n"
          "       ridersim import-gtfs FEED --list\n\n"
          "Reads FEED (a GTFS .zip or a folder) and writes into DIR (default out-gtfs):\n"
          "scenario.yaml (runnable as it is: `ridersim run DIR/scenario.yaml`), departures.csv\n"
          "(every train of every service date in the range, with the feed's trip_id and\n"
          "stop_id), stations.csv, placeholder-trips.csv and import-report.txt (what the\n"
          "route holds that one line cannot: loops, branches, block transfers).\n"
          "--route: the route to import (default: the feed's only rail route).\n"
          "--date D: one service date; --from D --to D: a range (default: the route's\n"
          "first service date). --list: every route with its type, trips, stopping\n"
          "patterns and service dates, as CSV. DIR is replaced as a whole; a DIR holding\n"
          "other files is refused.\n");
}

static int import_arg(int argc, char **argv, int *i, const char **out) {
  if (*i + 1 >= argc || !*argv[*i + 1]) {
    fprintf(stderr, "ridersim import-gtfs: %s needs a value\n", argv[*i]);
    return -1;
  }
  *out = argv[++*i];
  return 0;
}

static int import_parse(int argc, char **argv, rs_gtfs_options *o, const char **dir, int *list,
                        int *quiet) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int bad = 0;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      import_usage(stdout);
      return 1;
    } else if (!strcmp(a, "--route")) bad = import_arg(argc, argv, &i, &o->route_id);
    else if (!strcmp(a, "--date")) {
      bad = import_arg(argc, argv, &i, &o->from);
      o->to = o->from;
    } else if (!strcmp(a, "--from")) bad = import_arg(argc, argv, &i, &o->from);
    else if (!strcmp(a, "--to")) bad = import_arg(argc, argv, &i, &o->to);
    else if (!strcmp(a, "-o")) bad = import_arg(argc, argv, &i, dir);
    else if (!strcmp(a, "--list")) *list = 1;
    else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) *quiet = 1;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ridersim import-gtfs: unknown option '%s'\n", a);
      bad = -1;
    } else if (o->feed) {
      fprintf(stderr, "ridersim import-gtfs: one feed at a time ('%s' and '%s')\n", o->feed, a);
      bad = -1;
    } else o->feed = a;
    if (bad) return -1;
  }
  if (!o->feed) {
    fprintf(stderr, "ridersim import-gtfs: FEED is required\n");
    return -1;
  }
  if (o->to && !o->from) {
    fprintf(stderr, "ridersim import-gtfs: --to needs --from\n");
    return -1;
  }
  return 0;
}

int cmd_import_gtfs(int argc, char **argv) {
  rs_gtfs_options o;
  memset(&o, 0, sizeof o);
  const char *dir = "out-gtfs";
  int list = 0, quiet = 0;
  int p = import_parse(argc, argv, &o, &dir, &list, &quiet);
  if (p > 0) return CLI_OK;
  if (p < 0) {
    import_usage(stderr);
    return CLI_EUSAGE;
  }
  rs_diag *d = rs_diag_alloc();
  int rc = list ? rs_gtfs_list(o.feed, stdout, d) : rs_gtfs_import(&o, dir, quiet ? NULL : stderr, d);
  int code = CLI_OK;
  if (rc != RS_OK) {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim import-gtfs: %s\n", rs_strerror(rc));
    code = cli_exit_code(rc);
    if (code == CLI_OK) code = CLI_ERUN;
  } else if (!list && !quiet) {
    printf("imported %s into %s/ (run it: ridersim run %s/scenario.yaml)\n", o.feed, dir, dir);
  }
  rs_diag_free(d);
  return code;
}
