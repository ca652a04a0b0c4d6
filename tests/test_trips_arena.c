/* trips_csv held compactly (issue 17): ids in one arena, rows of 24 bytes, a
 * plain-row reader beside the general one, duplicates found after reading.
 * Every expectation is worked out from the input text by hand or by the
 * test's own formatting, never taken from the loader's output. */
#include "scenario_files.h" /* first: it sets _XOPEN_SOURCE */
#include "check.h"
#include "model/dated.h"

static const char *MIN =
    "ridersim: 1\n"
    "line:\n"
    "  stations:\n"
    "    - {id: a, km: 0}\n"
    "    - {id: bb, km: 2.5}\n"
    "    - {id: ccc, km: 6}\n"
    "trains:\n"
    "  capacity: 1000\n";

static const char *ID(const rs_scenario *s, int i) {
  return rs__trip_id(&s->demand, &s->demand.trips[i]);
}

/* Ids at the limit, ids that need quoting, UTF-8 ids, and the bytes they take. */
static void test_long_and_quoted_ids(void) {
  const char *id31 = "abcdefghijklmnopqrstuvwxyz01234"; /* 31 bytes: the longest allowed */
  char text[1024];
  snprintf(text, sizeof text,
           "id,origin,destination,time\n"
           "%s,a,ccc,07:00\n"                /* 2 */
           "\"x,\"\"y\"\"\",bb,a,7:01:02\n"  /* 3: x,"y" */
           "\xE8\xB5\x84\xE9\x98\xB3,ccc,bb,25:00:00\n" /* 4: 资阳, 6 bytes */
           "\"multi\nline\",a,bb,3600\n",    /* 5-6 */
           id31);
  put("ids.csv", text);
  put("ids.yaml", "extends: min.yaml\ndemand: {trips_csv: ids.csv}\n");
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("ids.yaml", NULL, 0, &s, &d) == RS_OK);
  if (s) {
    CHECK(s->demand.ntrips == 4);
    CHECK(!strcmp(ID(s, 0), id31));
    CHECK(!strcmp(ID(s, 1), "x,\"y\""));
    CHECK(!strcmp(ID(s, 2), "\xE8\xB5\x84\xE9\x98\xB3"));
    CHECK(!strcmp(ID(s, 3), "multi\nline"));
    /* the arena: "" then each id with its NUL: 1 + 32 + 6 + 7 + 11 bytes */
    CHECK(s->demand.ids_len == 1 + 32 + 6 + 7 + 11);
    CHECK_NEAR(s->demand.trips[0].time_s, 7 * 3600, 0);
    CHECK_NEAR(s->demand.trips[1].time_s, 7 * 3600 + 62, 0);
    CHECK_NEAR(s->demand.trips[2].time_s, 25 * 3600, 0); /* past midnight, same service day */
    CHECK_NEAR(s->demand.trips[3].time_s, 3600, 0);
    CHECK(s->demand.trips[1].origin == 1 && s->demand.trips[1].dest == 0);
    CHECK(s->demand.trips[2].origin == 2 && s->demand.trips[2].dest == 1);
    CHECK(s->demand.trips[3].line == 5);
    CHECK(sizeof(rs__trip_row) == 24);
  }
  rs_scenario_free(s);
  rs_diag_free(d);

  /* 32 bytes: one too many, reported at the id's column (4 in row 3) */
  put("long.csv",
      "origin,id,destination,time\n"
      "a,ok,bb,07:00\n"
      "bb,abcdefghijklmnopqrstuvwxyz012345,a,07:00\n");
  put("long.yaml", "extends: min.yaml\ndemand: {trips_csv: long.csv}\n");
  CHECK(load("long.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "long.csv:3:4: trip id 'abcdefghijklmnopqrstuvwxyz012345' is longer than 31 bytes"));
  CHECK(rs_diag_count(d) == 1);
  rs_diag_free(d);
}

/* Many rows: every id read back as written, in file order. */
static void test_many_ids(void) {
  enum { N = 20000 };
  size_t cap = (size_t)N * 40 + 64, n = 0;
  char *text = malloc(cap);
  n += (size_t)snprintf(text + n, cap - n, "id,origin,destination,time\n");
  size_t idbytes = 1; /* the arena's leading "" */
  for (int i = 0; i < N; i++) {
    /* ids of 6 to 31 bytes: letters, then the row number in six digits */
    char id[32];
    int len = 6 + i % 26;
    for (int k = 0; k < len - 6; k++) id[k] = (char)('a' + (i + k) % 26);
    snprintf(id + len - 6, 7, "%06d", i);
    idbytes += (size_t)len + 1;
    n += (size_t)snprintf(text + n, cap - n, "%s,%s,%s,%02d:%02d:%02d\n", id, i % 2 ? "a" : "ccc",
                          i % 2 ? "bb" : "a", 5 + i % 18, i % 60, (i * 7) % 60);
  }
  put("many.csv", text);
  put("many.yaml", "extends: min.yaml\ndemand: {trips_csv: many.csv}\n");
  rs_scenario *s;
  rs_diag *d;
  int rc = load("many.yaml", NULL, 0, &s, &d);
  CHECK(rc == RS_OK);
  if (rc != RS_OK)
    for (size_t i = 0; i < rs_diag_count(d) && i < 5; i++) fprintf(stderr, "%s\n", rs_diag_message(d, i));
  if (s) {
    CHECK(s->demand.ntrips == N);
    CHECK(s->demand.ids_len == idbytes);
    int bad = 0;
    for (int i = 0; i < N; i++) {
      char id[32];
      int len = 6 + i % 26;
      for (int k = 0; k < len - 6; k++) id[k] = (char)('a' + (i + k) % 26);
      snprintf(id + len - 6, 7, "%06d", i);
      const rs__trip_row *t = &s->demand.trips[i];
      bad += strcmp(ID(s, i), id) != 0 || t->line != i + 2 ||
             t->time_s != (5 + i % 18) * 3600.0 + (i % 60) * 60.0 + (i * 7) % 60 ||
             t->origin != (i % 2 ? 0 : 2) || t->dest != (i % 2 ? 1 : 0);
    }
    CHECK(bad == 0);
  }
  rs_scenario_free(s);
  rs_diag_free(d);
  free(text);
}

/* Ids are unique within a date: the same id on two dates is two trips; twice on one
 * date it is reported at the later row, at the id's column, naming the first. */
static void test_duplicates_across_dates(void) {
  put("dated.csv",
      "date,id,origin,destination,time\n" /* 1 */
      "2025-03-03,t1,a,bb,07:00\n"        /* 2 */
      "2025-03-04,t1,a,bb,07:00\n"        /* 3: another date: fine */
      "2025-03-03,t2,a,bb,07:00\n"        /* 4 */
      "\n"                                /* 5: blank */
      "2025-03-04,t1,bb,a,08:00\n"        /* 6: t1 again on 03-04 (first: line 3) */
      "2025-03-03,\"t1\",bb,a,08:00\n");  /* 7: quoted, t1 again on 03-03 (first: line 2) */
  put("dated.yaml",
      "extends: min.yaml\nperiod: {start: 2025-03-03, end: 2025-03-04}\n"
      "demand: {trips_csv: dated.csv}\n");
  rs_scenario *s;
  rs_diag *d;
  CHECK(load("dated.yaml", NULL, 0, &s, &d) == RS_EINVAL);
  CHECK(has(d, "dated.csv:6:12: duplicate trip id 't1' (first at line 3)"));
  CHECK(has(d, "dated.csv:7:12: duplicate trip id 't1' (first at line 2)"));
  CHECK(rs_diag_count(d) == 2);
  rs_diag_free(d);

  /* Without the repeats: rows sorted by date, stable, ids following their rows. */
  put("dated-ok.csv",
      "date,id,origin,destination,time\n"
      "2025-03-04,t1,a,bb,07:00\n"
      "2025-03-03,t1,a,bb,07:00\n"
      "2025-03-04,t2,bb,a,07:30\n"
      "2025-03-03,t3,ccc,a,06:00\n");
  put("dated-ok.yaml",
      "extends: min.yaml\nperiod: {start: 2025-03-03, end: 2025-03-04}\n"
      "demand: {trips_csv: dated-ok.csv}\n");
  CHECK(load("dated-ok.yaml", NULL, 0, &s, &d) == RS_OK);
  if (s) {
    CHECK(s->demand.ntrips == 4 && s->demand.dated);
    /* 03-03 first (file lines 3 and 5), then 03-04 (lines 2 and 4) */
    CHECK(s->demand.trips[0].line == 3 && !strcmp(ID(s, 0), "t1"));
    CHECK(s->demand.trips[1].line == 5 && !strcmp(ID(s, 1), "t3"));
    CHECK(s->demand.trips[2].line == 2 && !strcmp(ID(s, 2), "t1"));
    CHECK(s->demand.trips[3].line == 4 && !strcmp(ID(s, 3), "t2"));
    CHECK(s->demand.trips[1].origin == 2 && s->demand.trips[3].dest == 0);
  }
  rs_scenario_free(s);
  rs_diag_free(d);
}

/* The same rows written plain and with every field quoted (the general reader)
 * load to the same trips; a stray CR before a row shifts the id's column. */
static void test_plain_and_quoted_agree(void) {
  put("plain.csv", "id,origin,destination,time\nt1,a,bb,07:00\nt2,ccc,a,7:05:09\n");
  put("quoted.csv",
      "id,origin,destination,time\n\"t1\",\"a\",\"bb\",\"07:00\"\n"
      "\"t2\",\"ccc\",\"a\",\"7:05:09\"\n");
  put("plain.yaml", "extends: min.yaml\ndemand: {trips_csv: plain.csv}\n");
  put("quoted.yaml", "extends: min.yaml\ndemand: {trips_csv: quoted.csv}\n");
  rs_scenario *p, *q;
  rs_diag *dp, *dq;
  CHECK(load("plain.yaml", NULL, 0, &p, &dp) == RS_OK);
  CHECK(load("quoted.yaml", NULL, 0, &q, &dq) == RS_OK);
  if (p && q) {
    CHECK(p->demand.ntrips == 2 && q->demand.ntrips == 2);
    for (int i = 0; i < 2; i++) {
      CHECK(!strcmp(ID(p, i), ID(q, i)));
      CHECK(p->demand.trips[i].time_s == q->demand.trips[i].time_s);
      CHECK(p->demand.trips[i].origin == q->demand.trips[i].origin);
      CHECK(p->demand.trips[i].dest == q->demand.trips[i].dest);
    }
    CHECK_NEAR(p->demand.trips[1].time_s, 7 * 3600 + 5 * 60 + 9, 0);
  }
  rs_scenario_free(p);
  rs_scenario_free(q);
  rs_diag_free(dp);
  rs_diag_free(dq);

  /* The reader skips a CR at a line's start without starting a new line: the
   * repeated id of line 3 begins at its column 2. */
  put("cr.csv", "id,origin,destination,time\nt1,a,bb,07:00\n\rt1,a,bb,07:00\n");
  put("cr.yaml", "extends: min.yaml\ndemand: {trips_csv: cr.csv}\n");
  CHECK(load("cr.yaml", NULL, 0, &p, &dp) == RS_EINVAL);
  CHECK(has(dp, "cr.csv:3:2: duplicate trip id 't1' (first at line 2)"));
  CHECK(rs_diag_count(dp) == 1);
  rs_diag_free(dp);
}

/* Rows ordered by date, file order kept within a date (the line numbers say
 * which was first), whether the dates span a few weeks (counted) or centuries
 * (compared): checked as a property of the result, and each date's block found. */
static void test_date_order(void) {
  enum { N = 5000 };
  const int32_t spans[2] = {60, 2000000}; /* days: counting sort; far wider: the comparison sort */
  for (int sp = 0; sp < 2; sp++) {
    rs__demand dm = {0};
    dm.trips = calloc(N, sizeof *dm.trips);
    dm.ntrips = N;
    dm.dated = 1;
    uint64_t x = 12345 + (uint64_t)sp;
    int count7 = 0; /* rows of the date 20000 + 7 */
    for (int i = 0; i < N; i++) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      dm.trips[i].line = i + 2;
      dm.trips[i].date = 20000 + (int32_t)((x >> 33) % (uint64_t)spans[sp]);
      if (i % 9 == 0) dm.trips[i].date = 20000 + 7; /* many rows on one date */
      count7 += dm.trips[i].date == 20000 + 7;
    }
    CHECK(rs__sort_trips_by_date(&dm) == RS_OK);
    int bad = 0;
    for (int i = 1; i < N; i++) {
      const rs__trip_row *a = &dm.trips[i - 1], *b = &dm.trips[i];
      bad += a->date > b->date || (a->date == b->date && a->line >= b->line);
    }
    CHECK(bad == 0);
    int first, n;
    rs__trips_of_date(&dm, 20000 + 7, &first, &n);
    CHECK(n == count7 && dm.trips[first].date == 20000 + 7);
    CHECK(first == 0 || dm.trips[first - 1].date < 20000 + 7);
    free(dm.trips);
  }
}

int main(void) {
  if (!files_begin("rs_trips_arena")) return 1;
  put("min.yaml", MIN);
  test_long_and_quoted_ids();
  test_many_ids();
  test_duplicates_across_dates();
  test_plain_and_quoted_agree();
  test_date_order();
  files_end();
  return check_done();
}
