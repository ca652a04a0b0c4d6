#!/usr/bin/env bash
# Memory is flat in the period's length (issue 17): the peak resident memory of
# a 20-year run of the baseline minus that of a 1-year run stays within what
# the daily tables need, which are proportional to the days by nature.
#
# Per simulated day the run keeps one daily.csv row (rs__daily_row,
# src/sim/results.h): 15 doubles (riders, cumulative, 4 purposes, passenger-km,
# 4 wait and ride figures, denied, stranded, max load factor, revenue,
# train-km) = 120 bytes, the date and day type (2 x 4 bytes), the season id
# (32 bytes) and the calendar flag (4 bytes, padded to 8 before the doubles
# that follow) = 168 bytes; and each station's boardings and alightings of the
# day (daily_board, daily_alight: 2 x 6 stations x 8 bytes = 96 bytes). So 264
# bytes a day. A 20-year run (2024-09-29 to 2044-09-28, 7,305 days) has 6,940
# days more than a 1-year one (365 days): 1,832,160 bytes, 1,789 KiB. Allowed
# on top: 512 KiB for the calendar's projected years (a few holidays a year)
# and the allocator: the same run's peak moves by up to ~300 KiB from run to
# run (heap layout), so the 1-year figure is the median of three runs (the
# 20-year one moved by under 70 KiB in five). Anything else kept per day (a
# second copy of the rows, a per-day buffer in the writers) breaks the bound:
# 76 bytes a day more is 512 KiB over 6,940 days.
#
# Demand growth is set to 0 so that the busiest day (the opening week, 76,000
# riders) is the same in both runs: the engine's workspaces follow the busiest
# day's passengers (docs/performance.md), which is demand, not the period.
# Charts are off (--plots none): drawing is measured in docs/performance.md.
# Skipped without GNU time or in sanitizer builds (their shadow memory is not
# the program's). Not a timed test: memory is deterministic, time is not.
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
  echo "SKIP: GNU time (/usr/bin/time -f %M) not installed"
  echo "0 passed, 0 failed"
  exit 0
fi
if [ -n "${BUILD:-}" ] && grep -q '^RS_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "SKIP: sanitizer build (its shadow memory is not the program's)"
  echo "0 passed, 0 failed"
  exit 0
fi
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_memflat.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT

# Peak RSS in KiB of a run of the baseline to END, into $t/END.
peak() {
  /usr/bin/time -o "$t/$1.kb" -f %M "$RIDERSIM" run -q -j1 --plots none \
    --set market.growth=0 --set "period.end=$1" -o "$t/$1" >/dev/null 2>"$t/$1.err" || return 1
  cat "$t/$1.kb"
}
three=$(peak 2025-09-28 && peak 2025-09-28 && peak 2025-09-28)
kb1=$(printf '%s\n' "$three" | sort -n | sed -n 2p)
[ "$(printf '%s\n' "$three" | grep -c '^[0-9][0-9]*$')" = 3 ]
ok $? "the 1-year runs succeed ($(head -n 3 "$t/2025-09-28.err" 2>/dev/null))"
kb20=$(peak 2044-09-28)
ok $? "the 20-year run succeeds ($(head -n 3 "$t/2044-09-28.err" 2>/dev/null))"
rows1=$(($(wc -l < "$t/2025-09-28/daily.csv") - 1))
rows20=$(($(wc -l < "$t/2044-09-28/daily.csv") - 1))
[ "$rows1" = 365 ] && [ "$rows20" = 7305 ]
ok $? "the runs simulated 365 and 7,305 days (daily.csv: $rows1 and $rows20 rows)"
# A broken measurement (0, or a few KiB) must not pass as flat memory.
[ "${kb1:-0}" -gt 4096 ] && [ "${kb20:-0}" -gt 4096 ]
ok $? "peak RSS measured: ${kb1:-?} KiB and ${kb20:-?} KiB"

