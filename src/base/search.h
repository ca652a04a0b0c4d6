/* The one binary search: sorted arrays of records keyed by an int32 (a date). */
#ifndef RS__BASE_SEARCH_H
#define RS__BASE_SEARCH_H
#include <stddef.h>
#include <stdint.h>

/* First of the N records of STRIDE bytes at BASE (sorted by the int32 at byte OFF)
 * whose key is >= KEY; N when none. */
int rs__lower_bound_i32(const void *base, int n, size_t stride, size_t off, int32_t key);
#endif
