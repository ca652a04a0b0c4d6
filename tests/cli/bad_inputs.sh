#!/usr/bin/env bash
# Malformed and hostile scenarios: for each NAME.expect in tests/bad-inputs,
# `ridersim check NAME.yaml` must exit with the code on the first line and
# print every following line exactly on stderr; `ridersim run` must fail and
# write nothing. Files without a .expect (base.yaml, cycle-b.yaml) are helpers.
# Code 0 marks a plausibility case (warn-*): valid but implausible, so check
# exits 0 with the warnings, and run prints the same warnings and completes.
set -u
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
: "${SRC:?set SRC to the source tree}"
cd "$SRC/tests/bad-inputs" || exit 1
scratch=$(mktemp -d "${TMPDIR:-/tmp}/rs_bad_inputs.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
pass=0
fail=0
for expect in *.expect; do
  name=${expect%.expect}
  want_rc=$(head -n 1 "$expect")
  err="$scratch/$name.err"
  timeout 20 "$RIDERSIM" check "$name.yaml" >/dev/null 2>"$err"
  rc=$?
  ok=1
  if [ "$rc" != "$want_rc" ]; then
    echo "FAIL $name: check exit code $rc, want $want_rc"
    ok=0
  fi
  while IFS= read -r line; do
    if ! grep -qxF -- "$line" "$err"; then
      echo "FAIL $name: missing on stderr: $line"
      ok=0
    fi
  done < <(tail -n +2 "$expect")
  if [ "$ok" = 0 ]; then
    echo "  stderr was:"
    sed 's/^/    /' "$err" | head -n 20
  fi
  out="$scratch/out-$name"
  mkdir "$out"
  if [ "$want_rc" = 0 ]; then
    timeout 20 "$RIDERSIM" run "$name.yaml" -o "$out/run" --plots none >/dev/null 2>"$err.run"
    rc=$?
    [ "$rc" = 0 ] || { echo "FAIL $name: run exited $rc (warnings must not stop a run)"; ok=0; }
    [ -f "$out/run/summary.yaml" ] || { echo "FAIL $name: run wrote no summary.yaml"; ok=0; }
    while IFS= read -r line; do
      grep -qxF -- "$line" "$err.run" || { echo "FAIL $name: run did not warn: $line"; ok=0; }
    done < <(tail -n +2 "$expect")
    if [ "$ok" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    continue
  fi
  timeout 20 "$RIDERSIM" run "$name.yaml" -o "$out" >/dev/null 2>&1
  rc=$?
  if [ "$rc" = 0 ]; then
    echo "FAIL $name: run exited 0"
    ok=0
  fi
  if [ -n "$(ls -A "$out")" ]; then
    echo "FAIL $name: run wrote files: $(ls -A "$out" | tr '\n' ' ')"
    ok=0
  fi
  if [ "$ok" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
