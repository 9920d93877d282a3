#!/usr/bin/env python3
"""No domain fact is copied into runtime/ or tools/ (issue 14; STYLE.md rule 4).

Reads the stdlib's tables (stdlib/alicloud/*.rtc) and fails when a runtime/
or tools/ source repeats one of them:
  - a name rule or version pattern (the raw `...` strings of the tables);
  - a service error text of errors.rtc (each placeholder-free piece of at
    least 16 characters);
  - a list or table of machine models (three or more model names on one
    line, or three or more distinct quoted model names in one file).
usage: domain_copies.py SOURCE_DIR
"""
import pathlib, re, sys

# Allowed, each with its reason. (path, fragment)
ALLOWED = [
    # Emulator defaults for a seed or order that omits a model: any model of
    # the tables would do; the value is not a rule.
    ("runtime/emulator/Admin.cpp", '"8c32g"'),
    ("runtime/emulator/StreamService.cpp", '"8c32g"'),
]


def stdlib_facts(root):
    patterns, texts, models = set(), set(), set()
    for f in (root / "stdlib").rglob("*.rtc"):
        src = f.read_text()
        patterns.update(p for p in re.findall(r"`([^`]+)`", src) if p.startswith("^"))
        for name in ("slave_models", "master_models"):
            m = re.search(r"let %s = \{(.*?)\n\}" % name, src, re.S)
            if m:
                models.update(re.findall(r'"(\d+c\d+g)"\s*=', m.group(1)))
        m = re.search(r"let errors = \{(.*?)\n\}", src, re.S)
        if m:
            for text in re.findall(r'=\s*"((?:[^"\\]|\\.)*)"', m.group(1)):
                texts.update(p for p in re.split(r"\{[a-z_]+\}", text) if len(p) >= 16)
    return patterns, texts, models


def main(argv):
    root = pathlib.Path(argv[1])
    patterns, texts, models = stdlib_facts(root)
    if not patterns or not texts or len(models) < 3:
        print("domain_copies: could not read the stdlib's tables")
        return 1
    bad = 0
    for folder in ("runtime", "tools"):
        for f in sorted((root / folder).rglob("*")):
            if f.suffix not in (".cpp", ".h", ".def", ".inc", ".py", ".sh"):
                continue
            rel = f.relative_to(root).as_posix()
            whole = f.read_text(errors="replace")
            quoted = sorted({m for m in models if '"%s"' % m in whole})
            if len(quoted) >= 3:
                print(f"{rel}: a table of the stdlib's models ({' '.join(quoted)}); read it from rtc/Domain/DomainFacts.h")
                bad += 1
            for n, line in enumerate(f.read_text(errors="replace").splitlines(), 1):
                found = [p for p in patterns if p in line or p.replace("\\", "\\\\") in line]
                found += [t for t in texts if t in line]
                names = [m for m in models if re.search(r"\b%s\b" % m, line)]
                if len(names) >= 3:
                    found.append("models " + " ".join(sorted(names)))
                found = [x for x in found if not any(rel == p and frag in line for p, frag in ALLOWED)]
                for x in found:
                    print(f"{rel}:{n}: copies the stdlib's `{x}`; read it from rtc/Domain/DomainFacts.h")
                    bad += 1
    print(f"domain_copies: {bad} copied fact(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
