#define _POSIX_C_SOURCE 200809L /* strdup */
/* What report.html says: the head of each kind of page and a one-line reading
 * of each chart, worked out from the folder's files (report.h). */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "input/csvtable.h"
#include "plots/plots_charts.h"
#include "drivers/report.h"

void rs__report_kv_load(rs__report_kv *kv, const char *dir, const char *name) {
  char path[4200];
  kv->text = NULL;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "r");
  if (!f) return;
  size_t n = 0, cap = 8192;
  char *t = malloc(cap);
  while (t) {
    n += fread(t + n, 1, cap - n - 1, f);
    if (n < cap - 1 || cap >= (1u << 20)) break; /* the end, or a flat file's 1 MiB */
    char *u = realloc(t, cap * 2);
    if (!u) free(t);
    t = u, cap *= 2;
  }
  fclose(f);
  if (t) t[n] = 0;
  kv->text = t;
}

void rs__report_kv_free(rs__report_kv *kv) {
  free(kv->text);
  kv->text = NULL;
}

/* Lines as fgets with a 1024-byte buffer cuts them (a longer line goes on as
 * the next piece), so the answer is what reading the file line by line gave. */
void rs__report_kv_get(const rs__report_kv *kv, const char *key, char *out, size_t size) {
  out[0] = 0;
  size_t k = strlen(key);
  for (const char *p = kv->text; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
    if (len > 1023) len = 1023;
    if (len > k && !strncmp(p, key, k) && p[k] == ':') {
      const char *v = p + k + 1, *end = p + len;
      while (v < end && (*v == ' ' || *v == '"')) v++;
      size_t m = 0;
      while (v + m < end && v[m] != '\n') m++;
      while (m > 0 && v[m - 1] == '"') m--;
      snprintf(out, size, "%.*s", (int)m, v);
      return;
    }
    p += len;
  }
}

void rs__report_yaml(const char *dir, const char *name, const char *key, char *out, size_t size) {
  rs__report_kv kv;
  rs__report_kv_load(&kv, dir, name);
  rs__report_kv_get(&kv, key, out, size);
  rs__report_kv_free(&kv);
}

int rs__report_list_png(const char *dir, char ***names) {
  *names = NULL;
  DIR *dp = opendir(dir);
  if (!dp) return -1;
  int n = 0, cap = 0;
  for (struct dirent *e; (e = readdir(dp));) {
    size_t l = strlen(e->d_name);
    if (l < 5 || e->d_name[0] == '.' || strcmp(e->d_name + l - 4, ".png")) continue;
    if (n == cap) {
      char **nn = realloc(*names, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *nn);
      if (!nn) break;
      *names = nn;
    }
    (*names)[n++] = strdup(e->d_name);
  }
  closedir(dp);
  return n;
}

static rs__csvtable *rd(const char *dir, const char *name) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  rs__csvtable *t = NULL;
  return rs__csvtable_read(path, &t, NULL) == RS_OK ? t : NULL;
}

static double num(const rs__csvtable *t, int r, int c) {
  return c >= 0 ? strtod(rs__csvtable_str(t, r, c), NULL) : NAN;
}

static void fmt(double v, char *b, size_t n) { rs__plots_fmt_int(v, b, n); }

/* The day series: mean, busiest day, total. */
static void read_daily(const char *dir, int cumulative, char *out, size_t size) {
  rs__csvtable *t = rd(dir, "daily.csv");
  if (!t || t->nrow == 0) {
    snprintf(out, size, "riders by day (daily.csv)");
    rs__csvtable_free(t);
    return;
  }
  int cd = rs__csvtable_col(t, "date"), cr = rs__csvtable_col(t, "riders");
  int cc = rs__csvtable_col(t, "cumulative");
  double sum = 0, best = -1;
  int bi = 0;
  for (int r = 0; r < t->nrow; r++) {
    double v = num(t, r, cr);
    sum += v;
    if (v > best) best = v, bi = r;
  }
  char a[32], b[32], c[32];
  fmt(sum / t->nrow, a, sizeof a);
  fmt(best, b, sizeof b);
  fmt(num(t, t->nrow - 1, cc), c, sizeof c);
  if (cumulative)
    snprintf(out, size, "%s riders in total from %s to %s.", c, rs__csvtable_str(t, 0, cd),
             rs__csvtable_str(t, t->nrow - 1, cd));
  else
    snprintf(out, size, "%d days from %s to %s: %s riders a day on average; the busiest day, %s, "
             "had %s.", t->nrow, rs__csvtable_str(t, 0, cd), rs__csvtable_str(t, t->nrow - 1, cd),
             a, rs__csvtable_str(t, bi, cd), b);
  rs__csvtable_free(t);
}

