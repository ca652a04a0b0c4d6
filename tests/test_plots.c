/* Plots: fixture run directories (a year of daily rows with holidays, a day of
 * trains, sections, stations, commute samples) drawn as PNG, SVG and PDF; files
 * are valid images that are not blank; missing inputs skip their chart;
 * malformed inputs name FILE:LINE. Also the CSV table reader. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include "check.h"
#include "input/csvtable.h"
#include "base/datetime.h"
#include "plots/plots_draw.h"
#include "ridersim/plots.h"

/* fontconfig (under cairo/pango) keeps its font cache until exit by design:
 * not a leak of ours. LeakSanitizer reads this hook when the test runs under
 * -fsanitize=address. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }

static const char *const CHARTS[] = {"daily", "cumulative", "load-profile", "boardings",
                                     "commute", "train-diagram"};
enum { NCHART = 6 };

static const struct { const char *id, *zh, *en; double km; } ST[6] = {
    {"futian", "福田", "Futian", 0.0},
    {"linkong", "资阳临空", "Ziyang Linkong", 11.2},
    {"xingfu", "幸福大道", "Xingfu Dadao", 26.1},
    {"changhong", "苌弘广场", "Changhong Guangchang", 30.4},
    {"baotai", "宝台", "Baotai", 34.2},
    {"ziyangbei", "资阳北", "Ziyangbei", 38.7},
};

/* Deterministic uniform(0,1): the fixtures are the same on every run. */
static double urand(uint64_t *s) {
  *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(*s >> 11) / 9007199254740992.0;
}

static void write_file(const char *dir, const char *name, const char *text) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) abort();
  fputs(text, f);
  fclose(f);
}

static FILE *open_out(const char *dir, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) abort();
  return f;
}

static int in_range(int32_t t, const char *a, const char *b) {
  int32_t x, y;
  rs__date_parse(a, &x);
  rs__date_parse(b, &y);
  return t >= x && t <= y;
}

static void write_daily(const char *dir) {
  FILE *f = open_out(dir, "daily.csv");
  fprintf(f, "date,day_type,riders,cumulative,riders_commute,passenger_km,mean_wait_s\n");
  uint64_t s = 1;
  double cum = 0;
  int32_t d0 = rs__days_from_civil(2024, 9, 29);
  for (int i = 0; i < 365; i++) {
    int32_t t = d0 + i;
    char date[16];
    rs__date_format(t, date);
    const char *type = rs__weekday(t) >= 5 ? "weekend" : "workday";
    double r = 27000 + 6000 * (1 - exp(-i / 90.0));
    if (rs__weekday(t) >= 5) r *= 1.15;
    if (in_range(t, "2024-10-01", "2024-10-07") || in_range(t, "2025-01-01", "2025-01-01") ||
        in_range(t, "2025-01-28", "2025-02-04") || in_range(t, "2025-04-04", "2025-04-06") ||
        in_range(t, "2025-05-01", "2025-05-05") || in_range(t, "2025-05-31", "2025-06-02")) {
      type = "holiday";
      r *= 1.8;
    }
    if (strcmp(date, "2024-10-01") == 0) r = 76000;
    if (strcmp(date, "2024-09-29") == 0 || strcmp(date, "2024-10-12") == 0) type = "makeup_workday";
    r *= 0.95 + 0.1 * urand(&s);
    cum += floor(r);
    fprintf(f, "%s,%s,%.0f,%.0f,%.0f,%.0f,%.1f\n", date, type, floor(r), cum, floor(r) * 0.4,
            floor(r) * 21.5, 380.0);
  }
  fclose(f);
  write_file(dir, "observed.csv",
             "id,kind,start,end,observed,simulated,error_pct,source\n"
             "first5,total,2024-09-29,2024-10-03,250000,245000,-2.0,\"Sichuan Online, 2024-10-09\"\n"
             "natday,total,2024-10-01,2024-10-07,416100,410000,-1.5,NetEase\n"
             "record,day,2024-10-01,2024-10-01,76000,76000,0,NetEase\n"
             "cum,cumulative,2024-09-29,2025-02-23,4560000,4490000,-1.5,Ziyang report\n");
}

