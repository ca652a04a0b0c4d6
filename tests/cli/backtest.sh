#!/usr/bin/env bash
# The backtest (issue 13, bar): calibrated on the figures up to 2024-12-31 only
# (the opening week and National Day 2024), with the stated priors of
# docs/calibration.md, the forecast's 90% band of cumulative riders on 2025-02-23
# contains the published 4.56 M, and the held-out figures are printed with their bands.
. "$SRC/tests/cli_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
B="$SRC/scenarios/ziyang/baseline.yaml"
"$RIDERSIM" calibrate "$B" --observed-until 2024-12-31 --fit market.scale \
  --fit market.adoption.novelty --fit market.adoption.novelty_half_life_days \
  --fit market.adoption.bass_p --prior market.adoption.bass_p=lognormal:20:0.8 \
  --prior market.adoption.novelty=lognormal:8:0.7 \
  --prior market.adoption.novelty_half_life_days=lognormal:7:0.7 \
  --mixture market.adoption.bass_p:5 -o "$tmp/bt" > "$tmp/bt.txt"
ok $? "calibration on the figures up to 2024-12-31"
"$RIDERSIM" forecast "$tmp/bt/calibrated.yaml" --from-calibration "$tmp/bt" --until 2025-03-31 \
  --draws 100 -j 2 --plots none -o "$tmp/bf" > "$tmp/bf.txt"
ok $? "backtest forecast"
grep -q "backtest: figures the calibration held out" "$tmp/bf.txt"; ok $? "backtest printed"
row=$(awk -F, '$1=="cumulative_2025_02_23"' "$tmp/bf/observed_bands.csv")
echo "$row" | awk -F, '{exit !($6 == 1 && $8 <= 4560000 && $12 >= 4560000 && $14 == 1)}'
ok $? "held out, and its 90% band contains 4.56 M: $row"
checks_done
