#!/usr/bin/env bash
# ridersim sweep / sweep-merge on tiny sweeps of the baseline (two weeks):
# - the table is the same for -j1 and -j2, for two shards merged, and for a
#   sweep killed with SIGKILL in the middle and resumed;
# - run (point 0, replication 0) is `ridersim run` with the same --set values
#   (replication 0 of the same seed): the sweep adds nothing of its own;
# - the grid's rows carry the values of the spec, first parameter slowest;
# - merges with a shard missing or given twice, a resume with another spec and
#   a second sweep into a used directory are refused; spec errors point at
#   FILE:LINE:COL.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
R="$RIDERSIM"
# Charts go through fontconfig, which keeps caches to the end of the process:
# LeakSanitizer (CI's ASan run) would report them. Only the chart runs skip it.
charts() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"; }

cat > "$out/grid.yaml" <<YAML
sweep: 1
name: test grid
base: $SRC/scenarios/ziyang/baseline.yaml
set: ["period.end=2024-10-12"]
method: grid
replications: 2
parameters:
  - name: peak_headway_min
    key: [timetable.periods.1.headway_min, timetable.periods.3.headway_min]
    values: [6, 10, 15]
  - key: metro.fare.scale
    range: [0.5, 1.5]
    steps: 2
figures:
  - riders
  - mean_wait_s
  - {name: wd_riders, daily: riders, agg: mean, day_type: workday}
  - {name: week1, daily: riders, from: 2024-10-01, to: 2024-10-07}
YAML

"$R" sweep "$out/grid.yaml" -o "$out/j1" -j 1 -q --plots none; ok $? "sweep -j1 exits 0"
charts "$R" sweep "$out/grid.yaml" -o "$out/j2" -j2 -q; ok $? "sweep -j2 exits 0"
cmp -s "$out/j1/sweep.csv" "$out/j2/sweep.csv"; ok $? "-j1 and -j2 give the same table"
[ "$(wc -l < "$out/j1/sweep.csv")" = 13 ]; ok $? "12 rows (3 x 2 points x 2 replications) + header"
[ "$(head -1 "$out/j1/sweep.csv")" = "point,replication,peak_headway_min,metro.fare.scale,riders,mean_wait_s,wd_riders,week1" ]
ok $? "header: point, replication, parameters, figures"
# the grid: point p = 2 i + j with headway[i], fare[j]; replications 0, 1
exp_grid="0 0 6 0.5
0 1 6 0.5
1 0 6 1.5
1 1 6 1.5
2 0 10 0.5
2 1 10 0.5
3 0 10 1.5
3 1 10 1.5
4 0 15 0.5
4 1 15 0.5
5 0 15 1.5
5 1 15 1.5"
[ "$(awk -F, 'NR>1 {print $1, $2, $3, $4}' "$out/j1/sweep.csv")" = "$exp_grid" ]; ok $? "grid values in order"
[ -f "$out/j2/plots/heatmap-riders.png" ]; ok $? "heatmap of a two-parameter grid"

# point 0 replication 0 is a plain run with the same overrides
"$R" run "$SRC/scenarios/ziyang/baseline.yaml" --set period.end=2024-10-12 \
  --set timetable.periods.1.headway_min=6 --set timetable.periods.3.headway_min=6 \
  --set metro.fare.scale=0.5 -o "$out/run0" --plots none -q
riders=$(awk '/^riders:/ {print $2}' "$out/run0/summary.yaml")
wait=$(awk '/^mean_wait_s:/ {print $2}' "$out/run0/summary.yaml")
row=$(awk -F, 'NR==2 {printf "%s %.3f", $5, $6}' "$out/j1/sweep.csv")
[ -n "$riders" ] && [ "$row" = "$riders $wait" ]; ok $? "point 0 rep 0 = ridersim run ($row vs $riders $wait)"
# replications differ (own streams), points differ
[ "$(awk -F, 'NR==2 {print $5}' "$out/j1/sweep.csv")" != "$(awk -F, 'NR==3 {print $5}' "$out/j1/sweep.csv")" ]
ok $? "replications use different streams"
# the daily aggregates: week1 sums 7 days, wd_riders is a mean of workdays (< riders / 14 * 2)
awk -F, 'NR>1 && !($8 > 0 && $8 < $5 && $7 > 0 && $7 < $5 / 5) {bad=1} END {exit bad}' "$out/j1/sweep.csv"
ok $? "daily aggregates within the totals"

# shards
"$R" sweep "$out/grid.yaml" -o "$out/sh" --shard 1/2 -q; ok $? "shard 1/2"
"$R" sweep "$out/grid.yaml" -o "$out/sh" --shard 2/2 -q -j 2; ok $? "shard 2/2"
[ "$(awk -F, 'NR>1 {print $1 % 2}' "$out/j1/sweep.csv" | sort -u | wc -l)" = 2 ]; ok $? "both parities"
"$R" sweep-merge -o "$out/merged" --plots none "$out/sh/shard-2-of-2.db" "$out/sh/shard-1-of-2.db" >/dev/null
ok $? "sweep-merge exits 0"
cmp -s "$out/j1/sweep.csv" "$out/merged/sweep.csv"; ok $? "two shards merged = one process"
"$R" sweep-merge -o "$out/m2" "$out/sh/shard-1-of-2.db" 2>"$out/err"; [ $? = 1 ] && grep -q "in none of the databases" "$out/err"
ok $? "merge with a shard missing is refused"
"$R" sweep-merge -o "$out/m3" "$out/sh/shard-1-of-2.db" "$out/sh/shard-2-of-2.db" "$out/sh/shard-1-of-2.db" 2>"$out/err"
[ $? = 1 ] && grep -q "appears twice" "$out/err"; ok $? "merge with a shard twice is refused"
[ ! -e "$out/m2/sweep.db" ] && [ ! -e "$out/m3/sweep.db" ]; ok $? "refused merges write no database"

