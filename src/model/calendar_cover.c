/* Whether a run reaches before or past the years its calendar files describe:
 * holidays there are unknown, so those days count as ordinary ones. Said, not
 * hidden. Also the period's size and dates, for the command line. */
#include <stdio.h>
#include "base/datetime.h"
#include "model/calendar.h"
#include "model/scenario.h"

int rs_scenario_calendar_note(const rs_scenario *s, const char *until, char *buf, size_t size) {
  if (size) buf[0] = 0;
  int32_t end = s->period.end;
  if (until && rs__date_parse(until, &end) != 0) return 0;
  if (s->period.start == RS__DATE_NONE && !until) return 0;
  int32_t first, last;
  if (s->period.start != RS__DATE_NONE && !s->model.enabled) {
    snprintf(buf, size, "the scenario has a period but no 'market': every day carries the same "
                        "demand (its od table or trips); day types change only the timetable");
    return 1;
  }
  if (!s->cal || rs__calendar_span(s->cal, &first, &last) != RS_OK) return 0;
  int y, m, d, y0;
  rs__civil_from_days(last, &y, &m, &d);
  rs__civil_from_days(first, &y0, &m, &d);
  int32_t covered = rs__days_from_civil(y, 12, 31); /* whole years of holiday notices */
  int32_t from = rs__days_from_civil(y0, 1, 1);
  int32_t start = s->period.start == RS__DATE_NONE ? end : s->period.start;
  char a[16], b[16], c[16], e[16];
  rs__date_format(from, a);
  rs__date_format(covered, b);
  rs__date_format(start, c);
  rs__date_format(end, e);
  size_t k = 0;
  int note = 0;
  if (start < from) {
    int n = snprintf(buf, size,
                     "the calendar lists holidays from %s; days from %s to then are treated as "
                     "ordinary workdays and weekends (add a calendar file with earlier holidays)",
                     a, c);
    k = n > 0 ? (size_t)n : 0;
    note = 1;
  }
  if (end > covered && k < size) {
    snprintf(buf + k, size - k,
             "%sthe calendar lists holidays up to %s; days from then to %s are treated as "
             "ordinary workdays and weekends (add a calendar file with later holidays)",
             note ? "; " : "", b, e);
    note = 1;
  }
  return note;
}

int rs_scenario_days(const rs_scenario *s) {
  return s->period.start == RS__DATE_NONE ? 1 : (int)(s->period.end - s->period.start + 1);
}

void rs_scenario_period(const rs_scenario *s, char start[11], char end[11]) {
  start[0] = end[0] = 0;
  if (s->period.start == RS__DATE_NONE) return;
  rs__date_format(s->period.start, start);
  rs__date_format(s->period.end, end);
}
