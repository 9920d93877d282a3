#!/usr/bin/env python3
"""Product text cites only the repository's own documents.

Fails when a tracked file cites the vendor digests the project was written
from (domain.md, cloud-api.md) or a path outside the repository, and when a
citation of docs/service.md#ANCHOR or docs/rules.md#RTCxxxx names an anchor
the document does not have.

Usage: citations.py SOURCE_DIR
"""
import os
import re
import subprocess
import sys

FOREIGN = re.compile(r"\b(domain|cloud-api)\.md\b|/work/|\.\./shared\b|shared/spec\b|shared/seed\b")
CITATION = re.compile(r"docs/(service|rules)\.md#([A-Za-z0-9-]+)")
ANCHOR = re.compile(r'<a id="([A-Za-z0-9-]+)"></a>')
# This script names the forbidden patterns; nothing else may.
SELF = "tests/tree/citations.py"


def anchors(root, doc):
    path = os.path.join(root, "docs", doc + ".md")
    if not os.path.exists(path):
        return set()
    text = open(path, encoding="utf-8").read()
    ids = set(ANCHOR.findall(text))
    # GitHub also anchors every heading by its slug.
    for heading in re.findall(r"^#+ (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        ids.add(slug)
    return ids


def main():
    root = sys.argv[1]
    files = subprocess.check_output(["git", "-C", root, "ls-files"], text=True).split("\n")
    known = {"service": anchors(root, "service"), "rules": anchors(root, "rules")}
    problems = []
    for rel in files:
        if not rel or rel == SELF:
            continue
        try:
            text = open(os.path.join(root, rel), encoding="utf-8").read()
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        for n, line in enumerate(text.split("\n"), 1):
            m = FOREIGN.search(line)
            if m:
                problems.append(f"{rel}:{n}: cites `{m.group(0)}`, outside the repository: {line.strip()[:120]}")
            for doc, anchor in CITATION.findall(line):
                if anchor not in known[doc] and anchor != "ANCHOR":
                    problems.append(f"{rel}:{n}: docs/{doc}.md has no anchor `{anchor}`")
    for p in problems:
        print(p)
    print(f"{len(problems)} bad citation(s) in {len(files)} files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
