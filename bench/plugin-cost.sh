#!/usr/bin/env bash
# What the compiler plugin adds to a compile the build already does: clang++-19
# -c of Boost 1.81's Beast/Asio awaitable examples (Debian's libboost1.81-doc),
# plain and with -fplugin=FirecrashPlugin.so (every firecrash check), at -O0
# and -O2. Prints medians of N runs and the ratio plugin/plain; fails loudly
# when a figure cannot be measured.
#
#   bash bench/plugin-cost.sh [runs]     (needs build/ and libboost1.81-doc)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
source bench/common.sh
PLUGIN=${FIRECRASH_PLUGIN:-build/lib/FirecrashPlugin.so}
[[ -f $PLUGIN ]] || { echo "build first: $PLUGIN is missing" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

seconds() { # one compile; prints its wall time, or fails
  /usr/bin/time -f "%e" -o "$OUT/time" "$@" >"$OUT/log" 2>&1 \
    || { echo "compile failed: $*" >&2; cat "$OUT/log" >&2; exit 1; }
  [[ -s $OUT/object.o ]] || { echo "no object file written: $*" >&2; exit 1; }
  tail -n 1 "$OUT/time"
}

printf '%-36s %-4s %8s %8s %8s\n' file opt plain plugin ratio
for f in "${HEAVY_TUS[@]}"; do
  [[ -f $f ]] || { echo "missing $f (apt-get install libboost1.81-doc)" >&2; exit 1; }
  for opt in -O0 -O2; do
    base=(clang++-19 -std=c++20 "$opt" -I"$BOOST_DOC/beast/example/common" -c "$f" -o "$OUT/object.o")
    plain=(); plugged=()
    for ((i = 0; i < RUNS; i++)); do
      rm -f "$OUT/object.o"; plain+=("$(seconds "${base[@]}")")
      rm -f "$OUT/object.o"; plugged+=("$(seconds "${base[@]}" -fplugin="$PLUGIN")")
    done
    p=$(printf '%s\n' "${plain[@]}" | median)
    q=$(printf '%s\n' "${plugged[@]}" | median)
    ratio=$(awk -v a="$q" -v b="$p" 'BEGIN { if (b <= 0) exit 1; printf "%.3f", a / b }') \
      || { echo "cannot compute a ratio from '$q' and '$p'" >&2; exit 1; }
    printf '%-36s %-4s %8s %8s %8s\n' "$(basename "$f")" "$opt" "$p" "$q" "$ratio"
  done
done
