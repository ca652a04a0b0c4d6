/* Diagnostics: warnings never decide the status, the cap is counted, not hidden. */
#include <string.h>
#include "base/diag.h"
#include "check.h"

static void warnings_do_not_mask_errors(void) {
  rs_diag *d = rs_diag_alloc();
  rs__diag_warn(d, "a.yaml", 3, 5, "station spacing of %d m looks like metres", 1200);
  CHECK(rs__diag_first_code(d) == RS_OK);
  CHECK(rs_diag_errors(d) == 0);
  rs__diag_add(d, RS_EINVAL, "a.yaml", 7, 2, "bad");
  rs__diag_add(d, RS_ELIMIT, "a.yaml", 9, 1, "worse");
  CHECK(rs__diag_first_code(d) == RS_EINVAL); /* the first error, after a warning */
  CHECK(rs_diag_errors(d) == 2);
  CHECK(rs_diag_count(d) == 3);
  CHECK(rs_diag_is_warning(d, 0) == 1 && rs_diag_is_warning(d, 1) == 0);
  CHECK(!strcmp(rs_diag_message(d, 0), "a.yaml:3:5: warning: station spacing of 1200 m looks like metres"));
  CHECK(!strcmp(rs_diag_message(d, 1), "a.yaml:7:2: bad"));
  CHECK(rs_diag_omitted(d) == 0);
  rs_diag_free(d);
}

static void the_cap_is_counted(void) {
  rs_diag *d = rs_diag_alloc();
  for (int i = 0; i < 250; i++) rs__diag_add(d, RS_EINVAL, NULL, i + 1, 0, "problem %d", i);
  rs__diag_warn(d, NULL, 0, 0, "late warning");
  CHECK(rs_diag_count(d) == RS__DIAG_MAX);          /* 200 stored */
  CHECK(rs_diag_omitted(d) == 250 + 1 - RS__DIAG_MAX); /* 51 not shown, and said */
  CHECK(rs_diag_errors(d) == 250);
  CHECK(!strcmp(rs_diag_message(d, 199), "ridersim:200: problem 199"));
  CHECK(rs_diag_message(d, 200) == NULL);
  rs_diag_free(d);
  CHECK(rs__diag_warn(NULL, NULL, 0, 0, "no list") == RS_OK); /* D may be NULL */
}

int main(void) {
  warnings_do_not_mask_errors();
  the_cap_is_counted();
  return check_done();
}
