#!/usr/bin/env bash
# What the firecrash tool costs, measured in one run, as ratios:
#   firecrash -j1 wall time over clang++-19 -fsyntax-only of the same
#   translation units (the floor: the AST must be built), -j1 over -j2, and
#   peak memory; on the bundled example and on heavy real coroutine TUs
#   (Boost 1.81's Beast/Asio examples from Debian's libboost1.81-doc).
#   Then the cross-TU merge on synthetic summaries.
#
#   bash bench/tool-cost.sh [runs]        (needs build/)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
BUILD=${FIRECRASH_BUILD_DIR:-build}
TOOL=$BUILD/bin/firecrash
[[ -x $TOOL ]] || { echo "build first: $TOOL is missing" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

source bench/common.sh
# time_of <cmd...>: prints "<wall seconds> <max RSS KB>"
time_of() {
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$WORK/time"
}

measure_set() { # <name> <db dir> <flags> <files...>
  local name=$1 dir=$2 flags=$3; shift 3
  local syn=() synm=() one=() onem=() two=() par=()
  for ((r = 0; r < RUNS; r++)); do
    local total=0 peak=0
    for f in "$@"; do
      read -r t m < <(time_of clang++-19 $flags -fsyntax-only "$f")
      total=$(echo "$total + $t" | bc -l); ((m > peak)) && peak=$m
    done
    syn+=("$total"); synm+=("$peak")
    # The machine's own ceiling: the same syntax-only runs, two processes at
    # a time.
    read -r t m < <(time_of bash -c 'printf "%s\0" "$@" | xargs -0 -P 2 -n 1 clang++-19 '"$flags"' -fsyntax-only' _ "$@")
    par+=("$t")
    read -r t m < <(time_of "$TOOL" -p "$dir" -j 1 ${TOOL_ARGS[@]+"${TOOL_ARGS[@]}"}); one+=("$t"); onem+=("$m")
    read -r t m < <(time_of "$TOOL" -p "$dir" -j 2 ${TOOL_ARGS[@]+"${TOOL_ARGS[@]}"}); two+=("$t")
  done
  local s o w sm om p
  s=$(printf '%s\n' "${syn[@]}" | median); o=$(printf '%s\n' "${one[@]}" | median)
  w=$(printf '%s\n' "${two[@]}" | median)
  p=$(printf '%s\n' "${par[@]}" | median)
  sm=$(printf '%s\n' "${synm[@]}" | median); om=$(printf '%s\n' "${onem[@]}" | median)
  printf '%-20s %2d TUs  syntax %6.2fs  firecrash -j1 %6.2fs (%.3fx)  -j2 %6.2fs (speed-up %.2fx; syntax-only in 2 processes: %.2fx)  peak %dM vs %dM\n' \
    "$name" "$#" "$s" "$o" "$(echo "$o/$s" | bc -l)" "$w" "$(echo "$o/$w" | bc -l)" \
    "$(echo "$s/$p" | bc -l)" $((om / 1024)) $((sm / 1024))
}

echo "medians of $RUNS runs on $(nproc) cores"
make_db "$WORK/example" "-std=c++20 -I$PWD/include" "$PWD/examples/shop/orders.cpp"
measure_set "bundled example" "$WORK/example" "-std=c++20 -I$PWD/include" "$PWD/examples/shop/orders.cpp"
present=()
for f in "${BEAST_ASIO_SET[@]}"; do [[ -f $f ]] && present+=("$f"); done
if ((${#present[@]})); then
  flags=$BEAST_ASIO_FLAGS
  make_db "$WORK/beast" "$flags" "${present[@]}"
  measure_set "Beast/Asio examples" "$WORK/beast" "$flags" "${present[@]}"
  # The worst case: all five checks, and every function a request handler,
  # so every start is examined and every chain followed.
  TOOL_ARGS=(--checks='-*,firecrash-*'
             --config="{CheckOptions: {HandlerFunctions: '.*', RequireBorrowedState: false}}")
  measure_set "  every fn a handler" "$WORK/beast" "$flags" "${present[@]}"
  TOOL_ARGS=()
else
  echo "Beast/Asio examples: missing (apt-get install libboost1.81-doc libboost1.81-dev)"
fi
echo "cross-TU merge:"
"$BUILD/bench/firecrash_merge_bench" 2500 5000 10000 20000
