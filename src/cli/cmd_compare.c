/* ridersim compare: a what-if against its base, with common random numbers and
 * 95% intervals over replications (docs/whatif.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/compare.h"

static void compare_usage(FILE *f) {
  fprintf(f,
          "usage: ridersim compare BASE WHATIF [-o DIR] [--replications N] [--threads N]\n"
          "                        [--set key.path=value]... [--base-set key.path=value]...\n"
          "                        [--plots png|svg|pdf|none] [--expected] [-q]\n\n"
          "Runs BASE and WHATIF (scenario files; '-' for BASE is the built-in baseline) with\n"
          "the same random streams (common random numbers), N replications each (default 1),\n"
          "and prints the differences what-if minus base with 95%% intervals (N >= 2):\n"
          "riders per day and over the period, by purpose and station, waits, journey\n"
          "times, crowding, refused boardings, stranded passengers, and the detail day by\n"
          "hour. DIR (default out-compare) gets compare.yaml, compare.csv, daily_delta.csv,\n"
          "hourly.csv and plots/compare-*.  --set applies to both scenarios, --base-set to\n"
          "the base only. --threads: 0 (default) uses every CPU; results do not depend on it.\n");
}

static void print_fig(const rs_compare_figure *f, int nrep) {
  char ci[64] = "";
  if (nrep > 1 && !isnan(f->lo95)) snprintf(ci, sizeof ci, "[%+.4g, %+.4g]", f->lo95, f->hi95);
  char pct[24] = "";
  if (!isnan(f->pct)) snprintf(pct, sizeof pct, "%+.1f%%", f->pct);
  if (isnan(f->base) || isnan(f->whatif)) /* not computed (expected-value mode) */
    printf("  %-32s %14s %14s %14s %-26s %8s\n", f->name, "n/a", "n/a", "n/a", ci, pct);
  else
    printf("  %-32s %14.6g %14.6g %+14.6g %-26s %8s\n", f->name, f->base, f->whatif, f->diff, ci,
           pct);
}

static void print_table(const rs_compare *c) {
  int n = rs_compare_replications(c);
  printf("  %-32s %14s %14s %14s %-26s %8s\n", "figure", "base", "what-if", "difference",
         n > 1 ? "95% interval" : "(one replication:", n > 1 ? "" : "no CI)");
  const char *last = "";
  for (int i = 0; i < rs_compare_count(c); i++) {
    rs_compare_figure f;
    rs_compare_get(c, i, &f);
    if (!strcmp(f.group, "hourly")) continue;
    if (strcmp(last, f.group)) printf("  -- %s\n", f.group);
    last = f.group;
    print_fig(&f, n);
  }
  /* The detail day hour by hour, where either side has refusals or the waits differ. */
  int w0 = rs_compare_find(c, "wait_by_hour.00"), d0 = rs_compare_find(c, "denied_by_hour.00");
  int shown = 0;
  for (int h = 0; h < 24 && w0 >= 0 && d0 >= 0; h++) {
    rs_compare_figure w, dn;
    rs_compare_get(c, w0 + h, &w);
    rs_compare_get(c, d0 + h, &dn);
    int nw = isnan(w.base) || isnan(w.whatif); /* expected-value mode: not computed */
    if ((nw || w.base == w.whatif) && dn.base == 0 && dn.whatif == 0) continue;
    if (!shown++)
      printf("  -- detail day by hour: mean wait (min) and refused boardings\n"
             "  %-8s %10s %10s %10s %10s\n",
             "hour", "wait base", "what-if", "refused", "what-if");
    if (nw)
      printf("  %02d:00    %10s %10s %10.0f %10.0f\n", h, "n/a", "n/a", dn.base, dn.whatif);
    else
      printf("  %02d:00    %10.2f %10.2f %10.0f %10.0f\n", h, w.base, w.whatif, dn.base, dn.whatif);
  }
}

static int parse_count(const char *opt, const char *v, int lo, int hi, int *out) {
  char *end;
  long n = strtol(v, &end, 10);
  if (!*v || *end || n < lo || n > hi) {
    fprintf(stderr, "ridersim compare: %s takes an integer %d-%d, not '%s'\n", opt, lo, hi, v);
    return -1;
  }
  *out = (int)n;
  return 0;
}

