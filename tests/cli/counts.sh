#!/usr/bin/env bash
# demand.counts_csv: hourly entries and exits of tests/data/counts fitted to an OD
# matrix (IPF of a gravity seed); the run's boardings at every station within 3% of
# the counted entries (summed here with awk from the counts file, not by ridersim).
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
data="$SRC/tests/data/counts"

"$RIDERSIM" run "$data/line.yaml" -o "$out/day" --plots none -q
ok $? "run with counts_csv exits 0"
# Counted entries per station (the counts) against boardings per station (stations.csv).
awk -F, 'FNR == 1 { next } NR == FNR { want[$1] += $3; next } { got[$2] += $6 }
         END { for (s in want) { e = (got[s] - want[s]) / want[s]; if (e < 0) e = -e
                 printf "%s %d %d %.4f\n", s, want[s], got[s], e; if (e > 0.03) bad = 1 }
               exit bad }' "$data/counts.csv" "$out/day/stations.csv" > "$out/cmp" 2>&1
ok $? "boardings within 3% of the counts at every station: $(tr '\n' ';' < "$out/cmp")"
[ "$(wc -l < "$out/cmp")" = 5 ]; ok $? "five stations compared"
# IPF: fitted entries equal the counts (rows are matched exactly up to 1e-6); fitted
# exits are the counted exits scaled to the hour's entries: hour 6 has entries
# 1600+2000+2400+2800+3200 = 12000 and exits 2840+2480+2120+1760+1400 = 10600, so
# A's fitted exits are 2840 x 12000 / 10600 = 3215.094.
awk -F, 'NR > 1 { d = $7 - $5; if (d < 0) d = -d; if (d > 1e-6 * $5 + 1e-3) bad = 1 } END { exit bad }' "$out/day/counts-fit.csv"
ok $? "fitted entries equal counted entries"
grep -q '^,,A,6,1600.000,2840.000,1600.000,3215.094$' "$out/day/counts-fit.csv"; ok $? "A hour 6 exits scaled"
# Every hour has exits 10600/12000 of its entries: imbalance 1400/12000 = 0.116667.
grep -q '^counts_exit_entry_imbalance: 0.116667$' "$out/day/summary.yaml"; ok $? "imbalance reported"
awk '/^counts_fit_residual:/ { exit !($2 < 1e-6) }' "$out/day/summary.yaml"; ok $? "IPF residual below 1e-6"

# A gravity distance given (demand.gravity_km) changes the seed, not the fit: the
# entries are still matched (it once left the seed empty: a day of 0 riders).
"$RIDERSIM" run "$data/line.yaml" --set demand.gravity_km=5 -o "$out/g5" --plots none -q
ok $? "run with gravity_km 5 exits 0"
awk -F, 'FNR == 1 { next } NR == FNR { want[$1] += $3; next } { got[$2] += $6 }
         END { for (s in want) { e = (got[s] - want[s]) / want[s]; if (e < 0) e = -e
                 if (e > 0.03) bad = 1 } exit bad }' "$data/counts.csv" "$out/g5/stations.csv"
ok $? "gravity_km 5: boardings within 3% of the counts at every station"

# Per day type: Friday 2025-03-07 takes the workday counts, Saturday the weekend
# counts (half of them): daily.csv boardings per station within 3% of each.
"$RIDERSIM" run "$data/daytypes.yaml" -o "$out/dt" --plots none -q
ok $? "run with day_type counts exits 0"
awk -F, 'FNR == 1 { if (NR != FNR) for (i = 1; i <= NF; i++) col[$i] = i; next }
         NR == FNR { want[$5 "," $1] += $3; next }
         { for (k in want) { split(k, p, ","); if (p[1] != $2) continue
             g = $(col["board_" p[2]]); e = (g - want[k]) / want[k]; if (e < 0) e = -e
             n++; if (e > 0.03) { print k, want[k], g; bad = 1 } } }
         END { exit bad || n != 10 }' "$data/counts-daytype.csv" "$out/dt/daily.csv"
ok $? "each day type's boardings within 3% at every station"

# Observed figures per station and day type (tests/data/counts/observed.yaml: the counts
# summed by hand) are met by two weeks of the counted line.
"$RIDERSIM" run "$data/observed-run.yaml" -o "$out/obs" --plots none -q
ok $? "run with station figures exits 0"
[ "$(awk -F, 'NR > 1 && $9 == 1' "$out/obs/observed.csv" | wc -l)" = 4 ]; ok $? "the 4 station figures within 3%"
# calibrate fits station figures: the baseline run with market.scale 1.2 (expected mode)
# gives mean workday boardings at futian and weekend ones at ziyangbei; calibrating
# market.scale to those two figures from its default recovers 1.2 (boardings are
# proportional to the scale in the expected mode; daily.csv rounds them to whole riders).
"$RIDERSIM" run --expected --set market.scale=1.2 --set period.end=2024-10-31 -o "$out/truth" --plots none -q
read -r fw zw <<< "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
  $1 >= "2024-10-08" && $1 <= "2024-10-31" {
    if ($2 == "workday") { w += $(c["board_futian"]); nw++ } else if ($2 == "weekend") { e += $(c["board_ziyangbei"]); ne++ } }
  END { printf "%.3f %.3f", w / nw, e / ne }' "$out/truth/daily.csv")"
cat > "$out/stobs.yaml" <<EOF2
ridersim_observed: 1
observations:
  - {id: futian_workday, kind: mean, from: 2024-10-08, to: 2024-10-31, station: futian, day_type: workday, value: $fw}
  - {id: ziyangbei_weekend, kind: mean, from: 2024-10-08, to: 2024-10-31, station: ziyangbei, day_type: weekend, value: $zw}
EOF2
"$RIDERSIM" calibrate --fit market.scale --observed "$out/stobs.yaml" --set period.end=2024-10-31 -o "$out/cal" -q
ok $? "calibrate to station figures exits 0"
awk -F, '$1 == "market.scale" { d = $4 - 1.2; if (d < 0) d = -d; exit !(d < 1e-3) }' "$out/cal/calibration.csv"
ok $? "market.scale recovered (got $(awk -F, '$1 == "market.scale" {print $4}' "$out/cal/calibration.csv"))"

# Errors: counts with trips_csv; a bad hour.
printf 'ridersim: 1\nextends: line.yaml\ndemand: {trips_csv: x.csv}\n' > "$out/both.yaml"
cp "$data/line.yaml" "$data/counts.csv" "$out/"
"$RIDERSIM" check "$out/both.yaml" 2> "$out/both.err"
[ $? = 1 ]; ok $? "counts_csv with trips_csv is refused"
grep -q "'demand.counts_csv' cannot be given together with 'demand.trips_csv'" "$out/both.err"; ok $? "message"
printf 'station,hour,entries,exits\nA,24,1,1\n' > "$out/bad.csv"
printf 'extends: line.yaml\ndemand: {counts_csv: bad.csv}\n' > "$out/bad.yaml"
"$RIDERSIM" check "$out/bad.yaml" 2> "$out/bad.err"
[ $? = 1 ]; ok $? "hour 24 is refused"
grep -q "bad.csv:2:3: 'hour' must be 0-23, got '24'" "$out/bad.err"; ok $? "message with line and column"
checks_done
