/* New moons, solar longitudes and the Chinese lunisolar calendar (lunar.h).
 * The series are Meeus' (Astronomical Algorithms, 2nd ed., ch. 25 and 49);
 * the calendar rules are those of GB/T 33661-2017. */
#include <math.h>
#include "model/lunar.h"
#include "ridersim/ridersim.h"

#define RS__DEG (3.14159265358979323846 / 180.0)
#define RS__JD_UNIX 2440587.5      /* Julian Day of 1970-01-01 00:00 UTC */
#define RS__SYNODIC 29.530588861   /* mean synodic month, days */
#define RS__TROPICAL 365.2422      /* tropical year, days */
#define RS__SUI_MAX 14             /* months from one month 11 to the next, + 1 */

static double rs__rad(double deg) { return fmod(deg, 360.0) * RS__DEG; }

/* Meeus table 49.A, new moon: coefficient and multipliers of (M', M, F, Omega);
 * EPOW is the power of the eccentricity factor E applied to the term. */
static const struct { double c; int mp, m, f, om, epow; } rs__nm_terms[] = {
    {-0.40720, 1, 0, 0, 0, 0}, {0.17241, 0, 1, 0, 0, 1},  {0.01608, 2, 0, 0, 0, 0},
    {0.01039, 0, 0, 2, 0, 0},  {0.00739, 1, -1, 0, 0, 1}, {-0.00514, 1, 1, 0, 0, 1},
    {0.00208, 0, 2, 0, 0, 2},  {-0.00111, 1, 0, -2, 0, 0}, {-0.00057, 1, 0, 2, 0, 0},
    {0.00056, 2, 1, 0, 0, 1},  {-0.00042, 3, 0, 0, 0, 0}, {0.00042, 0, 1, 2, 0, 1},
    {0.00038, 0, 1, -2, 0, 1}, {-0.00024, 2, -1, 0, 0, 1}, {-0.00017, 0, 0, 0, 1, 0},
    {-0.00007, 1, 2, 0, 0, 0}, {0.00004, 2, 0, -2, 0, 0}, {0.00004, 0, 3, 0, 0, 0},
    {0.00003, 1, 1, -2, 0, 0}, {0.00003, 2, 0, 2, 0, 0},  {-0.00003, 1, 1, 2, 0, 0},
    {0.00003, 1, -1, 2, 0, 0}, {-0.00002, 1, -1, -2, 0, 0}, {-0.00002, 3, 1, 0, 0, 0},
    {0.00002, 4, 0, 0, 0, 0},
};

/* Meeus 49, the planetary arguments A1..A14: constant, rate per lunation, and
 * the amplitude in days (A1 also has a T^2 term, added below). */
static const double rs__nm_planets[14][3] = {
    {299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165},
    {251.83, 26.651886, 0.000164}, {349.42, 36.412478, 0.000126},
    {84.66, 18.206239, 0.000110},  {141.74, 53.303771, 0.000062},
    {207.14, 2.453732, 0.000060},  {154.84, 7.306860, 0.000056},
    {34.52, 27.261239, 0.000047},  {207.19, 0.121824, 0.000042},
    {291.34, 1.844379, 0.000040},  {161.72, 24.198154, 0.000037},
    {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
};

double rs__new_moon_jde(int k) {
  double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde = 2451550.09766 + RS__SYNODIC * k + 0.00015437 * t2 - 0.000000150 * t3 +
               0.00000000073 * t4;
  double e = 1 - 0.002516 * t - 0.0000074 * t2;
  double m = rs__rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
  double mp = rs__rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 -
                      0.000000058 * t4);
  double f = rs__rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 +
                     0.000000011 * t4);
  double om = rs__rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
  for (size_t i = 0; i < sizeof rs__nm_terms / sizeof rs__nm_terms[0]; i++) {
    double arg = rs__nm_terms[i].mp * mp + rs__nm_terms[i].m * m + rs__nm_terms[i].f * f +
                 rs__nm_terms[i].om * om;
    double ef = rs__nm_terms[i].epow == 2 ? e * e : rs__nm_terms[i].epow == 1 ? e : 1;
    jde += rs__nm_terms[i].c * ef * sin(arg);
  }
  for (int i = 0; i < 14; i++) {
    double a = rs__nm_planets[i][0] + rs__nm_planets[i][1] * k - (i == 0 ? 0.009173 * t2 : 0);
    jde += rs__nm_planets[i][2] * sin(rs__rad(a));
  }
  return jde;
}