int cmd_compare(int argc, char **argv) {
  cli_common c = {0};
  c.outdir = "out-compare";
  c.plots = "png";
  const char *paths[2] = {NULL, NULL};
  int npaths = 0;
  const char **bsets = NULL;
  size_t nbsets = 0;
  rs_compare_options o;
  rs_compare_options_default(&o);
  int exit_code = CLI_OK;
  for (int i = 1; i < argc; i++) {
    int k = cli_common_option(&c, argc, argv, &i);
    if (k < 0) goto usage_error;
    if (k > 0) continue;
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      compare_usage(stdout);
      goto done;
    }
    if (!strcmp(a, "--expected")) {
      o.expected = 1;
    } else if (!strcmp(a, "--replications") || !strcmp(a, "--threads") ||
               !strcmp(a, "--base-set")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "ridersim compare: option '%s' needs a value\n", a);
        goto usage_error;
      }
      const char *v = argv[++i];
      if (!strcmp(a, "--base-set")) {
        const char **nb = realloc(bsets, (nbsets + 1) * sizeof *nb);
        if (!nb) goto usage_error;
        bsets = nb;
        bsets[nbsets++] = v;
      } else if (!strcmp(a, "--replications")) {
        if (parse_count(a, v, 1, RS_MAX_REPLICATIONS, &o.replications)) goto usage_error;
      } else if (parse_count(a, v, 0, 1024, &o.threads)) {
        goto usage_error;
      }
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "ridersim compare: unknown option '%s'\n", a);
      goto usage_error;
    } else if (npaths == 2) {
      fprintf(stderr, "ridersim compare: two scenarios, BASE and WHATIF ('%s' is a third)\n", a);
      goto usage_error;
    } else {
      paths[npaths++] = a;
    }
  }
  if (npaths != 2) {
    fprintf(stderr, "ridersim compare: needs BASE and WHATIF\n");
    goto usage_error;
  }

  /* The base gets the common --set values, then its own --base-set values. */
  cli_common cb = c, cw = c;
  cb.scenario = strcmp(paths[0], "-") ? paths[0] : NULL;
  cw.scenario = strcmp(paths[1], "-") ? paths[1] : NULL;
  const char **all = calloc(c.nsets + nbsets + 1, sizeof *all);
  if (!all) {
    exit_code = CLI_ERUN;
    goto done;
  }
  for (size_t i = 0; i < c.nsets; i++) all[i] = c.sets[i];
  for (size_t i = 0; i < nbsets; i++) all[c.nsets + i] = bsets[i];
  cb.sets = all;
  cb.nsets = c.nsets + nbsets;
  rs_scenario *sb = cli_load(&cb, &exit_code);
  rs_scenario *sw = sb ? cli_load(&cw, &exit_code) : NULL;
  free(all);
  if (!sb || !sw) {
    rs_scenario_free(sb);
    goto done;
  }
  rs_diag *d = rs_diag_alloc();
  rs_compare *cmp = NULL;
  rs_outdir *od = NULL;
  int rc = rs_outdir_begin_kind(c.outdir, "compare", &od, d);
  if (rc == RS_OK) rc = rs_compare_run(sb, sw, &o, &cmp);
  if (rc == RS_OK) rc = rs_compare_write(cmp, rs_outdir_path(od), d);
  if (rc == RS_OK && strcmp(c.plots, "none") != 0)
    rc = rs_compare_plots(cmp, rs_outdir_path(od), c.plots, d);
  if (rc == RS_OK) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  if (rc == RS_OK && !c.quiet) {
    printf("ridersim %s compare: %s -> %s (seeds %llu, %llu; %d replication%s)\n", rs_version(),
           paths[0], paths[1], (unsigned long long)rs_scenario_seed(sb),
           (unsigned long long)rs_scenario_seed(sw), o.replications,
           o.replications == 1 ? ", no interval" : "s");
    print_table(cmp);
    if (strcmp(rs_compare_detail_date(cmp, 0), rs_compare_detail_date(cmp, 1)))
      printf("  note: the detail days differ (base %s, what-if %s): the hourly figures compare\n"
             "  different dates; add --base-set output.detail_date=%s\n",
             rs_compare_detail_date(cmp, 0), rs_compare_detail_date(cmp, 1), rs_compare_detail_date(cmp, 1));
    printf("  outputs %s/\n", c.outdir);
  }
  if (rc != RS_OK) {
    cli_print_diag(d);
    if (rs_diag_count(d) == 0) fprintf(stderr, "ridersim compare: %s\n", rs_strerror(rc));
    exit_code = cli_exit_code(rc);
    if (exit_code == CLI_OK) exit_code = CLI_ERUN;
  }
  rs_compare_free(cmp);
  rs_diag_free(d);
  rs_scenario_free(sb);
  rs_scenario_free(sw);
  goto done;
usage_error:
  compare_usage(stderr);
  exit_code = CLI_EUSAGE;
done:
  free(bsets);
  cli_common_free(&c);
  return exit_code;
}
