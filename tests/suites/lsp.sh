#!/usr/bin/env bash
# End-to-end test of `rtcc lsp` with a real editor: headless Neovim (0.7+)
# opens a copy of tests/editors/lsp/example.rtc, waits for diagnostics, asks
# for completion and hover (tests/editors/lsp/init.lua does the checking).
# Env: RTCC_BUILD_DIR (contains bin/rtcc), RTCC_SOURCE_DIR.
set -u
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${RTCC_BUILD_DIR:?RTCC_BUILD_DIR must point at a build directory}
passed=0
failed=0

if ! command -v nvim >/dev/null 2>&1; then
  echo "lsp: nvim not found"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ ! -x "$BUILD/bin/rtcc" ]; then
  echo "lsp: $BUILD/bin/rtcc not found"
  echo "0 passed, 1 failed"
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$SRC/tests/editors/lsp/example.rtc" "$work/main.rtc"
export PATH="$BUILD/bin:$PATH"
export RTC_LSP_FILE="$work/main.rtc" RTC_LSP_RESULT="$work/result.txt"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export XDG_CACHE_HOME="$work/cache"

echo "lsp: running headless nvim ($(nvim --version | head -1))"
timeout 60 nvim --headless --noplugin -i NONE -n -u "$SRC/tests/editors/lsp/init.lua" \
  </dev/null >"$work/nvim.out" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  echo "lsp: nvim exited with $rc"
  cat "$work/nvim.out"
fi

for check in diagnostics completion hover; do
  line=$(grep -E "^(PASS|FAIL) $check" "$work/result.txt" 2>/dev/null | head -1)
  if [ "${line%% *}" = "PASS" ]; then
    echo "PASS: lsp/$check"
    passed=$((passed + 1))
  else
    echo "FAIL: lsp/$check ${line:-(no result)}"
    failed=$((failed + 1))
  fi
done
grep -E "^FAIL (lua|start)" "$work/result.txt" 2>/dev/null

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
