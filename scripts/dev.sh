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
# What building and running the tool needs; the example needs no more.
EXAMPLE_PACKAGES=(cmake ninja-build clang-19 clang-tidy-19 libclang-19-dev llvm-19-dev
                  libgtest-dev nlohmann-json3-dev libsimdjson-dev g++)
# What the whole test suite needs.
PACKAGES=(cmake ninja-build clang-19 clang-tidy-19 libclang-19-dev llvm-19-dev
          libgtest-dev nlohmann-json3-dev libsimdjson-dev gcc-12-source g++ libclang-rt-19-dev
          libboost1.81-dev libboost1.81-doc libasio-dev qcoro-qt6-dev libssl-dev
          jq git python3-jsonschema libicu72 chromium ccache icecc iproute2
          bazel-bootstrap libgrpc++-dev libprotobuf-dev libabsl-dev)

# install_missing <package...>: installs those not installed yet.
install_missing() {
  local missing=() pkg
  for pkg in "$@"; do
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

# The SARIF validator (Microsoft's SARIF Multitool) for the SARIF test, from
# the npm registry into the build directory; without npm the test says why it
# is skipped.
SARIF_MULTITOOL_VERSION=5.7.0
install_sarif_validator() {
  local dir="$BUILD_DIR/npm"
  local bin="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  if [[ ! -x $bin ]]; then
    # Debian's npm only where no npm is on PATH (a NodeSource node brings
    # its own, which Debian's would conflict with).
    command -v npm >/dev/null || (install_missing npm) || true
    if command -v npm >/dev/null; then
      npm install --prefix "$dir" --no-audit --no-fund --silent \
        "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION" >/dev/null 2>&1 \
        || echo "firecrash: npm could not install the SARIF validator; its test will be skipped" >&2
      # npm does not run the package's chmod postinstall unasked. (An if:
      # a false test as the function's last command would end the script
      # under set -e before any test ran.)
      if [[ -f $bin ]]; then chmod u+x "$bin"; fi
    else
      echo "firecrash: npm is missing; the SARIF validator test will be skipped" >&2
    fi
  fi
}

# build [target...]: configures and builds everything, or only the targets.
build() {
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null \
    || { echo "firecrash: cmake configuration failed" >&2; exit 3; }
  local targets=()
  (($# > 0)) && targets=(--target "$@")
  cmake --build "$BUILD_DIR" "${targets[@]}" || { echo "firecrash: build failed" >&2; exit 3; }
}

build_sanitized() {
  cmake -S . -B "$BUILD_DIR-sanitize" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DFIRECRASH_SANITIZE=ON -DFIRECRASH_EDITORS=OFF >/dev/null \
    || { echo "firecrash: cmake configuration of the sanitized build failed" >&2; exit 3; }
  cmake --build "$BUILD_DIR-sanitize" \
    || { echo "firecrash: the sanitized build failed" >&2; exit 3; }
}

case "${1:-}" in
  example)
    # Only what the example needs: the tool, not the tests or the editors.
    install_missing "${EXAMPLE_PACKAGES[@]}"
    build firecrash
    cmake -S examples/shop -B "$BUILD_DIR/examples-shop" -G Ninja >/dev/null \
      || { echo "firecrash: cannot configure examples/shop" >&2; exit 3; }
    set -x
    "$BUILD_DIR/bin/firecrash" -p "$BUILD_DIR/examples-shop" || [[ $? == 1 ]]
    ;;
  test)
    install_missing "${PACKAGES[@]}"
    build
    install_sarif_validator
    status=0
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" || status=1
    # The analyzer itself under ASan+UBSan, and its fuzz targets, in a tree
    # of their own.
    build_sanitized
    ctest --test-dir "$BUILD_DIR-sanitize" --output-on-failure -j"$(nproc)" \
      -L 'sanitize|fuzz' || status=1
    exit $status
    ;;
  build)
    install_missing "${PACKAGES[@]}"
    build
    ;;
  *)
    echo "usage: bash scripts/dev.sh example|test|build" >&2
    exit 2
    ;;
esac
