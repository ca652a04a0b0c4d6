#!/usr/bin/env bash
# What a run does when no thread can start (tests/shims/no_threads.c:
# pthread_create fails). The door-to-door tables, worked out on threads while
# the days run (src/sim/commute_ahead.c), are computed after the days instead:
# commute.csv, commute_samples.csv and commute.txt byte for byte, in both
# engines (and the same scenario and seed give the same tables twice). The
# charts, whose libraries abort a process that cannot start a thread (pango),
# are not drawn: the run (and a comparison) fails with a message, not a
# crash, and leaves no folder behind.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scen="$SRC/scenarios/ziyang/baseline.yaml"
same() { cmp -s "$1/commute.csv" "$2/commute.csv" && cmp -s "$1/commute_samples.csv" "$2/commute_samples.csv" &&
         cmp -s "$1/commute.txt" "$2/commute.txt"; }

for mode in "" --expected; do
  tag=${mode:-engine}
  "$RIDERSIM" run "$scen" $mode --set period.end=2024-10-20 --plots none -q -o "$out/a$tag"
  ok $? "$tag: run exits 0"
  "$RIDERSIM" run "$scen" $mode --set period.end=2024-10-20 --plots none -q -o "$out/b$tag"
  same "$out/a$tag" "$out/b$tag"; ok $? "$tag: the same tables twice"
  grep -q ',metro,' "$out/a$tag/commute.csv"; ok $? "$tag: metro rows"
  grep -q ',hsr,' "$out/a$tag/commute.csv"; ok $? "$tag: the other modes' rows"
  if [ -n "${RS_SHIM_NO_THREADS:-}" ] && [ -f "$RS_SHIM_NO_THREADS" ]; then
    RS_SHIM_THREAD_LOG="$out/log$tag" LD_PRELOAD="$RS_SHIM_NO_THREADS" \
      "$RIDERSIM" run "$scen" $mode --set period.end=2024-10-20 --plots none -q -o "$out/c$tag"
    ok $? "$tag: without threads, run exits 0"
    [ "$(grep -c refused "$out/log$tag" 2>/dev/null)" -ge 2 ]; ok $? "$tag: both halves were refused a thread"
    same "$out/a$tag" "$out/c$tag"; ok $? "$tag: without threads, the same tables"
    cmp -s "$out/a$tag/daily.csv" "$out/c$tag/daily.csv"; ok $? "$tag: without threads, the same daily.csv"
  fi
done
if [ -n "${RS_SHIM_NO_THREADS:-}" ] && [ -f "$RS_SHIM_NO_THREADS" ]; then
  LD_PRELOAD="$RS_SHIM_NO_THREADS" "$RIDERSIM" run "$scen" --set period.end=2024-10-10 -q \
    -o "$out/charts" > /dev/null 2> "$out/charts.err"
  rc=$?
  [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; ok $? "charts without threads: a failure, not a crash (exit $rc)"
  [ "$(grep -c 'no thread could be started, and the chart libraries need one' "$out/charts.err")" = 1 ]
  ok $? "charts without threads: why told, once for the five charts"
  [ ! -e "$out/charts" ] && ! ls -d "$out"/charts.staging-* > /dev/null 2>&1
  ok $? "charts without threads: no folder left"
  LD_PRELOAD="$RS_SHIM_NO_THREADS" "$RIDERSIM" compare "$scen" "$SRC/scenarios/ziyang/whatif/peak-5min.yaml" \
    --set period.end=2024-10-10 -q -o "$out/cmp" > /dev/null 2> "$out/cmp.err"
  rc=$?
  [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; ok $? "compare's charts without threads: a failure, not a crash (exit $rc)"
  grep -q 'no thread could be started' "$out/cmp.err"; ok $? "compare's charts without threads: why told"
  [ ! -e "$out/cmp" ] && ! ls -d "$out"/cmp.staging-* > /dev/null 2>&1
  ok $? "compare's charts without threads: no folder left"
fi
checks_done
