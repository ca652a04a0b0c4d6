/* The validated scenario: plain structs, filled by the binders of input/, checked by
 * input/scenario_validate.c, read-only afterwards. Units are in the field names:
 * _s seconds, _km kilometres, _kmh km/h, _ms2 m/s². Times of day are seconds
 * after midnight; dates are days since 1970-01-01 (see calendar.h). */
#ifndef RS__SCENARIO_H
#define RS__SCENARIO_H

#include <stdint.h>
#include "ridersim/ridersim.h"
#include "model/calendar.h" /* rs__daytype: timetables and day factors by day type */

#define RS__ID_MAX 32    /* station/train/profile ids, including the NUL */
#define RS__MAX_SEASON_FACTORS 8 /* seasons with a demand factor, per purpose */
#define RS__NAME_MAX 96  /* display names (UTF-8 bytes), including the NUL */
#define RS__PATH_MAX 1024
#define RS__KP_MAX 256  /* key path buffer, e.g. "timetable.periods[3].from" */
#define RS__HOURS 24
#define RS__DATE_NONE INT32_MIN

/* Directions: DOWN runs from the first listed station toward the last
 * (increasing km, 下行), UP toward the first (上行). */
enum { RS__DOWN = 0, RS__UP = 1, RS__NDIR = 2 };

typedef struct rs__station {
  char id[RS__ID_MAX];
  char zh[RS__NAME_MAX];
  char en[RS__NAME_MAX];
  double km;          /* position along the line */
  double dwell_s;     /* default dwell at this station */
  int32_t opens;      /* date it opens; RS__DATE_NONE = open from the start */
} rs__station;

typedef struct rs__trains {
  double capacity;          /* passengers, crush load */
  double comfort_capacity;  /* passengers at which crowding starts */
  int cars;
  int fleet;                /* trains available; 0 = unlimited */
} rs__trains;

/* Running times: from kinematics unless section_s is given. */
typedef struct rs__running {
  double max_speed_kmh;
  double accel_ms2;
  double brake_ms2;
  double *section_s;  /* nst-1 given run times (station i to i+1), or NULL */
  int nsection;
  double turnaround_s; /* minimum layover at a terminal (fleet check) */
  double time_scale;   /* what-ifs and elasticities: every running time x this [1] */
} rs__running;

typedef struct rs__period {
  double from_s, to_s;   /* [from, to) */
  double headway_s;
} rs__period;

/* End of a headway period as the timetable uses it: a period written to end at
 * 24:00 ("to the end of the day") runs on past midnight until the last train,
 * so `--set timetable.last_train=24:30` needs no other change. A period that
 * ends at any other time ends there. */
static inline double rs__period_end(const rs__period *p) {
  return p->to_s == 86400.0 ? 48 * 3600.0 : p->to_s;
}

/* One service pattern: first and last departures from each end, headways. */
typedef struct rs__service {
  double first_s[RS__NDIR];  /* first departure from the origin terminal of each direction */
  double last_s[RS__NDIR];   /* last departure */
  rs__period *periods;
  int nperiods;
} rs__service;

typedef struct rs__delays {
  double probability;  /* chance a departure is delayed at its terminal */
  double mean_s;       /* mean of the exponential delay */
} rs__delays;

/* One row of departures_csv, resolved to station indices. */
typedef struct rs__dep_row {
  char train[RS__ID_MAX];
  int station;
  double arr_s, dep_s;
  int line;             /* CSV line, for messages */
  int32_t date;         /* service date (column `date`); RS__DATE_NONE: every day */
  uint32_t trip_ref, stop_ref; /* GTFS trip_id / stop_id: offsets into rs__timetable.ids, 0 = none */
  int stop_seq;         /* GTFS stop_sequence, -1 when not given */
} rs__dep_row;

/* A service suspension (timetable.suspensions): no train departs any station
 * in [from_s, to_s) on DATE (RS__DATE_NONE: every day). See timetable_suspend.c. */
typedef struct rs__suspension {
  int32_t date;
  double from_s, to_s;
} rs__suspension;

