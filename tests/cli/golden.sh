#!/usr/bin/env bash
# Golden results: the baseline day (every passenger) and a short calendar run of
# the baseline hash their output files to the constants below. A change of
# results must update these constants in the same commit, with a line in
# docs/design-notes.md ("Golden results") saying why. Charts are not hashed
# (fonts differ between machines); every table and summary is.
set -u
cd "$SRC" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0 pass=0
"$RIDERSIM" run scenarios/ziyang/baseline-day.yaml --passengers --plots none -q -o "$out/day" || fail=$((fail + 1))
"$RIDERSIM" run scenarios/ziyang/baseline.yaml --set period.end=2024-10-31 --plots none -q \
  -o "$out/month" || fail=$((fail + 1))
check() {
  local file=$1 want=$2 got
  got=$(sha256sum "$out/$file" 2>/dev/null | cut -c1-16)
  if [ "$got" = "$want" ]; then pass=$((pass + 1)); else
    echo "golden: $file hashes to ${got:-(missing)}, expected $want"; fail=$((fail + 1)); fi
}
while read -r file want; do check "$file" "$want"; done <<'TABLE'
day/passengers.csv 3dc09262db6d671e
day/sections.csv 97f416cc3d463297
day/stations.csv 44f32b2ebc66220b
day/summary.yaml e313e1c8f44e28a4
day/trains.csv 38a8913d82a3c7e5
month/commute.csv 035638b66a8db3bc
month/commute_samples.csv 9b54694b5e1797e6
month/daily.csv 9499ab1d6b49d3c3
month/observed.csv 216dac80f28a4d0a
month/sections.csv 7b71b7c965ec3dd3
month/stations.csv d3affd1a7e24b8d9
month/summary.yaml 545150941fb17f2f
month/trains.csv e2e144cfa351f0cf
TABLE
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
