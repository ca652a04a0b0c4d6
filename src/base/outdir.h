/* Internal helpers of output directories (public API in ridersim.h). */
#ifndef RS__OUTDIR_H
#define RS__OUTDIR_H
#include "base/outlock.h"
#include "ridersim/ridersim.h"

#define RS__OUTDIR_PATH 4096
/* File that marks a directory as ridersim's output: "ridersim-output 2",
 * "kind: K" (the command that wrote it), "id: RUNID". Only a directory holding
 * it (or an empty one) is ever replaced, and only by a command of its kind. */
#define RS__OUTDIR_MARKER ".ridersim-run"
/* Empty file in a staging directory only: files written there (afile.c) are
 * not synced one by one, since the commit syncs them all at once (syncfs: one
 * journal commit and one cache flush, not one per file) before the folder
 * becomes DIR; removed before that sync. */
#define RS__OUTDIR_STAGING_TAG ".ridersim-staging"

/* A directory written in place (sweeps; `ridersim plot` into a run): checked
 * and locked, not staged. */
typedef struct rs__outclaim {
  int pfd;
  rs__outlock lk;
  char base[256]; /* the folder's name in PFD, synced at unclaim ("": none) */
} rs__outclaim;

/* Check DIR as an output of KIND (refusing a link, a user's folder, another
 * kind's output, ".", "/" or a folder holding the working directory), lock
 * it (or only its PART, see outlock.h), and with CREATE make it (with its
 * marker) when absent or empty; writers of other parts may do so at the same
 * moment. */
int rs__outdir_claim(const char *dir, const char *kind, const char *part, int create,
                     rs__outclaim *c, rs_diag *d);
void rs__outdir_unclaim(rs__outclaim *c);
#endif
