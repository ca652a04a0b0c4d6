/* import-gtfs and its --list (public API of ridersim/gtfs.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "input/gtfs.h"
#include "base/outdir.h"


/* First date from the services' span on which a trip of the route runs. */
static int rs__first_service_date(const rs__gtfs_line *ln, int32_t *out) {
  int32_t a = 0, b = 0;
  if (rs__gtfs_services_span(&ln->sv, &a, &b)) return -1;
  for (int32_t day = a; day <= b && day - a < 36600; day++)
    for (int i = 0; i < ln->ntrip; i++)
      if (!ln->trip[i].dropped && rs__gtfs_service_runs(&ln->sv, ln->trip[i].service, day)) {
        *out = day;
        return 0;
      }
  return -1;
}

static int rs__import_dates(const rs_gtfs_options *o, const rs__gtfs_line *ln, int32_t *from,
                            int32_t *to, rs_diag *d) {
  if (o->from && rs__date_parse(o->from, from))
    return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "--from/--date: '%s' is not a date YYYY-MM-DD", o->from);
  if (o->to && rs__date_parse(o->to, to))
    return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "--to: '%s' is not a date YYYY-MM-DD", o->to);
  if (!o->from && rs__first_service_date(ln, from))
    return rs__diag_add(d, RS_EINVAL, o->feed, 0, 0,
                        "the route's trips run on no date of the feed's calendar");
  if (!o->to) *to = *from;
  if (*to < *from) return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "--to is before --from");
  if (*to - *from >= 36600) return rs__diag_add(d, RS_ELIMIT, NULL, 0, 0, "more than 36,600 dates");
  return RS_OK;
}

static int rs__import_write(const rs_gtfs_options *o, const rs__gtfs_line *ln, const rs__gtfs_train *tr,
                            int ntr, int32_t from, int32_t to, const char *dir, rs_diag *d) {
  rs_outdir *od = NULL;
  int rc = rs_outdir_begin_kind(dir, "import", &od, d);
  if (!rc) rc = rs__gtfs_write(ln, tr, ntr, from, to, o, rs_outdir_path(od), d);
  if (!rc) {
    /* What is written must run as it is: load it before it replaces DIR. */
    char path[4200];
    snprintf(path, sizeof path, "%s/scenario.yaml", rs_outdir_path(od));
    rs_scenario *s = NULL;
    rc = rs_scenario_load(path, NULL, 0, &s, d);
    rs_scenario_free(s);
    if (rc) rs__diag_add(d, rc, o->feed, 0, 0, "the imported scenario does not load (above): nothing written");
  }
  if (!rc) return rs_outdir_commit(od, d);
  if (od) rs_outdir_abort(od);
  return rc;
}

int rs_gtfs_import(const rs_gtfs_options *o, const char *dir, FILE *report, rs_diag *d) {
  rs__gtfs_feed *f = NULL;
  rs__gtfs_line ln;
  memset(&ln, 0, sizeof ln);
  rs__gtfs_train *tr = NULL;
  int ntr = 0;
  int32_t from = 0, to = 0;
  int rc = rs__gtfs_open(o->feed, &f, d);
  if (!rc) rc = rs__gtfs_line_load(f, o->route_id, &ln, d);
  if (!rc) rc = rs__import_dates(o, &ln, &from, &to, d);
  if (!rc) rc = rs__gtfs_trains(&ln, from, to, &tr, &ntr);
  if (!rc && ntr == 0) {
    char a[11], b[11];
    rs__date_format(from, a);
    rs__date_format(to, b);
    rc = rs__diag_add(d, RS_EINVAL, o->feed, 0, 0,
                      "no train of route '%s' runs from %s to %s (--list shows its service dates)",
                      rs__gtfs_cell(&ln.routes, ln.route_row, 0), a, b);
  }
  if (!rc) rc = rs__import_write(o, &ln, tr, ntr, from, to, dir, d);
  if (report && ln.report) {
    fprintf(report, "import-gtfs: what the scenario does not hold (also in import-report.txt):\n");
    for (const char *p = ln.report; *p;) {
      size_t n = strcspn(p, "\n");
      fprintf(report, "  %.*s\n", (int)n, p);
      p += n + (p[n] == '\n');
    }
  }
  free(tr);
  rs__gtfs_line_free(&ln);
  rs__gtfs_close(f);
  return rc;
}

