#!/usr/bin/env python3
"""Checks that every call in rtcc -verbose-cloud logs is published.

Reads the repository's copies of Alibaba's published OpenAPI metadata
(tests/conformance/openapi/, the files ApiConformanceTest reads) and the
`[cloud] roa:METHOD /path: ...` / `[cloud] rpc:Action: ...` lines of the
logs given. Prints each call with no published counterpart and exits 1 if
there is one, or if the logs hold fewer than --min-calls calls (an empty
log proves nothing). Usage: published_calls.py [--min-calls N] LOG...
"""
import json
import os
import re
import sys

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                    "conformance", "openapi")
LINE = re.compile(r"\[cloud\] (roa|rpc):(?:(GET|POST|PUT|DELETE) )?([^:\s]+):")


def roa_templates():
    apis = json.load(open(os.path.join(SPEC, "foas_2018-11-11.json")))["apis"]
    out = []
    for name, api in apis.items():
        path = re.sub(r"\{[^}]+\}", "[^/]+", api["path"])
        for method in api.get("methods", []):
            out.append((method.upper(), re.compile("^" + path + "$"), name))
    return out


def rpc_actions():
    return set(json.load(open(os.path.join(SPEC, "ram_2015-05-01.json")))["apis"])


def main(argv):
    min_calls = 1
    if argv[:1] == ["--min-calls"]:
        min_calls = int(argv[1])
        argv = argv[2:]
    roa, rpc = roa_templates(), rpc_actions()
    calls, bad = 0, set()
    for log in argv:
        for line in open(log, errors="replace"):
            m = LINE.search(line)
            if not m:
                continue
            calls += 1
            style, method, what = m.groups()
            if style == "rpc":
                if what not in rpc:
                    bad.add("RAM " + what)
            elif not any(method == meth and rx.match(what) for meth, rx, _ in roa):
                bad.add(method + " " + what)
    for b in sorted(bad):
        print("unpublished call: " + b)
    print("%d calls checked, %d unpublished" % (calls, len(bad)))
    if calls < min_calls:
        print("fewer than %d calls in the logs" % min_calls)
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
