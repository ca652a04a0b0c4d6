#!/usr/bin/env bash
# Build fuzzing seeds ("bundles", see fuzz_entry.h) from scenarios/, the
# small test scenario and tests/bad-inputs/ into DIR (default fuzz/seeds).
# Usage: fuzz/make-seeds.sh [DIR]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/fuzz/seeds}
mkdir -p "$out"

# bundle NAME SCENARIO [EXTRA-FILE...]: SCENARIO becomes scenario.yaml, the
# extra files keep their base names.
bundle() {
  local name=$1 scen=$2
  shift 2
  {
    echo "#@file scenario.yaml"
    cat "$scen"
    for f in "$@"; do
      [ -f "$f" ] || continue
      echo
      echo "#@file $(basename "$f")"
      cat "$f"
    done
  } > "$out/$name"
}

z=$src/scenarios/ziyang
bundle seed-baseline-day "$z/baseline-day.yaml"
bundle seed-baseline "$z/baseline.yaml" "$z/baseline-day.yaml" "$z/observed.yaml"
# The baseline with --set overrides of the calendar-run sections.
{
  cat "$out/seed-baseline"
  echo "#@set period.end=2024-10-31"
  echo "#@set timetable.periods.1.headway_min=5"
  echo "#@set market.growth=0.05"
} > "$out/seed-baseline-sets"
# A calendar file of our own, read from disk.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/day-cal.yaml" <<'YAML'
ridersim: 1
extends: baseline-day.yaml
period: {start: 2025-01-20, end: 2025-02-10}
calendar: [cal.yaml]
YAML
cp "$src/scenarios/calendars/china.yaml" "$tmp/cal.yaml"
bundle seed-calendar "$tmp/day-cal.yaml" "$z/baseline-day.yaml" "$tmp/cal.yaml"
s=$src/tests/data/small
bundle seed-small "$s/small.yaml" "$s/trips.csv" "$s/departures.csv"

b=$src/tests/bad-inputs
for y in "$b"/*.yaml; do
  n=$(basename "$y" .yaml)
  [ -f "$b/$n.expect" ] || continue
  extra=("$b/base.yaml" "$y")
  [ "$n" = extends-cycle ] && extra+=("$b/cycle-b.yaml")
  for c in "$b/$n".csv "$b/$n"-*.csv "$b/$n".cal.yaml; do [ -f "$c" ] && extra+=("$c"); done
  bundle "bad-$n" "$y" "${extra[@]}"
done
# Demand from station counts (by hour, by day type).
c=$src/tests/data/counts
bundle seed-counts "$c/line.yaml" "$c/counts.csv" "$c/counts-daytype.csv" "$c/daytypes.yaml" \
  "$c/observed.yaml"
# GTFS feeds (their .txt files; no scenario.yaml of their own).
g=$src/tests/data/gtfs
for feed in "$g/traps" "$g/curve" "$g/transitfeed/good_feed"; do
  n=$(basename "$feed")
  for f in "$feed"/*.txt; do echo "#@file $(basename "$f")"; cat "$f"; echo; done > "$out/gtfs-$n"
done
echo "$(ls "$out" | wc -l) seeds in $out"
