/* One option parser for every command: the options a command accepts are a
 * table, and the same table prints its --help, so the help lists exactly what
 * the command accepts. The options shared by the commands (-o, --set, --plots,
 * -q, -j, --seed) are spelled, checked and described in one place. */
#ifndef RS__CLI_OPTS_H
#define RS__CLI_OPTS_H
#include <stddef.h>
#include <stdio.h>

/* The shared options a command may accept (bits of cli_spec.common). */
enum {
  CLI_O_OUT = 1,      /* -o, --output DIR */
  CLI_O_SET = 2,      /* --set key.path=value (repeatable) */
  CLI_O_PLOTS = 4,    /* --plots png|svg|pdf|none */
  CLI_O_QUIET = 8,    /* -q, --quiet: no progress, no printed summary */
  CLI_O_THREADS = 16, /* -j, --threads N (0: every CPU) */
  CLI_O_SEED = 32,    /* --seed N: the scenario's seed (same as --set seed=N) */
  CLI_O_PLOTS_NO_NONE = 64 /* with CLI_O_PLOTS: 'none' is not accepted */
};

typedef enum { CLI_FLAG, CLI_INT, CLI_DOUBLE, CLI_STR, CLI_LIST } cli_kind;

/* A growable list of string values (a repeatable option). */
typedef struct cli_list {
  const char **v;
  size_t n;
} cli_list;

/* One command-specific option. */
typedef struct cli_opt {
  const char *name;  /* "--draws" */
  const char *alias; /* "-n" or another long spelling, or NULL */
  const char *arg;   /* value name in the help ("N"), NULL for a flag */
  cli_kind kind;
  void *dest;        /* int* (FLAG, INT), double*, const char**, cli_list* */
  double lo, hi;     /* range of INT and DOUBLE values */
  const char *help;  /* one line */
} cli_opt;

typedef struct cli_spec {
  const char *name;     /* "run" */
  const char *args;     /* positional arguments in the usage line: "[SCENARIO]" */
  int min_pos, max_pos; /* how many positional arguments */
  const char *about;    /* the paragraph under the usage line */
  unsigned common;      /* CLI_O_* bits */
  const char *out_default; /* shown in the help of -o */
  const cli_opt *opts;
  size_t nopts;
} cli_spec;

/* The shared options' values and the positional arguments. */
#define CLI_MAX_POS 1024
typedef struct cli_args {
  const char *pos[CLI_MAX_POS];
  int npos;
  const char *outdir;   /* preset by the caller to its default */
  cli_list sets;        /* --set values, then --seed as "seed=N" */
  const char *plots;    /* preset by the caller to its default */
  int quiet;
  int threads;          /* 0 unless -j given: every CPU */
  int threads_given;
  char seed_set[32];
} cli_args;

/* Parse ARGV[1..] by SPEC into A and the options' destinations. Returns
 * 0 to go on, 1 when --help was printed (exit 0), or CLI_EUSAGE after a usage
 * error was printed. */
int cli_parse(const cli_spec *spec, int argc, char **argv, cli_args *a);
void cli_args_free(cli_args *a);
void cli_list_free(cli_list *l);
/* Print SPEC's usage and options on F. */
void cli_usage(const cli_spec *spec, FILE *f);
/* Thread count for the library: -j N, or every CPU when not given or 0. */
int cli_threads(const cli_args *a);
#endif
