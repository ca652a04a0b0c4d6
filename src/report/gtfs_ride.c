/* GTFS-Ride output of a run (ODOT-PTS/GTFS-ride, spec/en/reference.md):
 * DIR/gtfs-ride/ with board_alight.txt (every train at every stop of every
 * day: boardings, alightings, departing load; record_use 0, source 3 = model
 * estimation), ridership.txt (per day: the line, and each stop), trip_capacity.txt
 * and ride_feed_info.txt. A scenario imported from GTFS carries the feed's
 * trip_id, stop_id and stop_sequence in its departures_csv, so the rows join
 * back to that feed; otherwise the run and station ids stand in for them. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ridersim/gtfs.h"
#include "base/afile.h"
#include "base/csvout.h"
#include "report/output.h"
#include "model/dated.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "sim/results.h"
#include "sim/sim_ride.h"

static void rs__ymd(int32_t date, char *buf) {
  if (date == RS__DATE_NONE) {
    buf[0] = 0;
    return;
  }
  char iso[16];
  rs__date_format(date, iso); /* YYYY-MM-DD -> YYYYMMDD */
  memcpy(buf, iso, 4);
  memcpy(buf + 4, iso + 5, 2);
  memcpy(buf + 6, iso + 8, 2);
  buf[8] = 0;
}

/* The feed's ids of a record, else the run id, station id and call number. */
static void rs__rec_ids(const rs__results *rv, const rs__ride_run *run, const rs__ride_rec *x,
                        const char **trip, const char **stop, int *seq) {
  const rs__timetable *tt = &rv->s->timetable;
  const rs__dep_row *row = x->row >= 0 ? &tt->rows[x->row] : NULL;
  *trip = row && row->trip_ref ? rs__tt_id(tt, row->trip_ref) : run->id;
  *stop = row && row->stop_ref ? rs__tt_id(tt, row->stop_ref) : rv->s->st[x->station].id;
  *seq = row && row->stop_seq >= 0 ? row->stop_seq : x->k + 1;
}

/* A pass over the records that cannot read them back fails the file. */
static int rs__ride_read_failed(rs__afile *a, rs_diag *d) {
  rs__afile_abort(a);
  return rs__diag_add(d, RS_EIO, NULL, 0, 0,
                      "cannot read back the GTFS-Ride records from their temporary file: %s",
                      strerror(errno));
}

static int rs__write_board_alight(const rs__results *rv, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "board_alight.txt", d);
  if (rc) return rc;
  double cap = rv->s->trains.capacity;
  rs__csv_printf(a.f, "trip_id,stop_id,stop_sequence,record_use,schedule_relationship,boardings,"
               "alightings,current_load,load_count,load_type,service_date,"
               "service_arrival_time,service_departure_time,source\n");
  rs__ride_reader rd;
  rs__ride_rec rec, *x = &rec;
  if (rs__ride_read_begin(rv->ride, &rd) != RS_OK) return rs__ride_read_failed(&a, d);
  while ((rc = rs__ride_read(&rd, x)) == 1) {
    const char *trip, *stop;
    int seq;
    rs__rec_ids(rv, &rd.run, x, &trip, &stop, &seq);
    char date[16], arr[16], dep[16];
    rs__ymd(rd.run.date, date);
    rs__time_format(floor(x->arr_s + 0.5), arr, sizeof arr);
    rs__time_format(floor(x->dep_s + 0.5), dep, sizeof dep);
    rs__csv_field(a.f, trip);
    fputc(',', a.f);
    rs__csv_field(a.f, stop);
    /* current_load: percent of the crush capacity; load_type 1: when leaving the stop */
    double load = rs__count(x->load);
    rs__csv_printf(a.f, ",%d,0,0,%.0f,%.0f,%.0f,%.0f,1,%s,%s,%s,3\n", seq, rs__count(x->board),
                   rs__count(x->alight), cap > 0 ? floor(100.0 * load / cap + 0.5) : 0.0, load, date,
                   arr, dep);
  }
  if (rc < 0) return rs__ride_read_failed(&a, d);
  return rs__afile_commit(&a, d);
}

/* Per day: the whole line (no stop_id), then each stop_id (sorted). */
typedef struct rs__stop_sum {
  const char *id;
  double board, alight;
} rs__stop_sum;

static int rs__cmp_stop_sum(const void *a, const void *b) {
  return strcmp(((const rs__stop_sum *)a)->id, ((const rs__stop_sum *)b)->id);
}

/* The N stop calls V of the day DATE. */
static void rs__ridership_day(FILE *f, int32_t date, rs__stop_sum *v, size_t n) {
  double tb = 0, ta = 0;
  for (size_t i = 0; i < n; i++) tb += v[i].board, ta += v[i].alight;
  qsort(v, n, sizeof *v, rs__cmp_stop_sum);
  char ds[16];
  rs__ymd(date, ds);
  rs__csv_printf(f, "%.0f,%.0f,%s,%s,\n", tb, ta, ds, ds);
  for (size_t a = 0; a < n;) {
    size_t b = a;
    double sb = 0, sa = 0;
    for (; b < n && !strcmp(v[b].id, v[a].id); b++) sb += v[b].board, sa += v[b].alight;
    rs__csv_printf(f, "%.0f,%.0f,%s,%s,", sb, sa, ds, ds);
    rs__csv_field(f, v[a].id);
    fputc('\n', f);
    a = b;
  }
}

