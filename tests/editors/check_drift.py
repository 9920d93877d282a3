#!/usr/bin/env python3
"""Fails when an editor grammar misses a lexer keyword or a block kind.

Keywords: every lexer rule of grammar/RtcLexer.g4 whose body is a single quoted
identifier-like literal (IMPORT : 'import';). Block kinds: the
`schema <kind>` blocks of stdlib/**/*.rtc, or, while stdlib declares none, the
`resource` lines of tests/editors/block-kinds.txt; plus its `language` lines.

Checked in editors/vscode/syntaxes/rtc.tmLanguage.json (a pattern that matches
the word exactly but not an arbitrary identifier; kinds must hit the resource /
language-block patterns) and editors/vim/syntax/rtc.vim (the word spelled out in
a syn keyword or a syn match alternation; kinds in the rtcResourceKind /
rtcLanguageKind rules). Exit 0 when nothing is missing, 1 otherwise.
"""
import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
IDENT = r'[A-Za-z_][A-Za-z0-9_]*'
# Identifiers no keyword pattern may match: tells real keyword rules from the
# catch-all identifier / attribute / block-kind rules.
PROBES = ['zz_not_a_keyword', 'qq']


def lexer_keywords(path):
    words = []
    rule = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s*:\s*'(" + IDENT + r")'\s*(?:->[^;]*)?;")
    for line in open(path, encoding='utf-8'):
        m = rule.match(line)
        if m:
            words.append(m.group(2))
    return words


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return re.sub(r'(//|#)[^\n]*', ' ', text)


def stdlib_kinds(stdlib_dir):
    kinds = []
    pattern = re.compile(r'(?m)^\s*schema\s+"?(' + IDENT + r')"?\s*\{')
    for path in sorted(glob.glob(os.path.join(stdlib_dir, '**', '*.rtc'), recursive=True)):
        text = strip_comments(open(path, encoding='utf-8').read())
        # Any `schema <kind> {`, even wrapped in another block: nested parts of
        # a kind are declared with `block`/`attribute`, never `schema`.
        for m in pattern.finditer(text):
            if m.group(1) not in kinds:
                kinds.append(m.group(1))
    return kinds


def kinds_file(path):
    resource, language = [], []
    for line in open(path, encoding='utf-8'):
        line = line.split('#', 1)[0].split()
        if len(line) == 2 and line[0] in ('resource', 'language'):
            (resource if line[0] == 'resource' else language).append(line[1])
    return resource, language


# ---- TextMate ---------------------------------------------------------------------

def tm_patterns(node, out):
    """Yields (scope name, regex) for every match/begin in the grammar."""
    if isinstance(node, dict):
        for key in ('match', 'begin'):
            if isinstance(node.get(key), str):
                out.append((node.get('name', '') or '', node[key]))
        for value in node.values():
            tm_patterns(value, out)
    elif isinstance(node, list):
        for value in node:
            tm_patterns(value, out)
    return out


def full_match(regex, word):
    try:
        compiled = re.compile(regex)
    except re.error:
        return False
    return any(m.start() == 0 and m.end() == len(word) for m in compiled.finditer(word))


def tm_knows(patterns, word, scope_filter):
    for name, regex in patterns:
        if scope_filter and not scope_filter(name):
            continue
        if full_match(regex, word) and not any(full_match(regex, p) for p in PROBES):
            return True
    return False


# ---- Vim --------------------------------------------------------------------------

VIM_WORD = re.compile(r'(?:\\<|\\%\(|\\\||\\\()(' + IDENT + r')(?=\\>|\\\||\\\))')


def vim_rules(path):
    """Maps syntax group -> list of words spelled out in its rules."""
    rules = {}
    for raw in open(path, encoding='utf-8'):
        line = raw.strip()
        if line.startswith('"'):
            continue
        m = re.match(r"^(?:exe\s+')?syn(?:tax)?\s+(keyword|match|region)\s+(\w+)\s+(.*)$", line)
        if not m:
            continue
        kind, group, rest = m.groups()
        words = rules.setdefault(group, [])
        if kind == 'keyword':
            words.extend(w for w in rest.split() if '=' not in w and w not in ('contained', 'skipwhite', 'skipnl', 'transparent'))
        else:
            words.extend(VIM_WORD.findall(rest))
    return rules


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--lexer', default=os.path.join(ROOT, 'grammar', 'RtcLexer.g4'))
    ap.add_argument('--stdlib', default=os.path.join(ROOT, 'stdlib'))
    ap.add_argument('--kinds', default=os.path.join(HERE, 'block-kinds.txt'))
    ap.add_argument('--tmgrammar', default=os.path.join(ROOT, 'editors', 'vscode', 'syntaxes', 'rtc.tmLanguage.json'))
    ap.add_argument('--vim', default=os.path.join(ROOT, 'editors', 'vim', 'syntax', 'rtc.vim'))
    args = ap.parse_args()

    keywords = lexer_keywords(args.lexer)
    if not keywords:
        print('drift: no keyword rules found in %s' % args.lexer)
        return 1
    fallback_resources, language = kinds_file(args.kinds)
    resources = stdlib_kinds(args.stdlib) if os.path.isdir(args.stdlib) else []
    source = 'stdlib (%s)' % args.stdlib
    if not resources:
        resources, source = fallback_resources, args.kinds
    print('drift: %d keywords from %s' % (len(keywords), os.path.relpath(args.lexer, ROOT)))
    print('drift: %d resource kinds from %s' % (len(resources), source))
    print('drift: %d language block kinds from %s' % (len(language), args.kinds))

    missing = []
    patterns = tm_patterns(json.load(open(args.tmgrammar, encoding='utf-8')), [])
    for kw in keywords:
        if not tm_knows(patterns, kw, None):
            missing.append('TextMate grammar: keyword %r' % kw)
    for kind in resources:
        if not tm_knows(patterns, kind, lambda n: '.resource.' in n):
            missing.append('TextMate grammar: resource kind %r' % kind)
    for kind in language:
        if not tm_knows(patterns, kind, lambda n: n.startswith('storage.type.block')):
            missing.append('TextMate grammar: language block kind %r' % kind)

    rules = vim_rules(args.vim)
    generic = {'rtcIdentifier', 'rtcBlockKind', 'rtcAttribute', 'rtcLabel', 'rtcProperty'}
    vim_words = set(w for g, ws in rules.items() if g not in generic for w in ws)
    for kw in keywords:
        if kw not in vim_words:
            missing.append('Vim syntax: keyword %r' % kw)
    for kind in resources:
        if kind not in rules.get('rtcResourceKind', []):
            missing.append('Vim syntax: resource kind %r' % kind)
    for kind in language:
        if kind not in rules.get('rtcLanguageKind', []):
            missing.append('Vim syntax: language block kind %r' % kind)

    for m in missing:
        print('drift: MISSING ' + m)
    if missing:
        print('drift: FAIL (%d missing)' % len(missing))
        return 1
    print('drift: OK (%d keywords, %d resource kinds, %d language kinds in both grammars)'
          % (len(keywords), len(resources), len(language)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
