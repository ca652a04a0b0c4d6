/* Reading calendar files into a model calendar (model/calendar.h). */
#ifndef RS__INPUT_CALENDAR_BIND_H
#define RS__INPUT_CALENDAR_BIND_H
#include <stddef.h>
#include "model/calendar.h"

/* Load and merge the calendar file PATH: a path starting "(builtin)/", such as
 * "(builtin)/calendars/china.yaml", names an embedded file (embedded.h);
 * anything else is read from disk. Every problem goes to D as
 * "FILE:LINE:COL: message"; on error CAL is unchanged and the first error's
 * code is returned (RS_EIO, RS_ESYNTAX, RS_EINVAL, RS_ELIMIT, RS_ENOMEM). */
int rs__calendar_load(rs__calendar *cal, const char *path, rs_diag *d);
/* The same from a buffer named NAME (for tests and --set style overrides). */
int rs__calendar_load_buffer(rs__calendar *cal, const char *name, const char *buf,
                             size_t len, rs_diag *d);

/* Bind the `projection:` section N of a calendar file into OUT (zeroed
 * first); every problem goes to D as FILE:LINE:COL (calendar_rules_bind.c). */
#include "model/calendar_project.h"
#include "input/yamldoc.h"
int rs__cal_rules_bind(const rs__ynode *n, rs__cal_rules *out, rs_diag *d);
#endif
