/*
 * ridersim — discrete-time transit ridership simulator. Public API.
 *
 * Every function returns an int status: RS_OK (0) or a negative RS_E* code;
 * rs_strerror() gives its message. Handles are opaque and hold all state, so two
 * simulations may run in two threads. Create/free pairs own their memory.
 */
#ifndef RIDERSIM_H
#define RIDERSIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RS_VERSION "0.1.0"

/* Status codes: one table, messages in src/error.c. */
enum {
  RS_OK = 0,
  RS_ENOMEM = -1,   /* out of memory */
  RS_EIO = -2,      /* cannot read or write a file */
  RS_ESYNTAX = -3,  /* malformed YAML or CSV */
  RS_EINVAL = -4,   /* scenario is well formed but invalid */
  RS_ELIMIT = -5,   /* input exceeds a documented limit */
  RS_EUSAGE = -6,   /* bad command-line usage */
  RS_ESTATE = -7,   /* call out of order (e.g. results before a run) */
  RS_ECALIB = -8,   /* calibration problem cannot be solved */
  RS_EINTERNAL = -9 /* a bug: an invariant failed */
};

const char *rs_strerror(int code);
const char *rs_version(void);

/* Diagnostics: every problem of an input, each "FILE:LINE:COL: message". */
typedef struct rs_diag rs_diag;
rs_diag *rs_diag_alloc(void);
void rs_diag_free(rs_diag *d);
size_t rs_diag_count(const rs_diag *d);                  /* messages stored (at most 200) */
const char *rs_diag_message(const rs_diag *d, size_t i); /* formatted line */
int rs_diag_is_warning(const rs_diag *d, size_t i);      /* 1: a warning, 0: an error */
size_t rs_diag_errors(const rs_diag *d);                 /* errors, past the cap too */
size_t rs_diag_omitted(const rs_diag *d);                /* messages past the cap: not stored */

/* Once at program start, before any thread: turns GSL's abort-on-error handler
 * off for the process, so numerical failures come back as status codes. The
 * library never changes the handler itself (it is process-global state). */
void rs_init(void);

/* A validated scenario: plain data, immutable once loaded. */
typedef struct rs_scenario rs_scenario;

/* Load PATH (NULL: the embedded Ziyang baseline), apply NSETS "key.path=value"
 * overrides, validate. On failure *out is NULL, every problem is in D, and the
 * first error's code is returned. */
int rs_scenario_load(const char *path, const char *const *sets, size_t nsets,
                     rs_scenario **out, rs_diag *d);
void rs_scenario_free(rs_scenario *s);
uint64_t rs_scenario_hash(const rs_scenario *s);
uint64_t rs_scenario_seed(const rs_scenario *s);
/* 1 and a message in BUF when the run (to UNTIL, "YYYY-MM-DD", or the period's end
 * when NULL) reaches past the years its calendar files describe. */
int rs_scenario_calendar_note(const rs_scenario *s, const char *until, char *buf, size_t size);
/* Plausibility warnings of a loaded scenario ("FILE:LINE:COL: warning: ..."):
 * valid values that are most likely slips. They never stop a run. */
size_t rs_scenario_warning_count(const rs_scenario *s);
const char *rs_scenario_warning(const rs_scenario *s, size_t i);
/* 1 and a message in BUF when the run (to UNTIL or the period's end) reaches
 * into years whose holidays are projected from the calendar's rules. */
int rs_scenario_calendar_projected(const rs_scenario *s, const char *until, char *buf,
                                   size_t size);
/* Validate a calendar file (holidays, make-up workdays, seasons) on its own:
 * every problem in D as FILE:LINE:COL; the numbers of holidays and seasons. */
int rs_calendar_check(const char *path, int *holidays, int *seasons, rs_diag *d);
/* Service days the scenario simulates (1 for a dateless one-day scenario). */
int rs_scenario_days(const rs_scenario *s);
/* The period's first and last dates as YYYY-MM-DD ("" for a dateless scenario). */
void rs_scenario_period(const rs_scenario *s, char start[11], char end[11]);

/* A simulation: workspaces allocated up front, then run. */
typedef struct rs_sim rs_sim;
typedef struct rs_progress rs_progress; /* ridersim/progress.h */

typedef struct rs_run_options {
  uint64_t replication;     /* index of the replication: selects the random stream */
  int expected;             /* expected-value mode: demand model only, no engine; waits
                               and crowding stay at their scheduled values. Smooth in
                               the parameters, for calibration. */
  int ride_records;         /* keep boardings and alightings of every train at every stop
                               of every day (for rs_sim_write_gtfs_ride, ridersim/gtfs.h) */
  rs_progress *progress;    /* NULL, or counts each simulated day (no effect on results) */
  int commute_ahead;        /* the caller will read the door-to-door tables (commute.h,
                               rs_sim_write): work them out on a thread of their own
                               from the detail day on (no effect on results) */
} rs_run_options;
void rs_run_options_default(rs_run_options *o);

