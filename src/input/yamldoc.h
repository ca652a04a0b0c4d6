/* A YAML document as a small tree with source positions, read with libyaml.
 * Every node remembers FILE:LINE:COL so binding errors can point at the text.
 * Anchors/aliases are resolved by copying, with a cap on total nodes so an
 * alias bomb is refused instead of exhausting memory. */
#ifndef RS__YAMLDOC_H
#define RS__YAMLDOC_H

#include <stddef.h>
#include "ridersim/ridersim.h"

typedef enum { RS__Y_SCALAR, RS__Y_SEQ, RS__Y_MAP } rs__ykind;

typedef struct rs__ynode rs__ynode;
struct rs__ynode {
  rs__ykind kind;
  const char *file;   /* source name, owned by the document */
  int line, col;      /* 1-based position of the node's first character */
  /* scalar */
  char *text;         /* NUL-terminated */
  size_t len;
  int quoted;         /* written in quotes: never a number/bool/null */
  /* sequence: items[0..n); mapping: keys[i] (scalars) -> items[i] */
  rs__ynode **keys;
  rs__ynode **items;
  size_t n, cap;
  /* Aliases share nodes, so the tree is a DAG: COUNT is the number of nodes
   * once every alias is expanded, HEIGHT the expanded depth (1 for a scalar).
   * Nodes are never changed after construction: --set and extends build
   * new containers (copy on write) instead. */
  size_t count;
  int height;
};

typedef struct rs__ydoc rs__ydoc;

/* Limits (documented in docs/scenario-reference.md). */
#define RS__Y_MAX_FILE_BYTES (16u << 20) /* 16 MiB */
#define RS__Y_MAX_NODES 2000000
#define RS__Y_MAX_DEPTH 64
#define RS__Y_MAX_SCALAR 4096

/* Parse a file / a buffer named NAME. On error: every problem in D, *out NULL. */
int rs__ydoc_load_file(const char *path, rs__ydoc **out, rs_diag *d);
int rs__ydoc_load_buffer(const char *name, const char *buf, size_t len,
                         rs__ydoc **out, rs_diag *d);
void rs__ydoc_free(rs__ydoc *doc);
rs__ynode *rs__ydoc_root(rs__ydoc *doc);   /* NULL for an empty document */

/* Node construction inside DOC (for --set and extends). FILE is copied. */
rs__ynode *rs__ydoc_new_scalar(rs__ydoc *doc, const char *file, int line, int col,
                               const char *text, int quoted);
rs__ynode *rs__ydoc_new_map(rs__ydoc *doc, const char *file, int line, int col);
int rs__ymap_set(rs__ydoc *doc, rs__ynode *map, rs__ynode *key, rs__ynode *val);

/* Lookup: the value of KEY in MAP, or NULL (also when MAP is not a mapping). */
rs__ynode *rs__ymap_get(const rs__ynode *map, const char *key);

/* Parse a YAML value (a --set right-hand side) into DOC. Its nodes get file
 * NAME, line LINE and column COL0 + column in BUF (so they point into the
 * command-line argument). An empty value is a null scalar. */
int rs__ydoc_parse_value(rs__ydoc *doc, const char *name, int line, int col0,
                         const char *buf, size_t len, rs__ynode **out, rs_diag *d);
rs__ynode *rs__ydoc_new_seq(rs__ydoc *doc, const char *file, int line, int col);
int rs__yseq_push(rs__ydoc *doc, rs__ynode *seq, rs__ynode *item);
/* A new container with the same children as N (for copy on write). */
rs__ynode *rs__ydoc_copy_shallow(rs__ydoc *doc, const rs__ynode *n);
void rs__ydoc_set_root(rs__ydoc *doc, rs__ynode *root);
/* Move every node of OTHER into DOC (so nodes of several files can be mixed),
 * then free OTHER. */
int rs__ydoc_adopt(rs__ydoc *doc, rs__ydoc *other);
/* An empty document owning nothing yet (for composing). */
rs__ydoc *rs__ydoc_alloc(void);

/* Plain ~, null, Null, NULL or empty: YAML null. */
int rs__ynode_is_null(const rs__ynode *n);
/* "a mapping", "a list", "a string", "null", ... for messages. */
const char *rs__ynode_kind_name(const rs__ynode *n);

#endif