/* The station with the most boardings (stations.csv, the detail day). */
static void read_boardings(const char *dir, char *out, size_t size) {
  rs__csvtable *t = rd(dir, "stations.csv");
  int cs = t ? rs__csvtable_col(t, "station") : -1, cb = t ? rs__csvtable_col(t, "boardings") : -1;
  char best[64] = "", cur[64] = "";
  double bv = -1, v = 0, all = 0;
  for (int r = 0; t && cs >= 0 && r <= t->nrow; r++) {
    const char *s = r < t->nrow ? rs__csvtable_str(t, r, cs) : "";
    if (r == t->nrow || strcmp(s, cur)) {
      if (cur[0] && v > bv) bv = v, snprintf(best, sizeof best, "%s", cur);
      snprintf(cur, sizeof cur, "%s", s);
      v = 0;
    }
    if (r < t->nrow) v += num(t, r, cb), all += num(t, r, cb);
  }
  char a[32], b[32];
  fmt(bv, a, sizeof a);
  fmt(all, b, sizeof b);
  if (best[0])
    snprintf(out, size, "On the detail day %s boardings; the busiest station, %s, had %s.", b, best, a);
  else
    snprintf(out, size, "boardings by station and hour of the detail day (stations.csv)");
  rs__csvtable_free(t);
}

/* Trains of the detail day (trains.csv): runs, first and last departures. */
static void read_trains(const char *dir, char *out, size_t size) {
  rs__csvtable *t = rd(dir, "trains.csv");
  int ct = t ? rs__csvtable_col(t, "train") : -1, cd = t ? rs__csvtable_col(t, "departure_s") : -1;
  int n = 0;
  double lo = INFINITY, hi = -INFINITY;
  for (int r = 0; t && ct >= 0 && r < t->nrow; r++) {
    if (r == 0 || strcmp(rs__csvtable_str(t, r, ct), rs__csvtable_str(t, r - 1, ct))) n++;
    double v = num(t, r, cd);
    lo = fmin(lo, v), hi = fmax(hi, v);
  }
  if (n)
    snprintf(out, size, "%d train runs on the detail day, the first leaving at %02d:%02d and the "
             "last stop served at %02d:%02d%s.", n, (int)(lo / 3600), (int)fmod(lo / 60, 60),
             (int)(hi / 3600), (int)fmod(hi / 60, 60), hi >= 86400 ? " (past midnight)" : "");
  else
    snprintf(out, size, "distance against time of every train of the detail day (trains.csv)");
  rs__csvtable_free(t);
}

/* "metro 96, hsr 118, ..." from the rows of commute.txt. */
static void read_commute(const char *dir, char *out, size_t size) {
  char path[4200], line[512];
  snprintf(path, sizeof path, "%s/commute.txt", dir);
  FILE *f = fopen(path, "r");
  size_t k = (size_t)snprintf(out, size, "Mean door-to-door minutes in the morning peak:");
  int n = 0, body = 0;
  while (f && fgets(line, sizeof line, f) && k < size) {
    char mode[32];
    double mean;
    if (strstr(line, "mode") && strstr(line, "mean")) body = 1;
    else if (body && sscanf(line, " %31s %lf", mode, &mean) == 2)
      k += (size_t)snprintf(out + k, size - k, "%s %s %.0f", n++ ? "," : "", mode, mean);
  }
  if (f) fclose(f);
  if (!n) snprintf(out, size, "door-to-door times by mode (commute.csv)");
  else if (k < size) snprintf(out + k, size - k, ".");
}

