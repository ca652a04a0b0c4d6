/* ridersim elasticity: PLACEHOLDER while it is being written; replaced whole by its owner. */
#include <stdio.h>
#include "cli.h"

int cmd_elasticity(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "ridersim elasticity: not available yet\n");
  return CLI_EUSAGE;
}
