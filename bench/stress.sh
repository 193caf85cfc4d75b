#!/usr/bin/env bash
# Pathological inputs, bounded: time and peak memory of `firecrash` on
# generated inputs (bench/gen_stress.py) at four sizes each, and the growth
# exponent of each (least-squares slope of log time, and of log memory above
# the tool's idle footprint, against log size: 1.0 is linear).
#   handlers   one unit with up to 5,000 request handlers
#   chain      a call chain up to 1,000 deep (MaxCallDepth unbounded)
#   recursion  up to 1,000 functions in one cycle (MaxCallDepth unbounded,
#              and default)
#   macros     up to 5,000 macro-generated coroutines and handlers
#   lines      one unit of up to 200,000 lines
#   units      a database of up to 10,000 units
#
#   bash bench/stress.sh            (needs build/; about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${FIRECRASH_BUILD_DIR:-build}
TOOL=$PWD/$BUILD/bin/firecrash
[[ -x $TOOL ]] || { echo "stress.sh: build first: $TOOL is missing" >&2; exit 2; }
source bench/common.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JOBS=$(nproc)
UNBOUNDED='{CheckOptions: {MaxCallDepth: 1000000}}'

# measure <case>[:default] <size>: prints "<size> <seconds> <peak KiB>
# <findings>"; ":default" runs with the default options instead.
measure() {
  local kind=${1%:default} dir=$WORK/$1-$2 status=0 config=$UNBOUNDED
  [[ $1 == *:default ]] && config='{}'
  python3 bench/gen_stress.py "$kind" "$2" "$dir"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$TOOL" -p "$dir" -j "$JOBS" \
    --config "$config" --format json -o "$WORK/report.json" 2> "$WORK/stderr" \
    || status=$?
  ((status <= 1)) || die "$1 $2: firecrash failed ($status): $(tail -n 3 "$WORK/stderr")"
  local t m
  read -r t m < <(tail -n 1 "$WORK/time")
  number "$t" "$1 $2 time"
  echo "$2 $t $m $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$WORK/report.json")"
  rm -rf "$dir"
}

# The tool's footprint on an empty unit: what memory growth is measured above.
python3 bench/gen_stress.py units 1 "$WORK/idle"
/usr/bin/time -f "%e %M" -o "$WORK/time" "$TOOL" -p "$WORK/idle" --quiet > /dev/null 2>&1 || true
read -r IDLE_T IDLE_M < <(tail -n 1 "$WORK/time")

echo "firecrash stress benchmark, $JOBS cores, MaxCallDepth unbounded unless ':default'"
echo "(idle run: ${IDLE_T} s, $((IDLE_M / 1024)) MiB)"
echo
echo "| case | sizes | seconds | peak MiB | findings | time exponent | memory exponent |"
echo "|---|---|---|---|---|---:|---:|"
run_case() { # <case> <sizes...>
  local name=$1; shift
  local rows=()
  for n in "$@"; do rows+=("$(measure "$name" "$n")"); done
  printf '%s\n' "${rows[@]}" | python3 -c '
import math, sys
name, idle_t, idle_m = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
def slope(xs, ys):
    lx = [math.log(x) for x in xs]; ly = [math.log(max(y, 1e-3)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)
n = [r[0] for r in rows]
t = [max(r[1] - idle_t, 0.01) for r in rows]
m = [max(r[2] - idle_m, 1024) for r in rows]
print("| %s | %s | %s | %s | %s | %.2f | %.2f |" % (
    name, " / ".join("%d" % x for x in n), " / ".join("%.2f" % r[1] for r in rows),
    " / ".join("%d" % (r[2] / 1024) for r in rows), " / ".join("%d" % r[3] for r in rows),
    slope(n, t), slope(n, m)))
' "$name" "$IDLE_T" "$IDLE_M"
}
run_case handlers 625 1250 2500 5000
run_case chain 125 250 500 1000
run_case recursion 125 250 500 1000
run_case recursion:default 125 250 500 1000
run_case macros 625 1250 2500 5000
run_case lines 25000 50000 100000 200000
run_case units 1250 2500 5000 10000
echo
echo "Exponents are of time and memory above the idle run's; 1.0 is linear."
