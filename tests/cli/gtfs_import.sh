#!/usr/bin/env bash
# import-gtfs on tests/data/gtfs (traps: README there; transitfeed's good_feed),
# checked against figures worked out by hand from the feeds, and a replay of
# riders through the imported timetable checked passenger by passenger.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
feed="$SRC/tests/data/gtfs/traps"

# --list: every route, its type, trips, patterns and service dates.
"$RIDERSIM" import-gtfs "$feed" --list > "$out/list.csv"
ok $? "--list exits 0"
# T1: 8 trips; patterns: all-stops down, all-stops up, express, short turn = 4; 5 stations.
# WK runs Mon-Fri of 2025 (261 days) minus 05-01, SA the 52 Saturdays plus 05-01,
# XTRA on 05-01: 261 - 1 + 52 + 1 = 313 dates (05-01 counted once).
grep -q '^T1,"T1","Trap Line, metro",1,yes,8,4,5,313 dates 2025-01-01..2025-12-31$' "$out/list.csv"
ok $? "list: T1 (got: $(grep ^T1 "$out/list.csv"))"
grep -q '^B9,"9","Decoy bus",3,no,' "$out/list.csv"; ok $? "list: decoy bus route is not rail"
grep -q '^LOOP,.*not importable: trip .LOOP1. calls twice at station .BUS1. (a loop)' "$out/list.csv"
ok $? "list: the loop is reported"
grep -q "^BR,.*not importable: the route branches: no trip runs through both station 'BUS3' and station 'BUS4'" "$out/list.csv"
ok $? "list: the branch is reported"

# Import two dates without --route: T1 is the feed's only rail route.
"$RIDERSIM" import-gtfs "$feed" --from 2025-04-30 --to 2025-05-01 -o "$out/t1" 2> "$out/import.err" > /dev/null
ok $? "import exits 0"
sc="$out/t1/scenario.yaml"
# Stations: parent stations (platforms of both directions merged), in line order,
# km from shape_dist_traveled (metres) within 0.3 km of 0, 2.5, 6.1, 9.0, 14.2.
got=$(awk -F'[{},:]+' '/- \{id:/ {print $3, $5}' "$sc" | tr -d ' "' | paste -sd' ')
want="ALPHA BETA GAMMA DELTA EPS"
[ "$(awk -F'[{},:]+' '/- \{id:/ {gsub(/[ "]/,"",$3); print $3}' "$sc" | paste -sd' ')" = "$want" ]
ok $? "stations in line order (got: $got)"
awk -F'[{},:]+' '/- \{id:/ {print $5}' "$sc" | paste -sd' ' |
  awk '{ want[1]=0; want[2]=2.5; want[3]=6.1; want[4]=9.0; want[5]=14.2; bad=0
         for (i=1;i<=5;i++) { d=$i-want[i]; if (d<0) d=-d; if (d>0.3) bad=1 } exit bad }'
ok $? "km within 0.3 km"
grep -q 'id: "GAMMA", km: 6.100, en: "Gamma", zh: "伽马"' "$sc"; ok $? "names from stop_name and translations.txt"
grep -q '^period: {start: 2025-04-30, end: 2025-05-01}' "$sc"; ok $? "period of the two dates"
dep="$out/t1/departures.csv"
head -1 "$dep" | grep -q '^date,train,station,arrival,departure,trip_id,stop_id,stop_sequence$'
ok $? "departures header"
# Trains per date: 8 on Wednesday 04-30 (3 WKA, 2 WKB, WKX, WKS, WKL); on 05-01 the
# weekday service is removed and SA (SAA, SAB) and XTRA (XL) added: 3.
[ "$(awk -F, 'NR>1 && $1=="2025-04-30" {print $2}' "$dep" | sort -u | wc -l)" = 8 ]; ok $? "8 trains on 2025-04-30"
[ "$(awk -F, 'NR>1 && $1=="2025-05-01" {print $2}' "$dep" | sort -u | paste -sd' ')" = "SAA SAB XL" ]
ok $? "calendar_dates: 05-01 runs SAA SAB XL only"
# Express and short turn skip stations; trains past midnight keep their service day.
[ "$(awk -F, '$2=="WKX" {print $3}' "$dep" | paste -sd' ')" = "ALPHA GAMMA EPS" ]; ok $? "express skips BETA, DELTA"
[ "$(awk -F, '$2=="WKS" {print $3}' "$dep" | paste -sd' ')" = "DELTA GAMMA BETA" ]; ok $? "short turn"
grep -q '^2025-04-30,WKL,EPS,24:10:30,24:10:30,WKL,EPS_1,50$' "$dep"; ok $? "WKL reaches EPS at 24:10:30 on 04-30"
grep -q '^2025-05-01,XL,EPS,24:20:00,24:20:00,XL,EPS_2,10$' "$dep"; ok $? "XL leaves EPS at 24:20:00 on 05-01"
grep -q '^2025-05-01,SAA,GAMMA,08:09:15,08:09:15,SAA,GAMMA_1,30$' "$dep"; ok $? "non-timepoint interpolated"
# Frequencies: exact_times 1 (WKA 06:00, 06:20, 06:40) and 0 (WKB 06:10, 06:40).
[ "$(awk -F, '$6=="WKA" && $3=="ALPHA" {print $4}' "$dep" | paste -sd' ')" = "06:00:00 06:20:00 06:40:00" ]; ok $? "WKA every 20 min"
[ "$(awk -F, '$6=="WKB" && $3=="EPS" {print $5}' "$dep" | paste -sd' ')" = "06:10:00 06:40:00" ]; ok $? "WKB every 30 min"
grep -q '2 trips share a block_id' "$out/t1/import-report.txt"; ok $? "block transfer reported"
grep -q 'block_id' "$out/import.err"; ok $? "report printed"

