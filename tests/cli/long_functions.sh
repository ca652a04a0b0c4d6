#!/usr/bin/env bash
# No function over 100 lines in src/ (issue 12): a function starts at a line
# that opens a definition at column 0 and ends at the first lone '}' at column 0.
# Prints each offender as FILE:LINE: NAME has N lines. Also usable by hand:
#   SRC=. bash tests/cli/long_functions.sh
set -u
cd "${SRC:-$(dirname "$0")/../..}" || exit 2
limit=${LIMIT:-100}
out=$(find src -name '*.c' | sort | xargs awk -v limit="$limit" '
  FNR == 1 { infn = 0; pending = 0 }
  !infn && /^[A-Za-z_][A-Za-z0-9_ *]*[ *]([A-Za-z_][A-Za-z0-9_]*)\(/ && !/;[ \t]*$/ && !/^(typedef|struct|enum|static const|const)/ && !/=/ {
    start = FNR; pending = 1
    name = $0; sub(/\(.*/, "", name); n = split(name, w, /[ *]+/); name = w[n]
  }
  pending && /;[ \t]*$/ && !/\{/ { pending = 0 }
  pending && /\{[ \t]*$/ { infn = 1; pending = 0 }
  infn && /^}/ {
    len = FNR - start + 1
    if (len > limit) printf "%s:%d: %s has %d lines (limit %d)\n", FILENAME, start, name, len, limit
    infn = 0
  }')
[ -n "$out" ] && echo "$out"
bad=$(printf '%s' "$out" | grep -c . || true)
echo "long functions: $bad over $limit lines"
echo "$((bad == 0 ? 1 : 0)) passed, $((bad == 0 ? 0 : 1)) failed"
[ "$bad" -eq 0 ]
