/* Binding a composed YAML tree to the structs of scenario.h.
 *
 * One binder per top-level section, listed in a table in scenario_load.c: to
 * add a section, write `int rs__bind_xxx(rs__bind *b, const rs__ynode *val)` in
 * a new file, declare it here and add a table entry. Every default is set
 * before binding (model/defaults.c), so a binder overrides only what the file
 * gives; it is called with VAL NULL when the section is absent.
 *
 * Getters report every problem as "FILE:LINE:COL: message" at the offending
 * node, naming the key path, and keep going: a file with three errors gives
 * three messages. They return 1 when the value was set, 0 when the key is
 * absent (or null: null means "use the default"), a negative RS_E* on error. */
#ifndef RS__SCENARIO_LOAD_H
#define RS__SCENARIO_LOAD_H

#include <stddef.h>
#include <stdint.h>
#include "model/scenario.h"
#include "input/yamldoc.h"


typedef struct rs__bind {
  rs_scenario *s;
  rs_diag *d;
  const rs__ynode *root;
  int nerr;                 /* problems reported so far */
  uint64_t hash;            /* FNV-1a state: CSV bytes are mixed in as loaded */
  int *st_sorted;           /* station indices sorted by id (for lookups) */
  int nst_sorted;
  /* Nodes the binders reported a problem at (when TRACK is set), so the
   * validation pass checks only values that bound cleanly (rs__bind_clean). */
  int track;
  const rs__ynode **errat;
  size_t nerrat, caperrat;
  int errat_lost;           /* out of memory while recording: nothing counts as clean */
} rs__bind;

/* One service pattern {first_train, last_train, periods} over SV's values. */
int rs__bind_service(rs__bind *b, const rs__ynode *v, const char *mappath, rs__service *sv);
/* timetable.seasons: {KIND: service} (scenario_seasons.c). */
int rs__bind_season_timetables(rs__bind *b, const rs__ynode *sn);

/* Warnings for valid but implausible values (scenario_plausible.c). */
void rs__scenario_plausibility(rs__bind *b);

typedef int (*rs__section_fn)(rs__bind *b, const rs__ynode *val);
typedef struct rs__section {
  const char *key;
  int required;
  rs__section_fn bind;
} rs__section;

/* Bind ROOT (a mapping) into S. Every problem goes to D. */
int rs__scenario_bind(rs_scenario *s, const rs__ynode *root, rs_diag *d, uint64_t *hash);

