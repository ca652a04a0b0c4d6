#!/usr/bin/env bash
# One model, two speeds (issue 13): the expected-value mode (--expected) is the
# expectation of the passenger engine. For every scenario of scenarios/ziyang
# (baseline and every what-if), both modes over a period that holds what the
# scenario changes (short, to keep the test quick): riders of every calendar year
# within 0.5%, boardings of every station over the period within 3%. The engine's
# own noise is Poisson: sd = sqrt(N), 0.03% of the ~4.6 million riders of the
# baseline's first six months and under 0.1% of a station's boardings over them,
# so the bars test the model, not the noise. Lujia opening 2026-01-01, January
# 2026: riders within 1%, Lujia boardings within 5% (a station that opens during
# the run). A figure the fast mode does not compute (wait percentiles) is n/a or
# empty, never 0.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
Z="$SRC/scenarios/ziyang"

# Per year: riders of A and B; per station: boardings. Prints the worst
# relative differences (percent) and exits non-zero when a bar is missed.
agree() {
  awk -F, -v A="$1" -v name="$2" '
    FNR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^board_/) col[i] = $i; next }
    { y = substr($1, 1, 4)
      if (FILENAME == A) { ra[y] += $3; for (i in col) ba[i] += $i }
      else { rb[y] += $3; for (i in col) bb[i] += $i } }
    function abs(x) { return x < 0 ? -x : x }
    END {
      wr = 0; wb = 0
      for (y in ra) if (ra[y] > 0) { e = abs(rb[y] - ra[y]) / ra[y] * 100; if (e > wr) { wr = e; wy = y } }
      for (i in col) if (ba[i] > 0) { e = abs(bb[i] - ba[i]) / ba[i] * 100; if (e > wb) { wb = e; ws = col[i] } }
      printf "%s: riders worst %.3f%% (%s), boardings worst %.2f%% (%s)\n", name, wr, wy, wb, ws
      exit !(wr <= 0.5 && wb <= 3)
    }' "$1" "$3"
}

n=0
for f in "$Z"/baseline.yaml "$Z"/whatif/*.yaml; do
  name=$(basename "$f" .yaml)
  case $name in # the opening ramp-up, or the months the what-if acts on
    theme-park-2025) p=(--set period.start=2025-05-01 --set period.end=2025-07-31) ;;
    lujia-opens) p=(--set period.start=2025-11-01 --set period.end=2026-02-28) ;;
    hsr-middle-line) p=(--set period.start=2026-06-01 --set period.end=2026-07-31) ;;
    *) p=(--set period.end=2025-03-31) ;;
  esac
  "$RIDERSIM" run "$f" "${p[@]}" -o "$out/$name-e" --plots none -q; ok $? "$name runs (engine)"
  "$RIDERSIM" run "$f" "${p[@]}" -o "$out/$name-x" --plots none -q --expected
  ok $? "$name runs (--expected)"
  agree "$out/$name-e/daily.csv" "$name" "$out/$name-x/daily.csv"
  ok $? "$name: yearly riders within 0.5%, station boardings within 3%"
  # counts are never negative: the fluid's last alightings leave no "-0" load
  ! grep -q ',-0' "$out/$name-x/trains.csv"; ok $? "$name --expected: no negative count in trains.csv"
  n=$((n + 1))
done
[ "$n" -ge 11 ]; ok $? "baseline and the 10 what-ifs ($n)"

# The corridor before the line: no riders either way.
"$RIDERSIM" run "$Z/without-line.yaml" -o "$out/wl-e" --plots none -q &&
  "$RIDERSIM" run "$Z/without-line.yaml" -o "$out/wl-x" --plots none -q --expected
ok $? "without-line runs in both modes"
[ "$(awk -F, 'NR>1 {s+=$3} END {print s+0}' "$out/wl-e/daily.csv")" = \
  "$(awk -F, 'NR>1 {s+=$3} END {print s+0}' "$out/wl-x/daily.csv")" ]
ok $? "without-line: the same riders in both modes"

# The one-day baseline (a fixed OD list, 30,000 trips): fast mode gives exactly
# the expected 30,000; the engine's mean over 8 replications is within 0.5%
# (its sd is sqrt(30000)/sqrt(8) = 61, 0.2%).
"$RIDERSIM" run "$Z/baseline-day.yaml" -o "$out/day-x" --plots none -q --expected
ok $? "baseline-day runs (--expected)"
grep -qx 'riders: 30000' "$out/day-x/summary.yaml"; ok $? "baseline-day --expected: 30000 riders"
"$RIDERSIM" run "$Z/baseline-day.yaml" -o "$out/day-e" --plots none -q --replications 8
r=$(awk '/^riders:/ {print $2}' "$out/day-e/summary.yaml")
awk -v r="$r" 'BEGIN { e = (r - 30000) / 30000; exit !(e < 0.005 && e > -0.005) }'
ok $? "baseline-day engine mean riders $r within 0.5% of 30000"

# Lujia, January 2026.
jan() { awk -F, -v c="$2" 'NR==1 {for (i=1;i<=NF;i++) if ($i==c) k=i; next}
  $1>="2026-01-01" && $1<="2026-01-31" {s+=$k; n++} END {printf "%.1f", s/n}' "$1"; }
le="$out/lujia-opens-e/daily.csv" lx="$out/lujia-opens-x/daily.csv"
re=$(jan "$le" riders) rx=$(jan "$lx" riders) be=$(jan "$le" board_lujia) bx=$(jan "$lx" board_lujia)
echo "lujia-opens, January 2026: riders/day engine $re, fast $rx; Lujia boardings/day engine $be, fast $bx"
awk -v a="$re" -v b="$rx" 'BEGIN { e = (b - a) / a; exit !(e < 0.01 && e > -0.01) }'
ok $? "Lujia January 2026 riders: fast $rx within 1% of the engine's $re"
awk -v a="$be" -v b="$bx" 'BEGIN { e = (b - a) / a; exit !(a > 500 && e < 0.05 && e > -0.05) }'
ok $? "Lujia January 2026 Lujia boardings: fast $bx within 5% of the engine's $be"

# Figures fast mode does not compute: n/a (summary), empty (daily.csv), not 0.
grep -qx 'p95_wait_s: n/a' "$out/baseline-x/summary.yaml"; ok $? "summary.yaml p95_wait_s: n/a"
awk -F, 'NR==1 {for (i=1;i<=NF;i++) if ($i=="p95_wait_s") k=i; next} $k != "" {bad=1} END {exit bad}' \
  "$out/baseline-x/daily.csv"; ok $? "daily.csv p95_wait_s empty in fast mode"
# ... and what it does compute is not 0: waits, rides and loads of the expected riders.
awk -F, 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i; next}
  !($(c["mean_wait_s"]) > 60 && $(c["mean_ride_s"]) > 300 && $(c["max_load_factor"]) > 0) {bad=1}
  END {exit bad}' "$out/baseline-x/daily.csv"
ok $? "fast mode: mean wait, mean ride and load factor computed every day"
checks_done
