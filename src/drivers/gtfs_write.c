/* import-gtfs outputs: scenario.yaml (runnable as it is; comments say where
 * each value came from), departures.csv (one row per train per call, dated,
 * with the feed's trip_id, stop_id and stop_sequence so results join back to
 * the feed), stations.csv, placeholder-trips.csv and import-report.txt. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/afile.h"
#include "base/csvout.h"
#include "base/datetime.h"
#include "input/gtfs.h"
#include "report/output.h"

/* GTFS times are whole seconds; rounding guards the frequency offsets. */
static void rs__fmt_time(double s, char *buf) { rs__time_format(floor(s + 0.5), buf, 16); }

static int rs__write_departures(const rs__gtfs_line *ln, const rs__gtfs_train *tr, int ntr,
                                const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "departures.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "date,train,station,arrival,departure,trip_id,stop_id,stop_sequence\n");
  for (int i = 0; i < ntr; i++) {
    const rs__gtfs_trip *tp = &ln->trip[tr[i].trip];
    char date[11];
    rs__date_format(tr[i].date, date);
    for (int k = 0; k < tp->nst; k++) {
      const rs__gtfs_stime *s = &ln->stime[tp->first_st + k];
      char arr[16], dep[16];
      rs__fmt_time(s->arr_s + tr[i].offset_s, arr);
      rs__fmt_time(s->dep_s + tr[i].offset_s, dep);
      rs__csv_printf(a.f, "%s,%s,%s,%s,%s,", date, tr[i].id, ln->st[s->station].id, arr, dep);
      rs__csv_field(a.f, rs__gtfs_cell(&ln->trips, tp->row, 2));
      fputc(',', a.f);
      rs__csv_field(a.f, rs__gtfs_cell(&ln->stops, s->stop_row, 0));
      rs__csv_printf(a.f, ",%d\n", s->seq);
    }
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_stations(const rs__gtfs_line *ln, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "stations.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "station,gtfs_stop_id,name,km,lat,lon\n");
  for (int s = 0; s < ln->nst; s++) {
    const rs__gtfs_station *st = &ln->st[s];
    rs__csv_printf(a.f, "%s,", st->id);
    rs__csv_field(a.f, st->key);
    fputc(',', a.f);
    rs__csv_field(a.f, st->name);
    if (st->has_ll) rs__csv_printf(a.f, ",%.3f,%.6f,%.6f\n", st->km, st->lat, st->lon);
    else rs__csv_printf(a.f, ",%.3f,,\n", st->km);
  }
  return rs__afile_commit(&a, d);
}

/* One rider per train, first to last call, a minute before it leaves: enough
 * to run the scenario as it is. Real demand replaces it (docs/data-formats.md). */
static int rs__write_placeholder(const rs__gtfs_line *ln, const rs__gtfs_train *tr, int ntr,
                                 const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "placeholder-trips.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "id,date,origin,destination,time\n");
  for (int i = 0; i < ntr; i++) {
    const rs__gtfs_trip *tp = &ln->trip[tr[i].trip];
    const rs__gtfs_stime *s = &ln->stime[tp->first_st];
    char date[11], t[16];
    rs__date_format(tr[i].date, date);
    double at = s[0].dep_s + tr[i].offset_s - 60;
    rs__fmt_time(at > 0 ? at : 0, t);
    rs__csv_printf(a.f, "p%d,%s,%s,%s,%s\n", i + 1, date, ln->st[s[0].station].id,
            ln->st[s[tp->nst - 1].station].id, t);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_report(const rs__gtfs_line *ln, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "import-report.txt", d);
  if (rc) return rc;
  fprintf(a.f, "# ridersim import-gtfs: what the feed holds that the scenario does not (%d items)\n",
          ln->nreport);
  if (ln->report) fputs(ln->report, a.f);
  return rs__afile_commit(&a, d);
}


int rs__gtfs_write(const rs__gtfs_line *ln, const rs__gtfs_train *tr, int ntr, int32_t from,
                   int32_t to, const rs_gtfs_options *o, const char *dir, rs_diag *d) {
  int rc = rs__write_departures(ln, tr, ntr, dir, d);
  if (!rc) rc = rs__write_stations(ln, dir, d);
  if (!rc) rc = rs__write_placeholder(ln, tr, ntr, dir, d);
  if (!rc) rc = rs__write_report(ln, dir, d);
  if (!rc) rc = rs__gtfs_write_yaml(ln, tr, ntr, from, to, o, dir, d);
  return rc;
}
