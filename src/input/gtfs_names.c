/* Stations of an imported line: ids, names (stop_name and translations.txt),
 * coordinates and kilometres; frequencies.txt and block transfers of the
 * route's trips. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "input/gtfs.h"

enum { SP_ID, SP_NAME, SP_LAT, SP_LON, SP_PARENT };

/* A ridersim id (1-31 of A-Z a-z 0-9 _ -) from a GTFS id, unique on the line. */
static void rs__make_id(rs__gtfs_line *ln, int s) {
  char id[32];
  size_t n = 0;
  for (const char *p = ln->st[s].key; *p && n < 27; p++)
    id[n++] = isalnum((unsigned char)*p) || *p == '_' || *p == '-' ? *p : '_';
  id[n] = 0;
  if (n == 0) snprintf(id, sizeof id, "S%d", s + 1);
  char cand[32];
  snprintf(cand, sizeof cand, "%s", id);
  for (int k = 2;; k++) {
    int clash = 0;
    for (int j = 0; j < s && !clash; j++) clash = !strcmp(ln->st[j].id, cand);
    if (!clash) break;
    char wide[64];
    snprintf(wide, sizeof wide, "%.24s-%d", id, k % 1000000);
    snprintf(cand, sizeof cand, "%.31s", wide);
  }
  snprintf(ln->st[s].id, sizeof ln->st[s].id, "%s", cand);
}

/* Copy a UTF-8 name into 96 bytes without cutting a character. */
static void rs__copy_name(char *dst, const char *src) {
  size_t n = strlen(src);
  if (n > 95) {
    n = 95;
    while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
  }
  memcpy(dst, src, n);
  dst[n] = 0;
}

/* Language of stop_name: feed_info.txt feed_lang, else agency.txt agency_lang. */
static int rs__feed_is_zh(rs__gtfs_feed *f, rs_diag *d) {
  static const char *const fc[] = {"feed_lang"}, *const ac[] = {"agency_lang"};
  rs__gtfs_table t;
  int zh = 0;
  if (rs__gtfs_table_load(f, "feed_info.txt", fc, 1, NULL, 0, &t, d) == RS_OK && t.nrows > 0)
    zh = !strncmp(rs__gtfs_cell(&t, 0, 0), "zh", 2) ? 1 : *rs__gtfs_cell(&t, 0, 0) ? -1 : 0;
  rs__gtfs_table_free(&t);
  if (zh == 0 && rs__gtfs_table_load(f, "agency.txt", ac, 1, NULL, 0, &t, d) == RS_OK && t.nrows > 0)
    zh = !strncmp(rs__gtfs_cell(&t, 0, 0), "zh", 2);
  rs__gtfs_table_free(&t);
  return zh == 1;
}

/* translations.txt, both layouts: the current one (table_name, field_name,
 * language, translation, record_id or field_value) and the older one
 * (trans_id = the stop_name, lang, translation). */
static int rs__translations(rs__gtfs_line *ln, rs__gtfs_feed *f, const int *keyrow, rs_diag *d) {
  static const char *const c[] = {"table_name", "field_name", "language", "translation",
                                  "record_id", "field_value", "trans_id", "lang"};
  rs__gtfs_table t;
  int rc = rs__gtfs_table_load(f, "translations.txt", c, 8, NULL, 0, &t, d);
  for (int r = 0; !rc && r < t.nrows; r++) {
    int old = t.has[6];
    const char *lang = rs__gtfs_cell(&t, r, old ? 7 : 2), *tr = rs__gtfs_cell(&t, r, 3);
    if (!old && (strcmp(rs__gtfs_cell(&t, r, 0), "stops") || strcmp(rs__gtfs_cell(&t, r, 1), "stop_name")))
      continue;
    int zh = !strncmp(lang, "zh", 2), en = !strncmp(lang, "en", 2);
    if (!zh && !en) continue;
    for (int s = 0; s < ln->nst; s++) {
      const char *sid = rs__gtfs_cell(&ln->stops, keyrow[s], SP_ID);
      const char *nm = rs__gtfs_cell(&ln->stops, keyrow[s], SP_NAME);
      int hit = old ? !strcmp(rs__gtfs_cell(&t, r, 6), nm)
                    : *rs__gtfs_cell(&t, r, 4) ? !strcmp(rs__gtfs_cell(&t, r, 4), sid)
                                                : !strcmp(rs__gtfs_cell(&t, r, 5), nm);
      if (hit) rs__copy_name(zh ? ln->st[s].zh : ln->st[s].en, tr);
    }
  }
  rs__gtfs_table_free(&t);
  return rc;
}

