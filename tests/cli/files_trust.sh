#!/usr/bin/env bash
# Files you can trust (issue 14, docs/robustness.md): ridersim deletes or
# replaces only what it wrote, one writer per folder, each command in a folder
# of its own kind; CSV quoted per RFC 4180; charts committed only when whole;
# inputs that are not regular files refused; names escaped in YAML.
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
R="$RIDERSIM"
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_trust.XXXXXX") || exit 1
mnt=""
cleanup() { [ -n "$mnt" ] && umount "$mnt" 2>/dev/null; rm -rf "$t"; }
trap cleanup EXIT
cd "$t" || exit 1
charts() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"; }
day="${SRC:?}/scenarios/ziyang/baseline-day.yaml"
run_day() { "$R" run "$day" --plots none -q "$@"; }

# --- 1. ownership -----------------------------------------------------------
mkdir victim; echo precious > victim/f
ln -s "$t/victim" out.old-99999
ln -s "$t/victim" out.staging-0123456789abcdef     # named like a leftover, but a link
mkdir results.old-2023; echo mine > results.old-2023/x
for i in 1 2 3; do run_day -o out; done
run_day -o results
ok $? "runs beside planted look-alikes succeed"
[ "$(cat victim/f)" = precious ] && [ -L out.old-99999 ] && [ -L out.staging-0123456789abcdef ]
ok $? "a planted symlink out.old-99999 -> victim/ survives three runs (and victim/ too)"
[ "$(cat results.old-2023/x)" = mine ]; ok $? "a user's results.old-2023/ survives"
[ -z "$(ls -d out.staging-[0-9a-f]*[0-9a-f] 2>/dev/null | grep -v 0123456789abcdef)" ] && [ ! -e .out.lock ]
ok $? "no staging directory nor lock file left after the runs"
grep -q '^kind: run$' out/.ridersim-run && grep -Eq '^id: [0-9a-f]{16}$' out/.ridersim-run
ok $? "the marker names the kind and a 16-digit run id"

ln -s "$t/victim" linked
run_day -o linked 2>err; rc=$?
[ $rc = 3 ] && grep -q "is a symbolic link" err && [ "$(ls victim)" = f ] && [ -L linked ]
ok $? "a symlinked -o is refused (exit $rc), link and target untouched"

mkdir somewhere
for o in . / "$t" ..; do
  (cd somewhere && run_day -o "$o" 2>../err); rc=$?
  [ $rc = 3 ] && grep -q "cannot be an output folder" err; ok $? "-o '$o' (holds the working directory) refused (exit $rc)"
done
[ "$(ls victim)" = f ] && [ -d somewhere ]; ok $? "nothing removed by the refused -o"

run_day -o out/day 2>err; rc=$?
[ $rc = 3 ] && grep -q "is inside out" err && [ ! -e out/day ]; ok $? "-o inside another output refused (exit $rc)"
(cd out && "$R" run "$day" --plots none -q -o day 2>../err); rc=$?
[ $rc = 3 ] && grep -q "is inside $t/out" err && [ ! -e out/day ]; ok $? "-o relative to a working directory inside an output refused (exit $rc)"

# --- 3. kinds of folders ----------------------------------------------------
mkdir user; echo data > user/sweep.csv; echo keep > user/notes
cp -a user user.orig
cat > grid.yaml <<YAML
sweep: 1
name: trust
base: $day
expected: true
method: grid
replications: 1
parameters:
  - key: metro.fare.scale
    values: [0.5, 1.0, 1.5, 2.0]