static void write_stations(const char *dir) {
  FILE *f = open_out(dir, "stations.csv");
  fprintf(f, "date,station,zh,en,hour,boardings,alightings\n");
  static const double w[6] = {0.30, 0.08, 0.12, 0.22, 0.08, 0.20};
  for (int j = 0; j < 6; j++)
    for (int h = 0; h < 24; h++) {
      double b = 0;
      if (h >= 6 && h <= 22)
        b = 30000 * w[j] * (0.02 + 0.09 * exp(-pow(h - 8, 2) / 2) + 0.07 * exp(-pow(h - 18, 2) / 3));
      fprintf(f, "2024-10-08,%s,%s,%s,%d,%.0f,%.0f\n", ST[j].id, ST[j].zh, ST[j].en, h, b, b * 0.9);
    }
  fclose(f);
}

static void write_sections(const char *dir) {
  FILE *f = open_out(dir, "sections.csv");
  fprintf(f, "date,direction,from,to,km_from,km_to,hour,passengers,trains,capacity\n");
  static const double down[5] = {1800, 1500, 1300, 700, 300}, up[5] = {2900, 2500, 1900, 900, 500};
  for (int h = 6; h <= 22; h++) {
    double k = h == 8 ? 1.0 : h == 7 || h == 9 ? 0.7 : h == 18 ? 0.8 : 0.3;
    for (int i = 0; i < 5; i++) {
      fprintf(f, "2024-10-08,down,%s,%s,%.1f,%.1f,%d,%.0f,5,7080\n", ST[i].id, ST[i + 1].id,
              ST[i].km, ST[i + 1].km, h, down[i] * k);
      fprintf(f, "2024-10-08,up,%s,%s,%.1f,%.1f,%d,%.0f,5,7080\n", ST[i + 1].id, ST[i].id,
              ST[i + 1].km, ST[i].km, h, up[i] * k);
    }
  }
  fclose(f);
}

/* 12-min service 06:30-22:00 each way, 6 stops, with random delays that grow
 * along the run, so some trains bunch. */
static int write_trains(const char *dir) {
  FILE *f = open_out(dir, "trains.csv");
  fprintf(f, "date,train,direction,seq,station,km,arrival_s,departure_s,alighted,boarded,denied,load,load_factor\n");
  uint64_t s = 7;
  int ntrain = 0;
  for (int dir_i = 0; dir_i < 2; dir_i++)
    for (double t0 = 6.5 * 3600; t0 <= 22 * 3600 + 1; t0 += 720, ntrain++) {
      double t = t0 + 240 * urand(&s);
      for (int k = 0; k < 6; k++) {
        int j = dir_i ? 5 - k : k;
        double arr = t, dep = t + (k == 5 ? 0 : 30);
        fprintf(f, "2024-10-08,%c%03d,%s,%d,%s,%.1f,", dir_i ? 'U' : 'D', ntrain,
                dir_i ? "up" : "down", k, ST[j].id, ST[j].km);
        if (k == 0) fprintf(f, ",%.0f", dep);
        else if (k == 5) fprintf(f, "%.0f,", arr);
        else fprintf(f, "%.0f,%.0f", arr, dep);
        fprintf(f, ",10,12,0,300,0.21\n");
        if (k < 5) {
          int jn = dir_i ? j - 1 : j + 1;
          t = dep + fabs(ST[jn].km - ST[j].km) / 95.0 * 3600 + 20 * urand(&s);
        }
      }
    }
  fclose(f);
  return ntrain;
}

static void write_commute(const char *dir) {
  FILE *f = open_out(dir, "commute_samples.csv");
  fprintf(f, "scenario,mode,minutes\n");
  uint64_t s = 3;
  static const char *const mode[3] = {"metro", "bus + high-speed rail", "car"};
  static const double mu[2][3] = {{85, 120, 150}, {0, 150, 165}};
  for (int sc = 0; sc < 2; sc++)
    for (int m = 0; m < 3; m++) {
      if (mu[sc][m] == 0) continue;
      for (int i = 0; i < 400; i++) {
        double u = urand(&s), v = urand(&s);
        double z = sqrt(-2 * log(u + 1e-12)) * cos(6.283185307 * v);
        fprintf(f, "%s,%s,%.1f\n", sc ? "without_line" : "with_line", mode[m],
                fmax(20, mu[sc][m] + 18 * z));
      }
    }
  fclose(f);
}

static void make_run(const char *dir) {
  write_daily(dir);
  write_stations(dir);
  write_sections(dir);
  write_trains(dir);
  write_commute(dir);
}

