/* The file reader (fileio.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/fileio.h"
#include "base/fsafe.h"
#include "ridersim/ridersim.h"

/* Read F to its end, growing P; stops once more than MAX bytes have come. */
static int rs__read_all(FILE *f, size_t max, char **p, size_t *n, char *why, size_t whysize) {
  size_t cap = 1 << 16;
  *p = malloc(cap + 1);
  *n = 0;
  if (!*p) return RS_ENOMEM;
  for (;;) {
    if (*n == cap) {
      if (cap > max) return RS_OK;
      char *q = realloc(*p, cap * 2 + 1);
      if (!q) return RS_ENOMEM;
      *p = q;
      cap *= 2;
    }
    size_t got = fread(*p + *n, 1, cap - *n, f);
    *n += got;
    if (got == 0) {
      if (!ferror(f)) return RS_OK;
      snprintf(why, whysize, "%s", strerror(errno ? errno : EIO));
      return RS_EIO;
    }
  }
}

int rs__file_read(const char *path, size_t max, char **buf, size_t *len, char *why,
                  size_t whysize, int *opened) {
  *buf = NULL;
  *len = 0;
  if (opened) *opened = 0;
  /* a FIFO, a device or a directory is refused before it is opened (fsafe.h) */
  FILE *f = rs__fopen_regular(path, why, whysize);
  if (!f) return RS_EIO;
  if (opened) *opened = 1;
  char *p = NULL;
  size_t n = 0;
  int rc = rs__read_all(f, max, &p, &n, why, whysize);
  fclose(f);
  if (!rc && n > max) {
    snprintf(why, whysize, "file is larger than %zu MiB", max >> 20);
    rc = RS_ELIMIT;
  }
  if (rc) {
    free(p);
    return rc;
  }
  p[n] = 0;
  *buf = p;
  *len = n;
  return RS_OK;
}
