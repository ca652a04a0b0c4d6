#!/usr/bin/env bash
# `mpirun -np 2 ridersim sweep` gives the same table as one process (-j 1).
# Skips (passing) unless the build has RS_MPI=ON and mpirun is installed.
. "$SRC/tests/cli_lib.sh"
if ! grep -q '^RS_MPI:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null || ! command -v mpirun >/dev/null; then
  echo "skipped: not an RS_MPI build or no mpirun"
  echo "0 passed, 0 failed"
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/spec.yaml" <<YAML
sweep: 1
base: $SRC/scenarios/ziyang/baseline.yaml
set: ["period.end=2024-10-12"]
method: random
points: 7
replications: 2
seed: 3
parameters:
  - {key: metro.fare.scale, range: [0.5, 1.5]}
  - {key: timetable.periods.1.headway_min, values: [6, 8, 10]}
figures: [riders, mean_wait_s, {name: week1, daily: riders, from: 2024-10-01, to: 2024-10-07}]
YAML
"$RIDERSIM" sweep "$out/spec.yaml" -o "$out/one" -j 1 -q --plots none; ok $? "one process"
mpi="mpirun --allow-run-as-root --oversubscribe -np 2"
timeout 120 $mpi "$RIDERSIM" sweep "$out/spec.yaml" -o "$out/mpi" -q --plots none; ok $? "mpirun -np 2 exits 0"
cmp -s "$out/one/sweep.csv" "$out/mpi/sweep.csv"; ok $? "mpirun -np 2 = one process"
[ "$(wc -l < "$out/mpi/sweep.csv")" = 15 ]; ok $? "14 rows + header"
# an MPI sweep resumes like any other: drop half the rows, resume on 2 ranks
sqlite3 "$out/mpi/sweep.db" "DELETE FROM results WHERE point % 2 = 1" 2>/dev/null || \
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM results WHERE point % 2 = 1'); c.commit()" "$out/mpi/sweep.db"
timeout 120 $mpi "$RIDERSIM" sweep "$out/spec.yaml" -o "$out/mpi" --resume -q --plots none; ok $? "resume under mpirun"
cmp -s "$out/one/sweep.csv" "$out/mpi/sweep.csv"; ok $? "resumed under mpirun = one process"
checks_done
