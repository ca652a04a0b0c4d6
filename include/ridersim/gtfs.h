/* ridersim — GTFS import (`ridersim import-gtfs`): one route of a GTFS feed
 * as a runnable scenario. See docs/data-formats.md. */
#ifndef RIDERSIM_GTFS_H
#define RIDERSIM_GTFS_H
#include <stdio.h>
#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rs_gtfs_options {
  const char *feed;       /* a .zip or a folder */
  const char *route_id;   /* NULL: the feed's only rail route (else an error listing them) */
  const char *from, *to;  /* YYYY-MM-DD, inclusive; NULL: the first service date with
                             trips of the route (to: same as from) */
  double capacity;        /* trains.capacity written (placeholder) */
} rs_gtfs_options;

/* Write DIR/scenario.yaml, departures.csv, stations.csv, placeholder-trips.csv
 * and import-report.txt (DIR replaced as a whole, as run's outputs). What the
 * route holds that ridersim cannot represent is written to REPORT (may be
 * NULL) and to import-report.txt. */
int rs_gtfs_import(const rs_gtfs_options *o, const char *dir, FILE *report, rs_diag *d);
/* Print every route of FEED: id, names, type, trips, stopping patterns,
 * service dates. */
int rs_gtfs_list(const char *feed, FILE *out, rs_diag *d);

/* Write DIR/gtfs-ride/ (board_alight.txt, ridership.txt, trip_capacity.txt,
 * ride_feed_info.txt) from a run made with rs_run_options.ride_records. */
int rs_sim_write_gtfs_ride(const rs_sim *sim, const char *dir, rs_diag *d);
/* After rs_sim_run failed on a run made with ride_records: why the records
 * could not be kept (their unnamed temporary file in $TMPDIR, else /tmp, could
 * not be created or written, e.g. the disk full) added to D, RS_EIO; RS_OK
 * when the records were not the cause. */
int rs_sim_gtfs_ride_error(const rs_sim *sim, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
