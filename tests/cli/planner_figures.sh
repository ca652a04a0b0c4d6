#!/usr/bin/env bash
# The planner's figures of tests/data/small (three stations, km 0, 5, 10; three
# trains; nine passengers, p8 stranded: see small_exact.sh), worked out by hand:
#   fare (Chengdu table: 2 yuan up to 4 km, +1 per 4 km or part up to 12 km):
#     5 km = 3 yuan, 10 km = 4 yuan. Delivered: p1 A-C 4, p2 3, p3 3, p4 3, p5 3,
#     p6 3, p7 C-A 4, p9 3 = 26 yuan (p8, stranded, pays nothing).
#   train-km: T1, U1, T2 each 0..10 km = 30; car-km = 30 x 4 cars = 120.
#   PHPDT: in hour 08 down, section A-B carries T1 (p1, p2) + T2 (p3, p9) = 4 and
#     section B-C T1 (p1, p4, p5) + T2 (p6) = 4; the first maximum is A-B: 4.
# Service past midnight: a train T3 leaving A at 24:10 (GTFS style) and two more
# trips, q1 A->C at 24:05 (boards T3: wait 300 s, ride 600 s) and q2 A->B at 24:30
# (after the last train: stranded): riders 11 = delivered 9 + stranded 2.
# years.csv of a calendar run: its riders add up to summary.yaml's riders.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
val() { awk -v k="$1:" '$1 == k {print $2}' "$2"; }

"$RIDERSIM" run "$SRC/tests/data/small/small.yaml" -o "$out/run" --plots none -q
ok $? "small run"
s=$out/run/summary.yaml
[ "$(val fare_revenue "$s")" = "26.00" ]; ok $? "fare_revenue 26 (got $(val fare_revenue "$s"))"
[ "$(val train_km "$s")" = "30.000" ]; ok $? "train_km 30 (got $(val train_km "$s"))"
[ "$(val car_km "$s")" = "120.000" ]; ok $? "car_km 120 (got $(val car_km "$s"))"
[ "$(val phpdt "$s")" = "4" ]; ok $? "phpdt 4 (got $(val phpdt "$s"))"
grep -q '^phpdt_at: {date: "", hour: 8, direction: down, from: "A", to: "B"}$' "$s"
ok $? "phpdt at 08, down, A-B ($(grep phpdt_at "$s"))"

# past midnight
mkdir -p "$out/mid"
cp "$SRC/tests/data/small/small.yaml" "$out/mid/"
cp "$SRC/tests/data/small/departures.csv" "$SRC/tests/data/small/trips.csv" "$out/mid/"
printf 'T3,A,24:10:00,24:10:00\nT3,B,24:15:00,24:15:30\nT3,C,24:20:00,24:20:00\n' >> "$out/mid/departures.csv"
printf 'q1,A,C,24:05:00\nq2,A,B,24:30:00\n' >> "$out/mid/trips.csv"
"$RIDERSIM" check "$out/mid/departures.csv" --scenario "$out/mid/small.yaml" >/dev/null
ok $? "check: departures past midnight are valid"
"$RIDERSIM" run "$out/mid/small.yaml" -o "$out/midrun" --passengers --plots none -q
ok $? "run with a train past midnight"
s=$out/midrun/summary.yaml
[ "$(val riders "$s")/$(val delivered "$s")/$(val stranded "$s")" = "11/9/2" ]
ok $? "riders 11 = delivered 9 + stranded 2 (got $(val riders "$s")/$(val delivered "$s")/$(val stranded "$s"))"
got=$(awk -F, '$1 == "q1" || $1 == "q2" {print $1, $7, $8, $10}' "$out/midrun/passengers.csv" | sort)
[ "$got" = "q1 300.000 600.000 delivered
q2   stranded" ]; ok $? "q1 rides T3 after midnight, q2 is stranded (got: $got)"
grep -q '^,T3,down,0,A,0.000,87000.000,87000.000,' "$out/midrun/trains.csv"; ok $? "T3 leaves A at 87000 s (24:10)"

# --set timetable.last_train=24:30 on the baseline day: trains after midnight, all accounted for
"$RIDERSIM" run "$SRC/scenarios/ziyang/baseline-day.yaml" --set timetable.last_train=24:30 \
  -o "$out/late" --plots none -q
ok $? "baseline day with last_train 24:30"
late=$(awk -F, 'NR > 1 && $8 >= 86400' "$out/late/trains.csv" | wc -l)
[ "$late" -gt 0 ]; ok $? "stops after midnight in trains.csv ($late)"
s=$out/late/summary.yaml
[ "$(val riders "$s")" = "$(awk -v a="$(val delivered "$s")" -v b="$(val stranded "$s")" 'BEGIN {print a + b}')" ]
ok $? "riders = delivered + stranded"

# years.csv adds up
"$RIDERSIM" run "$SRC/scenarios/ziyang/baseline.yaml" --set period.end=2025-01-31 --expected \
  -o "$out/cal" --plots none -q
ok $? "calendar run to 2025-01-31"
y=$out/cal/years.csv
[ "$(awk -F, 'NR > 1 {print $1 ":" $2}' "$y" | tr '\n' ' ')" = "2024:94 2025:31 " ]
ok $? "years 2024 (Sep 29 - Dec 31: 94 days) and 2025 (31 days)"
sum=$(awk -F, 'NR > 1 {s += $3} END {print s}' "$y")
total=$(val riders "$out/cal/summary.yaml")
[ "$sum" = "$total" ]; ok $? "years.csv riders add up to summary.yaml ($sum vs $total)"
head -1 "$out/cal/daily.csv" | grep -q ',alight_futian,.*,alight_ziyangbei,'; ok $? "daily.csv has alightings per station"
# replications: the fleet is the most any replication needs (the single run's 8 on the
# baseline day, whose timetable has no random delays), not 0
"$RIDERSIM" run "$SRC/scenarios/ziyang/baseline-day.yaml" --replications 2 -j 2 --plots none \
  -o "$out/rep" 2>/dev/null > "$out/rep.txt"
grep -q 'fleet             8 trains needed at most, 11 available' "$out/rep.txt"; ok $? "replications report the fleet"
grep -q '^fleet_required: 8$' "$out/rep/summary.yaml"; ok $? "summary.yaml of replications has fleet_required 8"
checks_done
