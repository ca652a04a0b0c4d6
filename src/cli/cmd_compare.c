/* ridersim compare: PLACEHOLDER while it is being written; replaced whole by its owner. */
#include <stdio.h>
#include "cli.h"

int cmd_compare(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "ridersim compare: not available yet\n");
  return CLI_EUSAGE;
}
