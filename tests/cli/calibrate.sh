#!/bin/bash
# ridersim calibrate: writes a calibrated.yaml that loads and reproduces the
# fit; refuses an under-determined problem; usage errors.
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
# under-determined: 4 parameters, 3 independent figures
"$RIDERSIM" calibrate "$W" --fit market.scale --fit market.adoption.bass_q --fit market.adoption.bass_p \
  --fit market.adoption.novelty -o "$T/u" 2> "$T/err.txt"; ok test $? -eq 1
ok grep -q 'under-determined' "$T/err.txt"
ok test ! -e "$T/u"
"$RIDERSIM" calibrate "$W" -o "$T/v" 2>/dev/null; ok test $? -eq 2
"$RIDERSIM" calibrate "$W" --fit market.nosuch -o "$T/v" 2>/dev/null; ok test $? -ne 0
echo "$pass passed, $fail failed"
test $fail -eq 0
