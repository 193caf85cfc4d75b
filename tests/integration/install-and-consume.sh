#!/usr/bin/env bash
# Installs the built firecrash to a temporary prefix, then builds a consumer
# project with find_package(firecrash) and firecrash_enable(): the build must
# succeed and print the plugin's finding. Then builds the bundled example
# with CMAKE_CXX_CLANG_TIDY set to FIRECRASH_CLANG_TIDY_COMMAND and with the
# plugin in CMAKE_CXX_FLAGS: each normal build reports the example's findings.
#
#   install-and-consume.sh <build dir> <source dir> <clang++-19> <cmake>
set -euo pipefail
build=$1 src=$2 cxx=$3 cmake=${4:-cmake}
work=$(mktemp -d /tmp/firecrash-consume.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$work/prefix" >/dev/null \
  || fail "cmake --install failed"
for f in bin/firecrash lib/firecrash/FirecrashModule.so \
         lib/firecrash/FirecrashPlugin.so include/firecrash/runtime.hpp \
         lib/cmake/firecrash/firecrashConfig.cmake \
         share/doc/firecrash/checks/detached-borrow.md \
         share/firecrash/bazel/firecrash.bzl; do
  [[ -e "$work/prefix/$f" ]] || fail "not installed: $f"
done
"$work/prefix/bin/firecrash" --version | grep -q "LLVM 19" \
  || fail "the installed tool does not run"

# 1. find_package + firecrash_enable: the plugin reports during the build.
"$cmake" -S "$src/tests/integration/consumer" -B "$work/consumer" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$work/prefix" \
  > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure"; }
grep -q "firecrash plugin: $work/prefix/lib/firecrash/FirecrashPlugin.so" \
  "$work/configure.log" || fail "FIRECRASH_PLUGIN does not point into the prefix"
grep -q "firecrash-tidy: $work/prefix/bin/firecrash-tidy" "$work/configure.log" \
  || fail "FIRECRASH_TIDY does not point into the prefix"
grep -q "firecrash-clangd: $work/prefix/bin/firecrash-clangd" "$work/configure.log" \
  || fail "FIRECRASH_CLANGD does not point into the prefix"
"$work/prefix/bin/firecrash-tidy" --list-checks -checks='-*,firecrash-*' \
  | grep -q "firecrash-detached-borrow" || fail "the installed firecrash-tidy lists no firecrash check"
"$work/prefix/bin/firecrash-clangd" --version | grep -q "clangd version 19" \
  || fail "the installed firecrash-clangd does not run"
"$cmake" --build "$work/consumer" > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; fail "the consumer does not build"; }
grep -q "timers.cpp:11:3: warning: detached coroutine 'log_later' borrows local 'line' of 'arm'.*\[firecrash-detached-borrow\]" \
  "$work/build.log" || { cat "$work/build.log"; fail "no finding in the consumer's build"; }
ls "$work"/consumer/CMakeFiles/consumer.dir/timers.cpp.o >/dev/null \
  || fail "the plugin build wrote no object file"
# The summaries the build left merge into the same finding.
set +e
(cd "$src/tests/integration/consumer" &&
  "$work/prefix/bin/firecrash" merge --quiet "$work/consumer/firecrash-summaries") > "$work/merged.txt"
status=$?
set -e
[[ $status == 1 ]] || fail "merging the build's summaries exits $status, expected 1"
grep -q "^timers.cpp:11:3: warning: detached coroutine 'log_later'" "$work/merged.txt" \
  || { cat "$work/merged.txt"; fail "the merged summaries lack the finding"; }
echo "consumer: find_package(firecrash) + firecrash_enable report the finding, and leave summaries that merge to it"

# Builds the bundled example in $1 with the extra configure arguments after
# it; the normal build must print the example's three findings.
build_example() {
  local dir=$1; shift
  "$cmake" -S "$src/examples/shop" -B "$work/$dir" -G Ninja \
    -DCMAKE_CXX_COMPILER="$cxx" "$@" >/dev/null || fail "configure $dir"
  "$cmake" --build "$work/$dir" > "$work/$dir.log" 2>&1 \
    || { cat "$work/$dir.log"; fail "the example does not build ($dir)"; }
  local n
  n=$(grep -c "warning: .*\[firecrash-" "$work/$dir.log" || true)
  [[ $n == 3 ]] || { cat "$work/$dir.log"; fail "$dir: $n findings, expected 3"; }
}

# 2. The bundled example with CMAKE_CXX_CLANG_TIDY from the package.
cat > "$work/tidy.cmake" <<CMAKE
find_package(firecrash REQUIRED PATHS "$work/prefix" NO_DEFAULT_PATH)
set(CMAKE_CXX_CLANG_TIDY "\${FIRECRASH_CLANG_TIDY_COMMAND}" CACHE STRING "" FORCE)
CMAKE
build_example shop-tidy -DCMAKE_PROJECT_INCLUDE="$work/tidy.cmake"
echo "example: CMAKE_CXX_CLANG_TIDY reports 3 findings"

# 3. The bundled example with the plugin in CMAKE_CXX_FLAGS.
build_example shop-plugin \
  -DCMAKE_CXX_FLAGS="-fplugin=$work/prefix/lib/firecrash/FirecrashPlugin.so"
echo "example: the plugin in CMAKE_CXX_FLAGS reports 3 findings"
