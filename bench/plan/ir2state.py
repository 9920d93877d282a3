#!/usr/bin/env python3
"""Turns `rtcc check --emit=ir-json` output into a state (StateJson format)
that matches it, as if it had been applied; used by the plan benchmark and to
write lit fixtures.

Usage: ir2state.py IR.json [--change-every N] > state.json
With --change-every N, every Nth resource's state differs from the
configuration (a `remark`/`name`-free numeric or string tweak), so a plan
finds about 1/N of the resources changed.
"""
import json
import sys


def unknown(v):
    return isinstance(v, dict) and "__unknown__" in v


def strip_unknown(v):
    if unknown(v):
        return "id-" + v["__unknown__"]
    if isinstance(v, dict):
        return {k: strip_unknown(x) for k, x in v.items()}
    if isinstance(v, list):
        return [strip_unknown(x) for x in v]
    return v


def main():
    ir = json.load(open(sys.argv[1]))
    every = 0
    if "--change-every" in sys.argv:
        every = int(sys.argv[sys.argv.index("--change-every") + 1])
    resources = []
    for i, r in enumerate(ir["resources"]):
        attrs = strip_unknown(r["attributes"])
        if every and i % every == 0:
            attrs["__bench_changed"] = True  # not in the IR: planned as removed
        resources.append({
            "address": r["address"],
            "attributes": attrs,
            "cloud_id": "id-" + r["address"],
            "dependencies": r["dependencies"],
            "kind": r["kind"],
            "name": r["name"],
            "sensitive_attributes": [],
        })
    resources.sort(key=lambda r: r["address"])
    json.dump({"format_version": 1,
               "lineage": "0b8a2c6e-5d1f-4c3a-9e7b-1f2d3c4b5a69",
               "outputs": {}, "resources": resources, "serial": 3},
              sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


main()