typedef struct rs__timetable {
  rs__service service;        /* headway-based pattern (default) */
  rs__service by_type[RS__NDAYTYPES]; /* overrides for day types (calendar runs) */
  unsigned char has_type[RS__NDAYTYPES];
  double headway_scale;       /* what-ifs and elasticities: every headway x this [1] */
  rs__delays delays;
  char departures_csv[RS__PATH_MAX]; /* "" when not given (resolved path) */
  rs__dep_row *rows;          /* loaded departures_csv: in file order, or by date (stable) when dated */
  int nrows;
  /* Workday timetables inside calendar seasons (timetable.seasons), by kind. */
  int nseason_svc;
  char season_kind[RS__MAX_SEASON_FACTORS][RS__ID_MAX];
  rs__service by_season[RS__MAX_SEASON_FACTORS];
  int dated;                  /* departures_csv has a `date` column: each day runs its own rows */
  char *ids;                  /* GTFS ids of the rows, NUL-separated; ids[0] = "" */
  size_t ids_len, ids_cap;
  rs__suspension *suspensions; /* service suspensions (signal failures, works) */
  int nsuspensions;
} rs__timetable;

/* A time-of-day profile: 24 hourly weights (normalised when used). */
typedef struct rs__profile {
  char name[RS__ID_MAX];
  double w[RS__HOURS];
} rs__profile;

/* Daily trips of one origin-destination pair. */
typedef struct rs__od {
  int origin, dest;   /* station indices */
  double trips;       /* expected trips per day */
  int profile;        /* index into demand.profiles; -1 = flat over service hours */
  unsigned day_types; /* bit mask of rs__daytype the pair runs on; 0 = every day */
  unsigned char dated; /* 1: only on DATE (demand from dated counts) */
  int32_t date;
} rs__od;

/* demand.counts_csv fitted: one row per (group, station, hour) counted. */
typedef struct rs__counts_fit {
  int day_type;       /* rs__daytype, -1 when the counts have no day_type column */
  int32_t date;       /* RS__DATE_NONE when the counts have no date column */
  int station, hour;
  double entries, exits;          /* counted */
  double fit_entries, fit_exits;  /* of the fitted OD matrix */
} rs__counts_fit;

/* One row of trips_csv: 24 bytes, its id in the demand's arena (issue 17: a
 * 3-million-row replay held 32 bytes of inline id a row). */
typedef struct rs__trip_row {
  double time_s;
  uint32_t id;          /* offset of the NUL-terminated id in rs__demand.ids; 0 = "" */
  int32_t date;         /* column `date`; RS__DATE_NONE: every day */
  int32_t line;         /* CSV line, for messages */
  int16_t origin, dest; /* station indices (a line has at most 500 stations) */
} rs__trip_row;

typedef struct rs__demand {
  rs__od *od;
  int nod;
  rs__profile *profiles;
  int nprofiles;
  char trips_csv[RS__PATH_MAX];  /* "" when not given (resolved path) */
  rs__trip_row *trips;          /* loaded trips_csv: in file order, or by date (stable) when dated */
  int ntrips;
  char *ids;                    /* the trips' ids, NUL-terminated, one after another; ids[0] = "" */
  size_t ids_len;
  int dated;                    /* trips_csv has a `date` column: each day replays its own trips */
  char counts_csv[RS__PATH_MAX];  /* "" when not given (resolved path) */
  rs__counts_fit *fit;          /* counts and the fitted OD's entries and exits */
  int nfit;
  double fit_residual;          /* largest |fitted - counted| / counted entries of a station-hour */
  double fit_imbalance;         /* largest |exits - entries| / entries of an hour (before fitting) */
} rs__demand;

/* The id of trip row T. */
static inline const char *rs__trip_id(const rs__demand *dm, const rs__trip_row *t) {
  return dm->ids ? dm->ids + t->id : "";
}

/* ---- Calendar runs and the demand model (DESIGN 1.1) ---- */

#define RS__MAX_MODES 16

/* Trip purposes; RS_NPURPOSE (the public header) counts them. */
enum { RS__P_COMMUTE, RS__P_BUSINESS, RS__P_LEISURE, RS__P_OTHER };

/* Which OD pairs a mode serves: cross-city (one end on the Chengdu side),
 * local (both ends on the Ziyang side), or all. */
