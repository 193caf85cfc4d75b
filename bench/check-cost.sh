#!/usr/bin/env bash
# What firecrash-detached-coroutine costs inside clang-tidy-19, on real heavy
# coroutine translation units (Boost 1.81's Beast/Asio awaitable examples from
# Debian's libboost1.81-doc). Prints, per file and configuration, medians of
# N runs of:
#   syntax   clang++-19 -fsyntax-only wall time (the floor)
#   tidy     clang-tidy-19 --load ... wall time
#   check    the check's own time from --enable-check-profile
#   share    check / tidy
#   mem      peak RSS of clang-tidy-19 vs syntax-only
#
#   bash bench/check-cost.sh [runs]     (needs build/ and libboost1.81-doc)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
MODULE=${FIRECRASH_MODULE:-build/lib/FirecrashModule.so}
DOC=/usr/share/doc/libboost1.81-doc/examples/libs
FILES=(
  "$DOC/beast/example/http/server/awaitable/http_server_awaitable.cpp"
  "$DOC/beast/example/websocket/server/awaitable/websocket_server_awaitable.cpp"
  "$DOC/asio/example/cpp20/coroutines/chat_server.cpp"
)
[[ -f $MODULE ]] || { echo "build first: $MODULE is missing" >&2; exit 2; }
INCLUDES=(-I"$DOC/beast/example/common")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # prints "<seconds> <maxrss KB>"
  /usr/bin/time -f "%e %M" -o /tmp/firecrash-bench.time "$@" >/tmp/firecrash-bench.out 2>&1 || true
  tail -n 1 /tmp/firecrash-bench.time
}

printf '%-36s %-10s %8s %8s %8s %7s %8s %9s\n' file config syntax tidy check share tidy/syn mem
for f in "${FILES[@]}"; do
  [[ -f $f ]] || { echo "missing $f (apt-get install libboost1.81-doc)" >&2; continue; }
  syn_t=(); syn_m=()
  for ((i = 0; i < RUNS; i++)); do
    read -r t m < <(measure clang++-19 -std=c++20 -fsyntax-only "${INCLUDES[@]}" "$f")
    syn_t+=("$t"); syn_m+=("$m")
  done
  syn=$(printf '%s\n' "${syn_t[@]}" | median); synm=$(printf '%s\n' "${syn_m[@]}" | median)
  for config in default all-handlers; do
    cfg=()
    [[ $config == all-handlers ]] && cfg=("-config={CheckOptions: {HandlerFunctions: '.*'}}")
    tidy_t=(); check_t=(); tidy_m=()
    for ((i = 0; i < RUNS; i++)); do
      read -r t m < <(measure clang-tidy-19 --load="$MODULE" -checks='-*,firecrash-*' \
        --enable-check-profile "${cfg[@]}" "$f" -- -std=c++20 "${INCLUDES[@]}")
      c=$(awk '/firecrash-detached-coroutine$/ {print $(NF-2)+0; exit}' /tmp/firecrash-bench.out)
      tidy_t+=("$t"); tidy_m+=("$m"); check_t+=("${c:-0}")
    done
    tidy=$(printf '%s\n' "${tidy_t[@]}" | median)
    check=$(printf '%s\n' "${check_t[@]}" | median)
    mem=$(printf '%s\n' "${tidy_m[@]}" | median)
    printf '%-36s %-10s %8.2f %8.2f %8.4f %6.2f%% %7.2fx %4dM/%dM\n' "$(basename "$f")" "$config" \
      "$syn" "$tidy" "$check" "$(echo "100*$check/$tidy" | bc -l)" "$(echo "$tidy/$syn" | bc -l)" \
      $((mem / 1024)) $((synm / 1024))
  done
done