# Replay: riders through the imported timetable (capacity 1000, so nobody is refused).
# Worked by hand from the departures above (wait = boarded - arrival, ride = alighted - boarded):
#  q1 ALPHA->EPS 05:55: WKA 06:00 -> EPS 06:20:30        wait 300  ride 1230
#  q2 BETA->DELTA 06:05: WKA-0600 left BETA 06:04:30; WKA-0620 at BETA 06:24:00 -> DELTA 06:34:00  wait 1140 ride 600
#  q3 ALPHA->BETA 07:00: WKX skips BETA; next WKL 23:50:00 -> BETA 23:54:00   wait 60600 ride 240
#  q4 ALPHA->GAMMA 07:00: WKX 07:05:00 -> GAMMA 07:13:00  wait 300  ride 480
#  q5 GAMMA->BETA 07:20: short turn WKS at GAMMA 07:34:00 -> BETA 07:39:30  wait 840 ride 330
#  q6 EPS->ALPHA 06:50: the last train from EPS left 06:40; WKS does not call at EPS: stranded
#  q7 DELTA->EPS 24:00:00: WKL at DELTA 24:04:00 -> EPS 24:10:30  wait 240 ride 390 (boards 86640 s)
#  q8 GAMMA->ALPHA 06:25: WKB-0640 at GAMMA 06:50:30 -> ALPHA 07:00:30  wait 1530 ride 600
#  r1 ALPHA->EPS 07:00 (05-01): SAA 08:00 -> EPS 08:20:30  wait 3600 ride 1230
#  r2 BETA->GAMMA 08:05: SAA left BETA 08:04:30, no other down train: stranded
#  r3 GAMMA->DELTA 08:08: SAA at GAMMA 08:09:15 (interpolated) -> DELTA 08:14:00  wait 75 ride 285
#  r4 EPS->ALPHA 24:15:00: XL 24:20:00 -> ALPHA 24:40:30  wait 300 ride 1230 (boards 87600 s)
#  r5 BETA->ALPHA 08:40: SAB at BETA 08:46:00 -> ALPHA 08:50:30  wait 360 ride 270
#  r6 ALPHA->GAMMA 06:00: no weekday trains on 05-01; SAA 08:00 -> GAMMA 08:09:15  wait 7200 ride 555
cp "$SRC/tests/data/gtfs/traps-riders.csv" "$out/riders.csv" # the riders listed above
expect="q1 21600.000 22830.000 300.000 1230.000 delivered
q2 23040.000 23640.000 1140.000 600.000 delivered
q3 85800.000 86040.000 60600.000 240.000 delivered
q4 25500.000 25980.000 300.000 480.000 delivered
q5 27240.000 27570.000 840.000 330.000 delivered
q6     stranded
q7 86640.000 87030.000 240.000 390.000 delivered
q8 24630.000 25230.000 1530.000 600.000 delivered
r1 28800.000 30030.000 3600.000 1230.000 delivered
r2     stranded
r3 29355.000 29640.000 75.000 285.000 delivered
r4 87600.000 88830.000 300.000 1230.000 delivered
r5 31560.000 31830.000 360.000 270.000 delivered
r6 28800.000 29355.000 7200.000 555.000 delivered"
: > "$out/got"
for d in 2025-04-30 2025-05-01; do
  "$RIDERSIM" run "$sc" --set demand.trips_csv="$out/riders.csv" --set output.detail_date=$d \
    --set trains.capacity=1000 -o "$out/run-$d" --passengers --plots none -q
  ok $? "run of the imported scenario ($d) exits 0"
  awk -F, 'NR>1 {print $1, $5, $6, $7, $8, $10}' "$out/run-$d/passengers.csv" >> "$out/got"
