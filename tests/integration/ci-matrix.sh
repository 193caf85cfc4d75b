#!/usr/bin/env bash
# docs/scale.md's CI matrix recipe, run as its jobs would run: one process per
# shard, concurrently, each in a workspace of its own writing one summary
# file (the job's artefact); then a report job that gathers the artefacts
# into one directory and merges them. The merged JSON and SARIF reports, and
# the exit code, must equal those of one unsharded run.
#
#   ci-matrix.sh <source dir> <firecrash binary> <clang++-19> <cmake>
set -euo pipefail
src=$1 tool=$2 cxx=$3 cmake=${4:-cmake}
work=$(mktemp -d /tmp/firecrash-matrix.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# One checkout holding both bundled projects: five translation units, two
# cross-file chains.
repo=$work/repo
mkdir -p "$repo"
cp -r "$src/test-inputs/projects/shop" "$repo/shop"
cp -r "$src/test-inputs/projects/jobs" "$repo/jobs"
cat > "$repo/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(repo LANGUAGES CXX)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
set(FIRECRASH_INCLUDE $src/include)
add_subdirectory(shop)
add_subdirectory(jobs)
CMAKE
"$cmake" -S "$repo" -B "$repo/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" >/dev/null \
  || fail "configure"

run() { # run <expected exit codes regex> <command...>: runs in the checkout
  local expect=$1; shift
  local status=0
  (cd "$repo" && "$@") || status=$?
  [[ $status =~ ^($expect)$ ]] || fail "'$*' exited $status"
}
run 1 "$tool" -p build --format json -o "$work/whole.json"
run 1 "$tool" -p build --format sarif --sarif-category firecrash/ci -o "$work/whole.sarif"

# The matrix: three shard jobs at once, each leaving one artefact.
shards=3
for i in $(seq $shards); do
  mkdir -p "$work/artefact-$i"
  (cd "$repo" && "$tool" summarize -p build --shard "$i/$shards" --quiet \
      -o "$work/artefact-$i/firecrash-shard-$i.firecrash.json") &
done
wait || fail "a shard job failed"
for i in $(seq $shards); do
  [[ -s $work/artefact-$i/firecrash-shard-$i.firecrash.json ]] || fail "shard $i left no summary"
done

# The report job: artefacts downloaded into one directory, then merged.
mkdir -p "$work/summaries"
cp "$work"/artefact-*/*.firecrash.json "$work/summaries/"
run 1 "$tool" merge --format json -o "$work/merged.json" "$work/summaries"
run 1 "$tool" merge --format sarif --sarif-category firecrash/ci -o "$work/merged.sarif" "$work/summaries"
cmp -s "$work/whole.json" "$work/merged.json" \
  || fail "the merged JSON report differs: $(diff "$work/whole.json" "$work/merged.json" | head -n 20)"
cmp -s "$work/whole.sarif" "$work/merged.sarif" \
  || fail "the merged SARIF report differs: $(diff "$work/whole.sarif" "$work/merged.sarif" | head -n 20)"
n=$(jq '.findings | length' "$work/merged.json")
cross=$(jq '[.findings[] | select(.cross_translation_unit)] | length' "$work/merged.json")
files=$(jq '.summary.files_analyzed' "$work/merged.json")
((n >= 4 && cross == 2 && files == 5)) \
  || fail "expected both projects' findings (2 cross-file) from 5 files: $n findings, $cross cross-file, $files files"
echo "PASS: $shards shard jobs and a merge give the unsharded report ($n findings, $cross across files)"
