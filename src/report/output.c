/* Writers of a run's tables (docs/output-formats.md): summary.yaml, trains.csv,
 * stations.csv, sections.csv, passengers.csv. Each file is whole or absent. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/afile.h"
#include "model/commute.h"
#include "base/datetime.h"
#include "base/diag.h"
#include "report/output.h"
#include "sim/results.h"
#include "base/csvout.h"

static const char *rs__dir_name(int dir) { return dir == RS__DOWN ? "down" : "up"; }

void rs__detail_date_str(const rs_sim *sim, char *buf) {
  const rs__results *rv = rs__sim_results(sim);
  if (rv->detail_date == RS__DATE_NONE)
    buf[0] = 0;
  else
    rs__date_format(rv->detail_date, buf);
}

/* Length of the valid UTF-8 sequence at S, 0 when S does not start one. */
static size_t rs__utf8_seq(const unsigned char *s) {
  int len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                        : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
  for (int i = 1; i < len; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  /* overlong 3- and 4-byte forms, surrogates, beyond U+10FFFF */
  if ((len == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) ||
      (len == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))))
    return 0;
  return (size_t)len;
}

/* A YAML double-quoted scalar: quotes, backslashes and controls escaped, and a
 * byte that is not UTF-8 (a file name from another locale) written as \xNN, so
 * the file always parses (that byte reads back as U+00NN). */
void rs__yaml_quoted(FILE *f, const char *s) {
  fputc('"', f);
  const unsigned char *u = (const unsigned char *)s;
  while (*u) {
    size_t k = rs__utf8_seq(u);
    if (*u == '"' || *u == '\\')
      fprintf(f, "\\%c", *u);
    else if (*u < 0x20 || *u == 0x7F || k == 0)
      fprintf(f, "\\x%02x", *u);
    else
      fwrite(u, 1, k, f);
    u += k ? k : 1;
  }
  fputc('"', f);
}

void rs__summary_header(FILE *f, const rs_sim *sim, const char *what) {
  const rs__results *rv = rs__sim_results(sim);
  fprintf(f, "# ridersim %s (docs/output-formats.md)\n", what);
  fprintf(f, "program: ridersim\nversion: %s\n", RS_VERSION);
  fprintf(f, "scenario: ");
  rs__yaml_quoted(f, rv->s->path);
  fprintf(f, "\nscenario_name: ");
  rs__yaml_quoted(f, rv->s->name);
  fprintf(f, "\nscenario_hash: \"%016" PRIx64 "\"\n", rv->s->hash);
  fprintf(f, "seed: %" PRIu64 "\n", rv->s->seed);
}

void rs__summary_planner(FILE *f, const rs_summary *sm) {
  fprintf(f, "fare_revenue: %.2f\n", sm->fare_revenue);
  fprintf(f, "train_km: %.3f\ncar_km: %.3f\n", sm->train_km, sm->car_km);
  fprintf(f, "phpdt: %.0f\n", sm->phpdt);
  if (sm->phpdt_direction[0])
    fprintf(f, "phpdt_at: {date: \"%s\", hour: %d, direction: %s, from: \"%s\", to: \"%s\"}\n",
            sm->phpdt_date, sm->phpdt_hour, sm->phpdt_direction, sm->phpdt_from, sm->phpdt_to);
  else
    fprintf(f, "phpdt_at: null\n");
}

static int rs__write_summary(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  rs_summary sm;
  int rc = rs_sim_summary(sim, &sm);
  if (rc != RS_OK) return rc;
  rs__afile a;
  if ((rc = rs__afile_open(&a, dir, "summary.yaml", d)) != RS_OK) return rc;
  FILE *f = a.f;
  rs__summary_header(f, sim, "run summary");
  fprintf(f, "replication: %" PRIu64 "\n", rv->replication);
  fprintf(f, "days: %d\n", sm.days);
  fprintf(f, "riders: %.0f\ndelivered: %.0f\nstranded: %.0f\n", sm.riders, sm.delivered,
          sm.stranded);
  fprintf(f, "mean_wait_s: %.3f\n", sm.mean_wait_s);
  /* Percentiles the expected-value mode does not compute: n/a, never 0. */
  const char *q[2] = {"p50_wait_s", "p95_wait_s"};
  double qv[2] = {sm.p50_wait_s, sm.p95_wait_s};
  for (int i = 0; i < 2; i++)
    if (isnan(qv[i])) fprintf(f, "%s: n/a\n", q[i]);
    else fprintf(f, "%s: %.3f\n", q[i], qv[i]);
  fprintf(f, "mean_ride_s: %.3f\n", sm.mean_ride_s);
  fprintf(f, "denied_boardings: %.0f\n", sm.denied_boardings);
  fprintf(f, "max_load_factor: %.6f\n", sm.max_load_factor);
  fprintf(f, "passenger_km: %.3f\n", sm.passenger_km);
  fprintf(f, "fleet_required: %d\nfleet: %d\n", sm.fleet_required, sm.fleet);
  rs__summary_planner(f, &sm);
  const rs_scenario *sc = rs__sim_results(sim)->s;
  if (sc->demand.nfit > 0) /* demand fitted to counts (counts-fit.csv) */
    fprintf(f, "counts_fit_residual: %.3g\ncounts_exit_entry_imbalance: %.6f\n",
            sc->demand.fit_residual, sc->demand.fit_imbalance);
  return rs__afile_commit(&a, d);
}

