/* rs_calendar_check: a calendar file validated on its own (ridersim check). */
#include "input/calendar_bind.h"
#include "model/calendar.h"

int rs_calendar_check(const char *path, int *holidays, int *seasons, rs_diag *d) {
  *holidays = *seasons = 0;
  rs__calendar *cal = rs__calendar_alloc();
  if (!cal) return RS_ENOMEM;
  int rc = rs__calendar_load(cal, path, d);
  if (rc == RS_OK) {
    *holidays = rs__calendar_nholidays(cal);
    *seasons = rs__calendar_nseasons(cal);
  }
  rs__calendar_free(cal);
  return rc;
}
