/* Internal helpers of output directories (public API in ridersim.h). */
#ifndef RS__OUTDIR_H
#define RS__OUTDIR_H
#include "ridersim/ridersim.h"

#define RS__OUTDIR_PATH 4096
/* File that marks a directory as a ridersim run, so it may be replaced. */
#define RS__OUTDIR_MARKER ".ridersim-run"

/* Remove a directory tree. 0 on success. */
int rs__rmtree(const char *path);
#endif
