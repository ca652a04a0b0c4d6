/* The one thread pool: N independent tasks on T threads. Results must not
 * depend on T, so tasks are indexed and each writes only what belongs to its
 * index; the pool hands indices out in order and reports the error of the
 * lowest failing one, whichever thread ran it. */
#ifndef RS__BASE_POOL_H
#define RS__BASE_POOL_H

/* A task: do index I (WORKER is 0..threads-1, for per-thread scratch). */
typedef int (*rs__task_fn)(void *ctx, long i, int worker);

/* Threads to use for REQUESTED (<= 0: every online CPU), at most N, at least 1. */
int rs__pool_threads(int requested, long n);

/* Run FN(CTX, i, worker) for i = 0..N-1 on rs__pool_threads(THREADS, N) threads,
 * the calling thread being worker 0. After a task fails no new index is handed
 * out; tasks already running finish. Returns RS_OK, or the error of the lowest
 * failing index (*FAILED gets that index, or -1; FAILED may be NULL). */
int rs__pool_run(long n, int threads, rs__task_fn fn, void *ctx, long *failed);
#endif
