/* Service suspensions (timetable.suspensions): binding and applying them to a
 * day's timetable. A signal failure, works or a power cut: for a window of
 * the day no train leaves any station. */
#ifndef RS_SUSPEND_H
#define RS_SUSPEND_H
#include "scenario_load.h"
#include "timetable.h"

#define RS_MAX_SUSPENSIONS 1000

/* Bind VAL (the list under timetable.suspensions, non-null) into
 * b->s->timetable.suspensions (scenario_suspend.c). */
int rs__bind_suspensions(rs__bind *b, const rs__ynode *val);

/* Apply the suspensions in force on DATE (RS_DATE_NONE: a dateless day, where
 * only undated suspensions apply) to TT (timetable_suspend.c):
 * - a train whose departure from an intermediate station falls in the window
 *   is held there until the window ends, then runs on with its scheduled
 *   running and dwell times (everything after it shifts by the hold);
 * - a train due to leave its origin terminal in the window is cancelled (the
 *   line is blocked; its trainset stays at the terminal).
 * Arrivals at a train's last stop are not departures: they are kept.
 * Runs stay sorted; the stops of cancelled runs are left unused in TT->stops. */
int rs__timetable_apply_suspensions(rs__day_tt *tt, const rs__suspension *sp, int n,
                                    int32_t date);
#endif
