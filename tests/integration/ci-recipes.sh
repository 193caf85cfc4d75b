#!/usr/bin/env bash
# The CI recipes of docs/ci.md that can run here: the pre-commit hook over a
# real git repository and compile database, and the GitLab Code Quality
# conversion of the JSON report.
#
#   ci-recipes.sh <source dir> <firecrash binary> <clang++-19> <cmake>
set -euo pipefail
src=$1 tool=$2 cxx=$3 cmake=${4:-cmake}
work=$(mktemp -d /tmp/firecrash-ci.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A repository holding the bundled example and one clean file.
repo=$work/repo
mkdir -p "$repo"
cp "$src/examples/shop/orders.cpp" "$repo/"
cat > "$repo/clean.cpp" <<'CPP'
#include <firecrash/runtime.hpp>
firecrash::task<int> answer() { co_return 42; }
CPP
cat > "$repo/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(repo LANGUAGES CXX)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
add_library(repo OBJECT orders.cpp clean.cpp)
target_include_directories(repo PRIVATE $src/include)
target_compile_features(repo PRIVATE cxx_std_20)
CMAKE
git -C "$repo" init -q
git -C "$repo" -c user.email=ci@example.com -c user.name=ci commit -q --allow-empty -m init
"$cmake" -S "$repo" -B "$repo/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" >/dev/null \
  || fail "configure the repository"
hook=$src/scripts/firecrash-pre-commit
export FIRECRASH=$tool FIRECRASH_BUILD_DIR=build
unset FIRECRASH_ARGS  # the environment of whoever runs the tests must not leak in

# Nothing staged: nothing to do.
(cd "$repo" && "$hook") || fail "the hook fails with nothing staged"
# A clean source staged: the commit goes through.
git -C "$repo" add clean.cpp
(cd "$repo" && "$hook") > "$work/clean.log" 2>&1 \
  || { cat "$work/clean.log"; fail "the hook refuses a clean source"; }
# The buggy source staged: refused, with the findings.
git -C "$repo" add orders.cpp
set +e
(cd "$repo" && "$hook") > "$work/bug.log" 2>&1
status=$?
set -e
[[ $status == 1 ]] || { cat "$work/bug.log"; fail "the hook exits $status on findings, expected 1"; }
n=$(grep -c "warning: .*\[firecrash-" "$work/bug.log" || true)
[[ $n == 3 ]] || { cat "$work/bug.log"; fail "the hook shows $n findings, expected 3"; }
# A missing database is a clear usage error.
set +e
(cd "$repo" && FIRECRASH_BUILD_DIR=nowhere "$hook") > "$work/nodb.log" 2>&1
status=$?
set -e
[[ $status == 2 ]] && grep -q "no nowhere/compile_commands.json" "$work/nodb.log" \
  || { cat "$work/nodb.log"; fail "a missing database gives exit $status"; }
echo "pre-commit hook: clean passes, findings refuse the commit (exit 1), no database is exit 2"

# GitLab Code Quality from the JSON report.
set +e
"$tool" -p "$repo/build" --format json -o "$work/firecrash.json"
status=$?
set -e
[[ $status == 1 ]] || fail "firecrash --format json exits $status, expected 1"
jq -f "$src/scripts/gitlab-code-quality.jq" "$work/firecrash.json" > "$work/cq.json" \
  || fail "the jq recipe fails"
[[ $(jq length "$work/cq.json") == 3 ]] || fail "the Code Quality report does not hold 3 issues"
jq -e 'all(.[]; (.description|type)=="string" and (.check_name|startswith("firecrash-"))
          and (.fingerprint|length)==16 and (.severity=="minor")
          and (.location.path|endswith("orders.cpp")) and (.location.lines.begin|type)=="number")' \
  "$work/cq.json" >/dev/null || { cat "$work/cq.json"; fail "malformed Code Quality issues"; }
echo "GitLab Code Quality: 3 well-formed issues"
