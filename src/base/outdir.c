/* Output directories replaced as a whole (see rs_outdir_begin in ridersim.h).
 *
 * Layout while running: the lock file .DIR.lock beside DIR (outlock.c) and
 * DIR.staging-ID, made exclusively (mkdir fails on any existing name) with the
 * marker naming the kind of output and the run id ID (64 random bits). At
 * commit the marker of DIR is checked again and the staging directory is
 * swapped with DIR in one rename (RENAME_EXCHANGE; on file systems without it,
 * DIR goes to DIR.old-ID first), then the former DIR is removed. Every name is
 * resolved relative to the parent directory, without following links, and
 * nothing is removed that does not hold a marker (docs/robustness.md). */
#define _GNU_SOURCE /* O_DIRECTORY, O_NOFOLLOW */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "base/diag.h"
#include "base/fsafe.h"
#include "base/outdir.h"

#define RS__NAME (NAME_MAX + 1)

struct rs_outdir {
  char dir[RS__OUTDIR_PATH];       /* as given, trailing slashes removed */
  char base[RS__NAME];            /* its last component */
  char kind[16];
  char id[RS__RUNID_LEN + 1];
  char stg[RS__NAME];             /* BASE.staging-ID */
  char staging[RS__OUTDIR_PATH + RS__NAME];
  int pfd;                        /* the parent directory */
  rs__outlock lk;
  rs_diag *d;                     /* messages naming the staging directory are renamed */
};

/* What a name beside us holds. */
enum { RS__ABSENT, RS__EMPTY, RS__OURS, RS__OTHER, RS__FOREIGN, RS__LINK, RS__NOTDIR, RS__ERR };

/* The marker of directory descriptor FD: its kind and id; -1 without one.
 * A marker of ridersim before 0.9 ("ridersim run") is a run's. */
static int rs__marker(int fd, char *kind, size_t ksize, char *id, size_t isize) {
  char buf[256];
  kind[0] = id[0] = 0;
  if (rs__read_small_at(fd, RS__OUTDIR_MARKER, buf, sizeof buf) != 0) return -1;
  if (!strcmp(buf, "ridersim run\n")) {
    snprintf(kind, ksize, "run");
    return 0;
  }
  char k[16], i[RS__RUNID_LEN + 1];
  if (sscanf(buf, "ridersim-output 2\nkind: %15[a-z]\nid: %16[0-9a-f]\n", k, i) != 2) return -1;
  snprintf(kind, ksize, "%s", k);
  snprintf(id, isize, "%s", i);
  return 0;
}

