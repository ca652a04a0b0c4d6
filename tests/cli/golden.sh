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
day/passengers.csv d5f6f3e685d47faf
day/sections.csv eda51ccf1892f79a
day/stations.csv 93f3a48b1c8b65cc
day/summary.yaml 53778bd09dfd5b90
day/trains.csv beed1622aef20c97
month/commute.csv 920157edf51c7246
month/commute_samples.csv 022262d800100ea8
month/daily.csv ae2ac8a1193639e8
month/observed.csv 180286ba3e6ffef3
month/sections.csv 55999dc91600720d
month/stations.csv 6ae758267e95291b
month/summary.yaml 4fd6eccdee0a234e
month/trains.csv 50cb57fcc541dc5c
TABLE
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
