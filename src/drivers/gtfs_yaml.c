/* scenario.yaml of an imported route: runnable as it is, every value with a
 * comment saying where it came from, placeholders (capacity, demand) marked
 * with the --set that replaces them. */
#include <stdio.h>
#include <string.h>
#include "base/afile.h"
#include "base/datetime.h"
#include "input/gtfs.h"
#include "report/output.h"

static void rs__yaml_header(FILE *f, const rs__gtfs_line *ln, const rs_gtfs_options *o, int ntr,
                            int32_t from, int32_t to) {
  const rs__gtfs_table *rt = &ln->routes;
  char a[11], b[11];
  rs__date_format(from, a);
  rs__date_format(to, b);
  fprintf(f, "# Imported by `ridersim import-gtfs` from %s, route_id %s\n", o->feed,
          rs__gtfs_cell(rt, ln->route_row, 0));
  fprintf(f, "# (route_short_name \"%s\", route_long_name \"%s\", route_type %s).\n",
          rs__gtfs_cell(rt, ln->route_row, 1), rs__gtfs_cell(rt, ln->route_row, 2),
          rs__gtfs_cell(rt, ln->route_row, 3));
  fprintf(f, "# Service dates %s to %s: %d trains from trips.txt, stop_times.txt and\n"
             "# frequencies.txt, on the dates calendar.txt and calendar_dates.txt give them\n"
             "# (exceptions win); %d stopping patterns, all on one line (trains skip the\n"
             "# stations they do not serve). What could not be represented: import-report.txt.\n",
          a, b, ntr, ln->npatterns);
  fprintf(f, "ridersim: 1\nname: ");
  char name[200];
  snprintf(name, sizeof name, "%s %s", rs__gtfs_cell(rt, ln->route_row, 1),
           rs__gtfs_cell(rt, ln->route_row, 2));
  char *p = name;
  while (*p == ' ') p++;
  size_t n = strlen(p);
  if (n > 95) { /* name: at most 95 bytes, cut between characters */
    n = 95;
    while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80) n--;
    p[n] = 0;
  }
  while (n > 0 && p[n - 1] == ' ') p[--n] = 0;
  rs__yaml_quoted(f, *p ? p : rs__gtfs_cell(rt, ln->route_row, 0));
  fprintf(f, "\nperiod: {start: %s, end: %s}   # the service dates imported (--date / --from --to)\n", a, b);
}

static void rs__yaml_stations(FILE *f, const rs__gtfs_line *ln) {
  fprintf(f, "line:\n  stations:   # in route order; km from %s\n", ln->km_source);
  for (int s = 0; s < ln->nst; s++) {
    const rs__gtfs_station *st = &ln->st[s];
    /* Quoted: ids such as 1001, null or 0x1F are strings, not numbers or null. */
    fprintf(f, "    - {id: \"%s\", km: %.3f", st->id, st->km);
    if (st->en[0]) {
      fprintf(f, ", en: ");
      rs__yaml_quoted(f, st->en);
    }
    if (st->zh[0]) {
      fprintf(f, ", zh: ");
      rs__yaml_quoted(f, st->zh);
    }
    fprintf(f, "}   # stop_id %s\n", st->key);
  }
}

int rs__gtfs_write_yaml(const rs__gtfs_line *ln, const rs__gtfs_train *tr, int ntr, int32_t from,
                        int32_t to, const rs_gtfs_options *o, const char *dir, rs_diag *d) {
  (void)tr;
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "scenario.yaml", d);
  if (rc) return rc;
  FILE *f = a.f;
  rs__yaml_header(f, ln, o, ntr, from, to);
  rs__yaml_stations(f, ln);
  fprintf(f, "trains:\n  capacity: %g   # placeholder: GTFS has no capacity; --set trains.capacity=N\n",
          o->capacity > 0 ? o->capacity : 1000);
  fprintf(f, "timetable:\n  departures_csv: departures.csv   # every train of every date, "
             "with the feed's trip_id and stop_id\n");
  fprintf(f, "demand:   # placeholder: one rider per train, used until real demand is given:\n"
             "          # --set demand.trips_csv=FILE (id,origin,destination,time[,date]) or\n"
             "          # --set demand.counts_csv=FILE (station,hour,entries,exits[,day_type|date])\n"
             "  placeholder_trips_csv: placeholder-trips.csv\n");
  return rs__afile_commit(&a, d);
}
