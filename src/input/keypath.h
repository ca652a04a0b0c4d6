/* Dotted key paths ("timetable.day_types.weekend.periods.0.headway_min"): the one
 * parser and walker, used by --set, calibrate's --fit and the calibrated.yaml
 * writer. A segment names a mapping key, or a list index in decimal. */
#ifndef RS__INPUT_KEYPATH_H
#define RS__INPUT_KEYPATH_H
#include "input/yamldoc.h"
#include "model/scenario.h"

#define RS__KP_MAXSEG 32
#define RS__KP_SEGLEN (RS__ID_MAX * 4)

typedef struct rs__keypath {
  int n;
  char seg[RS__KP_MAXSEG][RS__KP_SEGLEN];
  int col[RS__KP_MAXSEG];       /* 1-based column of each segment in the text */
} rs__keypath;

/* Split TEXT up to its first '=' (or its end) at dots. On a malformed path returns
 * RS_EUSAGE with *BAD the index of the bad segment (its column in kp->col), or -1
 * when there are more than RS__KP_MAXSEG parts, and *WHY "empty" or "too long". */
int rs__keypath_parse(const char *text, rs__keypath *kp, int *bad, const char **why);
/* 1 when SEG is a list index: 1 to 9 decimal digits. */
int rs__keypath_is_index(const char *seg);
/* The node KP names under ROOT (mappings by key, lists by index), or NULL. */
const rs__ynode *rs__keypath_get(const rs__ynode *root, const rs__keypath *kp);
/* The first K segments joined with dots, into BUF of RS__KP_MAX bytes. */
void rs__keypath_prefix(const rs__keypath *kp, int k, char *buf);
#endif
