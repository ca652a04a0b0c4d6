/* Fuzz entry (see fuzz_entry.h): split a bundle into files, write them into a
 * scratch directory, and run every input reader on them. */
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#undef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* nftw */
#endif
#include "fuzz_entry.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "input/calendar_bind.h"
#include "ridersim/gtfs.h"
#include "input/csv.h"
#include "ridersim/ridersim.h"
#include "input/yamldoc.h"

typedef struct rs_fuzz_part {
  char name[48];
  char *buf;
  size_t len, cap;
} rs_fuzz_part;

typedef struct rs_fuzz_bundle {
  rs_fuzz_part part[RS__FUZZ_MAX_FILES];
  int nparts, cur;
  char *sets[RS__FUZZ_MAX_SETS];
  int nsets;
} rs_fuzz_bundle;

static int rs_fuzz_append(rs_fuzz_part *p, const char *s, size_t n) {
  if (p->len + n + 1 > p->cap) {
    size_t cap = p->cap ? p->cap : 256;
    while (cap < p->len + n + 1) cap *= 2;
    char *q = realloc(p->buf, cap);
    if (!q) return -1;
    p->buf = q;
    p->cap = cap;
  }
  memcpy(p->buf + p->len, s, n);
  p->len += n;
  p->buf[p->len] = 0;
  return 0;
}

/* A file name the bundle may use: no paths, nothing hidden. */
static int rs_fuzz_name_ok(const char *s, size_t n) {
  if (n == 0 || n > 40 || s[0] == '.') return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '.' || c == '_' || c == '-'))
      return 0;
  }
  return 1;
}

static int rs_fuzz_open(rs_fuzz_bundle *b, const char *name, size_t n) {
  for (int i = 0; i < b->nparts; i++)
    if (strlen(b->part[i].name) == n && !memcmp(b->part[i].name, name, n)) {
      b->cur = i;
      b->part[i].len = 0; /* a repeated name starts the file again */
      return 0;
    }
  if (b->nparts == RS__FUZZ_MAX_FILES) return -1;
  rs_fuzz_part *p = &b->part[b->nparts];
  memcpy(p->name, name, n);
  p->name[n] = 0;
  b->cur = b->nparts++;
  return 0;
}

static void rs_fuzz_split(rs_fuzz_bundle *b, const char *s, size_t n) {
  static const char kfile[] = "#@file ", kset[] = "#@set ";
  rs_fuzz_open(b, "scenario.yaml", strlen("scenario.yaml"));
  size_t pos = 0;
  while (pos < n) {
    const char *nl = memchr(s + pos, '\n', n - pos);
    size_t end = nl ? (size_t)(nl - s) + 1 : n; /* line is s[pos, end) with its newline */
    size_t body = end - pos, text = body;
    while (text > 0 && (s[pos + text - 1] == '\n' || s[pos + text - 1] == '\r')) text--;
    if (text > sizeof kfile - 1 && !memcmp(s + pos, kfile, sizeof kfile - 1)) {
      const char *nm = s + pos + sizeof kfile - 1;
      size_t nn = text - (sizeof kfile - 1);
      if (!rs_fuzz_name_ok(nm, nn) || rs_fuzz_open(b, nm, nn) < 0) b->cur = -1;
    } else if (text >= sizeof kset - 1 && !memcmp(s + pos, kset, sizeof kset - 1)) {
      size_t sn = text - (sizeof kset - 1);
      if (b->nsets < RS__FUZZ_MAX_SETS && !memchr(s + pos + sizeof kset - 1, 0, sn)) {
        char *v = malloc(sn + 1);
        if (v) {
          memcpy(v, s + pos + sizeof kset - 1, sn);
          v[sn] = 0;
          b->sets[b->nsets++] = v;
        }
      }
    } else if (b->cur >= 0) {
      rs_fuzz_append(&b->part[b->cur], s + pos, body);
    }
    pos = end;
  }
}

