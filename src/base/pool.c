/* The thread pool (pool.h): a shared counter under one mutex; no task queue,
 * since every caller's tasks are 0..N-1. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "base/pool.h"
#include "ridersim/ridersim.h"

typedef struct rs__pool {
  pthread_mutex_t mu;
  long next, n, err_i;
  int err;
  rs__task_fn fn;
  void *ctx;
} rs__pool;

typedef struct rs__pool_arg {
  rs__pool *p;
  int worker;
} rs__pool_arg;

static void *rs__pool_worker(void *arg) {
  rs__pool_arg *a = arg;
  rs__pool *p = a->p;
  for (;;) {
    pthread_mutex_lock(&p->mu);
    long i = p->next < p->n && p->err == RS_OK ? p->next++ : -1;
    pthread_mutex_unlock(&p->mu);
    if (i < 0) return NULL;
    int rc = p->fn(p->ctx, i, a->worker);
    if (rc != RS_OK) {
      pthread_mutex_lock(&p->mu);
      if (p->err == RS_OK || i < p->err_i) p->err = rc, p->err_i = i;
      pthread_mutex_unlock(&p->mu);
    }
  }
}

int rs__pool_threads(int requested, long n) {
  long t = requested;
  if (t <= 0) t = sysconf(_SC_NPROCESSORS_ONLN);
  if (t > n) t = n;
  return t < 1 ? 1 : (int)t;
}

int rs__pool_run(long n, int threads, rs__task_fn fn, void *ctx, long *failed) {
  if (failed) *failed = -1;
  int nt = rs__pool_threads(threads, n);
  rs__pool p = {.next = 0, .n = n, .err_i = -1, .err = RS_OK, .fn = fn, .ctx = ctx};
  if (pthread_mutex_init(&p.mu, NULL) != 0) return RS_ENOMEM;
  pthread_t *th = nt > 1 ? calloc((size_t)nt, sizeof *th) : NULL;
  rs__pool_arg *args = calloc((size_t)nt, sizeof *args);
  int started = 0; /* threads 1..started run beside the caller */
  for (int t = 0; args && t < nt; t++) args[t] = (rs__pool_arg){&p, t};
  if (args && th)
    while (started + 1 < nt && pthread_create(&th[started + 1], NULL, rs__pool_worker,
                                              &args[started + 1]) == 0)
      started++;
  rs__pool_arg self = {&p, 0};
  rs__pool_worker(&self); /* with no thread started, the caller does everything */
  for (int t = 1; t <= started; t++) pthread_join(th[t], NULL);
  free(th);
  free(args);
  pthread_mutex_destroy(&p.mu);
  if (failed) *failed = p.err_i;
  return p.err;
}
