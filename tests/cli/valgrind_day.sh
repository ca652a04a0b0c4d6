#!/usr/bin/env bash
# The baseline day (scenarios/ziyang/baseline-day.yaml) under valgrind
# memcheck: no invalid reads or writes, no use of uninitialised values, no
# leaks (definite or indirect), and a bad input refused cleanly. Plots are off
# (--plots none): fontconfig and pango keep caches that valgrind reports
# (tests/data/plots/valgrind-fontconfig.supp covers runs with plots).
# Skipped (with a message) when valgrind is absent or the binary is built with
# sanitizers, which valgrind cannot run.
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
: "${SRC:?set SRC to the source tree}"
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP: valgrind not installed (apt-get install valgrind)"
  echo "0 passed, 0 failed"
  exit 0
fi
if [ -n "${BUILD:-}" ] && grep -q '^RS_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "SKIP: sanitizer build (valgrind runs on the plain build)"
  echo "0 passed, 0 failed"
  exit 0
fi
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_valgrind.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
vg=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --track-origins=yes --error-exitcode=99 -q)

"${vg[@]}" --log-file="$t/day.log" "$RIDERSIM" run "$SRC/scenarios/ziyang/baseline-day.yaml" \
  -o "$t/day" --passengers --plots none -q
rc=$?
ok $rc "baseline day under valgrind exits $rc (99: memcheck errors)"
[ ! -s "$t/day.log" ]
ok $? "memcheck reports nothing for the baseline day"
[ -f "$t/day/summary.yaml" ] && [ -f "$t/day/passengers.csv" ]
ok $? "the run wrote summary.yaml and passengers.csv"

# A refused input takes the error paths (diagnostics, freeing half-built state).
"${vg[@]}" --log-file="$t/bad.log" "$RIDERSIM" check "$SRC/tests/bad-inputs/trips-dup-id.yaml" \
  >/dev/null 2>&1
rc=$?
[ "$rc" = 1 ]
ok $? "a bad input under valgrind exits 1 (got $rc)"
[ ! -s "$t/bad.log" ]
ok $? "memcheck reports nothing for a refused input"

for f in "$t"/*.log; do [ -s "$f" ] && { echo "--- $f"; head -n 40 "$f"; }; done
checks_done