done
got=$(sort "$out/got")
[ "$got" = "$expect" ]; ok $? "every rider as worked by hand (got:
$got)"
grep -q '^riders: 14$' "$out/run-2025-04-30/summary.yaml"; ok $? "14 riders over the two days"
grep -q '^stranded: 2$' "$out/run-2025-04-30/summary.yaml"; ok $? "2 stranded"

# GTFS-Ride: boardings of board_alight.txt sum to the riders who boarded (12 of the
# 14: q6 and r2 stranded), and join back to the feed's trip_id/stop_id. By hand from
# the list above: on 04-30 ALPHA_1 (direction 0 platform) boards q1, q3, q4; GAMMA_2
# boards q5, q8; on 05-01 ALPHA_1 boards r1, r6 and EPS_2 boards r4 (the 24:20 XL).
"$RIDERSIM" run "$sc" --set demand.trips_csv="$out/riders.csv" -o "$out/ride" --export gtfs-ride --plots none -q
ok $? "run --export gtfs-ride exits 0"
ba="$out/ride/gtfs-ride/board_alight.txt"
head -1 "$ba" | grep -q '^trip_id,stop_id,stop_sequence,record_use,schedule_relationship,boardings,alightings,current_load,load_count,load_type,service_date,service_arrival_time,service_departure_time,source$'
ok $? "board_alight header"
[ "$(awk -F, 'NR>1 {b+=$6; a+=$7} END {print b, a}' "$ba")" = "12 12" ]; ok $? "boardings and alightings sum to the 12 riders who boarded"
grep -q '^delivered: 12$' "$out/ride/summary.yaml"; ok $? "12 delivered"
[ "$(awk -F, 'NR>1 && $11=="20250430" && $2=="ALPHA_1" {b+=$6} END {print b}' "$ba")" = 3 ]; ok $? "04-30 ALPHA_1 boardings 3"
[ "$(awk -F, 'NR>1 && $11=="20250430" && $2=="GAMMA_2" {b+=$6} END {print b}' "$ba")" = 2 ]; ok $? "04-30 GAMMA_2 boardings 2"
grep -q '^XL,EPS_2,10,0,0,1,0,0,1,1,20250501,24:20:00,24:20:00,3$' "$ba"; ok $? "r4 on XL at 24:20:00, service date 05-01"
rid="$out/ride/gtfs-ride/ridership.txt"
grep -q '^7,7,20250430,20250430,$' "$rid" && grep -q '^5,5,20250501,20250501,$' "$rid"; ok $? "ridership per day: 7 and 5"
grep -q '^2,0,20250501,20250501,ALPHA_1$' "$rid"; ok $? "ridership per stop"
grep -q '^4,20250430,20250501,' "$out/ride/gtfs-ride/ride_feed_info.txt"; ok $? "ride_feed_info dates"
[ -s "$out/ride/gtfs-ride/trip_capacity.txt" ]; ok $? "trip_capacity.txt"
# A generated (headway) timetable: run and station ids stand in; sums still hold.
"$RIDERSIM" run "$SRC/scenarios/ziyang/baseline-day.yaml" -o "$out/bd" --export gtfs-ride --plots none -q
ok $? "baseline day --export gtfs-ride"
del=$(awk '/^delivered:/ {print $2}' "$out/bd/summary.yaml")
[ "$(awk -F, 'NR>1 {b+=$6} END {print b}' "$out/bd/gtfs-ride/board_alight.txt")" = "$del" ]
ok $? "baseline day: boardings sum to delivered ($del)"
"$RIDERSIM" run "$SRC/scenarios/ziyang/baseline-day.yaml" -o "$out/bx" --export gtfs-ride --expected -q 2> /dev/null
[ $? = 2 ]; ok $? "--export gtfs-ride with --expected is a usage error"

