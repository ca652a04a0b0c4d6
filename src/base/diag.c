/* Diagnostics list: formatted "FILE:LINE:COL: message" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"

struct rs_diag {
  char *msg[RS__DIAG_MAX];
  unsigned char warning[RS__DIAG_MAX];
  size_t n;       /* stored */
  size_t total;   /* added, including those past the cap */
  size_t errors;  /* errors added, including those past the cap */
  int first_code; /* of the first error */
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

size_t rs_diag_omitted(const rs_diag *d) { return d ? d->total - d->n : 0; }

size_t rs_diag_errors(const rs_diag *d) { return d ? d->errors : 0; }

int rs_diag_is_warning(const rs_diag *d, size_t i) { return d && i < d->n && d->warning[i]; }

int rs__diag_first_code(const rs_diag *d) { return d ? d->first_code : RS_OK; }

/* Store one message; WARN marks a warning ("warning: " after the position). */
static void rs__diag_store(rs_diag *d, int code, int warn, const char *file, int line, int col,
                           const char *fmt, va_list ap) {
  d->total++;
  if (!warn && code != RS_OK && d->errors++ == 0) d->first_code = code;
  if (d->n >= RS__DIAG_MAX) return;
  char head[1100];
  if (line > 0 && col > 0)
    snprintf(head, sizeof head, "%s:%d:%d: ", file ? file : "ridersim", line, col);
  else if (line > 0)
    snprintf(head, sizeof head, "%s:%d: ", file ? file : "ridersim", line);
  else
    snprintf(head, sizeof head, "%s: ", file ? file : "ridersim");
  char body[1024];
  vsnprintf(body, sizeof body, fmt, ap);
  const char *tag = warn ? "warning: " : "";
  size_t len = strlen(head) + strlen(tag) + strlen(body) + 1;
  char *m = malloc(len);
  if (!m) return;
  snprintf(m, len, "%s%s%s", head, tag, body);
  d->warning[d->n] = (unsigned char)warn;
  d->msg[d->n++] = m;
}

int rs__diag_vadd(rs_diag *d, int code, const char *file, int line, int col,
                  const char *fmt, va_list ap) {
  if (d) rs__diag_store(d, code, 0, file, line, col, fmt, ap);
  return code;
}

int rs__diag_warn(rs_diag *d, const char *file, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (d) rs__diag_store(d, RS_OK, 1, file, line, col, fmt, ap);
  va_end(ap);
  return RS_OK;
}

int rs__diag_add(rs_diag *d, int code, const char *file, int line, int col,
                 const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rs__diag_vadd(d, code, file, line, col, fmt, ap);
  va_end(ap);
  return code;
}

int rs__diag_add_line(rs_diag *d, int code, int warn, const char *line) {
  if (!d) return code;
  d->total++;
  if (!warn && code != RS_OK && d->errors++ == 0) d->first_code = code;
  if (d->n >= RS__DIAG_MAX) return code;
  size_t len = strlen(line) + 1;
  char *m = malloc(len);
  if (!m) return code;
  memcpy(m, line, len);
  d->warning[d->n] = (unsigned char)(warn != 0);
  d->msg[d->n++] = m;
  return code;
}

void rs__diag_rename_path(rs_diag *d, const char *from, const char *to) {
  size_t fl = strlen(from);
  for (size_t i = 0; d && fl && i < d->n; i++) {
    const char *m = d->msg[i];
    if (strncmp(m, from, fl) || (m[fl] != '/' && m[fl] != ':')) continue;
    size_t len = strlen(to) + strlen(m + fl) + 1;
    char *n = malloc(len);
    if (!n) continue;
    snprintf(n, len, "%s%s", to, m + fl);
    free(d->msg[i]);
    d->msg[i] = n;
  }
}
