/* ridersim check: recognise a file ridersim reads by its content (scenario,
 * sweep spec, calendar, observed figures, trips CSV, departures CSV) and
 * validate it, printing every problem as FILE:LINE:COL: message. */
#define _DEFAULT_SOURCE /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "ridersim/sweep.h"

enum kind { K_SCENARIO, K_SWEEP, K_CALENDAR, K_OBSERVED, K_TRIPS, K_DEPARTURES, K_UNKNOWN_CSV };
static const char *const kind_name[] = {"scenario", "sweep spec", "calendar", "observed figures",
                                        "trips CSV", "departures CSV", "CSV file"};

/* A top-level YAML key KEY at the start of a line, or the CSV header. */
static enum kind sniff(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return K_SCENARIO; /* the loader says why it cannot be read */
  char line[4096];
  enum kind k = K_SCENARIO;
  int first = 1;
  while (fgets(line, sizeof line, f)) {
    if (first && line[0] != '#' && !strchr(line, ':') && strchr(line, ',')) {
      k = strstr(line, "origin") && strstr(line, "destination") ? K_TRIPS
          : strstr(line, "train") && strstr(line, "station")   ? K_DEPARTURES
                                                               : K_UNKNOWN_CSV;
      break;
    }
    if (line[0] != '#' && line[0] != '\n') first = 0;
    if (!strncmp(line, "sweep:", 6)) k = K_SWEEP;
    else if (!strncmp(line, "ridersim_calendar:", 18) || !strncmp(line, "holidays:", 9)) k = K_CALENDAR;
    else if (!strncmp(line, "ridersim_observed:", 18) || !strncmp(line, "observations:", 13)) k = K_OBSERVED;
    if (k != K_SCENARIO) break;
  }
  fclose(f);
  return k;
}

/* Observed figures and CSV inputs are checked inside a scenario: --scenario S,
 * else the built-in baseline (its stations and modes name what they refer to). */
static int check_in_scenario(const char *path, enum kind k, const char *within, const cli_args *a) {
  char abs[PATH_MAX], set[PATH_MAX + 40];
  if (!realpath(path, abs)) snprintf(abs, sizeof abs, "%s", path);
  const char *key = k == K_OBSERVED ? "observed" : k == K_TRIPS ? "demand.trips_csv"
                                                                : "timetable.departures_csv";
  snprintf(set, sizeof set, "%s=%s", key, abs);
  cli_args b = *a;
  b.quiet = 1;
  b.sets.v = calloc(a->sets.n + 2, sizeof *b.sets.v);
  if (!b.sets.v) return CLI_ERUN;
  for (size_t i = 0; i < a->sets.n; i++) b.sets.v[i] = a->sets.v[i];
  b.sets.n = a->sets.n;
  b.sets.v[b.sets.n++] = set;
  int e = CLI_OK;
  rs_scenario *s = cli_load_args("check", within ? within : "(builtin)/ziyang/baseline.yaml",
                                 &b, NULL, &e);
  free(b.sets.v);
  if (s)
    printf("%s: ok (%s, read as %s of %s)\n", path, kind_name[k], key,
           within ? within : "the built-in Ziyang Line baseline; --scenario S names another line");
  rs_scenario_free(s);
  return e;
}

static int check_one(const char *path, const char *within, const cli_args *a) {
  enum kind k = sniff(path);
  rs_diag *d = rs_diag_alloc();
  int e = CLI_OK, rc = RS_OK;
  if (k == K_SWEEP) {
    rs_sweep_spec *sp = NULL;
    rc = rs_sweep_spec_load(path, &sp, d);
    if (rc == RS_OK)
      printf("%s: ok (sweep spec, %ld points x %d replications)\n", path, rs_sweep_points(sp),
             rs_sweep_replications(sp));
    rs_sweep_spec_free(sp);
  } else if (k == K_CALENDAR) {
    int nh, ns;
    rc = rs_calendar_check(path, &nh, &ns, d);
    if (rc == RS_OK) printf("%s: ok (calendar, %d holidays, %d seasons)\n", path, nh, ns);
  } else if (k == K_UNKNOWN_CSV) {
    fprintf(stderr, "%s:1:1: a CSV file ridersim does not read: trips have the columns "
                    "id,origin,destination,time, departures train,station,arrival,departure\n", path);
    e = CLI_EINPUT;
  } else if ((k == K_TRIPS || k == K_DEPARTURES) && !within) {
    fprintf(stderr, "ridersim check: %s is a %s; its station ids are a line's: name the scenario "
                    "it belongs to with --scenario S\n", path, kind_name[k]);
    e = CLI_EUSAGE;
  } else if (k != K_SCENARIO) {
    e = check_in_scenario(path, k, within, a);
  } else {
    rs_scenario *s = cli_load_args("check", path, a, NULL, &e);
    if (s) printf("%s: ok (scenario, hash %016llx)\n", path, (unsigned long long)rs_scenario_hash(s));
    rs_scenario_free(s);
  }
  if (rc != RS_OK) e = cli_fail("check", d, rc, 1);
  rs_diag_free(d);
  return e;
}

int cmd_check(int argc, char **argv) {
  const char *within = NULL;
  const cli_opt own[] = {
      {"--scenario", NULL, "S", CLI_STR, &within, 0, 0,
       "the scenario an observed, trips or departures file belongs to"},
  };
  const cli_spec spec = {
      "check", "FILE...", 1, 8,
      "Recognises each FILE by its content -- scenario, sweep spec, calendar, observed\n"
      "figures, trips CSV, departures CSV -- and validates it (a scenario with its\n"
      "extends chain and CSV files), printing every problem as FILE:LINE:COL: message.\n"
      "Exit 0 when every FILE is valid, 1 when one is not. --set applies to scenarios.",
      CLI_O_SET, NULL, own, sizeof own / sizeof own[0]};
  cli_args a = {0};
  int e = cli_parse(&spec, argc, argv, &a);
  if (e) return cli_args_free(&a), e == 1 ? CLI_OK : e;
  a.quiet = 1; /* check runs nothing: no baseline note, no progress */
  int worst = CLI_OK;
  for (int i = 0; i < a.npos; i++) {
    int r = check_one(a.pos[i], within, &a);
    if (r > worst) worst = r;
  }
  cli_args_free(&a);
  return worst;
}
