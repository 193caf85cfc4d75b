#!/usr/bin/env bash
# Precision on real code nobody here wrote: every firecrash check, default
# options, over every real code base this machine has, and each finding's
# check and site so a person can judge it.
#
#   bash bench/precision.sh [name=build-dir[:source-root] ...]   (needs build/)
#
# Built in: Boost 1.81's C++20 Asio and Beast awaitable examples
# (libboost1.81-doc), standalone Asio's coroutine examples (libasio-doc),
# QCoro's examples (qcoro-doc, against Qt 6), and GCC's coroutine test suite
# (gcc-12-source). Each name=build-dir argument adds a project with its own
# compile_commands.json (for example a framework configured with CMake);
# findings in headers under its source root (default: the build directory's
# parent) are counted too. Prints, per code base, files, non-blank lines,
# findings and findings per thousand lines, then every finding.
# Exit codes: 0 done, 2 missing build or bad argument.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${FIRECRASH_BUILD_DIR:-build}
TOOL=$PWD/$BUILD/bin/firecrash
[[ -x $TOOL ]] || { echo "precision.sh: build first: $TOOL is missing" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source bench/common.sh
JOBS=$(nproc)

# run_set <name> <source root> <db dir> [header regex]: the report to
# $WORK/<name>.json, the root to $WORK/<name>.root.
run_set() {
  local name=$1 root=$2 db=$3 filter=${4:-}
  local args=(-p "$db" --format json -o "$WORK/$name.json" -j "$JOBS" --quiet)
  [[ -n $filter ]] && args+=(--header-filter="$filter")
  # Exit 1 (findings) and 3 (a unit could not be analysed) still report.
  "$TOOL" "${args[@]}" 2>"$WORK/$name.err" || [[ $? == 1 || $? == 3 ]] \
    || { echo "precision.sh: $name: firecrash failed:" >&2; cat "$WORK/$name.err" >&2; return 0; }
  echo "$root" > "$WORK/$name.root"
  echo "$name" >> "$WORK/sets"
}

# Boost 1.81: the C++20 Asio examples and Beast's awaitable servers.
if [[ -d $BOOST_DOC ]]; then
  mapfile -t files < <(find "$BOOST_DOC/asio/example/cpp20" -name '*.cpp' | sort;
                       find "$BOOST_DOC/beast/example" -name '*awaitable*.cpp' | sort)
  make_db "$WORK/boost" "-std=c++20 -I$BOOST_DOC/beast/example/common -I$BOOST_DOC/beast -include list" "${files[@]}"
  run_set boost-examples "$BOOST_DOC" "$WORK/boost"
fi

# Standalone Asio 1.22: its coroutine examples.
ASIO_DOC=/usr/share/doc/libasio-dev/examples
if [[ -d $ASIO_DOC ]]; then
  mapfile -t files < <(grep -rl --include='*.cpp' -e co_spawn -e co_await "$ASIO_DOC" | sort)
  make_db "$WORK/asio" "-std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE" "${files[@]}"
  run_set asio-examples "$ASIO_DOC" "$WORK/asio"
fi

# QCoro 0.8: its examples, against Qt 6. They include headers by their
# source-tree paths ("qcoro/network/qcoronetworkreply.h") and moc output
# ("main.moc"): shims point at the installed headers, and Qt's moc writes
# each file's .moc next to nothing of Debian's.
QCORO_DOC=/usr/share/doc/qcoro-doc
MOC=/usr/lib/qt6/libexec/moc
if [[ -d $QCORO_DOC && -x $MOC ]]; then
  QT=/usr/include/x86_64-linux-gnu/qt6
  QTFLAGS="-std=c++20 -fPIC -I$WORK/qcoro-shim -I/usr/include/qcoro6 -I/usr/include/qcoro6/QCoro -I/usr/include/qcoro6/qcoro -I$QT -I$QCORO_DOC/examples/dbus"
  for m in QtCore QtGui QtWidgets QtNetwork QtDBus QtConcurrent QtTest; do QTFLAGS+=" -I$QT/$m"; done
  # docs/examples holds snippets, not programs.
  mapfile -t files < <(find "$QCORO_DOC/examples" -name '*.cpp' | sort)
  grep -ho '"qcoro/[a-z]*/[a-z_]*\.h"' "${files[@]}" | tr -d '"' | sort -u | while read -r h; do
    mkdir -p "$WORK/qcoro-shim/$(dirname "$h")"
    echo "#include <qcoro/$(basename "$h")>" > "$WORK/qcoro-shim/$h"
  done
  mkdir -p "$WORK/qcoro"
  { echo "["; sep=""
    for f in "${files[@]}"; do
      extra=""
      if moc_name=$(grep -o '"[^"]*\.moc"' "$f" | tr -d '"'); then
        mocdir=$WORK/qcoro-moc/$(echo "$f" | md5sum | cut -c1-8)
        mkdir -p "$mocdir"
        "$MOC" ${QTFLAGS//-std=c++20 -fPIC/} -o "$mocdir/$moc_name" "$f" 2>/dev/null || true
        extra="-I$mocdir"
      fi
      printf '%s{"directory": "%s", "file": "%s", "command": "clang++ %s %s -c %s"}\n' \
        "$sep" "$WORK/qcoro" "$f" "$QTFLAGS" "$extra" "$f"
      sep=","
    done
    echo "]"; } > "$WORK/qcoro/compile_commands.json"
  run_set qcoro-examples "$QCORO_DOC" "$WORK/qcoro"
fi

# GCC 12's coroutine test suite, every coroutine where it stands.
GCC_TARBALL=$(ls /usr/src/gcc-12/gcc-*.tar.* 2>/dev/null | head -n 1 || true)
if [[ -n $GCC_TARBALL ]]; then
  mkdir -p "$WORK/gcc-src"
  tar -xf "$GCC_TARBALL" -C "$WORK/gcc-src" --wildcards '*/g++.dg/coroutines/*'
  mapfile -t files < <(find "$WORK/gcc-src" -path '*g++.dg/coroutines*' -name '*.C' | sort)
  make_db "$WORK/gcc" "-x c++ -std=c++20 -w" "${files[@]}"
  run_set gcc-coroutine-suite "$(dirname "${files[0]}")" "$WORK/gcc"
fi

# Projects brought onto this machine: name=build-dir[:source-root].
for spec in "$@"; do
  [[ $spec == *=* ]] || { echo "precision.sh: expected name=build-dir[:source-root], got '$spec'" >&2; exit 2; }
  name=${spec%%=*}; rest=${spec#*=}
  db=${rest%%:*}; root=${rest#*:}; [[ $root == "$rest" ]] && root=$(dirname "$db")
  [[ -f $db/compile_commands.json ]] || { echo "precision.sh: no compile_commands.json in '$db'" >&2; exit 2; }
  root=$(realpath "$root")
  run_set "$name" "$root" "$(realpath "$db")" "$root/.*"
done

[[ -f $WORK/sets ]] || { echo "precision.sh: no code base to analyse" >&2; exit 2; }
python3 - "$WORK" <<'EOF'
import json, os, sys
work = sys.argv[1]
names = open(os.path.join(work, "sets")).read().split()
rows, listing = [], []
def lines_of(root):
    total, files = 0, 0
    for d, _, fs in os.walk(root):
        for f in fs:
            if f.endswith((".cpp", ".cc", ".cxx", ".C", ".h", ".hpp", ".hh")):
                try:
                    with open(os.path.join(d, f), errors="replace") as h:
                        total += sum(1 for l in h if l.strip())
                    files += 1
                except OSError:
                    pass
    return total
def lines_of_files(db_dir):
    # The analysed files and the headers beside them.
    seen, total = set(), 0
    for entry in json.load(open(os.path.join(db_dir, "compile_commands.json"))):
        d = os.path.dirname(entry["file"])
        paths = [entry["file"]] + [os.path.join(d, f) for f in os.listdir(d)
                                   if f.endswith((".h", ".hpp", ".hh"))]
        for p in paths:
            if p in seen:
                continue
            seen.add(p)
            with open(p, errors="replace") as h:
                total += sum(1 for l in h if l.strip())
    return total
builtin = {"boost-examples": "boost", "asio-examples": "asio",
           "qcoro-examples": "qcoro", "gcc-coroutine-suite": "gcc"}
for name in names:
    report = json.load(open(os.path.join(work, name + ".json")))
    root = open(os.path.join(work, name + ".root")).read().strip()
    summary = report["summary"]
    lines = lines_of(root) if name not in builtin else lines_of_files(
        os.path.join(work, builtin[name]))
    findings = report["findings"]
    per = len(findings) / (lines / 1000) if lines else 0
    rows.append((name, summary["files_analyzed"], summary["files_failed"], lines, len(findings), per))
    for f in findings:
        path = os.path.relpath(f["file"], root) if f["file"].startswith(root) else f["file"]
        listing.append("%s  %s  %s:%d  %s" % (name, f["check"], path, f["line"], f["message"]))
print("| code base | files | not analysed | non-blank lines | findings | per 1,000 lines |")
print("|---|---:|---:|---:|---:|---:|")
tl = tf = 0
for name, files, failed, lines, n, per in rows:
    print("| %s | %d | %d | %d | %d | %.3f |" % (name, files, failed, lines, n, per))
    tl += lines; tf += n
print("| all | | | %d | %d | %.3f |" % (tl, tf, tf / (tl / 1000) if tl else 0))
print()
print("Findings (code base, check, site, message):")
for l in listing:
    print("  " + l)
EOF