figures: [riders]
YAML
"$R" sweep grid.yaml -o user -q --plots none 2>err; rc=$?
[ $rc = 3 ] && diff -r user user.orig >/dev/null; ok $? "sweep into a user's folder refused (exit $rc), untouched"
"$R" sweep grid.yaml -o sh -q --plots none --shard 1/2 & s1=$!
"$R" sweep grid.yaml -o sh -q --plots none --shard 2/2; r2=$?
wait $s1; r1=$?
[ $r1 = 0 ] && [ $r2 = 0 ] && [ -f sh/shard-1-of-2.db ] && [ -f sh/shard-2-of-2.db ]
ok $? "two shards at the same moment into one new folder (each locks its own part): $r1 $r2"
"$R" sweep-merge -o user --plots none sh/shard-1-of-2.db sh/shard-2-of-2.db >/dev/null 2>err; rc=$?
[ $rc = 3 ] && diff -r user user.orig >/dev/null; ok $? "sweep-merge into a user's folder refused (exit $rc), untouched"
"$R" sweep-merge -o out --plots none sh/shard-1-of-2.db sh/shard-2-of-2.db >/dev/null 2>err; rc=$?
[ $rc = 3 ] && grep -q "holds the output of 'ridersim run'" err; ok $? "sweep-merge into a run refused (exit $rc)"
cp -a out out.orig
"$R" elasticity "$day" --warmup 0 --expected -q; rc=$?
[ $rc = 0 ] && [ -f out-elasticity/elasticity.csv ] && diff -r out out.orig >/dev/null
ok $? "elasticity with its default folder (exit $rc) leaves the run in out/ intact"
"$R" compare "$day" "$day" -o out --plots none -q 2>err; rc=$?
[ $rc = 3 ] && grep -q "not of 'ridersim compare'" err && diff -r out out.orig >/dev/null
ok $? "compare into a run's folder refused (exit $rc)"

# --- 4. the sweep store and shard rows --------------------------------------
if command -v sqlite3 >/dev/null; then
  for bad in "UPDATE results SET point = -1 WHERE point = 0" \
             "UPDATE results SET point = 100000000 WHERE point = 0" \
             "UPDATE results SET point = 1 WHERE point = 0"; do
    cp sh/shard-1-of-2.db bad.db
    sqlite3 bad.db "$bad"
    rm -rf m; "$R" sweep-merge -o m --plots none bad.db sh/shard-2-of-2.db >/dev/null 2>err; rc=$?
    [ $rc = 1 ] && grep -q "bad.db" err && [ ! -e m/sweep.db ]
    ok $? "sweep-merge refuses a shard row changed by '$bad' (exit $rc): $(head -c 120 err)"
  done
  cp sh/shard-1-of-2.db bad.db   # an in-range row moved to another point of its shard
  sqlite3 bad.db "DELETE FROM results WHERE point = 2; UPDATE results SET point = 2 WHERE point = 0"
  rm -rf m; "$R" sweep-merge -o m --plots none bad.db sh/shard-2-of-2.db >/dev/null 2>err; rc=$?
  [ $rc = 1 ] && grep -q "row 1 (point 2): metro.fare.scale = 0.5, but the spec grid.yaml gives point 2 metro.fare.scale = 1.5" err
  ok $? "sweep-merge refuses an in-range row moved to another point (exit $rc)"
  "$R" sweep grid.yaml -o sw -q --plots none; ok $? "a whole sweep"
  sqlite3 sw/sweep.db "INSERT INTO results (point, replication, \"metro.fare.scale\", riders) VALUES (7, 0, 1, 1)"
  "$R" sweep grid.yaml -o sw -q --plots none --resume 2>err; rc=$?
  [ $rc = 1 ] && grep -q "point 7, replication 0" err; ok $? "a stray row in sweep.db is named (exit $rc)"
  rm -rf sw; "$R" sweep grid.yaml -o sw -q --plots none
  sz=$(stat -c %s sw/sweep.db); truncate -s $((sz / 2)) sw/sweep.db; rm -f sw/sweep.db-wal sw/sweep.db-shm
  "$R" sweep grid.yaml -o sw -q --plots none --resume 2>err; rc=$?
  [ $rc != 0 ] && grep -q "sweep.db" err; ok $? "a truncated sweep.db is an error, not a restart (exit $rc)"
else
  echo "skip: sqlite3 missing (shard row checks)"
fi

# --- 2. one writer at a time ------------------------------------------------
"$R" run --set period.end=2025-06-30 -o big --plots none -q & first=$!
for _ in $(seq 1000); do [ -e .big.lock ] && break; sleep 0.02; done
run_day -o big 2>err; rc=$?
grep -q "big is being written by another ridersim (pid $first)" err && [ $rc = 3 ]
ok $? "a second writer is refused at once (exit $rc): $(cat err)"
wait $first; ok $? "the first writer completes"
sed -e 's/expected: true/expected: false/' -e 's/replications: 1/replications: 4/' grid.yaml > slow.yaml
"$R" sweep slow.yaml -o sw2 -q --plots none -j 1 & first=$!
for _ in $(seq 1000); do [ -e .sw2.lock ] && break; sleep 0.02; done
"$R" sweep slow.yaml -o sw2 -q --plots none --resume 2>err; rc=$?
grep -q "sw2 is being written by another ridersim (pid $first)" err && [ $rc = 3 ]
ok $? "a second 'sweep --resume' into a running sweep's folder is refused (exit $rc): $(cat err)"
wait $first; ok $? "the first sweep completes"