# Not representable: a loop route, a branching route; nothing written.
"$RIDERSIM" import-gtfs "$feed" --route LOOP -o "$out/loop" 2> "$out/loop.err"
[ $? = 1 ]; ok $? "loop route exits 1"
grep -q "trip 'LOOP1' calls twice at station 'BUS1'" "$out/loop.err"; ok $? "loop reported"
[ ! -e "$out/loop" ]; ok $? "nothing written for the loop"
"$RIDERSIM" import-gtfs "$feed" --route BR -o "$out/br" 2> "$out/br.err"
[ $? = 1 ]; ok $? "branching route exits 1"
grep -q "route branches at stations 'BUS3' / 'BUS4'" "$out/br.err"; ok $? "branch reported"
"$RIDERSIM" import-gtfs "$feed" --route NOPE -o "$out/x" 2> "$out/nope.err"
[ $? = 1 ]; ok $? "unknown route exits 1"
echo "not a zip" > "$out/bad.zip"
"$RIDERSIM" import-gtfs "$out/bad.zip" -o "$out/bz" 2> "$out/bz.err"
[ $? = 1 ] && grep -q 'bad.zip: cannot open as a zip file' "$out/bz.err"; ok $? "not a zip: exit 1 with a message"
cp -r "$feed" "$out/nost" && rm "$out/nost/stop_times.txt"
"$RIDERSIM" import-gtfs "$out/nost" -o "$out/ns" 2> "$out/ns.err"
[ $? = 1 ] && grep -q 'the feed has no stop_times.txt' "$out/ns.err" && [ ! -e "$out/ns" ]; ok $? "no stop_times.txt: exit 1, nothing written"
cp -r "$feed" "$out/badt" && sed -i 's/06:04:00/06:61:00/' "$out/badt/stop_times.txt"
"$RIDERSIM" import-gtfs "$out/badt" -o "$out/bt" 2> "$out/bt.err"
[ $? = 1 ] && grep -q "badt/stop_times.txt:3: arrival_time/departure_time must be H:MM:SS or HH:MM:SS (hours up to 47), got '06:61:00'" "$out/bt.err"
ok $? "a bad time: exit 1 at its line"
cp -r "$feed" "$out/dseq" && sed -i 's/^WKA,06:04:00,06:04:30,BETA_1,20,/WKA,06:04:00,06:04:30,BETA_1,10,/' "$out/dseq/stop_times.txt"
"$RIDERSIM" import-gtfs "$out/dseq" -o "$out/ds" 2> "$out/ds.err"
[ $? = 1 ] && grep -q "dseq/stop_times.txt:3: stop_sequence 10 appears twice in trip 'WKA'" "$out/ds.err"; ok $? "a repeated stop_sequence: exit 1"
# A 400-byte route_desc (a column not read) is fine; a 300-byte stop_name is not.
cp -r "$feed" "$out/long" && long=$(printf 'x%.0s' $(seq 400))
awk -v l="$long" 'NR == 1 { print $0 ",route_desc"; next } { print $0 ",\"" l "\"" }' "$feed/routes.txt" > "$out/long/routes.txt"
"$RIDERSIM" import-gtfs "$out/long" --date 2025-04-30 -o "$out/lo" -q > /dev/null
ok $? "a long field in a column not read is accepted"
sed -i "s/^BETA,Beta,/BETA,$(printf 'B%.0s' $(seq 300)),/" "$out/long/stops.txt"
"$RIDERSIM" import-gtfs "$out/long" --date 2025-04-30 -o "$out/lo2" 2> "$out/lo2.err"
[ $? = 1 ] && grep -q 'long/stops.txt:5:1: a field ridersim reads is longer than 255 bytes' "$out/lo2.err"; ok $? "a long stop_name is refused at its line"
mkdir "$out/mine" && echo keep > "$out/mine/notes.txt"
"$RIDERSIM" import-gtfs "$feed" --date 2025-04-30 -o "$out/mine" 2> /dev/null
[ $? != 0 ] && [ "$(cat "$out/mine/notes.txt")" = keep ]; ok $? "a folder of other files is refused"

