/* YAML -> rs__ynode tree with positions, using libyaml's event API.
 * Aliases point at the anchored node (no copy); the expanded size is counted
 * so an alias bomb is refused before it can take memory or time. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "base/diag.h"
#include "base/fileio.h"
#include "input/yamldoc.h"

struct rs__ydoc {
  rs__ynode **all;  /* every node allocated in this document, for freeing */
  size_t nall, capall;
  char **files;     /* copied file names */
  size_t nfiles, capfiles;
  rs__ynode *root;
};

/* ---- allocation ---------------------------------------------------------- */

static int rs__grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return RS_OK;
  size_t c = *cap ? *cap * 2 : 8;
  while (c < need) c *= 2;
  void *q = realloc(*p, c * elem);
  if (!q) return RS_ENOMEM;
  *p = q;
  *cap = c;
  return RS_OK;
}

rs__ydoc *rs__ydoc_alloc(void) { return calloc(1, sizeof(rs__ydoc)); }

static const char *rs__ydoc_file(rs__ydoc *doc, const char *file) {
  if (!file) file = "";
  /* Reuse the last copy: nodes of one parse share a name. */
  for (size_t i = doc->nfiles; i-- > 0 && i + 4 >= doc->nfiles;)
    if (strcmp(doc->files[i], file) == 0) return doc->files[i];
  if (rs__grow((void **)&doc->files, &doc->capfiles, doc->nfiles + 1, sizeof(char *)))
    return NULL;
  size_t n = strlen(file) + 1;
  char *c = malloc(n);
  if (!c) return NULL;
  memcpy(c, file, n);
  doc->files[doc->nfiles++] = c;
  return c;
}

static rs__ynode *rs__ydoc_node(rs__ydoc *doc, rs__ykind kind, const char *file, int line,
                                int col) {
  if (rs__grow((void **)&doc->all, &doc->capall, doc->nall + 1, sizeof(rs__ynode *)))
    return NULL;
  rs__ynode *n = calloc(1, sizeof *n);
  if (!n) return NULL;
  n->file = rs__ydoc_file(doc, file);
  if (!n->file) {
    free(n);
    return NULL;
  }
  n->kind = kind;
  n->line = line;
  n->col = col;
  n->count = 1;
  n->height = 1;
  doc->all[doc->nall++] = n;
  return n;
}

rs__ynode *rs__ydoc_new_scalar(rs__ydoc *doc, const char *file, int line, int col,
                               const char *text, int quoted) {
  rs__ynode *n = rs__ydoc_node(doc, RS__Y_SCALAR, file, line, col);
  if (!n) return NULL;
  size_t len = strlen(text);
  n->text = malloc(len + 1);
  if (!n->text) return NULL; /* freed with the document */
  memcpy(n->text, text, len + 1);
  n->len = len;
  n->quoted = quoted;
  return n;
}

rs__ynode *rs__ydoc_new_map(rs__ydoc *doc, const char *file, int line, int col) {
  return rs__ydoc_node(doc, RS__Y_MAP, file, line, col);
}

rs__ynode *rs__ydoc_new_seq(rs__ydoc *doc, const char *file, int line, int col) {
  return rs__ydoc_node(doc, RS__Y_SEQ, file, line, col);
}

static void rs__ynode_account(rs__ynode *parent, const rs__ynode *child) {
  parent->count += child->count;
  if (child->height + 1 > parent->height) parent->height = child->height + 1;
}

int rs__ymap_set(rs__ydoc *doc, rs__ynode *map, rs__ynode *key, rs__ynode *val) {
  (void)doc;
  if (map->kind != RS__Y_MAP || key->kind != RS__Y_SCALAR) return RS_EINTERNAL;
  for (size_t i = 0; i < map->n; i++)
    if (strcmp(map->keys[i]->text, key->text) == 0) {
      map->count -= map->items[i]->count;
      map->keys[i] = key; /* the newest key: messages point at the override */
      map->items[i] = val;
      map->count += val->count;
      if (val->height + 1 > map->height) map->height = val->height + 1;
      return RS_OK;
    }
  size_t cap = map->cap;
  if (rs__grow((void **)&map->keys, &cap, map->n + 1, sizeof(rs__ynode *))) return RS_ENOMEM;
  cap = map->cap;
  if (rs__grow((void **)&map->items, &cap, map->n + 1, sizeof(rs__ynode *))) return RS_ENOMEM;
  map->cap = cap;
  map->keys[map->n] = key;
  map->items[map->n++] = val;
  map->count += 1; /* the key */
  rs__ynode_account(map, val);
  return RS_OK;
}

