/* Internals of what-if comparison: the comparison's figures (compare.c,
 * compare_write.c, compare_plots.c). Replications run on base/pool.h. */
#ifndef RS__COMPARE_H
#define RS__COMPARE_H
#include "ridersim/compare.h"
#include "model/scenario.h"

/* Figure name buffer (station ids are at most RS__ID_MAX-1 bytes). */
#define RS__FIG_NAME 64

typedef struct rs__cmp_fig {
  char name[RS__FIG_NAME];
  const char *group, *unit;
} rs__cmp_fig;

struct rs_compare {
  const rs_scenario *base, *whatif;
  int nrep;
  int nfig;
  rs__cmp_fig *fig;
  double *val;               /* [(rep * 2 + side) * nfig + fig], side 0 base, 1 what-if */
  rs_compare_figure *out;    /* nfig summarised figures */
  /* Daily riders (means over replications) when both runs cover the same days. */
  int ndays;
  char (*date)[11];
  const char **day_type;
  double *daily;             /* [side * ndays + day] */
  double *daily_rep;         /* [(rep * 2 + side) * ndays + day] */
  char detail_date[11];      /* the detail day of the hourly figures (the what-if's) */
  char base_detail_date[11]; /* the base's: hourly figures compare like with like when equal */
  int nst;                   /* stations in the union */
  char (*st_id)[RS__ID_MAX];
  const char **st_zh, **st_en;
};

/* compare_read.c: the figures and daily series of a compare folder (for charts). */
int rs__compare_read(const char *dir, rs_compare **out, rs_diag *d);
/* Index of the first station figure ("boardings_per_day.ID", one per station
 * of the union, by km). */
int rs__compare_station_first(const rs_compare *c);
/* Index of the first hourly figure ("wait_by_hour.HH", then denied_by_hour.HH
 * and boardings_by_hour.HH, 24 each). */
int rs__compare_hourly_first(const rs_compare *c);
#endif
