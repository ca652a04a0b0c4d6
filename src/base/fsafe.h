/* File-system primitives that never follow a symbolic link and never replace
 * an existing name: what output directories are built from (outdir.c). Every
 * name is relative to a directory descriptor, so a path component swapped for
 * a link between two calls cannot redirect a deletion. */
#ifndef RS__FSAFE_H
#define RS__FSAFE_H
#include <stddef.h>

#define RS__RUNID_LEN 16 /* hex digits of a run id (64 random bits) */

/* Remove the tree NAME inside directory DIRFD: links are unlinked, never
 * followed; a directory is entered only through O_NOFOLLOW. The entry LAST of
 * NAME (NULL: none) goes after all others: a removal killed half-way leaves
 * the marker that proves the rest is ours. 0 on success. */
int rs__rmtree_at(int dirfd, const char *name, const char *last);
/* rename FROM to TO inside DIRFD, failing with EEXIST when TO exists. */
int rs__rename_noreplace(int dirfd, const char *from, const char *to);
/* Atomically swap the names A and B inside DIRFD; -1 with errno EINVAL or
 * ENOSYS where the file system cannot. */
int rs__rename_exchange(int dirfd, const char *a, const char *b);
/* Make the names inside directory NAME of DIRFD (NULL: DIRFD itself) durable:
 * a rename is on disk only once its directory is synced. 0 on success; a file
 * system that cannot sync a directory (EINVAL) counts as success. */
int rs__fsync_dir_at(int dirfd, const char *name);
/* Sync the file system holding the folder NAME of DIRFD (syncfs): every file
 * and name written in it reach the disk, with one journal commit and one cache
 * flush where a sync per file costs one each. 0 on success (errors written
 * back since the folder was opened are reported, Linux 5.8 and later). */
int rs__syncfs_at(int dirfd, const char *name);
/* A fresh run id: RS__RUNID_LEN hex digits from the kernel's random source
 * (time and pid mixed in if it is unavailable). BUF >= RS__RUNID_LEN + 1. */
void rs__run_id(char *buf);
/* Read the small regular file NAME in DIRFD (no links followed, at most
 * SIZE-1 bytes, NUL-terminated). 0 on success, -1 otherwise. */
int rs__read_small_at(int dirfd, const char *name, char *buf, size_t size);
/* Create NAME in DIRFD exclusively (O_EXCL, no links) holding TEXT, synced
 * when SYNC (else made durable by a later sync of its file system). */
int rs__write_new_at(int dirfd, const char *name, const char *text, int sync);
#include <stdio.h>
/* Open PATH for reading only if it is a regular file: a FIFO, a device or a
 * directory is refused before it is opened (a FIFO would block forever), and
 * the descriptor is checked again after opening (opened without blocking).
 * NULL with WHY set otherwise. */
FILE *rs__fopen_regular(const char *path, char *why, size_t whysize);
#endif
