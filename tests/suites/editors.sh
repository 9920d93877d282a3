#!/usr/bin/env bash
# Editor support (issue 8): the VS Code grammar (vscode-tmgrammar-test), the VS
# Code client extension, the offline .vsix build, Vim/Neovim highlighting and
# indentation (headless nvim), and the keyword/block-kind drift check.
# Needs node + npm (npm ci runs when editors/vscode/node_modules is absent),
# nvim and python3; no rtcc binary. Ends with "N passed, N failed".
set -u

SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
EXT="$SRC/editors/vscode"
TESTS="$SRC/tests/editors"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtc-editors.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
# Shows the tail of a log under a failing check.
show() { sed -e 's/^/    | /' "$1" | tail -n "${2:-30}"; }

# Counts PASS/FAIL lines that a sub-runner printed; a runner that failed
# without saying which check failed counts as one failure of its own.
tally() { # name rc log
  local name=$1 rc=$2 log=$3 p f
  p=$(grep -c '^PASS ' "$log")
  f=$(grep -c '^FAIL ' "$log")
  grep -E '^(PASS|FAIL) ' "$log"
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    fail "$name (exit $rc, no check reported)"
    show "$log"
  elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    fail "$name (ran no check)"
    show "$log"
  fi
}

echo "== editors: VS Code =="
have_node=1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  have_node=0
  fail "node_and_npm_present (run scripts/setup)"
fi

