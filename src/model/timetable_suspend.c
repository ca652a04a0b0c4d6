/* Service suspensions applied to one day's timetable (rules in timetable.h). */
#include <string.h>
#include "model/timetable.h"

/* Hold run R: its first departure inside [from, to) from an intermediate stop
 * moves to TO, and every later time of the run shifts by the same amount.
 * Returns 1 when the run is to be cancelled (it would leave its origin in the
 * window), 0 otherwise. */
static int rs__hold_run(rs__day_tt *tt, const rs__run *r, double from, double to) {
  rs__stop *st = &tt->stops[r->first_stop];
  for (int k = 0; k + 1 < r->nstops; k++) {
    if (!(st[k].dep_s >= from && st[k].dep_s < to)) continue;
    if (k == 0) return 1;
    double shift = to - st[k].dep_s;
    st[k].dep_s = to;
    for (int j = k + 1; j < r->nstops; j++) {
      st[j].arr_s += shift;
      st[j].dep_s += shift;
    }
    return 0;
  }
  return 0;
}

int rs__timetable_apply_suspensions(rs__day_tt *tt, const rs__suspension *sp, int n,
                                    int32_t date) {
  int nst = tt->nst;
  for (int i = 0; i < n; i++) {
    if (sp[i].date != RS__DATE_NONE && sp[i].date != date) continue;
    int keep = 0;
    for (int r = 0; r < tt->nruns; r++) {
      if (rs__hold_run(tt, &tt->runs[r], sp[i].from_s, sp[i].to_s)) continue;
      if (keep != r) {
        tt->runs[keep] = tt->runs[r];
        memmove(tt->stop_of + (size_t)keep * (size_t)nst, tt->stop_of + (size_t)r * (size_t)nst,
                (size_t)nst * sizeof *tt->stop_of);
      }
      keep++;
    }
    tt->nruns = keep;
  }
  /* Holding never moves a first departure, so the runs stay in order. */
  return RS_OK;
}
