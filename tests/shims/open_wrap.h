/* open() and open64() for an LD_PRELOAD shim, both passed to the shim's own
 *   static int shim_open(const char *name, const char *path, int flags, va_list ap);
 * (NAME: the libc symbol to call on with dlsym(RTLD_NEXT, NAME)), which the
 * shim defines before including this file. */
#ifndef RS_SHIM_OPEN_WRAP_H
#define RS_SHIM_OPEN_WRAP_H
#include <stdarg.h>

int open(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  int fd = shim_open("open", path, flags, ap);
  va_end(ap);
  return fd;
}

int open64(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  int fd = shim_open("open64", path, flags, ap);
  va_end(ap);
  return fd;
}
#endif
