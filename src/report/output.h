/* Helpers shared by the writers of a run's files. */
#ifndef RS__OUTPUT_H
#define RS__OUTPUT_H
#include <stdio.h>
#include "ridersim/ridersim.h"

/* A count (riders, a load) as written: never below 0. The expected-value
 * engine's sums of a train's boardings and alightings can end a hair below 0
 * (a load of -1e-13 after the last alights), which printed as "-0". */
static inline double rs__count(double x) { return x > 0 ? x : 0.0; }

/* Write S as a YAML double-quoted scalar. */
void rs__yaml_quoted(FILE *f, const char *s);
/* The head of summary.yaml: program, version, scenario, its hash, seed. */
void rs__summary_header(FILE *f, const rs_sim *sim, const char *what);
/* fare_revenue, train_km, car_km, phpdt and where it occurs (summary.yaml). */
void rs__summary_planner(FILE *f, const rs_summary *sm);
/* "YYYY-MM-DD" of the run's detail day, "" for a dateless one-day scenario. */
void rs__detail_date_str(const rs_sim *sim, char *buf);
/* output_daily.c: daily.csv; observed.csv (each observed figure beside the simulated one). */
int rs__write_daily(const rs_sim *sim, const char *dir, rs_diag *d);
int rs__write_observed(const rs_sim *sim, const char *dir, rs_diag *d);
/* counts-fit.csv of a scenario with demand.counts_csv (counts_write.c). */
int rs__write_counts_fit(const rs_sim *sim, const char *dir, rs_diag *d);
int rs__write_run_years(const rs_sim *sim, const char *dir, rs_diag *d);
#endif
