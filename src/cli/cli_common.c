/* Option parsing and messages shared by the commands. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"

int cli_common_option(cli_common *c, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  const char *val = NULL;
  int is_o = !strcmp(a, "-o") || !strcmp(a, "--output");
  int is_set = !strcmp(a, "--set");
  int is_plots = !strcmp(a, "--plots");
  if (!strncmp(a, "--set=", 6)) is_set = 1, val = a + 6;
  if (!strncmp(a, "--output=", 9)) is_o = 1, val = a + 9;
  if (!strncmp(a, "--plots=", 8)) is_plots = 1, val = a + 8;
  if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
    c->quiet = 1;
    return 1;
  }
  if (!is_o && !is_set && !is_plots) return 0;
  if (!val) {
    if (*i + 1 >= argc) {
      fprintf(stderr, "ridersim: option '%s' needs a value\n", a);
      return -1;
    }
    val = argv[++*i];
  }
  if (is_o) c->outdir = val;
  if (is_plots) {
    if (strcmp(val, "png") && strcmp(val, "svg") && strcmp(val, "pdf") && strcmp(val, "none")) {
      fprintf(stderr, "ridersim: --plots takes png, svg, pdf or none, not '%s'\n", val);
      return -1;
    }
    c->plots = val;
  }
  if (is_set) {
    const char **n = realloc(c->sets, (c->nsets + 1) * sizeof *n);
    if (!n) return -1;
    c->sets = n;
    c->sets[c->nsets++] = val;
  }
  return 1;
}

void cli_common_free(cli_common *c) {
  free(c->sets);
  c->sets = NULL;
  c->nsets = 0;
}

void cli_print_diag(const rs_diag *d) {
  for (size_t i = 0; i < rs_diag_count(d); i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  if (rs_diag_omitted(d))
    fprintf(stderr, "ridersim: %zu more message%s not shown\n", rs_diag_omitted(d),
            rs_diag_omitted(d) == 1 ? "" : "s");
}

int cli_exit_code(int rc) {
  switch (rc) {
    case RS_OK: return CLI_OK;
    case RS_ESYNTAX:
    case RS_EINVAL:
    case RS_ELIMIT: return CLI_EINPUT;
    case RS_EUSAGE: return CLI_EUSAGE;
    default: return CLI_ERUN;
  }
}

rs_scenario *cli_load(const cli_common *c, int *exit_code) {
  rs_diag *d = rs_diag_alloc();
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(c->scenario, c->sets, c->nsets, &s, d);
  if (rc == RS_OK) cli_print_diag(d); /* warnings (a deprecated key) */
  if (rc != RS_OK) {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim: %s\n", rs_strerror(rc));
    *exit_code = rc == RS_EIO ? CLI_EINPUT : cli_exit_code(rc);
    s = NULL;
  }
  /* Plausibility warnings: said, never fatal. */
  for (size_t i = 0; i < rs_scenario_warning_count(s); i++)
    fprintf(stderr, "%s\n", rs_scenario_warning(s, i));
  rs_diag_free(d);
  return s;
}

double cli_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

rs_scenario *cli_load_args(const char *cmd, const char *scenario, const cli_args *a,
                           const char *until, int *exit_code) {
  if (!scenario && !a->quiet)
    fprintf(stderr, "ridersim %s: no scenario given: running the built-in Ziyang Line baseline\n",
            cmd);
  cli_common c = {0};
  c.scenario = scenario;
  c.sets = a->sets.v;
  c.nsets = a->sets.n;
  rs_scenario *s = cli_load(&c, exit_code);
  char note[1024];
  if (s && !a->quiet && rs_scenario_calendar_note(s, until, note, sizeof note))
    fprintf(stderr, "note: %s\n", note);
  return s;
}

rs_progress *cli_progress(const cli_args *a, const char *cmd, const char *unit, long total) {
  rs_progress *p = rs_progress_new(cmd, unit, rs_progress_auto_mode(a->quiet));
  rs_progress_expect(p, total);
  /* RIDERSIM_PROGRESS_DELAY=S: report after S seconds (tests use 0) */
  const char *delay = getenv("RIDERSIM_PROGRESS_DELAY");
  if (delay) rs_progress_set_delay(p, atof(delay));
  return p;
}

int cli_fail(const char *cmd, const rs_diag *d, int rc, int input) {
  cli_print_diag(d);
  if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim %s: %s\n", cmd, rs_strerror(rc));
  if (input && (rc == RS_EIO || rc == RS_ECALIB)) return CLI_EINPUT;
  int e = cli_exit_code(rc);
  return e == CLI_OK ? CLI_ERUN : e;
}
