/* The charts of a run directory, one function each, and what they share. */
#ifndef RS__PLOTS_CHARTS_H
#define RS__PLOTS_CHARTS_H
#include "input/csvtable.h"
#include "plots/plots_draw.h"

#define RS__PLOT_MAX_STATIONS 64
#define RS__PLOT_LABEL 200

typedef struct rs__plots_ctx {
  const char *run_dir;
  char plots_dir[RS__PLOT_PATH];
  const char *format;
  int cjk;        /* Chinese names can be rendered */
  /* Station display names from stations.csv, in line order. */
  int nst;
  char id[RS__PLOT_MAX_STATIONS][64];
  char zh[RS__PLOT_MAX_STATIONS][100];
  char en[RS__PLOT_MAX_STATIONS][100];
} rs__plots_ctx;

/* Read RUN_DIR/NAME into *t. Returns 1 (and *t NULL) when the file does not
 * exist, so the chart is skipped; RS_OK when read; a negative code otherwise. */
int rs__plots_load(const rs__plots_ctx *c, const char *name, rs__csvtable **t, rs_diag *d);
/* Index of station ID in the names, or -1. */
int rs__plots_station(const rs__plots_ctx *c, const char *id);
/* One-line label "资阳北 Ziyangbei" (or the English name, or the id). */
void rs__plots_station_label(const rs__plots_ctx *c, const char *id, char *buf, size_t size);
/* Two lines for category axes: Chinese and English (one line without CJK). */
void rs__plots_station_lines(const rs__plots_ctx *c, const char *id, char *l1, char *l2,
                             size_t size);
/* "12,345" */
void rs__plots_fmt_int(double v, char *buf, size_t size);

/* Each returns RS_OK when drawn or skipped. */
int rs__chart_daily(const rs__plots_ctx *c, rs_diag *d);      /* daily + cumulative */
int rs__chart_load_profile(const rs__plots_ctx *c, rs_diag *d);
int rs__chart_boardings(const rs__plots_ctx *c, rs_diag *d);
int rs__chart_commute(const rs__plots_ctx *c, rs_diag *d);
int rs__chart_trains(const rs__plots_ctx *c, rs_diag *d);
#endif
