/* The binary search (search.h). */
#include <string.h>
#include "base/search.h"

int rs__lower_bound_i32(const void *base, int n, size_t stride, size_t off, int32_t key) {
  const char *b = base;
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int32_t k;
    memcpy(&k, b + (size_t)mid * stride + off, sizeof k); /* unaligned-safe */
    if (k < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