enum { RS__SERVES_ALL, RS__SERVES_CROSS, RS__SERVES_LOCAL };

typedef struct rs__purpose_def {
  int profile[RS__NDIR];               /* hourly profile per travel direction; -1 = flat */
  double day_factor[RS__NDAYTYPES];   /* travel relative to an ordinary workday */
  double novelty;                     /* 1: trial trips apply to this purpose */
  /* Seasons of the calendar (by kind, e.g. "spring_festival") and the factor
   * each applies on top of the day factor on workdays and weekends inside it. */
  int nseason;
  char season[RS__MAX_SEASON_FACTORS][RS__ID_MAX];
  double season_factor[RS__MAX_SEASON_FACTORS];
  double scale;                       /* x this purpose's market figures (the purpose split) [1] */
  double weekday_factor[7];           /* x day factor, Monday..Sunday (weekly commuters) [1] */
} rs__purpose_def;

typedef struct rs__market_od {
  int origin, dest;
  double trips[RS_NPURPOSE];         /* all-mode person-trips per ordinary workday */
} rs__market_od;

/* A competing mode's level of service (minutes, yuan). */
typedef struct rs__mode {
  char id[RS__ID_MAX];
  double asc;
  double ivt_min, ivt_per_km;         /* in-vehicle: fixed + per km of the OD's line distance */
  double wait_min;
  double access_min, egress_min;
  double transfers;
  double cost, cost_per_km;
  int serves;
  int32_t from, to;                   /* available on these dates (RS__DATE_NONE: open-ended) */
} rs__mode;

/* Fare by distance: BASE up to BASE_KM, then +1 yuan per STEP_KM (or part of it)
 * in each band up to its UP_TO_KM. Then x SCALE + ADD (what-ifs). */
#define RS__FARE_BANDS 8
typedef struct rs__fare {
  double base, base_km;
  double up_to_km[RS__FARE_BANDS], step_km[RS__FARE_BANDS];
  int nbands;
  double scale, add;
} rs__fare;

typedef struct rs__metro_los {
  double asc;
  double access_min, egress_min;      /* at the stations of this line */
  /* Cross-city trips continue past the Chengdu-side terminal (Futian) on the
   * connecting lines: averages of that onward leg. */
  double onward_km, onward_ivt_min, onward_wait_min, onward_walk_min;
  double onward_transfers;            /* mean changes of train on the way (1; 0 through-running) */
  rs__fare fare;
} rs__metro_los;

typedef struct rs__choice_params {
  double ivt, wait, walk, transfer, cost, crowding;  /* utility per minute, per yuan, ... */
  double learning;                    /* exponential smoothing weight of today's experience */
} rs__choice_params;

/* Segments of the mode choice (choice.purposes, choice.car, choice.captive_share,
 * choice.nest; scenario_segments.c binds, demand_segments.c computes). Index 0 of
 * the per-alternative arrays is the metro, 1 + i the scenario's modes[i]. */
typedef struct rs__choice_segments {
  rs__choice_params beta[RS_NPURPOSE];          /* per purpose (default: choice.beta) */
  double asc_add[RS_NPURPOSE][RS__MAX_MODES + 1]; /* added to the alternative's asc */
  double car_share[RS_NPURPOSE];                /* travellers with a car; 1: everyone */
  unsigned char needs_car[RS__MAX_MODES + 1];     /* alternatives only car owners have */
  double captive_share[RS_NPURPOSE];            /* travellers whose only mode is the metro */
  int nested;                                    /* 1: nested logit with one nest */
  unsigned char in_nest[RS__MAX_MODES + 1];
  double nest_lambda;                            /* nesting parameter, (0, 1] */
} rs__choice_segments;

typedef struct rs__event {
  char name[RS__NAME_MAX];
  int32_t from, to;                   /* inclusive */
  unsigned day_types;                 /* bit mask of rs__daytype; 0 = every day */
  int origin, dest;
  double trips;                       /* per day, both directions: half each way */
  int purpose;
} rs__event;

