/* libFuzzer target over scenario loading, validation, calendars and the CSV
 * readers (docs/robustness.md says how to build and run it). */
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#undef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz_entry.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One scratch directory per fuzzing process (libFuzzer runs inputs one at a
 * time in a process; -jobs/-workers start separate processes). */
static char rs_fuzz_dir[512];

static void rs_fuzz_cleanup(void) {
  if (rs_fuzz_dir[0]) rmdir(rs_fuzz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *tmp = getenv("TMPDIR");
  snprintf(rs_fuzz_dir, sizeof rs_fuzz_dir, "%s/rs_fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(rs_fuzz_dir)) {
    perror("fuzz_scenario: mkdtemp");
    exit(1);
  }
  atexit(rs_fuzz_cleanup);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int rc = rs_fuzz_one(rs_fuzz_dir, data, size);
  if (rc != 0) abort(); /* an invariant failed: libFuzzer saves the input */
  return 0;
}
