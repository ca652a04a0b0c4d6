/* Calendar: day types of the built-in China calendar against the State Council
 * schedule worked out by hand, precedence, merging, and every loader error. */
#include <string.h>
#include "input/calendar_bind.h"
#include "check.h"
#include "base/datetime.h"
#include "base/diag.h"

static int32_t D(const char *s) {
  int32_t v = 0;
  if (rs__date_parse(s, &v) != 0) {
    fprintf(stderr, "bad test date %s\n", s);
    check_fail++;
  }
  return v;
}

static rs__dayinfo day(const rs__calendar *cal, const char *s) {
  rs__dayinfo di;
  int st = rs__calendar_daytype(cal, D(s), &di);
  CHECK(st == RS_OK);
  return di;
}

/* The day type name of date S. */
static const char *type_of(const rs__calendar *cal, const char *s) {
  return rs__daytype_name(day(cal, s).type);
}

static const char *holiday_name(const rs__calendar *cal, int i) {
  const rs__holiday *h = rs__calendar_holiday(cal, i);
  return h ? h->name : "(none)";
}

/* Some message of D contains NEEDLE. */
static int diag_has(const rs_diag *d, const char *needle) {
  for (size_t i = 0; i < rs_diag_count(d); i++)
    if (strstr(rs_diag_message(d, i), needle)) return 1;
  return 0;
}

static void dump(const rs_diag *d) {
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "  %s\n", rs_diag_message(d, i));
}

/* Load BUF named "user.yaml" into CAL; returns the status, messages in a fresh diag. */
static int load_text(rs__calendar *cal, const char *buf, rs_diag **d) {
  *d = rs_diag_alloc();
  return rs__calendar_load_buffer(cal, "user.yaml", buf, strlen(buf), *d);
}

static void test_names(void) {
  for (int t = 0; t < RS__NDAYTYPES; t++) {
    rs__daytype back;
    CHECK(rs__daytype_parse(rs__daytype_name((rs__daytype)t), &back) == RS_OK);
    CHECK((int)back == t);
  }
  rs__daytype x;
  CHECK(rs__daytype_parse("holiday", &x) == RS_OK && x == RS__DAY_HOLIDAY);
  /* A season, not a day type (weekends in the season stay weekends). */
  CHECK(rs__daytype_parse("spring_festival", &x) == RS_EINVAL);
  CHECK(rs__daytype_parse("Holiday", &x) == RS_EINVAL);
  CHECK(strcmp(rs__daytype_name((rs__daytype)99), "?") == 0);
}