static void read_run(const char *dir, const char *name, char *out, size_t size) {
  char v[160], at[200];
  if (!strncmp(name, "daily", 5)) read_daily(dir, 0, out, size);
  else if (!strncmp(name, "cumulative", 10)) read_daily(dir, 1, out, size);
  else if (!strncmp(name, "boardings", 9)) read_boardings(dir, out, size);
  else if (!strncmp(name, "train-diagram", 13)) read_trains(dir, out, size);
  else if (!strncmp(name, "commute", 7)) read_commute(dir, out, size);
  else if (!strncmp(name, "load-profile", 12)) {
    rs__report_kv kv;
    rs__report_kv_load(&kv, dir, "summary.yaml");
    rs__report_kv_get(&kv, "phpdt", v, sizeof v);
    rs__report_kv_get(&kv, "phpdt_at", at, sizeof at);
    rs__report_kv_free(&kv);
    snprintf(out, size, "Peak-hour peak-direction load (PHPDT) %s passengers, %s; the bars are "
             "the section loads of the peak hour against the capacity line.", v[0] ? v : "-",
             at[0] && strcmp(at, "null") ? at : "no train simulated");
  } else {
    snprintf(out, size, "drawn from this folder's tables");
  }
}

/* A figure of compare.csv: base, what-if, difference, percentage. */
static int cmp_fig(const rs__csvtable *t, const char *name, double v[4]) {
  int cf = rs__csvtable_col(t, "figure");
  static const char *const cols[4] = {"base", "whatif", "diff", "pct"};
  for (int r = 0; cf >= 0 && r < t->nrow; r++)
    if (!strcmp(rs__csvtable_str(t, r, cf), name)) {
      for (int k = 0; k < 4; k++) v[k] = num(t, r, rs__csvtable_col(t, cols[k]));
      return 1;
    }
  return 0;
}

static void read_compare(const char *dir, const char *name, char *out, size_t size) {
  rs__csvtable *t = rd(dir, "compare.csv");
  double v[4];
  char a[32], b[32];
  snprintf(out, size, "what-if against base (compare.csv)");
  if (!t) return;
  if (!strncmp(name, "compare-daily", 13) && cmp_fig(t, "riders_per_day", v)) {
    fmt(v[2], a, sizeof a);
    snprintf(out, size, "The what-if carries %s%s riders a day more than the base (%+.1f%%).",
             v[2] >= 0 ? "+" : "", a, v[3]);
  } else if (!strncmp(name, "compare-hourly", 14) && cmp_fig(t, "mean_wait_min", v)) {
    snprintf(out, size, "Mean wait %.2f min in the base, %.2f in the what-if (%+.2f min).", v[0],
             v[1], v[2]);
  } else if (!strncmp(name, "compare-stations", 16)) {
    int cf = rs__csvtable_col(t, "figure"), cd = rs__csvtable_col(t, "diff"), bi = -1;
    double best = -1;
    for (int r = 0; cf >= 0 && r < t->nrow; r++)
      if (!strncmp(rs__csvtable_str(t, r, cf), "boardings_per_day.", 18) &&
          fabs(num(t, r, cd)) > best)
        best = fabs(num(t, r, cd)), bi = r;
    if (bi >= 0) {
      fmt(num(t, bi, cd), b, sizeof b);
      snprintf(out, size, "The largest change is at %s: %s%s boardings a day.",
               rs__csvtable_str(t, bi, cf) + 18, num(t, bi, cd) >= 0 ? "+" : "", b);
    }
  }
  rs__csvtable_free(t);
}

