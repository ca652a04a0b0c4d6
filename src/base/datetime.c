/* Civil-date arithmetic (Howard Hinnant's days_from_civil algorithm) and
 * time-of-day parsing. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/datetime.h"

int32_t rs__days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
  const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  return (int32_t)(era * 146097 + (int)doe - 719468);
}

void rs__civil_from_days(int32_t z, int *y, int *m, int *d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)yoe + era * 400 + (*m <= 2);
}

int rs__weekday(int32_t days) {
  /* 1970-01-01 was a Thursday (3). */
  int w = (int)((days % 7 + 7 + 3) % 7);
  return w;
}

static int rs__digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i])) return 0;
  return 1;
}

int rs__date_parse(const char *s, int32_t *out) {
  if (strlen(s) != 10 || !rs__digits(s, 4) || s[4] != '-' || !rs__digits(s + 5, 2) ||
      s[7] != '-' || !rs__digits(s + 8, 2))
    return -1;
  int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return -1;
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[m - 1] + (m == 2 && leap)) return -1;
  *out = rs__days_from_civil(y, m, d);
  return 0;
}

void rs__date_format(int32_t days, char *buf) {
  int y, m, d;
  rs__civil_from_days(days, &y, &m, &d);
  /* Clamped so the text always fits 10 characters. */
  y = y < 0 ? 0 : y > 9999 ? 9999 : y;
  m = m < 1 ? 1 : m > 12 ? 12 : m;
  d = d < 1 ? 1 : d > 31 ? 31 : d;
  snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

int rs__time_parse(const char *s, double *out) {
  if (!*s) return -1;
  if (strchr(s, ':')) {
    /* HH:MM or HH:MM:SS[.fff], each field two digits except HH may be one. */
    const char *p = s;
    int hlen = 0;
    while (isdigit((unsigned char)p[hlen])) hlen++;
    if (hlen < 1 || hlen > 2 || p[hlen] != ':') return -1;
    int h = atoi(p);
    p += hlen + 1;
    if (!rs__digits(p, 2)) return -1;
    int mi = atoi(p);
    p += 2;
    double sec = 0;
    if (*p == ':') {
      p++;
      if (!rs__digits(p, 2)) return -1;
      sec = atoi(p);
      p += 2;
      if (*p == '.') {
        p++;
        double scale = 0.1;
        if (!isdigit((unsigned char)*p)) return -1;
        while (isdigit((unsigned char)*p)) {
          sec += (*p - '0') * scale;
          scale /= 10;
          p++;
        }
      }
    }
    if (*p) return -1;
    if (h >= RS__DAY_MAX_H || mi > 59 || sec >= 60) return -2;
    *out = h * 3600.0 + mi * 60.0 + sec;
    return 0;
  }
  /* Plain decimal seconds only: strtod would also take hex, inf and nan. */
  for (const char *c = s; *c; c++)
    if (!isdigit((unsigned char)*c) && *c != '.' && *c != 'e' && *c != 'E' && *c != '+' &&
        *c != '-')
      return -1;
  char *end;
  double v = strtod(s, &end);
  if (*end || end == s || isspace((unsigned char)*s)) return -1;
  if (!isfinite(v) || v < 0 || v >= RS__DAY_MAX_S) return -2;
  *out = v;
  return 0;
}

void rs__time_format(double s, char *buf, unsigned size) {
  if (!isfinite(s) || s < 0) s = 0;
  long t = (long)floor(s);
  snprintf(buf, size, "%02ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
}

int rs__time_parse_service(const char *s, double *out) {
  int rc = rs__time_parse(s, out);
  if (rc != -2 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != ':')
    return rc;
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  if (h < 24 || h > 47) return rc;
  char early[32];
  snprintf(early, sizeof early, "%02d%s", h - 24, s + 2);
  rc = rs__time_parse(early, out);
  if (rc == 0) *out += 86400.0;
  return rc;
}
