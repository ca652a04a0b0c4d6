/* Door-to-door commute times (docs/commute.md): the `commute:` section of a
 * scenario, and the computation from the detail day's simulated passengers
 * plus the competing modes' level of service.
 *
 * The bound section is ONE allocation (fixed-size tables), so rs_scenario_free
 * releases it with a plain free(). */
#ifndef RS__COMMUTE_H
#define RS__COMMUTE_H
#include "ridersim/commute.h"
#include "model/scenario.h"

#define RS__CM_MAX_LINES 8       /* connecting lines at the interchange */
#define RS__CM_MAX_PERIODS 16    /* headway periods of a connecting line */
#define RS__CM_MAX_ZONES 32      /* Ziyang-side zones (station catchments) */
#define RS__CM_MAX_DESTS 16      /* Chengdu-side destination zones */
#define RS__CM_MAX_DEPS 256      /* timetable departures of a competing mode */
#define RS__CM_MAX_CONG 8        /* congestion periods of a competing mode */
#define RS__CM_MAX_SAMPLES 100000

/* Per-mode figures a zone may override, or that change without the line. */
enum { RS__CM_ACCESS, RS__CM_IVT, RS__CM_WAIT, RS__CM_EGRESS, RS__CM_NFIELD };

/* A time distribution: gamma with this mean and coefficient of variation
 * (cv 0: always the mean). */
typedef struct rs__cm_dist {
  double mean_min, cv;
} rs__cm_dist;

/* A connecting line leaving the interchange toward Chengdu. Departures are
 * first_s, then each previous one plus the headway of the period it falls in,
 * up to last_s. Trains toward the interchange arrive at the same times. */
typedef struct rs__cm_line {
  char id[RS__ID_MAX], name[RS__NAME_MAX];
  double walk_min;             /* transfer walk from the Ziyang Line platform */
  double first_s, last_s;
  rs__period periods[RS__CM_MAX_PERIODS];
  int nperiods;
} rs__cm_line;

/* Ziyang-side zone: the catchment of one station of the line. OV: per mode,
 * minutes that replace the mode's figure for this zone (NAN: the mode's own);
 * ACCESS is the time between the zone and the mode's station or stop. */
typedef struct rs__cm_zone {
  char id[RS__ID_MAX], name[RS__NAME_MAX];
  int station;
  rs__cm_dist access, egress;  /* to / from the station of the line */
  double ov[RS__MAX_MODES][RS__CM_NFIELD];
} rs__cm_zone;

/* Chengdu-side destination, reached from the interchange on a connecting line.
 * OV as for zones; EGRESS is the time between the mode's station and the zone. */
typedef struct rs__cm_dest {
  char id[RS__ID_MAX], name[RS__NAME_MAX];
  int line;                    /* index into lines */
  double ride_min;             /* in the connecting train(s) from the interchange */
  double xfer_min;             /* further transfers inside Chengdu (walk + wait) */
  double km;                   /* onward distance, for the check against metro.onward */
  double weight;               /* share of cross-city trips going here */
  rs__cm_dist egress;          /* from the connecting line's station to the door */
  double ov[RS__MAX_MODES][RS__CM_NFIELD];
} rs__cm_dest;

typedef struct rs__cm_cong {
  double from_s, to_s, factor;  /* in-vehicle time x FACTOR for trips starting in [from, to) */
} rs__cm_cong;

/* Door-to-door detail of one competing mode (index in model.modes). */
typedef struct rs__cm_mode {
  int given;                   /* listed in commute.modes */
  double cv;                   /* spread of access and egress (gamma cv) */
  double transfer_min;         /* minutes per transfer (modes[].transfers of them) */
  double check_in_min;         /* timetable: at the station this early (security) */
  double parking_min;          /* finding a space at the trip's end (added to egress) */
  double dep_s[RS__CM_MAX_DEPS];/* timetable toward Chengdu; none: wait ~ U(0, 2 wait_min) */
  int ndep;
  rs__cm_cong cong[RS__CM_MAX_CONG];
  int ncong;
  double before_add[RS__CM_NFIELD]; /* without the line: minutes added */
} rs__cm_mode;

typedef struct rs__commute_def {
  int line;                    /* 1: the line is open (metro is an option) */
  int interchange;             /* station where the connecting lines leave */
  double peak_from_s, peak_to_s;
  int samples;                 /* competitor trips per pair and window; cap per mode in samples.csv */
  double onward_tol_min;       /* metro.onward vs the connections' weighted means */
  int headline_zone, headline_dest;
  rs__cm_line lines[RS__CM_MAX_LINES];
  int nlines;
  rs__cm_zone zones[RS__CM_MAX_ZONES];
  int nzones;
  rs__cm_dest dests[RS__CM_MAX_DESTS];
  int ndests;
  rs__cm_mode modes[RS__MAX_MODES];
} rs__commute_def;

/* Headway of line L at time T (seconds; the last period's beyond the end). */
double rs__cm_headway_s(const rs__cm_line *l, double t);
/* First departure of L at or after T into *DEP; RS_EINVAL (no departure left)
 * when T is after the last one. */
int rs__cm_next_departure(const rs__cm_line *l, double t, double *dep);
/* Last arrival of L at the interchange at or before T (same times as the
 * departures); RS_EINVAL when T is before the first. */
int rs__cm_prev_arrival(const rs__cm_line *l, double t, double *arr);

/* For the writers (commute_write.c): totals of row I's trips (up to MAX into
 * OUT; returns how many there are), the headline pair's am_peak row of MODE
 * and SCENARIO (-1: none), metro trips left without a connecting train. */
int rs__cm_row_totals(const rs_commute *c, int i, double *out, int max);
int rs__cm_headline_row(const rs_commute *c, const char *mode, const char *scenario);
int rs__cm_missed(const rs_commute *c);
const rs__commute_def *rs__cm_def(const rs_commute *c);

/* rs_sim_write's hook: commute.csv and commute_samples.csv into DIR. */
struct rs_sim;
int rs__write_commute(const struct rs_sim *sim, const char *dir, rs_diag *d);
#endif
