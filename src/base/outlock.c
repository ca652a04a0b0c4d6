/* Output directory locks (see outlock.h). */
#define _DEFAULT_SOURCE /* flock */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "base/diag.h"
#include "base/fsafe.h"
#include "base/outlock.h"

/* The holder's pid as it wrote it ("pid N"), or "unknown" while it has not yet. */
static void rs__holder(int pfd, const char *name, char *pid, size_t size) {
  char buf[64];
  int n = 0;
  if (rs__read_small_at(pfd, name, buf, sizeof buf) == 0 && sscanf(buf, "pid %d", &n) == 1 && n > 0)
    snprintf(pid, size, "%d", n);
  else
    snprintf(pid, size, "unknown");
}

int rs__outlock_take(rs__outlock *lk, int pfd, const char *base, const char *part,
                     const char *dir, rs_diag *d) {
  lk->pfd = -1;
  lk->fd = -1;
  if ((size_t)snprintf(lk->name, sizeof lk->name, ".%s%s%s.lock", base, part ? "." : "",
                       part ? part : "") >= sizeof lk->name)
    return rs__diag_add(d, RS_EIO, dir, 0, 0, "name too long for its lock file");
  for (int attempt = 0; attempt < 8; attempt++) {
    int fd = openat(pfd, lk->name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0666);
    struct stat a, b;
    if (fd < 0 || fstat(fd, &a) != 0 || !S_ISREG(a.st_mode)) {
      int e = fd < 0 ? errno : EINVAL;
      if (fd >= 0) close(fd);
      return rs__diag_add(d, RS_EIO, dir, 0, 0,
                          "cannot use the lock file %s beside it: %s", lk->name,
                          e == ELOOP ? "it is a symbolic link" : strerror(e));
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int e = errno;
      close(fd);
      if (e != EWOULDBLOCK)
        return rs__diag_add(d, RS_EIO, dir, 0, 0, "cannot lock %s: %s", lk->name, strerror(e));
      char pid[32];
      /* the holder writes its pid just after locking: give it a moment */
      for (int i = 0; i < 20; i++) {
        rs__holder(pfd, lk->name, pid, sizeof pid);
        if (strcmp(pid, "unknown")) break;
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
      }
      return rs__diag_add(d, RS_EIO, NULL, 0, 0, "%s%s%s is being written by another ridersim (pid %s)",
                          dir, part ? " " : "", part ? part : "", pid);
    }
    /* Locked; but is it still the file of that name (not one just removed)? */
    if (fstatat(pfd, lk->name, &b, AT_SYMLINK_NOFOLLOW) != 0 || a.st_ino != b.st_ino ||
        a.st_dev != b.st_dev) {
      close(fd);
      continue;
    }
    char text[32];
    int n = snprintf(text, sizeof text, "pid %ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, text, (size_t)n, 0) != n) {
      /* the pid is only for the message of a second writer: go on without */
    }
    lk->pfd = pfd;
    lk->fd = fd;
    return RS_OK;
  }
  return rs__diag_add(d, RS_EIO, dir, 0, 0, "cannot take the lock %s (it keeps changing)",
                      lk->name);
}

void rs__outlock_release(rs__outlock *lk) {
  if (lk->fd < 0) return;
  /* Remove while still holding it: a waiter that opened the old file sees
   * that the name is gone and starts over on a new one. */
  unlinkat(lk->pfd, lk->name, 0);
  close(lk->fd);
  lk->fd = -1;
  lk->pfd = -1;
}
