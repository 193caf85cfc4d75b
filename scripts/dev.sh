#!/usr/bin/env bash
# firecrash developer entry point: installs what is missing, builds, and runs.
#
#   bash scripts/dev.sh example   # build, then run firecrash on examples/shop
#   bash scripts/dev.sh test      # build, then run every test
#   bash scripts/dev.sh build     # just build
#
# Exit codes: 0 success, 1 tests failed, 2 usage error, 3 set-up failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${FIRECRASH_BUILD_DIR:-build}
PACKAGES=(cmake ninja-build clang-19 clang-tidy-19 libclang-19-dev llvm-19-dev
          libgtest-dev nlohmann-json3-dev gcc-12-source g++ libclang-rt-19-dev
          libboost1.81-dev libboost1.81-doc libasio-dev qcoro-qt6-dev libssl-dev
          jq git)

install_missing() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "firecrash: installing ${missing[*]}" >&2
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq || { echo "firecrash: apt-get update failed" >&2; exit 3; }
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "firecrash: could not install ${missing[*]}" >&2; exit 3; }
}

build() {
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null \
    || { echo "firecrash: cmake configuration failed" >&2; exit 3; }
  cmake --build "$BUILD_DIR" || { echo "firecrash: build failed" >&2; exit 3; }
}

case "${1:-}" in
  example)
    install_missing
    build
    cmake -S examples/shop -B "$BUILD_DIR/examples-shop" -G Ninja >/dev/null \
      || { echo "firecrash: cannot configure examples/shop" >&2; exit 3; }
    set -x
    "$BUILD_DIR/bin/firecrash" -p "$BUILD_DIR/examples-shop" || [[ $? == 1 ]]
    ;;
  test)
    install_missing
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" || exit 1
    ;;
  build)
    install_missing
    build
    ;;
  *)
    echo "usage: bash scripts/dev.sh example|test|build" >&2
    exit 2
    ;;
esac
