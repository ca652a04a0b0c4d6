#!/usr/bin/env bash
# The calibrated baseline against the observed figures (scenarios/ziyang/observed.yaml),
# each recomputed here from daily.csv with awk (a second method, not observed.csv),
# plus plausibility of the days between them.
. "$SRC/tests/cli_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
within() { awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { e = (g - w) / w; if (e < 0) e = -e; exit !(e <= t) }'; }

"$RIDERSIM" run "$SRC/scenarios/ziyang/baseline.yaml" --set period.end=2025-09-30 \
  -o "$tmp/run" --plots none -q
ok $? "baseline runs"
d="$tmp/run/daily.csv"
sum() { awk -F, -v a="$1" -v z="$2" 'NR>1 && $1>=a && $1<=z {s+=$3} END {print s+0}' "$d"; }
day() { awk -F, -v a="$1" 'NR>1 && $1==a {print $3}' "$d"; }

five=$(sum 2024-09-29 2024-10-03)
[ "$five" -gt 250000 ]; ok $? "first five days $five > 250,000"
nd=$(sum 2024-10-01 2024-10-07)
within "$nd" 416100 0.05; ok $? "National Day 2024 total $nd within 5% of 416,100"
oct1=$(day 2024-10-01)
within "$oct1" 76000 0.10; ok $? "2024-10-01 $oct1 within 10% of 76,000"
peak=$(awk -F, 'NR>1 && $1>="2024-10-01" && $1<="2024-10-07" && $3>m {m=$3; d=$1} END {print d}' "$d")
[ "$peak" = 2024-10-01 ]; ok $? "the record day of the holiday is Oct 1 (got $peak)"
cum=$(sum 2024-09-29 2025-02-23)
within "$cum" 4560000 0.03; ok $? "cumulative to 2025-02-23 $cum within 3% of 4.56 million"
mean=$(( cum / 148 ))
[ "$mean" -gt 30000 ]; ok $? "mean day to 2025-02-23 $mean > 30,000"
# Commuters: commute-purpose trips over all riders, Apr-Sep 2025, 0.72-0.88 (about
# four in five, shared/data/ziyang-line.md; observed.yaml: 0.80 +-10%).
share=$(awk -F, 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} NR>1 && $1>="2025-04-01" && $1<="2025-09-30" {r+=$3; m+=$(c["riders_commute"])} END {printf "%.4f", m/r}' "$d")
awk -v x="$share" 'BEGIN {exit !(x >= 0.72 && x <= 0.88)}'; ok $? "commuter share Apr-Sep 2025 $share in 0.72-0.88"
# The stated mode shares (assumptions the constants are fitted to): each within
# its tolerance, as observed.csv reports it (not recomputable from daily.csv).
bad=$(awk -F, '$2=="mode_share" && $9!=1 {n++} END {print n+0}' "$tmp/run/observed.csv")
nms=$(awk -F, '$2=="mode_share" {n++} END {print n+0}' "$tmp/run/observed.csv")
[ "$bad" = 0 ] && [ "$nms" -ge 4 ]; ok $? "$nms stated mode shares reproduced ($bad outside)"
# The cumulative column agrees with the running sum of riders.
awk -F, 'NR>1 {s+=$3; if (s != $4) bad=1} END {exit bad}' "$d"; ok $? "cumulative = running sum of riders"

# Plausibility: after the opening weeks no ordinary workday collapses, and holidays
# carry more leisure riders than workdays (the leisure surge). All riders on
# holidays stay below workdays: four in five riders commute, and commuting mostly
# stops on public holidays.
low=$(awk -F, 'NR>1 && $1>="2024-11-01" && $2=="workday" && $3<20000 {n++} END {print n+0}' "$d")
[ "$low" = 0 ]; ok $? "no workday below 20,000 after October ($low found)"
wk=$(awk -F, 'NR>1 && $1>="2024-11-01" && $2=="workday" {s+=$3; n++} END {printf "%d", s/n}' "$d")
[ "$wk" -gt 25000 ] && [ "$wk" -lt 40000 ]; ok $? "ordinary workday mean $wk in 25,000-40,000"
lei() { awk -F, -v t="$1" 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} NR>1 && $1>="2024-11-01" && $2==t {s+=$(c["riders_leisure"]); n++} END {printf "%d", s/n}' "$d"; }
lh=$(lei holiday); lw=$(lei workday)
[ "$lh" -gt $((2 * lw)) ]; ok $? "leisure riders on holidays ($lh) above twice workdays' ($lw)"
# Every passenger accounted for, every day.
awk -F, 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} NR>1 && $(c["stranded"]) > $3 {bad=1} END {exit bad}' "$d"; ok $? "stranded never exceeds riders"
checks_done
