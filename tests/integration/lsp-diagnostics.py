#!/usr/bin/env python3
"""Prints what a clangd publishes for one file, as clang prints diagnostics.

    lsp-diagnostics.py <clangd> <compile-commands-dir> <file>

Opens <file> in an LSP session over stdio and prints each firecrash
diagnostic clangd publishes for it as "file:line:col: warning: message
[check]", followed by its notes (clangd's related information) as
"file:line:col: note: message" (real paths): the form the other front doors
are compared in; and for each code action, the note that carried its fix-it,
as "fix: <title>". clangd capitalizes a diagnostic's first letter and appends " (fix
available)", and capitalizes notes too; both are undone (firecrash's
messages and notes start in lower case or with a quote).
Exits 0, or 1 with the reason on stderr.
"""
import json
import os
import subprocess
import sys
import threading
import urllib.parse

clangd, cdb_dir, source = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
uri = "file://" + urllib.parse.quote(source)
proc = subprocess.Popen([clangd, "--compile-commands-dir=" + cdb_dir, "--clang-tidy",
                         "--background-index=false", "--log=error"],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
found = {}
done = threading.Event()


def reader():
    while True:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = proc.stdout.read(1)
            if not byte:
                done.set()
                return
            header += byte
        length = int([l for l in header.decode().split("\r\n")
                      if l.lower().startswith("content-length")][0].split(":")[1])
        msg = json.loads(proc.stdout.read(length))
        if msg.get("id") == 1:
            found["initialized"] = True
        if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri \
                and msg["params"].get("version") == 1:
            found["diagnostics"] = msg["params"]["diagnostics"]
            done.set()


def send(msg):
    data = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
    proc.stdin.flush()


threading.Thread(target=reader, daemon=True).start()
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": os.getpid(), "rootUri": "file://" + os.path.dirname(source),
                 "capabilities": {"textDocument": {"publishDiagnostics": {"relatedInformation": True,
                                                                          "codeActionsInline": True}}}}})
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1,
                                  "text": open(source, encoding="utf-8", errors="surrogateescape").read()}}})
if not done.wait(300) or "diagnostics" not in found:
    proc.kill()
    sys.stderr.write("no diagnostics published: " + proc.stderr.read().decode(errors="replace")[-3000:])
    sys.exit(1)


def path_of(u):
    return urllib.parse.unquote(u[len("file://"):])


def original(message):
    message = message.split("\n")[0]
    if message.endswith(" (fix available)"):
        message = message[:-len(" (fix available)")]
    return message[:1].lower() + message[1:]


for d in found["diagnostics"]:
    code = str(d.get("code", ""))
    if not code.startswith("firecrash-"):
        continue
    severity = "error" if d.get("severity") == 1 else "warning"
    start = d["range"]["start"]
    print("%s:%d:%d: %s: %s [%s]" % (os.path.realpath(source), start["line"] + 1,
                                     start["character"] + 1, severity, original(d["message"]), code))
    for note in d.get("relatedInformation", []):
        at = note["location"]["range"]["start"]
        print("%s:%d:%d: note: %s" % (os.path.realpath(path_of(note["location"]["uri"])),
                                      at["line"] + 1, at["character"] + 1, original(note["message"])))
    # A note that carries a fix-it becomes a code action titled with it.
    for action in d.get("codeActions", []):
        print("fix: %s" % action["title"])
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
send({"jsonrpc": "2.0", "method": "exit", "params": None})
try:
    proc.wait(timeout=30)
except subprocess.TimeoutExpired:
    proc.kill()
