/* Dates (days since 1970-01-01, proleptic Gregorian) and times of day
 * (seconds after midnight). Pure functions, no locale, no time zone. */
#ifndef RS__DATETIME_H
#define RS__DATETIME_H
#include <stdint.h>

/* Days since 1970-01-01 of Y-M-D; no range check. */
int32_t rs__days_from_civil(int y, int m, int d);
void rs__civil_from_days(int32_t z, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int rs__weekday(int32_t days);

/* Parse "YYYY-MM-DD" (years 1900-2199, a real calendar date). 0 on success. */
int rs__date_parse(const char *s, int32_t *out);
/* Write "YYYY-MM-DD" into buf (at least 11 bytes). */
void rs__date_format(int32_t days, char *buf);

/* The latest time of a service day: a service day runs past midnight into the
 * next calendar day, as GTFS writes it (24:10:00 is ten past midnight of the
 * service day that began the day before). 48 h covers any real timetable. */
#define RS__DAY_MAX_H 48
#define RS__DAY_MAX_S (RS__DAY_MAX_H * 3600.0)

/* Parse a time of the service day: "HH:MM" or "HH:MM:SS[.fff]" with HH 0-47
 * (24 and later: past midnight), or a plain number of seconds (decimals
 * allowed) in [0, RS__DAY_MAX_S). 0 on success, -1 when malformed, -2 when
 * well formed but out of range. */
int rs__time_parse(const char *s, double *out);
/* The same for times of a service day in CSV files: hours 0-47, so 24:10:00 is
 * ten past midnight after the day began (GTFS writes trains past midnight so). */
int rs__time_parse_service(const char *s, double *out);
/* Write "HH:MM:SS" (rounded down to the second; hours may exceed 23). */
void rs__time_format(double s, char *buf, unsigned size);
#endif
