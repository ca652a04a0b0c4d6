/* The defaults of every section (src/model/defaults.c) are the values of the
 * default columns of docs/scenario-reference.md and docs/commute.md: a small
 * scenario that gives only what is required gets them. */
#include "scenario_files.h" /* first: it sets _XOPEN_SOURCE */
#include "check.h"
#include "model/commute.h"

static rs_scenario *load_text(const char *text) {
  put("s.yaml", text);
  rs_diag *d;
  rs_scenario *s = NULL;
  CHECK(load("s.yaml", NULL, 0, &s, &d) == RS_OK);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  rs_diag_free(d);
  return s;
}

static const char *MIN =
    "ridersim: 1\n"
    "line: {stations: [{id: a, km: 0}, {id: b, km: 2.5}, {id: c, km: 6}]}\n"
    "trains: {capacity: 1000}\n";

static void test_sections(void) {
  rs_scenario *s = load_text(MIN);
  if (!s) return;
  CHECK_NEAR(s->running.brake_ms2, 0.8, 0);
  CHECK_NEAR(s->running.time_scale, 1, 0);
  CHECK_NEAR(s->timetable.headway_scale, 1, 0);
  CHECK(s->timetable.delays.probability == 0 && s->timetable.delays.mean_s == 0);
  CHECK(s->period.start == RS__DATE_NONE && s->period.end == RS__DATE_NONE);
  CHECK(s->detail_date == RS__DATE_NONE);
  CHECK(s->ncalendars == 1 && !strcmp(s->calendars[0], "(builtin)/calendars/china.yaml"));
  const rs__demand_model *m = &s->model;
  CHECK(!m->enabled && m->opening == RS__DATE_NONE && m->base_date == RS__DATE_NONE);
  CHECK(m->growth == 0 && m->scale == 1 && m->bass_p == 1000 && m->bass_q == 0);
  CHECK(m->novelty_amp == 0 && m->novelty_half_life_days == 30);
  for (int p = 0; p < RS_NPURPOSE; p++) {
    CHECK(m->purpose[p].profile[RS__UP] == -1 && m->purpose[p].profile[RS__DOWN] == -1);
    for (int t = 0; t < RS__NDAYTYPES; t++) CHECK(m->purpose[p].day_factor[t] == 1);
  }
  CHECK(m->metro.asc == 0 && m->metro.access_min == 10 && m->metro.egress_min == 10);
  CHECK(m->metro.onward_transfers == 0);
  /* Chengdu Metro fare: 2 yuan to 4 km, +1 per 4 km to 12, per 6 to 24, per 8 to 40,
   * per 10 to 50, then per 20 */
  const rs__fare *f = &m->metro.fare;
  CHECK(f->base == 2 && f->base_km == 4 && f->nbands == 5 && f->scale == 1 && f->add == 0);
  const double up[] = {12, 24, 40, 50}, step[] = {4, 6, 8, 10, 20};
  for (int i = 0; i < 4; i++) CHECK(f->up_to_km[i] == up[i]);
  for (int i = 0; i < 5; i++) CHECK(f->step_km[i] == step[i]);
  const rs__choice_params *c = &m->beta;
  CHECK(c->ivt == -0.03 && c->wait == -0.06 && c->walk == -0.05 && c->transfer == -0.3);
  CHECK(c->cost == -0.08 && c->crowding == -1.0 && c->learning == 0.3);
  CHECK(s->commute == NULL);
  rs_scenario_free(s);
}

/* An onward ride means one transfer unless stated; items get their defaults. */
static void test_items(void) {
  char text[2048];
  snprintf(text, sizeof text,
           "%s"
           "metro: {onward: {ivt_min: 30, wait_min: 3}}\n"
           "modes: [{id: bus}]\n"
           "events: [{start: 2025-01-01, end: 2025-01-02, from: a, to: c, trips: 5}]\n"
           "market: {chengdu_side: [a], od: [{from: b, to: a}]}\n"
           "commute:\n"
           "  connections: [{id: l1, periods: [{from: \"00:00\", to: \"24:00\", headway_min: 6}]}]\n"
           "  destinations: [{id: d1, line: l1, ride_min: 30}]\n"
           "  onward_tolerance_min: 600\n",
           MIN);
  rs_scenario *s = load_text(text);
  if (!s) return;
  CHECK(s->model.metro.onward_transfers == 1);
  CHECK(s->model.nmodes == 1 && s->model.modes[0].serves == RS__SERVES_ALL);
  CHECK(s->model.modes[0].from == RS__DATE_NONE && s->model.modes[0].to == RS__DATE_NONE);
  CHECK(s->model.nevents == 1 && s->model.events[0].purpose == RS__P_LEISURE);
  const rs__commute_def *cm = s->commute;
  CHECK(cm != NULL);
  if (cm) {
    CHECK(cm->line == 1 && cm->interchange == 0); /* the first chengdu_side station */
    CHECK(cm->peak_from_s == 7 * 3600 && cm->peak_to_s == 9 * 3600);
    CHECK(cm->samples == 400 && cm->onward_tol_min == 600);
    CHECK(cm->headline_zone == 0 && cm->headline_dest == 0);
    /* one zone per station but the interchange, with the metro's access and egress */
    CHECK(cm->nzones == 2 && cm->zones[0].station == 1 && cm->zones[1].station == 2);
    CHECK(cm->zones[1].access.mean_min == 10 && cm->zones[1].access.cv == 0.5);
    CHECK(cm->zones[1].egress.mean_min == 10 && cm->zones[1].egress.cv == 0.5);
    CHECK(cm->ndests == 1 && cm->dests[0].weight == 1 && cm->dests[0].egress.cv == 0.5);
    CHECK(!strcmp(cm->lines[0].name, "l1"));
    CHECK(cm->lines[0].first_s == 0 && cm->lines[0].last_s == 86400);
    for (int m = 0; m < RS__MAX_MODES; m++) CHECK(cm->modes[m].cv == 0.3);
  }
  rs_scenario_free(s);
}

int main(void) {
  if (!files_begin("rs_test_defaults")) return 1;
  test_sections();
  test_items();
  files_end();
  return check_done();
}
