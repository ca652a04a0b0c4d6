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
day/summary.yaml b1983706dda1b916
day/trains.csv beed1622aef20c97
month/commute.csv ad895fa0d4c68fdb
month/commute_samples.csv e7f2351c47be4d38
month/daily.csv 57b7d470ac33ad17
month/observed.csv f81de3f2e6f45174
month/sections.csv 53d099a28f6e0c8f
month/stations.csv a344a191128d0e1f
month/summary.yaml 8402e5c2ecf9c6bf
month/trains.csv 777f00f4d39207dd
TABLE
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
