#!/usr/bin/env bash
# What the figures determine, and honest forecasts (issue 13, bars):
# (1) the baseline's calibration (docs/calibration.md), with the stated prior on
#     the ramp-up, then a forecast from it: every fitted parameter drawn, and the
#     90% band of the Apr-Sep 2025 mean no wider than 1.6x (p95/p5);
# (2) a backtest: calibrated on the figures up to 2024-12-31 only, the forecast's
#     90% band of cumulative riders on 2025-02-23 contains the published 4.56 M.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0
ok() { if [ "$1" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $2"; fi; }
B="$SRC/scenarios/ziyang/baseline.yaml"
"$RIDERSIM" calibrate "$B" --fit market.scale --fit market.purposes.commute.scale \
  --fit market.adoption.novelty --fit market.adoption.novelty_half_life_days \
  --fit modes.0.asc --fit modes.1.asc --fit modes.2.asc --fit modes.3.asc \
  --fit market.adoption.bass_p --prior market.adoption.bass_p=lognormal:20:0.8 \
  -o "$tmp/cal" > "$tmp/cal.txt"
ok $? "calibration of the baseline"
und=$(awk -F, 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} NR>1 && $(c["determined"])==0 {n++} END {print n+0}' "$tmp/cal/calibration.csv")
[ "$und" = 0 ]; ok $? "every parameter determined by the figures or its prior ($und not)"
"$RIDERSIM" forecast "$tmp/cal/calibrated.yaml" --from-calibration "$tmp/cal" --until 2025-09-30 \
  --draws 100 -j 2 --mean 2025-04-01:2025-09-30 --plots none -o "$tmp/fc" > "$tmp/fc.txt"
ok $? "forecast from the calibration"
for k in market.adoption.bass_p market.purposes.commute.scale market.scale market.growth; do
  grep -q "^$k," "$tmp/fc/params.csv"; ok $? "the forecast draws $k"
done
w=$(sed -n 's/.*90% band width p95\/p5 = \([0-9.]*\).*/\1/p' "$tmp/fc.txt")
awk -v w="$w" 'BEGIN {exit !(w > 1 && w <= 1.6)}'; ok $? "Apr-Sep 2025 mean: 90% band p95/p5 = $w <= 1.6"

# (2) the backtest
"$RIDERSIM" calibrate "$B" --observed-until 2024-12-31 --fit market.scale \
  --fit market.adoption.novelty --fit market.adoption.novelty_half_life_days \
  --fit market.adoption.bass_p --prior market.adoption.bass_p=lognormal:20:0.8 \
  --prior market.adoption.novelty=lognormal:8:0.7 \
  --prior market.adoption.novelty_half_life_days=lognormal:7:0.7 -o "$tmp/bt" > "$tmp/bt.txt"
ok $? "calibration on the figures up to 2024-12-31"
"$RIDERSIM" forecast "$tmp/bt/calibrated.yaml" --from-calibration "$tmp/bt" --until 2025-03-31 \
  --draws 100 -j 2 --plots none -o "$tmp/bf" > "$tmp/bf.txt"
ok $? "backtest forecast"
grep -q "backtest: figures the calibration held out" "$tmp/bf.txt"; ok $? "backtest printed"
row=$(awk -F, '$1=="cumulative_2025_02_23"' "$tmp/bf/observed_bands.csv")
echo "$row" | awk -F, '{exit !($6 == 1 && $8 <= 4560000 && $12 >= 4560000 && $14 == 1)}'
ok $? "held out, and its 90% band contains 4.56 M: $row"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
