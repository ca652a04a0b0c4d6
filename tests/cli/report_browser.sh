#!/usr/bin/env bash
# report.html in a real browser, when Debian's chromium is installed (otherwise the
# HTML parse check of cli_options.sh stands alone): load the page of a run headless,
# take a screenshot, and count the images that failed to load (broken or missing)
# from a copy of the page with a line of script added (the report itself has none).
. "$SRC/tests/cli_lib.sh"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then echo "skipped: no chromium"; exit 0; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$SRC" || exit 2
"$RIDERSIM" run scenarios/ziyang/baseline.yaml --set period.end=2024-10-31 -q -o "$out/run"
ok $? "run to 2024-10-31"
run() { timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --no-first-run --user-data-dir="$out/profile" --virtual-time-budget=5000 "$@" 2>/dev/null; }
run --window-size=1200,4000 --screenshot="$out/shot.png" "file://$out/run/report.html" >/dev/null
[ "$(head -c 8 "$out/shot.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
ok $? "chromium screenshots the page"
sed 's#</body>#<script>window.onload=function(){var b=0,n=0;for(const i of document.images){n++;if(!i.complete||i.naturalWidth==0)b++;}document.body.setAttribute("data-images",n);document.body.setAttribute("data-broken",b);}</script></body>#' \
  "$out/run/report.html" > "$out/run/probe.html"
dom=$(run --dump-dom "file://$out/run/probe.html")
n=$(grep -o 'data-images="[0-9]*"' <<<"$dom" | grep -o '[0-9]*')
b=$(grep -o 'data-broken="[0-9]*"' <<<"$dom" | grep -o '[0-9]*')
[ "${n:-0}" -ge 5 ]; ok $? "the page shows its charts ($n images)"
[ "${b:-1}" = 0 ]; ok $? "no image is broken ($b broken)"
checks_done