int rs__yseq_push(rs__ydoc *doc, rs__ynode *seq, rs__ynode *item) {
  (void)doc;
  if (seq->kind != RS__Y_SEQ) return RS_EINTERNAL;
  if (rs__grow((void **)&seq->items, &seq->cap, seq->n + 1, sizeof(rs__ynode *)))
    return RS_ENOMEM;
  seq->items[seq->n++] = item;
  rs__ynode_account(seq, item);
  return RS_OK;
}

rs__ynode *rs__ydoc_copy_shallow(rs__ydoc *doc, const rs__ynode *n) {
  if (n->kind == RS__Y_SCALAR)
    return rs__ydoc_new_scalar(doc, n->file, n->line, n->col, n->text, n->quoted);
  rs__ynode *c = rs__ydoc_node(doc, n->kind, n->file, n->line, n->col);
  if (!c) return NULL;
  if (n->n) {
    c->items = malloc(n->n * sizeof(rs__ynode *));
    if (!c->items) return NULL;
    memcpy(c->items, n->items, n->n * sizeof(rs__ynode *));
    if (n->kind == RS__Y_MAP) {
      c->keys = malloc(n->n * sizeof(rs__ynode *));
      if (!c->keys) return NULL;
      memcpy(c->keys, n->keys, n->n * sizeof(rs__ynode *));
    }
  }
  c->n = c->cap = n->n;
  c->count = n->count;
  c->height = n->height;
  return c;
}

void rs__ydoc_free(rs__ydoc *doc) {
  if (!doc) return;
  for (size_t i = 0; i < doc->nall; i++) {
    rs__ynode *n = doc->all[i];
    free(n->text);
    free(n->keys);
    free(n->items);
    free(n);
  }
  for (size_t i = 0; i < doc->nfiles; i++) free(doc->files[i]);
  free(doc->all);
  free(doc->files);
  free(doc);
}

int rs__ydoc_adopt(rs__ydoc *doc, rs__ydoc *other) {
  if (!other) return RS_OK;
  if (rs__grow((void **)&doc->all, &doc->capall, doc->nall + other->nall, sizeof(rs__ynode *)) ||
      rs__grow((void **)&doc->files, &doc->capfiles, doc->nfiles + other->nfiles,
               sizeof(char *))) {
    rs__ydoc_free(other);
    return RS_ENOMEM;
  }
  memcpy(doc->all + doc->nall, other->all, other->nall * sizeof(rs__ynode *));
  doc->nall += other->nall;
  memcpy(doc->files + doc->nfiles, other->files, other->nfiles * sizeof(char *));
  doc->nfiles += other->nfiles;
  free(other->all);
  free(other->files);
  free(other);
  return RS_OK;
}

rs__ynode *rs__ydoc_root(rs__ydoc *doc) { return doc ? doc->root : NULL; }
void rs__ydoc_set_root(rs__ydoc *doc, rs__ynode *root) { doc->root = root; }

rs__ynode *rs__ymap_get(const rs__ynode *map, const char *key) {
  if (!map || map->kind != RS__Y_MAP) return NULL;
  for (size_t i = 0; i < map->n; i++)
    if (strcmp(map->keys[i]->text, key) == 0) return map->items[i];
  return NULL;
}

int rs__ynode_is_null(const rs__ynode *n) {
  if (!n || n->kind != RS__Y_SCALAR || n->quoted) return 0;
  const char *t = n->text;
  return !*t || !strcmp(t, "~") || !strcmp(t, "null") || !strcmp(t, "Null") ||
         !strcmp(t, "NULL");
}

const char *rs__ynode_kind_name(const rs__ynode *n) {
  if (!n) return "nothing";
  if (n->kind == RS__Y_MAP) return "a mapping";
  if (n->kind == RS__Y_SEQ) return "a list";
  return rs__ynode_is_null(n) ? "null" : "a scalar";
}

