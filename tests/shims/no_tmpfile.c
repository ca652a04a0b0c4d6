/* LD_PRELOAD shim for tests/cli/gtfs_ride_spill.sh: open() with O_TMPFILE
 * fails with EOPNOTSUPP, as on a file system without unnamed temporary files,
 * so the caller's fallback (a named file unlinked at once) is what runs. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>

static int shim_open(const char *name, const char *path, int flags, va_list ap) {
  if ((flags & O_TMPFILE) == O_TMPFILE) {
    errno = EOPNOTSUPP;
    return -1;
  }
  int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, name);
  int mode = (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, int) : 0;
  return real(path, flags, mode);
}

#include "open_wrap.h"
