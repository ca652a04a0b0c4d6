/* The stations of a route in one order that every trip follows, one way or
 * the other. Each trip is first oriented against the trip with the most
 * stations (by the positions of the stations they share, else by
 * direction_id); consecutive calls of the oriented trips then give "A comes
 * before B" edges, and a topological sort gives the line. Two stations that
 * no trip orders (both free at once) mean a branch; stations left over mean
 * trips disagree on the order (a loop or a changed path): both are reported
 * and the import stops, since one line cannot hold them. */
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "input/gtfs.h"

static int rs__ref_trip(const rs__gtfs_line *ln) {
  int best = -1;
  for (int i = 0; i < ln->ntrip; i++)
    if (!ln->trip[i].dropped && (best < 0 || ln->trip[i].nst > ln->trip[best].nst)) best = i;
  return best;
}

static void rs__orient(rs__gtfs_line *ln, int ref, int *pos) {
  const rs__gtfs_trip *rt = &ln->trip[ref];
  for (int s = 0; s < ln->nst; s++) pos[s] = -1;
  for (int k = 0; k < rt->nst; k++) pos[ln->stime[rt->first_st + k].station] = k;
  const char *rdir = rs__gtfs_cell(&ln->trips, rt->row, 3);
  for (int i = 0; i < ln->ntrip; i++) {
    rs__gtfs_trip *tp = &ln->trip[i];
    if (tp->dropped) continue;
    int first = -1, last = -1;
    for (int k = 0; k < tp->nst; k++) {
      int p = pos[ln->stime[tp->first_st + k].station];
      if (p < 0) continue;
      if (first < 0) first = p;
      last = p;
    }
    if (first >= 0 && last != first) tp->dir = last < first;
    else tp->dir = strcmp(rs__gtfs_cell(&ln->trips, tp->row, 3), rdir) != 0;
  }
}

/* Kahn's algorithm over the "comes before" relations of the oriented trips
 * (an N x N matrix: each relation once, however many trips give it). ORDER
 * gets the stations in line order; returns the count placed (*A = stations in
 * use), -1 at a branch (*A and *B the two unordered stations), -2 out of memory. */
static int rs__toposort(const rs__gtfs_line *ln, int *order, int *a, int *b) {
  int n = ln->nst;
  unsigned char *adj = calloc((size_t)n * (size_t)n + 1, 1), *done = calloc((size_t)n + 1, 1);
  int *indeg = calloc((size_t)n + 1, sizeof *indeg);
  if (!adj || !done || !indeg) {
    free(adj), free(done), free(indeg);
    return -2;
  }
  /* Stations only dropped trips call at are not part of the line. */
  for (int s = 0; s < n; s++) done[s] = 1;
  for (int i = 0; i < ln->ntrip; i++) {
    const rs__gtfs_trip *tp = &ln->trip[i];
    for (int k = 0; !tp->dropped && k < tp->nst; k++) {
      done[ln->stime[tp->first_st + k].station] = 0;
      if (k + 1 == tp->nst) continue;
      int u = ln->stime[tp->first_st + k].station, v = ln->stime[tp->first_st + k + 1].station;
      if (tp->dir) u ^= v, v ^= u, u ^= v;
      if (!adj[(size_t)u * (size_t)n + (size_t)v]) adj[(size_t)u * (size_t)n + (size_t)v] = 1, indeg[v]++;
    }
  }
  int used = 0, placed = 0, rc = 0;
  for (int s = 0; s < n; s++) used += !done[s];
  *a = used;
  while (placed < used) {
    int pick = -1, other = -1;
    for (int s = 0; s < n; s++)
      if (!done[s] && indeg[s] == 0) {
        if (pick < 0) pick = s;
        else if (other < 0) other = s;
      }
    if (pick < 0) break;
    if (other >= 0) {
      *a = pick, *b = other, rc = -1;
      break;
    }
    done[pick] = 1;
    order[placed++] = pick;
    for (int v = 0; v < n; v++)
      if (adj[(size_t)pick * (size_t)n + (size_t)v]) indeg[v]--;
  }
  free(adj), free(done), free(indeg);
  return rc < 0 ? rc : placed;
}