/* A calendar built in C: no YAML involved. */
static void test_c_built(void) {
  rs__calendar *cal = rs__calendar_alloc();
  rs_diag *d = rs_diag_alloc();
  CHECK(cal != NULL);
  /* Empty calendar: only weekdays matter. 2025-03-03 is a Monday. */
  CHECK(strcmp(type_of(cal, "2025-03-03"), "workday") == 0);
  CHECK(strcmp(type_of(cal, "2025-03-08"), "weekend") == 0);
  CHECK(rs__calendar_span(cal, NULL, NULL) == RS_EINVAL);

  /* A Monday holiday makes a 3-day break Sat-Mon: the Friday before is its eve. */
  int32_t mk[1] = {D("2025-03-15")}; /* Saturday after */
  CHECK(rs__calendar_add_holiday(cal, "Test Monday", "", D("2025-03-10"), D("2025-03-10"), mk, 1,
                                 "c", 1, 1, d) == RS_OK);
  rs__dayinfo fri = day(cal, "2025-03-07");
  CHECK(fri.type == RS__DAY_HOLIDAY_EVE);
  CHECK(fri.eve_of == 0 && fri.break_len == 3);
  rs__dayinfo sat = day(cal, "2025-03-08");
  CHECK(sat.type == RS__DAY_WEEKEND && sat.weekend && !sat.working && sat.eve_of == -1);
  rs__dayinfo mon = day(cal, "2025-03-10");
  CHECK(mon.type == RS__DAY_HOLIDAY && mon.holiday == 0 && mon.holiday_day == 0 &&
        mon.holiday_len == 1 && mon.weekday == 0 && !mon.working);
  rs__dayinfo mkd = day(cal, "2025-03-15");
  CHECK(mkd.type == RS__DAY_MAKEUP && mkd.weekend && mkd.working && mkd.makeup_for == 0);
  /* The Friday before a make-up Saturday is not an eve: the next day is worked. */
  CHECK(strcmp(type_of(cal, "2025-03-14"), "workday") == 0);

  /* With eve_min_days 4 the 3-day break no longer makes an eve. */
  CHECK(rs__calendar_set_eve_min_days(cal, 4) == RS_OK);
  CHECK(strcmp(type_of(cal, "2025-03-07"), "workday") == 0);
  CHECK(rs__calendar_set_eve_min_days(cal, 0) == RS_EINVAL);
  CHECK(rs__calendar_set_eve_min_days(cal, 3) == RS_OK);

  /* Insert an earlier holiday: indices shift, the make-up day follows its holiday. */
  CHECK(rs__calendar_add_holiday(cal, "Earlier", "早", D("2025-02-03"), D("2025-02-04"), NULL, 0,
                                 "c", 2, 1, d) == RS_OK);
  CHECK(rs__calendar_nholidays(cal) == 2);
  CHECK(strcmp(holiday_name(cal, 0), "Earlier") == 0);
  CHECK(day(cal, "2025-03-15").makeup_for == 1);
  CHECK(day(cal, "2025-03-10").holiday == 1);
  /* Mon-Tue holiday: break Sat-Tue, 4 days; the eve is Friday 2025-01-31. */
  rs__dayinfo e2 = day(cal, "2025-01-31");
  CHECK(e2.type == RS__DAY_HOLIDAY_EVE && e2.eve_of == 0 && e2.break_len == 4);
  CHECK(day(cal, "2025-02-04").holiday_day == 1);

  /* Travel season: a fact beside the day type, which it leaves alone: its
   * weekdays stay workdays, its weekends weekends. */
  CHECK(rs__calendar_add_season(cal, D("2025-01-30"), D("2025-03-20"), "c", 3, 1, d) == RS_OK);
  rs__dayinfo s0 = day(cal, "2025-01-30");
  CHECK(s0.type == RS__DAY_WORKDAY && s0.season == 0 && s0.season_day == 0);
  CHECK(strcmp(rs__calendar_season(cal, 0)->kind, "spring_festival") == 0);
  CHECK(strcmp(type_of(cal, "2025-02-08"), "weekend") == 0); /* a Saturday */
  CHECK(day(cal, "2025-02-08").weekend && day(cal, "2025-02-08").season == 0);
  CHECK(strcmp(type_of(cal, "2025-01-31"), "holiday_eve") == 0);
  CHECK(strcmp(type_of(cal, "2025-02-03"), "holiday") == 0);
  CHECK(strcmp(type_of(cal, "2025-03-15"), "makeup") == 0);
  CHECK(day(cal, "2025-03-20").season_day == 49);
  CHECK(day(cal, "2025-03-21").season == -1);
  CHECK(strcmp(type_of(cal, "2025-03-21"), "workday") == 0);

  int32_t lo, hi;
  CHECK(rs__calendar_span(cal, &lo, &hi) == RS_OK);
  CHECK(lo == D("2025-01-30") && hi == D("2025-03-20"));

  /* Errors leave the calendar unchanged. */
  size_t n0 = rs_diag_count(d);
  CHECK(n0 == 0);
  CHECK(rs__calendar_add_holiday(cal, "Overlap", "", D("2025-02-04"), D("2025-02-05"), NULL, 0,
                                 "c", 4, 7, d) == RS_EINVAL);
  CHECK(diag_has(d, "c:4:7: holiday 'Overlap' (2025-02-04 to 2025-02-05) overlaps holiday "
                    "'Earlier' (2025-02-03 to 2025-02-04) defined at c:2:1"));
  int32_t wk[1] = {D("2025-04-02")}; /* a Wednesday */
  CHECK(rs__calendar_add_holiday(cal, "Weekday makeup", "", D("2025-04-07"), D("2025-04-07"), wk,
                                 1, "c", 5, 1, d) == RS_EINVAL);
  CHECK(diag_has(d, "make-up workday 2025-04-02 of 'Weekday makeup' is a weekday"));
  int32_t onhol[1] = {D("2025-03-08")}; /* Saturday, not a holiday: fine; 03-10 is a holiday */
  onhol[0] = D("2025-02-08");
  CHECK(rs__calendar_add_holiday(cal, "Covers", "", D("2025-03-14"), D("2025-03-16"), onhol, 1,
                                 "c", 6, 1, d) == RS_EINVAL);
  CHECK(diag_has(d, "holiday 'Covers' covers 2025-03-15, a make-up workday defined at c:1:1"));
  int32_t onh2[1] = {D("2025-02-03")};
  CHECK(rs__calendar_add_holiday(cal, "MkOnHol", "", D("2025-05-05"), D("2025-05-05"), onh2, 1,
                                 "c", 7, 1, d) == RS_EINVAL);
  CHECK(diag_has(d, "make-up workday 2025-02-03 falls on holiday 'Earlier'"));
  CHECK(rs__calendar_add_holiday(cal, "Backwards", "", D("2025-06-02"), D("2025-06-01"), NULL, 0,
                                 "c", 8, 1, d) == RS_EINVAL);
  CHECK(diag_has(d, "holiday 'Backwards' ends (2025-06-01) before it starts (2025-06-02)"));
  CHECK(rs__calendar_add_holiday(cal, "Long", "", D("2025-06-01"), D("2025-07-15"), NULL, 0, "c",
                                 9, 1, d) == RS_ELIMIT);
  CHECK(rs__calendar_add_holiday(cal, "", "", D("2025-06-01"), D("2025-06-01"), NULL, 0, "c", 10,
                                 1, d) == RS_EINVAL);
  CHECK(rs__calendar_add_season(cal, D("2025-03-01"), D("2025-04-01"), "c", 11, 1, d) == RS_EINVAL);
  CHECK(diag_has(d, "season 2025-03-01 to 2025-04-01 overlaps the season"));
  CHECK(rs__calendar_add_season(cal, D("2025-05-02"), D("2025-05-01"), "c", 12, 1, d) == RS_EINVAL);
  CHECK(rs__calendar_nholidays(cal) == 2 && rs__calendar_nseasons(cal) == 1);
  CHECK(rs__calendar_daytype(NULL, 0, &s0) == RS_EINVAL);

  /* The same holiday again is consistent: accepted once, its new make-up day added. */
  int32_t mk2[1] = {D("2025-02-08")};
  CHECK(rs__calendar_add_holiday(cal, "Earlier again", "", D("2025-02-03"), D("2025-02-04"), mk2,
                                 1, "c", 13, 1, d) == RS_OK);
  CHECK(rs__calendar_nholidays(cal) == 2);
  CHECK(day(cal, "2025-02-08").type == RS__DAY_MAKEUP && day(cal, "2025-02-08").makeup_for == 0);
  CHECK(rs__calendar_add_season(cal, D("2025-01-30"), D("2025-03-20"), "c", 14, 1, d) == RS_OK);
  CHECK(rs__calendar_nseasons(cal) == 1);
  rs_diag_free(d);
  rs__calendar_free(cal);
}

