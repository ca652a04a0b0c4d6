/* Diagnostics: a list of "FILE:LINE:COL: message" problems, collected in one pass. */
#ifndef RS__DIAG_H
#define RS__DIAG_H

#include <stdarg.h>
#include "ridersim/ridersim.h"

/* Add a problem. FILE may be NULL (then "ridersim"), LINE/COL 0 when unknown
 * (they are left out of the message). Returns CODE, so callers can
 * `return rs__diag_add(...)`. Stops storing after RS__DIAG_MAX entries but keeps
 * counting. D may be NULL. */
#define RS__DIAG_MAX 200
int rs__diag_add(rs_diag *d, int code, const char *file, int line, int col,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
int rs__diag_vadd(rs_diag *d, int code, const char *file, int line, int col,
                  const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

/* Add a warning: "FILE:LINE:COL: warning: message". Warnings are listed with
 * the errors, in order, but never decide the status (rs__diag_first_code).
 * Returns RS_OK. */
int rs__diag_warn(rs_diag *d, const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Add a message already formatted elsewhere (by another process's diagnostics):
 * LINE is stored as it is; WARN 1 for a warning. Returns CODE. */
int rs__diag_add_line(rs_diag *d, int code, int warn, const char *line);

/* Code of the first error added (warnings do not count), RS_OK when none. */
int rs__diag_first_code(const rs_diag *d);
/* Messages that start with the path FROM (then '/' or ':') name TO instead: a
 * file of a staging directory that is gone is reported under its final name. */
void rs__diag_rename_path(rs_diag *d, const char *from, const char *to);

#endif
