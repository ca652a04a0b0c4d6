/* The calendar clock's day types (DESIGN 1): public holidays, make-up workdays
 * (调休上班) and seasons (the Spring Festival travel season 春运, school
 * holidays, ...) are data, loaded from calendar YAML files
 * (scenarios/calendars/china.yaml; format in docs/demand-model.md), never
 * code. Years after the published ones are projected from the file's rules
 * (calendar_project.h) and flagged as such.
 *
 * Day type of a date, first match wins (the precedence):
 *   holiday          a listed public holiday
 *   holiday_eve      the last working day before a break of >= eve_min_days
 *                    (default 3) consecutive days off that contains a holiday
 *   makeup           a weekend day declared a working day
 *   weekend          Saturday or Sunday
 *   workday          anything else
 * holiday_eve is placed above makeup because an eve that is also a make-up day
 * (2026-02-14 before the Spring Festival) is a working day with the pre-holiday
 * outbound surge: the eve describes its demand better than "makeup", which
 * otherwise behaves like an ordinary workday. The flags in rs__dayinfo keep
 * every underlying fact, so a demand model can use any combination.
 * A season is not a day type: a weekend inside the Spring Festival travel
 * season is a weekend (weekend timetable), and the season it lies in is a
 * separate fact (rs__dayinfo.season) that demand scales by its own factor.
 *
 * Loading several files merges them: later files add holidays and seasons; the
 * same holiday (same dates) given twice is accepted once; a date given
 * inconsistently (overlapping holidays, a make-up day on a holiday) is an
 * error, and a file with any error leaves the calendar unchanged.
 * Dates are days since 1970-01-01 (datetime.h). Calendar files are read by
 * input/calendar_bind.h; this module knows no file format. */
#ifndef RS__CALENDAR_H
#define RS__CALENDAR_H

#include <stdint.h>
#include "ridersim/ridersim.h"

typedef enum {
  RS__DAY_WORKDAY = 0,
  RS__DAY_WEEKEND,
  RS__DAY_HOLIDAY,
  RS__DAY_MAKEUP,
  RS__DAY_HOLIDAY_EVE,
  RS__NDAYTYPES
} rs__daytype;

#define RS__CAL_NAME_MAX 96           /* holiday names (UTF-8 bytes), with the NUL */
#define RS__CAL_FILE_MAX 256          /* file name kept for messages (truncated) */
#define RS__CAL_MAX_HOLIDAY_DAYS 31   /* longer "holidays" are refused as typos */
#define RS__CAL_MAX_SEASON_DAYS 183   /* longest season accepted (half a year) */
#define RS__CAL_MAX_ENTRIES 10000     /* holidays / make-up days / seasons per calendar */
#define RS__CAL_MAX_MAKEUP 16         /* make-up days of one holiday */
#define RS__CAL_EVE_MIN_DAYS 3
#define RS__CAL_SAT_SUN 0x60u         /* weekend mask: bit 5 Saturday, bit 6 Sunday */
#define RS__CAL_YEAR0 1900            /* years a projection may cover: 1900-2199 */
#define RS__CAL_YEARS 300

typedef struct rs__holiday {
  char name[RS__CAL_NAME_MAX];  /* "National Day 2024" */
  char zh[RS__CAL_NAME_MAX];    /* "国庆节", may be "" */
  int32_t from, to;             /* inclusive */
  char file[RS__CAL_FILE_MAX];  /* where it was defined, for messages */
  int line, col;
  int projected;                /* from the projection rules, not a notice */
} rs__holiday;

typedef struct rs__season {
  char name[RS__CAL_NAME_MAX];  /* "Chunyun 2025", may be "" */
  char kind[RS__CAL_NAME_MAX];  /* which season: "spring_festival", "school_holidays" */
  int projected;
  int32_t from, to;             /* inclusive */
  char file[RS__CAL_FILE_MAX];
  int line, col;
} rs__season;

/* Everything the calendar knows about one date. Holiday indices refer to
 * rs__calendar_holiday() and stay valid until the calendar is next changed. */
typedef struct rs__dayinfo {
  rs__daytype type;     /* after the precedence above */
  int weekday;          /* 0 = Monday ... 6 = Sunday */
  int weekend;          /* a weekend day of the calendar (Sat/Sun unless its file says
                           otherwise), whatever its holidays and make-up days say */
  int working;          /* a make-up day, or a Monday-Friday that is not a holiday */
  int holiday;          /* index of the holiday the date lies in, -1 */
  int holiday_day;      /* 0-based day within it (0 = first day), -1 */
  int holiday_len;      /* its length in days, 0 when not a holiday */
  int makeup_for;       /* index of the holiday this make-up day belongs to, -1 */
  int eve_of;           /* index of the first holiday of the following break, -1 */
  int break_len;        /* for an eve: consecutive days off that follow, else 0 */
  int season;           /* index of the season the date lies in (rs__calendar_season), -1 */
  int season_day;       /* 0-based day within it, -1 */
  const char *season_kind; /* its kind ("spring_festival"), NULL outside seasons;
                            valid until the calendar is next changed */
  int projected;        /* the date's year is projected from rules, not published */
} rs__dayinfo;

