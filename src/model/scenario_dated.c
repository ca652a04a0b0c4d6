/* Dated departures and trips (dated.h): one file, many service days. Rows are
 * sorted by date once, at load, keeping the file's order within a date (train
 * rows stay contiguous); each simulated day then finds its block by binary
 * search. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "base/search.h"
#include "model/dated.h"

int rs__tt_id_add(rs__timetable *tt, const char *s, uint32_t *off) {
  size_t n = strlen(s) + 1;
  if (off && n == 1 && tt->ids_len > 0) {
    *off = 0;
    return RS_OK;
  }
  if (tt->ids_len + n > tt->ids_cap) {
    size_t cap = tt->ids_cap ? tt->ids_cap * 2 : 4096;
    while (cap < tt->ids_len + n) cap *= 2;
    if (cap > UINT32_MAX) return RS_ELIMIT;
    char *p = realloc(tt->ids, cap);
    if (!p) return RS_ENOMEM;
    tt->ids = p;
    tt->ids_cap = cap;
  }
  memcpy(tt->ids + tt->ids_len, s, n);
  if (off) *off = (uint32_t)tt->ids_len;
  tt->ids_len += n;
  return RS_OK;
}

const char *rs__tt_id(const rs__timetable *tt, uint32_t off) {
  return tt->ids && off < tt->ids_len ? tt->ids + off : "";
}

typedef struct rs__dkey {
  int32_t date;
  int ix;
} rs__dkey;

static int rs__cmp_dkey(const void *a, const void *b) {
  const rs__dkey *x = a, *y = b;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  return (x->ix > y->ix) - (x->ix < y->ix);
}

/* The same order by counting: one pass to count each date, one to place the
 * records in file order (stable) -- a dated replay of millions of rows spends
 * no time in qsort. For dates spanning at most RANGE days (the counts). */
static int rs__count_by_date(void *base, int n, size_t size, const int32_t *date, int32_t lo,
                             size_t range) {
  size_t *at = calloc(range + 1, sizeof *at);
  char *tmp = malloc((size_t)n * size);
  if (!at || !tmp) {
    free(at);
    free(tmp);
    return RS_ENOMEM;
  }
  for (int i = 0; i < n; i++) at[(size_t)(date[i] - lo) + 1]++;
  for (size_t j = 1; j <= range; j++) at[j] += at[j - 1];
  for (int i = 0; i < n; i++)
    memcpy(tmp + at[(size_t)(date[i] - lo)]++ * size, (char *)base + (size_t)i * size, size);
  memcpy(base, tmp, (size_t)n * size);
  free(at);
  free(tmp);
  return RS_OK;
}

/* Reorder N records of SIZE bytes at BASE by DATE (stable). */
static int rs__sort_by_date(void *base, int n, size_t size, const int32_t *date) {
  if (n < 2) return RS_OK;
  int32_t lo = date[0], hi = date[0];
  for (int i = 1; i < n; i++) {
    if (date[i] < lo) lo = date[i];
    if (date[i] > hi) hi = date[i];
  }
  int64_t range = (int64_t)hi - lo + 1; /* a row without a date (RS__DATE_NONE) widens it */
  if (range <= 4 * (int64_t)n + 4096) return rs__count_by_date(base, n, size, date, lo, (size_t)range);
  rs__dkey *k = malloc((size_t)n * sizeof *k);
  char *tmp = malloc((size_t)n * size);
  if (!k || !tmp) {
    free(k);
    free(tmp);
    return RS_ENOMEM;
  }
  for (int i = 0; i < n; i++) k[i] = (rs__dkey){date[i], i};
  qsort(k, (size_t)n, sizeof *k, rs__cmp_dkey);
  for (int i = 0; i < n; i++) memcpy(tmp + (size_t)i * size, (char *)base + (size_t)k[i].ix * size, size);
  memcpy(base, tmp, (size_t)n * size);
  free(k);
  free(tmp);
  return RS_OK;
}

int rs__sort_rows_by_date(rs__timetable *tt) {
  int32_t *d = malloc(((size_t)tt->nrows + 1) * sizeof *d);
  if (!d) return RS_ENOMEM;
  for (int i = 0; i < tt->nrows; i++) d[i] = tt->rows[i].date;
  int rc = rs__sort_by_date(tt->rows, tt->nrows, sizeof *tt->rows, d);
  free(d);
  return rc;
}

int rs__sort_trips_by_date(rs__demand *dm) {
  int32_t *d = malloc(((size_t)dm->ntrips + 1) * sizeof *d);
  if (!d) return RS_ENOMEM;
  for (int i = 0; i < dm->ntrips; i++) d[i] = dm->trips[i].date;
  int rc = rs__sort_by_date(dm->trips, dm->ntrips, sizeof *dm->trips, d);
  free(d);
  return rc;
}

/* [lo, hi) of DATE in the sorted DATES (stride STRIDE bytes). */
static void rs__date_block(const char *base, int n, size_t stride, size_t off, int32_t date, int *first,
                           int *count) {
  int lo = rs__lower_bound_i32(base, n, stride, off, date), end = lo;
  for (; end < n; end++) {
    int32_t v;
    memcpy(&v, base + (size_t)end * stride + off, sizeof v);
    if (v != date) break;
  }
  *first = lo;
  *count = end - lo;
}

void rs__dep_rows_of_date(const rs__timetable *tt, int32_t date, int *first, int *n) {
  if (!tt->dated) {
    *first = 0;
    *n = tt->nrows;
    return;
  }
  rs__date_block((const char *)tt->rows, tt->nrows, sizeof *tt->rows,
                 offsetof(rs__dep_row, date), date, first, n);
}

void rs__trips_of_date(const rs__demand *dm, int32_t date, int *first, int *n) {
  if (!dm->dated) {
    *first = 0;
    *n = dm->ntrips;
    return;
  }
  rs__date_block((const char *)dm->trips, dm->ntrips, sizeof *dm->trips,
                 offsetof(rs__trip_row, date), date, first, n);
}
