/* Lunar calendar and solar terms (lunar.h) against dates published
 * independently of this code: the Spring Festival dates of 2027-2035 given in
 * shared/data/ziyang-line.md, the 2024-2026 festivals as the State Council
 * notices and almanacs date them, and a new moon and an equinox from Meeus'
 * worked examples. */
#include <string.h>
#include "check.h"
#include "base/datetime.h"
#include "model/lunar.h"
#include "ridersim/ridersim.h"

#define BJ 480 /* Beijing time, minutes east of UTC */

static int32_t D(const char *s) {
  int32_t v = 0;
  if (rs__date_parse(s, &v) != 0) check_fail++;
  return v;
}

/* ST is the status of the call that set GOT, evaluated before this call. */
static void check_date(const char *what, int st, int32_t got, const char *want) {
  char g[11] = "error";
  if (st == 0) rs__date_format(got, g);
  if (st == 0 && got == D(want)) {
    check_pass++;
  } else {
    check_fail++;
    fprintf(stderr, "  %s: got %s, want %s\n", what, g, want);
  }
}

/* Lunar new year's day (正月初一). 2024-2026 from the holiday notices (the
 * Spring Festival breaks begin on its eve), 2027-2035 from the list in
 * shared/data/ziyang-line.md; 2033-2034 straddle the leap 11th month of 2033. */
static void test_new_year(void) {
  static const char *const want[] = {"2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06",
                                     "2028-01-26", "2029-02-13", "2030-02-03", "2031-01-23",
                                     "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08"};
  for (int y = 2024; y <= 2035; y++) {
    int32_t got;
    int st;
    char what[32];
    snprintf(what, sizeof what, "new year %d", y);
    st = rs__lunar_date(y, 1, 1, BJ, &got);
    check_date(what, st, got, want[y - 2024]);
  }
}

/* Qingming, Dragon Boat (5/5), Mid-Autumn (8/15) of 2020-2026, as the
 * holiday notices and almanacs give them. */
static void test_festivals(void) {
  static const struct { int y; const char *qm, *db, *ma; } want[] = {
      /* 2020-2023 from the holiday notices of those years (Mid-Autumn 2020 on
       * National Day itself, 2023's on Sep 29 joining it) */
      {2020, "2020-04-04", "2020-06-25", "2020-10-01"},
      {2021, "2021-04-04", "2021-06-14", "2021-09-21"},
      {2022, "2022-04-05", "2022-06-03", "2022-09-10"},
      {2023, "2023-04-05", "2023-06-22", "2023-09-29"},
      {2024, "2024-04-04", "2024-06-10", "2024-09-17"},
      {2025, "2025-04-04", "2025-05-31", "2025-10-06"},
      {2026, "2026-04-05", "2026-06-19", "2026-09-25"},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    int32_t got;
    int st;
    char what[48];
    snprintf(what, sizeof what, "Qingming %d", want[i].y);
    st = rs__solar_term_date(want[i].y, 15, BJ, &got);
    check_date(what, st, got, want[i].qm);
    snprintf(what, sizeof what, "Dragon Boat %d", want[i].y);
    st = rs__lunar_date(want[i].y, 5, 5, BJ, &got);
    check_date(what, st, got, want[i].db);
    snprintf(what, sizeof what, "Mid-Autumn %d", want[i].y);
    st = rs__lunar_date(want[i].y, 8, 15, BJ, &got);
    check_date(what, st, got, want[i].ma);
  }
  /* Lunar month 12 of the year that began 2025-01-29 ends on the eve of
   * 2026-02-17: day 29 is 2026-02-16, and that month has no day 30. */
  int32_t got;
  int st;
  st = rs__lunar_date(2025, 12, 29, BJ, &got);
    check_date("12/29 of 2025", st, got, "2026-02-16");
  CHECK(rs__lunar_date(2025, 12, 30, BJ, &got) == RS_EINVAL);
}

