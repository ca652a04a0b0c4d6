/* Projection of a calendar beyond its published years: holiday rules as data
 * (which holiday falls when, how many statutory days, how long the break and
 * how it is bridged), applied year by year to add "projected" holidays,
 * make-up workdays and seasons to an rs__calendar. The rules are read from
 * the `projection:` section of a calendar file by input/calendar_bind.c
 * (docs/demand-model.md, "Projected years"); the astronomy is lunar.h's.
 *
 * A holiday rule's anchor is one of
 *   date: MM-DD              a Gregorian date
 *   lunar: MM-DD             a date of the Chinese lunisolar calendar
 *   solar_term: DEG          the day the sun reaches DEG of longitude
 *   month/weekday/nth        the NTH WEEKDAY of MONTH (nth -1 = the last)
 * Its statutory days are DAYS days from the anchor + OFFSET. How they become
 * a break:
 *   pattern: NAME   a table by the weekday of the (single) statutory day:
 *                   first and last day off and make-up days, as day offsets
 *   break: N        N consecutive days off holding every statutory day,
 *                   placed to borrow the fewest weekdays (ties: the latest
 *                   start), or from the first statutory day when
 *                   break_from: first_day; the weekdays it borrows (less the
 *                   statutory days on a weekend or sharing a date) are repaid
 *                   on the nearest weekend before or after the break that
 *                   has a free day not next to the break, each time the day
 *                   leaving the shortest run of work (ties: the nearer, then
 *                   the earlier)
 *   neither         the statutory days alone
 * A rule with `joins: OTHER` merges into OTHER's break (with join_break
 * days) when its anchor lies within join_from..join_to days of OTHER's.
 * Season rules place a named season from..to days around a holiday rule's
 * anchor (春运 around the lunar new year). */
#ifndef RS__CALENDAR_PROJECT_H
#define RS__CALENDAR_PROJECT_H

#include <stdint.h>
#include "model/calendar.h"
#include "ridersim/ridersim.h"

#define RS__RULES_MAX 32           /* holiday or season rules per calendar */
#define RS__RULE_MAX_MAKEUP 4      /* make-up days of one pattern entry */
#define RS__RULE_MAX_BREAK 15      /* longest break a rule may ask for */

typedef enum { RS__ANCHOR_DATE, RS__ANCHOR_LUNAR, RS__ANCHOR_TERM, RS__ANCHOR_NTH } rs__anchor;

typedef struct rs__break_day {   /* one weekday's entry of a pattern */
  int from, to;                  /* days off, offsets from the statutory day */
  int makeup[RS__RULE_MAX_MAKEUP];
  int nmakeup;
} rs__break_day;

typedef struct rs__break_pattern {
  char name[RS__CAL_NAME_MAX];
  rs__break_day wd[7];           /* 0 = Monday ... 6 = Sunday */
} rs__break_pattern;

typedef struct rs__hrule {
  char name[RS__CAL_NAME_MAX], zh[RS__CAL_NAME_MAX];
  rs__anchor anchor;
  int month, day;                /* date, lunar, nth (month only) */
  double lon;                    /* solar_term */
  int weekday, nth;              /* nth: 0 = Monday; nth -1 = last */
  int offset, days;              /* statutory days: anchor+offset, DAYS of them */
  int pattern;                   /* index into patterns, -1 */
  int brk;                       /* break length, 0 = none */
  int from_first;                /* the break starts on the first statutory day */
  int joins;                     /* index of the rule it may join, -1 */
  int join_from, join_to, join_break;
  char file[RS__CAL_FILE_MAX];
  int line, col;
} rs__hrule;

typedef struct rs__srule {
  char name[RS__CAL_NAME_MAX];   /* "Chunyun" (the year is appended) */
  char season[RS__CAL_NAME_MAX]; /* the season it is: "spring_festival" */
  int around;                    /* index of the holiday rule anchoring it */
  int from, to;                  /* offsets from that anchor */
  char file[RS__CAL_FILE_MAX];
  int line, col;
} rs__srule;

typedef struct rs__cal_rules {
  int from;                      /* first year projected; 0 = after the last published one */
  int until;                     /* last year projected */
  int tz_minutes;                /* civil time of lunar dates and solar terms */
  rs__break_pattern pat[RS__RULES_MAX];
  int npat;
  rs__hrule hol[RS__RULES_MAX];
  int nhol;
  rs__srule sea[RS__RULES_MAX];
  int nsea;
} rs__cal_rules;

/* The anchor date of rule R in YEAR. */
int rs__rule_anchor(const rs__cal_rules *rules, const rs__hrule *r, int year, int32_t *out);

/* Add the projected holidays, make-up days and seasons of YEAR to CAL (the
 * caller marks them projected). Problems (a rule whose break collides with
 * another holiday) go to D at the rule's position. */
int rs__calendar_project_year(rs__calendar *cal, const rs__cal_rules *rules, int year,
                              rs_diag *d);

#endif
