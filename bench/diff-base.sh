#!/usr/bin/env bash
# What --diff-base costs on a pull request that changes one helper, as
# ratios against a full run:
#   - bench/gen_project.py's projects of 1,000 and 3,000 units in a git
#     repository whose base commit has forward_<k>() in unit<k>.cpp start
#     nothing; the working tree restores its call of a detached coroutine,
#     which the handler in unit<k-1>.cpp reaches: one finding across files;
#   - a full run (no --diff-base, no cache), a --diff-base run without a
#     cache, and one whose cache the base's own run filled (as CI on the main
#     branch does): wall time, units analysed here and at the base, and
#     the findings reported (1 expected).
#
#   bash bench/diff-base.sh [sizes...]   (default 1000 3000; needs build/)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${FIRECRASH_BUILD_DIR:-build}
TOOL=$PWD/$BUILD/bin/firecrash
[[ -x $TOOL ]] || { echo "build first: $TOOL is missing" >&2; exit 2; }
source bench/common.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JOBS=$(nproc)
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 3000)

# run <time var> <json out> <args...>: the tool in the project, timed.
run() {
  local -n out=$1
  local json=$2
  shift 2
  local status=0
  /usr/bin/time -f "%e" -o "$WORK/time" "$TOOL" -j "$JOBS" --format json \
    -o "$json" "$@" 2> "$WORK/stderr" || status=$?
  ((status <= 1)) || die "'$*' failed ($status): $(tail -n 3 "$WORK/stderr")"
  out=$(tail -n 1 "$WORK/time")
  number "$out" "wall time of $*"
}
# field <json> <python expression over r>: a value of a report.
field() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

echo "firecrash --diff-base benchmark, $JOBS cores, -j$JOBS"
for n in "${sizes[@]}"; do
  dir=$WORK/p$n
  python3 bench/gen_project.py "$dir" "$n"
  k=$((n / 2))
  unit=$dir/src/unit$k.cpp
  cp "$unit" "$WORK/changed.cpp"
  sed -i "s/^void forward_$k(int id) { audit_$k(id); }/void forward_$k(int id) {}/" "$unit"
  git -C "$dir" init -q
  git -C "$dir" add -A
  git -C "$dir" -c user.name=bench -c user.email=bench@example.invalid \
    -c commit.gpgsign=false commit -q -m base
  run base_cache "$WORK/base.json" -p "$dir" --cache-dir "$WORK/cache$n"
  cp "$WORK/changed.cpp" "$unit"

  cd "$dir"
  run full "$WORK/full.json" -p "$dir"
  run cold "$WORK/cold.json" -p "$dir" --diff-base HEAD
  run warm "$WORK/warm.json" -p "$dir" --diff-base HEAD --cache-dir "$WORK/cache$n"
  cd - > /dev/null
  for r in cold warm; do
    got=$(field "$WORK/$r.json" 'len(r["findings"])')
    ((got == 1)) || die "$n units, $r: $got findings, expected 1"
  done
  here=$(field "$WORK/warm.json" 'r["summary"]["diff_base"]["analysed_here"]')
  base=$(field "$WORK/warm.json" 'r["summary"]["diff_base"]["analysed_at_base"]')
  cold_here=$(field "$WORK/cold.json" 'r["summary"]["diff_base"]["analysed_here"]')
  cold_base=$(field "$WORK/cold.json" 'r["summary"]["diff_base"]["analysed_at_base"]')
  echo
  printf '  %d units, one helper changed (unit%d.cpp)\n' "$n" "$k"
  printf '    full run                      %7.2fs  %5d units analysed\n' "$full" "$n"
  printf '    --diff-base, no cache         %7.2fs  %5d here + %d at the base  (%.3fx the full run)\n' \
    "$cold" "$cold_here" "$cold_base" "$(echo "$cold / $full" | bc -l)"
  printf '    --diff-base, base run cached  %7.2fs  %5d here + %d at the base  (%.3fx the full run)\n' \
    "$warm" "$here" "$base" "$(echo "$warm / $full" | bc -l)"
done