int rs_sim_create(const rs_scenario *s, rs_sim **out);
void rs_sim_free(rs_sim *sim);
int rs_sim_run(rs_sim *sim, const rs_run_options *o);

/* Headline figures of a run (all days). */
typedef struct rs_summary {
  double riders;            /* passengers generated */
  double delivered;
  double stranded;
  double stranded_after_service; /* of them: arrived after the last train had left */
  double mean_wait_s, p50_wait_s, p95_wait_s;
  double mean_ride_s;
  double denied_boardings;
  double max_load_factor;   /* max over sections and trains of load / capacity */
  double passenger_km;
  int days;
  int fleet_required;       /* most trains in use at once on any day (runs + turnaround) */
  int fleet;                /* trains available (trains.fleet; 0 = unlimited) */
  double fare_revenue;      /* fares of the delivered riders' rides on the line, in the
                               fare table's currency (yuan) */
  double train_km, car_km;  /* km run by trains (first to last stop), times cars per train */
  /* Peak-hour peak-direction load: the most passengers through one section, one
   * direction, one clock hour (of the train's entry into the section), any day.
   * 0 and empty strings in expected mode (no trains are simulated). */
  double phpdt;
  int phpdt_hour;           /* 0-23; past midnight counts in the early hours */
  const char *phpdt_direction;           /* "down" or "up" */
  const char *phpdt_from, *phpdt_to;     /* station ids of the section */
  char phpdt_date[11];      /* YYYY-MM-DD; "" for a dateless one-day scenario */
} rs_summary;
int rs_sim_summary(const rs_sim *sim, rs_summary *out);

/* The daily series of a run (one entry per simulated day, in date order). */
#define RS_NPURPOSE 4   /* commute, business, leisure, other */
typedef struct rs_daily {
  char date[11];                    /* YYYY-MM-DD; "" for a dateless one-day scenario */
  const char *day_type;             /* workday, weekend, holiday, makeup, holiday_eve, spring_festival */
  double riders, cumulative;
  double by_purpose[RS_NPURPOSE];
  double passenger_km, mean_wait_s, p95_wait_s, mean_ride_s;
  double denied, stranded, max_load_factor;
} rs_daily;
int rs_sim_days(const rs_sim *sim);
int rs_sim_daily(const rs_sim *sim, int i, rs_daily *out);
const char *rs_purpose_name(int p);

/* Each observed figure of the scenario (observed.yaml) beside the run's value. */
typedef struct rs_observed_fit {
  const char *id, *kind, *source;   /* kind: day, total, mean, cumulative, peak */
  char from[11], to[11];            /* YYYY-MM-DD */
  double observed, simulated;       /* simulated is NAN when the run does not cover it */
  double error_pct;                 /* 100 (simulated - observed) / observed */
  int bound;                        /* 0 a value, 1 "more than", 2 "less than" */
  double tolerance_pct;
  int within;                       /* 1 when the figure is met: bound or tolerance */
} rs_observed_fit;
int rs_sim_observed_count(const rs_sim *sim);
int rs_sim_observed(const rs_sim *sim, int i, rs_observed_fit *out);
/* Set F's simulated value to SIMULATED (e.g. a mean over replications) and
 * recompute its error and verdict. */
void rs_observed_refit(rs_observed_fit *f, double simulated);

/* Write the run's outputs into DIR (created if missing). Each file is written to a
 * temporary name and renamed into place. */
enum { RS_OUT_PASSENGERS = 1 };
int rs_sim_write(const rs_sim *sim, const char *dir, unsigned flags, rs_diag *d);

/* An output directory replaced as a whole: begin() makes a staging directory
 * beside DIR, everything is written into rs_outdir_path(), commit() swaps it
 * into place (a DIR holding an earlier ridersim run is replaced; a DIR holding
 * anything else is refused), abort() removes it. A crash or kill leaves DIR
 * either as it was or complete, never mixed. */
typedef struct rs_outdir rs_outdir;
int rs_outdir_begin(const char *dir, rs_outdir **out, rs_diag *d);
/* The same for an output of KIND ("run", "compare", "forecast", "calibration",
 * "elasticity", "import"): DIR must be absent, empty or an earlier output of KIND (its
 * marker says so); a link, a user's folder, another kind's output, ".", "/"
 * and a folder holding the working directory are refused. DIR is locked until
 * commit or abort: a second writer is refused at once ("DIR is being written
 * by another ridersim (pid N)"). Call it before the long work. D must outlive
 * the handle: abort() renames the staging directory in its messages to DIR. */
int rs_outdir_begin_kind(const char *dir, const char *kind, rs_outdir **out, rs_diag *d);
const char *rs_outdir_path(const rs_outdir *o);
int rs_outdir_commit(rs_outdir *o, rs_diag *d);
void rs_outdir_abort(rs_outdir *o);

#ifdef __cplusplus
}
#endif
#endif