/* One pass over the records, one day's stop calls in memory at a time (the
 * records come day by day, as the run made them). */
static int rs__ridership_pass(const rs__results *rv, FILE *f, rs__stop_sum **v) {
  rs__ride_reader rd;
  rs__ride_rec x;
  size_t n = 0, cap = 0;
  int32_t date = 0;
  int rc = rs__ride_read_begin(rv->ride, &rd);
  while (rc == RS_OK && (rc = rs__ride_read(&rd, &x)) == 1) {
    rc = RS_OK;
    if (n > 0 && rd.run.date != date) rs__ridership_day(f, date, *v, n), n = 0;
    if (n == cap) {
      cap = cap ? 2 * cap : 1024;
      rs__stop_sum *p = realloc(*v, cap * sizeof *p);
      if (!p) return RS_ENOMEM;
      *v = p;
    }
    const char *trip;
    int seq;
    date = rd.run.date;
    rs__rec_ids(rv, &rd.run, &x, &trip, &(*v)[n].id, &seq);
    (*v)[n].board = x.board;
    (*v)[n++].alight = x.alight;
  }
  if (rc < 0) return rc;
  if (n > 0) rs__ridership_day(f, date, *v, n);
  return RS_OK;
}

static int rs__write_ridership(const rs__results *rv, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "ridership.txt", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "total_boardings,total_alightings,ridership_start_date,ridership_end_date,stop_id\n");
  rs__stop_sum *v = NULL;
  rc = rs__ridership_pass(rv, a.f, &v);
  free(v);
  if (rc == RS_EIO) return rs__ride_read_failed(&a, d);
  if (rc != RS_OK) {
    rs__afile_abort(&a);
    return rc;
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_capacity_info(const rs__results *rv, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "trip_capacity.txt", d);
  if (rc) return rc;
  const rs__trains *t = &rv->s->trains;
  /* One vehicle type: one record for every trip and date (trip_id, service_date blank). */
  /* fixed text, quoted by hand (RFC 4180) */
  fprintf(a.f, "agency_id,trip_id,service_date,vehicle_description,seated_capacity,standing_capacity\n");
  fprintf(a.f, ",,,\"ridersim trains: %d cars, crush load %.0f (trains.capacity), crowding "
               "from %.0f (trains.comfort_capacity); seats not modelled\",,\n",
          t->cars, t->capacity, t->comfort_capacity);
  if ((rc = rs__afile_commit(&a, d))) return rc;
  if ((rc = rs__afile_open(&a, dir, "ride_feed_info.txt", d))) return rc;
  char first[16] = "", last[16] = "";
  if (rv->ride->nruns > 0) {
    rs__ymd(rv->ride->first_date, first);
    rs__ymd(rv->ride->last_date, last);
  }
  /* ride_files 4: board_alight and ridership */
  fprintf(a.f, "ride_files,ride_start_date,ride_end_date,gtfs_feed_date,default_currency_type,"
               "ride_feed_version\n4,%s,%s,,,\"ridersim %s model estimation, scenario %016" PRIx64
               " seed %" PRIu64 " replication %" PRIu64 "\"\n",
          first, last, RS_VERSION, rv->s->hash, rv->s->seed, rv->replication);
  return rs__afile_commit(&a, d);
}

int rs_sim_write_gtfs_ride(const rs_sim *sim, const char *dir, rs_diag *d) {
  if (!sim) return RS_ESTATE;
  const rs__results *rv = rs__sim_results(sim);
  if (!rv->ran) return RS_ESTATE;
  if (!rv->ride)
    return rs__diag_add(d, RS_ESTATE, NULL, 0, 0,
                        "GTFS-Ride needs per-stop records of a simulated run "
                        "(rs_run_options.ride_records; not with --expected)");
  char sub[4200];
  snprintf(sub, sizeof sub, "%s/gtfs-ride", dir);
  if (mkdir(sub, 0777) != 0 && errno != EEXIST)
    return rs__diag_add(d, RS_EIO, sub, 0, 0, "cannot create: %s", strerror(errno));
  int rc = rs__write_board_alight(rv, sub, d);
  if (!rc) rc = rs__write_ridership(rv, sub, d);
  if (!rc) rc = rs__write_capacity_info(rv, sub, d);
  return rc;
}

int rs_sim_gtfs_ride_error(const rs_sim *sim, rs_diag *d) {
  if (!sim) return RS_OK;
  const rs__results *rv = rs__sim_results(sim);
  if (!rv->ride || !rv->ride->err[0]) return RS_OK;
  return rs__diag_add(d, RS_EIO, NULL, 0, 0, "%s", rv->ride->err);
}
