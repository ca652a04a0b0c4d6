#!/usr/bin/env bash
# Learning that is stable (issue 13), every passenger simulated:
# (1) an evening closure (15:00 to the end of service, Wednesday 2025-01-08):
#     riders on 01-09 at least 90% of the same day without it, a week later
#     (01-15) at least 98%;
# (2) a whole-day closure of 2025-01-08 at learning rates 0.3 and 1.0: a week
#     later at least 95%, a month later (2025-02-08) at least 98% -- and never
#     0 riders again (the lock-in the issue reports);
# (3) an overloaded line (trains of 150, comfort 100, double market) at learning
#     rate 1.0 does not oscillate. Oscillation, measured: on consecutive
#     workdays Tue-Fri (same timetable, same day type) the day-to-day change of
#     riders reverses its sign with both changes above 2%. Plain exponential
#     smoothing at rate 1 gives that every day here (riders swing 37,000 <->
#     55,000, +-20%, measured before the damping); the damped update must give
#     none after the first week, in both modes.
# The bars are the issue's. Base and closure runs share every day's random
# stream (common random numbers), so a ratio's noise is far below the margins.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
D="$SRC/tests/data/learning" B="$SRC/scenarios/ziyang/baseline.yaml"
per=(--set period.start=2024-12-16 --set period.end=2025-02-10)

run() { # NAME FILE LEARNING [ARGS...]
  local name=$1 file=$2 a=$3; shift 3
  "$RIDERSIM" run "$file" "${per[@]}" --set choice.learning="$a" -o "$out/$name" --plots none -q "$@"
  ok $? "$name runs"
}
ratio() { # CLOSURE BASE DATE -> percent
  local x y
  x=$(awk -F, -v d="$3" '$1==d {print $3}' "$out/$1/daily.csv")
  y=$(awk -F, -v d="$3" '$1==d {print $3}' "$out/$2/daily.csv")
  awk -v x="$x" -v y="$y" 'BEGIN {printf "%.2f", 100 * x / y}'
}
atleast() { awk -v x="$1" -v m="$2" 'BEGIN {exit !(x >= m)}'; }

run base03 "$B" 0.3
run base10 "$B" 1.0
run evening "$D/evening-closure.yaml" 0.3
run whole03 "$D/whole-day-closure.yaml" 0.3
run whole10 "$D/whole-day-closure.yaml" 1.0

r=$(ratio evening base03 2025-01-09); atleast "$r" 90; ok $? "evening closure: 01-09 at $r% (>= 90%)"
r=$(ratio evening base03 2025-01-15); atleast "$r" 98; ok $? "evening closure: 01-15 at $r% (>= 98%)"
for a in 03 10; do
  rate=${a:0:1}.${a:1:1}
  r=$(ratio whole$a base$a 2025-01-15); atleast "$r" 95; ok $? "whole-day closure, rate $rate: 01-15 at $r% (>= 95%)"
  r=$(ratio whole$a base$a 2025-02-08); atleast "$r" 98; ok $? "whole-day closure, rate $rate: 02-08 at $r% (>= 98%)"
  awk -F, 'NR>1 && $1>"2025-01-08" && $3<1000 {bad=1} END {exit bad}' "$out/whole$a/daily.csv"
  ok $? "whole-day closure, rate $rate: riders every later day (no lock-in)"
done
# The closure day itself: nobody carried, everyone accounted for as stranded.
awk -F, 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} $1=="2025-01-08" {exit !($3 > 0 && $(c["stranded"]) == $3)}' \
  "$out/whole03/daily.csv"; ok $? "whole-day closure: every rider of 01-08 stranded"

# (3) Oscillation on an overloaded line, learning rate 1.
reversals() { # DAILY.CSV: reversals of > 2% changes on consecutive workdays after 03-08
  # (daily.csv has one row per date, so consecutive workday rows are consecutive
  # days; a Monday follows a weekend row and is left out)
  awk -F, 'NR>1 {
      if ($1 >= "2025-03-08" && $2 == "workday" && ptype == "workday") {
        dl = ($3 - prev) / prev
        if (havel && ((dl > 0.02 && last < -0.02) || (dl < -0.02 && last > 0.02))) n++
        last = dl; havel = 1
      } else havel = 0
      prev = $3; ptype = $2
    } END {print n + 0}' "$1"
}
ov=(--set period.start=2025-03-01 --set period.end=2025-04-02 --set trains.capacity=150
    --set trains.comfort_capacity=100 --set market.scale=2 --set choice.learning=1.0)
for m in engine expected; do
  flag=(); [ $m = expected ] && flag=(--expected)
  "$RIDERSIM" run "$B" "${ov[@]}" "${flag[@]}" -o "$out/ov-$m" --plots none -q
  ok $? "overloaded line runs ($m)"
  n=$(reversals "$out/ov-$m/daily.csv")
  [ "$n" = 0 ]; ok $? "overloaded line, learning 1.0 ($m): $n day-to-day reversals above 2%"
  awk -F, 'NR==1 {for (i=1;i<=NF;i++) if ($i=="denied") k=i; next} $k > 0 {n++} END {exit !(n > 20)}' \
    "$out/ov-$m/daily.csv"; ok $? "the line is overloaded ($m: refusals every workday)"
done
checks_done
