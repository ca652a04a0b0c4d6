#!/usr/bin/env bash
# Every command in the ```sh code blocks of README.md and docs/*.md, run exactly as
# written (continuation lines joined), in order, in a scratch copy of the
# repository whose build/ridersim is the binary under test (and `ridersim` is on
# PATH). A non-zero exit fails the test. Blocks fenced ```sh no-run (reason) are
# listed but not run: they need a cluster, or are the set-up and the test suite
# that CI itself runs. Usage templates are fenced ```text and are not commands.
set -u
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$SRC/scenarios" "$SRC/tests" "$SRC/docs" "$SRC/README.md" "$scratch/"
mkdir -p "$scratch/build" "$scratch/bin"
ln -s "$RIDERSIM" "$scratch/build/ridersim"
ln -s "$RIDERSIM" "$scratch/bin/ridersim"
export PATH="$scratch/bin:$PATH" RIDERSIM_PROGRESS_DELAY=1000
fail=0 pass=0 skipped=0
list=$(python3 - "$SRC" <<'PY'
import glob, os, re, sys
src = sys.argv[1]
files = [os.path.join(src, 'README.md')] + sorted(glob.glob(os.path.join(src, 'docs', '*.md')))
for f in files:
    text = open(f, encoding='utf-8').read()
    for m in re.finditer(r'^```sh([^\n]*)\n(.*?)^```', text, re.S | re.M):
        info, body = m.group(1).strip(), m.group(2)
        line = text[:m.start()].count('\n') + 2
        body = re.sub(r'\\\n\s*', ' ', body)
        for cmd in body.split('\n'):
            if not cmd.strip() or cmd.lstrip().startswith('#'):
                continue
            tag = 'SKIP' if info.startswith('no-run') else 'RUN'
            print(f'{tag}\t{os.path.relpath(f, src)}:{line}\t{cmd.strip()}')
PY
)
while IFS=$'\t' read -r tag where cmd; do
  if [ "$tag" = SKIP ]; then skipped=$((skipped + 1)); echo "skipped ($where): $cmd"; continue; fi
  if (cd "$scratch" && bash -c "$cmd" >"$scratch/last.out" 2>&1); then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL ($where): $cmd"
    tail -5 "$scratch/last.out" | sed 's/^/    /'
  fi
done <<<"$list"
echo "$pass passed, $fail failed, $skipped not run (no-run blocks)"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
