#!/bin/bash
# ridersim calibrate: writes a calibrated.yaml that loads and reproduces the
# fit; reports what the figures do not determine; priors; --observed-until;
# usage errors.
pass=0; fail=0
ok() { if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $*"; fi; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
W="$SRC/tests/data/calib/wrong.yaml"
"$RIDERSIM" calibrate "$W" --fit market.scale --fit market.adoption.novelty -o "$T/c" > "$T/out.txt"; ok test $? -eq 0
ok test -s "$T/c/calibrated.yaml"
ok grep -q '^extends: ' "$T/c/calibrated.yaml"
ok grep -q 'market.scale,log' "$T/c/calibration.csv"
"$RIDERSIM" check "$T/c/calibrated.yaml" > /dev/null; ok test $? -eq 0
# the calibrated scenario gives the fitted cumulative (the fit's own number)
fit=$(awk -F, '$1=="cumulative_2025_02_23" {printf "%.0f", $9}' "$T/c/observations.csv")
"$RIDERSIM" run "$T/c/calibrated.yaml" --expected --set period.end=2025-03-01 -o "$T/r" --plots none -q
run=$(awk -F, '$1=="2025-02-23" {printf "%.0f", $4}' "$T/r/daily.csv")
ok test "$fit" = "$run"
# more parameters than the figures determine: fitted, and reported (not refused).
# bass_p (28.7 a year: adoption complete within days) moves no figure.
"$RIDERSIM" calibrate "$W" --fit market.scale --fit market.adoption.bass_p \
  --fit market.adoption.novelty -o "$T/u" > "$T/u.txt"; ok test $? -eq 0
ok grep -q 'NOT determined' "$T/u.txt"
ok grep -q 'market.adoption.bass_p: not determined' "$T/u.txt"
ok grep -q '^k,singular_value,determined,sd' "$T/u/identification.csv"
col() { awk -F, -v k="$2" 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} $1==k {print $(c["prior"]) "," $(c["determined"])}' "$1"; }
ok test "$(col "$T/u/calibration.csv" market.adoption.bass_p)" = "none,0"
# the forecast refuses a calibration that leaves a parameter undetermined
"$RIDERSIM" forecast "$T/u/calibrated.yaml" --from-calibration "$T/u" --until 2025-01-31 \
  --draws 2 --plots none -o "$T/uf" 2> "$T/uf.txt"; ok test $? -eq 1
ok grep -q 'market.adoption.bass_p.*not determined' "$T/uf.txt"
# with a prior it is determined
"$RIDERSIM" calibrate "$W" --fit market.scale --fit market.adoption.bass_p \
  --prior market.adoption.bass_p=lognormal:20:0.8 -o "$T/p" > "$T/p.txt"; ok test $? -eq 0
ok test "$(col "$T/p/calibration.csv" market.adoption.bass_p)" = "lognormal,1"
# profile intervals: market.scale alone is bounded on both sides around its estimate
"$RIDERSIM" calibrate "$W" --fit market.scale --profile market.scale -o "$T/pr" > "$T/pr.txt"
ok test $? -eq 0
est=$(awk '$1=="market.scale" && $3 ~ /^\[/ {print $2}' "$T/pr.txt")
lo=$(awk '$1=="market.scale" && $3 ~ /^\[/ {gsub(/[\[,]/, "", $3); print $3}' "$T/pr.txt")
hi=$(awk '$1=="market.scale" && $3 ~ /^\[/ {gsub(/\]/, "", $4); print $4}' "$T/pr.txt")
ok awk -v l="$lo" -v e="$est" -v h="$hi" 'BEGIN {exit !(l + 0 > 0 && l < e && e < h)}'
# --observed-until: the later figures are held out
"$RIDERSIM" calibrate "$W" --fit market.scale --observed-until 2024-12-31 -o "$T/bt" > "$T/bt.txt"
ok test $? -eq 0
ok test "$(awk -F, '$1=="cumulative_2025_02_23" {print $6}' "$T/bt/observations.csv")" = -5
ok test "$(awk -F, '$1=="national_day_2024" {print $6}' "$T/bt/observations.csv")" = 0
"$RIDERSIM" calibrate "$W" --fit market.scale --prior market.scale=beta:1:2 -o "$T/v" 2>/dev/null
ok test $? -eq 2
"$RIDERSIM" calibrate "$W" --fit market.scale --observed-until 2024-13-01 -o "$T/v" 2>/dev/null
ok test $? -eq 2
"$RIDERSIM" calibrate "$W" -o "$T/v" 2>/dev/null; ok test $? -eq 2
"$RIDERSIM" calibrate "$W" --fit market.nosuch -o "$T/v" 2>/dev/null; ok test $? -ne 0
echo "$pass passed, $fail failed"
test $fail -eq 0
