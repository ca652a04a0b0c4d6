/* The scenario CSV reader (csv.c) reads back exactly what the CSV writer
 * (csvout.c) wrote: names with commas, quotes, CR, LF and CJK text stay one
 * field each (RFC 4180). The plots' reader: test_files.c. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "input/csv.h"
#include "base/csvout.h"

static const char *const names[] = {
    "plain", "Baotai, \"Old\" Town", "two\nlines", "cr\rin", "\"", "", "宝台,老城", "a,b,c"};
#define NNAMES (int)(sizeof names / sizeof names[0])

int main(void) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  CHECK(rs__csv_printf(f, "name,i,board_%s\n", "x,y") == 0);
  for (int i = 0; i < NNAMES; i++) CHECK(rs__csv_printf(f, "%s,%d,%s\n", names[i], i, names[i]) == 0);
  fclose(f);
  rs_diag *d = rs_diag_alloc();
  rs__csv *c = calloc(1, sizeof *c);
  CHECK(rs__csv_init(c, "q.csv", buf, n, d) == RS_OK);
  CHECK(rs__csv_next(c, d) == 1 && c->nf == 3 && strcmp(c->f[2], "board_x,y") == 0);
  for (int i = 0; i < NNAMES; i++) {
    int r = rs__csv_next(c, d);
    CHECK(r == 1 && c->nf == 3);
    if (r == 1) CHECK(strcmp(c->f[0], names[i]) == 0 && strcmp(c->f[2], names[i]) == 0);
    char want[8];
    snprintf(want, sizeof want, "%d", i);
    if (r == 1) CHECK(strcmp(c->f[1], want) == 0);
  }
  CHECK(rs__csv_next(c, d) == 0);
  CHECK(rs_diag_count(d) == 0);
  free(c);
  rs_diag_free(d);
  free(buf);
  return check_done();
}
