/* Service calendars of a GTFS feed: calendar.txt (weekdays over a date range)
 * and calendar_dates.txt (exception_type 1 adds a date, 2 removes it). An
 * exception always wins over the weekly pattern; a feed may have only one of
 * the two files. */
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "input/gtfs.h"

static int rs__svc_index(rs__gtfs_services *sv, const char *id) {
  int k = rs__gtfs_map_get(&sv->ids, id);
  if (k >= 0) return k;
  k = sv->n;
  unsigned char *mask = realloc(sv->mask, (size_t)(k + 1));
  if (!mask) return RS_ENOMEM;
  sv->mask = mask;
  int32_t *a = realloc(sv->start, (size_t)(k + 1) * sizeof *a);
  if (!a) return RS_ENOMEM;
  sv->start = a;
  int32_t *b = realloc(sv->end, (size_t)(k + 1) * sizeof *b);
  if (!b) return RS_ENOMEM;
  sv->end = b;
  sv->mask[k] = 0;
  sv->start[k] = sv->end[k] = 0;
  if (rs__gtfs_map_put(&sv->ids, id, k)) return RS_ENOMEM;
  sv->n++;
  return k;
}

static int rs__cmp_exc(const void *a, const void *b) {
  const struct rs__gtfs_exc *x = a, *y = b;
  if (x->service != y->service) return x->service < y->service ? -1 : 1;
  return (x->date > y->date) - (x->date < y->date);
}

static int rs__load_calendar(rs__gtfs_feed *f, rs__gtfs_services *sv, rs_diag *d) {
  static const char *const cols[] = {"service_id", "monday", "tuesday", "wednesday", "thursday",
                                     "friday", "saturday", "sunday", "start_date", "end_date"};
  static const unsigned char req[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  rs__gtfs_table t;
  int rc = rs__gtfs_table_load(f, "calendar.txt", cols, 10, req, 0, &t, d);
  int bad = 0;
  for (int r = 0; !rc && r < t.nrows; r++) {
    int k = rs__svc_index(sv, rs__gtfs_cell(&t, r, 0));
    if (k < 0) {
      rc = k;
      break;
    }
    for (int w = 0; w < 7; w++) {
      const char *v = rs__gtfs_cell(&t, r, 1 + w);
      if (strcmp(v, "0") && strcmp(v, "1")) {
        bad = rs__diag_add(d, RS_EINVAL, t.where, t.line[r], 0, "'%s' must be 0 or 1, got '%s'", cols[1 + w], v);
        continue;
      }
      if (v[0] == '1') sv->mask[k] |= (unsigned char)(1u << w);
    }
    if (rs__gtfs_date(rs__gtfs_cell(&t, r, 8), &sv->start[k]) ||
        rs__gtfs_date(rs__gtfs_cell(&t, r, 9), &sv->end[k]))
      bad = rs__diag_add(d, RS_EINVAL, t.where, t.line[r], 0,
                         "start_date and end_date must be dates YYYYMMDD, got '%s', '%s'",
                         rs__gtfs_cell(&t, r, 8), rs__gtfs_cell(&t, r, 9));
  }
  rs__gtfs_table_free(&t);
  return rc ? rc : bad;
}

static int rs__load_dates(rs__gtfs_feed *f, rs__gtfs_services *sv, rs_diag *d) {
  static const char *const cols[] = {"service_id", "date", "exception_type"};
  static const unsigned char req[3] = {1, 1, 1};
  rs__gtfs_table t;
  int rc = rs__gtfs_table_load(f, "calendar_dates.txt", cols, 3, req, 0, &t, d);
  int bad = 0;
  if (!rc && t.nrows > 0) {
    sv->exc = malloc((size_t)t.nrows * sizeof *sv->exc);
    if (!sv->exc) rc = RS_ENOMEM;
  }
  for (int r = 0; !rc && r < t.nrows; r++) {
    int k = rs__svc_index(sv, rs__gtfs_cell(&t, r, 0));
    if (k < 0) {
      rc = k;
      break;
    }
    struct rs__gtfs_exc *e = &sv->exc[sv->nexc];
    const char *ty = rs__gtfs_cell(&t, r, 2);
    if (rs__gtfs_date(rs__gtfs_cell(&t, r, 1), &e->date)) {
      bad = rs__diag_add(d, RS_EINVAL, t.where, t.line[r], 0, "'date' must be a date YYYYMMDD, got '%s'",
                         rs__gtfs_cell(&t, r, 1));
      continue;
    }
    if (strcmp(ty, "1") && strcmp(ty, "2")) {
      bad = rs__diag_add(d, RS_EINVAL, t.where, t.line[r], 0,
                         "exception_type must be 1 (added) or 2 (removed), got '%s'", ty);
      continue;
    }
    e->service = k;
    e->type = ty[0] - '0';
    sv->nexc++;
  }
  if (sv->nexc > 1) qsort(sv->exc, (size_t)sv->nexc, sizeof *sv->exc, rs__cmp_exc);
  rs__gtfs_table_free(&t);
  return rc ? rc : bad;
}

int rs__gtfs_services_load(rs__gtfs_feed *f, rs__gtfs_services *sv, rs_diag *d) {
  memset(sv, 0, sizeof *sv);
  int rc = rs__load_calendar(f, sv, d);
  int rc2 = rs__load_dates(f, sv, d);
  if (!rc && !rc2 && sv->n == 0)
    return rs__diag_add(d, RS_EINVAL, rs__gtfs_path(f), 0, 0,
                        "the feed has neither calendar.txt nor calendar_dates.txt: no service dates");
  return rc ? rc : rc2;
}

void rs__gtfs_services_free(rs__gtfs_services *sv) {
  rs__gtfs_map_free(&sv->ids);
  free(sv->mask);
  free(sv->start);
  free(sv->end);
  free(sv->exc);
  memset(sv, 0, sizeof *sv);
}

int rs__gtfs_service_runs(const rs__gtfs_services *sv, int k, int32_t date) {
  if (k < 0 || k >= sv->n) return 0;
  /* Binary search for (k, date) among the exceptions. */
  int lo = 0, hi = sv->nexc - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    const struct rs__gtfs_exc *e = &sv->exc[mid];
    if (e->service == k && e->date == date) return e->type == 1;
    if (e->service < k || (e->service == k && e->date < date)) lo = mid + 1;
    else hi = mid - 1;
  }
  if (!sv->mask[k] || date < sv->start[k] || date > sv->end[k]) return 0;
  return (sv->mask[k] >> rs__weekday(date)) & 1;
}

int rs__gtfs_services_span(const rs__gtfs_services *sv, int32_t *first, int32_t *last) {
  int any = 0;
  for (int k = 0; k < sv->n; k++)
    if (sv->mask[k]) {
      if (!any || sv->start[k] < *first) *first = sv->start[k];
      if (!any || sv->end[k] > *last) *last = sv->end[k];
      any = 1;
    }
  for (int i = 0; i < sv->nexc; i++)
    if (sv->exc[i].type == 1) {
      if (!any || sv->exc[i].date < *first) *first = sv->exc[i].date;
      if (!any || sv->exc[i].date > *last) *last = sv->exc[i].date;
      any = 1;
    }
  return any ? 0 : -1;
}
