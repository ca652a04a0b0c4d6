/* libzip on demand (src/input/zipload.c): where the library cannot be loaded,
 * the reader says which library, which Debian package, and the way around it
 * (an unzipped folder), and holds nothing. Built here against a soname that
 * does not exist; the real one is exercised by every .zip feed test. */
#define RS__LIBZIP_SONAME "libzip-not-here.so.99"
#include "../src/input/zipload.c"
#include "check.h"

int main(void) {
  rs__zipapi z;
  char why[512];
  memset(&z, 0xAB, sizeof z);
  CHECK(rs__zipapi_load(&z, why, sizeof why) == -1);
  CHECK(z.lib == NULL && z.open == NULL);
  CHECK(strstr(why, "cannot load libzip-not-here.so.99") != NULL);
  CHECK(strstr(why, "Debian package libzip4") != NULL);
  CHECK(strstr(why, "an unzipped folder works without it") != NULL);
  rs__zipapi_unload(&z); /* harmless on what a failed load left */
  CHECK(z.lib == NULL);
  return check_done();
}
