/* YAML tree: positions, scalars, limits, aliases, duplicate keys, errors.
 * Expected lines and columns are counted by hand from the inputs below. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "base/diag.h"
#include "input/yamldoc.h"

/* Parse TEXT as "t.yaml"; return the document (NULL on error) and put the
 * first message, if any, in MSG. */
static rs__ydoc *parse(const char *text, size_t len, char *msg, size_t *nmsg) {
  rs_diag *d = rs_diag_alloc();
  rs__ydoc *doc;
  rs__ydoc_load_buffer("t.yaml", text, len, &doc, d);
  msg[0] = 0;
  if (rs_diag_count(d)) snprintf(msg, 512, "%s", rs_diag_message(d, 0));
  if (nmsg) *nmsg = rs_diag_count(d);
  rs_diag_free(d);
  return doc;
}
#define PARSE(s, msg) parse(s, strlen(s), msg, NULL)

static void test_tree(void) {
  char m[512];
  rs__ydoc *doc = PARSE("a: 1\nb:\n  - x\n  - 'y'\n", m);
  CHECK(doc != NULL);
  if (!doc) return;
  rs__ynode *r = rs__ydoc_root(doc);
  CHECK(r->kind == RS__Y_MAP && r->n == 2);
  CHECK(r->line == 1 && r->col == 1);
  rs__ynode *a = rs__ymap_get(r, "a");
  CHECK(a && a->kind == RS__Y_SCALAR && !strcmp(a->text, "1") && !a->quoted);
  CHECK(a && a->line == 1 && a->col == 4);
  rs__ynode *b = rs__ymap_get(r, "b");
  CHECK(b && b->kind == RS__Y_SEQ && b->n == 2);
  CHECK(b && b->line == 3 && b->col == 3);
  CHECK(b && b->items[1]->quoted && b->items[1]->line == 4 && b->items[1]->col == 5);
  CHECK(r->keys[1]->line == 2 && r->keys[1]->col == 1);
  CHECK(rs__ymap_get(r, "zz") == NULL);
  /* 2 keys + 2 values + 2 items + the map itself */
  CHECK(r->count == 7);
  rs__ydoc_free(doc);

  doc = PARSE("x: ~\ny: null\nz:\nw: ''\n", m);
  r = rs__ydoc_root(doc);
  CHECK(rs__ynode_is_null(rs__ymap_get(r, "x")));
  CHECK(rs__ynode_is_null(rs__ymap_get(r, "y")));
  CHECK(rs__ynode_is_null(rs__ymap_get(r, "z")));
  CHECK(!rs__ynode_is_null(rs__ymap_get(r, "w"))); /* quoted: a string */
  rs__ydoc_free(doc);

  /* block scalars and !!str are strings */
  doc = PARSE("a: !!str 12\nb: |\n  text\n", m);
  r = rs__ydoc_root(doc);
  CHECK(rs__ymap_get(r, "a")->quoted);
  CHECK(rs__ymap_get(r, "b")->quoted && !strcmp(rs__ymap_get(r, "b")->text, "text\n"));
  rs__ydoc_free(doc);
}

