/* ridersim check: validate a scenario, report every problem. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

int cmd_check(int argc, char **argv) {
  cli_common c = {0};
  for (int i = 1; i < argc; i++) {
    int k = cli_common_option(&c, argc, argv, &i);
    if (k < 0) return cli_common_free(&c), CLI_EUSAGE;
    if (k > 0) continue;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      printf("usage: ridersim check SCENARIO [--set key.path=value]...\n\n"
             "Loads and validates SCENARIO (with its extends chain and CSV files) and prints\n"
             "every problem as FILE:LINE:COL: message. Exit 0 when valid, 1 when not.\n");
      cli_common_free(&c);
      return CLI_OK;
    }
    if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "ridersim check: unknown option '%s'\n", argv[i]);
      cli_common_free(&c);
      return CLI_EUSAGE;
    }
    if (c.scenario) {
      fprintf(stderr, "ridersim check: one scenario at a time\n");
      cli_common_free(&c);
      return CLI_EUSAGE;
    }
    c.scenario = argv[i];
  }
  if (!c.scenario) {
    fprintf(stderr, "usage: ridersim check SCENARIO [--set key.path=value]...\n");
    cli_common_free(&c);
    return CLI_EUSAGE;
  }
  int exit_code = CLI_OK;
  rs_scenario *s = cli_load(&c, &exit_code);
  if (s) printf("%s: ok (scenario hash %016llx)\n", c.scenario, (unsigned long long)rs_scenario_hash(s));
  rs_scenario_free(s);
  cli_common_free(&c);
  return exit_code;
}
