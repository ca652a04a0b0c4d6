/* Kilometres of an imported line from shapes.txt: each station (in the order
 * the shape runs) projected onto the shape's polyline, the projection never
 * going back along it, and its distance along the shape taken. Coordinates
 * are flattened around the shape's first point (equirectangular): the error
 * over a city line is far below the 0.3 km stations are placed to. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "input/gtfs.h"

#define RS__EARTH_KM 6371.0088
#define RS__DEG (3.14159265358979323846 / 180)

typedef struct rs__pt {
  int seq;
  double x, y;
} rs__pt;

static int rs__cmp_pt(const void *a, const void *b) {
  const rs__pt *p = a, *q = b;
  return (p->seq > q->seq) - (p->seq < q->seq);
}

/* The points of SHAPE_ID in sequence order, in km around (LAT0, LON0). */
static int rs__shape_points(rs__gtfs_feed *f, const char *shape_id, double lat0, double lon0,
                            rs__pt **out, rs_diag *d) {
  static const char *const c[] = {"shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"};
  static const unsigned char q[] = {1, 1, 1, 1};
  rs__gtfs_table t;
  int rc = rs__gtfs_table_load(f, "shapes.txt", c, 4, q, 0, &t, d), n = 0;
  rs__pt *p = rc ? NULL : malloc(((size_t)t.nrows + 1) * sizeof *p);
  for (int r = 0; p && r < t.nrows; r++) {
    if (strcmp(rs__gtfs_cell(&t, r, 0), shape_id)) continue;
    double la = atof(rs__gtfs_cell(&t, r, 1)), lo = atof(rs__gtfs_cell(&t, r, 2));
    p[n++] = (rs__pt){atoi(rs__gtfs_cell(&t, r, 3)), (lo - lon0) * RS__DEG * cos(lat0 * RS__DEG) * RS__EARTH_KM,
                      (la - lat0) * RS__DEG * RS__EARTH_KM};
  }
  rs__gtfs_table_free(&t);
  if (p && n > 1) qsort(p, (size_t)n, sizeof *p, rs__cmp_pt);
  *out = p;
  return rc ? -1 : n;
}

/* Nearest point of segments [from, n-1) to (X, Y): its distance along the shape,
 * the segment in *SEG and the distance off the shape in *OFF. */
static double rs__project(const rs__pt *p, const double *cum, int n, int from, double x, double y,
                          int *seg, double *off) {
  double best = INFINITY, along = 0;
  for (int i = from; i + 1 < n; i++) {
    double dx = p[i + 1].x - p[i].x, dy = p[i + 1].y - p[i].y, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((x - p[i].x) * dx + (y - p[i].y) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = p[i].x + t * dx - x, ey = p[i].y + t * dy - y, e = sqrt(ex * ex + ey * ey);
    if (e < best) best = e, along = cum[i] + t * sqrt(l2), *seg = i;
  }
  *off = best;
  return along;
}

/* The route's trip with the most stations that names a shape_id. */
static int rs__shape_trip(const rs__gtfs_line *ln) {
  int best = -1;
  for (int i = 0; i < ln->ntrip; i++)
    if (!ln->trip[i].dropped && *rs__gtfs_cell(&ln->trips, ln->trip[i].row, 5) &&
        (best < 0 || ln->trip[i].nst > ln->trip[best].nst))
      best = i;
  return best;
}

int rs__gtfs_km_from_shape(rs__gtfs_line *ln, rs__gtfs_feed *f, rs_diag *d) {
  int tr = rs__shape_trip(ln), n = ln->nst;
  for (int k = 0; k < n; k++)
    if (!ln->st[k].has_ll) return 0; /* every station needs coordinates */
  if (tr < 0) return 0;
  rs__pt *p = NULL;
  const char *sid = rs__gtfs_cell(&ln->trips, ln->trip[tr].row, 5);
  int np = rs__shape_points(f, sid, ln->st[0].lat, ln->st[0].lon, &p, d);
  double *cum = np > 1 ? malloc((size_t)np * sizeof *cum) : NULL, *along = malloc((size_t)n * sizeof *along);
  int ok = cum && along;
  for (int i = 0; ok && i < np; i++)
    cum[i] = i ? cum[i - 1] + hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y) : 0;
  /* In the order the shape runs: the trip's direction along the line. */
  int rev = ln->trip[tr].dir, seg = 0;
  for (int k = 0; ok && k < n; k++) {
    const rs__gtfs_station *s = &ln->st[rev ? n - 1 - k : k];
    double x = (s->lon - ln->st[0].lon) * RS__DEG * cos(ln->st[0].lat * RS__DEG) * RS__EARTH_KM;
    double y = (s->lat - ln->st[0].lat) * RS__DEG * RS__EARTH_KM, off;
    along[rev ? n - 1 - k : k] = rs__project(p, cum, np, seg, x, y, &seg, &off);
    ok = off < 1.0; /* a station over 1 km off the shape: the shape is not this line's */
  }
  for (int k = 1; ok && k < n; k++) ok = rev ? along[k] < along[k - 1] : along[k] > along[k - 1];
  for (int k = 0; ok && k < n; k++) ln->st[k].km = fabs(along[k] - along[0]);
  if (ok)
    snprintf(ln->km_source, sizeof ln->km_source,
             "stop coordinates projected along shapes.txt shape '%.60s' (shape_dist_traveled "
             "absent or inconsistent)", sid);
  free(p);
  free(cum);
  free(along);
  return ok;
}
