/* Replays the fuzzing regression corpus (tests/fuzz-corpus/) through the same
 * entry function as the libFuzzer target (fuzz/fuzz_entry.c), without
 * libFuzzer: under the ASan+UBSan build this is the fuzzer's check on every
 * corpus file. Each input must keep the entry's invariants (a refused
 * scenario says why; a valid one gives a simulation). */
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#undef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#define _XOPEN_SOURCE 700 /* nftw, in fuzz_entry.c */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../fuzz/fuzz_entry.c"
#include "check.h"

static int read_all(const char *path, uint8_t **buf, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 4096, n = 0;
  uint8_t *p = malloc(cap);
  while (p) {
    n += fread(p + n, 1, cap - n, f);
    if (n < cap) break;
    uint8_t *q = realloc(p, cap * 2);
    if (!q) free(p);
    p = q;
    cap *= 2;
  }
  int err = ferror(f);
  fclose(f);
  if (!p || err) {
    free(p);
    return -1;
  }
  *buf = p;
  *len = n;
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  /* Optional arguments: files to replay instead of the corpus (to check a crash). */
  const char *corpus = RS_SRC_DIR "/tests/fuzz-corpus";
  const char *tmp = getenv("TMPDIR");
  char dir[512];
  snprintf(dir, sizeof dir, "%s/rs_fuzz_replay.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  char *names[1024];
  int n = 0;
  if (argc > 1) {
    for (int i = 1; i < argc && n < 1024; i++) names[n++] = strdup(argv[i]);
  } else {
    DIR *dp = opendir(corpus);
    CHECK(dp != NULL);
    struct dirent *e;
    while (dp && (e = readdir(dp)) && n < 1024) {
      if (e->d_name[0] == '.') continue;
      char path[1024];
      snprintf(path, sizeof path, "%s/%s", corpus, e->d_name);
      names[n++] = strdup(path);
    }
    if (dp) closedir(dp);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
  }
  int replayed = 0;
  for (int i = 0; i < n; i++) {
    uint8_t *buf = NULL;
    size_t len = 0;
    if (read_all(names[i], &buf, &len)) {
      fprintf(stderr, "cannot read %s\n", names[i]);
      CHECK(0);
      free(names[i]);
      continue;
    }
    int rc = rs_fuzz_one(dir, buf, len);
    if (rc != 0) fprintf(stderr, "FAIL %s: rs_fuzz_one returned %d\n", names[i], rc);
    CHECK(rc == 0);
    replayed++;
    free(buf);
    free(names[i]);
  }
  /* The corpus holds the seeds of fuzz/make-seeds.sh (71) plus what the fuzzer
   * found: a missing or emptied corpus must fail, not pass vacuously. */
  if (argc == 1) CHECK(replayed >= 60);
  /* The entry removes the files it wrote: the directory must be empty again. */
  CHECK(rmdir(dir) == 0);
  printf("replayed %d inputs\n", replayed);
  return check_done();
}
