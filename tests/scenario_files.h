/* Scenario files for tests: written into a fresh directory under /tmp (DIR),
 * loaded with rs_scenario_load, messages looked up exactly. */
#ifndef RS__TEST_SCENARIO_FILES_H
#define RS__TEST_SCENARIO_FILES_H
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/scenario.h"

static char dir[64];

/* A fresh DIR named after PREFIX; 0 when it could not be made. */
static inline int files_begin(const char *prefix) {
  snprintf(dir, sizeof dir, "/tmp/%s_XXXXXX", prefix);
  return mkdtemp(dir) != NULL;
}

static inline void files_end(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd)) fprintf(stderr, "could not remove %s\n", dir);
}

static inline void put(const char *name, const char *text) {
  char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "wb");
  fputs(text, f);
  fclose(f);
}

/* Load NAME from DIR; messages in D (caller frees). */
static inline int load(const char *name, const char *const *sets, size_t nsets, rs_scenario **s,
                       rs_diag **d) {
  char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  *d = rs_diag_alloc();
  return rs_scenario_load(p, sets, nsets, s, *d);
}

/* Is "DIR/REST" (or REST when it starts with "--set") among the messages? */
static inline int has(const rs_diag *d, const char *rest) {
  char want[600];
  if (!strncmp(rest, "--set", 5)) snprintf(want, sizeof want, "%s", rest);
  else snprintf(want, sizeof want, "%s/%s", dir, rest);
  for (size_t i = 0; i < rs_diag_count(d); i++)
    if (!strcmp(rs_diag_message(d, i), want)) return 1;
  fprintf(stderr, "missing message: %s\n got:\n", want);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "  %s\n", rs_diag_message(d, i));
  return 0;
}
#endif