/* ---- parsing ------------------------------------------------------------- */

typedef struct rs__yframe {
  rs__ynode *node;
  rs__ynode *key;   /* mapping: key waiting for its value */
  int badkey;       /* mapping: the pending key was not a scalar */
} rs__yframe;

typedef struct rs__yanchor {
  char *name;
  rs__ynode *node;
} rs__yanchor;

typedef struct rs__yparse {
  rs__ydoc *doc;
  rs_diag *d;
  const char *name;    /* file name for nodes and messages */
  const char *buf;
  size_t len;
  int line0, col0;     /* --set: fixed line, column offset; 0 for files */
  rs__yframe stack[RS__Y_MAX_DEPTH + 1];
  int depth;
  rs__yanchor *anchors;
  size_t nanchors, capanchors;
  size_t total;        /* expanded node count */
  rs__ynode *root;
  int ndocs;
  int err;             /* first error code */
} rs__yparse;

static int rs__yp_line(const rs__yparse *p, yaml_mark_t m) {
  return p->line0 ? p->line0 : (int)m.line + 1;
}
static int rs__yp_col(const rs__yparse *p, yaml_mark_t m) {
  return p->col0 + (int)m.column + 1;
}

static int rs__yp_fail(rs__yparse *p, int code, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static int rs__yp_fail(rs__yparse *p, int code, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rs__diag_vadd(p->d, code, p->name, line, col, fmt, ap);
  va_end(ap);
  if (!p->err) p->err = code;
  return code;
}

/* Key path of the container at stack level LEVEL ("" for the root). */
static void rs__yp_path(const rs__yparse *p, int level, char *buf, size_t size) {
  size_t o = 0;
  buf[0] = 0;
  for (int i = 0; i < level && o < size; i++) {
    const rs__yframe *f = &p->stack[i];
    int w;
    if (f->node->kind == RS__Y_SEQ)
      w = snprintf(buf + o, size - o, "[%zu]", f->node->n);
    else
      w = snprintf(buf + o, size - o, "%s%s", o ? "." : "", f->key ? f->key->text : "?");
    if (w < 0) break;
    o += (size_t)w;
  }
  if (o >= size) buf[size - 1] = 0;
}

static int rs__yp_count(rs__yparse *p, size_t add, yaml_mark_t m) {
  if (add > RS__Y_MAX_NODES || p->total + add > RS__Y_MAX_NODES)
    return rs__yp_fail(p, RS_ELIMIT, rs__yp_line(p, m), rs__yp_col(p, m),
                       "document expands to more than %d nodes (alias bomb?)",
                       RS__Y_MAX_NODES);
  p->total += add;
  return RS_OK;
}

/* Attach a finished node to its parent (or make it the root). */
static int rs__yp_attach(rs__yparse *p, rs__ynode *n, yaml_mark_t m) {
  if (p->depth == 0) {
    p->root = n;
    return RS_OK;
  }
  rs__yframe *f = &p->stack[p->depth - 1];
  if (f->node->kind == RS__Y_SEQ) return rs__yseq_push(p->doc, f->node, n);
  if (!f->key && !f->badkey) {
    if (n->kind != RS__Y_SCALAR) {
      f->badkey = 1; /* reported; parsing goes on without this entry */
      rs__yp_fail(p, RS_ESYNTAX, n->line, n->col, "mapping keys must be scalars, got %s",
                  rs__ynode_kind_name(n));
      return RS_OK;
    }
    f->key = n;
    return RS_OK;
  }
  int rc = RS_OK;
  if (f->key) {
    /* Append without the duplicate check of rs__ymap_set: duplicates are
     * reported when the mapping ends. */
    rs__ynode *map = f->node;
    size_t cap = map->cap;
    if (rs__grow((void **)&map->keys, &cap, map->n + 1, sizeof(rs__ynode *))) return RS_ENOMEM;
    cap = map->cap;
    if (rs__grow((void **)&map->items, &cap, map->n + 1, sizeof(rs__ynode *)))
      return RS_ENOMEM;
    map->cap = cap;
    map->keys[map->n] = f->key;
    map->items[map->n++] = n;
    map->count += 1;
    rs__ynode_account(map, n);
  }
  f->key = NULL;
  f->badkey = 0;
  return rc;
}

static int rs__cmp_keyptr(const void *a, const void *b) {
  const rs__ynode *x = *(rs__ynode *const *)a, *y = *(rs__ynode *const *)b;
  int c = strcmp(x->text, y->text);
  if (c) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  return (x->col > y->col) - (x->col < y->col);
}

/* Sort-based duplicate check: hostile files may have huge mappings. */
static int rs__yp_dupcheck(rs__yparse *p, rs__ynode *map) {
  if (map->n < 2) return RS_OK;
  rs__ynode **k = malloc(map->n * sizeof *k);
  if (!k) return RS_ENOMEM;
  memcpy(k, map->keys, map->n * sizeof *k);
  qsort(k, map->n, sizeof *k, rs__cmp_keyptr);
  char path[512];
  rs__yp_path(p, p->depth - 1, path, sizeof path);
  for (size_t i = 1; i < map->n; i++)
    if (strcmp(k[i]->text, k[i - 1]->text) == 0) {
      size_t j = i - 1;
      while (j > 0 && strcmp(k[j - 1]->text, k[i]->text) == 0) j--;
      if (*path)
        rs__yp_fail(p, RS_ESYNTAX, k[i]->line, k[i]->col,
                    "duplicate key '%s' in '%s' (first at line %d)", k[i]->text, path,
                    k[j]->line);
      else
        rs__yp_fail(p, RS_ESYNTAX, k[i]->line, k[i]->col,
                    "duplicate key '%s' (first at line %d)", k[i]->text, k[j]->line);
    }
  free(k);
  return RS_OK;
}

static int rs__yp_anchor(rs__yparse *p, const yaml_char_t *anchor, rs__ynode *n) {
  if (!anchor) return RS_OK;
  /* A later anchor with the same name replaces the earlier one (YAML 1.2). */
  for (size_t i = 0; i < p->nanchors; i++)
    if (strcmp(p->anchors[i].name, (const char *)anchor) == 0) {
      p->anchors[i].node = n;
      return RS_OK;
    }
  if (rs__grow((void **)&p->anchors, &p->capanchors, p->nanchors + 1, sizeof(rs__yanchor)))
    return RS_ENOMEM;
  size_t len = strlen((const char *)anchor) + 1;
  char *c = malloc(len);
  if (!c) return RS_ENOMEM;
  memcpy(c, anchor, len);
  p->anchors[p->nanchors].name = c;
  p->anchors[p->nanchors++].node = n;
  return RS_OK;
}

static void rs__yp_offset_pos(const rs__yparse *p, size_t off, int *line, int *col) {
  int l = 1, c = 1;
  if (off > p->len) off = p->len;
  for (size_t i = 0; i < off; i++) {
    if (p->buf[i] == '\n') {
      l++;
      c = 1;
    } else {
      c++;
    }
  }
  *line = p->line0 ? p->line0 : l;
  *col = p->col0 + c;
}

static int rs__yp_parser_error(rs__yparse *p, yaml_parser_t *ps) {
  if (ps->error == YAML_MEMORY_ERROR) return rs__yp_fail(p, RS_ENOMEM, 0, 0, "out of memory");
  if (ps->error == YAML_READER_ERROR) {
    int line, col;
    size_t off = ps->problem_offset;
    /* libyaml points at the bad trailing byte: report the character's start */
    if (ps->problem && strstr(ps->problem, "trailing") && off <= p->len) {
      size_t o = off;
      while (o > 0 && off - o < 3 && ((unsigned char)p->buf[o - 1] & 0xC0) == 0x80) o--;
      if (o > 0 && ((unsigned char)p->buf[o - 1] & 0xC0) == 0xC0) off = o - 1;
    }
    rs__yp_offset_pos(p, off, &line, &col);
    return rs__yp_fail(p, RS_ESYNTAX, line, col, "invalid input: %s (the file must be UTF-8 text)",
                       ps->problem ? ps->problem : "unreadable");
  }
  yaml_mark_t m = ps->problem_mark;
  if (ps->context)
    return rs__yp_fail(p, RS_ESYNTAX, rs__yp_line(p, m), rs__yp_col(p, m),
                       "syntax error: %s %s (line %d)", ps->problem ? ps->problem : "",
                       ps->context, rs__yp_line(p, ps->context_mark));
  return rs__yp_fail(p, RS_ESYNTAX, rs__yp_line(p, m), rs__yp_col(p, m), "syntax error: %s",
                     ps->problem ? ps->problem : "malformed YAML");
}

static int rs__yp_event(rs__yparse *p, yaml_event_t *ev) {
  yaml_mark_t m = ev->start_mark;
  int line = rs__yp_line(p, m), col = rs__yp_col(p, m);
  switch (ev->type) {
  case YAML_DOCUMENT_START_EVENT:
    if (++p->ndocs > 1)
      return rs__yp_fail(p, RS_ESYNTAX, line, col,
                         "multiple documents in one file are not supported");
    return RS_OK;
  case YAML_SCALAR_EVENT: {
    size_t len = ev->data.scalar.length;
    if (len > RS__Y_MAX_SCALAR)
      return rs__yp_fail(p, RS_ELIMIT, line, col, "scalar longer than %d bytes",
                         RS__Y_MAX_SCALAR);
    if (memchr(ev->data.scalar.value, 0, len))
      return rs__yp_fail(p, RS_ESYNTAX, line, col, "NUL byte in a scalar");
    int rc = rs__yp_count(p, 1, m);
    if (rc) return rc;
    const char *tag = (const char *)ev->data.scalar.tag;
    int quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
                 (tag && strcmp(tag, YAML_STR_TAG) == 0);
    rs__ynode *n = rs__ydoc_new_scalar(p->doc, p->name, line, col,
                                       (const char *)ev->data.scalar.value, quoted);
    if (!n) return rs__yp_fail(p, RS_ENOMEM, 0, 0, "out of memory");
    if ((rc = rs__yp_anchor(p, ev->data.scalar.anchor, n))) return rc;
    return rs__yp_attach(p, n, m);
  }
  case YAML_SEQUENCE_START_EVENT:
  case YAML_MAPPING_START_EVENT: {
    if (p->depth >= RS__Y_MAX_DEPTH)
      return rs__yp_fail(p, RS_ELIMIT, line, col, "nesting deeper than %d levels",
                         RS__Y_MAX_DEPTH);
    int rc = rs__yp_count(p, 1, m);
    if (rc) return rc;
    rs__ynode *n = ev->type == YAML_SEQUENCE_START_EVENT ? rs__ydoc_new_seq(p->doc, p->name, line, col)
                                              : rs__ydoc_new_map(p->doc, p->name, line, col);
    if (!n) return rs__yp_fail(p, RS_ENOMEM, 0, 0, "out of memory");
    const yaml_char_t *anchor = ev->type == YAML_SEQUENCE_START_EVENT
                                    ? ev->data.sequence_start.anchor
                                    : ev->data.mapping_start.anchor;
    /* Remember the anchor name on the frame: registered when complete, so an
     * alias can never refer to its own ancestor (no cycles). */
    p->stack[p->depth].node = n;
    p->stack[p->depth].key = NULL;
    p->stack[p->depth].badkey = 0;
    p->depth++;
    if (anchor) {
      /* Stash the anchor name in the node text until the end event. */
      size_t alen = strlen((const char *)anchor) + 1;
      n->text = malloc(alen);
      if (!n->text) return rs__yp_fail(p, RS_ENOMEM, 0, 0, "out of memory");
      memcpy(n->text, anchor, alen);
    }
    return RS_OK;
  }
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT: {
    rs__ynode *n = p->stack[p->depth - 1].node;
    int rc = RS_OK;
    if (n->kind == RS__Y_MAP) rc = rs__yp_dupcheck(p, n);
    if (rc) return rc;
    p->depth--;
    if (n->text) {
      rc = rs__yp_anchor(p, (const yaml_char_t *)n->text, n);
      free(n->text);
      n->text = NULL;
      if (rc) return rc;
    }
    return rs__yp_attach(p, n, m);
  }
  case YAML_ALIAS_EVENT: {
    const char *a = (const char *)ev->data.alias.anchor;
    rs__ynode *t = NULL;
    for (size_t i = 0; i < p->nanchors; i++)
      if (strcmp(p->anchors[i].name, a) == 0) t = p->anchors[i].node;
    if (!t) return rs__yp_fail(p, RS_ESYNTAX, line, col, "unknown alias '*%s'", a);
    if (p->depth + t->height > RS__Y_MAX_DEPTH)
      return rs__yp_fail(p, RS_ELIMIT, line, col, "nesting deeper than %d levels",
                         RS__Y_MAX_DEPTH);
    int rc = rs__yp_count(p, t->count, m);
    if (rc) return rc;
    return rs__yp_attach(p, t, m);
  }
  default:
    return RS_OK;
  }
}

static int rs__yp_run(rs__yparse *p) {
  yaml_parser_t ps;
  if (!yaml_parser_initialize(&ps)) return rs__yp_fail(p, RS_ENOMEM, 0, 0, "out of memory");
  yaml_parser_set_input_string(&ps, (const unsigned char *)p->buf, p->len);
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&ps, &ev)) {
      rs__yp_parser_error(p, &ps);
      break;
    }
    int done = ev.type == YAML_STREAM_END_EVENT;
    int rc = rs__yp_event(p, &ev);
    yaml_event_delete(&ev);
    /* Duplicate and non-scalar keys are reported and parsing goes on (rc is
     * RS_OK for them); anything else stops. */
    if (done || rc) break;
  }
  yaml_parser_delete(&ps);
  for (size_t i = 0; i < p->nanchors; i++) free(p->anchors[i].name);
  free(p->anchors);
  return p->err;
}