int rs__gtfs_line_names(rs__gtfs_line *ln, rs__gtfs_feed *f, rs_diag *d) {
  int *keyrow = malloc((size_t)ln->nst * sizeof *keyrow + 1);
  if (!keyrow) return RS_ENOMEM;
  for (int s = 0; s < ln->nst; s++) keyrow[s] = -1;
  for (int r = 0; r < ln->stops.nrows; r++)
    for (int s = 0; s < ln->nst; s++)
      if (keyrow[s] < 0 && !strcmp(rs__gtfs_cell(&ln->stops, r, SP_ID), ln->st[s].key)) keyrow[s] = r;
  /* A parent_station missing from stops.txt: name it after a platform. */
  for (int i = 0; i < ln->nstime; i++) {
    int s = ln->stime[i].station;
    if (s >= 0 && keyrow[s] < 0) keyrow[s] = ln->stime[i].stop_row;
  }
  int zh = rs__feed_is_zh(f, d);
  for (int s = 0; s < ln->nst; s++) {
    rs__gtfs_station *st = &ln->st[s];
    rs__make_id(ln, s);
    const char *nm = keyrow[s] >= 0 ? rs__gtfs_cell(&ln->stops, keyrow[s], SP_NAME) : "";
    rs__copy_name(st->name, nm);
    rs__copy_name(zh ? st->zh : st->en, nm);
    const char *la = keyrow[s] >= 0 ? rs__gtfs_cell(&ln->stops, keyrow[s], SP_LAT) : "";
    const char *lo = keyrow[s] >= 0 ? rs__gtfs_cell(&ln->stops, keyrow[s], SP_LON) : "";
    st->has_ll = *la && *lo;
    st->lat = atof(la);
    st->lon = atof(lo);
  }
  int rc = rs__translations(ln, f, keyrow, d);
  free(keyrow);
  return rc;
}

