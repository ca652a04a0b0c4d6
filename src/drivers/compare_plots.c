/* The charts of a comparison: its figures handed to the plots layer as plain
 * series (plots/series.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "drivers/compare.h"
#include "plots/series.h"

static void rs__cmp_series_stations(const rs_compare *c, rs__compare_series *s) {
  s->nst = c->nst < RS__PLOT_CMP_MAXST ? c->nst : RS__PLOT_CMP_MAXST;
  int first = rs__compare_station_first(c);
  for (int i = 0; i < s->nst; i++) {
    const rs_compare_figure *f = &c->out[first + i];
    s->st_diff[i] = f->diff;
    s->st_lo95[i] = f->lo95;
    s->st_hi95[i] = f->hi95;
    s->st_id[i] = c->st_id[i];
    s->st_zh[i] = c->st_zh[i];
    s->st_en[i] = c->st_en[i];
  }
}

static void rs__cmp_series_hourly(const rs_compare *c, rs__compare_series *s) {
  int h0 = rs__compare_hourly_first(c);
  for (int h = 0; h < RS__HOURS; h++) {
    s->wait_base[h] = c->out[h0 + h].base;
    s->wait_whatif[h] = c->out[h0 + h].whatif;
    s->denied_base[h] = c->out[h0 + RS__HOURS + h].base;
    s->denied_whatif[h] = c->out[h0 + RS__HOURS + h].whatif;
  }
}

int rs_compare_plots(const rs_compare *c, const char *dir, const char *format, rs_diag *d) {
  if (!c) return RS_ESTATE;
  if (!format) format = "png";
  char pd[RS__PLOT_PATH_MAX];
  if (snprintf(pd, sizeof pd, "%s/plots", dir) >= (int)sizeof pd)
    return rs__diag_add(d, RS_ELIMIT, NULL, 0, 0, "%s: path too long", dir);
  if (mkdir(pd, 0777) != 0 && errno != EEXIST)
    return rs__diag_add(d, RS_EIO, NULL, 0, 0, "%s: cannot create: %s", pd, strerror(errno));
  rs__compare_series s;
  memset(&s, 0, sizeof s);
  s.nrep = c->nrep;
  s.ndays = c->ndays;
  s.detail_date = c->detail_date;
  double *xy = c->ndays > 0 ? malloc((size_t)c->ndays * 2 * sizeof *xy) : NULL;
  if (c->ndays > 0 && !xy) return rs__diag_add(d, RS_ENOMEM, NULL, 0, 0, "out of memory");
  for (int i = 0; i < c->ndays; i++) {
    int32_t day = 0;
    xy[i] = rs__date_parse(c->date[i], &day) == 0 ? day : i;
    xy[c->ndays + i] = c->daily[c->ndays + i] - c->daily[i];
  }
  s.day = xy;
  s.delta = xy ? xy + c->ndays : NULL;
  rs__cmp_series_stations(c, &s);
  rs__cmp_series_hourly(c, &s);
  int rc = rs__plot_compare(&s, pd, format, d);
  free(xy);
  return rc;
}
