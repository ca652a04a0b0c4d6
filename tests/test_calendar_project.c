/* Projected calendars: the rules of scenarios/calendars/china.yaml, applied
 * to years that are published, must give the published notices (ranges and
 * make-up days as shared/data/ziyang-line.md lists them, typed in here by
 * hand); the built-in calendar projects 2027-2035 and marks those days; a
 * user calendar with a six-week school holiday season and another country's
 * rules (nth weekday, weekend substitutes) load. */
#include <stdlib.h>
#include <string.h>
#include "model/calendar.h"
#include "input/calendar_bind.h"
#include "model/calendar_project.h"
#include "check.h"
#include "base/datetime.h"
#include "base/diag.h"

static int32_t D(const char *s) {
  int32_t v = 0;
  if (rs__date_parse(s, &v) != 0) check_fail++;
  return v;
}

static void dump(const rs_diag *d) {
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "  %s\n", rs_diag_message(d, i));
}

static int load_text(rs__calendar *cal, const char *buf) {
  rs_diag *d = rs_diag_alloc();
  int st = rs__calendar_load_buffer(cal, "user.yaml", buf, strlen(buf), d);
  if (st) dump(d);
  rs_diag_free(d);
  return st;
}

/* china.yaml's projection section alone, projecting from FROM. */
static char *china_rules_from(int from) {
  FILE *f = fopen(RS_SRC_DIR "/scenarios/calendars/china.yaml", "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16;
  char *buf = malloc(cap), *out = malloc(cap + 128);
  size_t n = buf ? fread(buf, 1, cap - 1, f) : 0;
  fclose(f);
  const char *p = NULL;
  if (buf) buf[n] = 0, p = strstr(buf, "\nprojection:\n");
  if (p && out)
    snprintf(out, cap + 128, "ridersim_calendar: 1\nprojection:\n  from: %d\n%s", from,
             p + strlen("\nprojection:\n"));
  free(buf);
  if (!p) {
    free(out);
    return NULL;
  }
  return out;
}

/* Holiday of CAL covering DATE: its range and make-up days against WANT. */
static void check_holiday(const rs__calendar *cal, const char *from, const char *to,
                          const char *mk1, const char *mk2) {
  rs__dayinfo di;
  rs__calendar_daytype(cal, D(from), &di);
  const rs__holiday *h = rs__calendar_holiday(cal, di.holiday);
  int ok = h && h->from == D(from) && h->to == D(to);
  /* make-up days: exactly the listed ones within 3 weeks of the break */
  int nmk = 0, want_mk = (mk1 != NULL) + (mk2 != NULL);
  for (int32_t x = D(from) - 21; h && x <= D(to) + 21; x++) {
    rs__dayinfo m;
    rs__calendar_daytype(cal, x, &m);
    if (m.makeup_for != di.holiday) continue;
    nmk++;
    if (!((mk1 && x == D(mk1)) || (mk2 && x == D(mk2)))) ok = 0;
  }
  if (nmk != want_mk) ok = 0;
  if (ok) {
    check_pass++;
  } else {
    check_fail++;
    char a[11] = "-", b[11] = "-";
    if (h) rs__date_format(h->from, a), rs__date_format(h->to, b);
    fprintf(stderr, "  want %s..%s [%s %s], got %s..%s (%d make-up days)\n", from, to,
            mk1 ? mk1 : "", mk2 ? mk2 : "", a, b, nmk);
  }
}

/* The State Council notices for 2025 and 2026 (and National Day 2024),
 * reproduced by the rules alone. */
static void test_rules_reproduce_notices(void) {
  char *txt = china_rules_from(2024);
  CHECK(txt != NULL);
  if (!txt) return;
  rs__calendar *cal = rs__calendar_alloc();
  CHECK(load_text(cal, txt) == RS_OK);
  free(txt);
  check_holiday(cal, "2024-10-01", "2024-10-07", "2024-09-29", "2024-10-12");
  check_holiday(cal, "2025-01-01", "2025-01-01", NULL, NULL);
  check_holiday(cal, "2025-01-28", "2025-02-04", "2025-01-26", "2025-02-08");
  check_holiday(cal, "2025-04-04", "2025-04-06", NULL, NULL);
  check_holiday(cal, "2025-05-01", "2025-05-05", "2025-04-27", NULL);
  check_holiday(cal, "2025-05-31", "2025-06-02", NULL, NULL);
  check_holiday(cal, "2025-10-01", "2025-10-08", "2025-09-28", "2025-10-11");
  check_holiday(cal, "2026-01-01", "2026-01-03", "2026-01-04", NULL);
  check_holiday(cal, "2026-02-15", "2026-02-23", "2026-02-14", "2026-02-28");
  check_holiday(cal, "2026-04-04", "2026-04-06", NULL, NULL);
  check_holiday(cal, "2026-05-01", "2026-05-05", "2026-05-09", NULL);
  check_holiday(cal, "2026-06-19", "2026-06-21", NULL, NULL);
  check_holiday(cal, "2026-09-25", "2026-09-27", NULL, NULL);
  check_holiday(cal, "2026-10-01", "2026-10-07", "2026-09-20", "2026-10-10");
  /* Every holiday the rules give for 2025-2026 is one of those 13. */
  int n = 0;
  for (int i = 0; i < rs__calendar_nholidays(cal); i++) {
    const rs__holiday *h = rs__calendar_holiday(cal, i);
    n += h->from >= D("2025-01-01") && h->from <= D("2026-12-31");
  }
  CHECK(n == 13);
  /* 春运 from the rule: the 2025 and 2026 seasons listed in china.yaml. */
  rs__dayinfo di;
  rs__calendar_daytype(cal, D("2025-01-14"), &di);
  CHECK(di.season >= 0 && di.season_day == 0);
  rs__calendar_daytype(cal, D("2026-03-13"), &di);
  CHECK(di.season >= 0 && di.season_day == 39);
  rs__calendar_free(cal);
}

/* The built-in calendar: published to 2026, projected 2027-2035. */
static void test_builtin_projection(void) {
  rs__calendar *cal = rs__calendar_alloc();
  rs_diag *d = rs_diag_alloc();
  CHECK(rs__calendar_load(cal, "(builtin)/calendars/china.yaml", d) == RS_OK);
  rs_diag_free(d);
  int first, last;
  rs__calendar_projected_years(cal, &first, &last);
  CHECK(first == 2027 && last == 2035);
  rs__dayinfo di;
  rs__calendar_daytype(cal, D("2027-02-08"), &di); /* the 3rd day of the Year of the Goat */
  CHECK(di.type == RS__DAY_HOLIDAY && di.projected);
  CHECK(strcmp(rs__calendar_holiday(cal, di.holiday)->name, "Spring Festival 2027") == 0);
  CHECK(rs__calendar_holiday(cal, di.holiday)->projected);
  rs__calendar_daytype(cal, D("2026-02-16"), &di);
  CHECK(di.type == RS__DAY_HOLIDAY && !di.projected);
  /* Lunar new year's eve starts each projected Spring Festival. */
  static const char *const eve[] = {"2027-02-05", "2028-01-25", "2029-02-12", "2030-02-02",
                                    "2031-01-22", "2032-02-10", "2033-01-30", "2034-02-18",
                                    "2035-02-07"};
  for (int i = 0; i < 9; i++) {
    rs__calendar_daytype(cal, D(eve[i]), &di);
    CHECK(di.type == RS__DAY_HOLIDAY && di.projected);
  }
  /* Each projected year has its 7 festivals as 6 or 7 breaks (Mid-Autumn
   * joins National Day in 2028, 2031). */
  for (int y = 2027; y <= 2035; y++) {
    int n = 0;
    for (int i = 0; i < rs__calendar_nholidays(cal); i++) {
      int yy, m, dd;
      rs__civil_from_days(rs__calendar_holiday(cal, i)->to, &yy, &m, &dd);
      n += yy == y;
    }
    CHECK(n == ((y == 2028 || y == 2031) ? 6 : 7));
  }
  rs__calendar_daytype(cal, D("2036-02-01"), &di);
  CHECK(!di.projected && di.holiday < 0);
  /* A user file publishing 2028 alone: 2028 becomes data, 2027 and 2029 stay
   * projected (no gap), and the 2028 projection is gone. */
  CHECK(load_text(cal, "ridersim_calendar: 1\nholidays:\n"
                       "  - {name: Spring Festival 2028, from: 2028-01-26, to: 2028-02-02}\n") ==
        RS_OK);
  rs__calendar_daytype(cal, D("2028-01-26"), &di);
  CHECK(di.type == RS__DAY_HOLIDAY && !di.projected);
  CHECK(strcmp(rs__calendar_holiday(cal, di.holiday)->name, "Spring Festival 2028") == 0);
  rs__calendar_daytype(cal, D("2028-05-01"), &di); /* Labour Day 2028 is not published */
  CHECK(di.holiday < 0 && !di.projected);
  rs__calendar_daytype(cal, D("2027-02-08"), &di);
  CHECK(di.type == RS__DAY_HOLIDAY && di.projected);
  rs__calendar_daytype(cal, D("2029-02-13"), &di);
  CHECK(di.type == RS__DAY_HOLIDAY && di.projected);
  rs__calendar_free(cal);
}

/* Seasons are data: a six-week summer school holiday in a user calendar. */
static void test_school_holidays(void) {
  rs__calendar *cal = rs__calendar_alloc();
  CHECK(load_text(cal, "ridersim_calendar: 1\n"
                       "seasons:\n"
                       "  - {name: Summer 2025, season: school_holidays, from: 2025-07-05, "
                       "to: 2025-08-16}\n") == RS_OK);
  rs__dayinfo di;
  rs__calendar_daytype(cal, D("2025-07-07"), &di);
  CHECK(di.type == RS__DAY_WORKDAY && di.season_kind && !strcmp(di.season_kind, "school_holidays"));
  rs__calendar_daytype(cal, D("2025-08-16"), &di);
  CHECK(di.type == RS__DAY_WEEKEND && di.season_day == 42);
  rs__calendar_daytype(cal, D("2025-08-17"), &di);
  CHECK(di.season < 0 && di.season_kind == NULL);
  rs__calendar_free(cal);
}

/* Another country's rules: England's bank holidays of 2027-2028 as published
 * (gov.uk): New Year substitute Mon 2028-01-03; early May Mon 2027-05-03,
 * spring Mon 2027-05-31 (last Monday), Christmas on a Saturday 2027 moved to
 * Mon 12-27 and Boxing Day (Sunday) to Tue 12-28. */
static void test_other_country(void) {
  rs__calendar *cal = rs__calendar_alloc();
  const char *txt =
      "ridersim_calendar: 1\n"
      "projection:\n"
      "  from: 2027\n"
      "  until: 2028\n"
      "  utc_offset_hours: 0\n"
      "  patterns:\n"
      "    substitute:\n"
      "      {mon: {from: 0, to: 0}, tue: {from: 0, to: 0}, wed: {from: 0, to: 0},\n"
      "       thu: {from: 0, to: 0}, fri: {from: 0, to: 0}, sat: {from: 2, to: 2},\n"
      "       sun: {from: 1, to: 1}}\n"
      "    substitute_second:\n"
      "      {mon: {from: 0, to: 0}, tue: {from: 0, to: 0}, wed: {from: 0, to: 0},\n"
      "       thu: {from: 0, to: 0}, fri: {from: 0, to: 0}, sat: {from: 2, to: 2},\n"
      "       sun: {from: 2, to: 2}}\n"
      "  holidays:\n"
      "    - {name: New Year, date: 01-01, pattern: substitute}\n"
      "    - {name: Early May, month: 5, weekday: mon, nth: 1}\n"
      "    - {name: Spring, month: 5, weekday: mon, nth: -1}\n"
      "    - {name: Christmas, date: 12-25, pattern: substitute}\n"
      "    - {name: Boxing Day, date: 12-26, pattern: substitute_second}\n"
      "    - {name: Leap Day, date: 02-29}\n"; /* 2028 only: 2027 has none */
  CHECK(load_text(cal, txt) == RS_OK);
  static const char *const off[] = {"2028-01-03", "2027-05-03", "2027-05-31", "2027-12-27",
                                    "2027-12-28", "2028-05-01", "2028-05-29", "2028-02-29"};
  for (int i = 0; i < 8; i++) {
    rs__dayinfo di;
    rs__calendar_daytype(cal, D(off[i]), &di);
    if (di.type == RS__DAY_HOLIDAY) {
      check_pass++;
    } else {
      check_fail++;
      fprintf(stderr, "  %s is not a holiday\n", off[i]);
    }
  }
  rs__dayinfo m1;
  rs__calendar_daytype(cal, D("2027-03-01"), &m1); /* no Leap Day in 2027: nothing moved */
  CHECK(m1.type == RS__DAY_WORKDAY);
  rs__calendar_free(cal);
}

/* Weekend days are data: a Friday-Saturday weekend (as in Saudi Arabia). */
static void test_weekend_days(void) {
  rs__calendar *cal = rs__calendar_alloc();
  CHECK(load_text(cal, "ridersim_calendar: 1\n"
                       "weekend: [fri, sat]\n"
                       "holidays:\n"
                       "  - {name: Founding Day 2025, from: 2025-02-23, makeup: [2025-03-01]}\n") ==
        RS_OK);
  rs__dayinfo di;
  rs__calendar_daytype(cal, D("2025-02-21"), &di); /* a Friday */
  CHECK(di.type == RS__DAY_WEEKEND && di.weekend && !di.working);
  rs__calendar_daytype(cal, D("2025-02-16"), &di); /* a Sunday: a working day there */
  CHECK(di.type == RS__DAY_WORKDAY && !di.weekend && di.working);
  rs__calendar_daytype(cal, D("2025-03-01"), &di); /* a Saturday worked */
  CHECK(di.type == RS__DAY_MAKEUP);
  rs__calendar_daytype(cal, D("2025-02-22"), &di); /* Saturday before a Sunday holiday */
  CHECK(di.type == RS__DAY_WEEKEND);
  rs__calendar_daytype(cal, D("2025-02-20"), &di); /* Thursday: eve of the 3-day break */
  CHECK(di.type == RS__DAY_HOLIDAY_EVE && di.break_len == 3);
  rs_diag *d = rs_diag_alloc();
  const char *bad = "ridersim_calendar: 1\n"
                    "holidays:\n"
                    "  - {name: X, from: 2025-05-01, makeup: [2025-05-04]}\n";
  CHECK(rs__calendar_load_buffer(cal, "user.yaml", bad, strlen(bad), d) == RS_EINVAL);
  CHECK(rs_diag_count(d) == 1 &&
        strstr(rs_diag_message(d, 0), "make-up workday 2025-05-04 of 'X' is a weekday; make-up "
                                      "workdays are weekend days"));
  rs_diag_free(d);
  rs__calendar_free(cal);
}

static void test_rule_errors(void) {
  rs__calendar *cal = rs__calendar_alloc();
  rs_diag *d = rs_diag_alloc();
  const char *txt = "ridersim_calendar: 1\n"
                    "projection:\n"
                    "  until: 2030\n"
                    "  holidays:\n"
                    "    - {name: A, date: 13-01}\n"
                    "    - {name: B, lunar: 01-01, pattern: nope}\n"
                    "    - {name: C}\n";
  CHECK(rs__calendar_load_buffer(cal, "user.yaml", txt, strlen(txt), d) == RS_EINVAL);
  const char *want[] = {
      "user.yaml:5:23: date must be a month and day MM-DD (e.g. 10-01), not '13-01'",
      "user.yaml:6:40: unknown pattern 'nope' (define it under projection.patterns)",
      "user.yaml:7:7: holiday rule 'C' needs exactly one of date, lunar, solar_term or "
      "weekday (with month and nth)",
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    int found = 0;
    for (size_t k = 0; k < rs_diag_count(d); k++) found |= !strcmp(rs_diag_message(d, k), want[i]);
    CHECK(found);
    if (!found) fprintf(stderr, "  missing: %s\n", want[i]);
  }
  if (check_fail) dump(d);
  CHECK(rs__calendar_nholidays(cal) == 0);
  rs_diag_free(d);
  rs__calendar_free(cal);
}

int main(void) {
  test_rules_reproduce_notices();
  test_builtin_projection();
  test_school_holidays();
  test_other_country();
  test_weekend_days();
  test_rule_errors();
  return check_done();
}
