#!/usr/bin/env bash
# What crash isolation costs, as ratios: the tool's default run (units in
# worker processes) over --in-process (the same analysis in the tool's own
# process, where one crash ends the run), wall time and peak memory, at -j2,
# median of several alternating runs:
#   - the Beast/Asio set (heavy real coroutine units: Boost 1.81's docs);
#   - the bundled example project;
#   - a generated project of 300 units (bench/gen_project.py, as scale.sh).
# Goal: <= 1.03x wall time at -j2.
#
#   bash bench/workers-cost.sh [runs]        (needs build/; about 5 minutes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-5}
BUILD=${FIRECRASH_BUILD_DIR:-build}
TOOL=$PWD/$BUILD/bin/firecrash
[[ -x $TOOL ]] || { echo "workers-cost.sh: build first: $TOOL is missing" >&2; exit 2; }
source bench/common.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# run <db dir> <extra flags...>: prints "<wall seconds> <peak KiB>"; the
# whole process tree's peak is the largest one process reached.
run() {
  local db=$1; shift
  local status=0
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$TOOL" -p "$db" -j2 --quiet \
    --format json -o "$WORK/report.json" "$@" 2> "$WORK/stderr" || status=$?
  ((status <= 1)) || die "firecrash failed ($status): $(tail -n 3 "$WORK/stderr")"
  tail -n 1 "$WORK/time"
}

measure() { # <name> <db dir>
  local name=$1 db=$2 w=() wm=() p=() pm=() t m
  run "$db" > /dev/null # warm the file cache
  for ((r = 0; r < RUNS; r++)); do
    read -r t m < <(run "$db"); number "$t" "$name workers"; w+=("$t"); wm+=("$m")
    cp "$WORK/report.json" "$WORK/workers.json"
    read -r t m < <(run "$db" --in-process); number "$t" "$name in-process"; p+=("$t"); pm+=("$m")
    cmp -s "$WORK/report.json" "$WORK/workers.json" \
      || die "$name: the reports of the two paths differ"
  done
  local wt pt wmem pmem
  wt=$(printf '%s\n' "${w[@]}" | median); pt=$(printf '%s\n' "${p[@]}" | median)
  wmem=$(printf '%s\n' "${wm[@]}" | median); pmem=$(printf '%s\n' "${pm[@]}" | median)
  awk -v n="$name" -v wt="$wt" -v pt="$pt" -v wm="$wmem" -v pm="$pmem" 'BEGIN {
    printf "| %s | %.2f | %.2f | %.3f | %d | %d |\n", n, pt, wt, wt / pt, pm / 1024, wm / 1024 }'
}

make_db "$WORK/beast" "$BEAST_ASIO_FLAGS -I$PWD/include" "${BEAST_ASIO_SET[@]}"
[[ -f ${BEAST_ASIO_SET[0]} ]] || die "libboost1.81-doc is not installed"
python3 bench/gen_project.py "$WORK/gen" 300 > /dev/null
[[ -f $WORK/gen/compile_commands.json ]] || die "gen_project.py wrote no database"
cmake -S test-inputs/projects/shop -B "$WORK/shop" -G Ninja \
  -DFIRECRASH_INCLUDE="$PWD/include" > /dev/null

echo "firecrash worker processes against --in-process, -j2, median of $RUNS"
echo
echo "| set | in-process s | workers s | ratio | in-process peak MiB | worker peak MiB |"
echo "|---|---:|---:|---:|---:|---:|"
measure "Beast/Asio set" "$WORK/beast"
measure "bundled example (shop)" "$WORK/shop"
measure "generated, 300 units" "$WORK/gen"
