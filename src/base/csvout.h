/* The one CSV writer of ridersim (RFC 4180): a field holding a comma, a quote,
 * CR or LF is quoted and its quotes doubled; any other field is written as is.
 * Every CSV file ridersim writes goes through rs__csv_printf, so a station
 * named `Baotai, "Old" Town` or a trip id with a newline stays one field. */
#ifndef RS__CSVOUT_H
#define RS__CSVOUT_H
#include <stdio.h>

/* Write S as one field. */
void rs__csv_field(FILE *f, const char *s);
/* Write S as one field, quoted whatever it holds. */
void rs__csv_quoted(FILE *f, const char *s);
/* printf into CSV: the literal commas and newlines of FMT separate fields; the
 * text of each field (its conversions expanded) is written by rs__csv_field.
 * Conversions: d i u x c (with h, l, ll, z), f g e (with precision), s, %%.
 * Returns 0, or -1 on an unsupported conversion or a field over 4 KiB. */
int rs__csv_printf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
#endif
