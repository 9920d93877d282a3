#!/usr/bin/env python3
"""Compares the emulator's objects with an rtcc state (or with nothing).

  cloud_matches_state.py URL --state STATE.json   every managed object in the
      cloud is in the state and every state entry is in the cloud: no
      duplicate, no orphan, no lost entry
  cloud_matches_state.py URL --empty              nothing managed is left

Exit 0 when they match; otherwise prints the differences and exits 1.
"""
import json
import os
import sys
import urllib.request

KINDS = {  # rtcc kind -> emulator kind
    "user": "User", "group": "Group", "policy": "Policy", "role": "Role",
    "cluster": "Cluster", "project": "Project", "job": "Job",
    "group_membership": "Membership",
}


def cloud(url):
    # The admin API wants the emulator's start-up token (docs/emulator.md).
    req = urllib.request.Request(
        f"{url}/_emulator/state",
        headers={"X-Rtcc-Admin-Token": os.environ.get("RTCC_EMULATOR_ADMIN_TOKEN", "")})
    with urllib.request.urlopen(req) as r:
        world = json.load(r)
    out = {k: set(world.get(k, {}).keys()) for k in KINDS.values()}
    out["Policy"] = {k for k, v in world.get("Policy", {}).items()
                     if v.get("PolicyType", "Custom") == "Custom"}
    out["Attachment"] = set(world.get("Attachment", {}).keys())
    return out


def expected(state):
    out = {k: set() for k in KINDS.values()}
    attachments = 0
    for r in state["resources"]:
        kind, cid, attrs = r["kind"], r.get("cloud_id", ""), r.get("attributes", {})
        if kind == "policy" and attrs.get("type", "Custom") != "Custom":
            continue
        if kind in KINDS:
            out[KINDS[kind]].add(cid)
        if kind == "policy_attachment":
            attachments += 1
        if kind == "role":
            attachments += len(attrs.get("policies", []))
    return out, attachments


def main():
    url, mode = sys.argv[1], sys.argv[2]
    have = cloud(url)
    problems = []
    if mode == "--empty":
        for k, ids in have.items():
            if ids:
                problems.append(f"{k}: still in the cloud: {sorted(ids)}")
    else:
        state = json.load(open(sys.argv[3]))
        want, attachments = expected(state)
        for k, ids in want.items():
            if ids - have[k]:
                problems.append(f"{k}: in the state but not in the cloud: {sorted(ids - have[k])}")
            if have[k] - ids:
                problems.append(f"{k}: in the cloud but not in the state (orphan): {sorted(have[k] - ids)}")
        if len(have["Attachment"]) != attachments:
            problems.append(f"Attachment: {len(have['Attachment'])} in the cloud, "
                            f"{attachments} expected from the state")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
