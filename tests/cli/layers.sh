#!/usr/bin/env bash
# The architecture as a test: every #include "LAYER/..." in src/<layer>/ must name
# the layer itself or one it is allowed to depend on (src/README.md), so the
# folder listing stays the architecture. Also: no YAML outside input, PLplot
# only in plots, SQLite only in sweep (and mpi), MPI only in mpi, and the CLI
# sees the public API alone, and nothing above sim/ sees the simulation's internals.
set -u
cd "${SRC:-$(dirname "$0")/../..}/src" || exit 2
declare -A allow=(
  [base]=""
  [model]="base"
  [input]="model base"
  [engine]="model base"
  [sim]="engine model base"
  [report]="sim model base"
  [plots]="input base"
  [drivers]="report plots sim engine input model base"
  [sweep]="drivers report plots sim engine input model base"
  [mpi]="sweep drivers input model base"
  [cli]=""
)
fail=0 n=0
for layer in "${!allow[@]}"; do
  [ -d "$layer" ] || { echo "missing layer folder src/$layer"; fail=$((fail + 1)); continue; }
  for f in "$layer"/*.[ch]; do
    [ -e "$f" ] || continue
    while IFS=: read -r line inc; do
      n=$((n + 1))
      dep=${inc%%/*}
      [ "$dep" = "$inc" ] && { echo "$f:$line: include \"$inc\" names no layer"; fail=$((fail + 1)); continue; }
      [ "$dep" = "$layer" ] && continue
      [ "$dep" = ridersim ] && continue
      case " ${allow[$layer]} " in *" $dep "*) continue ;; esac
      echo "$f:$line: layer '$layer' includes \"$inc\" (allowed: ${allow[$layer]:-none})"
      fail=$((fail + 1))
    done < <(grep -n '^#include "' "$f" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
    sys() { grep -q "^#include <$1" "$f" && case " $2 " in *" $layer "*) ;; *)
      echo "$f: <$1...> outside ${2// /, }"; fail=$((fail + 1)) ;; esac; }
    sys yaml.h "input"; sys plplot "plots"; sys sqlite3 "sweep mpi"; sys mpi.h "mpi"
  done
done
# The results boundary: above sim/, a run is read through sim/results.h only.
for f in */*.[ch]; do
  case "$f" in sim/*) continue ;; esac
  if grep -n '^#include "sim/sim.h"' "$f"; then
    echo "$f: reads the simulation's internals; use the view of sim/results.h"; fail=$((fail + 1)); fi
done
for f in cli/*.[ch]; do
  if grep -n '^#include "' "$f" | grep -v '"cli/\|"ridersim/' ; then
    echo "$f: the CLI uses the public API only"; fail=$((fail + 1)); fi
done
# src/README.md is the module map: every source file has its line there.
for f in */*.[ch]; do
  grep -q "^| \`${f##*/}\` |" README.md || { echo "src/$f is not listed in src/README.md"; fail=$((fail + 1)); }
done
# Every source path the docs name exists (the restructure left old ones behind).
for p in $(grep -ohE '(^|[^A-Za-z0-9_/.])src/[a-z]+/[a-z_0-9]+\.[ch]\b' ../README.md ../docs/*.md README.md |
           grep -oE 'src/.*' | sort -u); do
  [ -f "../$p" ] || { echo "a doc names $p, which does not exist"; fail=$((fail + 1)); }
done
for p in $(grep -ohE '(^|[^A-Za-z0-9_/.])src/[a-z_0-9]+\.[ch]\b' ../README.md ../docs/*.md README.md |
           grep -oE 'src/.*' | sort -u); do
  echo "a doc names $p: sources live in src/<layer>/"; fail=$((fail + 1))
done
echo "layers: $n includes checked"
echo "$((fail == 0 ? 1 : 0)) passed, $((fail == 0 ? 0 : 1)) failed"
[ "$fail" -eq 0 ]
