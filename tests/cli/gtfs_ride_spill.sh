#!/usr/bin/env bash
# run --export gtfs-ride spills every train at every stop of every day to an
# unnamed temporary file in $TMPDIR (src/sim/sim_ride.c, issue 17). It leaves
# nothing there, and a temporary file that cannot be created or written fails
# the run (exit 3) with the reason, writing no output folder.
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_ridespill.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT

# A week: its records go through a temporary folder of its own, which is empty
# afterwards (the file had no name), and the feed is written.
mkdir "$t/tmp"
TMPDIR="$t/tmp" "$RIDERSIM" run -q --plots none --export gtfs-ride --set period.end=2024-10-05 \
  -o "$t/week" >/dev/null 2>"$t/week.err"
ok $? "a week with gtfs-ride exits 0 ($(head -n 3 "$t/week.err"))"
[ -z "$(ls -A "$t/tmp")" ]; ok $? "nothing left in TMPDIR: $(ls -A "$t/tmp" | head -n 3)"
grep -q '^4,20240929,20241005,' "$t/week/gtfs-ride/ride_feed_info.txt"
ok $? "the week's feed runs 2024-09-29 to 2024-10-05"

# TMPDIR names a folder that does not exist: no silent fallback elsewhere.
TMPDIR="$t/none" "$RIDERSIM" run -q --plots none --export gtfs-ride --set period.end=2024-10-05 \
  -o "$t/a" >/dev/null 2>"$t/a.err"
[ $? = 3 ]; ok $? "a TMPDIR that does not exist: exit 3"
grep -q "$t/none: cannot create a temporary file for the GTFS-Ride records" "$t/a.err"
ok $? "the message names the folder ($(head -n 3 "$t/a.err"))"
[ ! -e "$t/a" ]; ok $? "no output folder written"

# A write that fails mid-run, as on a full disk: a file-size limit of 1 MiB
# (SIGXFSZ ignored, so write() fails with EFBIG). Six months of the baseline
# are 183 days of about 980 stop calls of 40 bytes: about 7 MB of records,
# well past the limit; the outputs themselves come only after the run.
(trap '' XFSZ; ulimit -f 1024; exec "$RIDERSIM" run -q --plots none --export gtfs-ride \
  --set period.end=2025-03-31 -o "$t/b" >/dev/null 2>"$t/b.err")
[ $? = 3 ]; ok $? "a failed write of the records: exit 3"
grep -q "cannot write the GTFS-Ride records to their temporary file" "$t/b.err"
ok $? "the message says so ($(head -n 3 "$t/b.err"))"
[ ! -e "$t/b" ]; ok $? "no output folder written"

# The same with replications: replication 0 keeps the records, and its
# reason is told, not only that the run failed.
TMPDIR="$t/none" "$RIDERSIM" run -q --plots none --export gtfs-ride --replications 2 \
  --set period.end=2024-10-05 -o "$t/c" >/dev/null 2>"$t/c.err"
[ $? = 3 ]; ok $? "replications, a TMPDIR that does not exist: exit 3"
grep -q "$t/none: cannot create a temporary file for the GTFS-Ride records" "$t/c.err"
ok $? "replications: the message names the folder ($(head -n 3 "$t/c.err"))"
[ ! -e "$t/c" ]; ok $? "replications: no output folder written"

# A file system without O_TMPFILE (a preloaded shim refuses it): the fallback,
# a named file unlinked at once, gives the same feed and leaves nothing.
if [ -n "${RS_SHIM_NO_TMPFILE:-}" ] && [ -f "$RS_SHIM_NO_TMPFILE" ]; then
  mkdir "$t/tmp2"
  TMPDIR="$t/tmp2" LD_PRELOAD="$RS_SHIM_NO_TMPFILE" "$RIDERSIM" run -q --plots none \
    --export gtfs-ride --set period.end=2024-10-05 -o "$t/week2" >/dev/null 2>"$t/week2.err"
  ok $? "without O_TMPFILE: exits 0 ($(head -n 3 "$t/week2.err"))"
  [ -z "$(ls -A "$t/tmp2")" ]; ok $? "without O_TMPFILE: nothing left in TMPDIR: $(ls -A "$t/tmp2")"
  diff -r "$t/week/gtfs-ride" "$t/week2/gtfs-ride" >/dev/null
  ok $? "without O_TMPFILE: the same feed"
else
  echo "  (no shim: the fallback without O_TMPFILE is not exercised)"
fi

checks_done