static void read_forecast(const char *dir, const char *name, char *out, size_t size) {
  char a[32], b[32], c[32];
  snprintf(out, size, "forecast quantiles (forecast.csv)");
  if (!strncmp(name, "forecast_daily", 14)) {
    rs__csvtable *t = rd(dir, "years.csv");
    if (t && t->nrow > 0) {
      int r = t->nrow - 1;
      fmt(num(t, r, rs__csvtable_col(t, "mean_daily_p50")), a, sizeof a);
      fmt(num(t, r, rs__csvtable_col(t, "mean_daily_p5")), b, sizeof b);
      fmt(num(t, r, rs__csvtable_col(t, "mean_daily_p95")), c, sizeof c);
      snprintf(out, size, "In %s the median forecast is %s riders a day (90%% interval %s to %s).",
               rs__csvtable_str(t, r, 0), a, b, c);
    }
    rs__csvtable_free(t);
  } else if (!strncmp(name, "forecast_cumulative", 19)) {
    rs__csvtable *t = rd(dir, "forecast.csv");
    if (t && t->nrow > 0) {
      int r = t->nrow - 1;
      fmt(num(t, r, rs__csvtable_col(t, "cumulative_p50")), a, sizeof a);
      fmt(num(t, r, rs__csvtable_col(t, "cumulative_p5")), b, sizeof b);
      fmt(num(t, r, rs__csvtable_col(t, "cumulative_p95")), c, sizeof c);
      snprintf(out, size, "By %s the median is %s riders in total (90%% interval %s to %s); "
               "milestone dates are in the table above.", rs__csvtable_str(t, r, 0), a, b, c);
    }
    rs__csvtable_free(t);
  }
}

void rs__report_reading(const char *dir, rs_folder_kind kind, const char *name, char *out,
                        size_t size) {
  if (kind == RS_FOLDER_RUN) read_run(dir, name, out, size);
  else if (kind == RS_FOLDER_COMPARE) read_compare(dir, name, out, size);
  else read_forecast(dir, name, out, size);
}

/* Title, scenario, hash and seed from a YAML header of DIR. */
static void head(FILE *f, const char *dir, const char *yaml, const char *what) {
  char name[300], path[1100], hash[40], seed[40];
  rs__report_kv kv;
  rs__report_kv_load(&kv, dir, yaml);
  rs__report_kv_get(&kv, "scenario_name", name, sizeof name);
  rs__report_kv_get(&kv, "scenario", path, sizeof path);
  rs__report_kv_get(&kv, "scenario_hash", hash, sizeof hash);
  rs__report_kv_get(&kv, "seed", seed, sizeof seed);
  rs__report_kv_free(&kv);
  fputs("<h1>", f);
  rs__html_text(f, what);
  fputs(": ", f);
  rs__html_text(f, name[0] ? name : path);
  fputs("</h1>\n<p>Scenario <code>", f);
  rs__html_text(f, path);
  fputs("</code>, hash <code>", f);
  rs__html_text(f, hash);
  fputs("</code>, seed ", f);
  rs__html_text(f, seed);
  fputs(".</p>\n", f);
}

