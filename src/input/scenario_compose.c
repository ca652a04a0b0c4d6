/* Composition: `extends:` chains merged key by key, then --set overrides.
 * Nodes are never modified: merging and --set copy the containers on the way
 * down (copy on write), so aliases shared between places stay intact. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "input/embedded.h"
#include "input/keypath.h"
#include "input/scenario_load.h"

#define RS__EXTENDS_MAX 16

typedef struct rs__chain {
  char *id[RS__EXTENDS_MAX + 1];    /* identity: realpath, or the embedded name */
  char *name[RS__EXTENDS_MAX + 1];  /* as named, for the cycle message */
  int n;
} rs__chain;

static char *rs__strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (c) memcpy(c, s, n);
  return c;
}

static char *rs__file_identity(const char *path) {
  if (strncmp(path, RS__EMBED_PREFIX, strlen(RS__EMBED_PREFIX)) != 0) {
    char *r = realpath(path, NULL);
    if (r) return r;
  }
  size_t n = strlen(path) + 1;
  char *c = malloc(n);
  if (c) memcpy(c, path, n);
  return c;
}

/* BASE with OVER merged in: mappings key by key, anything else replaced. */
static rs__ynode *rs__merge(rs__ydoc *doc, const rs__ynode *base, rs__ynode *over) {
  if (!base || base->kind != RS__Y_MAP || over->kind != RS__Y_MAP) return over;
  rs__ynode *m = rs__ydoc_copy_shallow(doc, base);
  if (!m) return NULL;
  for (size_t i = 0; i < over->n; i++) {
    rs__ynode *v = rs__merge(doc, rs__ymap_get(base, over->keys[i]->text), over->items[i]);
    if (!v || rs__ymap_set(doc, m, over->keys[i], v)) return NULL;
  }
  /* the merged mapping sits where the override wrote it */
  m->file = over->file;
  m->line = over->line;
  m->col = over->col;
  return m;
}

static int rs__load_chain(rs__ydoc *doc, const char *path, const rs__ynode *from,
                          rs__chain *ch, rs__ynode **out, rs_diag *d) {
  *out = NULL;
  char *buf;
  size_t len;
  char why[256];
  int rc = rs__source_read(path, RS__Y_MAX_FILE_BYTES, &buf, &len, why, sizeof why);
  if (rc) {
    if (from)
      return rs__diag_add(d, rc, from->file, from->line, from->col,
                          "'extends': cannot read '%s': %s", path, why);
    return rs__diag_add(d, rc, path, 0, 0, "cannot read: %s", why);
  }
  rs__ydoc *fd;
  rc = rs__ydoc_load_buffer(path, buf, len, &fd, d);
  free(buf);
  if (rc) return rc;
  rs__ynode *root = rs__ydoc_root(fd);
  if ((rc = rs__ydoc_adopt(doc, fd))) return rc;
  const rs__ynode *ext = rs__ymap_get(root, "extends");
  if (!ext) {
    *out = root;
    return RS_OK;
  }
  if (ext->kind != RS__Y_SCALAR || rs__ynode_is_null(ext))
    return rs__diag_add(d, RS_EINVAL, ext->file, ext->line, ext->col,
                        "'extends' must be the path of a scenario file");
  char based[RS__PATH_MAX];
  rs__path_resolve(based, sizeof based, ext->file, ext->text);
  char *id = rs__file_identity(based);
  if (!id) return RS_ENOMEM;
  for (int i = 0; i < ch->n; i++)
    if (!strcmp(ch->id[i], id)) {
      char msg[1024] = "";
      for (int j = i; j < ch->n; j++) {
        strncat(msg, ch->name[j], sizeof msg - strlen(msg) - 1);
        strncat(msg, " -> ", sizeof msg - strlen(msg) - 1);
      }
      strncat(msg, based, sizeof msg - strlen(msg) - 1);
      free(id);
      return rs__diag_add(d, RS_EINVAL, ext->file, ext->line, ext->col, "extends cycle: %s", msg);
    }
  if (ch->n >= RS__EXTENDS_MAX) {
    free(id);
    return rs__diag_add(d, RS_ELIMIT, ext->file, ext->line, ext->col,
                        "'extends' chain longer than %d files", RS__EXTENDS_MAX);
  }
  ch->id[ch->n] = id;
  ch->name[ch->n] = rs__strdup(based);
  if (!ch->name[ch->n++]) return RS_ENOMEM;
  /* The base path is named in this file: its problems point at 'extends'. */
  rs__ynode *base;
  rc = rs__load_chain(doc, based, ext, ch, &base, d);
  if (rc) return rc;
  rs__ynode *over = rs__ydoc_new_map(doc, root->file, root->line, root->col);
  if (!over) return RS_ENOMEM;
  for (size_t i = 0; i < root->n; i++)
    if (strcmp(root->keys[i]->text, "extends") && rs__ymap_set(doc, over, root->keys[i], root->items[i]))
      return RS_ENOMEM;
  *out = rs__merge(doc, base, over);
  return *out ? RS_OK : RS_ENOMEM;
}

