#!/usr/bin/env python3
"""Prints what a clangd publishes for one file, as clang prints diagnostics.

    lsp-diagnostics.py <clangd> <compile-commands-dir> <file>

Opens <file> in an LSP session over stdio and prints each firecrash
diagnostic clangd publishes for it as "file:line:col: warning: message
[check]", followed by its notes (clangd's related information) as
"file:line:col: note: message" (real paths): the form the other front doors
are compared in; and for each code action, the note that carried its fix-it,
as "fix: <title>". clangd capitalizes a diagnostic's first letter and
appends " (fix available)", and capitalizes notes too; both are undone
(firecrash's messages and notes start in lower case or with a quote).
Exits 0, or 1 with the reason on stderr.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402

clangd, cdb_dir, source = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
uri = lsp.file_uri(source)
session = lsp.Session([clangd, "--compile-commands-dir=" + cdb_dir, "--clang-tidy",
                       "--background-index=false", "--log=error"])
init = session.send("initialize", {
    "processId": os.getpid(), "rootUri": lsp.file_uri(os.path.dirname(source)),
    "capabilities": {"textDocument": {"publishDiagnostics": {
        "relatedInformation": True, "codeActionsInline": True}}}}, request=True)
session.wait_for(lambda m: m.get("id") == init)
session.send("initialized", {})
with open(source, encoding="utf-8", errors="surrogateescape") as f:
    text = f.read()
session.send("textDocument/didOpen", {"textDocument": {
    "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
diagnostics = session.diagnostics(uri, 1)
if diagnostics is None:
    sys.stderr.write("no diagnostics published: " + session.stderr_tail())
    session.proc.kill()
    sys.exit(1)


def original(message):
    message = message.split("\n")[0]
    if message.endswith(" (fix available)"):
        message = message[:-len(" (fix available)")]
    return message[:1].lower() + message[1:]


for d in diagnostics:
    code = str(d.get("code", ""))
    if not code.startswith("firecrash-"):
        continue
    severity = "error" if d.get("severity") == 1 else "warning"
    start = d["range"]["start"]
    print("%s:%d:%d: %s: %s [%s]" % (os.path.realpath(source), start["line"] + 1,
                                     start["character"] + 1, severity, original(d["message"]), code))
    for note in d.get("relatedInformation", []):
        at = note["location"]["range"]["start"]
        print("%s:%d:%d: note: %s" % (os.path.realpath(lsp.uri_path(note["location"]["uri"])),
                                      at["line"] + 1, at["character"] + 1, original(note["message"])))
    # A note that carries a fix-it becomes a code action titled with it.
    for action in d.get("codeActions", []):
        print("fix: %s" % action["title"])
session.close()
