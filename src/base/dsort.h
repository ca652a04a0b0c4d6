/* The one sort of plain doubles, in place and ascending: an introsort with the
 * comparison inlined (qsort's callback cost a commute table a third of its time). */
#ifndef RS__BASE_DSORT_H
#define RS__BASE_DSORT_H
#include <stddef.h>
#include <stdint.h>

/* Sort V[0..N) ascending (no NaN: its place would be unspecified). */
void rs__sort_doubles(double *v, size_t n);

/* The same with a workspace WORK of 2 * N + 1 uint64_t: a bucket sort (N
 * buckets between the least and the greatest value, then an insertion sort
 * of the whole, which moves each value inside its bucket only), or, when the
 * values bunch in a few buckets or are not all finite, a radix sort on the
 * bits (eight passes of a byte). A few hundred random values cost about 35
 * instructions each, against 140 by radix and 400 by the introsort, whose
 * comparisons the processor mispredicts half the time. The same array as
 * rs__sort_doubles unless two values compare equal with different bits (-0
 * and +0: -0 comes first here). */
void rs__sort_doubles_ws(double *v, size_t n, uint64_t *work);
#endif
