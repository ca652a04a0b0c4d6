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

/* The digits of U into OUT, at least MIN of them (zeros in front); their count. */
static int rs__utoa(uint64_t u, int min, char *out) {
  char t[24];
  int n = 0;
  do {
    t[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u > 0 || n < min);
  for (int i = 0; i < n; i++) out[i] = t[n - 1 - i];
  return n;
}

/* "%.Nf" (0 <= N <= 9) of X as printf writes it, or -1 when unsure (then
 * snprintf does it). X * 10^N is one rounding from the exact product, so its
 * fraction is within an ulp of the true one: away from one half by more than
 * that, the rounding printf does on the exact value goes the same way; near a
 * half (a tie, rounded to even on the exact value) or for big or non-finite
 * values, snprintf decides. The common fields of a table cost a tenth of
 * what snprintf did (issue 17). */
static int rs__fixed(double x, int prec, char *out, size_t size) {
  static const double p10[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (prec < 0 || prec > 9 || !isfinite(x) || size < 40) return -1;
  double a = fabs(x), y = a * p10[prec];
  if (!(y < 0x1p52)) return -1;
  double r = floor(y), fr = y - r; /* both exact below 2^52 */
  if (fabs(fr - 0.5) <= y * 0x1p-50 + 0x1p-60) return -1;
  uint64_t u = (uint64_t)r + (fr > 0.5);
  int n = 0;
  if (signbit(x)) out[n++] = '-'; /* printf keeps the sign of -0.001 at %.2f: "-0.00" */
  uint64_t ip = u, fp = 0;
  if (prec > 0) {
    uint64_t q = (uint64_t)p10[prec];
    ip = u / q;
    fp = u % q;
  }
  n += rs__utoa(ip, 1, out + n);
  if (prec > 0) {
    out[n++] = '.';
    n += rs__utoa(fp, prec, out + n);
  }
  out[n] = 0;
  return n;
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
  /* the plain conversions of the tables, without snprintf (exact: see rs__fixed) */
  if (c == 'f' && k == 4 && spec[1] == '.' && spec[2] >= '0' && spec[2] <= '9') {
    va_list cp;
    va_copy(cp, *ap);
    n = rs__fixed(va_arg(cp, double), spec[2] - '0', out, size);
    va_end(cp);
    if (n >= 0) {
      (void)va_arg(*ap, double);
      return n;
    }
  } else if ((c == 'd' || c == 'i') && k == 2 && size >= 24) {
    int v = va_arg(*ap, int);
    n = 0;
    if (v < 0) out[n++] = '-';
    n += rs__utoa(v < 0 ? (uint64_t)(-(int64_t)v) : (uint64_t)v, 1, out + n);
    out[n] = 0;
    return n;
  } else if (c == 's' && k == 2) {
    const char *v = va_arg(*ap, const char *);
    if (!v) v = "(null)"; /* what glibc's printf writes */
    size_t sl = strlen(v);
    if (sl >= size) return -1;
    memcpy(out, v, sl + 1);
    return (int)sl;
  }
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
