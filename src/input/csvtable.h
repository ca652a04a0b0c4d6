/* A small reader of tidy CSV files (header row, one row per observation) into
 * cells addressed by row and column name, for the plots. RFC 4180 quoting,
 * LF or CRLF line ends, UTF-8 passed through. Every error names FILE:LINE:COL. */
#ifndef RS__CSVTABLE_H
#define RS__CSVTABLE_H
#include "ridersim/ridersim.h"

#define RS__CSV_MAX_BYTES ((size_t)256 << 20) /* every CSV read: 256 MiB; larger: RS_ELIMIT */
#define RS__CSVTABLE_MAX_COLS 4096

typedef struct rs__csvtable {
  char *path;     /* as given, for messages */
  char *buf;      /* file contents; fields are NUL-terminated in place */
  int ncol, nrow;
  char **hdr;     /* ncol column names */
  char **cell;    /* nrow * ncol pointers into buf, row-major */
  int *line;      /* nrow source line numbers (1-based; the header is line 1) */
  int *col0;      /* nrow * ncol 1-based character columns of the fields */
} rs__csvtable;

/* Read PATH. Rows with a field count different from the header's, unterminated
 * quotes and an empty or missing header are RS_ESYNTAX; an unreadable file is
 * RS_EIO. On failure *out is NULL and the problem is in D. */
int rs__csvtable_read(const char *path, rs__csvtable **out, rs_diag *d);
void rs__csvtable_free(rs__csvtable *t);

/* Index of column NAME, or -1. */
int rs__csvtable_col(const rs__csvtable *t, const char *name);
/* Index of column NAME into *col; RS_ESYNTAX "FILE:1: missing column" if absent. */
int rs__csvtable_need(const rs__csvtable *t, const char *name, int *col, rs_diag *d);

const char *rs__csvtable_str(const rs__csvtable *t, int row, int col);
/* The cell as a finite number; RS_ESYNTAX naming FILE:LINE:COL if it is not one
 * (an empty cell too, unless ALLOW_EMPTY: then *out is NAN). */
int rs__csvtable_num(const rs__csvtable *t, int row, int col, int allow_empty,
                     double *out, rs_diag *d);
/* The cell as a YYYY-MM-DD date (days since 1970-01-01); RS_ESYNTAX otherwise. */
int rs__csvtable_date(const rs__csvtable *t, int row, int col, int *out, rs_diag *d);
/* The date of a detail-day table: as rs__csvtable_date, but an empty cell is a
 * dateless one-day scenario's day: RS__CSV_NODATE. */
#define RS__CSV_NODATE (-2147483647 - 1)
int rs__csvtable_day(const rs__csvtable *t, int row, int col, int *out, rs_diag *d);
/* "YYYY-MM-DD", or "one service day" for RS__CSV_NODATE (BUF >= 16 bytes). */
void rs__csvtable_day_label(int day, char *buf, size_t size);
#endif
