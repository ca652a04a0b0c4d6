/* Scenario files compiled into the binary (scenarios/ at build time). */
#ifndef RS__EMBEDDED_H
#define RS__EMBEDDED_H
#include <stddef.h>

typedef struct rs__embedded {
  const char *path;   /* relative to scenarios/, e.g. "ziyang/baseline.yaml" */
  const char *data;   /* NUL-terminated */
  size_t len;
} rs__embedded;

extern const rs__embedded rs__embedded_files[];

/* Prefix of paths that name an embedded file. */
#define RS__EMBED_PREFIX "(builtin)/"

/* The embedded file PATH ("(builtin)/ziyang/x.yaml" or "ziyang/x.yaml"), or NULL. */
const rs__embedded *rs__embedded_find(const char *path);
#endif
