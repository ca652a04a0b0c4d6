#!/usr/bin/env bash
# Every passenger of tests/data/small (explicit trips and timetable), checked
# against waits and rides worked out by hand from the timetable:
#   p1 A->C arrives 07:55, boards T1 at 08:00 (wait 300), alights C 08:10 (ride 600)
#   p2 A->B arrives exactly at T1's departure 08:00: boards it (wait 0, ride 300)
#   p3 A->B arrives 1 ms after T1 left: T2 at 08:10 (wait 599.999, ride 300)
#   p4 B->C arrives 08:04, T1 reaches B at 08:05 (wait 60), C at 08:10 (ride 300)
#   p5 B->C arrives 08:05:20 during T1's dwell: boards at once (wait 0, ride 280); T1 now full (3)
#   p6 B->C arrives 08:05:25: T1 full, refused once; T2 at B 08:15 (wait 575, ride 300)
#   p7 C->A arrives 08:00, U1 leaves C 08:12 (wait 720), reaches A 08:22 (ride 600)
#   p8 B->A arrives 08:30, after every train: stranded
#   p9 A->B arrives 08:05: T2 at 08:10 (wait 300, ride 300)
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$RIDERSIM" run "$SRC/tests/data/small/small.yaml" -o "$out/run" --passengers --plots none -q
ok $? "run exits 0"
expect="p1 300.000 600.000 0 delivered
p2 0.000 300.000 0 delivered
p3 599.999 300.000 0 delivered
p4 60.000 300.000 0 delivered
p5 0.000 280.000 0 delivered
p6 575.000 300.000 1 delivered
p7 720.000 600.000 0 delivered
p8   0 stranded
p9 300.000 300.000 0 delivered"
got=$(awk -F, 'NR>1 {print $1, $7, $8, $9, $10}' "$out/run/passengers.csv" | sort)
[ "$got" = "$expect" ]; ok $? "passengers.csv waits and rides (got: $got)"
grep -q '^riders: 9$' "$out/run/summary.yaml"; ok $? "riders 9"
grep -q '^delivered: 8$' "$out/run/summary.yaml"; ok $? "delivered 8"
grep -q '^stranded: 1$' "$out/run/summary.yaml"; ok $? "stranded 1"
grep -q '^denied_boardings: 1$' "$out/run/summary.yaml"; ok $? "denied 1"
# mean wait = (300+0+599.999+60+0+575+720+300)/8 = 319.374875
grep -q '^mean_wait_s: 319.375$' "$out/run/summary.yaml"; ok $? "mean wait 319.375"
# T1 leaves B with p1, p4, p5 on board (p2 alighted): load 3 = capacity
grep -q "^,T1,down,1,B,5.000,29100.000,29130.000,1,2,1,3,1.0000$" "$out/run/trains.csv"; ok $? "T1 at B row"
checks_done