/* Classify NAME in PFD for an output of KIND; FOUND gets the kind it holds. */
static int rs__state(int pfd, const char *name, const char *kind, char *found, size_t fsize) {
  struct stat st;
  found[0] = 0;
  if (fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return errno == ENOENT ? RS__ABSENT : RS__ERR;
  if (S_ISLNK(st.st_mode)) return RS__LINK;
  if (!S_ISDIR(st.st_mode)) return RS__NOTDIR;
  int fd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return RS__ERR;
  char id[RS__RUNID_LEN + 1];
  int state;
  /* A marker another ridersim is writing right now (shards of one sweep creating
   * their folder at the same moment) is read again before it counts as foreign:
   * it is created, then written, so for a moment it exists and is empty. */
  for (int tries = 0; tries < 100 && rs__marker(fd, found, fsize, id, sizeof id) != 0 &&
                      faccessat(fd, RS__OUTDIR_MARKER, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
       tries++)
    nanosleep(&(struct timespec){0, 2000000}, NULL); /* 2 ms, 0.2 s at most */
  if (rs__marker(fd, found, fsize, id, sizeof id) == 0) {
    state = strcmp(found, kind) ? RS__OTHER : RS__OURS;
    close(fd);
    return state;
  }
  DIR *dp = fdopendir(fd);
  if (!dp) {
    close(fd);
    return RS__ERR;
  }
  state = RS__EMPTY;
  struct dirent *e;
  while ((e = readdir(dp)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) state = RS__FOREIGN;
  closedir(dp);
  return state;
}

/* The message for a state that may not be replaced (RS_OK for the others). */
static int rs__refuse(int state, const char *dir, const char *kind, const char *found,
                      rs_diag *d) {
  switch (state) {
  case RS__ABSENT: case RS__EMPTY: case RS__OURS: return RS_OK;
  case RS__LINK:
    return rs__diag_add(d, RS_EIO, dir, 0, 0,
                        "is a symbolic link; ridersim replaces its output folder as a whole and "
                        "never through a link: give the folder itself with -o");
  case RS__NOTDIR: return rs__diag_add(d, RS_EIO, dir, 0, 0, "exists and is not a directory");
  case RS__OTHER:
    return rs__diag_add(d, RS_EIO, dir, 0, 0,
                        "holds the output of 'ridersim %s', not of 'ridersim %s': refusing to "
                        "replace it; choose another -o (docs/output-formats.md lists the "
                        "default folders)", found, kind);
  case RS__FOREIGN:
    return rs__diag_add(d, RS_EIO, dir, 0, 0,
                        "holds files that are not a ridersim output (no %s); refusing to write "
                        "into it: choose another directory with -o", RS__OUTDIR_MARKER);
  default: return rs__diag_add(d, RS_EIO, dir, 0, 0, "cannot inspect: %s", strerror(errno));
  }
}

/* mkdir -p of the directory that will hold DIR. */
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

/* Is an existing directory on the way to NORM a ridersim output? Then NORM
 * would nest inside it and be wiped by its next run: PARENT gets its path. */
static int rs__inside_output(const char *norm, char *parent, size_t psize, char *kind) {
  char p[RS__OUTDIR_PATH], cwd[PATH_MAX];
  /* a relative DIR is checked from the root too: the working directory may
   * itself lie inside an output (cd out && ridersim run -o day) */
  size_t skip = 0; /* reported relative to the working directory when below it */
  if (norm[0] != '/' && getcwd(cwd, sizeof cwd)) {
    if ((size_t)snprintf(p, sizeof p, "%s/%s", cwd, norm) >= sizeof p) return 0;
    skip = strlen(cwd) + 1;
  } else {
    snprintf(p, sizeof p, "%s", norm);
  }
  for (char *c = p + 1; *c; c++) {
    if (*c != '/') continue;
    *c = 0;
    int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char id[RS__RUNID_LEN + 1];
    int found = fd >= 0 && rs__marker(fd, kind, 16, id, sizeof id) == 0;
    if (fd >= 0) close(fd);
    if (found) {
      snprintf(parent, psize, "%s", (size_t)(c - p) > skip ? p + skip : p);
      return 1;
    }
    *c = '/';
  }
  return 0;
}

/* Split DIR (trailing slashes removed into NORM) into its parent, opened as
 * *PFD, and BASE; refuse ".", "..", "/" and a DIR holding the working
 * directory, which a replacement would pull away from under the user. */
static int rs__open_parent(const char *dir, char *norm, char *base, int *pfd, rs_diag *d) {
  size_t len = strlen(dir);
  while (len > 1 && dir[len - 1] == '/') len--;
  if (len == 0 || len + RS__NAME + 16 >= RS__OUTDIR_PATH)
    return rs__diag_add(d, RS_EUSAGE, dir, 0, 0, "output directory name is empty or too long");
  snprintf(norm, RS__OUTDIR_PATH, "%.*s", (int)len, dir);
  const char *slash = strrchr(norm, '/');
  const char *b = slash ? slash + 1 : norm;
  char cwd[PATH_MAX], real[PATH_MAX];
  int holds_cwd = 0;
  if (realpath(norm, real) && getcwd(cwd, sizeof cwd)) {
    size_t rl = strlen(real);
    holds_cwd = !strcmp(real, "/") || (!strncmp(cwd, real, rl) && (cwd[rl] == 0 || cwd[rl] == '/'));
  }
  if (!*b || !strcmp(b, ".") || !strcmp(b, "..") || holds_cwd || strlen(b) >= RS__NAME - 40)
    return rs__diag_add(d, RS_EIO, norm, 0, 0,
                        "cannot be an output folder: it is '.', '..', '/', holds the working "
                        "directory, or its name is too long; ridersim replaces its output folder "
                        "as a whole: give a new folder such as out-run");
  snprintf(base, RS__NAME, "%s", b);
  char outer[RS__OUTDIR_PATH], kind[16];
  if (rs__inside_output(norm, outer, sizeof outer, kind))
    return rs__diag_add(d, RS_EIO, norm, 0, 0,
                        "is inside %s, the output of 'ridersim %s', which its next run replaces "
                        "whole: choose a folder beside it (e.g. %s-%s)",
                        outer, kind, outer, b);
  if (rs__mkdir_parents(norm) != 0)
    return rs__diag_add(d, RS_EIO, norm, 0, 0, "cannot create the directories above it: %s",
                        strerror(errno));
  char parent[RS__OUTDIR_PATH];
  if (!slash) snprintf(parent, sizeof parent, ".");
  else snprintf(parent, sizeof parent, "%.*s", (int)(slash == norm ? 1 : slash - norm), norm);
  *pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (*pfd < 0) return rs__diag_add(d, RS_EIO, parent, 0, 0, "cannot open: %s", strerror(errno));
  return RS_OK;
}

/* Is NAME a leftover of BASE: BASE.staging-ID or BASE.old-ID, ID 16 hex digits? */
static int rs__leftover_name(const char *name, const char *base, int *is_old) {
  size_t bl = strlen(base);
  if (strncmp(name, base, bl)) return 0;
  const char *r = name + bl;
  *is_old = !strncmp(r, ".old-", 5);
  if (!*is_old && strncmp(r, ".staging-", 9)) return 0;
  r += *is_old ? 5 : 9;
  if (strlen(r) != RS__RUNID_LEN) return 0;
  for (; *r; r++)
    if (!strchr("0123456789abcdef", *r)) return 0;
  return 1;
}

/* Leftovers of killed writers of DIR (we hold its lock, so their writers are
 * gone): directories, not links, of our user, named as ours and holding a
 * marker. A backup whose DIR is missing (a kill between the two renames of
 * the fallback commit) is put back; the rest is removed. */
static void rs__recover(int pfd, const char *base) {
  int fd = dup(pfd);
  DIR *dp = fd >= 0 ? fdopendir(fd) : NULL;
  if (!dp) {
    if (fd >= 0) close(fd);
    return;
  }
  struct dirent *e;
  while ((e = readdir(dp))) {
    int is_old;
    if (!rs__leftover_name(e->d_name, base, &is_old)) continue;
    struct stat st;
    if (fstatat(pfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != geteuid())
      continue;
    int sfd = openat(pfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    char kind[16], id[RS__RUNID_LEN + 1];
    int marked = sfd >= 0 && rs__marker(sfd, kind, sizeof kind, id, sizeof id) == 0;
    if (sfd >= 0) close(sfd);
    if (!marked) { /* killed before its marker was written: only if empty */
      unlinkat(pfd, e->d_name, AT_REMOVEDIR);
      continue;
    }
    if (is_old && rs__rename_noreplace(pfd, e->d_name, base) == 0) continue;
    rs__rmtree_at(pfd, e->d_name, RS__OUTDIR_MARKER);
  }
  closedir(dp);
}

/* Make BASE.staging-ID exclusively, with the marker inside. */
static int rs__make_staging(rs_outdir *o, rs_diag *d) {
  for (int attempt = 0; attempt < 8; attempt++) {
    rs__run_id(o->id);
    snprintf(o->stg, sizeof o->stg, "%s.staging-%s", o->base, o->id);
    if (mkdirat(o->pfd, o->stg, 0777) == 0) break;
    if (errno != EEXIST || attempt == 7)
      return rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot create a staging directory beside it: %s",
                          strerror(errno));
  }
  snprintf(o->staging, sizeof o->staging, "%.*s%s", (int)(strlen(o->dir) - strlen(o->base)),
           o->dir, o->stg);
  char text[128];
  snprintf(text, sizeof text, "ridersim-output 2\nkind: %s\nid: %s\n", o->kind, o->id);
  int sfd = openat(o->pfd, o->stg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  /* not synced here: the commit's syncfs makes the whole staging tree durable
   * before the rename, and a staging folder a crash leaves without its marker
   * is simply not ours (never removed) */
  int ok = sfd >= 0 && rs__write_new_at(sfd, RS__OUTDIR_MARKER, text, 0) == 0;
  int tfd = ok ? openat(sfd, RS__OUTDIR_STAGING_TAG, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                                         O_CLOEXEC, 0666) : -1;
  ok = ok && tfd >= 0;
  if (tfd >= 0) close(tfd);
  if (sfd >= 0) close(sfd);
  if (!ok) {
    rs__rmtree_at(o->pfd, o->stg, RS__OUTDIR_MARKER);
    return rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot write the marker of its staging directory");
  }
  return RS_OK;
}

static void rs__outdir_free(rs_outdir *o) {
  rs__outlock_release(&o->lk);
  if (o->pfd >= 0) close(o->pfd);
  free(o);
}

int rs_outdir_begin_kind(const char *dir, const char *kind, rs_outdir **out, rs_diag *d) {
  *out = NULL;
  rs_outdir *o = calloc(1, sizeof *o);
  if (!o) return RS_ENOMEM;
  o->pfd = -1;
  o->lk.fd = -1;
  snprintf(o->kind, sizeof o->kind, "%s", kind);
  o->d = d;
  int rc = rs__open_parent(dir, o->dir, o->base, &o->pfd, d);
  if (rc == RS_OK) rc = rs__outlock_take(&o->lk, o->pfd, o->base, NULL, o->dir, d);
  if (rc == RS_OK) {
    rs__recover(o->pfd, o->base);
    char found[16];
    rc = rs__refuse(rs__state(o->pfd, o->base, kind, found, sizeof found), o->dir, kind, found, d);
  }
  if (rc == RS_OK) rc = rs__make_staging(o, d);
  if (rc != RS_OK) {
    rs__outdir_free(o);
    return rc;
  }
  *out = o;
  return RS_OK;
}

int rs_outdir_begin(const char *dir, rs_outdir **out, rs_diag *d) {
  return rs_outdir_begin_kind(dir, "run", out, d);
}

const char *rs_outdir_path(const rs_outdir *o) { return o->staging; }

/* Is the staging directory still the one we made (its marker, our id)? */
static int rs__staging_ours(const rs_outdir *o) {
  int fd = openat(o->pfd, o->stg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  char kind[16], id[RS__RUNID_LEN + 1];
  int ok = fd >= 0 && rs__marker(fd, kind, sizeof kind, id, sizeof id) == 0 && !strcmp(id, o->id);
  if (fd >= 0) close(fd);
  return ok;
}

/* Remove the staging tag, then sync the staging tree (its file system). 0 on success. */
static int rs__staging_synced(const rs_outdir *o) {
  int sfd = openat(o->pfd, o->stg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (sfd < 0) return -1;
  int rc = unlinkat(sfd, RS__OUTDIR_STAGING_TAG, 0) != 0 && errno != ENOENT ? -1 : 0;
  close(sfd);
  return rc ? rc : rs__syncfs_at(o->pfd, o->stg);
}

/* Without RENAME_EXCHANGE: DIR to BASE.old-ID, checked there, staging to DIR. */
static int rs__swap_two_renames(rs_outdir *o, rs_diag *d) {
  char old[2 * RS__NAME], found[16];
  snprintf(old, sizeof old, "%s.old-%s", o->base, o->id);
  if (rs__rename_noreplace(o->pfd, o->base, old) != 0)
    return rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot move the previous output aside: %s",
                        strerror(errno));
  int st = rs__state(o->pfd, old, o->kind, found, sizeof found);
  if (st != RS__OURS && st != RS__EMPTY) { /* changed between the check and the rename */
    rs__rename_noreplace(o->pfd, old, o->base);
    return rs__refuse(st == RS__ABSENT ? RS__ERR : st, o->dir, o->kind, found, d);
  }
  if (rs__rename_noreplace(o->pfd, o->stg, o->base) != 0) {
    int e = errno;
    rs__rename_noreplace(o->pfd, old, o->base);
    return rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot move the new output into place: %s",
                        strerror(e));
  }
  rs__rmtree_at(o->pfd, old, RS__OUTDIR_MARKER);
  return RS_OK;
}

/* Swap the staging directory with an existing DIR, then remove the former DIR
 * (now under the staging name) once its marker is confirmed. */
static int rs__swap(rs_outdir *o, rs_diag *d) {
  if (rs__rename_exchange(o->pfd, o->stg, o->base) != 0) {
    if (errno == EINVAL || errno == ENOSYS) return rs__swap_two_renames(o, d);
    return rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot move the new output into place: %s",
                        strerror(errno));
  }
  char found[16];
  int st = rs__state(o->pfd, o->stg, o->kind, found, sizeof found);
  if (st == RS__OURS || st == RS__EMPTY) {
    rs__rmtree_at(o->pfd, o->stg, RS__OUTDIR_MARKER);
    return RS_OK;
  }
  /* Something else was put at DIR between the check and the swap: give it back. */
  rs__rename_exchange(o->pfd, o->stg, o->base);
  return rs__refuse(st == RS__ABSENT ? RS__ERR : st, o->dir, o->kind, found, d);
}

int rs_outdir_commit(rs_outdir *o, rs_diag *d) {
  int rc = RS_OK;
  if (!rs__staging_ours(o))
    rc = rs__diag_add(d, RS_EIO, o->dir, 0, 0,
                      "its staging directory %s was changed by someone else: nothing committed",
                      o->stg);
  /* The check of the start, again: DIR may have appeared or changed since. */
  /* Every file and name in the staging tree reaches the disk before it becomes
   * DIR: written without a sync each (RS__OUTDIR_STAGING_TAG), they are synced
   * here at once, the tag removed first. */
  if (rc == RS_OK && rs__staging_synced(o) != 0)
    rc = rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot sync the new output (disk full or failing?): %s",
                      strerror(errno));
  char found[16];
  int st = rc ? RS__ERR : rs__state(o->pfd, o->base, o->kind, found, sizeof found);
  if (rc == RS_OK) rc = rs__refuse(st, o->dir, o->kind, found, d);
  if (rc == RS_OK && st == RS__ABSENT && rs__rename_noreplace(o->pfd, o->stg, o->base) != 0)
    rc = rs__diag_add(d, RS_EIO, o->dir, 0, 0, "cannot move the new output into place: %s",
                      strerror(errno));
  else if (rc == RS_OK && st != RS__ABSENT)
    rc = rs__swap(o, d);
  if (rc == RS_OK && rs__fsync_dir_at(o->pfd, NULL) != 0) /* the rename itself; done */
    rs__diag_warn(d, o->dir, 0, 0, "in place, but its parent folder could not be synced: %s",
                  strerror(errno));
  if (rc != RS_OK) {
    rs_outdir_abort(o);
    return rc;
  }
  rs__outdir_free(o);
  return RS_OK;
}

void rs_outdir_abort(rs_outdir *o) {
  if (!o) return;
  if (rs__staging_ours(o)) rs__rmtree_at(o->pfd, o->stg, RS__OUTDIR_MARKER);
  rs__diag_rename_path(o->d, o->staging, o->dir);
  rs__outdir_free(o);
}

/* Make BASE (absent or empty) an output of KIND: the folder, then its marker,
 * each exclusively; a writer of another part doing the same at the same
 * moment is fine as long as the marker it wrote has our kind. */
static int rs__claim_create(int pfd, const char *base, const char *norm, const char *kind,
                            rs_diag *d) {
  if (mkdirat(pfd, base, 0777) != 0 && errno != EEXIST)
    return rs__diag_add(d, RS_EIO, norm, 0, 0, "cannot create: %s", strerror(errno));
  char text[128], id[RS__RUNID_LEN + 1], found[16];
  rs__run_id(id);
  snprintf(text, sizeof text, "ridersim-output 2\nkind: %s\nid: %s\n", kind, id);
  int fd = openat(pfd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  int ok = fd >= 0 && rs__write_new_at(fd, RS__OUTDIR_MARKER, text, 1) == 0;
  int raced = !ok && fd >= 0 && errno == EEXIST;
  if (fd >= 0) close(fd);
  if (raced) ok = rs__state(pfd, base, kind, found, sizeof found) == RS__OURS;
  return ok ? RS_OK : rs__diag_add(d, RS_EIO, norm, 0, 0, "cannot write its marker %s",
                                   RS__OUTDIR_MARKER);
}

int rs__outdir_claim(const char *dir, const char *kind, const char *part, int create,
                     rs__outclaim *c, rs_diag *d) {
  char norm[RS__OUTDIR_PATH], base[RS__NAME], found[16];
  c->pfd = -1;
  c->lk.fd = -1;
  c->base[0] = 0;
  int rc = rs__open_parent(dir, norm, base, &c->pfd, d);
  if (rc == RS_OK) rc = rs__outlock_take(&c->lk, c->pfd, base, part, norm, d);
  int st = rc ? RS__ERR : rs__state(c->pfd, base, kind, found, sizeof found);
  if (rc == RS_OK && !create && (st == RS__ABSENT || st == RS__EMPTY))
    rc = rs__diag_add(d, RS_EIO, norm, 0, 0, "holds no ridersim output");
  if (rc == RS_OK) rc = rs__refuse(st, norm, kind, found, d);
  if (rc == RS_OK && st != RS__OURS) rc = rs__claim_create(c->pfd, base, norm, kind, d);
  if (rc == RS_OK) snprintf(c->base, sizeof c->base, "%s", base);
  if (rc != RS_OK) rs__outdir_unclaim(c);
  return rc;
}

void rs__outdir_unclaim(rs__outclaim *c) {
  if (c->pfd >= 0 && c->base[0]) rs__syncfs_at(c->pfd, c->base); /* charts renamed into it */
  rs__outlock_release(&c->lk);
  if (c->pfd >= 0) close(c->pfd);
  c->pfd = -1;
}
