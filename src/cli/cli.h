/* Shared pieces of the command line: exit codes, option helpers, the command table. */
#ifndef RS__CLI_H
#define RS__CLI_H
#include <stddef.h>
#include "cli/cli_opts.h"
#include "ridersim/progress.h"
#include "ridersim/ridersim.h"

/* Seconds on a monotonic clock (durations in printouts). */
double cli_now(void);

/* Exit codes of every command. */
enum { CLI_OK = 0, CLI_EINPUT = 1, CLI_EUSAGE = 2, CLI_ERUN = 3 };

/* Options common to the commands that load a scenario. */
typedef struct cli_common {
  const char *scenario;   /* NULL: the embedded default */
  const char *outdir;     /* -o DIR */
  const char **sets;      /* --set values, in order */
  size_t nsets;
  const char *plots;      /* --plots png|svg|pdf|none */
  int quiet;
} cli_common;

/* Try to consume argv[*i] (and its value) as a common option. Returns 1 when
 * consumed, 0 when not a common option, -1 on a usage error (printed). */
int cli_common_option(cli_common *c, int argc, char **argv, int *i);
void cli_common_free(cli_common *c);

/* Print every diagnostic of D on stderr, one per line. */
void cli_print_diag(const rs_diag *d);
/* Exit code for a library status. */
int cli_exit_code(int rc);
/* Load the scenario named by C (printing problems); NULL on failure, *exit set. */
rs_scenario *cli_load(const cli_common *c, int *exit_code);
/* Load SCENARIO (NULL: the built-in baseline, said on stderr unless quiet) with
 * A's --set values; prints its calendar-coverage note up to UNTIL (NULL: the
 * period's end). NULL on failure, *exit set. */
rs_scenario *cli_load_args(const char *cmd, const char *scenario, const cli_args *a,
                           const char *until, int *exit_code);
/* A progress reporter for CMD counting UNIT, TOTAL expected (0: unknown),
 * quiet with -q. */
rs_progress *cli_progress(const cli_args *a, const char *cmd, const char *unit, long total);
/* Print D's messages (or RC's text) and return the exit code of RC. RC comes
 * from reading input (an unreadable file is invalid input: 1) when INPUT is 1,
 * from running or writing (3) otherwise. */
int cli_fail(const char *cmd, const rs_diag *d, int rc, int input);

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_elasticity(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_sweep_merge(int argc, char **argv);
int cmd_import_gtfs(int argc, char **argv);
#endif
