/* Whole-or-nothing file writes (see afile.h). */
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/afile.h"
#include "base/diag.h"
#include "base/fsafe.h"
#include "base/outdir.h"

int rs__afile_open(rs__afile *a, const char *dir, const char *name, rs_diag *d) {
  memset(a, 0, sizeof *a);
  if (snprintf(a->path, sizeof a->path, "%s/%s", dir, name) >= (int)sizeof a->path)
    return rs__diag_add(d, RS_EIO, dir, 0, 0, "path too long");
  char tag[4200];
  struct stat st;
  snprintf(tag, sizeof tag, "%s/%s", dir, RS__OUTDIR_STAGING_TAG);
  a->staged = fstatat(AT_FDCWD, tag, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
  char id[RS__RUNID_LEN + 1];
  rs__run_id(id);
  snprintf(a->tmp, sizeof a->tmp, "%s/.%s.tmp-%s", dir, name, id);
  /* exclusively, never through a link planted under the temporary name */
  int fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  a->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!a->f) {
    int e = errno;
    if (fd >= 0) close(fd), unlink(a->tmp);
    a->tmp[0] = 0;
    return rs__diag_add(d, RS_EIO, a->path, 0, 0, "cannot write: %s", strerror(e));
  }
  return RS_OK;
}

int rs__afile_commit(rs__afile *a, rs_diag *d) {
  if (!a->f) return RS_EIO;
  int bad = ferror(a->f);
  if (fflush(a->f) != 0) bad = 1;
  if (a->staged) /* start the writeback; the commit waits for it (afile.h) */
    sync_file_range(fileno(a->f), 0, 0, SYNC_FILE_RANGE_WRITE);
  else if (fsync(fileno(a->f)) != 0 && errno != EINVAL)
    bad = 1;
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
