#!/usr/bin/env bash
# Charts are drawn by worker processes (src/plots/plots.c): this process and a
# child per further core. A child killed while it draws must fail the command
# (exit 3, the killed child named), with nothing half-written: `ridersim plot`
# keeps the earlier charts byte for byte and leaves no temporary chart behind;
# `ridersim run` over an earlier run keeps that run exactly and leaves no
# staging folder. A child killed after its last chart changes nothing: then
# the command succeeds with every chart whole. Malformed inputs of charts drawn
# by either process are all reported, in chart order.
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_workers.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
if [ "$(nproc)" -lt 2 ]; then
  echo "skip: one core, so charts are drawn by this process alone"
  echo "0 passed, 0 failed"
  exit 0
fi

# Three months of the baseline: six charts, long enough to catch the child.
"$RIDERSIM" run --set period.end=2024-12-31 --set output.detail_date=2024-11-06 -o "$t/r" -q
ok $? "reference run with charts"
( cd "$t/r/plots" && md5sum ./*.png ) > "$t/sums"
cp -a "$t/r" "$t/r.orig"

# Kill the first child of PID with SIGKILL once a temporary chart exists under
# DIR, so that the kill lands while charts are being drawn (a child killed
# before it takes a chart would prove little); 0 when killed.
kill_child() {
  local pid=$1 dir=$2 c
  for _ in $(seq 4000); do
    if [ -n "$(find "$dir" -name '.*.tmp-*' -path '*/plots/*' 2>/dev/null | head -1)" ]; then
      c=$(cat /proc/"$pid"/task/*/children 2>/dev/null | awk '{print $1}')
      if [ -n "$c" ]; then kill -KILL "$c" 2>/dev/null && return 0; fi
    fi
    kill -0 "$pid" 2>/dev/null || return 1
  done
  return 1
}

hits=0
for attempt in 1 2 3 4 5; do
  "$RIDERSIM" plot "$t/r" >/dev/null 2>"$t/err" &
  pid=$!
  kill_child "$pid" "$t/r"; killed=$?
  wait "$pid"; rc=$?
  leftovers=$(ls -A "$t/r/plots" | grep -c tmp)
  if [ $rc = 3 ]; then
    hits=$((hits + 1))
    grep -q "killed by signal 9" "$t/err"; ok $? "plot: the killed worker is reported ($(head -c 300 "$t/err"))"
    ( cd "$t/r/plots" && md5sum -c --quiet "$t/sums" ); ok $? "plot: the earlier charts are kept byte for byte"
  else
    [ $rc = 0 ] && [ "$(ls "$t/r/plots" | grep -c '\.png$')" = 6 ]
    ok $? "plot: a worker killed after its last chart (killed=$killed) changes nothing (exit $rc)"
    ( cd "$t/r/plots" && md5sum -c --quiet "$t/sums" ); ok $? "plot: redrawn charts equal the earlier ones"
  fi
  [ "$leftovers" = 0 ]; ok $? "plot: no temporary chart left ($leftovers)"
done
echo "  plot kills that caught a worker: $hits of 5"
[ $hits -ge 1 ]; ok $? "at least one of five kills caught a worker while it drew ($hits)"

# The instant after a worker creates its temporary chart: a preloaded shim
# (tests/shims/slow_create.c) holds the child there until it is killed. The
# parent must know the file and remove it (it was named before it existed).
if [ -n "${RS_SHIM_SLOW_CREATE:-}" ] && [ -f "$RS_SHIM_SLOW_CREATE" ]; then
  rm -f "$t/created"
  RS_SHIM_CREATE_LOG="$t/created" RS_SHIM_CREATE_PAUSE_MS=5000 LD_PRELOAD="$RS_SHIM_SLOW_CREATE" \
    "$RIDERSIM" plot "$t/r" >/dev/null 2>"$t/err" &
  pid=$!
  for _ in $(seq 500); do [ -s "$t/created" ] && break; sleep 0.01; done
  c=$(awk '{print $1; exit}' "$t/created" 2>/dev/null)
  [ -n "$c" ] && grep -qw "$c" /proc/"$pid"/task/*/children && kill -KILL "$c"
  ok $? "shim: a worker was caught just after creating $(cut -d' ' -f2 "$t/created" 2>/dev/null)"
  wait "$pid"; rc=$?
  [ $rc = 3 ]; ok $? "shim: the killed worker fails the plot (exit $rc)"
  left=$(ls -A "$t/r/plots" | grep tmp)
  [ -z "$left" ]; ok $? "shim: its temporary chart is removed ($left)"
  ( cd "$t/r/plots" && md5sum -c --quiet "$t/sums" ); ok $? "shim: the earlier charts are kept byte for byte"
  rm -f "$t/created"
else
  echo "  (no shim: the instant after a worker's create is left to chance)"
fi

# Each part on its own: a leftover above must not fail the comparisons below.
rm -rf "$t/r" && cp -a "$t/r.orig" "$t/r"
hits=0
for attempt in 1 2 3; do
  "$RIDERSIM" run --set period.end=2024-12-31 --set output.detail_date=2024-11-06 -o "$t/r" -q \
    2>"$t/err" &
  pid=$!
  kill_child "$pid" "$t"; killed=$?
  wait "$pid"; rc=$?
  if [ $rc = 3 ]; then
    hits=$((hits + 1))
    grep -q "killed by signal 9" "$t/err"; ok $? "run: the killed worker is reported"
    diff -r "$t/r" "$t/r.orig" >/dev/null; ok $? "run: the earlier run is kept exactly"
  else
    [ $rc = 0 ] && ( cd "$t/r/plots" && md5sum -c --quiet "$t/sums" )
    ok $? "run: a worker killed after its last chart (killed=$killed) changes nothing (exit $rc)"
  fi
  [ -z "$(ls -A "$t" | grep -v -e '^r$' -e '^r.orig$' -e '^sums$' -e '^err$')" ]
  ok $? "run: no staging folder or lock left beside the output ($(ls -A "$t" | tr '\n' ' '))"
done
echo "  run kills that caught a worker: $hits of 3"
[ $hits -ge 1 ]; ok $? "at least one of three kills caught a run's worker while it drew ($hits)"

# Every chart's input malformed: each chart's message, whichever process drew
# it, in chart order (daily, load-profile, boardings, commute, trains).
cp -a "$t/r.orig" "$t/m"
for f in daily.csv sections.csv stations.csv commute_samples.csv trains.csv; do
  [ -f "$t/m/$f" ] && printf 'a,b\n1,"unterminated\n' > "$t/m/$f"
done
"$RIDERSIM" plot "$t/m" >/dev/null 2>"$t/err"; rc=$?
[ $rc = 1 ]; ok $? "plot with malformed inputs exits 1 (exit $rc)"
order=$(grep -o '/m/[a-z_]*\.csv' "$t/err" | sed 's|/m/||' | awk '!s[$0]++' | tr '\n' ' ')
echo "  reported: $order"
n=$(echo "$order" | wc -w)
[ "$n" -ge 3 ]; ok $? "each malformed chart input is reported ($n)"
sorted=$(for f in $order; do case $f in daily.csv) echo 0;; sections.csv) echo 1;; stations.csv) echo 2;;
  commute_samples.csv) echo 3;; trains.csv) echo 4;; *) echo 9;; esac; done | tr '\n' ' ')
[ "$sorted" = "$(echo $sorted | tr ' ' '\n' | sort -n | tr '\n' ' ')" ]
ok $? "messages in chart order ($sorted)"

checks_done