typedef struct rs__calendar rs__calendar;

rs__calendar *rs__calendar_alloc(void);
void rs__calendar_free(rs__calendar *cal);

/* Add entries directly (the loader's core; also for tests). FILE/LINE/COL
 * locate the definition for messages (FILE may be NULL). MAKEUP lists the
 * make-up workdays that belong to the holiday. Each call is all or nothing. */
int rs__calendar_add_holiday(rs__calendar *cal, const char *name, const char *zh,
                             int32_t from, int32_t to, const int32_t *makeup,
                             int nmakeup, const char *file, int line, int col,
                             rs_diag *d);
/* A make-up day with the position it was given at (LINE 0: the holiday's). */
typedef struct rs__mkcand {
  int32_t date;
  int line, col;
} rs__mkcand;
int rs__calendar_add_holiday_at(rs__calendar *cal, const char *name, const char *zh,
                                int32_t from, int32_t to, const rs__mkcand *mk, int nmk,
                                const char *file, int line, int col, rs_diag *d);
/* Merge SRC (consistent in itself) into DST; DST is unchanged on error. */
int rs__calendar_merge(rs__calendar *dst, const rs__calendar *src, rs_diag *d);
int rs__calendar_add_season(rs__calendar *cal, int32_t from, int32_t to,
                            const char *file, int line, int col, rs_diag *d);
/* The same with the season's NAME and KIND ("spring_festival" when NULL). */
int rs__calendar_add_season_kind(rs__calendar *cal, const char *name, const char *kind,
                                 int32_t from, int32_t to, const char *file, int line, int col,
                                 rs_diag *d);
/* rs__calendar_merge, then the projection (calendar_project.h) of the years
 * without a published holiday redone: with RULES (owned by DST from now
 * on; tried on SRC's own holidays first, so their errors leave DST unchanged)
 * or DST's earlier rules when RULES is NULL. */
struct rs__cal_rules;
int rs__calendar_merge_projected(rs__calendar *dst, rs__calendar *src,
                                 struct rs__cal_rules *rules, rs_diag *d);
/* While ON, entries added are marked projected (the projection's own use). */
void rs__calendar_set_projecting(rs__calendar *cal, int on);
/* The first and last year whose holidays are projected (a published year
 * between them is not), 0 and 0 when none. */
void rs__calendar_projected_years(const rs__calendar *cal, int *first, int *last);
/* Where the projection rules came from ("" when none). */
const char *rs__calendar_rules_file(const rs__calendar *cal);

/* Minimum length of the break that makes the day before it a holiday_eve
 * (default RS__CAL_EVE_MIN_DAYS). RS_EINVAL unless 1 <= days <= 31. */
int rs__calendar_set_eve_min_days(rs__calendar *cal, int days);
/* Weekend days as a bit mask (bit 0 Monday ... bit 6 Sunday; default
 * RS__CAL_SAT_SUN): a Friday-Saturday weekend is 0x30. RS_EINVAL for none or all. */
int rs__calendar_set_weekend(rs__calendar *cal, unsigned mask);
unsigned rs__calendar_weekend(const rs__calendar *cal);
int rs__calendar_is_weekend(const rs__calendar *cal, int32_t date);
int rs__calendar_eve_min_days(const rs__calendar *cal);

/* Day type and flags of DATE. RS_EINVAL when CAL or OUT is NULL. */
int rs__calendar_daytype(const rs__calendar *cal, int32_t date, rs__dayinfo *out);

/* Holidays in date order. */
int rs__calendar_nholidays(const rs__calendar *cal);
const rs__holiday *rs__calendar_holiday(const rs__calendar *cal, int i);
int rs__calendar_nseasons(const rs__calendar *cal);
const rs__season *rs__calendar_season(const rs__calendar *cal, int i);
/* First and last date the calendar has any entry for (holiday, make-up day or
 * season), so a caller can warn when a run goes beyond it. RS_EINVAL when empty. */
int rs__calendar_span(const rs__calendar *cal, int32_t *first, int32_t *last);

/* "workday", "weekend", "holiday", "makeup", "holiday_eve"; "?" for an
 * invalid value. */
const char *rs__daytype_name(rs__daytype t);
/* Name to enum; RS_EINVAL when unknown. */
int rs__daytype_parse(const char *name, rs__daytype *out);

#endif
