#!/usr/bin/env bash
# Output folders on file systems without RENAME_EXCHANGE (some network file
# systems), and without RENAME_NOREPLACE either: a preloaded shim makes
# renameat2 fail with EINVAL for those flags, so ridersim takes its fallback
# commits (DIR to DIR.old-ID, staging to DIR; then check-and-rename). Runs
# must still replace a run whole, refuse a user's folder, leave no leftovers,
# and a DIR.old-ID left by a kill between the two renames is put back.
# Skipped without a C compiler or in a sanitized build (the shim cannot be
# preloaded before the sanitizer runtime).
. "$SRC/tests/cli_lib.sh"
: "${RIDERSIM:?set RIDERSIM to the ridersim binary}"
R="$RIDERSIM"
cc=$(command -v cc || command -v gcc || command -v clang) || { echo "skip: no C compiler"; exit 0; }
if nm -D "$R" 2>/dev/null | grep -q __asan_init || ldd "$R" 2>/dev/null | grep -q libasan; then
  echo "skip: sanitized build"; exit 0
fi
t=$(mktemp -d "${TMPDIR:-/tmp}/rs_fallback.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
cat > shim.c <<'C'
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
/* flags the "file system" refuses: RS_SHIM_REFUSE (1 NOREPLACE, 2 EXCHANGE) */
int renameat2(int ofd, const char *o, int nfd, const char *n, unsigned flags) {
  const char *r = getenv("RS_SHIM_REFUSE");
  if (flags & (unsigned)(r ? atoi(r) : 0)) {
    errno = EINVAL;
    return -1;
  }
  return (int)syscall(SYS_renameat2, ofd, o, nfd, n, flags);
}
C
"$cc" -shared -fPIC -o shim.so shim.c || { echo "skip: cannot build the shim"; exit 0; }
day="${SRC:?}/scenarios/ziyang/baseline-day.yaml"
for refuse in 2 3; do
  export LD_PRELOAD="$t/shim.so" RS_SHIM_REFUSE=$refuse
  rm -rf out out.* .out.lock
  "$R" run "$day" --plots none -q --passengers -o out && [ -f out/passengers.csv ]
  ok $? "refuse=$refuse: a first run"
  "$R" run "$day" --plots none -q -o out && [ -f out/summary.yaml ] && [ ! -e out/passengers.csv ]
  ok $? "refuse=$refuse: a second run replaces it whole"
  [ -z "$(ls -A | grep -E '^out\.|^\.out')" ]; ok $? "refuse=$refuse: no leftovers"
  mkdir mine; echo keep > mine/x
  "$R" run "$day" --plots none -q -o mine 2>/dev/null; rc=$?
  [ $rc = 3 ] && [ "$(cat mine/x)" = keep ]; ok $? "refuse=$refuse: a user's folder refused (exit $rc)"
  rm -rf mine
  # a kill between the two renames of the fallback: no out/, out.old-ID holds the run
  mv out out.old-0123456789abcdef
  "$R" run "$day" --plots none -q --passengers -o out 2>/dev/null
  [ -f out/passengers.csv ] && [ ! -e out.old-0123456789abcdef ]
  ok $? "refuse=$refuse: the previous run put back, then replaced"
  unset LD_PRELOAD RS_SHIM_REFUSE
done
checks_done