bound=$(( (6940 * 264 + 1023) / 1024 + 512 ))
grow=$(( ${kb20:-0} - ${kb1:-0} ))
[ "$grow" -le "$bound" ]
ok $? "20 years minus 1 year: $grow KiB, at most $bound KiB (264 bytes a day + 512 KiB)"
echo "peak RSS: 1 year $kb1 KiB, 20 years $kb20 KiB: +$grow KiB, $(( grow * 1024 / 6940 )) bytes a day"

rm -rf "$t/2025-09-28" "$t/2044-09-28"

# The same with --export gtfs-ride, which writes every train at every stop of
# every day (981 stop calls a baseline day): the records go to an unnamed
# temporary file day by day (src/sim/sim_ride.c), so the run keeps only that
# file's buffer (64 KiB) and, while writing ridership.txt, one day's stop
# calls, whatever the period. Before, it kept 40 bytes a stop call and 36 a
# train in memory: 39,276 bytes a day, 123 MiB over the 3,287 days between a
# 1-year run (365 days) and a 10-year one (2024-09-29 to 2034-09-28: 3,650
# days and the leap days of 2028 and 2032, 3,652). The bound is the daily
# tables' 264 bytes a day plus the same 512 KiB as above.
ride() {
  /usr/bin/time -o "$t/r$1.kb" -f %M "$RIDERSIM" run -q -j1 --plots none --export gtfs-ride \
    --set market.growth=0 --set "period.end=$1" -o "$t/r$1" >/dev/null 2>"$t/r$1.err" || return 1
  cat "$t/r$1.kb"
}
three=$(ride 2025-09-28 && ride 2025-09-28 && ride 2025-09-28)
rkb1=$(printf '%s\n' "$three" | sort -n | sed -n 2p)
[ "$(printf '%s\n' "$three" | grep -c '^[0-9][0-9]*$')" = 3 ]
ok $? "the 1-year gtfs-ride runs succeed ($(head -n 3 "$t/r2025-09-28.err" 2>/dev/null))"
rkb10=$(ride 2034-09-28)
ok $? "the 10-year gtfs-ride run succeeds ($(head -n 3 "$t/r2034-09-28.err" 2>/dev/null))"
grep -q '^4,20240929,20250928,' "$t/r2025-09-28/gtfs-ride/ride_feed_info.txt" &&
  grep -q '^4,20240929,20340928,' "$t/r2034-09-28/gtfs-ride/ride_feed_info.txt"
ok $? "the GTFS-Ride feeds cover 2024-09-29 to 2025-09-28 and to 2034-09-28"
rdays=$(($(wc -l < "$t/r2034-09-28/daily.csv") - 1))
[ "$rdays" = 3652 ]; ok $? "the 10-year run simulated 3,652 days (daily.csv: $rdays rows)"
# Every day's rows are in board_alight.txt: at least one stop call a day.
rdates=$(awk -F, 'NR > 1 {print $11}' "$t/r2034-09-28/gtfs-ride/board_alight.txt" | uniq | wc -l)
[ "$rdates" = 3652 ]; ok $? "board_alight.txt has the 3,652 service dates (got $rdates)"
[ "${rkb1:-0}" -gt 4096 ] && [ "${rkb10:-0}" -gt 4096 ]
ok $? "peak RSS measured (gtfs-ride): ${rkb1:-?} KiB and ${rkb10:-?} KiB"
rbound=$(( (3287 * 264 + 1023) / 1024 + 512 ))
rgrow=$(( ${rkb10:-0} - ${rkb1:-0} ))
[ "$rgrow" -le "$rbound" ]
ok $? "gtfs-ride, 10 years minus 1 year: $rgrow KiB, at most $rbound KiB (264 bytes a day + 512 KiB)"
echo "peak RSS with gtfs-ride: 1 year $rkb1 KiB, 10 years $rkb10 KiB: +$rgrow KiB"

checks_done