static int rs_fuzz_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcmp(s + n - k, suffix);
}

static void rs_fuzz_yaml(const rs_fuzz_part *p) {
  rs_diag *d = rs_diag_alloc();
  rs__ydoc *doc = NULL;
  if (rs__ydoc_load_buffer(p->name, p->buf ? p->buf : "", p->len, &doc, d) == RS_OK)
    rs__ydoc_free(doc);
  rs__calendar *cal = rs__calendar_alloc();
  if (cal) {
    rs__calendar_load_buffer(cal, p->name, p->buf ? p->buf : "", p->len, d);
    int32_t first, last;
    rs__calendar_span(cal, &first, &last);
    rs__calendar_free(cal);
  }
  rs_diag_free(d);
}

static void rs_fuzz_csv(const rs_fuzz_part *p) {
  rs_diag *d = rs_diag_alloc();
  rs__csv *c = malloc(sizeof *c);
  if (c && rs__csv_init(c, p->name, p->buf ? p->buf : "", p->len, d) == RS_OK) {
    static const char *const cols[] = {"from", "to", "time"};
    int idx[3];
    rs__csv_header(c, cols, 3, idx, d); /* records are read on after a bad header */
    for (int k = 0; k < 100000 && rs__csv_next(c, d) != 0; k++) continue;
  }
  free(c);
  rs_diag_free(d);
}

/* Load PATH (a scenario.yaml) as `ridersim check` would, with B's --set. */
static int rs_fuzz_scenario(const char *path, const rs_fuzz_bundle *b) {
  rs_diag *d = rs_diag_alloc();
  if (!d) return 0;
  rs_scenario *s = NULL;
  int rc = rs_scenario_load(path, b ? (const char *const *)b->sets : NULL, b ? (size_t)b->nsets : 0,
                            &s, d);
  int bad = 0;
  if (rc != RS_OK && rc != RS_ENOMEM && rs_diag_count(d) == 0) {
    fprintf(stderr, "fuzz: scenario refused (%s) without a message\n", rs_strerror(rc));
    bad = 1;
  }
  if (rc == RS_OK) {
    rs_sim *sim = NULL;
    int src = rs_sim_create(s, &sim);
    if (src != RS_OK && src != RS_ENOMEM) {
      fprintf(stderr, "fuzz: valid scenario but rs_sim_create failed: %s\n", rs_strerror(src));
      bad = 1;
    }
    rs_sim_free(sim);
  }
  rs_scenario_free(s);
  rs_diag_free(d);
  return bad ? -1 : 0;
}

static int rs_fuzz_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb, (void)flag, (void)ftw;
  return remove(path);
}

/* The first field of routes.txt's second line when the bundle names more
 * than one route (no quotes, at most SIZE - 1 bytes); NULL otherwise, so the
 * import picks the feed's only rail route itself. */
static const char *rs_fuzz_first_route(const rs_fuzz_bundle *b, char *buf, size_t size) {
  for (int i = 0; i < b->nparts; i++) {
    const rs_fuzz_part *p = &b->part[i];
    if (strcmp(p->name, "routes.txt") || !p->buf) continue;
    const char *l2 = strchr(p->buf, '\n');
    if (!l2 || !strchr(l2 + 1, '\n') || !strchr(strchr(l2 + 1, '\n') + 1, ',')) return NULL;
    size_t n = strcspn(l2 + 1, ",\r\n\"");
    if (n == 0 || n >= size) return NULL;
    memcpy(buf, l2 + 1, n);
    buf[n] = 0;
    return buf;
  }
  return NULL;
}

/* The bundle's .txt files as a GTFS feed in DIR/feed/, listed and imported
 * into DIR/out/ (both removed again); 0, or -1 when an invariant failed. */
