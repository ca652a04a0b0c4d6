#!/usr/bin/env bash
# The what-if library (scenarios/ziyang/whatif): every file is valid, and on
# short periods compare reports the direction each file's comment promises:
#   fares -20% -> more riders; +2 yuan -> fewer; 5-min peak -> shorter mean wait
#   and more riders; theme park from 2025-06-01 -> exactly 0 before (common random
#   numbers) and about +6,000 (the event's trips) on its first day, a Sunday;
#   Lujia from 2026-01-01 -> nothing before, boardings at Lujia after.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
W="$SRC/scenarios/ziyang/whatif"
n=0
for f in "$W"/*.yaml; do
  "$RIDERSIM" check "$f" > /dev/null; ok $? "check $(basename "$f")"
  grep -q '^extends: ../baseline.yaml' "$f"; ok $? "$(basename "$f") extends the baseline"
  n=$((n + 1))
done
ok $([ "$n" -ge 10 ] && echo 0 || echo 1) "10 what-ifs ($n)"

cmpf() { # NAME FIGURE COLUMN(4 base, 5 what-if, 6 diff)
  awk -F, -v k="$2" -v c="$3" '$1==k {print $c}' "$out/$1/compare.csv"
}
run() { # NAME FILE ARGS...
  local name=$1 file=$2; shift 2
  "$RIDERSIM" compare "$SRC/scenarios/ziyang/baseline.yaml" "$W/$file" -o "$out/$name" --plots none -q "$@"
  ok $? "compare $file"
}
mar=(--set period.start=2025-03-03 --set period.end=2025-03-16)
run fm fare-minus-20pct.yaml "${mar[@]}"
run fp fare-plus-2.yaml "${mar[@]}"
run p5 peak-5min.yaml "${mar[@]}"
ok $(awk -v d="$(cmpf fm riders_per_day 6)" 'BEGIN{exit !(d > 0)}'; echo $?) "fare -20%: more riders ($(cmpf fm riders_per_day 6))"
ok $(awk -v d="$(cmpf fp riders_per_day 6)" 'BEGIN{exit !(d < 0)}'; echo $?) "fare +2: fewer riders ($(cmpf fp riders_per_day 6))"
ok $(awk -v d="$(cmpf p5 mean_wait_min 6)" 'BEGIN{exit !(d < -0.2)}'; echo $?) "5-min peak: shorter waits ($(cmpf p5 mean_wait_min 6))"
ok $(awk -v d="$(cmpf p5 riders_per_day 6)" 'BEGIN{exit !(d > 0)}'; echo $?) "5-min peak: more riders"

run tp theme-park-2025.yaml --set period.start=2025-05-26 --set period.end=2025-06-01
before=$(awk -F, 'NR>1 && $1 < "2025-06-01" && $5 != 0' "$out/tp/daily_delta.csv" | wc -l)
ok $([ "$before" = 0 ] && echo 0 || echo 1) "theme park: no difference before it opens ($before days)"
first=$(awk -F, '$1 == "2025-06-01" {print $5}' "$out/tp/daily_delta.csv")
ok $(awk -v d="$first" 'BEGIN{exit !(d > 5500 && d < 6500)}'; echo $?) "theme park: +$first riders on 2025-06-01 (6,000 +- 500)"

run lj lujia-opens.yaml --set period.start=2025-12-29 --set period.end=2026-01-04
before=$(awk -F, 'NR>1 && $1 < "2026-01-01" && $5 != 0' "$out/lj/daily_delta.csv" | wc -l)
ok $([ "$before" = 0 ] && echo 0 || echo 1) "Lujia: no difference before it opens ($before days)"
ok $(awk -v d="$(cmpf lj boardings_per_day.lujia 5)" 'BEGIN{exit !(d > 0)}'; echo $?) "Lujia: boardings after opening"

# The middle-line HSR repeats the baseline's `modes` list (extends replaces lists):
# before it opens nothing may differ, so its copy of the constants is the baseline's.
run hm hsr-middle-line.yaml --set period.start=2026-06-24 --set period.end=2026-07-03
before=$(awk -F, 'NR>1 && $1 < "2026-07-01" && $5 != 0' "$out/hm/daily_delta.csv" | wc -l)
ok $([ "$before" = 0 ] && echo 0 || echo 1) "middle-line HSR: no difference before it opens ($before days)"
after=$(awk -F, 'NR>1 && $1 >= "2026-07-01" && $5 >= 0' "$out/hm/daily_delta.csv" | wc -l)
ok $([ "$after" = 0 ] && echo 0 || echo 1) "middle-line HSR: fewer riders every day after it opens"

checks_done
