#!/usr/bin/env bash
# ridersim compare and run --replications through the command line:
# - a scenario against itself: every difference and interval bound exactly 0;
# - the signal-failure what-if (2025-01-08 07:00-08:30, trains held or
#   cancelled): refused boardings appear only in the what-if, the 07:00 hour's
#   wait rises by more than 20 min (a 90-min gap: arrivals wait 45 min on
#   average), every passenger is accounted for (riders = delivered + stranded);
# - run --replications 3: riders_lo95 < riders < riders_hi95, the same with 1
#   and 3 threads;
# - composition through the CLI: a mistyped --set path suggests the key, a bad
#   value is typed like the file, an extends cycle names the files.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
val() { awk -F': ' -v k="$1" '$1==k {print $2}' "$2"; }
W="$SRC/scenarios/ziyang/whatif"
short=(--set period.start=2025-01-01 --set period.end=2025-01-08)

"$RIDERSIM" compare - - "${short[@]}" --replications 2 -o "$out/self" --plots none -q
ok $? "self compare exits 0"
nz=$(awk -F, 'NR>1 && ($6!=0 || $7!=0 || $8!=0 || $4!=$5)' "$out/self/compare.csv" | wc -l)
ok $([ "$nz" = 0 ] && echo 0 || echo 1) "self compare: all differences exactly 0 ($nz rows not)"
rows=$(awk 'END{print NR}' "$out/self/compare.csv")
ok $([ "$rows" -gt 90 ] && echo 0 || echo 1) "compare.csv has every figure ($rows rows)"

"$RIDERSIM" compare - "$W/signal-failure.yaml" "${short[@]}" -o "$out/sf" --plots none > "$out/sf.txt"
ok $? "signal-failure compare exits 0"
# Charts: fontconfig leaks at exit under LeakSanitizer, so only the files are checked.
"$RIDERSIM" compare - "$W/signal-failure.yaml" "${short[@]}" -o "$out/sfp" -q 2>/dev/null
fig() { awk -F, -v k="$1" -v c="$2" '$1==k {print $c}' "$out/sf/compare.csv"; }
ok $([ "$(fig detail.denied_boardings 4)" = 0 ] && echo 0 || echo 1) "base: no refusals"
ok $(awk -v x="$(fig detail.denied_boardings 5)" 'BEGIN{exit !(x > 0)}'; echo $?) "what-if: refusals $(fig detail.denied_boardings 5)"
ok $(awk -v b="$(fig wait_by_hour.07 4)" -v w="$(fig wait_by_hour.07 5)" 'BEGIN{exit !(w - b > 20)}'; echo $?) "07:00 wait rises by > 20 min"
ok $(awk -v x="$(fig detail.max_load_factor 5)" 'BEGIN{exit !(x == 1)}'; echo $?) "what-if: a full train"
grep -q "detail day by hour" "$out/sf.txt"; ok $? "hourly table printed"
for p in compare-daily compare-stations compare-hourly; do
  [ -s "$out/sfp/plots/$p.png" ]; ok $? "plot $p"
done
"$RIDERSIM" run "$W/signal-failure.yaml" "${short[@]}" -o "$out/sfrun" --plots none -q
r=$(val riders "$out/sfrun/summary.yaml"); dl=$(val delivered "$out/sfrun/summary.yaml")
st=$(val stranded "$out/sfrun/summary.yaml"); dn=$(val denied_boardings "$out/sfrun/summary.yaml")
ok $([ "$r" = "$((dl + st))" ] && echo 0 || echo 1) "riders $r = delivered $dl + stranded $st"
ok $([ "$dn" -gt 0 ] && echo 0 || echo 1) "run: denied boardings $dn > 0"
held=$(awk -F, '$2 ~ /^U/ && $8 == 30600 && $4 > 0' "$out/sfrun/trains.csv" | wc -l)
ok $([ "$held" -gt 0 ] && echo 0 || echo 1) "trains held until 08:30 ($held stops)"

"$RIDERSIM" run "${short[@]}" --replications 3 --threads 1 -o "$out/rep1" --plots none -q
ok $? "run --replications 3 exits 0"
"$RIDERSIM" run "${short[@]}" --replications 3 --threads 3 -o "$out/rep3" --plots none -q
cmp -s "$out/rep1/summary.yaml" "$out/rep3/summary.yaml"; ok $? "same summary with 1 and 3 threads"
ok $(awk -v l="$(val riders_lo95 "$out/rep1/summary.yaml")" -v m="$(val riders "$out/rep1/summary.yaml")" \
  -v h="$(val riders_hi95 "$out/rep1/summary.yaml")" 'BEGIN{exit !(l < m && m < h)}'; echo $?) "lo95 < riders < hi95"
grep -q '^replications: 3$' "$out/rep1/summary.yaml"; ok $? "replications: 3"

msg=$("$RIDERSIM" check "$W/signal-failure.yaml" --set timetable.suspensions.0.form=07:00 2>&1)
ok $([ $? = 1 ] && echo 0 || echo 1) "mistyped --set: exit 1"
echo "$msg" | grep -q "^--set:1:.*did you mean 'from'"; ok $? "mistyped --set suggests 'from': $msg"
msg=$("$RIDERSIM" check "$SRC/scenarios/ziyang/baseline.yaml" --set timetable.headway_scal=2 2>&1)
echo "$msg" | grep -q "did you mean 'headway_scale'"; ok $? "suggests headway_scale: $msg"
msg=$("$RIDERSIM" check "$W/signal-failure.yaml" --set 'timetable.suspensions.0.to="06:00"' 2>&1)
echo "$msg" | grep -q "after its 'from'"; ok $? "suspension to before from: $msg"
msg=$("$RIDERSIM" check "$W/peak-5min.yaml" --set timetable.periods.1.headway_min=fast 2>&1)
echo "$msg" | grep -q "^--set:1:.*headway_min"; ok $? "--set value typed as in the file: $msg"
msg=$("$RIDERSIM" check "$SRC/tests/bad-inputs/cycle-b.yaml" 2>&1)
echo "$msg" | grep -q "cycle" && echo "$msg" | grep -q "extends-cycle.yaml"; ok $? "extends cycle names the files: $msg"
"$RIDERSIM" compare - 2>/dev/null; ok $([ $? = 2 ] && echo 0 || echo 1) "one scenario: usage error"

checks_done
