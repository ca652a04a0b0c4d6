/* Whether a run reaches into years whose holidays are projected from rules
 * rather than published: said in the printout, beside "projected" in
 * daily.csv, so nobody takes a projected holiday for an announced one. */
#include <stdio.h>
#include "model/calendar.h"
#include "base/datetime.h"
#include "model/scenario.h"

int rs_scenario_calendar_projected(const rs_scenario *s, const char *until, char *buf,
                                   size_t size) {
  if (size) buf[0] = 0;
  int32_t end = s->period.end;
  if (until && rs__date_parse(until, &end) != 0) return 0;
  if (s->period.start == RS__DATE_NONE || !s->cal) return 0;
  const rs__calendar *cal = s->cal;
  int first, last, y0, y1, m, d;
  rs__calendar_projected_years(cal, &first, &last);
  rs__civil_from_days(s->period.start, &y0, &m, &d);
  rs__civil_from_days(end, &y1, &m, &d);
  if (y0 < first) y0 = first;
  if (y1 > last) y1 = last;
  if (!first || y0 > y1) return 0;
  char span[32];
  if (y0 == y1) snprintf(span, sizeof span, "%d", y0);
  else snprintf(span, sizeof span, "%d-%d", y0, y1);
  snprintf(buf, size,
           "holidays of %s are projected from the rules in %s, not published "
           "(daily.csv marks those days 'projected')",
           span, rs__calendar_rules_file(cal));
  return 1;
}
