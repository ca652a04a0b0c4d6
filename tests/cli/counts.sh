#!/usr/bin/env bash
# demand.counts_csv: hourly entries and exits of tests/data/counts fitted to an OD
# matrix (IPF of a gravity seed); the run's boardings at every station within 3% of
# the counted entries (summed here with awk from the counts file, not by ridersim).
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0 pass=0
ok() { if [ "$1" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $2"; fi; }
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
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
