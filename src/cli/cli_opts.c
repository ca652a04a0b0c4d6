/* The option parser shared by every command (cli_opts.h). */
#define _DEFAULT_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN) */
#include "cli/cli_opts.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"

/* The shared options, in the order the help lists them. */
static const struct {
  unsigned bit;
  const char *name, *alias, *arg, *help;
} shared[] = {
    {CLI_O_OUT, "--output", "-o", "DIR", "output folder (default "},
    {CLI_O_SET, "--set", NULL, "KEY=VALUE", "override a scenario key, typed and checked as in the file (repeatable)"},
    {CLI_O_SEED, "--seed", NULL, "N", "the scenario's random seed (same as --set seed=N)"},
    {CLI_O_PLOTS, "--plots", NULL, "FMT", "chart format: png (default), svg, pdf"},
    {CLI_O_THREADS, "--threads", "-j", "N", "worker threads (default 0: every CPU); results do not depend on N"},
    {CLI_O_QUIET, "--quiet", "-q", NULL, "no progress on stderr and no printed summary"},
};
#define NSHARED (sizeof shared / sizeof shared[0])

void cli_usage(const cli_spec *sp, FILE *f) {
  fprintf(f, "usage: ridersim %s%s%s [options]\n\n%s\n\noptions:\n", sp->name, sp->args[0] ? " " : "",
          sp->args, sp->about);
  char left[64];
  for (size_t i = 0; i < sp->nopts; i++) {
    const cli_opt *o = &sp->opts[i];
    snprintf(left, sizeof left, "%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "",
             o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    fprintf(f, "  %-24s %s\n", left, o->help);
  }
  for (size_t i = 0; i < NSHARED; i++) {
    if (!(sp->common & shared[i].bit)) continue;
    snprintf(left, sizeof left, "%s%s%s%s%s", shared[i].alias ? shared[i].alias : "",
             shared[i].alias ? ", " : "", shared[i].name, shared[i].arg ? " " : "",
             shared[i].arg ? shared[i].arg : "");
    fprintf(f, "  %-24s ", left);
    fputs(shared[i].help, f);
    if (shared[i].bit == CLI_O_OUT) fprintf(f, "%s)", sp->out_default ? sp->out_default : "out");
    if (shared[i].bit == CLI_O_PLOTS && !(sp->common & CLI_O_PLOTS_NO_NONE)) fputs(", or none", f);
    fputc('\n', f);
  }
  fprintf(f, "  %-24s %s\n", "-h, --help", "print this help and exit");
  fprintf(f, "\nexit codes: 0 success, 1 invalid input, 2 bad command line, 3 run-time failure\n");
}

void cli_list_free(cli_list *l) {
  free(l->v);
  l->v = NULL;
  l->n = 0;
}

void cli_args_free(cli_args *a) { cli_list_free(&a->sets); }

static int list_add(cli_list *l, const char *v) {
  const char **n = realloc(l->v, (l->n + 1) * sizeof *n);
  if (!n) return -1;
  l->v = n;
  l->v[l->n++] = v;
  return 0;
}

int cli_threads(const cli_args *a) {
  if (a->threads > 0) return a->threads;
  long c = sysconf(_SC_NPROCESSORS_ONLN);
  return c > 0 ? (int)c : 1;
}

/* A usage error: "ridersim CMD: WHAT 'ARG'EXTRA" and where the help is. */
static int bad(const cli_spec *sp, const char *what, const char *arg, const char *extra) {
  fprintf(stderr, "ridersim %s: %s '%s'%s\n(ridersim %s --help lists what it accepts)\n",
          sp->name, what, arg, extra, sp->name);
  return CLI_EUSAGE;
}

/* Does A name option NAME or ALIAS, as "-x", "--name", "--name=v" or "-xV"?
 * Sets *inl to an inline value. */
static int names(const char *a, const char *name, const char *alias, int takes, const char **inl) {
  *inl = NULL;
  const char *n[2] = {name, alias};
  for (int k = 0; k < 2; k++) {
    if (!n[k]) continue;
    size_t len = strlen(n[k]);
    if (strncmp(a, n[k], len)) continue;
    if (!a[len]) return 1;
    if (takes && a[len] == '=' && n[k][1] == '-') return *inl = a + len + 1, 1;
    if (takes && n[k][1] != '-' && len == 2) return *inl = a + len, 1; /* -j4 */
  }
  return 0;
}

static int num(const cli_spec *sp, const char *opt, const char *v, int is_int, double lo, double hi,
               double *out) {
  char *end;
  double x = is_int ? (double)strtol(v, &end, 10) : strtod(v, &end);
  if (!*v || *end || !(x >= lo && x <= hi)) {
    char range[64];
    snprintf(range, sizeof range, is_int ? "an integer %.0f..%.0f" : "a number %g..%g", lo, hi);
    fprintf(stderr, "ridersim %s: %s takes %s, not '%s'\n", sp->name, opt, range, v);
    return -1;
  }
  *out = x;
  return 0;
}

/* A shared option (index I of shared[]) with value V. */
static int take_shared(const cli_spec *sp, size_t i, const char *v, cli_args *a) {
  double x;
  switch (shared[i].bit) {
    case CLI_O_OUT: a->outdir = v; return 0;
    case CLI_O_SET: return list_add(&a->sets, v) ? CLI_ERUN : 0;
    case CLI_O_PLOTS:
      if (strcmp(v, "png") && strcmp(v, "svg") && strcmp(v, "pdf") &&
          ((sp->common & CLI_O_PLOTS_NO_NONE) || strcmp(v, "none")))
        return bad(sp, sp->common & CLI_O_PLOTS_NO_NONE ? "--plots takes png, svg or pdf, not"
                                                        : "--plots takes png, svg, pdf or none, not",
                   v, "");
      a->plots = v;
      return 0;
    case CLI_O_THREADS:
      if (num(sp, "-j/--threads", v, 1, 0, 4096, &x)) return CLI_EUSAGE;
      a->threads = (int)x;
      a->threads_given = 1;
      return 0;
    case CLI_O_SEED:
      if (num(sp, "--seed", v, 1, 0, 9.2e18, &x)) return CLI_EUSAGE;
      snprintf(a->seed_set, sizeof a->seed_set, "seed=%s", v);
      return 0;
    default: a->quiet = 1; return 0;
  }
}

static int take_own(const cli_spec *sp, const cli_opt *o, const char *v) {
  double x;
  switch (o->kind) {
    case CLI_FLAG: *(int *)o->dest = 1; return 0;
    case CLI_INT:
    case CLI_DOUBLE:
      if (num(sp, o->name, v, o->kind == CLI_INT, o->lo, o->hi, &x)) return CLI_EUSAGE;
      if (o->kind == CLI_INT) *(int *)o->dest = (int)x;
      else *(double *)o->dest = x;
      return 0;
    case CLI_STR: *(const char **)o->dest = v; return 0;
    default: return list_add(o->dest, v) ? CLI_ERUN : 0;
  }
}

/* One option at argv[*i]: 0 taken, -1 not an option we know, else an exit code. */
static int one_option(const cli_spec *sp, int argc, char **argv, int *i, cli_args *a) {
  const char *arg = argv[*i], *inl;
  for (size_t k = 0; k < sp->nopts + NSHARED; k++) {
    int own = k < sp->nopts;
    size_t j = own ? k : k - sp->nopts;
    if (!own && !(sp->common & shared[j].bit)) continue;
    const char *name = own ? sp->opts[j].name : shared[j].name;
    const char *alias = own ? sp->opts[j].alias : shared[j].alias;
    int takes = own ? sp->opts[j].arg != NULL : shared[j].arg != NULL;
    if (!names(arg, name, alias, takes, &inl)) continue;
    const char *v = inl;
    if (takes && !v) {
      if (*i + 1 >= argc) return bad(sp, "a value must follow", arg, "");
      v = argv[++*i];
    }
    return own ? take_own(sp, &sp->opts[j], v) : take_shared(sp, j, v, a);
  }
  return -1;
}

int cli_parse(const cli_spec *sp, int argc, char **argv, cli_args *a) {
  int only_pos = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (!only_pos && (!strcmp(arg, "-h") || !strcmp(arg, "--help"))) {
      cli_usage(sp, stdout);
      return 1;
    }
    if (!only_pos && !strcmp(arg, "--")) {
      only_pos = 1;
      continue;
    }
    if (!only_pos && arg[0] == '-' && arg[1]) {
      int rc = one_option(sp, argc, argv, &i, a);
      if (rc < 0) return bad(sp, "unknown option", arg, "");
      if (rc) return rc;
      continue;
    }
    if (a->npos >= sp->max_pos || a->npos >= CLI_MAX_POS)
      return bad(sp, "unexpected argument", arg, "");
    a->pos[a->npos++] = arg;
  }
  if (a->npos < sp->min_pos) return bad(sp, "missing argument:", sp->args, "");
  if (a->seed_set[0] && list_add(&a->sets, a->seed_set)) return CLI_ERUN;
  return 0;
}