/* Service dates of the route: first, last and how many. */
static void rs__route_dates(const rs__gtfs_line *ln, char *buf, size_t size) {
  int32_t a = 0, b = 0, first = 0, last = 0;
  int n = 0;
  if (!rs__gtfs_services_span(&ln->sv, &a, &b))
    for (int32_t day = a; day <= b && day - a < 36600; day++)
      for (int i = 0; i < ln->ntrip; i++)
        if (!ln->trip[i].dropped && rs__gtfs_service_runs(&ln->sv, ln->trip[i].service, day)) {
          if (!n++) first = day;
          last = day;
          break;
        }
  char x[11], y[11];
  rs__date_format(first, x);
  rs__date_format(last, y);
  if (n) snprintf(buf, size, "%d dates %s..%s", n, x, y);
  else snprintf(buf, size, "no service date");
}

static void rs__list_quoted(FILE *out, const char *s) {
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"') fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

/* Why a route cannot be imported: the report's last line, else the last message. */
static void rs__list_reason(const rs__gtfs_line *ln, const rs_diag *ld, int lrc, char *pat, size_t size) {
  const char *m = rs_diag_count(ld) ? rs_diag_message(ld, rs_diag_count(ld) - 1) : rs_strerror(lrc);
  const char *c = strstr(m, ": ");
  char why[256];
  const char *last = ln->report;
  for (const char *q = ln->report; q && *q; q++)
    if (q[0] == '\n' && q[1]) last = q + 1;
  snprintf(why, sizeof why, "%s", last ? last : c ? c + 2 : m);
  why[strcspn(why, "\n")] = 0;
  snprintf(pat, size, "not importable: %s,", why);
  for (char *p = pat; *p; p++)
    if (*p == ',' && p[1]) *p = ';'; /* one CSV field */
}

/* One route of --list. ANALYSE: read its trips (a pass over stop_times.txt). */
static void rs__list_route(rs__gtfs_feed *f, const rs__gtfs_table *routes, int r, int analyse, FILE *out) {
  const char *id = rs__gtfs_cell(routes, r, 0), *ty = rs__gtfs_cell(routes, r, 3);
  rs__gtfs_line ln;
  memset(&ln, 0, sizeof ln);
  rs_diag *ld = rs_diag_alloc();
  int lrc = analyse ? rs__gtfs_line_load(f, id, &ln, ld) : RS_OK;
  char dates[96] = "", pat[300] = "-,-";
  if (!analyse)
    snprintf(dates, sizeof dates, "not analysed (not rail; --route %s imports it)", id);
  else if (lrc == RS_OK) {
    rs__route_dates(&ln, dates, sizeof dates);
    snprintf(pat, sizeof pat, "%d,%d", ln.npatterns, ln.nst);
  } else {
    rs__list_reason(&ln, ld, lrc, pat, sizeof pat);
  }
  fprintf(out, "%s,", id);
  rs__list_quoted(out, rs__gtfs_cell(routes, r, 1));
  fputc(',', out);
  rs__list_quoted(out, rs__gtfs_cell(routes, r, 2));
  fprintf(out, ",%s,%s,", ty, rs__gtfs_is_rail(ty) ? "yes" : "no");
  if (analyse) fprintf(out, "%d,%s,%s\n", lrc == RS_OK ? ln.ntrip : 0, pat, dates);
  else fprintf(out, "-,%s,%s\n", pat, dates);
  rs_diag_free(ld);
  rs__gtfs_line_free(&ln);
}

int rs_gtfs_list(const char *feed, FILE *out, rs_diag *d) {
  rs__gtfs_feed *f = NULL;
  rs__gtfs_table routes;
  memset(&routes, 0, sizeof routes);
  int rc = rs__gtfs_open(feed, &f, d);
  static const char *const rt[] = {"route_id", "route_short_name", "route_long_name", "route_type"};
  static const unsigned char rq[] = {1, 0, 0, 1};
  if (!rc) rc = rs__gtfs_table_load(f, "routes.txt", rt, 4, rq, 1, &routes, d);
  if (!rc) fprintf(out, "route_id,short_name,long_name,route_type,rail,trips,patterns,stations,service\n");
  /* Each analysed route reads stop_times.txt: in a big feed only the rail routes. */
  for (int r = 0; !rc && r < routes.nrows; r++)
    rs__list_route(f, &routes, r, routes.nrows <= 20 || rs__gtfs_is_rail(rs__gtfs_cell(&routes, r, 3)), out);
  rs__gtfs_table_free(&routes);
  rs__gtfs_close(f);
  return rc;
}
