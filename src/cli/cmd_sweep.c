/* ridersim sweep: PLACEHOLDER while it is being written; replaced whole by its owner. */
#include <stdio.h>
#include "cli.h"

int cmd_sweep(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "ridersim sweep: not available yet\n");
  return CLI_EUSAGE;
}

int cmd_sweep_merge(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "ridersim sweep-merge: not available yet\n");
  return CLI_EUSAGE;
}
