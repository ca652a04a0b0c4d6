/* Files written whole or not at all: written under a temporary name in the same
 * directory, flushed and synced, then renamed over the final name. In a
 * staging directory (outdir.h, RS__OUTDIR_STAGING_TAG) the sync is only
 * started: the output's commit syncs the whole tree before anyone sees it. */
#ifndef RS__AFILE_H
#define RS__AFILE_H
#include <stdio.h>
#include "ridersim/ridersim.h"

typedef struct rs__afile {
  FILE *f;
  char path[4096];
  char tmp[4096];
  int staged; /* in a staging directory: synced at the output's commit */
} rs__afile;

/* Open DIR/NAME for writing (through a temporary file). */
int rs__afile_open(rs__afile *a, const char *dir, const char *name, rs_diag *d);
/* Flush, check for write errors, rename into place. Closes in every case. */
int rs__afile_commit(rs__afile *a, rs_diag *d);
/* Close and delete the temporary file. */
void rs__afile_abort(rs__afile *a);
#endif