static int exists(const char *dir, const char *name, const char *ext) {
  char path[1024];
  struct stat sb;
  snprintf(path, sizeof path, "%s/plots/%s.%s", dir, name, ext);
  return stat(path, &sb) == 0 && sb.st_size > 0;
}

static int starts_with(const char *dir, const char *name, const char *ext, const void *sig,
                       size_t n) {
  char path[1024], buf[16];
  snprintf(path, sizeof path, "%s/plots/%s.%s", dir, name, ext);
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  size_t got = fread(buf, 1, n, f);
  fclose(f);
  return got == n && memcmp(buf, sig, n) == 0;
}

/* PNG width and height from the IHDR chunk (bytes 16-23, big-endian). */
static void png_size(const char *dir, const char *name, long *w, long *h) {
  char path[1024];
  unsigned char b[24];
  *w = *h = 0;
  snprintf(path, sizeof path, "%s/plots/%s.png", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) return;
  if (fread(b, 1, 24, f) == 24) {
    *w = (long)b[16] << 24 | (long)b[17] << 16 | (long)b[18] << 8 | b[19];
    *h = (long)b[20] << 24 | (long)b[21] << 16 | (long)b[22] << 8 | b[23];
  }
  fclose(f);
}

/* Number of distinct colours (ImageMagick), or -1 when identify is missing. */
static long png_colours(const char *dir, const char *name) {
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "identify -format %%k '%s/plots/%s.png' 2>/dev/null", dir, name);
  FILE *p = popen(cmd, "r");
  if (!p) return -1;
  long k = -1;
  if (fscanf(p, "%ld", &k) != 1) k = -1;
  pclose(p);
  return k;
}

static int no_temp_files(const char *dir) {
  char path[1024];
  snprintf(path, sizeof path, "%s/plots", dir);
  DIR *dp = opendir(path);
  if (!dp) return 1;
  struct dirent *e;
  int ok = 1;
  while ((e = readdir(dp)))
    if (strstr(e->d_name, ".tmp")) ok = 0;
  closedir(dp);
  return ok;
}

