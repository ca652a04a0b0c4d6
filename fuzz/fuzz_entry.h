/* The one entry point shared by the libFuzzer target (fuzz_scenario.c) and the
 * regression replay (tests/test_fuzz_replay.c), so ctest replays the corpus
 * through exactly the code the fuzzer ran.
 *
 * Input format (a "bundle"): plain text. Lines "#@file NAME" start a file
 * (NAME: 1-40 characters of [A-Za-z0-9._-]); lines "#@set KEY=VALUE" add a
 * --set override. Text before the first "#@file" belongs to "scenario.yaml".
 * Every file is written into DIR, then:
 *   - each NAME.yaml is parsed as a YAML document and as a calendar file,
 *   - each NAME.csv is read record by record by the CSV reader,
 *   - DIR/scenario.yaml is loaded (extends, --set, CSV tables, observed,
 *     calendars, validation) and, when valid, a simulation is created.
 * Invariants checked: a failed load reports at least one message; a valid
 * scenario gives a simulation (not out of memory).
 *
 * A bundle with NAME.txt files is also a GTFS feed: those files are written
 * into DIR/feed/, its routes are listed and it is imported into DIR/out/ as
 * `ridersim import-gtfs` does (the feed's only rail route, its first service
 * date). Invariants: a refused feed says why; an imported scenario loads and
 * gives a simulation (import-gtfs promises a runnable scenario). */
#ifndef RS__FUZZ_ENTRY_H
#define RS__FUZZ_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#define RS__FUZZ_MAX_FILES 16
#define RS__FUZZ_MAX_SETS 4
#define RS__FUZZ_MAX_INPUT (1u << 20) /* longer inputs are ignored, not parsed */

/* DIR: an existing scratch directory owned by the caller (files are removed
 * again before returning). 0 when every invariant held, -1 when one failed
 * (the message is on stderr), -2 when DIR cannot be written. */
int rs_fuzz_one(const char *dir, const uint8_t *data, size_t size);

#endif