static int rs__ydoc_parse(rs__ydoc *doc, const char *name, const char *buf, size_t len,
                          int line0, int col0, rs__ynode **out, rs_diag *d) {
  rs__yparse *p = calloc(1, sizeof *p);
  if (!p) return RS_ENOMEM;
  p->doc = doc;
  p->d = d;
  p->name = name;
  p->buf = buf;
  p->len = len;
  p->line0 = line0;
  p->col0 = col0;
  int rc = rs__yp_run(p);
  *out = rc ? NULL : p->root;
  free(p);
  return rc;
}

int rs__ydoc_load_buffer(const char *name, const char *buf, size_t len, rs__ydoc **out,
                         rs_diag *d) {
  *out = NULL;
  if (len > RS__Y_MAX_FILE_BYTES)
    return rs__diag_add(d, RS_ELIMIT, name, 0, 0, "file is larger than %u MiB",
                        RS__Y_MAX_FILE_BYTES >> 20);
  rs__ydoc *doc = rs__ydoc_alloc();
  if (!doc) return RS_ENOMEM;
  rs__ynode *root = NULL;
  int rc = rs__ydoc_parse(doc, name, buf, len, 0, 0, &root, d);
  if (!rc && (!root || rs__ynode_is_null(root)))
    rc = rs__diag_add(d, RS_ESYNTAX, name, 1, 1, "empty scenario");
  if (rc) {
    rs__ydoc_free(doc);
    return rc;
  }
  doc->root = root;
  *out = doc;
  return RS_OK;
}

