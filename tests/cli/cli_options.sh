#!/usr/bin/env bash
# One command line: every command that runs work takes -j/--threads and -q; every
# option a --help lists is accepted; the same mistake gives the same exit code;
# progress goes to stderr (a line per tenth off a terminal, redrawn in place on
# one, nothing with -q) and changes neither stdout nor any file; check knows
# every file kind; plot of an empty folder fails; report.html is self-contained.
. "$SRC/tests/cli_lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$SRC" || exit 2

# every option listed by --help is accepted (given a value; the value may be refused)
for c in run check plot compare elasticity calibrate forecast sweep sweep-merge; do
  "$RIDERSIM" $c --help > "$out/help" || { ok 1 "$c --help"; continue; }
  for o in $(grep -oE '^  (-[a-z], )?--[a-z-]+' "$out/help" | grep -oE -- '--[a-z-]+'); do
    [ "$o" = --help ] && continue
    # the trailing unknown option stops the command before it runs anything
    (cd "$out" && "$RIDERSIM" $c "$o" 1 --zz-end 2> "$out/err" >/dev/null)
    ! grep -q "unknown option '$o'" "$out/err"; ok $? "$c accepts $o as its help says"
  done
done
for c in run compare elasticity calibrate forecast sweep; do
  "$RIDERSIM" $c --help | grep -q -- '-j, --threads N'; ok $? "$c --help lists -j, --threads"
  "$RIDERSIM" $c --help | grep -q -- '-q, --quiet'; ok $? "$c --help lists -q, --quiet"
done
# the same mistakes, the same codes
for c in run check plot compare elasticity calibrate forecast sweep sweep-merge; do
  "$RIDERSIM" $c --no-such-option 2>/dev/null; [ $? = 2 ]; ok $? "$c: unknown option exits 2"
done
for c in run compare elasticity forecast; do
  "$RIDERSIM" $c -j x 2>/dev/null; [ $? = 2 ]; ok $? "$c: -j x exits 2"
done
"$RIDERSIM" run no-such-file.yaml -q 2>/dev/null; [ $? = 1 ]; ok $? "run: a missing scenario exits 1"
"$RIDERSIM" check no-such-file.yaml 2>/dev/null; [ $? = 1 ]; ok $? "check: a missing file exits 1"

# -j and --threads everywhere work runs; results do not depend on them
"$RIDERSIM" run scenarios/ziyang/baseline-day.yaml -j 2 -q --plots none -o "$out/j2"; ok $? "run -j 2"
"$RIDERSIM" run scenarios/ziyang/baseline-day.yaml --threads 1 -q --plots none -o "$out/j1"; ok $? "run --threads 1"
diff -q "$out/j1/summary.yaml" "$out/j2/summary.yaml" >/dev/null; ok $? "same summary for -j 1 and -j 2"
"$RIDERSIM" elasticity scenarios/ziyang/baseline-day.yaml --expected -j 2 -q -o "$out/e2"; ok $? "elasticity -j 2"
"$RIDERSIM" elasticity scenarios/ziyang/baseline-day.yaml --expected --threads 1 -q -o "$out/e1"; ok $? "elasticity --threads 1"
diff -q "$out/e1/elasticity.csv" "$out/e2/elasticity.csv" >/dev/null; ok $? "elasticities the same for 1 and 2 threads"
"$RIDERSIM" calibrate --fit market.scale --set period.end=2024-10-31 -j 2 -q -o "$out/c2"; ok $? "calibrate -j 2"
"$RIDERSIM" calibrate --fit market.scale --set period.end=2024-10-31 --threads 1 -q -o "$out/c1"; ok $? "calibrate --threads 1"
diff -q "$out/c1/calibration.csv" "$out/c2/calibration.csv" >/dev/null; ok $? "the same fit on 1 and 2 threads"

# progress: lines with a percentage off a terminal; nothing with -q; no effect on stdout or files
RIDERSIM_PROGRESS_DELAY=0 "$RIDERSIM" run --set period.end=2025-06-30 --plots none -o "$out/p" \
  > "$out/p1.out" 2> "$out/p1.err"
ok $? "baseline to 2025 with progress"
grep -qE '^run: [0-9]+/[0-9]+ days \( *[0-9]+%\)' "$out/p1.err"; ok $? "progress lines with a percentage"
grep -q 'running the built-in Ziyang Line baseline' "$out/p1.err"; ok $? "the built-in baseline is said"
cp -r "$out/p" "$out/p1"
"$RIDERSIM" run --set period.end=2025-06-30 --plots none -q -o "$out/p2" 2> "$out/p2.err" >/dev/null
[ ! -s "$out/p2.err" ]; ok $? "nothing on stderr with -q"
diff -r -x report.html -x .ridersim-run "$out/p1" "$out/p2" >/dev/null; ok $? "the same files with and without progress"
"$RIDERSIM" run --set period.end=2025-06-30 --plots none -o "$out/p" 2>/dev/null | diff -q - "$out/p1.out" >/dev/null
ok $? "the same stdout with stderr discarded"
if command -v script >/dev/null; then
  script -qec "RIDERSIM_PROGRESS_DELAY=0 $RIDERSIM forecast --until 2026-12-31 --draws 24 -j 1 --plots none -o $out/fc" /dev/null > "$out/tty" 2>&1
  grep -q $'\r''forecast: .*%.*ETA' "$out/tty"; ok $? "forecast on a terminal redraws a line with % and ETA"
