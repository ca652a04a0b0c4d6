/* libzip on demand (see zipload.h). The library is the one ridersim was built
 * against: its soname comes from the build (RS__LIBZIP_SONAME). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "input/zipload.h"

#ifndef RS__LIBZIP_SONAME
#define RS__LIBZIP_SONAME "libzip.so.4"
#endif

/* dlsym's object pointer as a function pointer (POSIX guarantees the round trip). */
#define RS__ZSYM(field, name)                                   \
  do {                                                          \
    void *p_ = dlsym(z->lib, name);                             \
    if (!p_) missing = name;                                    \
    memcpy(&z->field, &p_, sizeof p_);                          \
  } while (0)

int rs__zipapi_load(rs__zipapi *z, char *why, size_t whysize) {
  memset(z, 0, sizeof *z);
  z->lib = dlopen(RS__LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!z->lib) {
    snprintf(why, whysize, "cannot load %s, needed to read .zip feeds (Debian package libzip4; "
             "an unzipped folder works without it): %s", RS__LIBZIP_SONAME, dlerror());
    return -1;
  }
  const char *missing = NULL;
  RS__ZSYM(open, "zip_open");
  RS__ZSYM(error_init_with_code, "zip_error_init_with_code");
  RS__ZSYM(error_strerror, "zip_error_strerror");
  RS__ZSYM(error_fini, "zip_error_fini");
  RS__ZSYM(discard, "zip_discard");
  RS__ZSYM(name_locate, "zip_name_locate");
  RS__ZSYM(stat_index, "zip_stat_index");
  RS__ZSYM(fopen_index, "zip_fopen_index");
  RS__ZSYM(strerror, "zip_strerror");
  RS__ZSYM(fread, "zip_fread");
  RS__ZSYM(fclose, "zip_fclose");
  if (missing) {
    snprintf(why, whysize, "%s has no function %s (libzip 1.x expected)", RS__LIBZIP_SONAME,
             missing);
    rs__zipapi_unload(z);
    return -1;
  }
  return 0;
}

void rs__zipapi_unload(rs__zipapi *z) {
  if (z->lib) dlclose(z->lib);
  memset(z, 0, sizeof *z);
}
