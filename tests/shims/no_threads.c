/* LD_PRELOAD shim for tests/cli/threads_refused.sh: pthread_create fails
 * with EAGAIN, as when a process is out of threads, so the callers' fallback
 * (the work done on the calling thread) is what runs. Each refusal appends a
 * line to $RS_SHIM_THREAD_LOG when it is set, so a test knows the shim was
 * reached. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
  (void)t, (void)attr, (void)fn, (void)arg;
  const char *log = getenv("RS_SHIM_THREAD_LOG");
  if (log) {
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      (void)!write(fd, "refused\n", 8);
      close(fd);
    }
  }
  return EAGAIN;
}
