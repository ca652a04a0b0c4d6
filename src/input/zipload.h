/* libzip, loaded when a GTFS .zip is opened rather than at every start: it
 * and the libraries it pulls in (libcrypto among them) were a fifth of the
 * start-up of every command (docs/design-notes.md, "libzip on demand"). */
#ifndef RS__ZIPLOAD_H
#define RS__ZIPLOAD_H
#include <stddef.h>
#include <zip.h>

/* The libzip functions gtfs_feed.c calls, resolved from the shared library. */
typedef struct rs__zipapi {
  void *lib;
  zip_t *(*open)(const char *, int, int *);
  void (*error_init_with_code)(zip_error_t *, int);
  const char *(*error_strerror)(zip_error_t *);
  void (*error_fini)(zip_error_t *);
  void (*discard)(zip_t *);
  zip_int64_t (*name_locate)(zip_t *, const char *, zip_flags_t);
  int (*stat_index)(zip_t *, zip_uint64_t, zip_flags_t, zip_stat_t *);
  zip_file_t *(*fopen_index)(zip_t *, zip_uint64_t, zip_flags_t);
  const char *(*strerror)(zip_t *);
  zip_int64_t (*fread)(zip_file_t *, void *, zip_uint64_t);
  int (*fclose)(zip_file_t *);
} rs__zipapi;

/* Load libzip into Z: 0, or -1 with WHY (what is missing, and the package). */
int rs__zipapi_load(rs__zipapi *z, char *why, size_t whysize);
void rs__zipapi_unload(rs__zipapi *z);
#endif