/* ---- --set ---------------------------------------------------------------- */

typedef struct rs__setpath {
  const char *arg;
  int line;                /* 1-based index of the --set */
  rs__keypath kp;
} rs__setpath;

static int rs__set_fail(rs_diag *d, const rs__setpath *sp, int k, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static int rs__set_fail(rs_diag *d, const rs__setpath *sp, int k, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rs__diag_vadd(d, code, "--set", sp->line, k >= 0 ? sp->kp.col[k] : 1, fmt, ap);
  va_end(ap);
  return code;
}


/* NODE with segment K.. of SP set to VAL, as new containers. */
static int rs__set_in(rs__ydoc *doc, const rs__ynode *node, const rs__setpath *sp, int k,
                      rs__ynode *val, rs__ynode **out, rs_diag *d) {
  if (k == sp->kp.n) {
    *out = val;
    return RS_OK;
  }
  const char *seg = sp->kp.seg[k];
  char pre[RS__KP_MAX];
  if (node && node->kind == RS__Y_SEQ) {
    rs__keypath_prefix(&sp->kp, k, pre);
    if (!rs__keypath_is_index(seg))
      return rs__set_fail(d, sp, k, RS_EUSAGE, "'%s' is a list: expected an index, got '%s'", pre,
                          seg);
    size_t i = strtoul(seg, NULL, 10);
    if (i >= node->n)
      return rs__set_fail(d, sp, k, RS_EUSAGE, "index %zu out of range: '%s' has %zu items", i,
                          pre, node->n);
    rs__ynode *c = rs__ydoc_copy_shallow(doc, node);
    if (!c) return RS_ENOMEM;
    int rc = rs__set_in(doc, node->items[i], sp, k + 1, val, &c->items[i], d);
    *out = c;
    return rc;
  }
  if (node && node->kind == RS__Y_SCALAR && !rs__ynode_is_null(node)) {
    rs__keypath_prefix(&sp->kp, k, pre);
    return rs__set_fail(d, sp, k, RS_EUSAGE, "'%s' is not a mapping (it is '%.40s')", pre,
                        node->text);
  }
  rs__ynode *m = node && node->kind == RS__Y_MAP
                     ? rs__ydoc_copy_shallow(doc, node)
                     : rs__ydoc_new_map(doc, "--set", sp->line, sp->kp.col[k]);
  rs__ynode *key = rs__ydoc_new_scalar(doc, "--set", sp->line, sp->kp.col[k], seg, 0);
  if (!m || !key) return RS_ENOMEM;
  rs__ynode *child;
  int rc = rs__set_in(doc, rs__ymap_get(node, seg), sp, k + 1, val, &child, d);
  if (rc) return rc;
  if (rs__ymap_set(doc, m, key, child)) return RS_ENOMEM;
  *out = m;
  return RS_OK;
}

static int rs__apply_set(rs__ydoc *doc, rs__ynode **root, const char *arg, int line,
                         rs_diag *d) {
  rs__setpath *sp = calloc(1, sizeof *sp);
  if (!sp) return RS_ENOMEM;
  sp->arg = arg;
  sp->line = line;
  const char *eq = strchr(arg, '=');
  int rc = RS_OK;
  if (!eq) {
    rc = rs__set_fail(d, sp, -1, RS_EUSAGE, "malformed --set '%.80s': expected key.path=value",
                      arg);
  } else if (eq == arg) {
    rc = rs__set_fail(d, sp, -1, RS_EUSAGE, "malformed --set '%.80s': empty key path", arg);
  }
  int bad;
  const char *why;
  if (!rc && rs__keypath_parse(arg, &sp->kp, &bad, &why) != RS_OK)
    rc = bad < 0 ? rs__set_fail(d, sp, -1, RS_EUSAGE, "key path of --set has more than 32 parts")
                 : rs__set_fail(d, sp, bad, RS_EUSAGE,
                                "malformed --set '%.80s': %s part in key path", arg, why);
  /* "seed=" would parse as null and silently mean the default: say so instead. */
  if (!rc && eq[1] == 0)
    rc = rs__set_fail(d, sp, -1, RS_EUSAGE,
                      "--set '%.80s' has an empty value: give one (e.g. %.*s=42), or write "
                      "%.*s=null to set it to null on purpose",
                      arg, (int)(eq - arg), arg, (int)(eq - arg), arg);
  rs__ynode *val = NULL;
  if (!rc)
    rc = rs__ydoc_parse_value(doc, "--set", line, (int)(eq - arg) + 1, eq + 1, strlen(eq + 1),
                              &val, d);
  if (!rc) {
    rs__ynode *nr = NULL; /* set by rs__set_in on success; gcc -O2 cannot see that */
    rc = rs__set_in(doc, *root, sp, 0, val, &nr, d);
    if (!rc) *root = nr;
  }
  free(sp);
  return rc;
}

int rs__scenario_compose(const char *path, const char *const *sets, size_t nsets,
                         rs__ydoc **out, rs_diag *d) {
  *out = NULL;
  rs__ydoc *doc = rs__ydoc_alloc();
  if (!doc) return RS_ENOMEM;
  rs__chain ch = {0};
  ch.id[0] = rs__file_identity(path);
  ch.name[0] = rs__strdup(path);
  ch.n = 1;
  rs__ynode *root;
  int rc = ch.id[0] && ch.name[0] ? rs__load_chain(doc, path, NULL, &ch, &root, d) : RS_ENOMEM;
  for (int i = 0; i < ch.n; i++) free(ch.id[i]), free(ch.name[i]);
  /* every malformed --set is reported, not just the first */
  int bad = RS_OK;
  for (size_t i = 0; !rc && i < nsets; i++) {
    int r = rs__apply_set(doc, &root, sets[i], (int)i + 1, d);
    if (r == RS_ENOMEM) rc = r;
    else if (r && !bad) bad = r;
  }
  if (rc) {
    rs__ydoc_free(doc);
    return rc;
  }
  /* After a bad --set the rest still binds, so every problem shows at once. */
  rs__ydoc_set_root(doc, root);
  *out = doc;
  return bad;
}

/* ---- hashing -------------------------------------------------------------- */

uint64_t rs__fnv1a(uint64_t h, const void *data, size_t len) {
  const unsigned char *p = data;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

typedef struct rs__kv {
  const rs__ynode *k, *v;
} rs__kv;

static int rs__cmp_kv(const void *a, const void *b) {
  return strcmp(((const rs__kv *)a)->k->text, ((const rs__kv *)b)->k->text);
}

static uint64_t rs__hash_size(uint64_t h, size_t n) {
  unsigned char b[8];
  for (int i = 0; i < 8; i++) b[i] = (unsigned char)(n >> (8 * i));
  return rs__fnv1a(h, b, 8);
}

uint64_t rs__ynode_hash(uint64_t h, const rs__ynode *n) {
  if (!n) return rs__fnv1a(h, "N", 1);
  if (n->kind == RS__Y_SCALAR) {
    h = rs__fnv1a(h, n->quoted ? "Q" : "S", 1);
    h = rs__hash_size(h, n->len);
    return rs__fnv1a(h, n->text, n->len);
  }
  h = rs__fnv1a(h, n->kind == RS__Y_SEQ ? "L" : "M", 1);
  h = rs__hash_size(h, n->n);
  if (n->kind == RS__Y_SEQ) {
    for (size_t i = 0; i < n->n; i++) h = rs__ynode_hash(h, n->items[i]);
    return h;
  }
  /* key order is formatting, not content */
  rs__kv *kv = malloc((n->n ? n->n : 1) * sizeof *kv);
  if (!kv) return h ^ 0xdeadULL;
  for (size_t i = 0; i < n->n; i++) kv[i] = (rs__kv){n->keys[i], n->items[i]};
  qsort(kv, n->n, sizeof *kv, rs__cmp_kv);
  for (size_t i = 0; i < n->n; i++) {
    h = rs__ynode_hash(h, kv[i].k);
    h = rs__ynode_hash(h, kv[i].v);
  }
  free(kv);
  return h;
}
