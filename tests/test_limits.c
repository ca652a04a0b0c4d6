/* Input limits at their boundaries (docs/robustness.md): the largest accepted
 * input loads, one step beyond is refused with a message naming the file and
 * the limit. Sizes and counts come from the documented limits (16 MiB per
 * YAML file, 2-500 stations, 64 nesting levels); positions are counted by
 * hand from the text written here. */
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#undef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "ridersim/ridersim.h"

static char dir[512];

static int has(const rs_diag *d, const char *want) {
  for (size_t i = 0; i < rs_diag_count(d); i++)
    if (strstr(rs_diag_message(d, i), want)) return 1;
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "  got: %s\n", rs_diag_message(d, i));
  fprintf(stderr, "  wanted: %s\n", want);
  return 0;
}

static void path_of(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", dir, name); }

static const char base[] =
    "ridersim: 1\ntrains: {capacity: 1000}\nline:\n  stations:\n    - {id: a, km: 0}\n"
    "    - {id: b, km: 10}\n";

/* A valid scenario padded with a comment to exactly SIZE bytes. */
static void write_padded(const char *name, size_t size) {
  char p[600];
  path_of(p, sizeof p, name);
  FILE *f = fopen(p, "wb");
  size_t n = strlen(base);
  fwrite(base, 1, n, f);
  fputc('#', f);
  for (size_t i = n + 1; i + 1 < size; i++) fputc('x', f);
  fputc('\n', f);
  fclose(f);
}

static int load(const char *name, const char *const *sets, size_t nsets, rs_diag *d) {
  char p[600];
  path_of(p, sizeof p, name);
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(p, sets, nsets, &s, d);
  if (getenv("RS_TEST_VERBOSE"))
    for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "  %s\n", rs_diag_message(d, i));
  rs_scenario_free(s);
  return rc;
}

static void file_size(void) {
  const size_t max = (size_t)16 << 20;
  rs_diag *d = rs_diag_alloc();
  write_padded("max.yaml", max);
  CHECK(load("max.yaml", NULL, 0, d) == RS_OK);
  rs_diag_free(d);

  d = rs_diag_alloc();
  write_padded("big.yaml", max + 1);
  CHECK(load("big.yaml", NULL, 0, d) == RS_ELIMIT);
  char want[1400];
  snprintf(want, sizeof want, "%s/big.yaml: cannot read: file is larger than 16 MiB", dir);
  CHECK(has(d, want));
  rs_diag_free(d);

  /* The same file reached through extends is reported at the extends key. */
  char p[600];
  path_of(p, sizeof p, "ext.yaml");
  FILE *f = fopen(p, "w");
  fputs("ridersim: 1\nextends: big.yaml\n", f);
  fclose(f);
  d = rs_diag_alloc();
  CHECK(load("ext.yaml", NULL, 0, d) != RS_OK);
  snprintf(want, sizeof want,
           "%s/ext.yaml:2:10: 'extends': cannot read '%s/big.yaml': file is larger than 16 MiB",
           dir, dir);
  CHECK(has(d, want));
  rs_diag_free(d);
  path_of(p, sizeof p, "max.yaml");
  unlink(p);
  path_of(p, sizeof p, "big.yaml");
  unlink(p);
  path_of(p, sizeof p, "ext.yaml");
  unlink(p);
}

static void write_stations(const char *name, int n) {
  char p[600];
  path_of(p, sizeof p, name);
  FILE *f = fopen(p, "w");
  fputs("ridersim: 1\ntrains: {capacity: 1000}\nline:\n  stations:\n", f);
  for (int i = 0; i < n; i++) fprintf(f, "    - {id: s%d, km: %d}\n", i, i);
  fclose(f);
}

static void stations(void) {
  rs_diag *d = rs_diag_alloc();
  write_stations("st500.yaml", 500);
  CHECK(load("st500.yaml", NULL, 0, d) == RS_OK);
  rs_diag_free(d);
  d = rs_diag_alloc();
  write_stations("st501.yaml", 501);
  CHECK(load("st501.yaml", NULL, 0, d) != RS_OK);
  char want[1400];
  /* the list starts on line 5, column 5 ("    - {id: s0...") */
  snprintf(want, sizeof want,
           "%s/st501.yaml:5:5: 'line.stations' must have 2 to 500 stations, got 501", dir);
  CHECK(has(d, want));
  rs_diag_free(d);
  char p[600];
  path_of(p, sizeof p, "st500.yaml");
  unlink(p);
  path_of(p, sizeof p, "st501.yaml");
  unlink(p);
}

/* --set values get the same checks as the file: NaN, infinity, overflow,
 * negative durations, nesting. */
static void sets(void) {
  char p[600];
  path_of(p, sizeof p, "ok.yaml");
  FILE *f = fopen(p, "w");
  fputs(base, f);
  fclose(f);
  struct {
    const char *set, *want;
  } cases[] = {
      {"trains.capacity=.nan", "--set:1:17: 'trains.capacity' must be a finite number, got '.nan'"},
      {"trains.capacity=-.inf", "--set:1:17: 'trains.capacity' must be a finite number, got '-.inf'"},
      {"running.turnaround_s=1e400",
       "--set:1:22: 'running.turnaround_s' must be a finite number, got '1e400'"},
      {"running.turnaround_s=-5", "'running.turnaround_s' must be in"},
      {"step_s=.NaN", "'step_s' must be"},
      {"period.start=.nan", "'period.start' must be a date YYYY-MM-DD (1900-2199), got '.nan'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rs_diag *d = rs_diag_alloc();
    const char *one[1] = {cases[i].set};
    CHECK(load("ok.yaml", one, 1, d) != RS_OK);
    CHECK(has(d, cases[i].want));
    rs_diag_free(d);
  }
  /* 65 nested lists in a --set value: one level more than allowed. */
  char deep[200] = "name=";
  for (int i = 0; i < 65; i++) strcat(deep, "[");
  for (int i = 0; i < 65; i++) strcat(deep, "]");
  rs_diag *d = rs_diag_alloc();
  const char *one[1] = {deep};
  CHECK(load("ok.yaml", one, 1, d) != RS_OK);
  CHECK(has(d, "nesting deeper than 64 levels"));
  rs_diag_free(d);
  unlink(p);
}

int main(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/rs_limits.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) return 1;
  file_size();
  stations();
  sets();
  CHECK(rmdir(dir) == 0);
  return check_done();
}
