/* GTFS reader (import-gtfs): a feed (.zip through libzip, or a folder) read
 * into string tables, service calendars expanded to dates, one route's trips
 * merged into one line (stations in order, every stopping pattern kept), and
 * the scenario written from it. Files: gtfs_feed.c (feed and tables),
 * gtfs_calendar.c (calendar.txt + calendar_dates.txt), gtfs_line.c (route ->
 * stations, patterns, km), gtfs_trains.c (dated departures, frequencies),
 * gtfs_write.c (scenario.yaml and CSVs). Public entry: ridersim/gtfs.h. */
#ifndef RS__GTFS_H
#define RS__GTFS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "ridersim/gtfs.h"

/* ---- feed and tables (gtfs_feed.c) ---- */

typedef struct rs__gtfs_feed rs__gtfs_feed;
int rs__gtfs_open(const char *path, rs__gtfs_feed **out, rs_diag *d);
void rs__gtfs_close(rs__gtfs_feed *f);
const char *rs__gtfs_path(const rs__gtfs_feed *f);

/* A table keeps only the columns asked for; cells are strings ("" when the
 * column is absent or the field empty). */
typedef struct rs__gtfs_table {
  char file[64];         /* e.g. "stops.txt", for messages */
  char where[1200];      /* FEED/stops.txt, the name used in messages */
  int ncols;
  int present;           /* the file exists in the feed */
  int *has;              /* per column asked: 1 when the header has it */
  int nrows, caprows;
  uint32_t *cell;        /* nrows * ncols offsets into arena */
  int *line;             /* file line of each row */
  char *arena;
  size_t alen, acap;
} rs__gtfs_table;

/* Read FILE of the feed keeping columns COLS[0..n). REQUIRED_FILE: a missing
 * file is an error; REQUIRED_COLS[i]: column i must be in the header. */
int rs__gtfs_table_load(rs__gtfs_feed *f, const char *file, const char *const *cols, int n,
                        const unsigned char *required_cols, int required_file,
                        rs__gtfs_table *t, rs_diag *d);
void rs__gtfs_table_free(rs__gtfs_table *t);
static inline const char *rs__gtfs_cell(const rs__gtfs_table *t, int row, int col) {
  return t->arena + t->cell[(size_t)row * (size_t)t->ncols + (size_t)col];
}

/* String -> int map (open addressing), for ids. Keys are copied. */
typedef struct rs__gtfs_map {
  char **key;
  int *val;
  size_t cap, n;
} rs__gtfs_map;
int rs__gtfs_map_put(rs__gtfs_map *m, const char *key, int val);
int rs__gtfs_map_get(const rs__gtfs_map *m, const char *key); /* -1 when absent */
void rs__gtfs_map_free(rs__gtfs_map *m);

/* GTFS time "H:MM:SS" or "HH:MM:SS", hours 0-47 (past midnight on the service
 * day). 0 on success, -1 malformed. */
int rs__gtfs_time(const char *s, double *out);
/* YYYYMMDD -> days since 1970-01-01; 0 on success. */
int rs__gtfs_date(const char *s, int32_t *out);

/* ---- calendar (gtfs_calendar.c) ---- */

typedef struct rs__gtfs_services {
  rs__gtfs_map ids;            /* service_id -> index */
  int n;
  /* calendar.txt: weekday mask (bit 0 Monday) and range; no row: mask 0 */
  unsigned char *mask;
  int32_t *start, *end;
  /* calendar_dates.txt exceptions, sorted by (service, date) */
  struct rs__gtfs_exc { int service; int32_t date; int type; } *exc;
  int nexc;
} rs__gtfs_services;
int rs__gtfs_services_load(rs__gtfs_feed *f, rs__gtfs_services *sv, rs_diag *d);
void rs__gtfs_services_free(rs__gtfs_services *sv);
/* 1 when SERVICE (an index) runs on DATE: exceptions win over calendar.txt. */
int rs__gtfs_service_runs(const rs__gtfs_services *sv, int service, int32_t date);
/* First and last date any service mentions; 0 on success. */
int rs__gtfs_services_span(const rs__gtfs_services *sv, int32_t *first, int32_t *last);

/* ---- one route as one line (gtfs_line.c) ---- */

