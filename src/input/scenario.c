/* Public entry points of scenario loading: compose, bind, validate, hash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "input/embedded.h"
#include "input/scenario_load.h"

#ifndef RS__DEFAULT_SCENARIO
#define RS__DEFAULT_SCENARIO "ziyang/baseline.yaml"
#endif

void rs_scenario_free(rs_scenario *s) {
  if (!s) return;
  rs_diag_free(s->warn);
  free(s->st);
  free(s->running.section_s);
  free(s->timetable.service.periods);
  free(s->timetable.rows);
  free(s->timetable.ids);
  free(s->timetable.suspensions);
  free(s->demand.od);
  free(s->demand.profiles);
  free(s->demand.trips);
  free(s->demand.ids);
  free(s->demand.fit);
  for (int t = 0; t < RS__NDAYTYPES; t++) free(s->timetable.by_type[t].periods);
  for (int k = 0; k < s->timetable.nseason_svc; k++) free(s->timetable.by_season[k].periods);
  free(s->model.market);
  free(s->model.modes);
  free(s->model.events);
  free(s->model.chengdu_side);
  rs__calendar_free(s->cal);
  free(s->observed);
  free(s->commute);   /* one block (commute.h) */
  free(s->uncertainty); /* one block (model/uncertainty.h) */
  free(s);
}

int rs_scenario_load(const char *path, const char *const *sets, size_t nsets,
                     rs_scenario **out, rs_diag *d) {
  *out = NULL;
  char given[RS__PATH_MAX];
  if (!path) {
    /* the embedded baseline; relative paths in it name other embedded files */
    snprintf(given, sizeof given, "%s%s", RS__EMBED_PREFIX, RS__DEFAULT_SCENARIO);
    path = given;
  }
  if (strlen(path) >= RS__PATH_MAX)
    return rs__diag_add(d, RS_ELIMIT, NULL, 0, 0, "scenario path longer than %d bytes",
                        RS__PATH_MAX - 1);
  rs__ydoc *doc;
  int setrc = rs__scenario_compose(path, sets, nsets, &doc, d);
  if (!doc) return setrc;
  rs_scenario *s = calloc(1, sizeof *s);
  if (!s) {
    rs__ydoc_free(doc);
    return RS_ENOMEM;
  }
  snprintf(s->path, sizeof s->path, "%s", path);
  uint64_t h = rs__ynode_hash(RS__FNV_OFFSET, rs__ydoc_root(doc));
  int rc = rs__scenario_bind(s, rs__ydoc_root(doc), d, &h);
  rs__ydoc_free(doc);
  if (setrc) rc = setrc;
  if (rc) {
    rs_scenario_free(s);
    return rc;
  }
  s->hash = h;
  *out = s;
  return RS_OK;
}

uint64_t rs_scenario_hash(const rs_scenario *s) { return s ? s->hash : 0; }
uint64_t rs_scenario_seed(const rs_scenario *s) { return s ? s->seed : 0; }
