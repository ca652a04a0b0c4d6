/* Whether a run reaches past the years its calendar files describe: holidays
 * there are unknown, so those days count as ordinary ones. Said, not hidden. */
#include <stdio.h>
#include "calendar.h"
#include "datetime.h"
#include "sim.h"

int rs_scenario_calendar_note(const rs_scenario *s, const char *until, char *buf, size_t size) {
  if (size) buf[0] = 0;
  int32_t end = s->period.end;
  if (until && rs__date_parse(until, &end) != 0) return 0;
  if (s->period.start == RS_DATE_NONE && !until) return 0;
  rs__calendar *cal = rs__calendar_alloc();
  if (!cal) return 0;
  int loaded = 1;
  for (int i = 0; i < s->ncalendars; i++)
    if (rs__calendar_load(cal, s->calendars[i], NULL) != RS_OK) loaded = 0;
  int32_t first, last;
  int note = 0;
  if (loaded && rs__calendar_span(cal, &first, &last) == RS_OK) {
    int y, m, d;
    rs__civil_from_days(last, &y, &m, &d);
    int32_t covered = rs__days_from_civil(y, 12, 31); /* whole years of holiday notices */
    if (end > covered) {
      char a[16], b[16];
      rs__date_format(covered, a);
      rs__date_format(end, b);
      snprintf(buf, size,
               "the calendar lists holidays up to %s; days from then to %s are treated as "
               "ordinary workdays and weekends (add a calendar file with later holidays)",
               a, b);
      note = 1;
    }
  }
  rs__calendar_free(cal);
  return note;
}
