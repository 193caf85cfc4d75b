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
         share/doc/firecrash/checks/detached-borrow.md; do
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
"$cmake" --build "$work/consumer" > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; fail "the consumer does not build"; }
grep -q "timers.cpp:11:3: warning: detached coroutine 'log_later' borrows local 'line' of 'arm'.*\[firecrash-detached-borrow\]" \
  "$work/build.log" || { cat "$work/build.log"; fail "no finding in the consumer's build"; }
ls "$work"/consumer/CMakeFiles/consumer.dir/timers.cpp.o >/dev/null \
  || fail "the plugin build wrote no object file"
echo "consumer: find_package(firecrash) + firecrash_enable report the finding"

# 2. The bundled example with CMAKE_CXX_CLANG_TIDY from the package.
cat > "$work/tidy.cmake" <<CMAKE
find_package(firecrash REQUIRED PATHS "$work/prefix" NO_DEFAULT_PATH)
set(CMAKE_CXX_CLANG_TIDY "\${FIRECRASH_CLANG_TIDY_COMMAND}" CACHE STRING "" FORCE)
CMAKE
"$cmake" -S "$src/examples/shop" -B "$work/shop-tidy" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PROJECT_INCLUDE="$work/tidy.cmake" \
  >/dev/null || fail "configure the example with CMAKE_CXX_CLANG_TIDY"
"$cmake" --build "$work/shop-tidy" > "$work/tidy.log" 2>&1 \
  || { cat "$work/tidy.log"; fail "the example does not build under clang-tidy"; }
n=$(grep -c "warning: .*\[firecrash-" "$work/tidy.log" || true)
[[ $n == 3 ]] || { cat "$work/tidy.log"; fail "CMAKE_CXX_CLANG_TIDY: $n findings, expected 3"; }
echo "example: CMAKE_CXX_CLANG_TIDY reports 3 findings"

# 3. The bundled example with the plugin in CMAKE_CXX_FLAGS.
"$cmake" -S "$src/examples/shop" -B "$work/shop-plugin" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS="-fplugin=$work/prefix/lib/firecrash/FirecrashPlugin.so" \
  >/dev/null || fail "configure the example with the plugin"
"$cmake" --build "$work/shop-plugin" > "$work/plugin.log" 2>&1 \
  || { cat "$work/plugin.log"; fail "the example does not build with the plugin"; }
n=$(grep -c "warning: .*\[firecrash-" "$work/plugin.log" || true)
[[ $n == 3 ]] || { cat "$work/plugin.log"; fail "plugin: $n findings, expected 3"; }
echo "example: the plugin in CMAKE_CXX_FLAGS reports 3 findings"
