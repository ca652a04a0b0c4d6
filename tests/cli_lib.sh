# Sourced by the command-line tests (tests/cli/*.sh) after their header:
# unset variables are errors, and each check is counted by `ok` and reported
# by `checks_done`, the script's last command (its status is the test's).
set -u
fail=0 pass=0

# ok STATUS WHAT: one check, passed when STATUS (usually $?) is 0.
ok() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $2"; fi; }

# checks_done: the tally; succeeds when no check failed.
checks_done() {
  echo "$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