static void rm_rf(const char *dir) {
  char cmd[1100];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

static void mkdir_tmp(char *buf, size_t size) {
  const char *base = getenv("TMPDIR");
  snprintf(buf, size, "%s/rs_plots_XXXXXX", base && base[0] ? base : "/tmp");
  if (!mkdtemp(buf)) abort();
}

static int diag_has(const rs_diag *d, const char *needle) {
  for (size_t i = 0; i < rs_diag_count(d); i++)
    if (strstr(rs_diag_message(d, i), needle)) return 1;
  return 0;
}

static void test_csvtable(void) {
  char dir[512], path[1024];
  mkdir_tmp(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/t.csv", dir);
  write_file(dir, "t.csv", "\xEF\xBB\xBFname,value,note\r\n\"a, b\",1.5,\"say \"\"hi\"\"\"\r\n\r\nc,-2e3,\n");
  rs__csvtable *t = NULL;
  rs_diag *d = rs_diag_alloc();
  CHECK(rs__csvtable_read(path, &t, d) == RS_OK);
  if (t) {
    CHECK(t->ncol == 3 && t->nrow == 2);
    CHECK(rs__csvtable_col(t, "name") == 0 && rs__csvtable_col(t, "note") == 2);
    CHECK(rs__csvtable_col(t, "nope") == -1);
    CHECK(strcmp(rs__csvtable_str(t, 0, 0), "a, b") == 0);
    CHECK(strcmp(rs__csvtable_str(t, 0, 2), "say \"hi\"") == 0);
    CHECK(strcmp(rs__csvtable_str(t, 1, 2), "") == 0);
    CHECK(t->line[0] == 2 && t->line[1] == 4); /* the blank line 3 is skipped */
    double v;
    CHECK(rs__csvtable_num(t, 0, 1, 0, &v, d) == RS_OK && v == 1.5);
    CHECK(rs__csvtable_num(t, 1, 1, 0, &v, d) == RS_OK && v == -2000);
    CHECK(rs__csvtable_num(t, 1, 2, 1, &v, d) == RS_OK && isnan(v));
    CHECK(rs_diag_count(d) == 0);
    CHECK(rs__csvtable_num(t, 1, 2, 0, &v, d) == RS_ESYNTAX); /* empty, not allowed */
    CHECK(rs__csvtable_num(t, 0, 0, 0, &v, d) == RS_ESYNTAX); /* "a, b": line 2, col 1 (its quote) */
    char want[1100];
    snprintf(want, sizeof want, "%s:2:1: column 'name'", path);
    CHECK(diag_has(d, want));
    int col;
    CHECK(rs__csvtable_need(t, "riders", &col, d) == RS_ESYNTAX);
    CHECK(diag_has(d, "t.csv:1: missing column 'riders'"));
    rs__csvtable_free(t);
  }
  rs_diag_free(d);
  /* Field count and quoting errors, with the line they are on. */
  write_file(dir, "bad.csv", "a,b\n1,2\n3\n");
  snprintf(path, sizeof path, "%s/bad.csv", dir);
  d = rs_diag_alloc();
  CHECK(rs__csvtable_read(path, &t, d) == RS_ESYNTAX && t == NULL);
  CHECK(diag_has(d, "bad.csv:3: expected 2 fields"));
  rs_diag_free(d);
  write_file(dir, "q.csv", "a,b\n1,\"open\n");
  snprintf(path, sizeof path, "%s/q.csv", dir);
  d = rs_diag_alloc();
  CHECK(rs__csvtable_read(path, &t, d) == RS_ESYNTAX);
  CHECK(diag_has(d, "q.csv:2:3: unterminated"));
  rs_diag_free(d);
  write_file(dir, "e.csv", "");
  snprintf(path, sizeof path, "%s/e.csv", dir);
  d = rs_diag_alloc();
  CHECK(rs__csvtable_read(path, &t, d) == RS_ESYNTAX);
  rs_diag_free(d);
  snprintf(path, sizeof path, "%s/missing.csv", dir);
  d = rs_diag_alloc();
  CHECK(rs__csvtable_read(path, &t, d) == RS_EIO);
  rs_diag_free(d);
  rm_rf(dir);
}

static void test_helpers(void) {
  CHECK_NEAR(rs__plot_nice_max(76000 * 1.12), 100000, 0); /* 85,120: 8.5 > 8 */
  CHECK_NEAR(rs__plot_nice_max(1.9), 2, 1e-12);
  CHECK_NEAR(rs__plot_nice_max(2.3), 2.5, 1e-12);
  CHECK_NEAR(rs__plot_nice_max(0.031), 0.04, 1e-12);
  CHECK_NEAR(rs__plot_nice_max(12.74 * 1.1), 15, 1e-12);
  CHECK_NEAR(rs__plot_nice_max(3), 3, 1e-12);
  CHECK_NEAR(rs__plot_nice_max(0), 1, 0);
  char b[64];
  rs__plot_station_label(b, sizeof b, "资阳北", "Ziyangbei", 1);
  CHECK(strcmp(b, "资阳北 Ziyangbei") == 0);
  rs__plot_station_label(b, sizeof b, "资阳北", "Ziyangbei", 0);
  CHECK(strcmp(b, "Ziyangbei") == 0);
  rs__plot_station_label(b, sizeof b, "资阳北", "", 1);
  CHECK(strcmp(b, "资阳北") == 0);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void test_full_run(void) {
  char dir[512];
  mkdir_tmp(dir, sizeof dir);
  make_run(dir);
  rs_diag *d = rs_diag_alloc();
  double t0 = now_s();
  int rc = rs_plots_draw(dir, NULL, d);
  double dt = now_s() - t0;
  CHECK(rc == RS_OK);
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  printf("all six PNG charts of a one-year run drawn in %.3f s\n", dt);
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  for (int i = 0; i < NCHART; i++) {
    CHECK(exists(dir, CHARTS[i], "png"));
    CHECK(starts_with(dir, CHARTS[i], "png", sig, 8));
    long w, h;
    png_size(dir, CHARTS[i], &w, &h);
    CHECK(w == 1200 && h == 700);
    long k = png_colours(dir, CHARTS[i]);
    if (k >= 0) CHECK(k > 20); /* white page, dark axes, series, antialiasing */
    else fprintf(stderr, "note: ImageMagick identify missing, colour check skipped\n");
  }
  CHECK(no_temp_files(dir));
  rs_diag_free(d);

  d = rs_diag_alloc();
  CHECK(rs_plots_draw(dir, "jpeg", d) == RS_EUSAGE);
  rs_diag_free(d);
  if (getenv("RS_KEEP_PLOTS")) printf("kept %s/plots\n", dir);
  else rm_rf(dir);

  /* Vector formats, on a smaller run (three charts) to keep valgrind runs short. */
  mkdir_tmp(dir, sizeof dir);
  write_daily(dir);
  write_trains(dir);
  d = rs_diag_alloc();
  CHECK(rs_plots_draw(dir, "svg", d) == RS_OK);
  CHECK(rs_plots_draw(dir, "pdf", d) == RS_OK);
  static const char *const vec[3] = {"daily", "cumulative", "train-diagram"};
  for (int i = 0; i < 3; i++) {
    CHECK(starts_with(dir, vec[i], "pdf", "%PDF", 4));
    CHECK(starts_with(dir, vec[i], "svg", "<?xml", 5));
    CHECK(!exists(dir, vec[i], "png"));
  }
  CHECK(!exists(dir, "boardings", "svg") && !exists(dir, "boardings", "pdf"));
  CHECK(no_temp_files(dir));
  rs_diag_free(d);
  rm_rf(dir);
}

static void test_missing_inputs(void) {
  char dir[512];
  mkdir_tmp(dir, sizeof dir);
  write_trains(dir); /* only the train diagram has data */
  rs_diag *d = rs_diag_alloc();
  CHECK(rs_plots_draw(dir, "png", d) == RS_OK);
  CHECK(rs_diag_count(d) == 0);
  CHECK(exists(dir, "train-diagram", "png"));
  for (int i = 0; i < NCHART - 1; i++) CHECK(!exists(dir, CHARTS[i], "png"));
  rs_diag_free(d);
  rm_rf(dir);
  /* Not a directory. */
  d = rs_diag_alloc();
  CHECK(rs_plots_draw("/nonexistent/run/dir", "png", d) == RS_EIO);
  rs_diag_free(d);
}

static void test_malformed(void) {
  char dir[512], want[1100];
  mkdir_tmp(dir, sizeof dir);
  make_run(dir);
  write_file(dir, "daily.csv",
             "date,day_type,riders,cumulative\n"
             "2024-09-29,makeup_workday,30000,30000\n"
             "2024-09-30,workday,31000,61000\n"
             "2024-10-01,holiday,7600O,137000\n"); /* letter O: line 4, column 20 */
  write_file(dir, "sections.csv", "date,direction,from\n2024-10-08,down,futian\n");
  rs_diag *d = rs_diag_alloc();
  CHECK(rs_plots_draw(dir, "png", d) == RS_ESYNTAX);
  snprintf(want, sizeof want, "%s/daily.csv:4:20: column 'riders': '7600O' is not a number", dir);
  CHECK(diag_has(d, want));
  snprintf(want, sizeof want, "%s/sections.csv:1: missing column 'to'", dir);
  CHECK(diag_has(d, want));
  for (size_t i = 0; i < rs_diag_count(d); i++) printf("  expected: %s\n", rs_diag_message(d, i));
  /* The bad charts are not drawn, the good ones are, nothing half-written. */
  CHECK(!exists(dir, "daily", "png") && !exists(dir, "cumulative", "png"));
  CHECK(!exists(dir, "load-profile", "png"));
  CHECK(exists(dir, "train-diagram", "png") && exists(dir, "boardings", "png"));
  CHECK(no_temp_files(dir));
  rs_diag_free(d);
  /* A ragged row in trains.csv names its line. */
  write_file(dir, "trains.csv",
             "date,train,direction,seq,station,km,arrival_s,departure_s\n"
             "2024-10-08,D1,down,0,futian,0,,23400\n"
             "2024-10-08,D1,down,1,linkong,11.2,23800\n");
  write_file(dir, "daily.csv", "date,day_type,riders,cumulative\n");
  d = rs_diag_alloc();
  CHECK(rs_plots_draw(dir, "png", d) == RS_ESYNTAX);
  snprintf(want, sizeof want, "%s/trains.csv:3: expected 8 fields as in the header, found 7", dir);
  CHECK(diag_has(d, want));
  rs_diag_free(d);
  rm_rf(dir);
}

int main(void) {
  test_csvtable();
  test_helpers();
  test_full_run();
  test_missing_inputs();
  test_malformed();
  return check_done();
}
