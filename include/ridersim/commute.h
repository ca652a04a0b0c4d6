/* ridersim — door-to-door commute times (docs/commute.md).
 *
 * From a finished run: the metro's door-to-door trips of the detail day
 * (access + simulated wait and ride + the simulated transfer at the interchange
 * + onward ride + egress) and the competing modes' trips from their level of
 * service, summarised per zone pair, mode and window (commute.csv). */
#ifndef RIDERSIM_COMMUTE_H
#define RIDERSIM_COMMUTE_H
#include <stdio.h>
#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rs_commute rs_commute;

/* One row of commute.csv: minutes door to door and the mean of each part. */
typedef struct rs_commute_row {
  const char *origin_zone, *dest_zone, *mode;
  const char *window;           /* "am_peak" or "day" */
  const char *scenario;         /* "with_line" or "without_line" */
  int n;                        /* sampled trips */
  double mean_min, p10_min, p50_min, p90_min;
  double access_min, wait_min, ride_min, transfer_min, egress_min;
} rs_commute_row;

/* Door-to-door times of a finished run. *OUT is NULL (and RS_OK returned) when
 * the scenario has no commute section. Deterministic for a given seed and
 * replication. */
int rs_commute_compute(const rs_sim *sim, rs_commute **out);
void rs_commute_free(rs_commute *c);

int rs_commute_count(const rs_commute *c);
int rs_commute_row_get(const rs_commute *c, int i, rs_commute_row *out);
/* The row of ORIGIN, DEST, MODE, WINDOW and SCENARIO; RS_EINVAL when absent. */
int rs_commute_find(const rs_commute *c, const char *origin, const char *dest, const char *mode,
                    const char *window, const char *scenario, rs_commute_row *out);

/* Print the headline (the scenario's headline zone pair in the morning peak, by
 * mode, with and without the line) to F. Nothing when there is no commute section. */
int rs_commute_print_headline(const rs_sim *sim, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
