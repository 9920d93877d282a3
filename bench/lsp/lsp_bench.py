#!/usr/bin/env python3
"""Measures the latency of `rtcc lsp` as an editor sees it, over stdio.

Usage: bench/lsp/lsp_bench.py RTCC [LINES...] [--repeat K] [--json]

For each size (default 2000 and 20000 lines) a configuration is generated
with bench/gen, then one `rtcc lsp` process is driven through JSON-RPC:

  open        didOpen → its publishDiagnostics (didClose between rounds)
  change      an incremental didChange of one number → publishDiagnostics
              of that version
  complete    attribute names at the start of a line in a cluster block
  complete-ref  values after `cluster = ` (references to clusters)
  hover       an attribute name (schema doc)
  hover-ref   a `cluster.NAME` reference (the resolved resource)

Each is repeated K times (default 15). Prints the median and the 95th
percentile in milliseconds; the time is from writing the message to reading
the answer, so it includes framing and JSON on both sides.
"""

import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "gen")


def generate(lines):
    """bench/gen output of at least `lines` lines (about 12 per resource)."""
    n = max(1, lines // 12)
    while True:
        text = subprocess.run([sys.executable, GEN, str(n)], check=True,
                              capture_output=True, text=True).stdout
        have = text.count("\n")
        if have >= lines:
            return text
        n = int(n * lines / max(have, 1)) + 1


class Client:
    def __init__(self, rtcc):
        self.proc = subprocess.Popen([rtcc, "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 1

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("rtcc lsp closed its output")
            line = line.strip()
            if not line:
                if length is not None:
                    break
                continue
            k, _, v = line.partition(b":")
            if k.lower() == b"content-length":
                length = int(v)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method,
                   "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m["result"]

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, version=None):
        while True:
            m = self.read()
            if m.get("method") != "textDocument/publishDiagnostics":
                continue
            p = m["params"]
            if p["uri"] == uri and (version is None or p.get("version") == version):
                return p["diagnostics"]

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


def position(text, needle, delta=0, nth=0):
    """LSP position of the nth occurrence of needle (ASCII text), + delta."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += delta
    line = text.count("\n", 0, at)
    return {"line": line, "character": at - (text.rfind("\n", 0, at) + 1)}


def timed(fn):
    t0 = time.perf_counter()
    r = fn()
    return (time.perf_counter() - t0) * 1000.0, r


def p95(xs):
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def bench_size(rtcc, lines, repeat):
    text = generate(lines)
    nlines = text.count("\n")
    uri = f"file:///tmp/rtcc-lsp-bench-{lines}/main.rtc"
    c = Client(rtcc)
    results = {}
    try:
        c.request("initialize", {"processId": None, "rootUri": None,
                                 "capabilities": {}})
        c.notify("initialized", {})
        doc = {"uri": uri, "languageId": "rtc", "version": 1, "text": text}

        # Open / close rounds (the first open also primes the caches).
        opens, ndiag = [], 0
        for i in range(repeat):
            doc["version"] = 1
            ms, d = timed(lambda: (c.notify("textDocument/didOpen",
                                            {"textDocument": doc}),
                                   c.wait_diagnostics(uri, 1))[1])
            opens.append(ms)
            ndiag = len(d)
            if i + 1 < repeat:
                c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                c.wait_diagnostics(uri)
        results["open"] = opens

        # A middle cluster, so positions are not at the very start.
        mid = text.find("\ncluster ", len(text) // 2)
        if mid < 0:
            mid = text.index("\ncluster ")
        cu = text.index("  slave  { model", mid)
        cnt = text.index("count = ", cu) + len("count = ")
        pos = position(text, "count = ", len("count = "),
                       text.count("count = ", 0, cnt - len("count = ")))
        end = dict(pos, character=pos["character"] + 1)
        original = text[cnt]
        changes, version = [], 1
        for i in range(repeat):
            version += 1
            new = "7" if i % 2 == 0 else original
            params = {"textDocument": {"uri": uri, "version": version},
                      "contentChanges": [{"range": {"start": pos, "end": end},
                                          "text": new}]}
            ms, _ = timed(lambda: (c.notify("textDocument/didChange", params),
                                   c.wait_diagnostics(uri, version)))
            changes.append(ms)
        results["change"] = changes
        # Leave the text as it was opened.
        if repeat % 2:
            version += 1
            c.notify("textDocument/didChange",
                     {"textDocument": {"uri": uri, "version": version},
                      "contentChanges": [{"range": {"start": pos, "end": end},
                                          "text": original}]})
            c.wait_diagnostics(uri, version)

        vpc_at = text.index("  vpc ", mid) + 2
        vpc = position(text, "  vpc ", 2, text.count("  vpc ", 0, vpc_at - 2))
        start_of_line = dict(vpc, character=2)
        proj = text.index("  cluster = cluster.", mid)
        ref_val = position(text, "  cluster = cluster.", len("  cluster = "),
                           text.count("  cluster = cluster.", 0, proj))
        ref_hover = dict(ref_val, character=ref_val["character"] + 9)

        def ask(method, p):
            return c.request(method, {"textDocument": {"uri": uri},
                                      "position": p})

        counts = {}
        for name, method, p in [
                ("complete", "textDocument/completion", start_of_line),
                ("complete-ref", "textDocument/completion", ref_val),
                ("hover", "textDocument/hover", vpc),
                ("hover-ref", "textDocument/hover", ref_hover)]:
            xs = []
            for _ in range(repeat):
                ms, r = timed(lambda: ask(method, p))
                xs.append(ms)
            if method.endswith("completion"):
                counts[name] = len(r["items"])
            else:
                counts[name] = 0 if r is None else len(r["contents"]["value"])
            results[name] = xs
    finally:
        c.close()
    return nlines, ndiag, counts, results


def main(argv):
    args = [a for a in argv[1:]]
    repeat, as_json = 15, False
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    if "--json" in args:
        args.remove("--json")
        as_json = True
    if not args:
        sys.stderr.write(__doc__)
        return 2
    rtcc, sizes = args[0], [int(a) for a in args[1:]] or [2000, 20000]
    report = []
    if not as_json:
        print(f"{'lines':>7} {'what':<13} {'median_ms':>10} {'p95_ms':>8}  note")
    for lines in sizes:
        nlines, ndiag, counts, results = bench_size(rtcc, lines, repeat)
        for what, xs in results.items():
            med, hi = statistics.median(xs), p95(xs)
            note = ""
            if what in ("open", "change"):
                note = f"{ndiag} diagnostics"
            elif what.startswith("complete"):
                note = f"{counts[what]} items"
            else:
                note = f"{counts[what]} chars"
            report.append({"lines": nlines, "what": what, "median_ms": med,
                           "p95_ms": hi, "note": note})
            if not as_json:
                print(f"{nlines:>7} {what:<13} {med:>10.1f} {hi:>8.1f}  {note}")
    if as_json:
        json.dump(report, sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
