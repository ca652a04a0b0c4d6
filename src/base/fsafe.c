/* No-follow, no-replace file-system primitives (see fsafe.h). */
#define _GNU_SOURCE /* renameat2, getrandom */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "base/fsafe.h"

/* Deeper trees than this are not ridersim's (its outputs are two levels). */
#define RS__RMTREE_DEPTH 16

static int rs__rmtree_depth(int dirfd, const char *name, int depth, const char *last) {
  struct stat st;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(st.st_mode)) return unlinkat(dirfd, name, 0);
  if (depth > RS__RMTREE_DEPTH) return -1;
  int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  DIR *dp = fdopendir(fd);
  if (!dp) {
    close(fd);
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(dp)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !(last && !strcmp(e->d_name, last)))
      rc |= rs__rmtree_depth(fd, e->d_name, depth + 1, NULL);
  if (last && unlinkat(fd, last, 0) != 0 && errno != ENOENT) rc = -1;
  closedir(dp); /* closes fd */
  if (unlinkat(dirfd, name, AT_REMOVEDIR) != 0) rc = -1;
  return rc;
}

int rs__rmtree_at(int dirfd, const char *name, const char *last) {
  return rs__rmtree_depth(dirfd, name, 0, last);
}

int rs__rename_noreplace(int dirfd, const char *from, const char *to) {
  if (renameat2(dirfd, from, dirfd, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  /* A file system without RENAME_NOREPLACE: check, then rename (the window
   * between the two is the one gap; docs/robustness.md). */
  struct stat st;
  if (fstatat(dirfd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    errno = EEXIST;
    return -1;
  }
  return renameat(dirfd, from, dirfd, to);
}

int rs__fsync_dir_at(int dirfd, const char *name) {
  int fd = name ? openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : dirfd;
  if (fd < 0) return -1;
  int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : -1;
  if (name) close(fd);
  return rc;
}

int rs__syncfs_at(int dirfd, const char *name) {
  int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  int rc = syncfs(fd);
  int e = errno;
  close(fd);
  errno = e;
  return rc;
}

int rs__rename_exchange(int dirfd, const char *a, const char *b) {
  return renameat2(dirfd, a, dirfd, b, RENAME_EXCHANGE);
}

void rs__run_id(char *buf) {
  uint64_t v = 0;
  if (getrandom(&v, sizeof v, GRND_NONBLOCK) != (ssize_t)sizeof v) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    v = ((uint64_t)ts.tv_sec * 1000000007u) ^ ((uint64_t)ts.tv_nsec << 20) ^
        ((uint64_t)getpid() << 40) ^ (uint64_t)(uintptr_t)buf;
  }
  snprintf(buf, RS__RUNID_LEN + 1, "%016llx", (unsigned long long)v);
}

int rs__read_small_at(int dirfd, const char *name, char *buf, size_t size) {
  buf[0] = 0;
  int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return -1;
  struct stat st;
  ssize_t n = -1;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) n = read(fd, buf, size - 1);
  close(fd);
  if (n < 0) return -1;
  buf[n] = 0;
  return 0;
}

int rs__write_new_at(int dirfd, const char *name, const char *text, int sync) {
  int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) return -1;
  size_t len = strlen(text);
  int ok = write(fd, text, len) == (ssize_t)len && (!sync || fsync(fd) == 0);
  if (close(fd) != 0) ok = 0;
  return ok ? 0 : -1;
}

/* Name of a file type for messages. */
static const char *rs__ftype(mode_t m) {
  return S_ISFIFO(m) ? "a FIFO (named pipe)" : S_ISDIR(m) ? "a directory"
         : S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

FILE *rs__fopen_regular(const char *path, char *why, size_t whysize) {
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(why, whysize, "%s", strerror(errno));
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(why, whysize, "is %s, not a regular file", rs__ftype(st.st_mode));
    return NULL;
  }
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    snprintf(why, whysize, "%s", fd < 0 ? strerror(errno) : "changed to something else than a regular file");
    if (fd >= 0) close(fd);
    return NULL;
  }
  int fl = fcntl(fd, F_GETFL);
  if (fl != -1) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    snprintf(why, whysize, "%s", strerror(errno));
    close(fd);
  }
  return f;
}
