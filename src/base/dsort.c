/* Introsort of doubles (dsort.h): quicksort on the median of three with
 * Hoare's partition (equal keys split evenly, so a run of ties costs n log n),
 * insertion sort below 16 elements, heapsort past 2 log2 n levels. The result
 * is the one ascending order, whatever the method: callers that sum the sorted
 * values get the same sums as with qsort. */
#include "base/dsort.h"
#include <math.h>
#include <string.h>

static void rs__dsort_insertion(double *v, size_t n) {
  for (size_t i = 1; i < n; i++) {
    double x = v[i];
    size_t j = i;
    for (; j > 0 && x < v[j - 1]; j--) v[j] = v[j - 1];
    v[j] = x;
  }
}

static void rs__dsort_sift(double *v, size_t root, size_t n) {
  double x = v[root];
  for (size_t c; (c = 2 * root + 1) < n; root = c) {
    if (c + 1 < n && v[c] < v[c + 1]) c++;
    if (!(x < v[c])) break;
    v[root] = v[c];
  }
  v[root] = x;
}

static void rs__dsort_heap(double *v, size_t n) {
  for (size_t i = n / 2; i-- > 0;) rs__dsort_sift(v, i, n);
  for (size_t i = n; i-- > 1;) {
    double t = v[0];
    v[0] = v[i];
    v[i] = t;
    rs__dsort_sift(v, 0, i);
  }
}

static void rs__dsort_swap(double *a, double *b) {
  double t = *a;
  *a = *b;
  *b = t;
}

/* Hoare's partition of V[0..n) around the median of its first, middle and
 * last: returns k with every element of [0, k) <= pivot <= every element of
 * [k, n), and 0 < k < n (the middle is taken rounding down, so the scan from
 * the left stops before the end). */
static size_t rs__dsort_partition(double *v, size_t n) {
  size_t m = (n - 1) / 2;
  if (v[m] < v[0]) rs__dsort_swap(&v[m], &v[0]);
  if (v[n - 1] < v[m]) {
    rs__dsort_swap(&v[n - 1], &v[m]);
    if (v[m] < v[0]) rs__dsort_swap(&v[m], &v[0]);
  }
  double p = v[m];
  size_t i = (size_t)-1, j = n;
  for (;;) {
    do i++;
    while (v[i] < p);
    do j--;
    while (p < v[j]);
    if (i >= j) return j + 1;
    rs__dsort_swap(&v[i], &v[j]);
  }
}

static void rs__dsort_rec(double *v, size_t n, int depth) {
  while (n > 16) {
    if (depth-- == 0) {
      rs__dsort_heap(v, n);
      return;
    }
    size_t k = rs__dsort_partition(v, n);
    /* recurse into the smaller side, loop on the larger: stack depth log n */
    if (k < n - k) {
      rs__dsort_rec(v, k, depth);
      v += k;
      n -= k;
    } else {
      rs__dsort_rec(v + k, n - k, depth);
      n = k;
    }
  }
  rs__dsort_insertion(v, n);
}

void rs__sort_doubles(double *v, size_t n) {
  int depth = 0;
  for (size_t x = n; x > 1; x >>= 1) depth += 2;
  rs__dsort_rec(v, n, depth);
}

/* A double's bits as an unsigned key in the order of the values: the sign bit
 * set for the positives, every bit flipped for the negatives. */
static inline uint64_t rs__dkey(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u ^ ((uint64_t)(-(int64_t)(u >> 63)) | 0x8000000000000000ULL);
}

static inline double rs__dkey_value(uint64_t k) {
  uint64_t u = k >> 63 ? k ^ 0x8000000000000000ULL : ~k;
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

/* Radix sort of V by rs__dkey: eight passes of a byte, those where every
 * key has the same byte skipped. WORK: 2 * N. */
static void rs__dsort_radix(double *v, size_t n, uint64_t *work) {
  size_t cnt[8][256];
  memset(cnt, 0, sizeof cnt);
  uint64_t *a = work, *b = work + n;
  for (size_t i = 0; i < n; i++) {
    uint64_t k = a[i] = rs__dkey(v[i]);
    for (int p = 0; p < 8; p++) cnt[p][(k >> (8 * p)) & 255]++;
  }
  for (int p = 0; p < 8; p++) {
    size_t *c = cnt[p], sum = 0;
    if (c[(a[0] >> (8 * p)) & 255] == n) continue; /* every key has this byte */
    for (int d = 0; d < 256; d++) {
      size_t t = c[d];
      c[d] = sum;
      sum += t;
    }
    for (size_t i = 0; i < n; i++) b[c[(a[i] >> (8 * p)) & 255]++] = a[i];
    uint64_t *t = a;
    a = b;
    b = t;
  }
  for (size_t i = 0; i < n; i++) v[i] = rs__dkey_value(a[i]);
}

/* Bucket of X among N over [LO, LO + N / SCALE]: monotone in X (a subtraction,
 * a product by a positive number and a floor each keep the order), so the
 * buckets in turn hold the values in order. */
static inline size_t rs__dsort_bucket(double x, double lo, double scale, size_t n) {
  size_t b = (size_t)((x - lo) * scale);
  return b < n ? b : n - 1;
}

void rs__sort_doubles_ws(double *v, size_t n, uint64_t *work) {
  if (n < 64) { /* the introsort is as fast and needs no buckets; */
    rs__sort_doubles(v, n);
    size_t z = 0, neg = 0; /* its zeros, -0 first as below */
    while (z < n && v[z] < 0) z++;
    for (size_t i = z; i < n && v[i] == 0; i++) neg += signbit(v[i]) != 0;
    for (size_t i = z; i < n && v[i] == 0; i++) v[i] = i < z + neg ? -0.0 : 0.0;
    return;
  }
  double lo = v[0], hi = v[0];
  int nan = 0;
  for (size_t i = 1; i < n; i++) {
    lo = v[i] < lo ? v[i] : lo;
    hi = v[i] > hi ? v[i] : hi;
    nan |= v[i] != v[i];
  }
  /* infinities, NaN, one value (maybe -0 and +0), or a span past the largest double */
  if (nan || !(hi - lo > 0) || !(hi - lo < INFINITY)) {
    rs__dsort_radix(v, n, work);
    return;
  }
  uint64_t *out = work, *start = work + n; /* N + 1 */
  double scale = (double)n / (hi - lo);
  memset(start, 0, (n + 1) * sizeof *start);
  for (size_t i = 0; i < n; i++) start[rs__dsort_bucket(v[i], lo, scale, n) + 1]++;
  /* the insertion sort below costs about the sum of the buckets' squares
   * over 4: values bunched in a few buckets go to the radix sort instead */
  uint64_t sq = 0;
  for (size_t b = 1; b <= n; b++) sq += start[b] * start[b];
  if (sq > 8 * (uint64_t)n) {
    rs__dsort_radix(v, n, work);
    return;
  }
  for (size_t b = 1; b <= n; b++) start[b] += start[b - 1];
  for (size_t i = 0; i < n; i++) out[start[rs__dsort_bucket(v[i], lo, scale, n)]++] = rs__dkey(v[i]);
  /* In bucket order every key is below those of the later buckets: an
   * insertion sort of the whole moves each key inside its bucket only. By
   * key, so -0 comes before +0 as in the radix sort. */
  for (size_t i = 1; i < n; i++) {
    uint64_t k = out[i];
    size_t j = i;
    for (; j > 0 && k < out[j - 1]; j--) out[j] = out[j - 1];
    out[j] = k;
  }
  for (size_t i = 0; i < n; i++) v[i] = rs__dkey_value(out[i]);
}
