#!/usr/bin/env bash
# Runs a fixed set of ridersim commands with one binary into DIR, so that two
# builds can be compared file by file (used to prove a refactor changes no output):
#   scripts/regress-outputs.sh BINARY DIR        # run every case into DIR/<case>/
#   diff -r DIR_A DIR_B                          # then compare two such folders
# Charts are compared as files too: PLplot's PNGs are deterministic for equal data.
set -euo pipefail
bin=$(realpath "$1"); out=$2
cd "$(dirname "$0")/.."
mkdir -p "$out"; out=$(realpath "$out")
run() { local name=$1; shift; "$bin" "$@" -q > "$out/$name.stdout" 2> "$out/$name.stderr" || echo "exit $?" >> "$out/$name.stdout"; }
run baseline run -o "$out/baseline"
run day run scenarios/ziyang/baseline-day.yaml -o "$out/day" --passengers
run without run scenarios/ziyang/without-line.yaml -o "$out/without" --plots none
for w in scenarios/ziyang/whatif/*.yaml; do
  n=$(basename "$w" .yaml)
  run "whatif-$n" run "$w" --set period.end=2025-03-31 -o "$out/whatif-$n" --plots none
done
run expected run --expected -o "$out/expected" --plots none
run rep run --replications 3 --set period.end=2024-12-31 -o "$out/rep" --plots none --threads 2
run compare compare scenarios/ziyang/baseline.yaml scenarios/ziyang/whatif/peak-5min.yaml \
    --set period.end=2025-01-31 --replications 2 -o "$out/compare"
run calibrate calibrate --fit market.scale --fit market.adoption.novelty -o "$out/cal"
run forecast forecast "$out/cal/calibrated.yaml" --from-calibration "$out/cal" --until 2026-06-30 \
    --draws 20 -j 2 -o "$out/forecast"
run elasticity elasticity --set period.end=2025-03-31 -o "$out/el"
run sweep sweep scenarios/ziyang/sweeps/headway-fare.yaml -j 2 -o "$out/sweep"
# the sweep database holds timestamps; compare its table instead
if command -v sqlite3 >/dev/null && [ -f "$out/sweep/sweep.db" ]; then
  sqlite3 "$out/sweep/sweep.db" .dump | grep -v -i "time\|meta" | sort > "$out/sweep/sweep.db.dump" || true
  rm -f "$out/sweep/sweep.db"
fi
echo "regress-outputs: $(find "$out" -type f | wc -l) files in $out"