static void test_errors(void) {
  char m[512];
  size_t n;
  CHECK(parse("a: 1\nb: 2\na: 3\n", 15, m, &n) == NULL);
  CHECK(!strcmp(m, "t.yaml:3:1: duplicate key 'a' (first at line 1)"));
  CHECK(PARSE("x:\n  y: 1\n  y: 2\n", m) == NULL);
  CHECK(!strcmp(m, "t.yaml:3:3: duplicate key 'y' in 'x' (first at line 2)"));
  CHECK(PARSE("s:\n  - {k: 1, k: 2}\n", m) == NULL);
  CHECK(!strcmp(m, "t.yaml:2:12: duplicate key 'k' in 's[0]' (first at line 2)"));
  /* every duplicate is reported in one pass */
  const char *two = "a: 1\na: 2\nb: 1\nb: 2\n";
  CHECK(parse(two, strlen(two), m, &n) == NULL);
  CHECK(n == 2);

  CHECK(PARSE("", m) == NULL);
  CHECK(!strcmp(m, "t.yaml:1:1: empty scenario"));
  CHECK(PARSE("# only a comment\n", m) == NULL);
  CHECK(!strcmp(m, "t.yaml:1:1: empty scenario"));
  CHECK(PARSE("a: 1\n---\nb: 2\n", m) == NULL);
  CHECK(!strcmp(m, "t.yaml:2:1: multiple documents in one file are not supported"));
  CHECK(PARSE("a: b: c\n", m) == NULL);
  const char *want = "t.yaml:1:5: syntax error: mapping values are not allowed";
  CHECK(!strncmp(m, want, strlen(want)));
  CHECK(PARSE("a: \xff\n", m) == NULL);
  CHECK(!strncmp(m, "t.yaml:1:4: invalid input:", 26));
  CHECK(parse("a: b\0c\n", 7, m, NULL) == NULL);
  CHECK(!strncmp(m, "t.yaml:1:5: invalid input:", 26));
  CHECK(PARSE("? [a]\n: 1\n", m) == NULL);
  CHECK(!strcmp(m, "t.yaml:1:3: mapping keys must be scalars, got a list"));
  CHECK(PARSE("a: *nope\n", m) == NULL);
  CHECK(!strcmp(m, "t.yaml:1:4: unknown alias '*nope'"));
}

static void test_limits(void) {
  char m[512];
  /* 70 nested flow lists: the 65th '[' (column 65) is one level too deep */
  char deep[200];
  memset(deep, '[', 70);
  memset(deep + 70, ']', 70);
  deep[140] = 0;
  CHECK(PARSE(deep, m) == NULL);
  CHECK(!strcmp(m, "t.yaml:1:65: nesting deeper than 64 levels"));

  static char big[6000];
  memcpy(big, "a: ", 3);
  memset(big + 3, 'x', 5000);
  big[5003] = 0;
  CHECK(PARSE(big, m) == NULL);
  CHECK(!strcmp(m, "t.yaml:1:4: scalar longer than 4096 bytes"));

  /* billion laughs: 10^9 nodes once expanded, refused without expanding */
  const char *bomb =
      "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
      "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
  size_t n;
  CHECK(parse(bomb, strlen(bomb), m, &n) == NULL);
  CHECK(n == 1);
  CHECK(strstr(m, "alias bomb") != NULL);
  /* Lists expand to a=11, b=111, ..., f=1111111 nodes; with the root and the
   * keys the total is 1234573 after line f, and line g's first *f (column 8)
   * would bring it to 2345686 > 2000000. */
  CHECK(!strncmp(m, "t.yaml:7:8:", 11));

  /* an alias is shared, and counted */
  rs__ydoc *doc = PARSE("a: &x {k: 1}\nb: *x\n", m);
  CHECK(doc != NULL);
  if (doc) {
    rs__ynode *r = rs__ydoc_root(doc);
    CHECK(rs__ymap_get(r, "a") == rs__ymap_get(r, "b"));
    CHECK(r->count == 1 + 2 + 3 + 3);
    rs__ydoc_free(doc);
  }
}

static void test_value(void) {
  rs_diag *d = rs_diag_alloc();
  rs__ydoc *doc = rs__ydoc_alloc();
  rs__ynode *v;
  /* as if "timetable.x=[1, 2]" was the 2nd --set: the value starts at offset 12 */
  CHECK(rs__ydoc_parse_value(doc, "--set", 2, 12, "[1, 2]", 6, &v, d) == RS_OK);
  CHECK(v && v->kind == RS__Y_SEQ && v->n == 2);
  CHECK(v && v->line == 2 && v->col == 13);
  CHECK(v && v->items[1]->col == 17 && !strcmp(v->items[1]->file, "--set"));
  CHECK(rs__ydoc_parse_value(doc, "--set", 1, 5, "", 0, &v, d) == RS_OK);
  CHECK(v && rs__ynode_is_null(v));
  CHECK(rs__ydoc_parse_value(doc, "--set", 3, 4, "[1", 2, &v, d) == RS_ESYNTAX);
  CHECK(rs_diag_count(d) == 1 && !strncmp(rs_diag_message(d, 0), "--set:3:", 8));
  rs__ydoc_free(doc);
  rs_diag_free(d);
}

int main(void) {
  test_tree();
  test_errors();
  test_limits();
  test_value();
  return check_done();
}