/* Expected types of the built-in calendar, worked out by hand from the State
 * Council notices and the weekdays (2024-09-29 Sun, 2025-01-01 Wed, 2026-01-01 Thu). */
static int npublished(const rs__calendar *cal) {
  int n = 0;
  for (int i = 0; i < rs__calendar_nholidays(cal); i++) n += !rs__calendar_holiday(cal, i)->projected;
  return n;
}

static int npublished_seasons(const rs__calendar *cal) {
  int n = 0;
  for (int i = 0; i < rs__calendar_nseasons(cal); i++) n += !rs__calendar_season(cal, i)->projected;
  return n;
}

static void check_china(const rs__calendar *cal) {
  CHECK(npublished(cal) == 14);
  CHECK(npublished_seasons(cal) == 2);
  struct { const char *date, *type; } want[] = {
      {"2024-09-28", "weekend"},         {"2024-09-29", "makeup"},
      {"2024-09-30", "holiday_eve"},     {"2024-10-01", "holiday"},
      {"2024-10-07", "holiday"},         {"2024-10-08", "workday"},
      {"2024-10-12", "makeup"},          {"2024-10-13", "weekend"},
      {"2024-12-31", "workday"},         /* New Year 2025 is one day: no eve */
      {"2025-01-01", "holiday"},         {"2025-01-13", "workday"},
      {"2025-01-14", "workday"},         {"2025-01-18", "weekend"},
      {"2025-01-26", "makeup"},          {"2025-01-27", "holiday_eve"},
      {"2025-02-04", "holiday"},         {"2025-02-05", "workday"},
      {"2025-02-08", "makeup"},          {"2025-02-22", "weekend"},
      {"2025-02-23", "weekend"},         {"2025-04-03", "holiday_eve"},
      {"2025-04-06", "holiday"},         {"2025-04-27", "makeup"},
      {"2025-04-30", "holiday_eve"},     {"2025-05-30", "holiday_eve"},
      {"2025-06-02", "holiday"},         {"2025-09-28", "makeup"},
      {"2025-09-29", "workday"},         {"2025-09-30", "holiday_eve"},
      {"2025-10-08", "holiday"},         {"2025-10-11", "makeup"},
      {"2025-12-31", "holiday_eve"},     {"2026-01-03", "holiday"},
      {"2026-01-04", "makeup"},          {"2026-02-01", "weekend"},
      {"2026-02-02", "workday"},         {"2026-02-13", "workday"},
      {"2026-02-14", "holiday_eve"},     /* a make-up Saturday and the eve */
      {"2026-02-23", "holiday"},         {"2026-02-28", "makeup"},
      {"2026-03-13", "workday"}, {"2026-03-14", "weekend"},
      {"2026-04-03", "holiday_eve"},     {"2026-05-09", "makeup"},
      {"2026-06-18", "holiday_eve"},     {"2026-09-20", "makeup"},
      {"2026-09-24", "holiday_eve"},     {"2026-09-30", "holiday_eve"},
      {"2026-10-10", "makeup"},          {"2026-10-11", "weekend"},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const char *got = type_of(cal, want[i].date);
    if (strcmp(got, want[i].type) != 0) {
      fprintf(stderr, "  %s: got %s, want %s\n", want[i].date, got, want[i].type);
      check_fail++;
    } else check_pass++;
  }
  /* Flags. */
  rs__dayinfo nd = day(cal, "2024-10-01");
  CHECK(nd.holiday_day == 0 && nd.holiday_len == 7);
  CHECK(strcmp(holiday_name(cal, nd.holiday), "National Day 2024") == 0);
  CHECK(strcmp(rs__calendar_holiday(cal, nd.holiday)->zh, "国庆节") == 0);
  CHECK(day(cal, "2024-10-07").holiday_day == 6);
  rs__dayinfo eve = day(cal, "2024-09-30");
  CHECK(eve.eve_of == nd.holiday && eve.break_len == 7 && eve.working);
  CHECK(day(cal, "2024-09-29").makeup_for == nd.holiday);
  rs__dayinfo sf = day(cal, "2026-02-14");
  CHECK(sf.weekend && sf.working && sf.break_len == 9 && sf.season >= 0);
  CHECK(strcmp(holiday_name(cal, sf.makeup_for), "Spring Festival 2026") == 0);
  CHECK(sf.eve_of == sf.makeup_for);
  CHECK(day(cal, "2025-01-27").break_len == 8);
  CHECK(day(cal, "2025-09-30").break_len == 8);
  CHECK(day(cal, "2025-12-31").break_len == 3);
  CHECK(day(cal, "2025-02-22").season_day == 39); /* 40-day season */
  CHECK(day(cal, "2026-03-13").season_day == 39);
  CHECK(!day(cal, "2026-12-31").projected && day(cal, "2027-01-01").projected);

  /* 2025 by day type, by hand: holidays 1+8+3+5+3+8 = 28 days; make-up days 5;
   * eves Jan 27, Apr 3, Apr 30, May 30, Sep 30, Dec 31 = 6; weekend days 104
   * less 10 in holidays and 5 make-up = 89; the rest 365-28-5-6-89 = 237. The
   * season's 40 days less 8 holiday, 2 make-up and 1 eve: 29 (7 weekend). */
  int count[RS__NDAYTYPES] = {0}, working = 0;
  int in_season = 0, season_weekend = 0;
  for (int32_t t = D("2025-01-01"); t <= D("2025-12-31"); t++) {
    rs__dayinfo di;
    rs__calendar_daytype(cal, t, &di);
    count[di.type]++;
    working += di.working;
    int plain = di.type == RS__DAY_WORKDAY || di.type == RS__DAY_WEEKEND;
    in_season += di.season >= 0 && plain;
    season_weekend += di.season >= 0 && di.type == RS__DAY_WEEKEND;
  }
  CHECK(in_season == 29 && season_weekend == 7);
  CHECK(count[RS__DAY_HOLIDAY] == 28);
  CHECK(count[RS__DAY_MAKEUP] == 5);
  CHECK(count[RS__DAY_HOLIDAY_EVE] == 6);
  CHECK(count[RS__DAY_WEEKEND] == 89);
  CHECK(count[RS__DAY_WORKDAY] == 237);
  CHECK(working == 248); /* China's published count of working days in 2025 */

  int32_t lo, hi;
  CHECK(rs__calendar_span(cal, &lo, &hi) == RS_OK);
  CHECK(lo == D("2024-09-29") && hi >= D("2035-10-01")); /* projected to 2035 */
}

