#!/usr/bin/env bash
# What the compiler plugin adds to a compile the build already does, in time
# and in peak memory: the Beast/Asio set (Boost 1.81's Beast awaitable servers
# and every C++20 coroutine example of Asio, from Debian's libboost1.81-doc),
# compiled plain and with -fplugin=FirecrashPlugin.so (every firecrash check),
# for -c at -O0 and -O2 and for -fsyntax-only. For each mode prints the
# medians over N runs of the set's total wall time and of its largest peak
# resident set, plugin over plain, and the worst file's peak ratio; fails
# loudly when a figure cannot be measured.
#
#   bash bench/plugin-cost.sh [runs]     (needs build/, libboost1.81-doc, time)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
source bench/common.sh
PLUGIN=${FIRECRASH_PLUGIN:-build/lib/FirecrashPlugin.so}
[[ -f $PLUGIN ]] || die "build first: $PLUGIN is missing"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
for f in "${BEAST_ASIO_SET[@]}"; do
  [[ -f $f ]] || die "missing $f (apt-get install libboost1.81-doc)"
done
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# measure <output flags...> -- <compile args...>: prints "<seconds> <KiB>".
measure() {
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >"$OUT/log" 2>&1 \
    || { echo "compile failed: $*" >&2; cat "$OUT/log" >&2; exit 1; }
  read -r t m < <(tail -n 1 "$OUT/time")
  number "$t" "wall time of $*"; number "$m" "peak memory of $*"
  echo "$t $m"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) exit 1; printf "%.3f", a / b }' \
  || die "cannot compute a ratio from '$1' and '$2'"; }

printf '%-14s %9s %9s %7s %11s %11s %7s %10s\n' mode plain_s plugin_s time \
  plain_MiB plugin_MiB memory worst_file
for mode in "-O0" "-O2" "-fsyntax-only"; do
  plain_t=(); plugin_t=(); plain_m=(); plugin_m=(); worst=()
  for ((r = 0; r < RUNS; r++)); do
    tp=0 tq=0 mp=0 mq=0 w=0
    for f in "${BEAST_ASIO_SET[@]}"; do
      base=(clang++-19 $BEAST_ASIO_FLAGS -I"$BOOST_DOC/beast")
      if [[ $mode == -fsyntax-only ]]; then
        base+=(-fsyntax-only "$f")
      else
        base+=("$mode" -c "$f" -o "$OUT/object.o")
      fi
      rm -f "$OUT/object.o"
      read -r t m < <(measure "${base[@]}")
      [[ $mode == -fsyntax-only || -s $OUT/object.o ]] || die "no object file: ${base[*]}"
      rm -f "$OUT/object.o"
      read -r u n < <(measure "${base[@]}" -fplugin="$PLUGIN")
      [[ $mode == -fsyntax-only || -s $OUT/object.o ]] || die "no object file with the plugin: ${base[*]}"
      tp=$(echo "$tp + $t" | bc -l); tq=$(echo "$tq + $u" | bc -l)
      ((m > mp)) && mp=$m; ((n > mq)) && mq=$n
      w=$(awk -v w="$w" -v a="$n" -v b="$m" 'BEGIN { r = a / b; print (r > w ? r : w) }')
    done
    plain_t+=("$tp"); plugin_t+=("$tq"); plain_m+=("$mp"); plugin_m+=("$mq"); worst+=("$w")
  done
  pt=$(printf '%s\n' "${plain_t[@]}" | median); qt=$(printf '%s\n' "${plugin_t[@]}" | median)
  pm=$(printf '%s\n' "${plain_m[@]}" | median); qm=$(printf '%s\n' "${plugin_m[@]}" | median)
  wr=$(printf '%s\n' "${worst[@]}" | median)
  printf '%-14s %9.2f %9.2f %7s %11d %11d %7s %10.3f\n' "$mode" "$pt" "$qt" \
    "$(ratio "$qt" "$pt")" "$((pm / 1024))" "$((qm / 1024))" "$(ratio "$qm" "$pm")" "$wr"
done
echo "goal: time and memory ratios <= 1.03"