# --- 5. CSV per RFC 4180 ----------------------------------------------------
sed -e "s/en: Baotai, /en: 'Baotai, \"Old\" Town',/" "$day" > quoted.yaml
charts "$R" run quoted.yaml -o q -q --passengers
ok $? "a run with a station named with a comma and quotes"
# By hand: the field is quoted, its quotes doubled (RFC 4180 2.6, 2.7).
grep -q ',baotai,宝台,"Baotai, ""Old"" Town",7,' q/stations.csv; ok $? "stations.csv quotes the name"
charts "$R" plot q >/dev/null; ok $? "plot reads the quoted stations.csv back"
if python3 -c 'import csv' 2>/dev/null; then
  python3 - q <<'PY'
import csv, sys, os
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    if not f.endswith('.csv'): continue
    rows = list(csv.reader(open(os.path.join(d, f), newline='', encoding='utf-8')))
    widths = {len(r) for r in rows}
    assert len(widths) == 1, (f, widths)
names = {r['en'] for r in csv.DictReader(open(os.path.join(d, 'stations.csv'), encoding='utf-8'))}
assert 'Baotai, "Old" Town' in names, names
PY
  ok $? "every CSV parses with the same field count per row (Python csv), the name read back"
fi

# --- 6. charts committed only when whole ------------------------------------
mkdir mnt
if mount -t tmpfs -o size=2m tmpfs mnt 2>/dev/null; then
  mnt="$t/mnt"
  charts "$R" run "$day" -o mnt/r -q; ok $? "a run on a small tmpfs"
  ( cd mnt/r/plots && md5sum ./*.png ) > sums
  dd if=/dev/zero of=mnt/fill bs=4k 2>/dev/null
  truncate -s -40k mnt/fill
  charts "$R" plot mnt/r >/dev/null 2>err; rc=$?
  ( cd mnt/r/plots && md5sum -c --quiet ../../../sums ) && [ $rc = 3 ] && grep -q "not written whole" err
  ok $? "plot on a full disk keeps the old PNGs and exits 3 (exit $rc)"
  [ -z "$(ls -A mnt/r/plots | grep tmp)" ]; ok $? "no temporary chart left"
  rm -rf mnt/r.orig; cp -a mnt/r r.orig 2>/dev/null
  run_day -o mnt/r 2>err; rc=$?
  [ $rc = 3 ] && diff -r mnt/r r.orig >/dev/null; ok $? "a run on a full disk keeps the old run (exit $rc)"
  umount mnt && mnt=""
else
  echo "skip: cannot mount a tmpfs here (the chart end check is unit-tested in test_files)"
fi

# --- 7, 8. inputs, -o, YAML escaping, --set ---------------------------------
mkfifo fifo
printf 'ridersim: 1\nextends: fifo\n' > fx.yaml
start=$(date +%s%N)
timeout 5 "$R" check fx.yaml 2>err; rc=$?
el=$(( ($(date +%s%N) - start) / 1000000 ))
[ $rc = 1 ] && [ $el -lt 1000 ] && grep -q "FIFO" err; ok $? "extends: naming a FIFO refused in ${el} ms (exit $rc)"
timeout 5 "$R" run /dev/zero -o z 2>err; rc=$?; [ $rc = 1 ] && grep -q "device" err; ok $? "a device refused (exit $rc)"
odd=$(printf 'odd\377name.yaml'); cp "$day" "$odd"
run_day_odd() { "$R" run "$odd" --plots none -q -o oddrun; }
run_day_odd; ok $? "a scenario with a non-UTF-8 file name runs"
if python3 -c 'import yaml' 2>/dev/null; then
  python3 -c 'import yaml,sys; d=yaml.safe_load(open(sys.argv[1],encoding="utf-8")); assert "odd" in d["scenario"]' oddrun/summary.yaml
  ok $? "its summary.yaml is UTF-8 and parses (the byte escaped)"
else
  iconv -f UTF-8 -t UTF-8 oddrun/summary.yaml >/dev/null; ok $? "its summary.yaml is valid UTF-8"
fi
"$R" check "$day" --set seed= 2>err; rc=$?
[ $rc = 2 ] && grep -q "empty value" err && grep -q "seed=42" err; ok $? "--set seed= is an error with a hint (exit $rc)"

checks_done
