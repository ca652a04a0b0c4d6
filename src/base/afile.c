/* Whole-or-nothing file writes (see afile.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/afile.h"
#include "base/diag.h"

int rs__afile_open(rs__afile *a, const char *dir, const char *name, rs_diag *d) {
  memset(a, 0, sizeof *a);
  if (snprintf(a->path, sizeof a->path, "%s/%s", dir, name) >= (int)sizeof a->path)
    return rs__diag_add(d, RS_EIO, dir, 0, 0, "path too long");
  snprintf(a->tmp, sizeof a->tmp, "%s/.%s.tmp-%ld", dir, name, (long)getpid());
  a->f = fopen(a->tmp, "wb");
  if (!a->f) return rs__diag_add(d, RS_EIO, a->path, 0, 0, "cannot write: %s", strerror(errno));
  return RS_OK;
}

int rs__afile_commit(rs__afile *a, rs_diag *d) {
  if (!a->f) return RS_EIO;
  int bad = ferror(a->f);
  if (fflush(a->f) != 0) bad = 1;
  if (fsync(fileno(a->f)) != 0 && errno != EINVAL) bad = 1;
  if (fclose(a->f) != 0) bad = 1;
  a->f = NULL;
  if (bad) {
    unlink(a->tmp);
    return rs__diag_add(d, RS_EIO, a->path, 0, 0, "write failed (disk full?)");
  }
  if (rename(a->tmp, a->path) != 0) {
    int e = errno;
    unlink(a->tmp);
    return rs__diag_add(d, RS_EIO, a->path, 0, 0, "cannot rename into place: %s", strerror(e));
  }
  return RS_OK;
}

void rs__afile_abort(rs__afile *a) {
  if (a->f) fclose(a->f);
  a->f = NULL;
  if (a->tmp[0]) unlink(a->tmp);
}