typedef struct rs__gtfs_trip {
  int row;            /* row in trips.txt */
  int service;        /* index in rs__gtfs_services, -1 unknown */
  int first_st;       /* first stop_times row index in the sorted order */
  int nst;            /* its stop times */
  int pattern;        /* index of its stopping pattern */
  int dir;            /* 0 along the line's station order, 1 against */
  int dropped;        /* reported and left out (a loop, a branch) */
  int freq0, nfreq;   /* its rows in frequencies (sorted by trip) */
} rs__gtfs_trip;

typedef struct rs__gtfs_stime {
  int station;        /* index in rs__gtfs_line.st */
  int stop_row;       /* row in stops.txt */
  int seq;            /* stop_sequence */
  double arr_s, dep_s;
  double sdt;         /* shape_dist_traveled, NAN when not given */
} rs__gtfs_stime;

typedef struct rs__gtfs_station {
  char key[256];      /* parent_station or stop_id */
  char id[32];        /* ridersim id (sanitised, unique) */
  char name[96], zh[96], en[96];
  double lat, lon;
  int has_ll;
  double km;
  int order;          /* position along the line */
} rs__gtfs_station;

typedef struct rs__gtfs_freq {
  int trip;
  double start_s, end_s, headway_s;
  int exact;
} rs__gtfs_freq;

typedef struct rs__gtfs_line {
  rs__gtfs_table routes, trips, stops;
  rs__gtfs_services sv;
  int route_row;
  rs__gtfs_trip *trip;
  int ntrip;
  rs__gtfs_stime *stime;     /* all trips' stop times, contiguous per trip */
  int nstime;
  rs__gtfs_station *st;      /* in line order once merged */
  int nst;
  rs__gtfs_freq *freqs;
  int nfreqs;
  int npatterns;
  char km_source[160];       /* how km were found, for the scenario's comments */
  char *report;              /* what could not be represented, one line each */
  size_t report_len, report_cap;
  int nreport;
} rs__gtfs_line;

int rs__gtfs_line_load(rs__gtfs_feed *f, const char *route_id, rs__gtfs_line *ln, rs_diag *d);
/* The steps of rs__gtfs_line_load: station order and patterns (gtfs_order.c);
 * names, km, frequencies and blocks (gtfs_names.c). */
int rs__gtfs_line_order(rs__gtfs_line *ln, rs_diag *d);
int rs__gtfs_line_names(rs__gtfs_line *ln, rs__gtfs_feed *f, rs_diag *d);
int rs__gtfs_line_km(rs__gtfs_line *ln, rs__gtfs_feed *f, rs_diag *d);
int rs__gtfs_line_extras(rs__gtfs_line *ln, rs__gtfs_feed *f, const rs__gtfs_map *tids, rs_diag *d);
/* km from shapes.txt (gtfs_shape.c): 1 when done, 0 when no usable shape. */
int rs__gtfs_km_from_shape(rs__gtfs_line *ln, rs__gtfs_feed *f, rs_diag *d);
/* 1 for a rail route_type (tram, metro, rail, monorail, funicular, extended 1xx/4xx). */
int rs__gtfs_is_rail(const char *type);
void rs__gtfs_line_free(rs__gtfs_line *ln);
/* Append a line to the import report (also printed). */
void rs__gtfs_report(rs__gtfs_line *ln, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Every route with its type, trips, patterns and service dates. */
int rs__gtfs_list(rs__gtfs_feed *f, FILE *out, rs_diag *d);

/* ---- dated departures (gtfs_trains.c) ---- */

typedef struct rs__gtfs_train {
  int32_t date;
  int trip;            /* index in ln->trip */
  double offset_s;     /* added to the trip's times (frequencies), else 0 */
  char id[32];
} rs__gtfs_train;
int rs__gtfs_trains(const rs__gtfs_line *ln, int32_t from, int32_t to, rs__gtfs_train **out,
                    int *n);

/* ---- writing (gtfs_write.c) ---- */
int rs__gtfs_write_yaml(const rs__gtfs_line *ln, const rs__gtfs_train *tr, int ntr, int32_t from,
                        int32_t to, const rs_gtfs_options *o, const char *dir, rs_diag *d);
int rs__gtfs_write(const rs__gtfs_line *ln, const rs__gtfs_train *tr, int ntr, int32_t from,
                   int32_t to, const rs_gtfs_options *o, const char *dir, rs_diag *d);
#endif
