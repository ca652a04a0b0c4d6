#!/usr/bin/env bash
# commute.csv, commute_samples.csv and the printed headline of `ridersim run`,
# the --expected fallback (metro trips from the timetable) and input errors of
# the commute section with FILE:LINE:COL.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scen="$SRC/scenarios/ziyang/baseline.yaml"

"$RIDERSIM" run "$scen" -o "$out/run" --set period.end=2024-10-16 --plots png > "$out/stdout"
ok $? "run exits 0"
head -1 "$out/run/commute.csv" | grep -qx 'origin_zone,dest_zone,mode,window,n,mean_min,p10_min,p50_min,p90_min,access_min,wait_min,ride_min,transfer_min,egress_min'
ok $? "commute.csv header"
grep -q '^changhong,tianfu_square,metro,am_peak,' "$out/run/commute.csv"; ok $? "metro row of the headline pair"
grep -q '^tianfu_square,changhong,metro,day,' "$out/run/commute.csv"; ok $? "return direction row"
# every row: p10 <= p50 <= p90 and the parts add up to the mean (each of the six
# figures rounded to 2 decimals: the sum of five may be off by up to 0.03)
awk -F, 'NR>1 && ($7>$8+0.01 || $8>$9+0.01 || ($10+$11+$12+$13+$14-$6)^2 > 0.0009) {bad=1; print} END {exit bad}' \
  "$out/run/commute.csv"
ok $? "quantiles ordered, parts sum to mean"
for m in metro hsr coach car; do
  grep -q "^with_line,$m," "$out/run/commute_samples.csv"; ok $? "samples with_line $m"
done
grep -q '^without_line,hsr,' "$out/run/commute_samples.csv"; ok $? "samples without_line hsr"
test -s "$out/run/plots/commute.png"; ok $? "commute.png drawn"
grep -q 'door to door .*Central Ziyang' "$out/stdout"; ok $? "headline printed"
grep -Eq '^  metro +[0-9]+' "$out/stdout"; ok $? "headline metro line"

# expected-value mode: no passengers, metro trips from the timetable
"$RIDERSIM" run "$scen" -o "$out/exp" --expected --set period.end=2024-10-16 --plots none -q
ok $? "expected run exits 0"
grep -q '^xingfu,tianfu_square,metro,day,' "$out/exp/commute.csv"; ok $? "expected mode metro row"

# the corridor before the line: no metro row
"$RIDERSIM" run "$SRC/scenarios/ziyang/without-line.yaml" -o "$out/wo" --plots none -q
ok $? "without-line run exits 0"
! grep -q ',metro,' "$out/wo/commute.csv"; ok $? "no metro before the line"
awk -F, '$1=="changhong" && $2=="tianfu_square" && $3=="hsr" && $4=="am_peak" {f=1; if ($6 <= 150) exit 1} END {exit !f}' \
  "$out/wo/commute.csv"
ok $? "before the line: bus + HSR + metro over 150 min"

# input errors point at the offending node
cat > "$out/bad.yaml" <<YAML
ridersim: 1
extends: $scen
commute:
  modes:
    hrs: {check_in_min: 10}
YAML
"$RIDERSIM" check "$out/bad.yaml" 2> "$out/err"
[ $? = 1 ]; ok $? "unknown mode: exit 1"
grep -q "bad.yaml:5:5: 'commute.modes': unknown mode 'hrs' (did you mean 'hsr'?)" "$out/err"; ok $? "unknown mode message"
"$RIDERSIM" check "$scen" --set metro.onward.ivt_min=60 2> "$out/err2"
[ $? = 1 ]; ok $? "onward mismatch: exit 1"
grep -q "weighted mean onward ivt_min is 33.0 min, but metro.onward.ivt_min is 60" "$out/err2"; ok $? "onward mismatch message"

checks_done
