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
 * is drawn under a temporary name and renamed into place. The charts are drawn
 * by this process and, on a machine with more than one core, by up to three
 * child processes (fork), all waited for before the call returns; a child that
 * dies fails the call (RS_EIO) and leaves no temporary file. Returns RS_OK or
 * the first error's code. */
int rs_plots_draw(const char *run_dir, const char *format, rs_diag *d);

/* The kind of ridersim output folder DIR holds, from its files. */
typedef enum {
  RS_FOLDER_NONE = 0, RS_FOLDER_RUN, RS_FOLDER_COMPARE, RS_FOLDER_FORECAST, RS_FOLDER_SWEEP
} rs_folder_kind;
rs_folder_kind rs_folder_kind_of(const char *dir);
const char *rs_folder_kind_name(rs_folder_kind k);
/* Redraw every chart of any ridersim output folder (run, compare, forecast,
 * sweep) from its files (`ridersim plot`); *KIND receives what DIR is. DIR must
 * hold a ridersim marker (never a user's folder, nor a link); it is locked for
 * the time of the drawing, so a second writer is refused ("... is being written
 * by another ridersim (pid N)", RS_EIO). A chart that cannot be written whole
 * keeps its earlier file (RS_EIO). A folder with nothing to draw is an error
 * (RS_EINVAL) naming what was looked for. */
int rs_plots_redraw(const char *dir, const char *format, rs_folder_kind *kind, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
