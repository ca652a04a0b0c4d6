/* Internal pieces of report.html (report_html.c, report_read.c). */
#ifndef RS__REPORT_H
#define RS__REPORT_H
#include <stdio.h>
#include "ridersim/plots.h"

void rs__html_text(FILE *f, const char *s);
void rs__html_csv(FILE *f, const char *dir, const char *name, const char *const *cols, int ncols,
                  int maxrows);
/* "key: value" of a flat YAML file DIR/NAME (quotes stripped); "" when absent. */
void rs__report_yaml(const char *dir, const char *name, const char *key, char *out, size_t size);
/* The same for several keys of one file, read once. */
typedef struct rs__report_kv {
  char *text; /* NULL: the file could not be read (every key absent) */
} rs__report_kv;
void rs__report_kv_load(rs__report_kv *kv, const char *dir, const char *name);
void rs__report_kv_get(const rs__report_kv *kv, const char *key, char *out, size_t size);
void rs__report_kv_free(rs__report_kv *kv);
/* The names of DIR's *.png files (malloc'd); their number, -1 when unreadable. */
int rs__report_list_png(const char *dir, char ***names);
/* A one-line reading of chart NAME of DIR, from DIR's files. */
void rs__report_reading(const char *dir, rs_folder_kind kind, const char *name, char *out,
                        size_t size);
/* The head of the page: title, scenario, key figures, tables. */
void rs__report_run(FILE *f, const char *dir);
void rs__report_compare(FILE *f, const char *dir);
void rs__report_forecast(FILE *f, const char *dir);
#endif