static int rs__write_trains(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "trains.csv", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  const rs__day_tt *tt = rv->dtt;
  const rs__day_result *r = rv->dres;
  const rs_scenario *s = rv->s;
  char date[16];
  rs__detail_date_str(sim, date);
  rs__csv_printf(f, "date,train,direction,seq,station,km,arrival_s,departure_s,alighted,boarded,"
             "denied,load,load_factor\n");
  for (int k = 0; k < tt->nruns; k++) {
    const rs__run *run = &tt->runs[k];
    for (int j = 0; j < run->nstops; j++) {
      int i = run->first_stop + j;
      const rs__stop *sp = &tt->stops[i];
      rs__csv_printf(f, "%s,%s,%s,%d,%s,%.3f,%.3f,%.3f,%.0f,%.0f,%.0f,%.0f,%.4f\n", date, run->id,
              rs__dir_name(run->dir), j, s->st[sp->station].id, s->st[sp->station].km, sp->arr_s,
              sp->dep_s, rs__count(r->stop_alight[i]), rs__count(r->stop_board[i]),
              rs__count(r->stop_denied[i]), rs__count(r->stop_load[i]),
              rs__count(r->stop_load[i]) / s->trains.capacity);
    }
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_stations(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "stations.csv", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  const rs_scenario *s = rv->s;
  char date[16];
  rs__detail_date_str(sim, date);
  rs__csv_printf(f, "date,station,zh,en,hour,boardings,alightings\n");
  for (int i = 0; i < s->nst; i++)
    for (int h = 0; h < RS__HOURS; h++)
      rs__csv_printf(f, "%s,%s,%s,%s,%d,%.0f,%.0f\n", date, s->st[i].id, s->st[i].zh, s->st[i].en, h,
              rv->dres->board[i * RS__HOURS + h], rv->dres->alight[i * RS__HOURS + h]);
  return rs__afile_commit(&a, d);
}

static int rs__write_sections(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "sections.csv", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  const rs_scenario *s = rv->s;
  int nsec = s->nst - 1;
  char date[16];
  rs__detail_date_str(sim, date);
  rs__csv_printf(f, "date,direction,from,to,km_from,km_to,hour,passengers,trains,capacity\n");
  for (int dir_ = 0; dir_ < RS__NDIR; dir_++)
    for (int k = 0; k < nsec; k++) {
      /* Sections listed in travel order of the direction. */
      int sec = dir_ == RS__DOWN ? k : nsec - 1 - k;
      int from = dir_ == RS__DOWN ? sec : sec + 1, to = dir_ == RS__DOWN ? sec + 1 : sec;
      for (int h = 0; h < RS__HOURS; h++) {
        size_t ix = ((size_t)(dir_ * nsec + sec)) * RS__HOURS + (size_t)h;
        double trains = rv->dres->sec_trains[ix];
        rs__csv_printf(f, "%s,%s,%s,%s,%.3f,%.3f,%d,%.0f,%.0f,%.0f\n", date, rs__dir_name(dir_),
                s->st[from].id, s->st[to].id, s->st[from].km, s->st[to].km, h,
                rv->dres->sec_pax[ix], trains, trains * s->trains.capacity);
      }
    }
  return rs__afile_commit(&a, d);
}

static int rs__write_passengers(const rs_sim *sim, const char *dir, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "passengers.csv", d);
  if (rc != RS_OK) return rc;
  FILE *f = a.f;
  const rs_scenario *s = rv->s;
  int n = rv->ndpax;
  const rs__pax *p = rv->dpax;
  rs__csv_printf(f, "id,origin,destination,arrival,boarded,alighted,wait_s,ride_s,denied,status\n");
  for (int i = 0; i < n; i++) {
    const rs__pax *x = &p[i];
    if (x->trip_row >= 0)
      rs__csv_printf(f, "%s,", rs__trip_id(&s->demand, &s->demand.trips[x->trip_row]));
    else
      rs__csv_printf(f, "%d,", i + 1);
    rs__csv_printf(f, "%s,%s,%.3f,", s->st[x->origin].id, s->st[x->dest].id, x->arrival_s);
    if (x->status == RS__PAX_DELIVERED)
      rs__csv_printf(f, "%.3f,%.3f,%.3f,%.3f,%d,delivered\n", x->boarded_s, x->alighted_s,
              x->boarded_s - x->arrival_s, x->alighted_s - x->boarded_s, x->denied);
    else
      rs__csv_printf(f, ",,,,%d,stranded\n", x->denied);
  }
  return rs__afile_commit(&a, d);
}

int rs_sim_write(const rs_sim *sim, const char *dir, unsigned flags, rs_diag *d) {
  const rs__results *rv = rs__sim_results(sim);
  if (!sim || !rv->ran) return RS_ESTATE;
  int rc = rs__write_summary(sim, dir, d);
  if (rc == RS_OK) rc = rs__write_trains(sim, dir, d);
  if (rc == RS_OK) rc = rs__write_stations(sim, dir, d);
  if (rc == RS_OK) rc = rs__write_sections(sim, dir, d);
  if (rc == RS_OK && (flags & RS_OUT_PASSENGERS)) rc = rs__write_passengers(sim, dir, d);
  if (rc == RS_OK && rv->s->period.start != RS__DATE_NONE) rc = rs__write_daily(sim, dir, d);
  if (rc == RS_OK && rv->s->period.start != RS__DATE_NONE) rc = rs__write_run_years(sim, dir, d);
  if (rc == RS_OK && rv->s->nobserved > 0) rc = rs__write_observed(sim, dir, d);
  if (rc == RS_OK && rv->s->commute) rc = rs__write_commute(sim, dir, d);
  if (rc == RS_OK && rv->s->demand.nfit > 0) rc = rs__write_counts_fit(sim, dir, d);
  return rc;
}
