/* RFC 4180 CSV writing (see csvout.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "base/csvout.h"

#define RS__CSVOUT_FIELD 4096

void rs__csv_field(FILE *f, const char *s) {
  if (!strpbrk(s, ",\"\r\n")) fputs(s, f);
  else rs__csv_quoted(f, s);
}

void rs__csv_quoted(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

/* SPEC below is one conversion copied from the caller's format, which the
 * compiler checked against its arguments (format attribute in csvout.h). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* Expand the conversion at *FMT (just after '%') into OUT; advance *FMT.
 * Returns the bytes written, -1 if unsupported. */
static int rs__conv(const char **fmt, va_list *ap, char *out, size_t size) {
  char spec[32] = "%";
  size_t k = 1;
  const char *p = *fmt;
  while (*p && strchr("-+ #0123456789.", *p) && k < 20) spec[k++] = *p++;
  int len = 0; /* 1 h, 2 l, 3 ll, 4 z */
  if (*p == 'h') len = 1, spec[k++] = *p++;
  else if (*p == 'z') len = 4, spec[k++] = *p++;
  else if (*p == 'l') {
    len = 2, spec[k++] = *p++;
    if (*p == 'l') len = 3, spec[k++] = *p++;
  }
  char c = *p++;
  spec[k++] = c;
  spec[k] = 0;
  *fmt = p;
  int n;
  switch (c) {
  case 'd': case 'i': case 'c':
    n = len == 3 ? snprintf(out, size, spec, va_arg(*ap, long long))
        : len == 2 ? snprintf(out, size, spec, va_arg(*ap, long))
        : len == 4 ? snprintf(out, size, spec, va_arg(*ap, size_t))
                   : snprintf(out, size, spec, va_arg(*ap, int));
    break;
  case 'u': case 'x':
    n = len == 3 ? snprintf(out, size, spec, va_arg(*ap, unsigned long long))
        : len == 2 ? snprintf(out, size, spec, va_arg(*ap, unsigned long))
        : len == 4 ? snprintf(out, size, spec, va_arg(*ap, size_t))
                   : snprintf(out, size, spec, va_arg(*ap, unsigned));
    break;
  case 'f': case 'g': case 'e': n = snprintf(out, size, spec, va_arg(*ap, double)); break;
  case 's': n = snprintf(out, size, spec, va_arg(*ap, const char *)); break;
  case '%': n = snprintf(out, size, "%%"); break;
  default: return -1;
  }
  return n < 0 || (size_t)n >= size ? -1 : n;
}
#pragma GCC diagnostic pop

int rs__csv_printf(FILE *f, const char *fmt, ...) {
  char field[RS__CSVOUT_FIELD];
  size_t n = 0;
  int rc = 0;
  va_list ap;
  va_start(ap, fmt);
  for (const char *p = fmt; *p && rc == 0;) {
    if (*p == ',' || *p == '\n') {
      field[n] = 0;
      rs__csv_field(f, field);
      fputc(*p++, f);
      n = 0;
    } else if (*p == '%') {
      p++;
      int k = rs__conv(&p, &ap, field + n, sizeof field - n);
      if (k < 0) rc = -1;
      else n += (size_t)k;
    } else if (n + 1 < sizeof field) {
      field[n++] = *p++;
    } else {
      rc = -1;
    }
  }
  va_end(ap);
  field[n] = 0;
  if (rc == 0) rs__csv_field(f, field);
  else fputs("#ERROR", f); /* a programming error: the file fails its tests */
  return rc;
}
