#!/usr/bin/env bash
# Seasons are data (issue 13): a user calendar adds a six-week summer school
# holiday (2025-07-05 to 08-16, 43 days), the scenario gives that season its own
# workday timetable (a train every 20 min all day) and a leisure factor. The
# file loads, the days inside are workdays/weekends of season school_holidays,
# and a workday inside runs the season's timetable: from 06:30 every 20 min to
# the last train at 22:00 is 06:30 + 20k <= 21:50 (47 departures) plus the
# published 22:00 (the last train always runs) = 48 a direction, 96 trains of 6
# stops = 576 rows of trains.csv.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/school.yaml" <<'CAL'
ridersim_calendar: 1
seasons:
  - {name: Summer 2025, season: school_holidays, from: 2025-07-05, to: 2025-08-16}
CAL
scen() { # $1 detail date
  cat <<SCEN
extends: $SRC/scenarios/ziyang/baseline.yaml
calendar: ["(builtin)/calendars/china.yaml", school.yaml]
period: {start: 2025-06-30, end: 2025-07-09}
output: {detail_date: $1}
timetable:
  seasons:
    school_holidays: {periods: [{from: "00:00", to: "24:00", headway_min: 20}]}
market:
  purposes:
    leisure: {season_factors: {spring_festival: 1.3, school_holidays: 1.5}}
SCEN
}
scen 2025-07-08 > "$out/in.yaml"
scen 2025-07-01 > "$out/before.yaml"
"$RIDERSIM" check "$out/in.yaml" > /dev/null
ok $? "a six-week school holiday season loads"
"$RIDERSIM" run "$out/in.yaml" --plots none -o "$out/in" > /dev/null 2>&1
ok $? "run inside the season"
"$RIDERSIM" run "$out/before.yaml" --plots none -o "$out/before" > /dev/null 2>&1
ok $? "run before the season"
rows=$(($(wc -l < "$out/in/trains.csv") - 1))
ok $([ "$rows" = 576 ] && echo 0 || echo 1) "2025-07-08 (in the season): $rows stops, want 576"
rows0=$(($(wc -l < "$out/before/trains.csv") - 1))
ok $([ "$rows0" != 576 ] && echo 0 || echo 1) "2025-07-01 (before it) runs the workday timetable ($rows0 stops)"
d="$out/in/daily.csv"
cs=$(head -1 "$d" | tr ',' '\n' | grep -nx season | cut -d: -f1)
ok $([ "$(grep '^2025-07-05,' "$d" | cut -d, -f2,"$cs")" = weekend,school_holidays ] && echo 0 || echo 1) \
  "2025-07-05 is a weekend of the season"
ok $([ "$(grep '^2025-07-04,' "$d" | cut -d, -f2,"$cs")" = workday, ] && echo 0 || echo 1) \
  "2025-07-04 is a workday outside it"
checks_done