typedef struct rs__demand_model {
  int enabled;                        /* a market is given: the model drives demand */
  int32_t opening;                    /* adoption clock starts here */
  int32_t base_date;                  /* market figures are for this date */
  double growth;                      /* per year, e.g. 0.03 */
  double scale;                       /* multiplies every market figure (calibration) [1] */
  double bass_p, bass_q;              /* per year */
  double novelty_amp, novelty_half_life_days;
  rs__purpose_def purpose[RS_NPURPOSE];
  rs__market_od *market;
  int nmarket;
  rs__mode *modes;
  int nmodes;
  rs__metro_los metro;
  rs__choice_params beta;
  rs__choice_segments seg;
  rs__event *events;
  int nevents;
  unsigned char *chengdu_side;        /* per station: 1 on the Chengdu side */
} rs__demand_model;

typedef struct rs__period_def {
  int32_t start, end;                 /* inclusive; RS__DATE_NONE: a single dateless day */
} rs__period_def;

#define RS__MAX_CALENDARS 8
#define RS__MAX_DAYS 36600      /* a century of days in one run */
#define RS__MAX_MARKET 20000    /* market OD rows */
#define RS__MAX_EVENTS 1000
#define RS__MAX_OBSERVED 1000
/* Observed figures to compare against (observed.yaml). */
enum { RS__OBS_DAY, RS__OBS_TOTAL, RS__OBS_MEAN, RS__OBS_CUMULATIVE, RS__OBS_PEAK,
       RS__OBS_PURPOSE_SHARE, /* riders of a purpose / riders over from..to */
       RS__OBS_MODE_SHARE,    /* a mode's share of the corridor's trips (observed_modes.c) */
       RS__OBS_NKINDS };
/* "day", "total", "mean", "cumulative", "peak", "purpose_share", "mode_share",
 * then NULL (model/names.c). */
extern const char *const rs__obs_kind_names[RS__OBS_NKINDS + 1];
/* "commute", "business", "leisure", "other" (model/names.c). */
extern const char *const rs__purpose_names[RS_NPURPOSE];
enum { RS__BOUND_NONE, RS__BOUND_LOWER, RS__BOUND_UPPER };
typedef struct rs__observation {
  char id[RS__ID_MAX];
  int kind;
  int32_t from, to;                   /* day: from == to; cumulative: to (from = opening) */
  double value;
  int bound;                          /* "more than": RS__BOUND_LOWER */
  double tolerance_pct;               /* acceptance band used by tests and calibration */
  int purpose;                        /* purpose_share: the purpose */
  int mode;                           /* mode_share: 0 the metro, 1 + i modes[i] */
  int serves;                         /* mode_share: RS__SERVES_* OD pairs counted */
  char source[RS__NAME_MAX * 2];
  int station;                        /* boardings at this station, not riders; -1 = the line */
  int day_type;                       /* only days of this rs__daytype count; -1 = every day */
} rs__observation;

struct rs_scenario {
  char path[RS__PATH_MAX];   /* file it came from ("(embedded)/..." for built-ins) */
  char name[RS__NAME_MAX];
  int version;              /* schema version: 1 */
  uint64_t seed;
  uint64_t hash;            /* FNV-1a of the composed document, see scenario_load.c */
  double step_s;            /* Δt of the intraday clock */

  char line_name[RS__NAME_MAX]; /* line.name */
  rs__station *st;
  int nst;
  rs__trains trains;
  rs__running running;
  rs__timetable timetable;
  rs__demand demand;

  /* Calendar runs (absent: one dateless workday). */
  rs__period_def period;
  char calendars[RS__MAX_CALENDARS][RS__PATH_MAX];  /* resolved paths, merged in order */
  int ncalendars;
  rs__calendar *cal;                  /* the calendars parsed once, at load (owned) */
  int32_t detail_date;                /* day written to trains/stations/sections.csv */
  rs__demand_model model;
  rs__observation *observed;
  int nobserved;
  char observed_path[RS__PATH_MAX];
  struct rs__commute_def *commute;   /* commute section (commute.h), one block; NULL: none */
  struct rs__uncertainty *uncertainty; /* uncertainty section (model/uncertainty.h), one block; NULL: none */
  rs_diag *warn;                      /* plausibility warnings (input/scenario_plausible.c), or NULL */
};

#endif
