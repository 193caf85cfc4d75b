#!/usr/bin/env bash
# docs/scale.md's ccache recipe, run for real: a build with the compiler
# plugin behind ccache replays the plugin's findings from the cache (ccache
# keeps the compiler's stderr), and the entry is invalidated by what changes
# the findings: the plugin's content (ccache hashes -fplugin= files), the
# configuration passed as a plugin argument (it is on the command line), and
# a .clang-tidy file named in CCACHE_EXTRAFILES (without which ccache cannot
# know about it and replays stale findings).
#
#   ccache.sh <source dir> <plugin> <clang++-19>
set -euo pipefail
src=$1 plugin=$2 cxx=$3
command -v ccache >/dev/null || { echo "SKIP: ccache is not installed (apt-get install ccache)"; exit 77; }
work=$(mktemp -d /tmp/firecrash-ccache.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

export CCACHE_DIR=$work/ccache CCACHE_NOHASHDIR=1
unset CCACHE_EXTRAFILES CCACHE_DISABLE CCACHE_RECACHE CCACHE_READONLY
ccache -z >/dev/null
cp "$plugin" "$work/plugin.so"
cp -r "$src/test-inputs/projects/shop" "$work/shop"
cd "$work/shop"
sources=(src/orders.cpp src/audit.cpp src/catalog.cpp)

# build <tag> [plugin args...]: compiles every source through ccache into
# objects that are removed first, so every compile asks the cache; the
# diagnostics of all of them go to <tag>.err.
build() {
  local tag=$1; shift
  local args=()
  for a in "$@"; do args+=("-fplugin-arg-firecrash-$a"); done
  : > "$work/$tag.err"
  for s in "${sources[@]}"; do
    rm -f "$work/$(basename "$s").o"
    ccache "$cxx" -std=c++20 -Iinclude -I"$src/include" -fno-color-diagnostics \
      -fplugin="$work/plugin.so" ${args[@]+"${args[@]}"} \
      -c "$s" -o "$work/$(basename "$s").o" 2>> "$work/$tag.err" \
      || fail "compile $s ($tag)"
  done
}
# counts <hits> <misses>: ccache's counters since the last call.
counts() {
  local stats hits misses
  stats=$(ccache --print-stats)
  hits=$(awk '$1=="direct_cache_hit"{d=$2} $1=="preprocessed_cache_hit"{p=$2} END{print d+p}' <<<"$stats")
  misses=$(awk '$1=="cache_miss"{print $2}' <<<"$stats")
  [[ $hits == "$1" && $misses == "$2" ]] \
    || fail "expected $1 hits and $2 misses, ccache counted $hits and $misses"
  ccache -z >/dev/null
}

build cold
counts 0 3
grep -q "orders.cpp:9:3: warning: coroutine 'send_email'" "$work/cold.err" \
  || fail "the cold build has no finding: $(cat "$work/cold.err")"

# An unchanged build: every compile is a hit, and the findings are replayed.
build warm
counts 3 0
cmp -s "$work/cold.err" "$work/warm.err" || fail "the replayed findings differ: $(diff "$work/cold.err" "$work/warm.err")"

# The plugin changes (a rebuilt or upgraded plugin): every entry is stale.
printf '\0' >> "$work/plugin.so"
build plugin-changed
counts 0 3
cmp -s "$work/cold.err" "$work/plugin-changed.err" || fail "findings changed with the plugin's bytes"

# The configuration as a plugin argument is part of the command line.
build configured "config={Checks: '-*,firecrash-unawaited-task'}"
counts 0 3
[[ ! -s $work/configured.err ]] || fail "the configuration was not applied: $(cat "$work/configured.err")"
build configured-again "config={Checks: '-*,firecrash-unawaited-task'}"
counts 3 0

# A .clang-tidy file is not on the command line: ccache must be told.
echo "Checks: '-*,firecrash-unawaited-task'" > .clang-tidy
build tidy-file-unknown
counts 3 0
cmp -s "$work/cold.err" "$work/tidy-file-unknown.err" \
  || fail "expected ccache to replay the stale findings without CCACHE_EXTRAFILES"
export CCACHE_EXTRAFILES=$PWD/.clang-tidy
build tidy-file-known
counts 0 3
[[ ! -s $work/tidy-file-known.err ]] || fail ".clang-tidy was not applied: $(cat "$work/tidy-file-known.err")"
echo "Checks: '-*,firecrash-*'" > .clang-tidy
build tidy-file-changed
counts 0 3
cmp -s "$work/cold.err" "$work/tidy-file-changed.err" || fail "findings after restoring the checks differ"
build tidy-file-unchanged
counts 3 0
echo "PASS: ccache replays the plugin's findings and invalidates them on plugin, argument and .clang-tidy changes"
