#!/usr/bin/env bash
# The baseline run past the published holiday notices (issue 13, item 6): with
# period.end 2027-12-31, 2027's mean daily riders are at least 2026's (3% market
# growth, holidays projected rather than lost), 2027-02-08 (the 3rd day of the
# lunar new year) is a holiday marked "projected" in daily.csv and the printout
# says which years are projected; 2026 stays "published"; weekends inside 春运
# are weekends of season spring_festival.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$RIDERSIM" run --set period.end=2027-12-31 --plots none -o "$out/r" > "$out/print" 2>&1
ok $? "run to 2027-12-31"
d="$out/r/daily.csv"
col() { head -1 "$d" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
cs=$(col season); cc=$(col calendar)
read -r m26 m27 < <(awk -F, 'NR>1 {y=substr($1,1,4); s[y]+=$3; n[y]++}
  END {printf "%.1f %.1f\n", s["2026"]/n["2026"], s["2027"]/n["2027"]}' "$d")
echo "mean daily riders: 2026 $m26, 2027 $m27"
ok $(awk -v a="$m26" -v b="$m27" 'BEGIN {print (b >= a) ? 0 : 1}') "2027 mean $m27 below 2026 mean $m26"
row=$(grep '^2027-02-08,' "$d")
ok $([ "$(echo "$row" | cut -d, -f2)" = holiday ] && echo 0 || echo 1) "2027-02-08 is not a holiday: $row"
ok $([ "$(echo "$row" | cut -d, -f"$cc")" = projected ] && echo 0 || echo 1) "2027-02-08 not marked projected"
ok $([ "$(grep '^2026-06-19,' "$d" | cut -d, -f"$cc")" = published ] && echo 0 || echo 1) "2026 not published"
n27=$(awk -F, -v c="$cc" '$1 ~ /^2027-/ && $c == "projected"' "$d" | wc -l)
ok $([ "$n27" = 365 ] && echo 0 || echo 1) "days of 2027 marked projected: $n27"
grep -q "calendar          holidays of 2027 are projected from the rules in (builtin)/calendars/china.yaml" "$out/print"
ok $? "printout names the projected years"
# 2025-01-18, a Saturday inside 春运 2025: a weekend of season spring_festival.
row=$(grep '^2025-01-18,' "$d")
ok $([ "$(echo "$row" | cut -d, -f2),$(echo "$row" | cut -d, -f"$cs")" = weekend,spring_festival ] && echo 0 || echo 1) \
  "2025-01-18: $row"
checks_done
