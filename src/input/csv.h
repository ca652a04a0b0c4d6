/* RFC-4180-style CSV reader (quoted fields, CRLF, UTF-8 BOM stripped) with
 * positions for messages, and the two scenario tables read from CSV. */
#ifndef RS__CSV_H
#define RS__CSV_H

#include <stddef.h>
#include "ridersim/ridersim.h"

#include "input/csvtable.h" /* RS__CSV_MAX_BYTES: one limit for every CSV read */
#define RS__CSV_MAX_ROWS 5000000
#define RS__CSV_MAX_FIELD 255
#define RS__CSV_MAX_COLS 32

typedef struct rs__csv {
  const char *name;          /* file name for messages */
  const char *buf;
  size_t len, pos;
  int line;                  /* line of the next character */
  int nlines;                /* lines of the file (rs__csv_init): at least its records */
  size_t linestart;          /* offset of the current line's first byte */
  /* the current record */
  int nf;
  int row_line;              /* line where the record starts */
  char f[RS__CSV_MAX_COLS][RS__CSV_MAX_FIELD + 1];
  int fline[RS__CSV_MAX_COLS], fcol[RS__CSV_MAX_COLS];
  /* Set by the caller: a field over RS__CSV_MAX_FIELD bytes is cut and marked in
   * cut[] instead of failing the record (GTFS descriptions nobody reads). */
  int allow_cut;
  unsigned char cut[RS__CSV_MAX_COLS];
} rs__csv;

/* Check BUF (size, UTF-8, no NUL), strip a BOM and set up C. Problems go to D. */
int rs__csv_init(rs__csv *c, const char *name, const char *buf, size_t len, rs_diag *d);
/* Read the next record: 1 when read, 0 at the end, negative on a malformed
 * record (reported; reading may go on from the next line). */
int rs__csv_next(rs__csv *c, rs_diag *d);

/* Read the header (first record) and map the NCOLS names in COLS to field
 * positions in IDX; missing, unknown and repeated columns are errors. */
int rs__csv_header(rs__csv *c, const char *const *cols, int ncols, int *idx, rs_diag *d);
/* The same with COLS[0..nreq) required and COLS[nreq..ncols) optional (IDX -1 when absent). */
int rs__csv_header_opt(rs__csv *c, const char *const *cols, int nreq, int ncols, int *idx,
                       rs_diag *d);

struct rs__bind;
struct rs__ynode;
/* trips_csv / departures_csv: PATH resolved, PATHNODE the YAML node naming it
 * (missing files are reported there). Fill the scenario's tables. */
int rs__csv_load_trips(struct rs__bind *b, const struct rs__ynode *pathnode, const char *path);
int rs__csv_load_departures(struct rs__bind *b, const struct rs__ynode *pathnode,
                            const char *path);

#endif
