/*
 * ridersim plots: charts of a run directory, drawn with PLplot (cairo).
 *
 * PLplot keeps process-wide state: call rs_plots_draw from one thread at a
 * time (simulations may run in parallel; their plots may not).
 */
#ifndef RIDERSIM_PLOTS_H
#define RIDERSIM_PLOTS_H
#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Draw every chart RUN_DIR has data for into RUN_DIR/plots/ (created if
 * missing): daily, cumulative, load-profile, boardings, commute, train-diagram,
 * with the extension of FORMAT: "png" (NULL: png, 1200x700 px), "svg" or "pdf".
 * A chart whose input CSV is missing is skipped; a malformed one is an error
 * "FILE:LINE:COL: message" in D (the other charts are still drawn). Each image
 * is drawn under a temporary name and renamed into place. Returns RS_OK or the
 * first error's code. */
int rs_plots_draw(const char *run_dir, const char *format, rs_diag *d);

/* rs_plots_draw into a committed run directory (`ridersim plot`): RUN_DIR must
 * hold a run's marker (never a user's folder, nor a link); it is locked for
 * the time of the drawing, so a second writer is refused ("... is being
 * written by another ridersim (pid N)", RS_EIO). A chart that cannot be
 * written whole keeps its earlier file (RS_EIO). */
int rs_plots_redraw(const char *run_dir, const char *format, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
