#!/usr/bin/env bash
# What the firecrash checks cost inside clang-tidy-19, on real heavy coroutine
# translation units (Boost 1.81's Beast/Asio awaitable examples from Debian's
# libboost1.81-doc). Per file and configuration, medians of N runs of:
#   syntax   clang++-19 -fsyntax-only wall time (the floor)
#   tidy     clang-tidy-19 --load ... -checks=-*,firecrash-* wall time, with
#            the profiler OFF (profiling inflates the time it measures)
#   <check>  each check's own wall time from a separate run with
#            --enable-check-profile, and its share of 'tidy'
#   mem      peak RSS of clang-tidy-19 vs syntax-only
# Configurations: default options, and every function a handler.
# Fails loudly (exit 1) when a figure cannot be measured or read.
#
#   bash bench/check-cost.sh [runs]     (needs build/ and libboost1.81-doc)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
source bench/common.sh
MODULE=${FIRECRASH_MODULE:-build/lib/FirecrashModule.so}
CHECKS=(detached-borrow detached-coroutine detached-this detaching-spawn unawaited-task)
[[ -f $MODULE ]] || { echo "build first: $MODULE is missing" >&2; exit 2; }
INCLUDES=(-I"$BOOST_DOC/beast/example/common")
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

measure() { # runs a command; prints "<seconds> <maxrss KB>"
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >"$OUT/out" 2>&1 \
    || die "failed: $* (see below)$(echo; tail -5 "$OUT/out")"
  tail -n 1 "$OUT/time"
}
# The wall time of check firecrash-$1 in a --enable-check-profile output:
# "user ( %)  system ( %)  user+system ( %)  wall ( %)  name".
profiled() {
  awk -v name="firecrash-$1" '$NF == name {print $(NF-3); found=1; exit}
    END {if (!found) exit 1}' "$OUT/out" || die "no profile line for firecrash-$1"
}

printf '%-31s %-12s %7s %7s %7s' file config syntax tidy tidy/syn
for c in "${CHECKS[@]}"; do printf ' %19s' "$c"; done
printf ' %11s\n' mem
for f in "${HEAVY_TUS[@]}"; do
  [[ -f $f ]] || die "missing $f (apt-get install libboost1.81-doc)"
  syn_t=(); syn_m=()
  for ((i = 0; i < RUNS; i++)); do
    read -r t m < <(measure clang++-19 -std=c++20 -fsyntax-only "${INCLUDES[@]}" "$f")
    number "$t" syntax; syn_t+=("$t"); syn_m+=("$m")
  done
  syn=$(printf '%s\n' "${syn_t[@]}" | median); synm=$(printf '%s\n' "${syn_m[@]}" | median)
  for config in default all-handlers; do
    cfg=()
    [[ $config == all-handlers ]] && cfg=("-config={CheckOptions: {HandlerFunctions: '.*'}}")
    tidy_t=(); tidy_m=()
    declare -A per=()
    for ((i = 0; i < RUNS; i++)); do
      read -r t m < <(measure clang-tidy-19 --load="$MODULE" -checks='-*,firecrash-*' \
        "${cfg[@]}" "$f" -- -std=c++20 "${INCLUDES[@]}")
      number "$t" tidy; tidy_t+=("$t"); tidy_m+=("$m")
      measure clang-tidy-19 --load="$MODULE" -checks='-*,firecrash-*' \
        --enable-check-profile "${cfg[@]}" "$f" -- -std=c++20 "${INCLUDES[@]}" >/dev/null
      for c in "${CHECKS[@]}"; do
        v=$(profiled "$c"); number "$v" "$c"
        per[$c]="${per[$c]:-} $v"
      done
    done
    tidy=$(printf '%s\n' "${tidy_t[@]}" | median)
    mem=$(printf '%s\n' "${tidy_m[@]}" | median)
    printf '%-31s %-12s %7.2f %7.2f %6.2fx' "$(basename "$f")" "$config" "$syn" "$tidy" \
      "$(awk -v a="$tidy" -v b="$syn" 'BEGIN {printf "%.3f", a / b}')"
    for c in "${CHECKS[@]}"; do
      v=$(printf '%s\n' ${per[$c]} | median)
      printf ' %8.4fs %7.3f%%' "$v" "$(awk -v a="$v" -v b="$tidy" 'BEGIN {printf "%.4f", 100 * a / b}')"
    done
    printf ' %4dM/%dM\n' $((mem / 1024)) $((synm / 1024))
    unset per
  done
done