static void test_builtin(void) {
  rs__calendar *cal = rs__calendar_alloc();
  rs_diag *d = rs_diag_alloc();
  int st = rs__calendar_load(cal, "(builtin)/calendars/china.yaml", d);
  CHECK(st == RS_OK);
  if (st) dump(d);
  check_china(cal);
  rs__calendar_free(cal);
  rs_diag_free(d);

  /* The same file from disk. */
  cal = rs__calendar_alloc();
  d = rs_diag_alloc();
  st = rs__calendar_load(cal, RS_SRC_DIR "/scenarios/calendars/china.yaml", d);
  CHECK(st == RS_OK);
  if (st) dump(d);
  check_china(cal);
  /* Loading it a second time merges to the same calendar. */
  CHECK(rs__calendar_load(cal, RS_SRC_DIR "/scenarios/calendars/china.yaml", d) == RS_OK);
  CHECK(npublished(cal) == 14 && npublished_seasons(cal) == 2);
  CHECK(rs_diag_count(d) == 0);
  rs__calendar_free(cal);
  rs_diag_free(d);

  d = rs_diag_alloc();
  cal = rs__calendar_alloc();
  CHECK(rs__calendar_load(cal, "(builtin)/calendars/nowhere.yaml", d) == RS_EIO);
  CHECK(rs__calendar_load(cal, "/nonexistent/dir/cal.yaml", d) == RS_EIO);
  rs__calendar_free(cal);
  rs_diag_free(d);
}

