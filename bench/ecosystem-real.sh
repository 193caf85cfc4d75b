#!/usr/bin/env bash
# Each library's idioms against its real headers, not our stand-ins: runs
# firecrash over bench/ecosystem-real/<lib>.cpp with a real checkout on the
# include path and prints, per library, the idioms found of those expected
# ("// EXPECT" lines) and the findings on any other line (false findings).
#
#   bash bench/ecosystem-real.sh async_simple=DIR libcoro=DIR ...   (needs build/)
#
# Libraries: async_simple, libcoro, concurrencpp, cppcoro, stdexec,
# libunifex, liburing4cpp (DIR is the root of a checkout; liburing4cpp needs
# liburing-dev). Debian packages none of them, so this cannot run in CI; the
# stand-ins under test-inputs/ecosystem/Inputs follow the structure these
# runs check. Exit codes: 0 every idiom found and nothing else, 1 a miss or
# a false finding, 2 usage error or missing build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${FIRECRASH_BUILD_DIR:-build}
TOOL=$PWD/$BUILD/bin/firecrash
[[ -x $TOOL ]] || { echo "ecosystem-real.sh: build first: $TOOL is missing" >&2; exit 2; }
(($# > 0)) || { echo "usage: bash bench/ecosystem-real.sh LIB=DIR..." >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# include_flags <lib> <dir>: where the library's headers are in a checkout.
include_flags() {
  case $1 in
    async_simple) echo "-I$2" ;;
    libcoro|concurrencpp|cppcoro|stdexec|libunifex) echo "-I$2/include" ;;
    # Debian 12's liburing 2.3 lacks a flag the library tests for.
    liburing4cpp) echo "-I$2/include -DIORING_FEAT_REG_REG_RING=(1U<<13)" ;;
    *) return 1 ;;
  esac
}

# derive_probe <test input> <includes>: the input without its CHECK and RUN
# lines, its "Inputs/" includes replaced by <includes>, and "// EXPECT" on
# every line a CHECK-NOTES warning points at.
derive_probe() {
  python3 - "$1" "$2" <<'PY'
import re, sys
source, includes = sys.argv[1:3]
lines = open(source).read().split("\n")
check = re.compile(r"^\s*// CHECK-NOTES(?:-\w+)?: :\[\[@LINE([+-]\d+)?\]\]:\d+: warning:")
targets = {i + int(m.group(1) or 0)
           for i, text in enumerate(lines, 1) if (m := check.match(text))}
swapped = False
for i, text in enumerate(lines, 1):
    if re.match(r"^\s*// (CHECK-NOTES|RUN)", text):
        continue
    elif text.startswith('#include "Inputs/'):
        if not swapped:
            print(open(includes).read().rstrip("\n"))
        swapped = True
    else:
        print(text + ("  // EXPECT" if i in targets else ""))
PY
}

status=0
printf '%-14s %-10s %-8s %s\n' library found false notes
for arg in "$@"; do
  lib=${arg%%=*} dir=${arg#*=}
  probe=bench/ecosystem-real/$lib.cpp
  flags=$(include_flags "$lib" "$dir") || { echo "ecosystem-real.sh: unknown library '$lib'" >&2; exit 2; }
  [[ -d $dir ]] || { echo "ecosystem-real.sh: no checkout at '$dir'" >&2; exit 2; }
  if [[ -f $probe ]]; then
    cp "$probe" "$WORK/$lib.cpp"
  else
    # The test input itself, with the real headers for the stand-in's:
    # each warning it expects is an idiom to find.
    derive_probe "test-inputs/ecosystem/$lib.cpp" \
      "bench/ecosystem-real/$lib.includes" > "$WORK/$lib.cpp"
  fi
  # shellcheck disable=SC2086
  "$TOOL" "$WORK/$lib.cpp" --format json -o "$WORK/$lib.json" --quiet \
    -- -std=c++20 $flags 2>"$WORK/$lib.err" || true
  if [[ ! -s $WORK/$lib.json ]]; then
    printf '%-14s %-10s %-8s %s\n' "$lib" - - "firecrash failed: $(head -c 300 "$WORK/$lib.err")"
    status=1
    continue
  fi
  python3 - "$WORK/$lib.cpp" "$WORK/$lib.json" "$lib" <<'PY' || status=1
import json, sys
source, report, lib = sys.argv[1:4]
expected = {n for n, text in enumerate(open(source), 1)
            if text.rstrip().endswith("// EXPECT")}
data = json.load(open(report))
lines = {}
for f in data["findings"]:
    if f["file"].endswith(lib + ".cpp"):
        lines.setdefault(f["line"], set()).add(f["check"].replace("firecrash-", ""))
found = expected & set(lines)
false = sorted(set(lines) - expected)
failed = data["failures"]
notes = []
if failed:
    notes.append("unit failed: " + "; ".join(failed[0]["messages"])[:300])
missed = sorted(expected - found)
if missed:
    notes.append("missed lines " + ", ".join(map(str, missed)))
if false:
    notes.append("false on lines " + ", ".join(f"{n} ({'/'.join(sorted(lines[n]))})" for n in false))
print(f"{lib:<14} {len(found)}/{len(expected):<8} {len(false):<8} {'; '.join(notes)}")
sys.exit(0 if not missed and not false and not failed else 1)
PY
done
exit $status
