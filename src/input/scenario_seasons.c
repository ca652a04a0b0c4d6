/* timetable.seasons: a workday timetable for the days of a calendar season
 * (a school-holiday timetable, a 春运 timetable). The kinds are free names,
 * as the calendar files give them; a kind no calendar has is simply unused. */
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "input/scenario_load.h"

int rs__bind_season_timetables(rs__bind *b, const rs__ynode *sn) {
  rs__timetable *tt = &b->s->timetable;
  if (rs__y_expect_map(b, sn, "timetable.seasons")) return RS_EINVAL;
  if (sn->n > RS__MAX_SEASON_FACTORS)
    return rs__bind_err(b, sn, RS_ELIMIT, "'timetable.seasons' names %zu seasons; at most %d",
                        sn->n, RS__MAX_SEASON_FACTORS);
  static const char *const keys[] = {"first_train", "last_train", "periods", NULL};
  for (size_t i = 0; i < sn->n; i++) {
    char path[RS__KP_MAX];
    rs__kp_key(path, "timetable.seasons", sn->keys[i]->text);
    int k = tt->nseason_svc;
    if (rs__y_id(b, sn->keys[i], path, tt->season_kind[k]) != RS_OK) continue;
    if (rs__y_expect_map(b, sn->items[i], path)) continue;
    rs__y_check_keys(b, sn->items[i], path, keys);
    rs__service *sv = &tt->by_season[k];
    *sv = tt->service; /* over a copy of the base workday service */
    sv->periods = calloc((size_t)tt->service.nperiods + 1, sizeof *sv->periods);
    if (!sv->periods) return RS_ENOMEM;
    memcpy(sv->periods, tt->service.periods, (size_t)tt->service.nperiods * sizeof *sv->periods);
    tt->nseason_svc++;
    if (rs__bind_service(b, sn->items[i], path, sv) == RS_ENOMEM) return RS_ENOMEM;
  }
  return RS_OK;
}
