#!/usr/bin/env bash
# Trip ids kept in the arena (issue 17) come out of passengers.csv exactly as
# given, quoted per RFC 4180 when they hold a comma, a quote or a newline, and
# read back by an independent reader (Python's csv module). The trips of
# tests/data/small with new ids: 31 bytes (the longest allowed), a comma, quotes,
# a newline, UTF-8. Every trip is delivered or stranded by the small timetable,
# and passengers.csv lists them all.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cp "$SRC/tests/data/small/small.yaml" "$SRC/tests/data/small/departures.csv" "$out/"
# tests/data/small/trips.csv with the ids replaced, row by row (times and stations kept)
python3 - "$SRC/tests/data/small/trips.csv" "$out/trips.csv" "$out/want.txt" <<'PY'
import csv, sys
ids = ["abcdefghijklmnopqrstuvwxyz01234", "x,y", 'say "hi"', "two\nlines",
       "资阳", "plain", "p7", "-", "_9"]
rows = list(csv.reader(open(sys.argv[1], newline='')))
head, body = rows[0], rows[1:]
assert len(body) == len(ids), len(body)
k = head.index("id")
with open(sys.argv[2], "w", newline='') as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head)
    for r, i in zip(body, ids):
        r[k] = i
        w.writerow(r)
open(sys.argv[3], "w").write(repr(sorted(ids)))
PY
ok $? "trips written"
"$RIDERSIM" run "$out/small.yaml" -o "$out/run" --passengers --plots none -q
ok $? "run exits 0"
python3 - "$out/run/passengers.csv" "$out/want.txt" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
got = sorted(r[0] for r in rows[1:])
want = open(sys.argv[2]).read()
sys.exit(0 if repr(got) == want else print("got", repr(got), "want", want) or 1)
PY
ok $? "passengers.csv ids read back exactly"
# the raw bytes: a comma or a quote makes a quoted field, quotes doubled
grep -q '^"x,y",' "$out/run/passengers.csv"; ok $? "comma quoted"
grep -q '^"say ""hi""",' "$out/run/passengers.csv"; ok $? "quotes doubled"
grep -q '^abcdefghijklmnopqrstuvwxyz01234,' "$out/run/passengers.csv"; ok $? "31-byte id unquoted"
checks_done