static int rs_fuzz_gtfs(const char *dir, const rs_fuzz_bundle *b) {
  char feed[1100], out[1100], path[1200];
  snprintf(feed, sizeof feed, "%s/feed", dir);
  snprintf(out, sizeof out, "%s/out", dir);
  nftw(out, rs_fuzz_rm, 16, FTW_DEPTH | FTW_PHYS); /* an earlier input's, if it crashed */
  nftw(feed, rs_fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
  if (mkdir(feed, 0700) != 0) return -2;
  for (int i = 0; i < b->nparts; i++) {
    if (!rs_fuzz_ends_with(b->part[i].name, ".txt")) continue;
    snprintf(path, sizeof path, "%s/%s", feed, b->part[i].name);
    FILE *f = fopen(path, "wb");
    if (f && b->part[i].len) fwrite(b->part[i].buf, 1, b->part[i].len, f);
    if (f) fclose(f);
  }
  int bad = 0;
  rs_diag *d = rs_diag_alloc();
  FILE *sink = fopen("/dev/null", "w");
  if (d && sink) {
    rs_gtfs_list(feed, sink, d);
    rs_diag_free(d);
    d = rs_diag_alloc();
    char route[64];
    rs_gtfs_options o = {feed, rs_fuzz_first_route(b, route, sizeof route), NULL, NULL, 1000};
    int rc = d ? rs_gtfs_import(&o, out, NULL, d) : RS_ENOMEM;
    if (rc != RS_OK && rc != RS_ENOMEM && rs_diag_count(d) == 0) {
      fprintf(stderr, "fuzz: feed refused (%s) without a message\n", rs_strerror(rc));
      bad = 1;
    }
    snprintf(path, sizeof path, "%s/scenario.yaml", out);
    if (rc == RS_OK && rs_fuzz_scenario(path, NULL) != 0) {
      fprintf(stderr, "fuzz: the imported scenario does not load and run\n");
      bad = 1;
    }
  }
  if (sink) fclose(sink);
  rs_diag_free(d);
  nftw(out, rs_fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
  nftw(feed, rs_fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
  return bad ? -1 : 0;
}

int rs_fuzz_one(const char *dir, const uint8_t *data, size_t size) {
  if (size > RS__FUZZ_MAX_INPUT) return 0;
  rs_fuzz_bundle *b = calloc(1, sizeof *b);
  if (!b) return 0;
  rs_fuzz_split(b, (const char *)data, size);
  int rc = 0, written = 0;
  char path[1100];
  for (int i = 0; i < b->nparts && rc == 0; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, b->part[i].name);
    FILE *f = fopen(path, "wb");
    if (!f || (b->part[i].len && fwrite(b->part[i].buf, 1, b->part[i].len, f) != b->part[i].len))
      rc = -2;
    if (f && fclose(f) != 0) rc = -2;
    written = i + 1;
  }
  if (rc == 0) {
    for (int i = 0; i < b->nparts; i++) {
      if (rs_fuzz_ends_with(b->part[i].name, ".yaml")) rs_fuzz_yaml(&b->part[i]);
      if (rs_fuzz_ends_with(b->part[i].name, ".csv")) rs_fuzz_csv(&b->part[i]);
    }
    snprintf(path, sizeof path, "%s/scenario.yaml", dir);
    rc = rs_fuzz_scenario(path, b);
    int gtfs = 0;
    for (int i = 0; i < b->nparts; i++) gtfs |= rs_fuzz_ends_with(b->part[i].name, ".txt");
    int g = gtfs ? rs_fuzz_gtfs(dir, b) : 0;
    if (g != 0) rc = g;
  } else {
    fprintf(stderr, "fuzz: cannot write into %s\n", dir);
  }
  for (int i = 0; i < written; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, b->part[i].name);
    unlink(path);
  }
  for (int i = 0; i < b->nparts; i++) free(b->part[i].buf);
  for (int i = 0; i < b->nsets; i++) free(b->sets[i]);
  free(b);
  return rc;
}