static void test_merge(void) {
  rs__calendar *cal = rs__calendar_alloc();
  rs_diag *d = rs_diag_alloc();
  CHECK(rs__calendar_load(cal, "(builtin)/calendars/china.yaml", d) == RS_OK);
  rs_diag_free(d);

  /* A user file extends it: a 2027 holiday, a repeated 2024 holiday (same
   * dates: accepted once), a local festival, and a longer break threshold. */
  const char *ext =
      "ridersim_calendar: 1\n"
      "eve_min_days: 4\n"
      "holidays:\n"
      "  - {name: New Year 2027, zh: 元旦, from: 2027-01-01, to: 2027-01-03}\n"
      "  - {name: National Day 2024 again, from: 2024-10-01, to: 2024-10-07, makeup: 2024-10-12}\n"
      "  - name: Local fair\n"
      "    from: 2025-03-14\n"
      "    note: one Friday, makes a 3-day weekend\n";
  CHECK(load_text(cal, ext, &d) == RS_OK);
  if (rs_diag_count(d)) dump(d);
  rs_diag_free(d);
  CHECK(npublished(cal) == 16);
  CHECK(strcmp(type_of(cal, "2027-01-01"), "holiday") == 0);
  /* 2027 has a published holiday now: it is no longer projected. */
  CHECK(!day(cal, "2027-01-01").projected && day(cal, "2028-01-01").projected);
  CHECK(strcmp(type_of(cal, "2025-03-14"), "holiday") == 0);
  /* eve_min_days 4 now: the 3-day breaks lose their eve, the long ones keep it. */
  CHECK(strcmp(type_of(cal, "2025-03-13"), "workday") == 0);
  CHECK(strcmp(type_of(cal, "2025-04-03"), "workday") == 0);
  CHECK(strcmp(type_of(cal, "2024-09-30"), "holiday_eve") == 0);
  CHECK(strcmp(type_of(cal, "2026-12-31"), "workday") == 0);

  /* A conflicting file changes nothing and names both places. */
  const char *bad =
      "ridersim_calendar: 1\n"
      "holidays:\n"
      "  - {name: Short National Day, from: 2024-10-01, to: 2024-10-05}\n"
      "  - {name: Fine, from: 2027-05-01}\n";
  CHECK(load_text(cal, bad, &d) == RS_EINVAL);
  CHECK(diag_has(d, "user.yaml:3:5: holiday 'Short National Day' (2024-10-01 to 2024-10-05) "
                    "overlaps holiday 'National Day 2024' (2024-10-01 to 2024-10-07) defined at "
                    "(builtin)/calendars/china.yaml:23:5"));
  if (rs_diag_count(d) != 1) dump(d);
  CHECK(rs_diag_count(d) == 1);
  rs_diag_free(d);
  CHECK(npublished(cal) == 16);
  CHECK(strcmp(type_of(cal, "2027-05-01"), "weekend") == 0); /* "Fine" was not added */

  /* A make-up day of the new file on an existing holiday. */
  const char *bad2 =
      "ridersim_calendar: 1\n"
      "holidays:\n"
      "  - name: X\n"
      "    from: 2027-05-03\n"
      "    makeup:\n"
      "      - 2024-10-05\n";
  CHECK(load_text(cal, bad2, &d) == RS_EINVAL);
  CHECK(diag_has(d, "user.yaml:6:9: make-up workday 2024-10-05 falls on holiday 'National Day 2024'"));
  rs_diag_free(d);
  rs__calendar_free(cal);
}

