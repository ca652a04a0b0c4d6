#!/usr/bin/env python3
"""Lists C functions longer than N lines (default 100) under src/: a function
starts at a line that begins a definition at column 0 and ends at the first
line that is a lone '}' at column 0. Used by tests/cli/long_functions.sh."""
import re, sys, pathlib
limit = int(sys.argv[1]) if len(sys.argv) > 1 else 100
root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else 'src')
start = re.compile(r'^[A-Za-z_][\w \*]*\b(\w+)\s*\([^;]*$')
bad = 0
for f in sorted(root.rglob('*.c')):
    lines = f.read_text(errors='replace').splitlines()
    i = 0
    while i < len(lines):
        m = start.match(lines[i])
        if m and not lines[i].startswith(('static const', 'typedef', 'struct', 'enum')) and '=' not in lines[i]:
            j = i
            while j < len(lines) and not lines[j].rstrip().endswith('{') and not lines[j].startswith('{'):
                if lines[j].rstrip().endswith(';'): break
                j += 1
            if j < len(lines) and lines[j].rstrip().endswith(';'):
                i = j + 1; continue
            k = j
            while k < len(lines) and lines[k] != '}':
                k += 1
            n = k - i + 1
            if n > limit:
                print(f'{f}:{i+1}: {m.group(1)} has {n} lines (limit {limit})'); bad += 1
            i = k + 1
        else:
            i += 1
print(f'{bad} function(s) over {limit} lines')
sys.exit(1 if bad else 0)