# The zip (libzip) and the folder of transitfeed's good_feed give the same import.
# Route CITY on Monday 2010-06-07: frequencies per direction 06:00-07:59:59 /30 min (4),
# 08:00-09:59:59 /10 min (12), 10:00-15:59:59 /30 (12), 16:00-18:59:59 /10 (18),
# 19:00-22:00 /30 (6: the last at 21:30): 52 a direction, 104 trains.
tf="$SRC/tests/data/gtfs/transitfeed"
"$RIDERSIM" import-gtfs "$tf/good_feed.zip" --route CITY --date 2010-06-07 -o "$out/cz" -q > /dev/null
ok $? "import from the zip"
"$RIDERSIM" import-gtfs "$tf/good_feed" --route CITY --date 2010-06-07 -o "$out/cf" -q > /dev/null
ok $? "import from the folder"
cmp -s "$out/cz/departures.csv" "$out/cf/departures.csv"; ok $? "zip and folder give the same departures"
[ "$(awk -F, 'NR>1 {print $2}' "$out/cz/departures.csv" | sort -u | wc -l)" = 104 ]; ok $? "CITY: 104 trains"
# No shape_dist_traveled on CITY: km are great-circle distances between consecutive
# stops, summed -- worked out here from stops.txt with the haversine formula.
awk -F, 'NR==FNR { if (FNR>1) { lat[$1]=$4; lon[$1]=$5 } next }
         /- \{id:/ { split($0, a, /[{}:, "]+/); id=a[4]; km=a[6]
           if (prev != "") { p=atan2(0,-1)/180; dla=(lat[id]-lat[prev])*p; dlo=(lon[id]-lon[prev])*p
             h=sin(dla/2)^2 + cos(lat[prev]*p)*cos(lat[id]*p)*sin(dlo/2)^2
             sum += 2*6371.0088*atan2(sqrt(h), sqrt(1-h)) }
           prev=id; d=km-sum; if (d<0) d=-d; if (d>0.0015) { print "km " id " " km " vs " sum; bad=1 } }
         END { exit bad }' "$tf/good_feed/stops.txt" "$out/cz/scenario.yaml"
ok $? "CITY km from coordinates"
"$RIDERSIM" run "$out/cz/scenario.yaml" -o "$out/cz-run" --plots none -q
ok $? "the imported scenario runs as it is"
grep -q '^riders: 104$' "$out/cz-run/summary.yaml"; ok $? "placeholder demand: one rider per train"
# No shape_dist_traveled but a shape (tests/data/gtfs/curve, a U): km along the
# shape, 0.045 and 0.09 degrees of a great circle (111.195 km each): 5.004 and 10.008.
"$RIDERSIM" import-gtfs "$SRC/tests/data/gtfs/curve" -o "$out/curve" -q
ok $? "import of the U-shaped line"
[ "$(awk -F'[{},:]+' '/- \{id:/ {print $5}' "$out/curve/scenario.yaml" | tr -d ' ' | paste -sd' ')" = "0.000 5.004 10.008" ]
ok $? "km along the shape"
# The trap feed zipped inside a folder (feed-2025/...): the same import as the folder.
"$RIDERSIM" import-gtfs "$SRC/tests/data/gtfs/traps-in-folder.zip" --from 2025-04-30 --to 2025-05-01 -o "$out/tz" -q > /dev/null
ok $? "import from a zip with a folder inside"
cmp -s "$out/tz/departures.csv" "$out/t1/departures.csv"; ok $? "zip with a folder: same departures as the folder"
# Stop ids that YAML would read as a number, null or hex stay station ids (quoted).
cp -r "$SRC/tests/data/gtfs/curve" "$out/num"
sed -i 's/\bS1\b/1001/g; s/\bS2\b/null/g; s/\bS3\b/0x1F/g' "$out/num/stops.txt" "$out/num/stop_times.txt"
"$RIDERSIM" import-gtfs "$out/num" -o "$out/numo" -q && "$RIDERSIM" run "$out/numo/scenario.yaml" -o "$out/numr" -q --plots none
ok $? "ids 1001, null, 0x1F import and run"
grep -q '^  - {id: "null", km: 5.004' "$out/numo/scenario.yaml" || grep -q '{id: "null", km: 5.004' "$out/numo/scenario.yaml"; ok $? "id null quoted"
# The placeholder demand gives way to counts given alone (no 'demand.trips_csv=~' first).
"$RIDERSIM" run "$out/t1/scenario.yaml" --set demand.counts_csv="$SRC/tests/data/gtfs/traps-counts.csv" \
  -o "$out/pc" -q --plots none
ok $? "--set demand.counts_csv alone replaces the placeholder"
[ -f "$out/pc/counts-fit.csv" ]; ok $? "the counts were fitted (counts-fit.csv)"
checks_done
