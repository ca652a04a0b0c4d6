#!/usr/bin/env bash
# The baseline day through the command line: conservation, reproducibility,
# --set, and output-directory safety.
. "$SRC/tests/cli_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
val() { awk -v k="$1:" '$1 == k {print $2}' "$2"; }
day="$SRC/scenarios/ziyang/baseline-day.yaml"

"$RIDERSIM" run "$day" -o "$tmp/a" --passengers --plots none -q; ok $? "run exits 0"
riders=$(val riders "$tmp/a/summary.yaml")
delivered=$(val delivered "$tmp/a/summary.yaml")
stranded=$(val stranded "$tmp/a/summary.yaml")
# 30,000 expected trips: a Poisson total, 4 sigma = 693
[ "$riders" -gt 29300 ] && [ "$riders" -lt 30700 ]; ok $? "riders $riders near 30000"
[ $((delivered + stranded)) = "$riders" ]; ok $? "delivered + stranded = riders"
rows=$(($(wc -l < "$tmp/a/passengers.csv") - 1))
[ "$rows" = "$riders" ]; ok $? "one passengers.csv row per rider ($rows)"

"$RIDERSIM" run "$day" -o "$tmp/b" --passengers --plots none -q
for f in summary.yaml trains.csv stations.csv sections.csv passengers.csv; do
  cmp -s "$tmp/a/$f" "$tmp/b/$f"; ok $? "same seed, same $f"
done
"$RIDERSIM" run "$day" -o "$tmp/c" --set seed=7 --plots none -q
cmp -s "$tmp/a/summary.yaml" "$tmp/c/summary.yaml"; [ $? != 0 ]; ok $? "another seed, another result"

# A run into a directory of foreign files is refused and touches nothing.
mkdir "$tmp/foreign"; echo keep > "$tmp/foreign/notes.txt"
"$RIDERSIM" run "$day" -o "$tmp/foreign" --plots none -q 2>/dev/null; [ $? = 3 ]; ok $? "foreign dir refused"
[ "$(ls -A "$tmp/foreign")" = "notes.txt" ]; ok $? "foreign dir untouched"
# A run into an earlier run's directory replaces it whole: no stale passengers.csv.
"$RIDERSIM" run "$day" -o "$tmp/a" --plots none -q; ok $? "rerun into a run dir"
[ ! -e "$tmp/a/passengers.csv" ]; ok $? "earlier run's files replaced as a whole"
ls "$tmp" | grep -q 'staging\|old-'; [ $? != 0 ]; ok $? "no staging leftovers"

# Leftovers of a run killed between the two renames of a commit (no DIR, DIR.old-ID
# holding the earlier run) and a killed run's staging directory (its marker inside):
# the earlier run is put back, then replaced whole; the staging leftover is removed.
# Folders that merely look like leftovers (no marker, or a link) are never touched.
mv "$tmp/a" "$tmp/a.old-0123456789abcdef"
mkdir "$tmp/a.staging-fedcba9876543210"; touch "$tmp/a.staging-fedcba9876543210/half.csv"
printf 'ridersim-output 2\nkind: run\nid: fedcba9876543210\n' > "$tmp/a.staging-fedcba9876543210/.ridersim-run"
mkdir "$tmp/a.old-12345" "$tmp/a.staging-aaaaaaaaaaaaaaaa"; echo mine > "$tmp/a.old-12345/x"
echo mine > "$tmp/a.staging-aaaaaaaaaaaaaaaa/x"
"$RIDERSIM" run "$day" -o "$tmp/a" --plots none -q; ok $? "run after a killed run's leftovers"
[ -e "$tmp/a/summary.yaml" ] && [ ! -e "$tmp/a.old-0123456789abcdef" ] && [ ! -e "$tmp/a.staging-fedcba9876543210" ]
ok $? "leftovers of a dead run recovered and removed"
[ "$(cat "$tmp/a.old-12345/x" "$tmp/a.staging-aaaaaaaaaaaaaaaa/x")" = "$(printf 'mine\nmine')" ]
ok $? "look-alike folders without a marker are left alone"
rm -rf "$tmp/a.old-12345" "$tmp/a.staging-aaaaaaaaaaaaaaaa"

# -o into directories that do not exist yet (the README's out/day examples).
"$RIDERSIM" run "$day" -o "$tmp/new/deeper/run" --plots none -q && [ -e "$tmp/new/deeper/run/summary.yaml" ]
ok $? "missing parent directories are created"

"$RIDERSIM" --version | grep -q '^ridersim [0-9]'; ok $? "--version"
"$RIDERSIM" run --help | grep -q 'usage: ridersim run'; ok $? "run --help"
"$RIDERSIM" run --bogus 2>/dev/null; [ $? = 2 ]; ok $? "unknown option exits 2"
checks_done
