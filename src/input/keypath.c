/* Dotted key paths (keypath.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/keypath.h"

int rs__keypath_parse(const char *text, rs__keypath *kp, int *bad, const char **why) {
  const char *eq = strchr(text, '=');
  if (!eq) eq = text + strlen(text);
  kp->n = 0;
  *bad = -1;
  *why = "";
  for (const char *p = text; p <= eq;) {
    const char *e = p;
    while (e < eq && *e != '.') e++;
    if (kp->n == RS__KP_MAXSEG) {
      *why = "more than 32 parts";
      return RS_EUSAGE;
    }
    kp->col[kp->n] = (int)(p - text) + 1;
    if (e == p || (size_t)(e - p) >= sizeof kp->seg[0]) {
      *bad = kp->n;
      *why = e == p ? "empty" : "too long";
      return RS_EUSAGE;
    }
    memcpy(kp->seg[kp->n], p, (size_t)(e - p));
    kp->seg[kp->n++][e - p] = 0;
    p = e + 1;
  }
  return RS_OK;
}

int rs__keypath_is_index(const char *s) {
  if (!*s || strlen(s) > 9) return 0;
  for (; *s; s++)
    if (!isdigit((unsigned char)*s)) return 0;
  return 1;
}

const rs__ynode *rs__keypath_get(const rs__ynode *n, const rs__keypath *kp) {
  for (int k = 0; n && k < kp->n; k++) {
    if (n->kind == RS__Y_SEQ) {
      size_t i = rs__keypath_is_index(kp->seg[k]) ? strtoul(kp->seg[k], NULL, 10) : n->n;
      n = i < n->n ? n->items[i] : NULL;
    } else {
      n = rs__ymap_get(n, kp->seg[k]);
    }
  }
  return n;
}

void rs__keypath_prefix(const rs__keypath *kp, int k, char *buf) {
  buf[0] = 0;
  for (int i = 0; i < k; i++) {
    size_t o = strlen(buf);
    snprintf(buf + o, RS__KP_MAX - o, "%s%s", i ? "." : "", kp->seg[i]);
  }
}
