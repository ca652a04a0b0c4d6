#!/usr/bin/env bash
# Outputs are whole or absent: `ridersim run` is killed with SIGKILL at several
# moments of a run (from start-up to past its measured length), over an output
# directory holding an earlier run. Afterwards the directory must be exactly
# the earlier run, exactly the complete new run (byte for byte against a
# reference run of the same scenario), or absent (killed between the two
# renames of the commit) - never a mixture or a half-written file. Also: a
# directory holding foreign files is refused and left untouched, and a new run
# replaces an old one as a whole (files only the old run had disappear).
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_kill.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The new run: a month of the built-in baseline with plots (CSV, YAML, PNG).
new=(run --set period.end=2024-10-31 -q)
# The old run: the one-day scenario with passengers.csv, which the new run lacks.
old=(run "${SRC:?}/scenarios/ziyang/baseline-day.yaml" --passengers --plots none -q)

start=$(now_ms)
"$RIDERSIM" "${new[@]}" -o "$t/ref"
ok $? "reference run exits 0"
T=$(( $(now_ms) - start ))
[ "$T" -lt 50 ] && T=50
"$RIDERSIM" "${old[@]}" -o "$t/oldref"
ok $? "old run exits 0"
[ -f "$t/oldref/passengers.csv" ] && [ ! -e "$t/ref/passengers.csv" ]
ok $? "the old run has passengers.csv, the new one does not"

n_old=0 n_new=0 n_absent=0
for pct in 2 15 40 70 100 130; do
  rm -rf "$t/out" "$t"/out.*
  cp -a "$t/oldref" "$t/out"
  "$RIDERSIM" "${new[@]}" -o "$t/out" &
  pid=$!
  delay=$(( T * pct / 100 ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ ! -e "$t/out" ]; then
    n_absent=$((n_absent + 1)); ok 0 ""
  elif diff -r -x .ridersim-run "$t/out" "$t/oldref" >/dev/null 2>&1; then
    n_old=$((n_old + 1)); ok 0 ""
  elif diff -r -x .ridersim-run "$t/out" "$t/ref" >/dev/null 2>&1; then
    n_new=$((n_new + 1)); ok 0 ""
  else
    ok 1 "killed at ${pct}% of ${T} ms: out/ is neither the old run nor the complete new one"
    diff -rq -x .ridersim-run "$t/out" "$t/ref" | head -n 5
  fi
  # Whatever the kill left beside out/, the next run must succeed and be complete.
  "$RIDERSIM" "${new[@]}" -o "$t/out"
  ok $? "run after a kill at ${pct}% exits 0"
  diff -r -x .ridersim-run "$t/out" "$t/ref" >/dev/null 2>&1
  ok $? "run after a kill at ${pct}% equals the reference (old files replaced, none mixed in)"
done
echo "kills at 2..130% of ${T} ms: old ${n_old}, new ${n_new}, absent ${n_absent}"
# The earliest kill comes long before the commit: the old run must still be there.
[ "$n_old" -ge 1 ]
ok $? "at least one kill left the old run in place"

mkdir "$t/foreign"
echo "my notes" > "$t/foreign/notes.txt"
"$RIDERSIM" "${new[@]}" -o "$t/foreign" 2>"$t/refused.err"
rc=$?
[ "$rc" != 0 ]
ok $? "a directory of foreign files is refused (exit $rc)"
[ "$(ls -A "$t/foreign")" = "notes.txt" ] && [ "$(cat "$t/foreign/notes.txt")" = "my notes" ]
ok $? "the foreign directory is untouched"
[ -z "$(ls -d "$t"/foreign.* 2>/dev/null)" ]
ok $? "no staging directory is left beside a refused directory"

checks_done
