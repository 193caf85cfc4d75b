#!/usr/bin/env bash
# How firecrash scales, in one run, as ratios:
#   - generated projects of 100, 300, 1,000 and 3,000 translation units
#     (bench/gen_project.py: handlers, helpers and detached coroutines spread
#     across files, two findings per file, one of them across files): total
#     wall time, time per file, and the exponent of a least-squares fit of
#     time against size (1.0 is linear);
#   - `firecrash merge` of 10,000 per-file summaries (a 10,000-file project
#     summarized, then split into one file per unit, as the compiler plugin
#     leaves them): wall time and peak memory;
#   - --cache-dir: cold against warm on the Beast/Asio set and on the
#     1,000-file project, and how many files a touched header re-analyses.
#
#   bash bench/scale.sh           (needs build/; takes about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${FIRECRASH_BUILD_DIR:-build}
TOOL=$PWD/$BUILD/bin/firecrash
[[ -x $TOOL ]] || { echo "build first: $TOOL is missing" >&2; exit 2; }
source bench/common.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JOBS=$(nproc)

# wall <out var> <peak var> <cmd...>: runs the command (exit 0 or 1 is fine).
wall() {
  local -n out=$1 peak=$2; shift 2
  local status=0
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/stdout" 2> "$WORK/stderr" || status=$?
  ((status <= 1)) || die "'$*' failed ($status): $(tail -n 3 "$WORK/stderr")"
  read -r out peak < <(tail -n 1 "$WORK/time")
  number "$out" "wall time of $*"
}
# findings <json report>: how many findings it holds.
findings() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$1"; }
# reanalysed: the "M analysed" of the last run's cache line.
reanalysed() { grep -oE "[0-9]+ analysed" "$WORK/stderr" | grep -oE "^[0-9]+" || die "no cache line: $(cat "$WORK/stderr")"; }

echo "firecrash scale benchmark, $JOBS cores, -j$JOBS"
echo
echo "generated projects (2 findings per file, 1 across files):"
sizes=(100 300 1000 3000)
points=()
for n in "${sizes[@]}"; do
  dir=$WORK/p$n
  python3 bench/gen_project.py "$dir" "$n"
  wall t m "$TOOL" -p "$dir" -j "$JOBS" --format json -o "$WORK/p$n.json"
  got=$(findings "$WORK/p$n.json")
  ((got == 2 * n)) || die "$n files gave $got findings, expected $((2 * n))"
  printf '  %5d files  %7.2fs  %6.2f ms/file  peak %4d MiB\n' "$n" "$t" \
    "$(echo "1000 * $t / $n" | bc -l)" $((m / 1024))
  points+=("$n $t")
done
printf '%s\n' "${points[@]}" | python3 -c '
import math, sys
xs, ys = zip(*[(math.log(float(a)), math.log(float(b))) for a, b in (l.split() for l in sys.stdin)])
mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
k = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
print("  fitted exponent of time against files: %.3f (1.0 = linear)" % k)'

echo
echo "merge of 10,000 summaries:"
dir=$WORK/p10000
python3 bench/gen_project.py "$dir" 10000
wall t m "$TOOL" summarize -p "$dir" -j "$JOBS" --quiet --root "$dir" -o "$WORK/all.firecrash.json"
printf '  summarize 10,000 files: %.1fs\n' "$t"
python3 - "$WORK/all.firecrash.json" "$WORK/summaries" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
os.makedirs(sys.argv[2])
for i, unit in enumerate(doc["units"]):
    with open(os.path.join(sys.argv[2], "unit%05d.firecrash.json" % i), "w") as f:
        json.dump({"firecrashSummary": doc["firecrashSummary"], "version": doc["version"],
                   "units": [unit]}, f, separators=(",", ":"))
PY
files=$(find "$WORK/summaries" -name '*.firecrash.json' | wc -l)
size=$(du -sm "$WORK/summaries" | cut -f1)
pushd "$dir" > /dev/null   # the summaries' paths are relative to it
# merge_median <jobs> <format>: sets merge_time to the median wall time of
# 3 merges and merge_peak to the last one's peak memory (KiB).
merge_median() {
  local jobs=$1 format=$2 times=() t i
  for i in 1 2 3; do
    wall t merge_peak "$TOOL" merge -j "$jobs" --format "$format" -o "$WORK/merged.$format" "$WORK/summaries"
    times+=("$t")
  done
  merge_time=$(printf '%s\n' "${times[@]}" | median)
}
merge_median "$JOBS" json
got=$(findings "$WORK/merged.json")
((got == 20000)) || die "the merge gave $got findings, expected 20000"
printf '  %d summary files (%d MiB), %d findings; median of 3, goal under 1 s:\n' \
  "$files" "$size" "$got"
for run in "$JOBS json" "$JOBS sarif" "1 json"; do
  read -r jobs format <<< "$run"
  merge_median "$jobs" "$format"
  printf '  merge -j%d to %-5s  %5.2fs  (%.2fx the goal)  peak %d MiB\n' \
    "$jobs" "$format" "$merge_time" "$merge_time" $((merge_peak / 1024))
done
popd > /dev/null

echo
echo "result cache (--cache-dir), cold against warm:"
cache_set() { # <name> <db dir> <header to touch>
  local name=$1 dir=$2 header=$3 cold warm again m
  rm -rf "$WORK/cache"
  wall cold m "$TOOL" -p "$dir" -j "$JOBS" --cache-dir "$WORK/cache"
  wall warm m "$TOOL" -p "$dir" -j "$JOBS" --cache-dir "$WORK/cache"
  [[ $(reanalysed) == 0 ]] || die "$name: the warm run re-analysed $(reanalysed) files"
  printf '  %-22s cold %7.2fs  warm %6.3fs  (%.0fx)\n' "$name" "$cold" "$warm" \
    "$(echo "$cold / $warm" | bc -l)"
  if [[ -n $header ]]; then
    echo "// touched" >> "$header"
    wall again m "$TOOL" -p "$dir" -j "$JOBS" --cache-dir "$WORK/cache"
    printf '  %-22s after touching %s: %d files re-analysed in %.2fs\n' "" \
      "$(basename "$header")" "$(reanalysed)" "$again"
  fi
}
present=()
for f in "${BEAST_ASIO_SET[@]}"; do [[ -f $f ]] && present+=("$f"); done
if ((${#present[@]})); then
  make_db "$WORK/beast" "$BEAST_ASIO_FLAGS" "${present[@]}"
  cache_set "Beast/Asio (${#present[@]} files)" "$WORK/beast" ""
else
  echo "  Beast/Asio examples: missing (apt-get install libboost1.81-doc libboost1.81-dev)"
fi
# module5.h is included by unit50..59 and by unit49 (which calls into unit50).
cache_set "generated (1,000 files)" "$WORK/p1000" "$WORK/p1000/src/module5.h"