double rs__sun_longitude(double jde) {
  double t = (jde - 2451545.0) / 36525.0;
  double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  double m = rs__rad(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
  double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) +
             (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289 * sin(3 * m);
  double om = rs__rad(125.04 - 1934.136 * t);
  double lam = fmod(l0 + c - 0.00569 - 0.00478 * sin(om), 360.0);
  return lam < 0 ? lam + 360 : lam;
}

double rs__delta_t_days(double jde) {
  double y = 2000.0 + (jde - 2451544.5) / 365.2425 - 2000.0;
  return (62.92 + 0.32217 * y + 0.005589 * y * y) / 86400.0;
}

/* The local moment of JDE as a fractional day count since 1970-01-01. */
static double rs__local(double jde, int tz_minutes) {
  return jde - rs__delta_t_days(jde) + tz_minutes / 1440.0 - RS__JD_UNIX;
}

static int32_t rs__local_day(double jde, int tz_minutes) {
  return (int32_t)floor(rs__local(jde, tz_minutes));
}

/* Minutes between the local moment of JDE and the nearest midnight. */
static double rs__midnight_gap(double jde, int tz_minutes) {
  double x = rs__local(jde, tz_minutes), frac = x - floor(x);
  return 1440.0 * (frac < 0.5 ? frac : 1 - frac);
}

/* JDE at which the sun's longitude first reaches LON at or after JDE0. */
static double rs__sun_reaches(double jde0, double lon) {
  double jde = jde0 + fmod(lon - rs__sun_longitude(jde0) + 720.0, 360.0) * RS__TROPICAL / 360;
  for (int it = 0; it < 50; it++) {
    double diff = fmod(lon - rs__sun_longitude(jde) + 540.0, 360.0) - 180.0;
    jde += diff * RS__TROPICAL / 360;
    if (fabs(diff) < 1e-7) break;
  }
  return jde;
}

static double rs__year_start_jde(int year, int tz_minutes) {
  /* 1970-01-01 is day 0; days to YEAR-01-01 by the Gregorian count. */
  int y = year - 1;
  long days = 365L * (y - 1969) + (y / 4 - 1969 / 4) - (y / 100 - 1969 / 100) +
              (y / 400 - 1969 / 400);
  return RS__JD_UNIX + days - tz_minutes / 1440.0;
}

static double rs__term_jde(int year, double lon, int tz_minutes) {
  return rs__sun_reaches(rs__year_start_jde(year, tz_minutes), lon);
}

int rs__solar_term_date(int year, double lon_deg, int tz_minutes, int32_t *out) {
  if (!out || year < RS__LUNAR_YEAR_MIN || year > RS__LUNAR_YEAR_MAX || !(lon_deg >= 0) ||
      lon_deg >= 360)
    return RS_EINVAL;
  *out = rs__local_day(rs__term_jde(year, lon_deg, tz_minutes), tz_minutes);
  return RS_OK;
}

/* Lunation number of the last new moon on or before local day DAY. */
static int rs__new_moon_before(int32_t day, int tz_minutes) {
  int k = (int)floor((day + RS__JD_UNIX - 2451550.09766) / RS__SYNODIC) + 1;
  while (rs__local_day(rs__new_moon_jde(k), tz_minutes) > day) k--;
  while (rs__local_day(rs__new_moon_jde(k + 1), tz_minutes) <= day) k++;
  return k;
}

/* The months from the month 11 holding the winter solstice of YEAR-1 to the
 * one holding that of YEAR: start[0..n] (start[n] is the later month 11),
 * their numbers and leap flags; *K0 the lunation of start[0]. */
typedef struct rs__sui {
  int32_t start[RS__SUI_MAX + 1];
  int num[RS__SUI_MAX], leap[RS__SUI_MAX];
  int n, k0;
  double terms[13];                   /* JDE of the principal terms, 270 .. 270 */
} rs__sui;

static void rs__sui_build(int year, int tz_minutes, rs__sui *s) {
  s->terms[0] = rs__term_jde(year - 1, 270, tz_minutes);
  for (int i = 1; i < 13; i++) s->terms[i] = rs__sun_reaches(s->terms[i - 1] + 20, fmod(270 + 30.0 * i, 360));
  int32_t ws0 = rs__local_day(s->terms[0], tz_minutes);
  int32_t ws1 = rs__local_day(s->terms[12], tz_minutes);
  s->k0 = rs__new_moon_before(ws0, tz_minutes);
  int k1 = rs__new_moon_before(ws1, tz_minutes);
  s->n = k1 - s->k0;
  if (s->n < 12 || s->n > 13) { /* cannot happen between two solstices; never overrun */
    s->n = 0;
    return;
  }
  for (int i = 0; i <= s->n; i++) s->start[i] = rs__local_day(rs__new_moon_jde(s->k0 + i), tz_minutes);
  int leap_at = -1;
  for (int i = 1; s->n == 13 && i < s->n && leap_at < 0; i++) {
    int has = 0;
    for (int t = 0; t < 13; t++) {
      int32_t d = rs__local_day(s->terms[t], tz_minutes);
      if (d >= s->start[i] && d < s->start[i + 1]) has = 1;
    }
    if (!has) leap_at = i;
  }
  s->num[0] = 11;
  s->leap[0] = 0;
  for (int i = 1; i < s->n; i++) {
    s->leap[i] = i == leap_at;
    s->num[i] = s->leap[i] ? s->num[i - 1] : s->num[i - 1] % 12 + 1;
  }
}

/* Day DAY of month MONTH (never a leap month) in the sui S of lunar year
 * YEAR's months 1-10 (MONTH <= 10) or of months 11-12 (the next sui). */
static int rs__lunar_in(const rs__sui *s, int month, int day, int32_t *out) {
  int seen_new_year = month > 10;
  for (int i = 0; i < s->n; i++) {
    if (s->num[i] == 1 && !s->leap[i]) seen_new_year = 1;
    if (!seen_new_year || s->leap[i] || s->num[i] != month) continue;
    if (day > s->start[i + 1] - s->start[i]) return RS_EINVAL;
    *out = s->start[i] + day - 1;
    return RS_OK;
  }
  return RS_EINVAL;
}

static int rs__lunar_args_ok(int year, int month, int day) {
  return year >= RS__LUNAR_YEAR_MIN && year <= RS__LUNAR_YEAR_MAX - 1 && month >= 1 &&
         month <= 12 && day >= 1 && day <= 30;
}

int rs__lunar_date(int year, int month, int day, int tz_minutes, int32_t *out) {
  if (!out || !rs__lunar_args_ok(year, month, day)) return RS_EINVAL;
  /* Months 1-10 of lunar year YEAR lie in the sui ending at the solstice of
   * YEAR; months 11 and 12 in the next one (its first 11 and 12). */
  rs__sui s;
  rs__sui_build(month <= 10 ? year : year + 1, tz_minutes, &s);
  return rs__lunar_in(&s, month, day, out);
}

void rs__lunar_dates(int year, const int *month, const int *day, int n, int tz_minutes,
                     int32_t *out, int *rc) {
  rs__sui s[2]; /* YEAR's sui and the next, each built once at most */
  int built[2] = {0, 0};
  for (int i = 0; i < n; i++) {
    rc[i] = RS_EINVAL;
    if (!rs__lunar_args_ok(year, month[i], day[i])) continue;
    int k = month[i] > 10;
    if (!built[k]) rs__sui_build(year + k, tz_minutes, &s[k]), built[k] = 1;
    rc[i] = rs__lunar_in(&s[k], month[i], day[i], &out[i]);
  }
}

/* A principal term decides a leap month only through the month it falls in,
 * so only one whose local date is next to a month boundary is fragile. */
static int rs__term_near_boundary(const rs__sui *s, int32_t d) {
  for (int i = 0; i <= s->n; i++)
    if (d == s->start[i] || d + 1 == s->start[i]) return 1;
  return 0;
}

void rs__lunar_margin(int year, int tz_minutes, double *moon_min, double *sun_min) {
  double mo = 1440, su = 1440;
  for (int y = year; y <= year + 1; y++) {
    if (y < RS__LUNAR_YEAR_MIN || y > RS__LUNAR_YEAR_MAX) continue;
    rs__sui s;
    rs__sui_build(y, tz_minutes, &s);
    for (int i = 0; i <= s.n; i++) {
      double g = rs__midnight_gap(rs__new_moon_jde(s.k0 + i), tz_minutes);
      if (g < mo) mo = g;
    }
    for (int t = 0; t < 13; t++) {
      if (!rs__term_near_boundary(&s, rs__local_day(s.terms[t], tz_minutes))) continue;
      double g = rs__midnight_gap(s.terms[t], tz_minutes);
      if (g < su) su = g;
    }
  }
  double g = rs__midnight_gap(rs__term_jde(year, 15, tz_minutes), tz_minutes);
  if (g < su) su = g;
  if (moon_min) *moon_min = mo;
  if (sun_min) *sun_min = su;
}
