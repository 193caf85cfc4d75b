#!/usr/bin/env python3
"""Drives firecrash-clangd over stdio as an editor would, and checks what it
publishes.

    lsp-session.py <firecrash-clangd> <compile-commands-dir> <source file>

1. initialize; didOpen of the source: a firecrash finding must be published
   with its code and related information (its notes);
2. didChange adding a handler that starts a detached coroutine: a new
   firecrash finding must appear at that line;
3. codeAction at that finding: an action must carry firecrash's fix-it
   (the callee returns a task, the call is co_awaited);
4. didChange back to the original text: the finding of step 2 must go.
Prints each step and exits 0 on success, 1 with the reason otherwise.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402

clangd, cdb_dir, source = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
uri = lsp.file_uri(source)
text = open(source).read()
session = lsp.Session([clangd, "--compile-commands-dir=" + cdb_dir, "--clang-tidy",
                       "--background-index=false", "--log=error"])


def fail(why):
    print("FAIL: " + why + "; stderr: " + session.stderr_tail())
    session.proc.kill()
    sys.exit(1)


def firecrash(version):
    diags = session.diagnostics(uri, version, timeout=120)
    if diags is None:
        fail("no diagnostics for version %d" % version)
    return [d for d in diags if str(d.get("code", "")).startswith("firecrash-")]


init = session.send("initialize", {
    "processId": os.getpid(), "rootUri": lsp.file_uri(os.path.dirname(source)),
    "capabilities": {"textDocument": {
        "publishDiagnostics": {"relatedInformation": True},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}}}},
    request=True)
if session.wait_for(lambda m: m.get("id") == init, 120) is None:
    fail("no answer to initialize")
session.send("initialized", {})
session.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1, "text": text}})
first = firecrash(1)
if not first:
    fail("no firecrash finding after didOpen")
print("step 1: %d firecrash findings; first: [%s] line %d: %s; %d related notes" % (
    len(first), first[0]["code"], first[0]["range"]["start"]["line"] + 1, first[0]["message"].splitlines()[0],
    len(first[0].get("relatedInformation", []))))
if not any(d.get("relatedInformation") for d in first):
    fail("the findings carry no related notes")

added = text + """
namespace shop {
namespace {
firecrash::fire_and_forget ping_warehouse(int id) {
  co_await std::suspend_always{};
  (void)id;
}
} // namespace
FIRECRASH_REQUEST_HANDLER firecrash::task<> typed_just_now(int id) {
  ping_warehouse(id);
  co_return;
}
} // namespace shop
"""
added_line = added.count("\n", 0, added.index("ping_warehouse(id);"))
session.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": added}]})
second = firecrash(2)
new = [d for d in second if d["range"]["start"]["line"] == added_line]
if not new:
    fail("no finding at the detached call typed at line %d: %s" % (added_line + 1, json.dumps(second)[:2000]))
print("step 2: the typed detached call is reported: [%s] %s" % (new[0]["code"], new[0]["message"].splitlines()[0]))

# The typed call's callee has internal linkage and one use: firecrash offers
# its fix-it (return a task, co_await the call).
target = new[0]
action = session.send("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": target["range"],
                                                  "context": {"diagnostics": [target]}}, request=True)
answer = session.wait_for(lambda m: m.get("id") == action, 120)
actions = (answer or {}).get("result") or []
fixes = [a for a in actions if "co_await" in json.dumps(a.get("edit", {}))]
if not fixes:
    fail("no code action with the fix-it for [%s] at line %d: %s" % (
        target["code"], target["range"]["start"]["line"] + 1, json.dumps(actions)[:2000]))
print("step 3: code action '%s' for [%s] inserts co_await" % (fixes[0]["title"], target["code"]))

session.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]})
third = firecrash(3)
if any(d["range"]["start"]["line"] == added_line for d in third):
    fail("the finding stayed after the edit that removed it")
if len(third) != len(first):
    fail("%d findings after the edit back, %d before" % (len(third), len(first)))
print("step 4: removed with the edit; %d findings as at first" % len(third))
session.close()
print("ok")
