/* Lookup in the table of embedded scenario files. */
#include <string.h>
#include "input/embedded.h"

const rs__embedded *rs__embedded_find(const char *path) {
  size_t plen = strlen(RS__EMBED_PREFIX);
  if (strncmp(path, RS__EMBED_PREFIX, plen) == 0) path += plen;
  for (const rs__embedded *e = rs__embedded_files; e->path; e++)
    if (strcmp(e->path, path) == 0) return e;
  return NULL;
}
