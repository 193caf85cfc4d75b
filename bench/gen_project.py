#!/usr/bin/env python3
"""Writes a synthetic project of N translation units for bench/scale.sh.

Files are grouped in modules of ten; each module has a header included by its
files, and every file includes the shared header. Each file defines a request
handler whose chain crosses into the next file (a cross-file finding), a
detached coroutine started from a helper, a handler that starts one directly
(a direct finding) and filler functions, so per-file work stays the same as
the project grows.

    gen_project.py <dir> <N>   (writes <dir>/src/... and <dir>/compile_commands.json)
"""
import json
import os
import sys

COMMON = """#pragma once
#include <coroutine>
#include <exception>
namespace gen {
struct [[clang::annotate("firecrash::detached")]] fire_and_forget {
  struct promise_type {
    fire_and_forget get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};
// Suspends: a detached coroutine that awaits it is outstanding.
struct later {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
#define GEN_HANDLER [[clang::annotate("firecrash::request_handler")]]
} // namespace gen
"""


def main():
    # Absolute: the database names files against its "directory".
    root, count = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    src = os.path.join(root, "src")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "common.h"), "w") as f:
        f.write(COMMON)
    entries = []
    for i in range(count):
        module = i // 10
        header = os.path.join(src, "module%d.h" % module)
        if i % 10 == 0:
            with open(header, "w") as f:
                f.write('#pragma once\n#include "common.h"\nnamespace gen {\n')
                for j in range(module * 10, min(count, module * 10 + 10) + 1):
                    f.write("void forward_%d(int id);\n" % j)
                f.write("} // namespace gen\n")
        nxt = (i + 1) % count
        body = ['#include "module%d.h"' % module,
                '#include "module%d.h"' % (nxt // 10),
                "namespace gen {",
                "fire_and_forget audit_%d(int id) { co_await later{}; }" % i,
                "void forward_%d(int id) { audit_%d(id); }" % (i, i),
                "GEN_HANDLER void handle_%d(int id) { forward_%d(id); }" % (i, nxt),
                "GEN_HANDLER void direct_%d(int id) { audit_%d(id); }" % (i, i)]
        for k in range(20):
            body.append("int filler_%d_%d(int x) { int s = 0; for (int n = 0; n < x; ++n) s += n * %d; return s; }"
                        % (i, k, k))
        body.append("} // namespace gen")
        path = os.path.join(src, "unit%d.cpp" % i)
        with open(path, "w") as f:
            f.write("\n".join(body) + "\n")
        entries.append({"directory": root, "file": path,
                        "command": "clang++ -std=c++20 -c %s -o unit%d.o" % (path, i)})
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


main()
