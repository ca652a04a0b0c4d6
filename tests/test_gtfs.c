/* Pieces of the GTFS import and of demand from counts, against values worked out
 * by hand: service calendars with exceptions, GTFS times, CSV service times past
 * midnight, and iterative proportional fitting on matrices solvable on paper. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "base/datetime.h"
#include "input/gtfs.h"
#include "model/ipf.h"

static char dir[64];

static void put(const char *name, const char *text) {
  char p[128];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "wb");
  fputs(text, f);
  fclose(f);
}

static int32_t day(int y, int m, int d) { return rs__days_from_civil(y, m, d); }

static void test_calendar(void) {
  snprintf(dir, sizeof dir, "/tmp/rs_test_gtfs_XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  /* WK: Monday-Friday of March 2025; removed on Wed 03-05, added on Sat 03-08.
   * ONLY: no calendar.txt row, one added date. */
  put("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\r\n"
                      "WK,1,1,1,1,1,0,0,20250301,20250331\r\n");
  put("calendar_dates.txt", "\xEF\xBB\xBFservice_id,date,exception_type\nWK,20250305,2\nWK,20250308,1\nONLY,20250310,1\n");
  rs__gtfs_feed *f = NULL;
  rs_diag *d = rs_diag_alloc();
  CHECK(rs__gtfs_open(dir, &f, d) == RS_OK);
  rs__gtfs_services sv;
  CHECK(rs__gtfs_services_load(f, &sv, d) == RS_OK);
  int wk = rs__gtfs_map_get(&sv.ids, "WK"), only = rs__gtfs_map_get(&sv.ids, "ONLY");
  CHECK(wk >= 0 && only >= 0);
  CHECK(rs__gtfs_service_runs(&sv, wk, day(2025, 3, 3)) == 1);  /* Monday */
  CHECK(rs__gtfs_service_runs(&sv, wk, day(2025, 3, 5)) == 0);  /* removed */
  CHECK(rs__gtfs_service_runs(&sv, wk, day(2025, 3, 8)) == 1);  /* Saturday, added */
  CHECK(rs__gtfs_service_runs(&sv, wk, day(2025, 3, 9)) == 0);  /* Sunday */
  CHECK(rs__gtfs_service_runs(&sv, wk, day(2025, 4, 1)) == 0);  /* after end_date */
  CHECK(rs__gtfs_service_runs(&sv, only, day(2025, 3, 10)) == 1);
  CHECK(rs__gtfs_service_runs(&sv, only, day(2025, 3, 11)) == 0);
  /* March 2025 has 21 weekdays; minus 03-05, plus 03-08: 21 dates. */
  int n = 0;
  for (int32_t t = day(2025, 3, 1); t <= day(2025, 3, 31); t++) n += rs__gtfs_service_runs(&sv, wk, t);
  CHECK(n == 21);
  int32_t a, b;
  CHECK(rs__gtfs_services_span(&sv, &a, &b) == 0 && a == day(2025, 3, 1) && b == day(2025, 3, 31));
  rs__gtfs_services_free(&sv);
  rs__gtfs_close(f);
  rs_diag_free(d);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK(system(cmd) == 0);
}

static void test_times(void) {
  double t = -1;
  CHECK(rs__gtfs_time("6:00:00", &t) == 0 && t == 21600);
  CHECK(rs__gtfs_time("24:10:30", &t) == 0 && t == 87030);
  CHECK(rs__gtfs_time("47:59:59", &t) == 0 && t == 172799);
  CHECK(rs__gtfs_time("48:00:00", &t) == -1);
  CHECK(rs__gtfs_time("06:61:00", &t) == -1);
  CHECK(rs__gtfs_time("6:00", &t) == -1);
  CHECK(rs__time_parse_service("24:10", &t) == 0 && t == 87000);
  CHECK(rs__time_parse_service("23:59:59", &t) == 0 && t == 86399);
  CHECK(rs__time_parse_service("47:59:59", &t) == 0 && t == 172799);
  CHECK(rs__time_parse_service("48:00", &t) == -2);
  CHECK(rs__time_parse_service("24:60", &t) == -2);
  CHECK(rs__time_parse_service("x", &t) == -1);
  int32_t dd;
  CHECK(rs__gtfs_date("20250501", &dd) == 0 && dd == day(2025, 5, 1));
  CHECK(rs__gtfs_date("2025-05-01", &dd) != 0);
}

static void test_ipf(void) {
  /* Two stations: the only pairs are A->B and B->A, so entries fix them:
   * x_AB = entries_A = 5, x_BA = entries_B = 3 (exits 3, 5 agree). */
  double seed2[4] = {0, 1, 1, 0}, row2[2] = {5, 3}, col2[2] = {3, 5}, x2[4];
  CHECK(rs__ipf(seed2, 2, row2, col2, x2, 100, 1e-12) < 1e-12);
  CHECK_NEAR(x2[1], 5, 1e-9);
  CHECK_NEAR(x2[2], 3, 1e-9);
  CHECK(x2[0] == 0 && x2[3] == 0);
  /* A uniform seed with uniform margins stays uniform: 3 stations, each enters
   * and exits 10, off-diagonal pairs 5 each. */
  double seed3[9] = {0, 1, 1, 1, 0, 1, 1, 1, 0}, m3[3] = {10, 10, 10}, x3[9];
  CHECK(rs__ipf(seed3, 3, m3, m3, x3, 100, 1e-12) < 1e-12);
  for (int i = 0; i < 9; i++) CHECK_NEAR(x3[i], i % 4 == 0 ? 0 : 5, 1e-9);
  /* An independent (rank-one) seed r_i c_j with a full diagonal is scaled to
   * the margins in one round: x_ij = row_i col_j / total. */
  double seed[9] = {1, 2, 3, 2, 4, 6, 3, 6, 9}, row[3] = {6, 3, 1}, col[3] = {5, 4, 1}, x[9];
  CHECK(rs__ipf(seed, 3, row, col, x, 100, 1e-12) < 1e-12);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) CHECK_NEAR(x[i * 3 + j], row[i] * col[j] / 10, 1e-9);
}

int main(void) {
  test_calendar();
  test_times();
  test_ipf();
  return check_done();
}
