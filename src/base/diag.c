/* Diagnostics list: formatted "FILE:LINE:COL: message" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"

struct rs_diag {
  char *msg[RS__DIAG_MAX];
  size_t n;      /* stored */
  size_t total;  /* added, including those past the cap */
  int first_code;
};

rs_diag *rs_diag_alloc(void) { return calloc(1, sizeof(rs_diag)); }

void rs_diag_free(rs_diag *d) {
  if (!d) return;
  for (size_t i = 0; i < d->n; i++) free(d->msg[i]);
  free(d);
}

size_t rs_diag_count(const rs_diag *d) { return d ? d->n : 0; }

const char *rs_diag_message(const rs_diag *d, size_t i) {
  return (d && i < d->n) ? d->msg[i] : NULL;
}

int rs__diag_first_code(const rs_diag *d) { return d ? d->first_code : RS_OK; }

int rs__diag_vadd(rs_diag *d, int code, const char *file, int line, int col,
                  const char *fmt, va_list ap) {
  if (!d) return code;
  if (d->total++ == 0) d->first_code = code;
  if (d->n >= RS__DIAG_MAX) return code;
  char head[1100];
  if (line > 0 && col > 0)
    snprintf(head, sizeof head, "%s:%d:%d: ", file ? file : "ridersim", line, col);
  else if (line > 0)
    snprintf(head, sizeof head, "%s:%d: ", file ? file : "ridersim", line);
  else
    snprintf(head, sizeof head, "%s: ", file ? file : "ridersim");
  char body[1024];
  vsnprintf(body, sizeof body, fmt, ap);
  size_t len = strlen(head) + strlen(body) + 1;
  char *m = malloc(len);
  if (!m) return code;
  snprintf(m, len, "%s%s", head, body);
  d->msg[d->n++] = m;
  return code;
}

int rs__diag_add(rs_diag *d, int code, const char *file, int line, int col,
                 const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rs__diag_vadd(d, code, file, line, col, fmt, ap);
  va_end(ap);
  return code;
}
