/* RFC 4180 CSV writing (see csvout.h). */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

/* The unsigned decimal digits of V into OUT (SIZE bytes, NUL added): their
 * count, or -1 when they do not fit. */
static int rs__utoa(char *out, size_t size, uint64_t v, int mindigits) {
  char t[24];
  int n = 0;
  do {
    t[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v || n < mindigits);
  if ((size_t)n >= size) return -1;
  for (int i = 0; i < n; i++) out[i] = t[n - 1 - i];
  out[n] = 0;
  return n;
}

/* "%.<PREC>f" of V as printf writes it (round to nearest: the exact binary
 * value rounded to PREC decimals, ties to even; a '-' for any negative value,
 * -0 included), by integer arithmetic: glibc's printf_fp works in multiple
 * precision and was most of writing a run's tables (issue 17). -2 when V is
 * not finite, too large (the scaled value past 2^64) or too small (below
 * 2^-60): printf writes it. -1 when OUT is too small. */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 rs__u128; /* GCC and Clang on 64-bit targets */
static int rs__fixed(char *out, size_t size, double v, int prec) {
  static const uint64_t p10[10] = {1,      10,      100,      1000,      10000,
                                   100000, 1000000, 10000000, 100000000, 1000000000};
  if (!isfinite(v) || prec < 0 || prec > 9) return -2;
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits); /* IEEE 754 binary64: |v| = m * 2^-sh exactly */
  int ex = (int)(bits >> 52 & 0x7FF);
  uint64_t m = bits & 0xFFFFFFFFFFFFFULL;
  if (ex) m |= 1ULL << 52;
  int sh = 1075 - (ex ? ex : 1);
  if (m && (sh > 113 || sh < 0)) return -2;
  rs__u128 num = (rs__u128)m * p10[prec], q = num;
  if (m && sh > 0) {
    q = num >> sh;
    rs__u128 r = num - (q << sh), half = (rs__u128)1 << (sh - 1);
    if (r > half || (r == half && (q & 1))) q++;
  }
  if (q >> 63) return -2;
  uint64_t q64 = (uint64_t)q; /* the divisions below in 64 bits */
  size_t n = 0;
  if (signbit(v)) {
    if (size < 2) return -1;
    out[n++] = '-';
  }
  int k = rs__utoa(out + n, size - n, q64 / p10[prec], 1);
  if (k < 0) return -1;
  n += (size_t)k;
  if (prec > 0) {
    if (n + 1 >= size) return -1;
    out[n++] = '.';
    k = rs__utoa(out + n, size - n, q64 % p10[prec], prec);
    if (k < 0) return -1;
    n += (size_t)k;
  }
  return (int)n;
}
#else
static int rs__fixed(char *out, size_t size, double v, int prec) {
  (void)out, (void)size, (void)v, (void)prec;
  return -2; /* no 128-bit integers: printf writes every number */
}
#endif

/* The conversions most tables are made of, without printf: %s, %d and %.Nf.
 * -2 when SPEC is another one. */
static int rs__conv_fast(const char *spec, va_list *ap, char *out, size_t size) {
  if (spec[1] == 's' && !spec[2]) {
    const char *s = va_arg(*ap, const char *);
    size_t n = strlen(s);
    if (n >= size) return -1;
    memcpy(out, s, n + 1);
    return (int)n;
  }
  if (spec[1] == 'd' && !spec[2]) {
    int v = va_arg(*ap, int);
    if (v >= 0) return rs__utoa(out, size, (uint64_t)v, 1);
    if (size < 2) return -1;
    out[0] = '-';
    int k = rs__utoa(out + 1, size - 1, (uint64_t)(-(int64_t)v), 1);
    return k < 0 ? -1 : k + 1;
  }
  if (spec[1] == '.' && spec[2] >= '0' && spec[2] <= '9' && spec[3] == 'f' && !spec[4]) {
    va_list cp;
    va_copy(cp, *ap);
    int n = rs__fixed(out, size, va_arg(cp, double), spec[2] - '0');
    va_end(cp);
    if (n != -2) (void)va_arg(*ap, double);
    return n;
  }
  return -2;
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
  while (((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == ' ' || *p == '#' ||
          *p == '.') &&
         k < 20)
    spec[k++] = *p++;
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
  int n = rs__conv_fast(spec, ap, out, size);
  if (n != -2) return n;
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

/* The bytes of one rs__csv_printf, written with one fwrite (fputs and fputc
 * per field took the stream's lock each time: issue 17). */
typedef struct rs__csvbuf {
  FILE *f;
  size_t n;
  char b[8192];
} rs__csvbuf;

static void rs__cb_flush(rs__csvbuf *o) {
  if (o->n) fwrite(o->b, 1, o->n, o->f);
  o->n = 0;
}

static void rs__cb_char(rs__csvbuf *o, char c) {
  if (o->n == sizeof o->b) rs__cb_flush(o);
  o->b[o->n++] = c;
}

/* Field S as rs__csv_field writes it. */
static void rs__cb_field(rs__csvbuf *o, const char *s) {
  size_t n = strlen(s), i = 0;
  while (i < n && s[i] != ',' && s[i] != '"' && s[i] != '\r' && s[i] != '\n') i++;
  if (i == n && o->n + n <= sizeof o->b) {
    memcpy(o->b + o->n, s, n);
    o->n += n;
    return;
  }
  int quote = i < n;
  if (quote) rs__cb_char(o, '"');
  for (i = 0; i < n; i++) {
    if (s[i] == '"') rs__cb_char(o, '"');
    rs__cb_char(o, s[i]);
  }
  if (quote) rs__cb_char(o, '"');
}

int rs__csv_printf(FILE *f, const char *fmt, ...) {
  char field[RS__CSVOUT_FIELD];
  rs__csvbuf o;
  o.f = f;
  o.n = 0;
  size_t n = 0;
  int rc = 0;
  va_list ap;
  va_start(ap, fmt);
  for (const char *p = fmt; *p && rc == 0;) {
    if (*p == ',' || *p == '\n') {
      field[n] = 0;
      rs__cb_field(&o, field);
      rs__cb_char(&o, *p++);
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
  if (rc == 0) rs__cb_field(&o, field);
  rs__cb_flush(&o);
  if (rc != 0) fputs("#ERROR", f); /* a programming error: the file fails its tests */
  return rc;
}