int rs__ydoc_parse_value(rs__ydoc *doc, const char *name, int line, int col0,
                         const char *buf, size_t len, rs__ynode **out, rs_diag *d) {
  *out = NULL;
  rs__ynode *root = NULL;
  int rc = rs__ydoc_parse(doc, name, buf, len, line, col0, &root, d);
  if (rc) return rc;
  if (!root) root = rs__ydoc_new_scalar(doc, name, line, col0 + 1, "", 0);
  if (!root) return RS_ENOMEM;
  *out = root;
  return RS_OK;
}

int rs__ydoc_load_file(const char *path, rs__ydoc **out, rs_diag *d) {
  *out = NULL;
  char *buf = NULL, why[256];
  size_t len = 0;
  int opened;
  int rc = rs__file_read(path, RS__Y_MAX_FILE_BYTES, &buf, &len, why, sizeof why, &opened);
  if (rc == RS_EIO)
    return rs__diag_add(d, rc, path, 0, 0, "cannot %s: %s", opened ? "read" : "open", why);
  if (rc) return rs__diag_add(d, rc, path, 0, 0, "%s", rc == RS_ENOMEM ? "out of memory" : why);
  rc = rs__ydoc_load_buffer(path, buf, len, out, d);
  free(buf);
  return rc;
}
