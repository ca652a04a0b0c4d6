#!/usr/bin/env bash
# Segments of the mode choice on the baseline, every passenger simulated:
# captive riders keep the line alive when service is cut (headways x3 keep at
# least 40% of the riders, x10 at least 10%: issue 13's bar), travellers without
# a car, the nested-logit option, and its input checks.
. "$SRC/tests/cli_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
B="$SRC/scenarios/ziyang/baseline.yaml"
# mean riders a day over Apr-Jun 2025 (after the ramp-up and the learning)
mean() { awk -F, 'NR>1 && $1>="2025-04-01" && $1<="2025-06-30" {s+=$3; n++} END {printf "%d", s/n}' "$1/daily.csv"; }
for h in 1 3 10; do
  "$RIDERSIM" run "$B" --set timetable.headway_scale=$h --set period.end=2025-06-30 \
    -o "$tmp/h$h" --plots none -q
  ok $? "run with headways x$h"
done
m1=$(mean "$tmp/h1"); m3=$(mean "$tmp/h3"); m10=$(mean "$tmp/h10")
awk -v a="$m3" -v b="$m1" 'BEGIN {exit !(a >= 0.40 * b)}'; ok $? "headways x3 keep $m3 of $m1 riders (>= 40%)"
awk -v a="$m10" -v b="$m1" 'BEGIN {exit !(a >= 0.10 * b)}'; ok $? "headways x10 keep $m10 of $m1 riders (>= 10%)"
# without captive riders and with a car for everyone the cut is far deeper: the
# floor comes from the segments, not from anything else
"$RIDERSIM" run "$B" --set timetable.headway_scale=10 --set period.end=2025-06-30 \
  --set choice.captive_share=0 --set choice.car.share=1 -o "$tmp/h10all" --plots none -q
ok $? "run x10 without segments"
m10a=$(mean "$tmp/h10all")
awk -v a="$m10a" -v b="$m10" 'BEGIN {exit !(a < 0.5 * b)}'; ok $? "without segments x10 keeps $m10a (< half of $m10)"

# Weekly commuters: commute trips on a Friday are 1.2 times Thursday's and on a
# Monday 1.1 times (market.purposes.commute.weekdays; both ordinary workdays, same day
# factor, the same growth within 0.01%): expected mode, Thursday 2025-06-12, Friday
# 06-13, Monday 06-16. Learning moves the metro's share by far less than 1% a day.
"$RIDERSIM" run "$B" --expected --set period.end=2025-06-30 -o "$tmp/exp" --plots none -q
ok $? "expected-mode run"
com() { awk -F, -v d="$1" 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} $1==d {print $(c["riders_commute"])}' "$tmp/exp/daily.csv"; }
awk -v a="$(com 2025-06-13)" -v b="$(com 2025-06-12)" 'BEGIN {r=a/b; exit !(r > 1.19 && r < 1.21)}'
ok $? "Friday commute trips $(com 2025-06-13) = 1.2 x Thursday's $(com 2025-06-12)"
awk -v a="$(com 2025-06-16)" -v b="$(com 2025-06-12)" 'BEGIN {r=a/b; exit !(r > 1.09 && r < 1.11)}'
ok $? "Monday commute trips $(com 2025-06-16) = 1.1 x Thursday's"

# The nested logit: the baseline with a rail nest runs, and a nest of metro and
# HSR (lambda 0.5) draws more from HSR than the plain logit does, so metro riders
# change; every passenger accounted for.
"$RIDERSIM" run "$SRC/tests/data/segments/nested.yaml" --set period.end=2025-01-31 \
  -o "$tmp/nest" --plots none -q
ok $? "nested logit runs"
"$RIDERSIM" run "$B" --set period.end=2025-01-31 -o "$tmp/mnl" --plots none -q
n1=$(awk -F, 'END {print $4}' "$tmp/nest/daily.csv"); n0=$(awk -F, 'END {print $4}' "$tmp/mnl/daily.csv")
[ "$n1" != "$n0" ]; ok $? "the nest changes the riders ($n1 vs $n0)"
awk -F, 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} NR>1 && $(c["stranded"]) > $3 {bad=1} END {exit bad}' \
  "$tmp/nest/daily.csv"; ok $? "stranded never exceeds riders (nested)"
# bad input: an unknown mode and lambda outside (0, 1], with positions
"$RIDERSIM" check "$SRC/tests/data/segments/bad-nest.yaml" 2> "$tmp/err" > /dev/null
ok $([ $? = 1 ] && echo 0 || echo 1) "a bad nest is refused"
grep -q "bad-nest.yaml:4:.*unknown mode 'trams'" "$tmp/err"; ok $? "unknown mode reported with its position"
grep -q "bad-nest.yaml:4:.*'choice.nest.lambda' must be in" "$tmp/err"; ok $? "lambda out of range reported"
checks_done
