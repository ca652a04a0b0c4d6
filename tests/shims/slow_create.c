/* LD_PRELOAD shim for tests/cli/chart_workers.sh: the first child process
 * (not the one that loaded the shim first) to create a temporary chart file
 * (O_CREAT, a name holding "/plots/." and ".tmp-") writes its pid and the
 * name to $RS_SHIM_CREATE_LOG, which must not exist yet, and then sleeps
 * $RS_SHIM_CREATE_PAUSE_MS, so the test can kill it in the instant after the
 * file exists. Other creates go on at once. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pid_t shim_main;

__attribute__((constructor)) static void shim_init(void) { shim_main = getpid(); }

static void shim_after_create(const char *path) {
  const char *log = getenv("RS_SHIM_CREATE_LOG");
  const char *ms = getenv("RS_SHIM_CREATE_PAUSE_MS");
  if (getpid() == shim_main || !log || !strstr(path, "/plots/.") || !strstr(path, ".tmp-")) return;
  int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
  int fd = real(log, O_WRONLY | O_CREAT | O_EXCL, 0644); /* only the first create pauses */
  if (fd < 0) return;
  FILE *f = fdopen(fd, "w");
  if (f) fprintf(f, "%d %s\n", (int)getpid(), path), fclose(f);
  long n = ms ? atol(ms) : 2000;
  struct timespec ts = {n / 1000, (n % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static int shim_open(const char *name, const char *path, int flags, va_list ap) {
  int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, name);
  mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
  int fd = real(path, flags, mode);
  if (fd >= 0 && (flags & O_CREAT)) shim_after_create(path);
  return fd;
}

#include "open_wrap.h"