/* Meeus, Astronomical Algorithms, example 49.a: the new moon of 1977 Feb
 * (k = -283) at JDE 2443192.65118; example 27.a: the June solstice of 1962
 * at JDE 2437837.39245 (the sun's longitude 90 degrees then, to 0.01). */
static void test_meeus(void) {
  CHECK_NEAR(rs__new_moon_jde(-283), 2443192.65118, 0.0005);
  double lam = rs__sun_longitude(2437837.39245);
  CHECK_NEAR(lam, 90.0, 0.01);
  /* TT - UT near 2025: about 69 s (IERS); the polynomial is within 10 s. */
  CHECK_NEAR(rs__delta_t_days(2460676.5) * 86400, 69.2, 10);
}

/* The dates above are only as good as their distance from midnight: new
 * moons are good to well under a minute, the solar longitude to 0.01 degree
 * (about 15 minutes). Every year projected must keep those margins. */
static void test_margins(void) {
  for (int y = 2024; y <= 2035; y++) {
    double moon, sun;
    rs__lunar_margin(y, BJ, &moon, &sun);
    if (moon < 2 || sun < 20) {
      fprintf(stderr, "  %d: margins %.1f min (moon), %.1f min (sun)\n", y, moon, sun);
      check_fail++;
    } else {
      check_pass++;
    }
  }
}

static void test_limits(void) {
  int32_t got;
  int st;
  CHECK(rs__lunar_date(1800, 1, 1, BJ, &got) == RS_EINVAL);
  CHECK(rs__lunar_date(2025, 13, 1, BJ, &got) == RS_EINVAL);
  CHECK(rs__lunar_date(2025, 1, 31, BJ, &got) == RS_EINVAL);
  CHECK(rs__solar_term_date(2025, 360, BJ, &got) == RS_EINVAL);
  CHECK(rs__solar_term_date(2025, -1, BJ, &got) == RS_EINVAL);
  /* Korea keeps the same calendar at UTC+9: Seollal 2025 is 2025-01-29 too. */
  st = rs__lunar_date(2025, 1, 1, 540, &got);
    check_date("Seollal 2025", st, got, "2025-01-29");
}

/* Several dates of one lunar year at once (calendar projection) are, date by
 * date, what rs__lunar_date gives: months before and after 10 (two sui),
 * day 30 of short months, leap years, the ends of the supported range. */
static void test_dates_batch(void) {
  const int years[] = {RS__LUNAR_YEAR_MIN, 1984, 2023, 2025, 2033, RS__LUNAR_YEAR_MAX - 1,
                       RS__LUNAR_YEAR_MAX, 1900};
  const int mon[] = {1, 5, 8, 11, 12, 12, 6, 0, 13, 2};
  const int day[] = {1, 5, 15, 1, 29, 30, 30, 1, 1, 0};
  enum { N = sizeof mon / sizeof mon[0] };
  int bad = 0;
  for (size_t y = 0; y < sizeof years / sizeof years[0]; y++) {
    int32_t out[N];
    int rc[N];
    rs__lunar_dates(years[y], mon, day, N, BJ, out, rc);
    for (int i = 0; i < N; i++) {
      int32_t one = 0;
      int r1 = rs__lunar_date(years[y], mon[i], day[i], BJ, &one);
      bad += r1 != rc[i] || (r1 == RS_OK && one != out[i]);
    }
  }
  CHECK(bad == 0);
  /* the 2025 festivals worked out by hand from the almanac (test_festivals):
   * spring festival 2025-01-29, dragon boat 2025-05-31, mid-autumn 2025-10-06 */
  int32_t out[3];
  int rc[3];
  rs__lunar_dates(2025, mon, day, 3, BJ, out, rc);
  check_date("batch 1/1", rc[0], out[0], "2025-01-29");
  check_date("batch 5/5", rc[1], out[1], "2025-05-31");
  check_date("batch 8/15", rc[2], out[2], "2025-10-06");
}

int main(void) {
  test_dates_batch();
  test_new_year();
  test_festivals();
  test_meeus();
  test_margins();
  test_limits();
  return check_done();
}
