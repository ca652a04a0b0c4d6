/* The one file reader: a whole file into memory, NUL-terminated, with a size
 * limit checked as it is read (a huge or endless file is refused, not read). */
#ifndef RS__BASE_FILEIO_H
#define RS__BASE_FILEIO_H
#include <stddef.h>

/* Read PATH (at most MAX bytes) into *BUF (malloc'd, NUL-terminated; *LEN bytes).
 * Returns RS_OK; RS_EIO when it cannot be opened (*OPENED 0) or read (*OPENED 1),
 * with strerror's text in WHY; RS_ELIMIT with "file is larger than N MiB" in WHY;
 * RS_ENOMEM. OPENED may be NULL. */
int rs__file_read(const char *path, size_t max, char **buf, size_t *len, char *why,
                  size_t whysize, int *opened);
#endif