static void test_load_errors(void) {
  rs__calendar *cal = rs__calendar_alloc();
  rs_diag *d;
  /* Every problem of a file is reported, each at its place. */
  const char *txt =
      "ridersim_calendar: 1\n"
      "colour: red\n"
      "holidays:\n"
      "  - {name: A, frm: 2025-01-01}\n"
      "  - {name: B, from: 2025-02-30}\n"
      "  - {name: C, from: 2025-03-05, to: 2025-03-01}\n"
      "  - {name: D, from: 2025-03-10, makeup: [2025-03-12]}\n"
      "  - just a string\n"
      "  - {name: E, from: 2025-04-01, to: 2025-04-03}\n"
      "  - {name: F, from: 2025-04-02}\n"
      "  - {name: [x], from: 2025-06-01}\n"
      "spring_festival_travel:\n"
      "  - {from: 2025-01-14}\n"
      "  - {from: 2025-01-14, to: 2025-02-22, extra: 1}\n";
  CHECK(load_text(cal, txt, &d) == RS_EINVAL);
  const char *want[] = {
      "user.yaml:2:1: unknown key 'colour' in calendar",
      "user.yaml:4:15: unknown key 'frm' in holiday",
      "user.yaml:4:5: holiday without 'from' date",
      "user.yaml:5:21: from: '2025-02-30' is not a date (want YYYY-MM-DD)",
      "user.yaml:6:5: holiday 'C' ends (2025-03-01) before it starts (2025-03-05)",
      "user.yaml:7:42: make-up workday 2025-03-12 of 'D' is a weekday",
      "user.yaml:8:5: a holiday must be a mapping",
      ("user.yaml:10:5: holiday 'F' (2025-04-02 to 2025-04-02) overlaps holiday 'E' (2025-04-01 "
       "to 2025-04-03) defined at user.yaml:9:5"),
      "user.yaml:11:12: holiday name must be a single value",
      "user.yaml:13:5: season needs 'from' and 'to'",
      "user.yaml:14:40: unknown key 'extra' in season",
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    int ok = diag_has(d, want[i]);
    CHECK(ok);
    if (!ok) fprintf(stderr, "  missing: %s\n", want[i]);
  }
  if (check_fail) dump(d);
  rs_diag_free(d);
  CHECK(rs__calendar_nholidays(cal) == 0 && rs__calendar_nseasons(cal) == 0);

  CHECK(load_text(cal, "holidays: []\n", &d) == RS_EINVAL);
  CHECK(diag_has(d, "'ridersim_calendar: 1' missing"));
  rs_diag_free(d);
  CHECK(load_text(cal, "ridersim_calendar: 2\n", &d) == RS_EINVAL);
  CHECK(diag_has(d, "user.yaml:1:20: unsupported calendar format version"));
  rs_diag_free(d);
  CHECK(load_text(cal, "- a\n- b\n", &d) == RS_EINVAL);
  rs_diag_free(d);
  CHECK(load_text(cal, "", &d) != RS_OK); /* empty: refused by the YAML reader */
  rs_diag_free(d);
  CHECK(load_text(cal, "ridersim_calendar: 1\nholidays: {a: 1}\n", &d) == RS_EINVAL);
  CHECK(diag_has(d, "holidays must be a list"));
  rs_diag_free(d);
  CHECK(load_text(cal, "ridersim_calendar: 1\neve_min_days: 0\n", &d) == RS_EINVAL);
  CHECK(diag_has(d, "user.yaml:2:15: eve_min_days must be a whole number"));
  rs_diag_free(d);
  CHECK(load_text(cal, "ridersim_calendar: 1\nholidays: [{name: x, from: 2025-01-01\n", &d) ==
        RS_ESYNTAX);
  rs_diag_free(d);
  /* Valid minimal files: empty lists and an empty makeup are allowed. */
  CHECK(load_text(cal, "ridersim_calendar: 1\n", &d) == RS_OK);
  rs_diag_free(d);
  CHECK(load_text(cal, "ridersim_calendar: 1\nholidays:\nspring_festival_travel: []\n", &d) ==
        RS_OK);
  rs_diag_free(d);
  CHECK(load_text(cal, "ridersim_calendar: 1\nholidays:\n  - {name: N, from: 2025-01-01, makeup: }\n",
                  &d) == RS_OK);
  CHECK(rs__calendar_nholidays(cal) == 1);
  rs_diag_free(d);
  rs__calendar_free(cal);
}

int main(void) {
  test_names();
  test_c_built();
  test_builtin();
  test_merge();
  test_load_errors();
  return check_done();
}
