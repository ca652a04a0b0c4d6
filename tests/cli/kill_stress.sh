#!/usr/bin/env bash
# The bar of issue 14: 20 runs killed with SIGKILL at random moments and 10
# pairs of concurrent writers, into one output folder. After every kill and
# every pair the folder holds one whole run (byte for byte one of the two
# reference runs, the marker aside: it holds each run's own id), a loser says
# why ("... is being written by another ridersim (pid N)", exit 3, N the
# winner), and a later run leaves no staging directory nor lock file behind.
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
R="$RIDERSIM"
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_stress.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
day="${SRC:?}/scenarios/ziyang/baseline-day.yaml"
# Two runs of different content: A (one day, with passengers.csv) and B (a month).
A=(run "$day" --passengers --plots none -q)
B=(run --set period.end=2024-10-31 --plots none -q)
"$R" "${A[@]}" -o refA; ok $? "reference run A"
start=$(now_ms)
"$R" "${B[@]}" -o refB; ok $? "reference run B"
T=$(( $(now_ms) - start )); [ "$T" -lt 50 ] && T=50
same() { diff -r -x .ridersim-run "$1" "$2" >/dev/null 2>&1; }
whole() { [ -d out ] && { same out refA || same out refB; }; }

# 20 kills at random moments between the start and 130% of B's length; the
# runs alternate between A and B so each kill can change the folder's content.
RANDOM=14
"$R" "${A[@]}" -o out
n_a=0 n_b=0
for i in $(seq 1 20); do
  if [ $((i % 2)) = 0 ]; then cmd=("${A[@]}"); else cmd=("${B[@]}"); fi
  delay=$(( RANDOM % (T * 13 / 10 + 1) ))
  "$R" "${cmd[@]}" -o out 2>/dev/null & pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if whole; then
    ok 0 ""; if same out refA; then n_a=$((n_a + 1)); else n_b=$((n_b + 1)); fi
  else
    ok 1 "kill $i at ${delay} ms: out/ is not one whole run"; ls -a out 2>&1 | head -5
  fi
done
echo "20 kills at random moments of ${T} ms: out/ held run A ${n_a} times, run B ${n_b} times"
"$R" "${A[@]}" -o out; ok $? "a run after the kills succeeds"
same out refA; ok $? "... and holds exactly its own output"
[ -z "$(ls -A | grep -E '^out\.(staging|old)-|^\.out\.lock$')" ]
ok $? "... and no staging, backup or lock file of the killed runs is left: $(ls -A | grep -E "^out\.|^\.out")"

# 10 pairs of writers started together; whoever locks first writes.
for i in $(seq 1 10); do
  "$R" "${B[@]}" -o pair 2>e1 & p1=$!
  "$R" "${A[@]}" -o pair 2>e2 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  good=1
  if [ $r1 != 0 ] && [ $r2 != 0 ]; then good=0; fi
  [ $r1 = 0 ] || { [ $r1 = 3 ] && grep -q "pair is being written by another ridersim (pid $p2)" e1; } || good=0
  [ $r2 = 0 ] || { [ $r2 = 3 ] && grep -q "pair is being written by another ridersim (pid $p1)" e2; } || good=0
  { same pair refA || same pair refB; } || good=0
  [ $r1 != 0 ] || [ $r2 != 0 ] && losers=$(( ${losers:-0} + 1 ))
  [ $good = 1 ]; ok $? "pair $i: exits $r1 and $r2, pair/ one whole run, the loser says why ($(cat e1 e2))"
done
echo "10 pairs of concurrent writers: ${losers:-0} with a loser (the others did not overlap)"
[ "${losers:-0}" -ge 5 ]; ok $? "most pairs overlapped (the lock was exercised)"
[ -z "$(ls -A | grep -E '^pair\.(staging|old)-|^\.pair\.lock$')" ]; ok $? "no leftovers of the pairs"

checks_done