void rs__report_run(FILE *f, const char *dir) {
  head(f, dir, "summary.yaml", "ridersim run");
  static const char *const keys[][2] = {
      {"days", "days simulated"}, {"riders", "riders"}, {"delivered", "delivered"},
      {"stranded", "stranded"}, {"replications", "replications"},
      {"mean_wait_s", "mean wait (s)"}, {"p95_wait_s", "95th percentile wait (s)"},
      {"mean_ride_s", "mean ride (s)"}, {"passenger_km", "passenger-km"},
      {"fare_revenue", "fare revenue (yuan)"}, {"train_km", "train-km"}, {"car_km", "car-km"},
      {"phpdt", "PHPDT (passengers per hour, one direction)"}, {"phpdt_at", "PHPDT at"},
      {"max_load_factor", "highest load factor"}, {"denied_boardings", "denied boardings"},
      {"fleet_required", "trains needed at most"}, {"fleet", "trains available"}};
  fputs("<h2>Key figures</h2>\n<table><tr><th>figure</th><th>value</th></tr>\n", f);
  rs__report_kv kv;
  rs__report_kv_load(&kv, dir, "summary.yaml");
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    char v[300];
    rs__report_kv_get(&kv, keys[i][0], v, sizeof v);
    if (!v[0]) continue;
    char num_s[40];
    char *end;
    double x = strtod(v, &end);
    fprintf(f, "<tr><td>%s</td><td>", keys[i][1]);
    if (*end == 0 && end != v && fabs(x) >= 1000) fmt(x, num_s, sizeof num_s), rs__html_text(f, num_s);
    else rs__html_text(f, v);
    fputs("</td></tr>\n", f);
  }
  rs__report_kv_free(&kv);
  fputs("</table>\n", f);
  static const char *const oc[] = {"id", "kind", "start", "end", "observed", "simulated",
                                   "error_pct", "bound", "within"};
  char p[4200];
  snprintf(p, sizeof p, "%s/observed.csv", dir);
  FILE *probe = fopen(p, "r");
  if (probe) {
    fclose(probe);
    fputs("<h2>Observed beside simulated</h2>\n", f);
    rs__html_csv(f, dir, "observed.csv", oc, 9, 200);
  }
  snprintf(p, sizeof p, "%s/commute.txt", dir);
  probe = fopen(p, "r");
  if (probe) {
    fputs("<h2>Commute times, door to door</h2>\n<pre>", f);
    char line[512];
    while (fgets(line, sizeof line, probe)) rs__html_text(f, line);
    fputs("</pre>\n", f);
    fclose(probe);
  }
  fputs("<h2>By year</h2>\n", f);
  rs__html_csv(f, dir, "years.csv", NULL, 0, 100);
}

void rs__report_compare(FILE *f, const char *dir) {
  char n[40];
  rs__report_yaml(dir, "compare.yaml", "replications", n, sizeof n);
  fputs("<h1>ridersim compare</h1>\n", f);
  /* compare.yaml nests base: and whatif: blocks: show both scenario lines */
  char path[4200], line[1024];
  snprintf(path, sizeof path, "%s/compare.yaml", dir);
  FILE *y = fopen(path, "r");
  fputs("<table><tr><th>side</th><th>scenario</th></tr>\n", f);
  const char *side = "";
  while (y && fgets(line, sizeof line, y)) {
    if (!strncmp(line, "base:", 5)) side = "base";
    else if (!strncmp(line, "whatif:", 7)) side = "what-if";
    else if (side[0] && (strstr(line, "  name:") || strstr(line, "  hash:") || strstr(line, "  scenario:"))) {
      fprintf(f, "<tr><td>%s</td><td>", side);
      rs__html_text(f, line + 2);
      fputs("</td></tr>\n", f);
    }
  }
  if (y) fclose(y);
  fputs("</table>\n", f);
  fprintf(f, "<p>%s replication(s), common random numbers; differences are what-if minus base.</p>\n", n);
  static const char *const cc[] = {"figure", "base", "whatif", "diff", "lo95", "hi95", "pct"};
  fputs("<h2>Key figures</h2>\n", f);
  rs__html_csv(f, dir, "compare.csv", cc, 7, 26);
}

void rs__report_forecast(FILE *f, const char *dir) {
  head(f, dir, "forecast.yaml", "ridersim forecast");
  char dr[40], un[40];
  rs__report_yaml(dir, "forecast.yaml", "draws", dr, sizeof dr);
  rs__report_yaml(dir, "forecast.yaml", "until", un, sizeof un);
  fprintf(f, "<p>%s draws to ", dr);
  rs__html_text(f, un);
  fputs(".</p>\n<h2>Mean riders per day by year</h2>\n", f);
  rs__html_csv(f, dir, "years.csv", NULL, 0, 100);
  fputs("<h2>Milestones (cumulative riders)</h2>\n", f);
  rs__html_csv(f, dir, "milestones.csv", NULL, 0, 100);
  fputs("<h2>Parameters drawn</h2>\n", f);
  rs__html_csv(f, dir, "params.csv", NULL, 0, 100);
}
