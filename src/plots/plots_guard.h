/* PLplot errors back to ridersim's cleanup, and charts checked whole.
 *
 * PLplot reports a fatal error (a file it cannot open, a driver failure) by
 * calling plexit(), which exits the process: the staging directory and the
 * temporary chart would stay behind and the exit code would be 1 (the code of
 * an input error). rs__plot_guarded runs a drawing job with a plsexit handler
 * that jumps back into it instead: the chart being drawn is deleted and the
 * job returns RS_EIO with PLplot's message, so the caller cleans up as after
 * any other failed write. */
#ifndef RS__PLOTS_GUARD_H
#define RS__PLOTS_GUARD_H
#include "ridersim/ridersim.h"

typedef int (*rs__plot_job)(const void *arg, rs_diag *d);
/* (When no thread can be started the job is not run: RS_EIO and a message.
 * pango would start one, and GLib aborts a process that cannot.) */
int rs__plot_guarded(rs__plot_job job, const void *arg, rs_diag *d);
/* The same, and ON_FILE(CTX, TMP) is told each temporary file before it is
 * created: a process drawing for another names them, so the other can remove
 * them if this one is killed, at any instant (the name holds a fresh random
 * run id: a file by that name can only be the one this process made). */
typedef void (*rs__plot_on_file)(void *ctx, const char *tmp);
int rs__plot_guarded_cb(rs__plot_job job, const void *arg, rs_diag *d, rs__plot_on_file on_file,
                        void *ctx);
/* Name TMP to the innermost guard's ON_FILE, before creating it. */
void rs__plot_guard_announce(const char *tmp);
/* The temporary file being drawn (NULL: none), deleted if PLplot fails, and
 * the pixel buffer of a PNG page (NULL: none), freed then. */
void rs__plot_guard_file(const char *tmp, void *mem);

/* Does the file at PATH end as a whole chart of FORMAT does: the IEND chunk of
 * a PNG, "</svg>" of an SVG, "%%EOF" of a PDF? 1 yes, 0 no. */
int rs__plot_file_whole(const char *path, const char *format);
#endif
