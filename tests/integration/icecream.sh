#!/usr/bin/env bash
# docs/scale.md's icecream recipe, run for real on loopback: a scheduler, a
# client-side daemon that compiles nothing itself (--no-remote) and a
# "remote" daemon, all in a network namespace of their own that has only
# 127.0.0.1. The compiler environment is built with icecc-create-env and
# carries the plugin (--addfile); ICECC_TEST_REMOTEBUILD=1 and ICECC_PREFERRED_HOST
# keep icecc from building locally. Every compile must run on the remote daemon (the
# scheduler's log says where each job ran), inside the environment it
# unpacked, and print the same findings as a local build.
#
#   icecream.sh <source dir> <plugin> <clang++-19>
set -euo pipefail
src=$1 plugin=$2 cxx=$3
for tool in icecc icecc-scheduler iceccd icecc-create-env unshare ip; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing (apt-get install icecc iproute2)"; exit 77; }
done
if [[ -z ${FIRECRASH_IN_NETNS:-} ]]; then
  [[ $(id -u) == 0 ]] || { echo "SKIP: a private network namespace needs root"; exit 77; }
  exec unshare --net env FIRECRASH_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up

work=$(mktemp -d /tmp/firecrash-icecream.XXXXXX)
chmod 1777 "$work"  # the daemons drop to the icecc user
pids=()
cleanup() {
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in scheduler local remote; do
    echo "--- $log.log (last lines)" >&2
    tail -n 15 "$work/$log.log" >&2 2>/dev/null || true
  done
  exit 1
}

# The compiler environment: clang-19 and the plugin at its own path.
# (the C driver next to the given clang++: "clang" on PATH may be another
# version, whose environment could not load the plugin)
clang_c=${cxx/clang++/clang}
[[ -x $clang_c ]] || fail "no C driver $clang_c next to $cxx"
(cd "$work" && icecc-create-env --clang "$clang_c" --addfile "$plugin" > env.log 2>&1) \
  || fail "icecc-create-env: $(tail -n 5 "$work/env.log")"
env_tarball=$(ls "$work"/*.tar.gz)

port=18765
icecc-scheduler -p $port -l "$work/scheduler.log" -vvv & pids+=($!)
sleep 0.5
ICECC_TEST_SOCKET=$work/local.sock ICECC_TEST_REMOTEBUILD=1 \
  iceccd --no-remote -s 127.0.0.1:$port -b "$work/envs-local" \
  -l "$work/local.log" -N local -m 2 -vv & pids+=($!)
ICECC_TEST_SOCKET=$work/remote.sock \
  iceccd -p $((port + 2)) -s 127.0.0.1:$port -b "$work/envs-remote" \
  -l "$work/remote.log" -N remote -m 2 -vv & pids+=($!)
for _ in $(seq 60); do
  grep -qs "Connected to scheduler" "$work/local.log" &&
    grep -qs "Connected to scheduler" "$work/remote.log" && break
  sleep 1
done
grep -qs "Connected to scheduler" "$work/remote.log" || fail "the daemons did not reach the scheduler"

cp -r "$src/test-inputs/projects/shop" "$work/shop"
cd "$work/shop"
# A suppressed finding next to a reported one: NOLINT must reach the remote.
cat > src/timers.cpp <<'CPP'
#include <firecrash/runtime.hpp>
#include <string>
firecrash::fire_and_forget log_later(const std::string &);
void arm() {
  std::string line = "armed";
  log_later(line);
  log_later(line); // NOLINT(firecrash-detached-borrow)
}
CPP
flags=(-std=c++20 -Iinclude -I"$src/include" -fno-color-diagnostics -fplugin="$plugin")
# ICECC_PREFERRED_HOST: without it the scheduler may pick the client's own
# host at random and then keep it, as it has the best record.
# ICECC_REMOTE_CPP=1: clang's -frewrite-includes instead of -E, so comments
# (NOLINT) and macros reach the remote compile as they are in the source.
export ICECC_TEST_SOCKET=$work/local.sock ICECC_TEST_REMOTEBUILD=1 \
  ICECC_PREFERRED_HOST=remote ICECC_REMOTE_CPP=1 \
  ICECC_VERSION=$env_tarball ICECC_CXX=$cxx

# The scheduler places jobs on the remote daemon once it knows the daemon;
# until then it answers "build locally". Wait for one remote job.
# Jobs the remote daemon finished successfully, as the scheduler logged them.
remote_jobs() { grep -c "END [0-9]* status=0 .*server=remote" "$work/scheduler.log" || true; }
# wait_for_jobs <count> [tenths of a second]: the scheduler logs a job's end
# a moment after the client has its result (a moment that grows on a busy
# machine: the default deadline is a generous minute).
wait_for_jobs() {
  for _ in $(seq "${2:-600}"); do (( $(remote_jobs) >= $1 )) && return 0; sleep 0.1; done
  return 1
}
for attempt in $(seq 30); do
  icecc clang++ "${flags[@]}" -c src/catalog.cpp -o "$work/probe.o" 2> "$work/probe.err" || true
  wait_for_jobs 1 50 && break
  sleep 2
done
(( $(remote_jobs) > 0 )) || fail "no job ever ran on the remote daemon: $(tail -n 20 "$work/probe.err")"

for s in src/orders.cpp src/audit.cpp src/catalog.cpp src/timers.cpp; do
  o=$work/$(basename "$s")
  before=$(remote_jobs)
  "$cxx" "${flags[@]}" -c "$s" -o "$o.local.o" 2> "$o.local.err" || fail "local compile of $s"
  icecc clang++ "${flags[@]}" -c "$s" -o "$o.remote.o" 2> "$o.remote.err" \
    || fail "icecc compile of $s: $(cat "$o.remote.err")"
  wait_for_jobs $((before + 1)) || fail "$s was not compiled on the remote daemon"
  [[ -s $o.remote.o ]] || fail "no object file for $s"
  cmp -s "$o.local.err" "$o.remote.err" \
    || fail "findings of $s differ between the local and the remote compile: $(diff "$o.local.err" "$o.remote.err")"
done
grep -q "orders.cpp:9:3: warning: coroutine 'send_email'" "$work/orders.cpp.remote.err" \
  || fail "the remote compile reported nothing: $(cat "$work/orders.cpp.remote.err")"
grep -q "timers.cpp:6:3: warning: detached coroutine 'log_later'" "$work/timers.cpp.remote.err" \
  || fail "the remote compile missed the borrow: $(cat "$work/timers.cpp.remote.err")"
! grep -q "timers.cpp:7:" "$work/timers.cpp.remote.err" || fail "NOLINT was lost on the way"
grep -q "Remote compilation completed with exit code 0" "$work/remote.log" \
  || fail "the remote daemon did not compile"
echo "PASS: $(remote_jobs) compiles ran on the remote icecream daemon with the plugin; findings equal a local build's"