static double rs__haversine_km(double la1, double lo1, double la2, double lo2) {
  const double r = 6371.0088, k = 3.14159265358979323846 / 180; /* mean Earth radius */
  double dla = (la2 - la1) * k, dlo = (lo2 - lo1) * k;
  double a = sin(dla / 2) * sin(dla / 2) + cos(la1 * k) * cos(la2 * k) * sin(dlo / 2) * sin(dlo / 2);
  return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

/* km from shape_dist_traveled of the trips running end to end: each station's
 * distance from the first, the same on every such trip (within 1% of the
 * line's length), increasing; the unit (km, m, miles, feet) is the one that puts
 * the line's length nearest its straight-line length from above. */
static int rs__km_from_sdt(rs__gtfs_line *ln, double straight, char *unit, size_t usz) {
  int n = ln->nst;
  double *lo = malloc((size_t)n * sizeof *lo), *hi = malloc((size_t)n * sizeof *hi);
  if (!lo || !hi) return free(lo), free(hi), 0;
  for (int s = 0; s < n; s++) lo[s] = INFINITY, hi[s] = -INFINITY;
  int ntrips = 0;
  for (int i = 0; i < ln->ntrip; i++) {
    const rs__gtfs_trip *tp = &ln->trip[i];
    const rs__gtfs_stime *s = &ln->stime[tp->first_st];
    if (tp->dropped) continue;
    int a = tp->dir ? tp->nst - 1 : 0, z = tp->dir ? 0 : tp->nst - 1;
    if (s[a].station != 0 || s[z].station != n - 1) continue;
    int ok = 1;
    for (int k = 0; k < tp->nst; k++) ok &= !isnan(s[k].sdt);
    if (!ok) continue;
    ntrips++;
    for (int k = 0; k < tp->nst; k++) {
      double v = tp->dir ? s[a].sdt - s[k].sdt : s[k].sdt - s[0].sdt;
      int st = s[k].station;
      if (v < lo[st]) lo[st] = v;
      if (v > hi[st]) hi[st] = v;
    }
  }
  int ok = ntrips > 0;
  double len = ok ? lo[n - 1] : 0;
  for (int s = 0; ok && s < n; s++)
    ok = isfinite(lo[s]) && hi[s] - lo[s] <= 0.01 * len + 1e-9 && (s == 0 || lo[s] > lo[s - 1]);
  static const struct { const char *name; double per_km; } units[] = {
      {"km", 1}, {"m", 1000}, {"miles", 0.621371}, {"feet", 3280.84}};
  int best = -1;
  double bestr = 0;
  for (int u = 0; ok && u < 4; u++) {
    double r = len / units[u].per_km / straight;
    if (r >= 0.95 && r <= 3 && (best < 0 || fabs(log(r)) < fabs(log(bestr)))) best = u, bestr = r;
  }
  /* No coordinates to compare with: metres when the line would be over 1000 "km"
   * long, else km (the guess is named in the scenario's comment). */
  if (ok && best < 0 && !(straight > 0)) best = len > 1000 ? 1 : 0;
  ok = ok && best >= 0;
  for (int s = 0; ok && s < n; s++) ln->st[s].km = lo[s] / units[best].per_km;
  if (ok)
    snprintf(unit, usz, "%s%s, %d trips running end to end", units[best].name,
             straight > 0 ? "" : " (guessed: no stop coordinates to compare with)", ntrips);
  free(lo);
  free(hi);
  return ok;
}

/* A scenario must be runnable: km increasing and within the line limit. */
static int rs__km_check(const rs__gtfs_line *ln, rs_diag *d) {
  for (int s = 0; s < ln->nst; s++)
    if (!(ln->st[s].km >= 0 && ln->st[s].km <= 10000) || (s > 0 && !(ln->st[s].km > ln->st[s - 1].km)))
      return rs__diag_add(d, RS_EINVAL, ln->stops.where, 0, 0,
                          "station '%s' comes out at %.3f km from %s: kilometres must increase "
                          "along the line and stay within 10000",
                          ln->st[s].key, ln->st[s].km, ln->km_source);
  return RS_OK;
}

int rs__gtfs_line_km(rs__gtfs_line *ln, rs__gtfs_feed *f, rs_diag *d) {
  double straight = 0;
  int have_ll = 1;
  for (int s = 0; s < ln->nst; s++) have_ll &= ln->st[s].has_ll;
  for (int s = 1; have_ll && s < ln->nst; s++)
    straight += rs__haversine_km(ln->st[s - 1].lat, ln->st[s - 1].lon, ln->st[s].lat, ln->st[s].lon);
  char unit[96];
  if (rs__km_from_sdt(ln, straight, unit, sizeof unit)) {
    snprintf(ln->km_source, sizeof ln->km_source, "shape_dist_traveled (in %s)", unit);
    return rs__km_check(ln, d);
  }
  if (!have_ll)
    return rs__diag_add(d, RS_EINVAL, ln->stops.where, 0, 0,
                        "stations without stop_lat/stop_lon and no consistent shape_dist_traveled: "
                        "no kilometres for the line");
  if (rs__gtfs_km_from_shape(ln, f, d)) return rs__km_check(ln, d);
  ln->st[0].km = 0;
  for (int s = 1; s < ln->nst; s++) {
    double k = rs__haversine_km(ln->st[s - 1].lat, ln->st[s - 1].lon, ln->st[s].lat, ln->st[s].lon);
    ln->st[s].km = ln->st[s - 1].km + (k > 0.001 ? k : 0.001); /* km must increase */
  }
  snprintf(ln->km_source, sizeof ln->km_source,
           "stop coordinates: great-circle distance between consecutive stations, summed "
           "(shape_dist_traveled absent or inconsistent, no usable shapes.txt)");
  return rs__km_check(ln, d);
}

static int rs__cmp_freq(const void *a, const void *b) {
  const rs__gtfs_freq *x = a, *y = b;
  if (x->trip != y->trip) return x->trip < y->trip ? -1 : 1;
  return (x->start_s > y->start_s) - (x->start_s < y->start_s);
}

static int rs__frequencies(rs__gtfs_line *ln, rs__gtfs_feed *f, const rs__gtfs_map *tids, rs_diag *d) {
  static const char *const c[] = {"trip_id", "start_time", "end_time", "headway_secs", "exact_times"};
  static const unsigned char q[] = {1, 1, 1, 1, 0};
  rs__gtfs_table t;
  int rc = rs__gtfs_table_load(f, "frequencies.txt", c, 5, q, 0, &t, d);
  if (!rc && t.nrows > 0) {
    ln->freqs = malloc((size_t)t.nrows * sizeof *ln->freqs);
    if (!ln->freqs) rc = RS_ENOMEM;
  }
  for (int r = 0; !rc && r < t.nrows; r++) {
    int k = rs__gtfs_map_get(tids, rs__gtfs_cell(&t, r, 0));
    if (k < 0 || ln->trip[k].dropped) continue;
    rs__gtfs_freq *fq = &ln->freqs[ln->nfreqs];
    const char *ex = rs__gtfs_cell(&t, r, 4);
    fq->trip = k;
    fq->headway_s = atof(rs__gtfs_cell(&t, r, 3));
    fq->exact = !strcmp(ex, "1");
    if (rs__gtfs_time(rs__gtfs_cell(&t, r, 1), &fq->start_s) ||
        rs__gtfs_time(rs__gtfs_cell(&t, r, 2), &fq->end_s) || !(fq->headway_s >= 1) ||
        fq->end_s <= fq->start_s || (*ex && strcmp(ex, "0") && strcmp(ex, "1"))) {
      rc = rs__diag_add(d, RS_EINVAL, t.where, t.line[r], 0,
                        "expected start_time < end_time (HH:MM:SS), headway_secs >= 1 and "
                        "exact_times 0 or 1");
      break;
    }
    ln->nfreqs++;
  }
  if (ln->nfreqs > 1) qsort(ln->freqs, (size_t)ln->nfreqs, sizeof *ln->freqs, rs__cmp_freq);
  for (int i = 0; i < ln->nfreqs; i++) {
    rs__gtfs_trip *tp = &ln->trip[ln->freqs[i].trip];
    if (tp->nfreq++ == 0) tp->freq0 = i;
  }
  rs__gtfs_table_free(&t);
  return rc;
}

/* Trips sharing a block_id run on one vehicle: riders may stay on from one
 * trip to the next. ridersim ends every trip at its last stop. */
static int rs__blocks(rs__gtfs_line *ln) {
  rs__gtfs_map count = {0};
  int rc = RS_OK, shared = 0;
  for (int pass = 0; pass < 2 && !rc; pass++)
    for (int i = 0; i < ln->ntrip && !rc; i++) {
      const char *b = rs__gtfs_cell(&ln->trips, ln->trip[i].row, 4);
      if (!*b || ln->trip[i].dropped) continue;
      int c = rs__gtfs_map_get(&count, b);
      if (pass == 0) rc = rs__gtfs_map_put(&count, b, c < 0 ? 1 : c + 1);
      else shared += c > 1;
    }
  rs__gtfs_map_free(&count);
  if (shared)
    rs__gtfs_report(ln, "%d trips share a block_id with another trip (block transfers: riders "
                        "could stay on board into the next trip); ridersim ends every trip at its "
                        "last stop, so such riders are not modelled as through riders", shared);
  return rc;
}

int rs__gtfs_line_extras(rs__gtfs_line *ln, rs__gtfs_feed *f, const rs__gtfs_map *tids, rs_diag *d) {
  int rc = rs__blocks(ln);
  return rc ? rc : rs__frequencies(ln, f, tids, d);
}
