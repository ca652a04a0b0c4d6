/* The one sort of plain doubles, in place and ascending: an introsort with the
 * comparison inlined (qsort's callback cost a commute table a third of its time). */
#ifndef RS__BASE_DSORT_H
#define RS__BASE_DSORT_H
#include <stddef.h>

/* Sort V[0..N) ascending (no NaN: its place would be unspecified). */
void rs__sort_doubles(double *v, size_t n);
#endif
