/* ridersim elasticity: implied elasticities to fare, frequency and in-vehicle time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/elasticity.h"

static const char el_about[] =
    "Re-runs SCENARIO (default: the built-in baseline) with the fare, the service\n"
    "frequency (1/headway) and the metro's running times moved down and up by STEP\n"
    "under common random numbers (seven runs, on -j threads), and prints the arc\n"
    "elasticities of ridership (riders after the first DAYS days). Writes\n"
    "DIR/elasticity.csv with columns variable,elasticity,key,x_lo,x_hi,riders_lo,riders_hi.\n"
    "Published ranges: fare -0.2 to -0.6, frequency +0.3 to +0.8.";

/* Write into the folder claimed before the runs; commit, or leave the old one. */
static int write_csv(rs_outdir *od, const rs_elasticity_result *r, rs_diag *d) {
  int rc = rs_elasticity_write(r, rs_outdir_path(od), d);
  if (rc == RS_OK) return rs_outdir_commit(od, d);
  rs_outdir_abort(od);
  return rc;
}

int cmd_elasticity(int argc, char **argv) {
  rs_elasticity_def def;
  rs_elasticity_def_default(&def);
  const cli_opt own[] = {
      {"--step", NULL, "FRACTION", CLI_DOUBLE, &def.step, 0.001, 0.49,
       "relative change down and up (default 0.05)"},
      {"--warmup", NULL, "DAYS", CLI_INT, &def.warmup_days, 0, 36600,
       "days left out of the ridership total while learning settles (default 60)"},
      {"--expected", NULL, NULL, CLI_FLAG, &def.expected, 0, 0, "expected-value mode (no engine)"},
  };
  const cli_spec spec = {"elasticity", "[SCENARIO]", 0, 1, el_about,
                         CLI_O_OUT | CLI_O_SET | CLI_O_SEED | CLI_O_THREADS | CLI_O_QUIET,
                         "out-elasticity", own, sizeof own / sizeof own[0]};
  cli_args a = {.outdir = "out-elasticity"};
  int e = cli_parse(&spec, argc, argv, &a);
  if (e) return cli_args_free(&a), e == 1 ? CLI_OK : e;
  const char *scenario = a.npos ? a.pos[0] : NULL;
  int exit_code = CLI_OK;
  rs_scenario *s = cli_load_args("elasticity", scenario, &a, NULL, &exit_code);
  if (!s) return cli_args_free(&a), exit_code;
  def.threads = a.threads;
  def.progress = cli_progress(&a, "elasticity", "days", 7L * rs_scenario_days(s));
  rs_scenario_free(s);
  rs_diag *d = rs_diag_alloc();
  rs_elasticity_result r[RS_EL_N];
  rs_outdir *od = NULL; /* the folder is checked before the runs, not after */
  int rc = rs_outdir_begin_kind(a.outdir, "elasticity", &od, d), input = 0;
  if (rc == RS_OK) {
    rc = rs_elasticity(scenario, a.sets.v, a.sets.n, &def, r, d);
    input = rc != RS_OK;
    if (rc == RS_OK) rc = write_csv(od, r, d);
    else rs_outdir_abort(od);
  }
  rs_progress_finish(def.progress);
  rs_progress_free(def.progress);
  if (rc != RS_OK) {
    exit_code = cli_fail("elasticity", d, rc, input);
  } else if (!a.quiet) {
    static const char *const range[RS_EL_N] = {"-0.2 .. -0.6", "+0.3 .. +0.8", "(no range given)"};
    printf("implied elasticities of ridership (arc, +-%.0f%%, %s)\n", def.step * 100,
           def.expected ? "expected-value mode" : "every passenger simulated");
    printf("  %-10s %11s   %-16s %s\n", "variable", "elasticity", "published", "varied");
    for (int v = 0; v < RS_EL_N; v++)
      printf("  %-10s %+11.3f   %-16s %s\n", r[v].variable, r[v].elasticity, range[v], r[v].key);
    printf("  written: %s/elasticity.csv\n", a.outdir);
  }
  rs_diag_free(d);
  cli_args_free(&a);
  return exit_code;
}