if [ "$have_node" = 1 ]; then
  # Install when absent, or when the lock file changed since the last install.
  if [ ! -x "$EXT/node_modules/.bin/vscode-tmgrammar-test" ] || [ ! -d "$EXT/node_modules/vscode-languageclient" ] ||
     [ "$EXT/package-lock.json" -nt "$EXT/node_modules/.package-lock.json" ]; then
    echo "npm ci in editors/vscode"
    if (cd "$EXT" && timeout 600 npm ci --no-audit --no-fund) >"$WORK/npm.log" 2>&1; then
      pass "npm_ci_installs_pinned_devDependencies"
    else
      fail "npm_ci_installs_pinned_devDependencies"
      show "$WORK/npm.log"
    fi
  fi

  if [ -x "$EXT/node_modules/.bin/vscode-tmgrammar-test" ]; then
    # One run over all files (each start loads the regex engine); results per file.
    (cd "$EXT" && timeout 300 ./node_modules/.bin/vscode-tmgrammar-test -c "$TESTS/tmgrammar/*.test.rtc") \
      >"$WORK/tm.log" 2>&1
    for t in "$TESTS"/tmgrammar/*.test.rtc; do
      name="tmgrammar_$(basename "$t" .test.rtc)"
      if grep -qF "✓ $t run successful" "$WORK/tm.log" && ! grep -F "$t" "$WORK/tm.log" | grep -qv '^✓'; then
        pass "$name ($(grep -c '^//.*[\^<]' "$t") assertion lines)"
      else
        fail "$name"
        grep -F "$t" -A4 "$WORK/tm.log" | grep -v '^✓' | show /dev/stdin
      fi
    done
  else
    fail "tmgrammar (vscode-tmgrammar-test not installed)"
  fi

  rc=0
  timeout 60 node "$TESTS/extension_test.js" >"$WORK/ext.log" 2>&1 || rc=$?
  tally extension_test "$rc" "$WORK/ext.log"

  # The .vsix must build without the network: run vsce in a fresh network
  # namespace when the machine allows it (root), else as is.
  if [ -x "$EXT/node_modules/.bin/vsce" ]; then
    netns=""
    if command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then netns="unshare -n"; fi
    if (cd "$EXT" && timeout 300 $netns ./node_modules/.bin/vsce package --allow-missing-repository --skip-license \
          -o "$WORK/rtc.vsix") </dev/null >"$WORK/vsce.log" 2>&1 &&
       python3 - "$WORK/rtc.vsix" >"$WORK/vsix.log" 2>&1 <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ['extension/package.json', 'extension/extension.js', 'extension/language-configuration.json',
        'extension/syntaxes/rtc.tmLanguage.json', 'extension/snippets/rtc.json',
        'extension/node_modules/vscode-languageclient/node.js']
missing = [n for n in need if n not in names]
leaked = [n for n in names if '/node_modules/vscode-tmgrammar-test/' in n or '/node_modules/@vscode/vsce/' in n]
print('missing:', missing, 'dev deps packaged:', leaked[:3])
sys.exit(1 if missing or leaked else 0)
PY
    then
      pass "vsce_package_builds_vsix_offline${netns:+ (in a network namespace without network)} ($(wc -c <"$WORK/rtc.vsix") bytes)"
    else
      fail "vsce_package_builds_vsix_offline"
      show "$WORK/vsce.log" 15
      show "$WORK/vsix.log" 5
    fi
  else
    fail "vsce_package_builds_vsix_offline (@vscode/vsce not installed)"
  fi
fi

echo "== editors: Vim/Neovim =="
if command -v nvim >/dev/null 2>&1; then
  rc=0
  RTC_SOURCE_DIR="$SRC" HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" \
    XDG_STATE_HOME="$WORK/state" timeout 120 nvim --headless -u NONE -i NONE -n \
    -c "luafile $TESTS/vim/run_tests.lua" >"$WORK/nvim.log" 2>&1 </dev/null || rc=$?
  tally nvim_tests "$rc" "$WORK/nvim.log"
else
  fail "nvim_present (run scripts/setup)"
fi

echo "== editors: drift =="
if timeout 60 python3 "$TESTS/check_drift.py" >"$WORK/drift.log" 2>&1; then
  pass "drift_grammars_cover_lexer_keywords_and_block_kinds"
  sed -e 's/^/    /' "$WORK/drift.log"
else
  fail "drift_grammars_cover_lexer_keywords_and_block_kinds"
  show "$WORK/drift.log"
fi

# The drift check must be able to fail: feed it mutated inputs.
mkdir -p "$WORK/drift/stdlib_new" "$WORK/drift/stdlib_same" "$WORK/drift/empty"
grep -v '^ *#' "$TESTS/block-kinds.txt" | awk '$1 == "resource" { printf "schema %s {\n  block nested_x { }\n}\n", $2 }' \
  >"$WORK/drift/stdlib_same/kinds.rtc"
printf 'schema brand_new_kind {\n  attribute name { type = string }\n}\n' >"$WORK/drift/stdlib_new/new.rtc"
sed 's/|cluster|job)/|cluster)/' "$EXT/syntaxes/rtc.tmLanguage.json" >"$WORK/drift/no_job.json"
sed 's/allow\\|deny/allow/' "$SRC/editors/vim/syntax/rtc.vim" >"$WORK/drift/no_deny.vim"
{ cat "$SRC/grammar/RtcLexer.g4"; echo "WHEN : 'when';"; } >"$WORK/drift/extra_kw.g4"

expect_drift() { # name expected-rc args...
  local name=$1 want=$2 rc=0
  shift 2
  timeout 60 python3 "$TESTS/check_drift.py" --stdlib "$WORK/drift/empty" "$@" >"$WORK/drift/run.log" 2>&1 || rc=$?
  if [ "$rc" -eq "$want" ]; then pass "$name"; else fail "$name (exit $rc, want $want)"; show "$WORK/drift/run.log" 10; fi
}
expect_drift drift_fails_when_textmate_misses_a_resource_kind 1 --tmgrammar "$WORK/drift/no_job.json"
expect_drift drift_fails_when_vim_misses_a_keyword 1 --vim "$WORK/drift/no_deny.vim"
expect_drift drift_fails_on_a_new_lexer_keyword 1 --lexer "$WORK/drift/extra_kw.g4"
expect_drift drift_prefers_stdlib_schemas_over_fallback_list 1 --stdlib "$WORK/drift/stdlib_new"
expect_drift drift_accepts_stdlib_declaring_the_known_kinds 0 --stdlib "$WORK/drift/stdlib_same"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