fi

# check: every file kind
"$RIDERSIM" check scenarios/ziyang/sweeps/headway-fare.yaml | grep -q ': ok (sweep spec'; ok $? "check a sweep spec"
"$RIDERSIM" check scenarios/calendars/china.yaml | grep -q ': ok (calendar'; ok $? "check a calendar"
"$RIDERSIM" check scenarios/ziyang/observed.yaml | grep -q ': ok (observed figures'; ok $? "check observed figures"
"$RIDERSIM" check tests/data/small/trips.csv --scenario tests/data/small/small.yaml | grep -q ': ok (trips CSV'
ok $? "check a trips CSV"
"$RIDERSIM" check tests/data/small/departures.csv --scenario tests/data/small/small.yaml | grep -q ': ok (departures CSV'
ok $? "check a departures CSV"
printf 'sweep: 1\nbase: nowhere.yaml\nmethod: grid\n' > "$out/bad-sweep.yaml"
"$RIDERSIM" check "$out/bad-sweep.yaml" 2> "$out/err"; [ $? = 1 ]; ok $? "a bad sweep spec exits 1"
grep -q "bad-sweep.yaml:[0-9]*:[0-9]*: " "$out/err"; ok $? "with FILE:LINE:COL ($(head -1 "$out/err"))"

# messages in the user's terms
"$RIDERSIM" forecast --until 2024-01-01 -q 2> "$out/err"; [ $? = 2 ]; ok $? "forecast --until before the start exits 2"
grep -q -- "--until 2024-01-01" "$out/err" && ! grep -q -- "--set:" "$out/err"; ok $? "the message names --until ($(cat "$out/err"))"

# forecast milestones: named, or chosen from the run's scale. To 2024-12-31 the baseline
# carries about 2.9 million riders (years.csv of the baseline: 2,877,559 in 2024), so the
# four largest of 1, 2, 5 x 10^k not above it are 0.2, 0.5, 1 and 2 million.
"$RIDERSIM" forecast --until 2024-12-31 --draws 8 -q --plots none -o "$out/ms1"
[ "$(awk -F, 'NR > 1 {print $1}' "$out/ms1/milestones.csv" | tr '\n' ' ')" = "200000 500000 1000000 2000000 " ]
ok $? "default milestones from the run's scale ($(awk -F, 'NR > 1 {print $1}' "$out/ms1/milestones.csv" | tr '\n' ' '))"
"$RIDERSIM" forecast --until 2024-12-31 --draws 8 --milestones 1e6,2.5e6 -q --plots none -o "$out/ms2"
[ "$(awk -F, 'NR > 1 {print $1}' "$out/ms2/milestones.csv" | tr '\n' ' ')" = "1000000 2500000 " ]
ok $? "--milestones 1e6,2.5e6"
"$RIDERSIM" forecast --until 2024-12-31 --draws 8 --milestones 5e6,1e6 -q 2>/dev/null; [ $? = 2 ]
ok $? "--milestones out of order exits 2"

# plot: any folder, and an empty one fails
mkdir -p "$out/empty"
"$RIDERSIM" plot "$out/empty" 2>/dev/null; [ $? != 0 ]; ok $? "plot of an empty folder fails"
"$RIDERSIM" compare - scenarios/ziyang/whatif/peak-5min.yaml --set period.end=2024-10-31 -q -o "$out/cmp"
ok $? "compare to 2024-10-31"
rm -f "$out/cmp/plots/"*.png
"$RIDERSIM" plot "$out/cmp" | grep -q '^3 charts of the compare'; ok $? "plot redraws a compare folder"
"$RIDERSIM" forecast --until 2025-06-30 --draws 10 -q -o "$out/fc2"; ok $? "forecast to 2025-06"
rm -f "$out/fc2/plots/"*.png
"$RIDERSIM" plot "$out/fc2" | grep -q '^2 charts of the forecast'; ok $? "plot redraws a forecast folder"

# report.html: in each folder, every image inline, nothing fetched
for d in p1 cmp fc2; do
  [ -s "$out/$d/report.html" ]; ok $? "$d/report.html exists"
done
"$RIDERSIM" run --set period.end=2024-10-31 -q -o "$out/rep"
for d in rep cmp fc2; do
  python3 - "$out/$d/report.html" <<'PY'
import base64, html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.imgs = []; self.bad = []; self.caps = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'img': self.imgs.append(a.get('src', ''))
        for k in ('src', 'href'):
            if k in a and not a[k].startswith('data:'): self.bad.append(a[k])
        if tag == 'figcaption': self.caps += 1
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
ok = p.imgs and not p.bad and p.caps == len(p.imgs)
for s in p.imgs:
    ok = ok and s.startswith('data:image/png;base64,') and \
        base64.b64decode(s.split(',', 1)[1])[:8] == b'\x89PNG\r\n\x1a\n'
sys.exit(0 if ok else 1)
PY
  ok $? "$d/report.html: every image an inline PNG with a caption, no outside reference"
done
grep -q 'scenario_hash\|hash <code>[0-9a-f]\{16\}' "$out/rep/report.html"; ok $? "report names the scenario hash"
grep -q 'Observed beside simulated' "$out/rep/report.html"; ok $? "report has observed beside simulated"
grep -q 'Commute times' "$out/rep/report.html"; ok $? "report has commute times"
checks_done
