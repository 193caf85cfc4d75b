"""A minimal LSP client over stdio for the editor tests: starts a server,
frames messages ("Content-Length: N\\r\\n\\r\\n<json>"), and collects what
the server sends on a reader thread."""
import json
import os
import subprocess
import threading
import time
import urllib.parse


def file_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def uri_path(uri):
    return urllib.parse.unquote(uri[len("file://"):])


class Session:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.messages = []
        self.lock = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    with self.lock:
                        self.lock.notify_all()
                    return
                header += byte
            length = int([l for l in header.decode().split("\r\n")
                          if l.lower().startswith("content-length")][0].split(":")[1])
            body = json.loads(out.read(length))
            with self.lock:
                self.messages.append(body)
                self.lock.notify_all()

    def send(self, method, params, request=False):
        """Sends a notification, or a request whose id it returns."""
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        data = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()
        return msg.get("id")

    def wait_for(self, predicate, timeout=300):
        """The first message matching predicate, or None after timeout or
        when the server has gone."""
        deadline = time.time() + timeout
        with self.lock:
            while True:
                for m in self.messages:
                    if predicate(m):
                        return m
                left = deadline - time.time()
                if left <= 0 or self.proc.poll() is not None:
                    return None
                self.lock.wait(left)

    def diagnostics(self, uri, version, timeout=300):
        """The diagnostics published for uri at version, or None."""
        m = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri and m["params"].get("version") == version,
                          timeout)
        return None if m is None else m["params"]["diagnostics"]

    def stderr_tail(self):
        try:
            return self.proc.stderr.read1(65536).decode(errors="replace")[-3000:]
        except Exception:
            return ""

    def close(self):
        shutdown = self.send("shutdown", None, request=True)
        self.wait_for(lambda m: m.get("id") == shutdown, 30)
        self.send("exit", None)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
