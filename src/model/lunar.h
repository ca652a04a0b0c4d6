/* Astronomical events for calendars that follow the sun and the moon: the
 * instants of new moons and of solar longitudes (solar terms, 节气), and the
 * Chinese lunisolar calendar built from them (the rules of GB/T 33661-2017:
 * a month begins on the local day of a new moon; the month holding the
 * winter solstice is month 11; in a year of 13 months from one month 11 to
 * the next, the first month without a principal term (中气) is the leap month).
 *
 * Accuracy: new moons from Meeus, Astronomical Algorithms (2nd ed.), ch. 49
 * (every periodic and planetary term, within about a minute); solar longitude
 * from ch. 25 (apparent longitude, within 0.01 degree, about 15 minutes of
 * time); TT - UT from the Espenak-Meeus polynomial for 2005-2050. A date is
 * wrong only when its event lies within those margins of local midnight:
 * rs__lunar_margin() says how close the nearest one came, so a test can
 * prove the dates it relies on are safe.
 *
 * Dates are days since 1970-01-01 (datetime.h); TZ_MINUTES is the civil
 * time's offset from UTC (480 for China, 540 for Korea). Years 1901-2099. */
#ifndef RS__LUNAR_H
#define RS__LUNAR_H
#include <stdint.h>

#define RS__LUNAR_YEAR_MIN 1901
#define RS__LUNAR_YEAR_MAX 2099

/* Julian Ephemeris Day (TT) of the new moon of lunation K (K = 0 is the new
 * moon of 2000-01-06, Meeus' numbering). */
double rs__new_moon_jde(int k);
/* The sun's apparent geocentric longitude in degrees [0, 360) at JDE (TT). */
double rs__sun_longitude(double jde);
/* TT - UT in days at JDE (the Espenak-Meeus polynomial for 2005-2050, used
 * as is a little outside). */
double rs__delta_t_days(double jde);

/* Local date of the moment in Gregorian YEAR at which the sun's apparent
 * longitude reaches LON_DEG (a multiple of 15 names a solar term: 15 =
 * Qingming, 90 = summer solstice, 270 = winter solstice). The event searched
 * is the first at or after YEAR-01-01 00:00 local time. RS_EINVAL outside
 * the supported years or for LON_DEG outside [0, 360). */
int rs__solar_term_date(int year, double lon_deg, int tz_minutes, int32_t *out);

/* Local date of day DAY (1-30) of month MONTH (1-12, never a leap month) of
 * the lunisolar year whose new year's day lies in Gregorian YEAR. RS_EINVAL
 * outside the supported years, for impossible month/day numbers, and for day
 * 30 of a month of 29 days. */
int rs__lunar_date(int year, int month, int day, int tz_minutes, int32_t *out);

/* rs__lunar_date of (MONTH[i], DAY[i]), i < N, all in lunar year YEAR: OUT[i]
 * when RC[i] is RS_OK. The year's months are computed once for all N (each
 * rs__lunar_date computes them again: most of projecting a calendar). */
void rs__lunar_dates(int year, const int *month, const int *day, int n, int tz_minutes,
                     int32_t *out, int *rc);

/* How much error the lunar dates of Gregorian YEAR (and its Qingming) could
 * bear: the smallest distance, in minutes, between local midnight and any new
 * moon they depend on (*MOON_MIN), and any solar term that could move a date
 * by moving a day (*SUN_MIN: Qingming, and the principal terms within a day of
 * a month boundary, which could move a leap month). */
void rs__lunar_margin(int year, int tz_minutes, double *moon_min, double *sun_min);

#endif
