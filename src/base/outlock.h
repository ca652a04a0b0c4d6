/* One writer per output directory: an flock(2) on a lock file beside it
 * (.NAME.lock in the same parent), taken without waiting. The lock file is
 * removed when released; a writer that locked a file someone removed in the
 * meantime notices (the name no longer leads to its file) and tries again. */
#ifndef RS__OUTLOCK_H
#define RS__OUTLOCK_H
#include "ridersim/ridersim.h"

typedef struct rs__outlock {
  int pfd;          /* the parent directory, -1 when not held */
  int fd;           /* the locked file */
  char name[300];   /* its name in the parent */
} rs__outlock;

/* Lock directory BASE inside PFD (DIR is its name for messages), or only its
 * PART (NULL: the whole folder; "shard-2-of-8": .BASE.shard-2-of-8.lock, so
 * the shards of a job array write one folder side by side). A lock held by
 * another process is RS_EIO: "DIR is being written by another ridersim (pid
 * N)". PFD stays owned by the caller. */
int rs__outlock_take(rs__outlock *lk, int pfd, const char *base, const char *part,
                     const char *dir, rs_diag *d);
void rs__outlock_release(rs__outlock *lk);
#endif
