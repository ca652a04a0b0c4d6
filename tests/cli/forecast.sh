#!/bin/bash
# ridersim forecast: identical tables for -j1 and -j2; quantiles ordered;
# milestones; the draws spread with the stated uncertainty; usage errors.
pass=0; fail=0
ok() { if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $*"; fi; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat > "$T/unc.yaml" <<YAML
ridersim: 1
extends: $SRC/scenarios/ziyang/baseline.yaml
uncertainty:
  - {key: market.scale, dist: normal, mean: 1, sd: 0.1, min: 0.5, max: 1.5}
  - {key: market.growth, dist: uniform, min: 0.0, max: 0.05}
YAML
"$RIDERSIM" forecast "$T/unc.yaml" --until 2025-03-31 --draws 24 -j 1 -o "$T/a" --plots none -q; ok test $? -eq 0
"$RIDERSIM" forecast "$T/unc.yaml" --until 2025-03-31 --draws 24 -j 2 -o "$T/b" --plots none -q; ok test $? -eq 0
ok cmp -s "$T/a/forecast.csv" "$T/b/forecast.csv"
ok cmp -s "$T/a/milestones.csv" "$T/b/milestones.csv"
# 2024-09-29..2025-03-31 is 184 days: a header and 184 rows
ok test "$(wc -l < "$T/a/forecast.csv")" -eq 185
# p5 <= p25 <= p50 <= p75 <= p95 on every row, daily and cumulative
ok awk -F, 'NR>1 && !($2<=$3 && $3<=$4 && $4<=$5 && $5<=$6 && $7<=$8 && $8<=$9 && $9<=$10 && $10<=$11) {bad=1} END {exit bad}' "$T/a/forecast.csv"
# market.scale sd 0.1 -> the last day's cumulative p95/p5 spread is wide (> 20%), not Poisson-only
ok awk -F, 'END {exit !($11 / $7 > 1.2)}' "$T/a/forecast.csv"
# sampled scale: mean near 1 (24 draws: sd of the mean 0.02), sd near 0.1
ok awk -F, '$1=="market.scale" {exit !($3 > 0.93 && $3 < 1.07 && $4 > 0.05 && $4 < 0.16)}' "$T/a/params.csv"
# 5 million riders pass within the window (the baseline ~30k/day from October)
ok awk -F, '$1=="5000000" {exit !($2 > 0.5)}' "$T/a/milestones.csv"
# a fan chart is drawn
"$RIDERSIM" forecast "$T/unc.yaml" --until 2024-12-31 --draws 4 -o "$T/c" -q; ok test -s "$T/c/plots/forecast_daily.png"
# without parameter uncertainty (the baseline states some: cleared), only Poisson variation: p95/p5 of a day of ~30k within a few %
"$RIDERSIM" forecast --until 2025-01-31 --draws 40 -o "$T/d" --plots none -q --set "uncertainty=[]"
ok awk -F, '$1=="2025-01-08" {exit !($6 / $2 < 1.03 && $6 > $2)}' "$T/d/forecast.csv"
# usage
"$RIDERSIM" forecast --draws 4 -o "$T/e" 2>/dev/null; ok test $? -eq 2
"$RIDERSIM" forecast --until 2025-13-45 -o "$T/e" 2>/dev/null; ok test $? -ne 0
echo "$pass passed, $fail failed"
test $fail -eq 0
