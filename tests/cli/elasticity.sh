#!/usr/bin/env bash
# Elasticities: (1) a one-OD logit solved by hand (tests/data/elastic/one-od.yaml),
# (2) the calibrated baseline against the published ranges.
. "$SRC/tests/cli_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
el() { awk -F, -v v="$1" '$1 == v {print $2}' "$2/elasticity.csv"; }
near() { awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= t) }'; }

# (1) P_metro = 1 / (1 + exp(V_car - V_metro)), V equal at the base (P = 0.5).
# Fare x0.95 / x1.05: V_metro moves by +-0.02  -> P = 0.504999 / 0.495001,
#   arc = ln(0.495001/0.504999) / ln(1.05/0.95) = -0.19987.
# Frequency: headways 600/0.95 = 631.58 s and 600/1.05 = 571.43 s from 06:00; the
#   last train still leaves at 22:00, so 06:00-22:00 (57,600 s) holds 91 intervals
#   of 631.58 s and one of 126.32 s, and 100 of 571.43 s and one of 457.14 s. The
#   demand is flat over that span, so the wait riders meet (and learn) is
#   E[W] = sum h^2 / (2 sum h): 5.25392 and 4.75435 min (5 at the base).
#   V_metro -0.025392 / +0.024565 -> P 0.493652 / 0.506141,
#   arc = ln(0.506141/0.493652) / ln(1.05/0.95) = +0.2496.
# In-vehicle time 10 min x0.95 / x1.05: V_metro +-0.02 as for the fare: -0.19987.
"$RIDERSIM" elasticity "$SRC/tests/data/elastic/one-od.yaml" --expected --warmup 0 -o "$tmp/e1" -q
ok $? "elasticity runs (expected mode)"
near "$(el fare "$tmp/e1")" -0.19987 0.001; ok $? "fare elasticity $(el fare "$tmp/e1") = -0.19987"
near "$(el frequency "$tmp/e1")" 0.2496 0.001; ok $? "frequency elasticity $(el frequency "$tmp/e1") = +0.2496"
near "$(el ivt "$tmp/e1")" -0.19987 0.001; ok $? "ivt elasticity $(el ivt "$tmp/e1") = -0.19987"

# (2) The baseline, every passenger simulated, half a year after the ramp-up.
"$RIDERSIM" elasticity --set period.start=2025-01-01 --set period.end=2025-06-30 \
  --warmup 30 -o "$tmp/e2" -q
ok $? "elasticity runs (baseline)"
f=$(el fare "$tmp/e2"); q=$(el frequency "$tmp/e2")
awk -v x="$f" 'BEGIN {exit !(x <= -0.2 && x >= -0.6)}'; ok $? "baseline fare elasticity $f in [-0.6, -0.2]"
awk -v x="$q" 'BEGIN {exit !(x >= 0.3 && x <= 0.8)}'; ok $? "baseline frequency elasticity $q in [0.3, 0.8]"
head -1 "$tmp/e2/elasticity.csv" | grep -q '^variable,elasticity'; ok $? "elasticity.csv header"
checks_done