/* Renumber the stations in line order. */
static int rs__apply_order(rs__gtfs_line *ln, const int *order, int n) {
  rs__gtfs_station *st = malloc((size_t)ln->nst * sizeof *st);
  int *newix = malloc((size_t)ln->nst * sizeof *newix);
  if (!st || !newix) {
    free(st), free(newix);
    return RS_ENOMEM;
  }
  for (int k = 0; k < ln->nst; k++) newix[k] = -1; /* only on dropped trips */
  for (int k = 0; k < n; k++) {
    st[k] = ln->st[order[k]];
    st[k].order = k;
    newix[order[k]] = k;
  }
  for (int i = 0; i < ln->nstime; i++) ln->stime[i].station = newix[ln->stime[i].station];
  free(ln->st);
  ln->st = st;
  ln->nst = n;
  free(newix);
  return RS_OK;
}

/* Distinct stopping patterns (station sequences in line order, by direction),
 * each trip compared with the first trip of every pattern found so far. */
static int rs__patterns(rs__gtfs_line *ln) {
  int *first = malloc(((size_t)ln->ntrip + 1) * sizeof *first);
  if (!first) return RS_ENOMEM;
  ln->npatterns = 0;
  for (int i = 0; i < ln->ntrip; i++) {
    rs__gtfs_trip *tp = &ln->trip[i];
    tp->pattern = -1;
    if (tp->dropped) continue;
    for (int p = 0; p < ln->npatterns && tp->pattern < 0; p++) {
      const rs__gtfs_trip *q = &ln->trip[first[p]];
      if (q->nst != tp->nst || q->dir != tp->dir) continue;
      int same = 1;
      for (int k = 0; k < tp->nst && same; k++)
        same = ln->stime[q->first_st + k].station == ln->stime[tp->first_st + k].station;
      if (same) tp->pattern = p;
    }
    if (tp->pattern < 0) {
      first[ln->npatterns] = i;
      tp->pattern = ln->npatterns++;
    }
  }
  free(first);
  return RS_OK;
}

int rs__gtfs_line_order(rs__gtfs_line *ln, rs_diag *d) {
  int ref = rs__ref_trip(ln);
  if (ref < 0) return rs__diag_add(d, RS_EINVAL, ln->trips.where, 0, 0, "no trip of the route can be imported (every one was left out; see the report)");
  int *pos = malloc((size_t)ln->nst * sizeof *pos + 1), *order = malloc((size_t)ln->nst * sizeof *order + 1);
  if (!pos || !order) {
    free(pos), free(order);
    return RS_ENOMEM;
  }
  rs__orient(ln, ref, pos);
  int a = -1, b = -1, rc = RS_OK;
  int placed = rs__toposort(ln, order, &a, &b);
  if (placed == -2) rc = RS_ENOMEM;
  else if (placed == -1) {
    rs__gtfs_report(ln, "the route branches: no trip runs through both station '%s' and station "
                        "'%s' in one order; ridersim models one unbranched line (import each "
                        "branch as its own feed subset)", ln->st[a].key, ln->st[b].key);
    rc = rs__diag_add(d, RS_EINVAL, ln->trips.where, 0, 0,
                      "route branches at stations '%s' / '%s': not representable as one line",
                      ln->st[a].key, ln->st[b].key);
  } else if (placed < a) {
    rs__gtfs_report(ln, "trips disagree on the order of %d stations (a loop, or trips taking "
                        "different paths): ridersim needs one order of stations", a - placed);
    rc = rs__diag_add(d, RS_EINVAL, ln->trips.where, 0, 0,
                      "the route's trips do not share one order of stations: not representable as one line");
  } else {
    rc = rs__apply_order(ln, order, placed);
    if (!rc) rc = rs__patterns(ln);
  }
  free(pos);
  free(order);
  return rc;
}