/* Report a problem at node N (file/line/col), counted in b->nerr. */
int rs__bind_err(rs__bind *b, const rs__ynode *n, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Key paths: PARENT "" gives KEY alone. */
void rs__kp_key(char *buf, const char *parent, const char *key);
void rs__kp_index(char *buf, const char *parent, size_t i);

/* Edit (Levenshtein) distance, capped at 100. */
int rs__edit_distance(const char *a, const char *b);
/* Nearest of CANDS[0..n) to WORD when close enough to be a typo, or NULL. */
const char *rs__suggest(const char *word, const char *const *cands, size_t n);

/* The value of KEY in MAP; NULL when absent or null. */
const rs__ynode *rs__y_get(const rs__ynode *map, const char *key);
/* The key node of KEY in MAP (for positions), or NULL. */
const rs__ynode *rs__y_keynode(const rs__ynode *map, const char *key);

/* N must be a mapping / a list: otherwise "'PATH' must be a mapping, got a list". */
int rs__y_expect_map(rs__bind *b, const rs__ynode *n, const char *path);
int rs__y_expect_seq(rs__bind *b, const rs__ynode *n, const char *path);
/* Every key of MAP must be in KEYS (NULL-terminated); unknown keys are errors
 * with a suggestion. Returns the number of unknown keys. */
int rs__y_check_keys(rs__bind *b, const rs__ynode *map, const char *path,
                     const char *const *keys);
/* "'PATH' is missing required key 'KEY'" at MAP when absent; 1 when present. */
int rs__y_require(rs__bind *b, const rs__ynode *map, const char *path, const char *key);

/* Node-level conversions (N a non-null node, PATH its full key path). */
enum { RS__LO_OPEN = 1, RS__HI_OPEN = 2 };
int rs__y_number(rs__bind *b, const rs__ynode *n, const char *path, double *out);
int rs__y_number_in(rs__bind *b, const rs__ynode *n, const char *path, double lo, double hi,
                    unsigned flags, double *out);
int rs__y_int_in(rs__bind *b, const rs__ynode *n, const char *path, long long lo,
                 long long hi, long long *out);
int rs__y_bool(rs__bind *b, const rs__ynode *n, const char *path, int *out);
/* A string of at most MAXBYTES bytes of valid UTF-8 (OUT has MAXBYTES+1). */
int rs__y_string(rs__bind *b, const rs__ynode *n, const char *path, size_t maxbytes,
                 char *out);
/* An id: 1..RS__ID_MAX-1 characters of [A-Za-z0-9_-]. */
int rs__y_id(rs__bind *b, const rs__ynode *n, const char *path, char *out);
/* A time of day ("HH:MM[:SS]" or seconds in [0, 86400)); ALLOW24 also takes "24:00". */
int rs__y_time(rs__bind *b, const rs__ynode *n, const char *path, int allow24, double *out);
int rs__y_date(rs__bind *b, const rs__ynode *n, const char *path, int32_t *out);
/* A station id of the bound line -> its index, with a suggestion when unknown. */
int rs__y_station(rs__bind *b, const rs__ynode *n, const char *path, int *out);

/* Map-level wrappers: look KEY up in MAP (path MAPPATH); absent/null -> 0 and,
 * when REQUIRED, a "missing required key" error. */
int rs__get_number(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                   int required, double lo, double hi, unsigned flags, double *out);
int rs__get_int(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                int required, long long lo, long long hi, long long *out);
int rs__get_string(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                   int required, size_t maxbytes, char *out);
int rs__get_time(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                 int required, int allow24, double *out);
int rs__get_date(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                 int required, int32_t *out);
int rs__get_bool(rs__bind *b, const rs__ynode *map, const char *mappath, const char *key,
                 int required, int *out);

/* The stations' km as the validation pass accepts them, for binders that use the
 * line's geometry before that pass runs: a km not beyond the last accepted one
 * is NAN, like a km that did not bind (caller frees; NULL when out of memory). */
double *rs__line_km_accepted(const rs_scenario *s);

/* Station index of ID in the bound line, or -1. */
int rs__station_find(const rs__bind *b, const char *id);
/* Nearest station id to ID when it looks like a typo, or NULL. */
const char *rs__station_suggest(const rs__bind *b, const char *id);

/* Resolve PATH relative to the directory of FILE (the YAML file naming it). */
void rs__path_resolve(char *out, size_t size, const char *file, const char *path);
/* Read a whole file (or an embedded "(builtin)/..." file) of at most MAX bytes.
 * On failure returns RS_EIO/RS_ELIMIT/RS_ENOMEM and a reason in WHY. */
int rs__source_read(const char *path, size_t max, char **buf, size_t *len, char *why,
                    size_t whysize);

/* Section binders. */
int rs__bind_version(rs__bind *b, const rs__ynode *val);
int rs__bind_name(rs__bind *b, const rs__ynode *val);
int rs__bind_seed(rs__bind *b, const rs__ynode *val);
int rs__bind_step(rs__bind *b, const rs__ynode *val);
int rs__bind_line(rs__bind *b, const rs__ynode *val);
int rs__bind_trains(rs__bind *b, const rs__ynode *val);
int rs__bind_running(rs__bind *b, const rs__ynode *val);
int rs__bind_timetable(rs__bind *b, const rs__ynode *val);
int rs__bind_demand(rs__bind *b, const rs__ynode *val);
/* demand.counts_csv (and counts_seed_csv, gravity_km) of the demand mapping V. */
int rs__bind_counts(rs__bind *b, const rs__ynode *v);
/* counts_csv given together with od or trips_csv: reported, RS_EINVAL. */
int rs__counts_exclusive(rs__bind *b, const rs__ynode *v);

/* Cross-field checks after binding (scenario_validate.c, scenario_validate_commute.c). */
int rs__scenario_validate(rs__bind *b);

/* Composition (scenario_compose.c): load PATH with its extends chain and
 * apply the --set overrides; the result is owned by *DOC. When only --set
 * arguments were malformed, *DOC is still set (the others applied) and their
 * first error code is returned. */
int rs__scenario_compose(const char *path, const char *const *sets, size_t nsets,
                         rs__ydoc **doc, rs_diag *d);
/* FNV-1a 64 of a canonical serialisation of N (mapping keys sorted). */
#define RS__FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t rs__fnv1a(uint64_t h, const void *data, size_t len);
uint64_t rs__ynode_hash(uint64_t h, const rs__ynode *n);

#endif
