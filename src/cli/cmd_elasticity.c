/* ridersim elasticity: implied elasticities to fare, frequency and in-vehicle time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/elasticity.h"

static void el_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim elasticity [SCENARIO] [--set key.path=value]... [-o DIR]\n"
          "                           [--step FRACTION] [--warmup DAYS] [--expected]\n\n"
          "Re-runs SCENARIO (default: the built-in baseline) with the fare, the service\n"
          "frequency (1/headway) and the metro's running times moved down and up by STEP\n"
          "(default 0.05) under common random numbers, and prints the arc elasticities of\n"
          "ridership (riders after the first DAYS days, default 60). Writes\n"
          "DIR/elasticity.csv (default out-elasticity/) with columns variable,elasticity.\n"
          "Published ranges: fare -0.2 to -0.6, frequency +0.3 to +0.8.\n");
}

int cmd_elasticity(int argc, char **argv) {
  cli_common c = {0};
  c.outdir = "out-elasticity";
  rs_elasticity_def def;
  rs_elasticity_def_default(&def);
  for (int i = 1; i < argc; i++) {
    int k = cli_common_option(&c, argc, argv, &i);
    if (k < 0) return cli_common_free(&c), CLI_EUSAGE;
    if (k > 0) continue;
    char *end = NULL;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      el_usage(stdout);
      cli_common_free(&c);
      return CLI_OK;
    } else if (!strcmp(argv[i], "--step") && i + 1 < argc) {
      def.step = strtod(argv[++i], &end);
    } else if (!strcmp(argv[i], "--warmup") && i + 1 < argc) {
      def.warmup_days = (int)strtol(argv[++i], &end, 10);
      if (def.warmup_days < 0) end = argv[i];
    } else if (!strcmp(argv[i], "--expected")) {
      def.expected = 1;
    } else if (argv[i][0] == '-' || c.scenario) {
      fprintf(stderr, "ridersim elasticity: unexpected argument '%s'\n", argv[i]);
      el_usage(stderr);
      cli_common_free(&c);
      return CLI_EUSAGE;
    } else {
      c.scenario = argv[i];
    }
    if (end && *end) {
      fprintf(stderr, "ridersim elasticity: '%s' is not a number\n", argv[i]);
      cli_common_free(&c);
      return CLI_EUSAGE;
    }
  }
  rs_diag *d = rs_diag_alloc();
  rs_elasticity_result r[RS_EL_N];
  rs_outdir *od = NULL;
  int rc = rs_outdir_begin_kind(c.outdir, "elasticity", &od, d);
  if (rc == RS_OK) rc = rs_elasticity(c.scenario, c.sets, c.nsets, &def, r, d);
  if (rc != RS_OK && od) rs_outdir_abort(od), od = NULL;
  if (rc == RS_OK) {
    rc = rs_elasticity_write(r, rs_outdir_path(od), d);
    if (rc == RS_OK) rc = rs_outdir_commit(od, d);
    else rs_outdir_abort(od);
  }
  if (rc != RS_OK) {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim elasticity: %s\n", rs_strerror(rc));
  } else if (!c.quiet) {
    static const char *const range[RS_EL_N] = {"-0.2 .. -0.6", "+0.3 .. +0.8", "(no range given)"};
    printf("implied elasticities of ridership (arc, +-%.0f%%, %s)\n", def.step * 100,
           def.expected ? "expected-value mode" : "every passenger simulated");
    printf("  %-10s %11s   %-16s %s\n", "variable", "elasticity", "published", "varied");
    for (int v = 0; v < RS_EL_N; v++)
      printf("  %-10s %+11.3f   %-16s %s\n", r[v].variable, r[v].elasticity, range[v], r[v].key);
    printf("  written: %s/elasticity.csv\n", c.outdir);
  }
  rs_diag_free(d);
  cli_common_free(&c);
  return cli_exit_code(rc);
}
