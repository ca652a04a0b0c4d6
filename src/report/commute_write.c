/* Writers of the door-to-door commute times: commute.csv (per zone pair, mode
 * and window), commute_samples.csv (the headline pair's morning-peak trips, for
 * the commute chart) and the headline printed by `ridersim run`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/afile.h"
#include "model/commute.h"
#include "sim/results.h"
#include "base/csvout.h"

#define RS__CM_SAMPLES_OUT 2000   /* per scenario and mode in commute_samples.csv */

static const char *rs__cm_own_scenario(const rs__commute_def *c) {
  return c->line ? "with_line" : "without_line";
}

static int rs__cm_write_table(const rs_commute *cm, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "commute.csv", d);
  if (rc != RS_OK) return rc;
  const char *own = rs__cm_own_scenario(rs__cm_def(cm));
  rs__csv_printf(a.f, "origin_zone,dest_zone,mode,window,n,mean_min,p10_min,p50_min,p90_min,access_min,"
               "wait_min,ride_min,transfer_min,egress_min\n");
  for (int i = 0; i < rs_commute_count(cm); i++) {
    rs_commute_row r;
    rs_commute_row_get(cm, i, &r);
    if (strcmp(r.scenario, own)) continue;
    rs__csv_printf(a.f, "%s,%s,%s,%s,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f\n", r.origin_zone,
            r.dest_zone, r.mode, r.window, r.n, r.mean_min, r.p10_min, r.p50_min, r.p90_min,
            r.access_min, r.wait_min, r.ride_min, r.transfer_min, r.egress_min);
  }
  return rs__afile_commit(&a, d);
}

static int rs__cm_write_samples(const rs_commute *cm, const rs_scenario *s, const char *dir,
                                rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "commute_samples.csv", d);
  if (rc != RS_OK) return rc;
  double *v = malloc(RS__CM_SAMPLES_OUT * 50 * sizeof *v);
  if (!v) {
    rs__afile_abort(&a);
    return RS_ENOMEM;
  }
  rs__csv_printf(a.f, "scenario,mode,minutes\n");
  static const char *const scen[2] = {"with_line", "without_line"};
  for (int sc = 0; sc < 2; sc++)
    for (int m = -1; m < s->model.nmodes; m++) {
      int i = rs__cm_headline_row(cm, m < 0 ? "metro" : s->model.modes[m].id, scen[sc]);
      if (i < 0) continue;
      int n = rs__cm_row_totals(cm, i, v, RS__CM_SAMPLES_OUT * 50);
      if (n > RS__CM_SAMPLES_OUT * 50) n = RS__CM_SAMPLES_OUT * 50;
      /* evenly thinned to at most RS__CM_SAMPLES_OUT, keeping trip order */
      int k = n > RS__CM_SAMPLES_OUT ? RS__CM_SAMPLES_OUT : n;
      for (int j = 0; j < k; j++)
        rs__csv_printf(a.f, "%s,%s,%.2f\n", scen[sc], m < 0 ? "metro" : s->model.modes[m].id,
                v[(long)j * n / k]);
    }
  free(v);
  return rs__afile_commit(&a, d);
}

static void rs__cm_print(const rs_commute *cm, const rs_scenario *s, FILE *f);

int rs__write_commute(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  const rs_commute *cm;
  int rc = rs__sim_commute(sim, &cm);
  if (rc != RS_OK || !cm) return rc;
  rc = rs__cm_write_table(cm, dir, d);
  if (rc == RS_OK) rc = rs__cm_write_samples(cm, rv->s, dir, d);
  /* the headline table as printed, for report.html (from the same trips:
   * computing them again cost as much as the rest of an expected-value run) */
  rs__afile a;
  if (rc == RS_OK) rc = rs__afile_open(&a, dir, "commute.txt", d);
  if (rc == RS_OK) {
    rs__cm_print(cm, rv->s, a.f);
    rc = rs__afile_commit(&a, d);
  }
  return rc;
}

int rs_commute_print_headline(const rs_sim *sim, FILE *f) {
  const rs__results *rv = rs__sim_results(sim);
  const rs_commute *cm;
  int rc = rs__sim_commute(sim, &cm);
  if (rc != RS_OK || !cm) return rc;
  rs__cm_print(cm, rv->s, f);
  return RS_OK;
}

static void rs__cm_print(const rs_commute *cm, const rs_scenario *s, FILE *f) {
  const rs__commute_def *c = rs__cm_def(cm);
  fprintf(f, "\n  door to door      %s -> %s, morning peak %02d:%02d-%02d:%02d (commute.csv)\n",
          c->zones[c->headline_zone].name, c->dests[c->headline_dest].name,
          (int)(c->peak_from_s / 3600), (int)(c->peak_from_s / 60) % 60, (int)(c->peak_to_s / 3600),
          (int)(c->peak_to_s / 60) % 60);
  fprintf(f, "  %-8s %6s %5s %5s   %6s %5s %5s %5s %6s  %s\n", "mode", "mean", "p10", "p90",
          "access", "wait", "ride", "xfer", "egress", c->line ? "without the line" : "");
  for (int m = -1; m < s->model.nmodes; m++) {
    const char *id = m < 0 ? "metro" : s->model.modes[m].id;
    int i = rs__cm_headline_row(cm, id, rs__cm_own_scenario(c));
    int j = c->line ? rs__cm_headline_row(cm, id, "without_line") : -1;
    if (i < 0 && j < 0) continue;
    rs_commute_row r, w;
    if (i >= 0) {
      rs_commute_row_get(cm, i, &r);
      fprintf(f, "  %-8s %6.0f %5.0f %5.0f   %6.0f %5.0f %5.0f %5.0f %6.0f", id, r.mean_min,
              r.p10_min, r.p90_min, r.access_min, r.wait_min, r.ride_min, r.transfer_min,
              r.egress_min);
    } else {
      fprintf(f, "  %-8s %6s %5s %5s   %6s %5s %5s %5s %6s", id, "-", "", "", "", "", "", "", "");
    }
    if (j >= 0) {
      rs_commute_row_get(cm, j, &w);
      fprintf(f, "  mean %.0f min", w.mean_min);
    } else if (c->line) {
      fprintf(f, "  -");
    }
    fputc('\n', f);
  }
  if (rs__cm_missed(cm) > 0)
    fprintf(f, "  (%d metro trips found no connecting train and are left out)\n", rs__cm_missed(cm));
}
