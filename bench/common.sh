# Sourced by the benchmark scripts: what they share.

# The heavy real coroutine translation units (Boost 1.81's Beast/Asio
# awaitable examples, Debian's libboost1.81-doc).
BOOST_DOC=/usr/share/doc/libboost1.81-doc/examples/libs
HEAVY_TUS=(
  "$BOOST_DOC/beast/example/http/server/awaitable/http_server_awaitable.cpp"
  "$BOOST_DOC/beast/example/websocket/server/awaitable/websocket_server_awaitable.cpp"
  "$BOOST_DOC/asio/example/cpp20/coroutines/chat_server.cpp"
)

# die <message>: fails the benchmark loudly.
die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# median: the median of the numbers on stdin; fails when there are none.
median() {
  sort -g | awk '{a[NR]=$1} END {if (NR == 0) exit 1; print a[int((NR+1)/2)]}' \
    || die "no figures to take a median of"
}

# number <value> <what>: fails unless <value> is a non-negative number.
number() { [[ $1 =~ ^[0-9]+([.][0-9]+)?$ ]] || die "not a number: '$1' ($2)"; }

# The Beast/Asio set: the two Beast awaitable servers and every C++20
# coroutine example of Asio, and the flags they compile with.
BEAST_ASIO_SET=(
  "$BOOST_DOC/beast/example/http/server/awaitable/http_server_awaitable.cpp"
  "$BOOST_DOC/beast/example/websocket/server/awaitable/websocket_server_awaitable.cpp"
  "$BOOST_DOC"/asio/example/cpp20/coroutines/*.cpp
)
BEAST_ASIO_FLAGS="-std=c++20 -I$BOOST_DOC/beast/example/common"

# A compile database over the given files: <dir> <flags> <files...>
make_db() {
  local dir=$1 flags=$2; shift 2
  mkdir -p "$dir"
  { echo "["; local sep=""
    for f in "$@"; do
      printf '%s{"directory": "%s", "file": "%s", "command": "clang++ %s -c %s"}\n' \
        "$sep" "$dir" "$f" "$flags" "$f"
      sep=","
    done
    echo "]"; } > "$dir/compile_commands.json"
}
