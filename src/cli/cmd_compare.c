/* ridersim compare: a what-if against its base, with common random numbers and
 * 95% intervals over replications (docs/whatif.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/compare.h"
#include "ridersim/report.h"

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

static const char compare_about[] =
    "Runs BASE and WHATIF (scenario files; '-' for BASE is the built-in baseline) with\n"
    "the same random streams (common random numbers), N replications each (default 1),\n"
    "and prints the differences what-if minus base with 95% intervals (N >= 2):\n"
    "riders per day and over the period, by purpose and station, waits, journey\n"
    "times, crowding, refused boardings, stranded passengers, and the detail day by\n"
    "hour. DIR gets compare.yaml, compare.csv, daily_delta.csv, hourly.csv,\n"
    "plots/compare-* and report.html. --set applies to both scenarios.";

/* Load BASE (with --set then --base-set) and WHATIF (with --set). */
static int load_pair(const cli_args *a, const cli_list *bsets, rs_scenario **sb,
                     rs_scenario **sw) {
  int exit_code = CLI_OK;
  cli_args ab = *a;
  ab.sets.v = calloc(a->sets.n + bsets->n + 1, sizeof *ab.sets.v);
  if (!ab.sets.v) return CLI_ERUN;
  for (size_t i = 0; i < a->sets.n; i++) ab.sets.v[i] = a->sets.v[i];
  for (size_t i = 0; i < bsets->n; i++) ab.sets.v[a->sets.n + i] = bsets->v[i];
  ab.sets.n = a->sets.n + bsets->n;
  ab.quiet = 1; /* the calendar note once, for the what-if */
  *sb = cli_load_args("compare", strcmp(a->pos[0], "-") ? a->pos[0] : NULL, &ab, NULL, &exit_code);
  free(ab.sets.v);
  *sw = *sb ? cli_load_args("compare", strcmp(a->pos[1], "-") ? a->pos[1] : NULL, a, NULL,
                            &exit_code)
            : NULL;
  return exit_code;
}

static void print_result(const rs_compare *cmp, const cli_args *a, const rs_scenario *sb,
                         const rs_scenario *sw, int nrep) {
  printf("ridersim %s compare: %s -> %s (seeds %llu, %llu; %d replication%s)\n", rs_version(),
         a->pos[0], a->pos[1], (unsigned long long)rs_scenario_seed(sb),
         (unsigned long long)rs_scenario_seed(sw), nrep, nrep == 1 ? ", no interval" : "s");
  print_table(cmp);
  if (strcmp(rs_compare_detail_date(cmp, 0), rs_compare_detail_date(cmp, 1)))
    printf("  note: the detail days differ (base %s, what-if %s): the hourly figures compare\n"
           "  different dates; add --base-set output.detail_date=%s\n",
           rs_compare_detail_date(cmp, 0), rs_compare_detail_date(cmp, 1),
           rs_compare_detail_date(cmp, 1));
  printf("  outputs %s/\n", a->outdir);
}

int cmd_compare(int argc, char **argv) {
  rs_compare_options o;
  rs_compare_options_default(&o);
  cli_list bsets = {0};
  const cli_opt own[] = {
      {"--replications", NULL, "N", CLI_INT, &o.replications, 1, RS_MAX_REPLICATIONS,
       "replications of each side (default 1; 2 or more give 95% intervals)"},
      {"--base-set", NULL, "KEY=VALUE", CLI_LIST, &bsets, 0, 0,
       "override a key of the base only (repeatable)"},
      {"--expected", NULL, NULL, CLI_FLAG, &o.expected, 0, 0, "expected-value mode for both runs"},
  };
  const cli_spec spec = {"compare", "BASE WHATIF", 2, 2, compare_about,
                         CLI_O_OUT | CLI_O_SET | CLI_O_SEED | CLI_O_PLOTS | CLI_O_THREADS | CLI_O_QUIET,
                         "out-compare", own, sizeof own / sizeof own[0]};
  cli_args a = {.outdir = "out-compare", .plots = "png"};
  int e = cli_parse(&spec, argc, argv, &a);
  if (e) return cli_list_free(&bsets), cli_args_free(&a), e == 1 ? CLI_OK : e;
  o.threads = a.threads;
  rs_scenario *sb = NULL, *sw = NULL;
  int exit_code = load_pair(&a, &bsets, &sb, &sw);
  if (!sb || !sw) {
    rs_scenario_free(sb);
    cli_list_free(&bsets);
    cli_args_free(&a);
    return exit_code;
  }
  rs_diag *d = rs_diag_alloc();
  rs_compare *cmp = NULL;
  rs_outdir *od = NULL;
  int rc = rs_outdir_begin_kind(a.outdir, "compare", &od, d); /* before the runs */
  o.progress = cli_progress(&a, "compare", "days",
                            (long)(rs_scenario_days(sb) + rs_scenario_days(sw)) * o.replications);
  if (rc == RS_OK) rc = rs_compare_run(sb, sw, &o, &cmp);
  rs_progress_finish(o.progress);
  rs_progress_free(o.progress);
  if (rc == RS_OK) rc = rs_compare_write(cmp, rs_outdir_path(od), d);
  if (rc == RS_OK && strcmp(a.plots, "none") != 0)
    rc = rs_compare_plots(cmp, rs_outdir_path(od), a.plots, d);
  if (rc == RS_OK) rc = rs_report_write(rs_outdir_path(od), d);
  if (rc == RS_OK) {
    rc = rs_outdir_commit(od, d);
    od = NULL;
  }
  if (od) rs_outdir_abort(od);
  if (rc == RS_OK && !a.quiet) print_result(cmp, &a, sb, sw, o.replications);
  if (rc != RS_OK) exit_code = cli_fail("compare", d, rc, 0);
  rs_compare_free(cmp);
  rs_diag_free(d);
  rs_scenario_free(sb);
  rs_scenario_free(sw);
  cli_list_free(&bsets);
  cli_args_free(&a);
  return exit_code;
}
