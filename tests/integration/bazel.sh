#!/usr/bin/env bash
# docs/scale.md's Bazel recipe, run for real and offline with Debian's
# bazel-bootstrap: bazel/firecrash.bzl's aspect writes one summary per source
# as a declared output of a hermetic action, firecrash_report merges them,
# and the report's findings equal those of a `firecrash` run over the same
# sources. After `bazel clean`, a rebuild with --disk_cache takes every
# summary and the report from the cache instead of running them.
#
#   bazel.sh <source dir> <firecrash> <plugin> <clang++-19>
set -euo pipefail
src=$(realpath "$1") tool=$(realpath "$2") plugin=$(realpath "$3") cxx=$4
command -v bazel >/dev/null || { echo "SKIP: bazel is not installed (apt-get install bazel-bootstrap)"; exit 77; }
work=$(mktemp -d /tmp/firecrash-bazel.XXXXXX)
ws=$work/ws
bazel_() { (cd "$ws" && bazel --output_user_root="$work/root" --batch "$@"); }
cleanup() { [[ -n ${FIRECRASH_KEEP_WORK:-} ]] || rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Bazel 4.2.3 loads @rules_cc and @rules_java from the network; offline, two
# local repositories that forward to its native rules stand in for them
# (Debian's bazel-rules-cc is written for a newer Bazel).
mkdir -p "$work/rules_cc/cc" "$work/rules_java/java"
touch "$work"/rules_cc/{WORKSPACE,BUILD,cc/BUILD} "$work"/rules_java/{WORKSPACE,BUILD,java/BUILD}
cat > "$work/rules_cc/cc/defs.bzl" <<'BZL'
cc_binary = native.cc_binary
cc_library = native.cc_library
cc_toolchain = native.cc_toolchain
cc_toolchain_suite = native.cc_toolchain_suite
BZL
cat > "$work/rules_java/java/defs.bzl" <<'BZL'
java_binary = native.java_binary
java_import = native.java_import
java_library = native.java_library
java_plugin = native.java_plugin
java_runtime = native.java_runtime
java_toolchain = native.java_toolchain
BZL

# The firecrash repository: an installation's layout, declared with the
# new_local_repository of docs/scale.md.
prefix=$work/prefix
mkdir -p "$prefix/bin" "$prefix/lib/firecrash" "$prefix/include" "$prefix/share/firecrash/bazel"
cp "$tool" "$prefix/bin/firecrash"
cp "$plugin" "$prefix/lib/firecrash/FirecrashPlugin.so"
cp -r "$src/include/firecrash" "$prefix/include/"
cp "$src/bazel/firecrash.bzl" "$prefix/share/firecrash/bazel/"

mkdir -p "$ws"
cp -r "$src/test-inputs/projects/shop/src" "$src/test-inputs/projects/shop/include" "$ws/"
cat > "$ws/WORKSPACE" <<BZL
local_repository(name = "rules_cc", path = "$work/rules_cc")
local_repository(name = "rules_java", path = "$work/rules_java")
new_local_repository(
    name = "firecrash",
    path = "$prefix",
    build_file_content = """
alias(name = "firecrash", actual = "bin/firecrash", visibility = ["//visibility:public"])
alias(name = "FirecrashPlugin.so", actual = "lib/firecrash/FirecrashPlugin.so", visibility = ["//visibility:public"])
cc_library(name = "runtime", hdrs = glob(["include/firecrash/**"]), includes = ["include"],
           visibility = ["//visibility:public"])
""",
)
BZL
cat > "$ws/BUILD" <<'BZL'
load("@firecrash//:share/firecrash/bazel/firecrash.bzl", "firecrash_report")
cc_library(
    name = "shop",
    srcs = glob(["src/*.cpp"]),
    hdrs = glob(["include/shop/*.h"]),
    # Not `includes`: Bazel passes those as -isystem, and firecrash, like
    # clang-tidy, does not analyse system headers.
    strip_include_prefix = "include",
    copts = ["-std=c++20"],
    deps = ["@firecrash//:runtime"],
)
firecrash_report(name = "report", deps = [":shop"])
BZL
echo "build --disk_cache=$work/disk-cache --action_env=CC=${cxx/clang++/clang} --noshow_progress" > "$ws/.bazelrc"

bazel_ build //:report > "$work/cold.log" 2>&1 || fail "bazel build: $(tail -n 30 "$work/cold.log")"
report=$ws/bazel-bin/report.json
[[ -s $report ]] || fail "no report"
summaries=$(find -L "$ws/bazel-bin/shop.firecrash" -name '*.firecrash.json' | wc -l)
((summaries == 3)) || fail "expected 3 summaries as outputs, found $summaries"
cp "$report" "$work/cold.json"

# The same sources through the tool: the same findings.
cat > "$ws/compile_commands.json" <<JSON
[$(for f in orders audit catalog; do
    printf '{"directory": "%s", "file": "src/%s.cpp", "command": "%s -std=c++20 -Iinclude -I%s/include -c src/%s.cpp"},' \
      "$ws" "$f" "$cxx" "$prefix" "$f"
  done | sed 's/,$//')]
JSON
(cd "$ws" && "$tool" -p . --format json -o "$work/tool.json") && status=0 || status=$?
((status == 1)) || fail "the tool run ended with $status"
findings() { # the primary location and message of every finding
  python3 -c 'import json,sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["check"], f["file"], f["line"], f["column"], f["message"], f["cross_translation_unit"])' "$1"
}
diff <(findings "$work/tool.json") <(findings "$report") > "$work/diff" \
  || fail "the Bazel report differs from the tool's: $(cat "$work/diff")"
(($(findings "$report" | wc -l) == 3)) || fail "expected 3 findings: $(findings "$report")"
# (grep reads the whole list: with pipefail, `grep -q` would close the pipe
# early and fail the pipeline when the writer is still writing)
findings "$report" > "$work/findings.txt"
grep -q "firecrash-detached-coroutine src/orders.cpp 10 3 .*through 'record_checkout' in another file.* True" \
  "$work/findings.txt" || fail "no cross-file chain in the Bazel report"

# A clean rebuild: every action comes from the disk cache.
bazel_ clean > /dev/null 2>&1
bazel_ build //:report > "$work/warm.log" 2>&1 || fail "rebuild: $(tail -n 30 "$work/warm.log")"
# (Bazel 4 counts --disk_cache hits as "remote cache hit")
hits=$(grep -oE "[0-9]+ (disk|remote) cache hit" "$work/warm.log" | grep -oE "^[0-9]+" || echo 0)
((hits >= 4)) || fail "expected the 3 summaries and the merge from the disk cache, got $hits hits: $(tail -n 5 "$work/warm.log")"
cmp -s "$work/cold.json" "$report" || fail "the cached report differs"
echo "PASS: Bazel built 3 summaries and a report equal to the tool's; a clean rebuild took $hits actions from the disk cache"