# a used directory, another spec
"$R" sweep "$out/grid.yaml" -o "$out/j1" -q 2>/dev/null; [ $? = 2 ]; ok $? "sweep into a used directory needs --resume"
sed 's/values: \[6, 10, 15\]/values: [6, 10, 16]/' "$out/grid.yaml" > "$out/other.yaml"
"$R" sweep "$out/other.yaml" -o "$out/j1" --resume -q 2>"$out/err"; [ $? = 1 ] && grep -q "different sweep spec" "$out/err"
ok $? "resume with another spec is refused"
"$R" sweep "$out/grid.yaml" -o "$out/j1" --resume -q --plots none; ok $? "resume of a complete sweep"
cmp -s "$out/j1/sweep.csv" "$out/j2/sweep.csv"; ok $? "and it changes nothing"

# killed with SIGKILL in the middle, then resumed
cat > "$out/big.yaml" <<YAML
sweep: 1
base: $SRC/scenarios/ziyang/baseline.yaml
set: ["period.end=2024-10-12"]
method: latin-hypercube
points: 12
replications: 2
seed: 42
parameters:
  - {key: metro.fare.scale, range: [0.5, 1.5]}
  - {key: market.growth, range: [0, 0.06]}
  - {key: choice.beta.wait, range: [-0.2, -0.05]}
figures: [riders, mean_wait_s, max_load_factor]
YAML
charts "$R" sweep "$out/big.yaml" -o "$out/whole" -j 2 -q; ok $? "uninterrupted sweep"
"$R" sweep "$out/big.yaml" -o "$out/killed" -j 1 -q --plots none &
pid=$!
rows=0
for _ in $(seq 1 3000); do
  rows=$("$R" sweep -o "$out/killed" --status 2>/dev/null | awk '{print $2}')
  [ "${rows:-0}" -ge 3 ] 2>/dev/null && break
  sleep 0.02
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
rows=$("$R" sweep -o "$out/killed" --status | awk '{print $2}')
[ "$rows" -ge 3 ] && [ "$rows" -lt 24 ]; ok $? "killed in the middle ($rows of 24 rows)"
[ ! -e "$out/killed/sweep.csv" ]; ok $? "no table from a killed sweep"
"$R" sweep "$out/big.yaml" -o "$out/killed" --resume -j 2 -q --plots none; ok $? "resume exits 0"
cmp -s "$out/whole/sweep.csv" "$out/killed/sweep.csv"; ok $? "killed + resumed = uninterrupted"
[ "$(awk -F, 'NR>1 {print $1, $2}' "$out/killed/sweep.csv" | sort -u | wc -l)" = 24 ]; ok $? "24 distinct rows"
[ -f "$out/whole/sensitivity.csv" ] && [ "$(wc -l < "$out/whole/sensitivity.csv")" = 10 ]
ok $? "sensitivity.csv: 3 figures x 3 parameters"
# a lower fare gives more riders: the fare's coefficient on riders is negative
awk -F, '$1 == "riders" && $2 == "metro.fare.scale" {exit !($5 < 0)}' "$out/whole/sensitivity.csv"
ok $? "riders fall with the fare (SRC < 0)"
[ -f "$out/whole/plots/tornado-riders.png" ]; ok $? "tornado chart"

# spec errors
printf 'sweep: 1\nmethod: sobl\nparameters:\n  - {key: metro.fare.scale, rnge: [1, 2]}\n' > "$out/bad.yaml"
"$R" sweep "$out/bad.yaml" -o "$out/bad" 2>"$out/err"; [ $? = 1 ]; ok $? "bad spec exits 1"
grep -q "bad.yaml:2:9: 'method': unknown 'sobl' (did you mean 'sobol'?)" "$out/err"; ok $? "method typo at FILE:LINE:COL"
printf 'sweep: 1\nparameters:\n  - {key: metro.fare.scal, values: [1, 2]}\n' > "$out/bad2.yaml"
"$R" sweep "$out/bad2.yaml" -o "$out/bad" 2>"$out/err"; [ $? = 1 ] && grep -q "scal" "$out/err"; ok $? "unknown key reported"
[ ! -e "$out/bad" ]; ok $? "nothing written for a bad spec"

# A sweep never writes into another command's run, nor a run into a sweep.
"$R" run "$SRC/scenarios/ziyang/baseline-day.yaml" -o "$out/arun" -q --plots none
"$R" sweep "$out/grid.yaml" -o "$out/arun" -q --plots none 2>/dev/null; [ $? = 3 ]; ok $? "sweep into a run's directory refused"
[ ! -e "$out/arun/sweep.db" ]; ok $? "no sweep.db beside the run's files"
"$R" run "$SRC/scenarios/ziyang/baseline-day.yaml" -o "$out/j1" -q --plots none 2>/dev/null; [ $? = 3 ]; ok $? "run into a sweep's directory refused"
[ -e "$out/j1/sweep.db" ]; ok $? "the sweep's database is untouched"

checks_done
