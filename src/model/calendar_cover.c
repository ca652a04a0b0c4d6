/* Whether a run reaches past the years its calendar files describe: holidays
 * there are unknown, so those days count as ordinary ones. Said, not hidden. */
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
  if (!s->cal || rs__calendar_span(s->cal, &first, &last) != RS_OK) return 0;
  int y, m, d;
  rs__civil_from_days(last, &y, &m, &d);
  int32_t covered = rs__days_from_civil(y, 12, 31); /* whole years of holiday notices */
  if (end <= covered) return 0;
  char a[16], b[16];
  rs__date_format(covered, a);
  rs__date_format(end, b);
  snprintf(buf, size,
           "the calendar lists holidays up to %s; days from then to %s are treated as "
           "ordinary workdays and weekends (add a calendar file with later holidays)",
           a, b);
  return 1;
}
