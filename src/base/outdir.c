/* Output directories replaced as a whole (see rs_outdir_begin in ridersim.h).
 * Layout while running: DIR.staging-PID holds the new run; at commit the old DIR
 * (if it is a ridersim run: it holds the marker file) is renamed to
 * DIR.old-PID, the staging directory renamed to DIR, and the old one removed. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/diag.h"
#include "base/outdir.h"

/* Derived names (DIR plus a suffix) get room for the suffix. */
#define RS__DERIVED (RS__OUTDIR_PATH + 64)

struct rs_outdir {
  char dir[RS__OUTDIR_PATH];
  char staging[RS__DERIVED];
};

/* Remove a directory tree we created (files and subdirectories). */
int rs__rmtree(const char *path) {
  DIR *dp = opendir(path);
  if (!dp) return errno == ENOENT ? 0 : -1;
  struct dirent *e;
  int rc = 0;
  while ((e = readdir(dp))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char sub[RS__DERIVED + 256];
    if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub) {
      rc = -1;
      continue;
    }
    struct stat st;
    if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
      rc |= rs__rmtree(sub);
    else if (unlink(sub) != 0)
      rc = -1;
  }
  closedir(dp);
  if (rmdir(path) != 0) rc = -1;
  return rc;
}

/* 1 when DIR is empty or holds a ridersim run (the marker), 0 otherwise. */
static int rs__outdir_replaceable(const char *dir) {
  char marker[RS__DERIVED];
  snprintf(marker, sizeof marker, "%s/%s", dir, RS__OUTDIR_MARKER);
  if (access(marker, F_OK) == 0) return 1;
  DIR *dp = opendir(dir);
  if (!dp) return 0;
  struct dirent *e;
  int empty = 1;
  while ((e = readdir(dp)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) empty = 0;
  closedir(dp);
  return empty;
}

/* Leftovers of killed runs beside DIR: DIR.staging-PID and DIR.old-PID of
 * processes that no longer exist. A kill between the two renames of a commit
 * leaves no DIR but DIR.old-PID: put the previous run back first, then remove
 * the rest, so a later run never inherits a half-swapped state. */
static void rs__outdir_recover(const char *dir) {
  char parent[RS__OUTDIR_PATH], base[RS__OUTDIR_PATH];
  const char *slash = strrchr(dir, '/');
  if (slash) {
    size_t n = (size_t)(slash - dir);
    snprintf(parent, sizeof parent, "%.*s", (int)(n ? n : 1), dir);
    snprintf(base, sizeof base, "%s", slash + 1);
  } else {
    snprintf(parent, sizeof parent, ".");
    snprintf(base, sizeof base, "%s", dir);
  }
  DIR *dp = opendir(parent);
  if (!dp) return;
  size_t blen = strlen(base);
  struct dirent *e;
  while ((e = readdir(dp))) {
    if (strncmp(e->d_name, base, blen) != 0) continue;
    const char *rest = e->d_name + blen;
    int old = strncmp(rest, ".old-", 5) == 0, stg = strncmp(rest, ".staging-", 9) == 0;
    if (!old && !stg) continue;
    char *end;
    long pid = strtol(rest + (old ? 5 : 9), &end, 10);
    if (*end || pid <= 0 || pid == (long)getpid()) continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* still running */
    char path[RS__DERIVED + 256];
    snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
    struct stat st;
    if (old && stat(dir, &st) != 0 && rename(path, dir) == 0) continue;
    rs__rmtree(path);
  }
  closedir(dp);
}

/* mkdir -p of the directory that will hold DIR (DIR itself is created by the
 * rename of the staging directory). */
static int rs__mkdir_parents(const char *dir) {
  char p[RS__OUTDIR_PATH];
  snprintf(p, sizeof p, "%s", dir);
  char *slash = strrchr(p, '/');
  if (!slash || slash == p) return 0;
  *slash = 0;
  for (char *c = p + 1; *c; c++) {
    if (*c != '/') continue;
    *c = 0;
    if (mkdir(p, 0777) != 0 && errno != EEXIST) return -1;
    *c = '/';
  }
  return mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

int rs_outdir_begin(const char *dir, rs_outdir **out, rs_diag *d) {
  *out = NULL;
  size_t len = strlen(dir);
  while (len > 1 && dir[len - 1] == '/') len--;
  if (len == 0 || len + 32 >= RS__OUTDIR_PATH)
    return rs__diag_add(d, RS_EUSAGE, dir, 0, 0, "output directory name is empty or too long");
  if (rs__mkdir_parents(dir) != 0)
    return rs__diag_add(d, RS_EIO, dir, 0, 0, "cannot create the directories above it: %s",
                        strerror(errno));
  rs__outdir_recover(dir);
  struct stat st;
  if (stat(dir, &st) == 0) {
    if (!S_ISDIR(st.st_mode))
      return rs__diag_add(d, RS_EIO, dir, 0, 0, "exists and is not a directory");
    if (!rs__outdir_replaceable(dir))
      return rs__diag_add(d, RS_EIO, dir, 0, 0,
                          "holds files that are not a ridersim run (no %s); "
                          "refusing to replace it: choose another directory with -o",
                          RS__OUTDIR_MARKER);
  }
  rs_outdir *o = calloc(1, sizeof *o);
  if (!o) return RS_ENOMEM;
  memcpy(o->dir, dir, len);
  o->dir[len] = 0;
  snprintf(o->staging, sizeof o->staging, "%s.staging-%ld", o->dir, (long)getpid());
  rs__rmtree(o->staging); /* a leftover of an earlier process with our pid */
  if (mkdir(o->staging, 0777) != 0) {
    int e = errno;
    free(o);
    return rs__diag_add(d, RS_EIO, dir, 0, 0, "cannot create a staging directory beside it: %s",
                        strerror(e));
  }
  *out = o;
  return RS_OK;
}

const char *rs_outdir_path(const rs_outdir *o) { return o->staging; }

int rs_outdir_commit(rs_outdir *o, rs_diag *d) {
  char marker[RS__DERIVED + 32];
  snprintf(marker, sizeof marker, "%s/%s", o->staging, RS__OUTDIR_MARKER);
  FILE *f = fopen(marker, "w");
  if (!f || fputs("ridersim run\n", f) < 0 || fclose(f) != 0) {
    rs_outdir_abort(o);
    return rs__diag_add(d, RS_EIO, marker, 0, 0, "cannot write");
  }
  char old[RS__DERIVED];
  snprintf(old, sizeof old, "%s.old-%ld", o->dir, (long)getpid());
  int had_old = rename(o->dir, old) == 0;
  if (rename(o->staging, o->dir) != 0) {
    int e = errno;
    if (had_old) rename(old, o->dir);
    rs_outdir_abort(o);
    return rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot move the new run into place: %s",
                        strerror(e));
  }
  if (had_old) rs__rmtree(old);
  free(o);
  return RS_OK;
}

void rs_outdir_abort(rs_outdir *o) {
  if (!o) return;
  rs__rmtree(o->staging);
  free(o);
}
