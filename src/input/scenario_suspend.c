/* timetable.suspensions: [{date: DATE, from: time, to: time}, ...].
 * date is optional (absent: every day). Checked: at most RS__MAX_SUSPENSIONS
 * entries, unknown keys with suggestions; from < to in the validation pass. */
#include <stdlib.h>
#include "input/scenario_model.h"
#include "model/defaults.h"
#include "model/timetable.h"

int rs__bind_suspensions(rs__bind *b, const rs__ynode *val) {
  rs__timetable *tt = &b->s->timetable;
  const char *path = "timetable.suspensions";
  if (rs__y_expect_seq(b, val, path) < 0) return RS_EINVAL;
  if (val->n > RS__MAX_SUSPENSIONS)
    return rs__bind_err(b, val, RS_ELIMIT, "'%s' lists %zu suspensions; at most %d", path,
                        val->n, RS__MAX_SUSPENSIONS);
  tt->suspensions = calloc(val->n + 1, sizeof *tt->suspensions);
  if (!tt->suspensions) return RS_ENOMEM;
  static const char *const keys[] = {"date", "from", "to", NULL};
  for (size_t i = 0; i < val->n; i++) {
    const rs__ynode *n = val->items[i];
    char p[RS__KP_MAX];
    rs__kp_index(p, path, i);
    if (rs__y_expect_map(b, n, p) < 0) continue;
    rs__y_check_keys(b, n, p, keys);
    rs__suspension *sp = &tt->suspensions[tt->nsuspensions];
    rs__suspension_defaults(sp);
    rs__get_date(b, n, p, "date", 0, &sp->date);
    rs__get_time(b, n, p, "from", 1, 0, &sp->from_s);
    rs__get_time(b, n, p, "to", 1, 1, &sp->to_s);
    tt->nsuspensions++;
  }
  return RS_OK;
}
