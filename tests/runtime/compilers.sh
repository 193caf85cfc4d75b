#!/usr/bin/env bash
# Builds the runtime's test suite with one compiler, optimisation level and
# sanitizer set, and runs it with the default 8 MiB stack. Line tables only
# (-g1): a sanitizer's report still names file and line, at 60% of -g's
# compile time.
#
#   compilers.sh <compiler> <-O0|-O2> <plain|asan> <source dir> <work dir>
set -euo pipefail
compiler=$1 opt=$2 variant=$3 src=$4 work=$5
mkdir -p "$work"
flags=(-std=c++20 -fexceptions -Wall -Wextra -Werror "$opt" -g1
       -I"$src/include" -pthread)
if [[ $variant == asan ]]; then
  flags+=(-fsanitize=address,undefined -fno-sanitize-recover=all
          -fno-omit-frame-pointer)
fi
"$compiler" "${flags[@]}" "$src"/tests/runtime/{RuntimeTest,HomeControllerTest,StressTest,StackSafetyTest}.cpp \
  -lgtest -lgtest_main -o "$work/runtime-tests" \
  || { echo "FAIL: $compiler $opt $variant does not build the runtime tests" >&2; exit 1; }
ulimit -s 8192
"$work/runtime-tests" --gtest_brief=1
