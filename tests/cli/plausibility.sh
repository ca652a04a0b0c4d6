#!/usr/bin/env bash
# Demand outside service hours is reported as such, with its count: 400 trips a
# day spread evenly over 20:00-24:00 with the last train at 22:00 put half of
# them (200 expected; Poisson, so within 4 sd = 57) after the last train. The run
# completes, warns at the od row, and its printout counts them apart from the
# other stranded (here all the stranded). The warning cases themselves, with
# their exact messages, are tests/bad-inputs/warn-*.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$SRC/tests/bad-inputs" || exit 2
"$RIDERSIM" run warn-late-demand.yaml --plots none -o "$out/r" > "$out/print" 2> "$out/err"
ok $? "run with warnings exits 0"
grep -q "warning: 'demand.od\[0\]': 200 of its 400 trips a day (50%) arrive after the last train" "$out/err"
ok $? "warning names the od row and the expected count"
n=$(sed -n 's/^  outside service   \([0-9]*\) passengers came after the last train.*/\1/p' "$out/print")
s=$(sed -n 's/^  riders .*stranded \([0-9]*\)).*/\1/p' "$out/print")
echo "outside service: ${n:-none}, stranded: ${s:-none}"
ok $([ -n "$n" ] && [ "$n" -ge 143 ] && [ "$n" -le 257 ] && echo 0 || echo 1) "count $n not 200 +- 57"
ok $([ "$n" = "$s" ] && echo 0 || echo 1) "every stranded passenger came after the last train ($n of $s)"
checks_done
