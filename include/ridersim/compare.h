/*
 * ridersim what-if comparison and replications (docs/whatif.md).
 *
 * A comparison runs a base and a what-if scenario over N replications with
 * common random numbers (replication r of both uses the streams of (seed, r,
 * date)), and reports every figure's base and what-if means and the mean of the
 * paired differences with a 95% t interval: mean +- t(0.975, N-1) sd / sqrt(N).
 * With N = 1 there is no interval (lo95 and hi95 are NAN). A scenario compared
 * with itself gives exactly zero differences.
 *
 * Replications run on threads, each with its own simulations; the results do
 * not depend on the thread count.
 */
#ifndef RIDERSIM_COMPARE_H
#define RIDERSIM_COMPARE_H
#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RS_MAX_REPLICATIONS 10000

typedef struct rs_compare_options {
  int replications;   /* N >= 1 (default 1) */
  int threads;        /* 0: as many as CPUs, at most N */
  int expected;       /* expected-value mode for both runs */
  rs_progress *progress; /* NULL, or counts each simulated day of either side */
} rs_compare_options;
void rs_compare_options_default(rs_compare_options *o);

/* 95% interval of the mean of X[0..n): *mean, and *lo, *hi (NAN when n < 2). */
void rs_ci95(const double *x, int n, double *mean, double *lo, double *hi);

typedef struct rs_compare rs_compare;

/* Run BASE and WHATIF (both borrowed, must outlive the call) and collect the
 * figures. Every station of either scenario is reported (zero where absent). */
int rs_compare_run(const rs_scenario *base, const rs_scenario *whatif,
                   const rs_compare_options *o, rs_compare **out);
void rs_compare_free(rs_compare *c);

typedef struct rs_compare_figure {
  const char *name;     /* e.g. "riders_per_day", "boardings_per_day.changhong" */
  const char *group;    /* riders, purpose, station, service, detail_day, hourly */
  const char *unit;     /* "trips/day", "min", ... */
  double base, whatif;  /* means over the replications */
  double diff;          /* mean paired difference whatif - base */
  double lo95, hi95;    /* its 95% interval; NAN with one replication */
  double pct;           /* 100 diff / base; NAN when base is 0 */
} rs_compare_figure;
int rs_compare_count(const rs_compare *c);
int rs_compare_get(const rs_compare *c, int i, rs_compare_figure *out);
/* Index of the figure NAME, or -1. */
int rs_compare_find(const rs_compare *c, const char *name);
int rs_compare_replications(const rs_compare *c);
/* "YYYY-MM-DD" of the detail day of SIDE (0 base, 1 what-if), "" when dateless.
 * The hourly figures are those of each side's detail day. */
const char *rs_compare_detail_date(const rs_compare *c, int side);

/* Write compare.yaml, compare.csv, daily_delta.csv and hourly.csv into DIR
 * (docs/output-formats.md), each whole or absent. */
int rs_compare_write(const rs_compare *c, const char *dir, rs_diag *d);
/* Delta charts into DIR/plots/: compare-daily, compare-stations, compare-hourly.
 * FORMAT png, svg or pdf. PLplot: one thread at a time. */
int rs_compare_plots(const rs_compare *c, const char *dir, const char *format, rs_diag *d);

/* ---- replications of one run ---- */

/* Each figure of rs_summary over N replications: mean and 95% interval. */
typedef struct rs_summary_ci {
  rs_summary mean, lo95, hi95;   /* lo95/hi95 fields NAN when N = 1; fleet_required
                                    of mean is the most over the replications */
  int replications;
  int nobserved;                 /* the scenario's observed figures ... */
  double *observed_mean;         /* ... and the mean of their simulated values */
} rs_summary_ci;
/* Free what rs_replicate allocated in CI (safe on a zeroed CI). */
void rs_summary_ci_free(rs_summary_ci *ci);

/* Run S N times (replications 0..N-1, O's other options) on THREADS threads
 * (0: CPUs). *FIRST receives the simulation of replication 0 (for its tables
 * and charts; the caller frees it), also when the call fails, if replication
 * 0 got as far as running (rs_sim_gtfs_ride_error may tell why it failed);
 * otherwise NULL. */
int rs_replicate(const rs_scenario *s, const rs_run_options *o, int n, int threads,
                 rs_sim **first, rs_summary_ci *out);
/* Rewrite DIR/summary.yaml of FIRST with each figure's mean, _lo95 and _hi95. */
int rs_summary_ci_write(const rs_sim *first, const rs_summary_ci *ci, const char *dir,
                        rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
