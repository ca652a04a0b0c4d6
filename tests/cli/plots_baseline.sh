#!/usr/bin/env bash
# Every chart of a baseline run (the first three months, to keep the suite fast):
# drawn, a valid PNG of the expected size, and not blank (many colours).
. "$SRC/tests/cli_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$RIDERSIM" run --set period.end=2024-12-31 --set output.detail_date=2024-11-06 \
  -o "$tmp/run" -q
ok $? "baseline run with charts"
for c in daily cumulative load-profile boardings commute train-diagram; do
  f="$tmp/run/plots/$c.png"
  [ -s "$f" ]; ok $? "$c.png drawn"
  # PNG signature: 89 50 4E 47 0D 0A 1A 0A
  [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; ok $? "$c.png is a PNG"
  if command -v identify >/dev/null; then
    size=$(identify -format '%wx%h' "$f" 2>/dev/null)
    [ "$size" = 1200x700 ]; ok $? "$c.png is 1200x700 (got $size)"
    colours=$(identify -format '%k' "$f" 2>/dev/null)
    [ "${colours:-0}" -gt 20 ]; ok $? "$c.png is not blank ($colours colours)"
  fi
done
# Each PNG decodes by hand (ridersim writes them itself, src/plots/plots_png.c): every
# chunk's CRC, IHDR 1200x700 8-bit RGB, IDAT inflating to 700 rows of 1 + 3600 bytes
# with valid filter bytes, IEND last.
python3 - "$tmp/run/plots"/*.png <<'PY'
import struct, sys, zlib
bad = 0
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    ok = data[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat, types, ihdr = 8, b'', [], None
    while ok and pos + 12 <= len(data):
        n, = struct.unpack('>I', data[pos:pos + 4])
        t, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        ok = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])[0] == zlib.crc32(t + body)
        types.append(t)
        if t == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
        if t == b'IDAT': idat += body
        pos += 12 + n
    ok = ok and pos == len(data) and types[0] == b'IHDR' and types[-1] == b'IEND'
    ok = ok and ihdr == (1200, 700, 8, 2, 0, 0, 0)
    raw = zlib.decompress(idat) if ok else b''
    ok = ok and len(raw) == 700 * 3601 and all(raw[y * 3601] <= 4 for y in range(700))
    if not ok:
        print('bad PNG:', path)
        bad += 1
sys.exit(1 if bad else 0)
PY
ok $? "every PNG decodes: chunk CRCs, 1200x700 RGB, 700 filtered rows"
# ridersim plot redraws them from the CSV files alone, identical in size.
rm -r "$tmp/run/plots"
"$RIDERSIM" plot "$tmp/run" >/dev/null; ok $? "ridersim plot"
[ "$(ls "$tmp/run/plots" | wc -l)" = 6 ]; ok $? "six charts redrawn"
"$RIDERSIM" plot "$tmp/run" --plots svg >/dev/null && head -c 200 "$tmp/run/plots/daily.svg" | grep -q '<svg'
ok $? "svg on request"
# A dateless one-day scenario (baseline-day.yaml): its three detail-day charts.
"$RIDERSIM" run "$SRC/scenarios/ziyang/baseline-day.yaml" -o "$tmp/day" -q
ok $? "one-day scenario with charts"
for c in load-profile boardings train-diagram; do
  [ -s "$tmp/day/plots/$c.png" ]; ok $? "one-day $c.png drawn"
done

checks_done
