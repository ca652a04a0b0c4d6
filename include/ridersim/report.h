/*
 * report.html: one self-contained page of a run, compare or forecast folder to
 * hand on -- the scenario's name and hash, the key figures, observed beside
 * simulated, commute times, and every chart inline (base64 PNG) with a
 * one-line reading. No network, no external file. Built from the folder's own
 * files, so `ridersim plot DIR` can rebuild it too.
 */
#ifndef RIDERSIM_REPORT_H
#define RIDERSIM_REPORT_H
#include "ridersim/ridersim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write DIR/report.html from DIR's files (kind recognised from them). */
int rs_report_write(const char *dir, rs_diag *d);

#ifdef __cplusplus
}
#endif
#endif
