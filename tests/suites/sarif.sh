#!/usr/bin/env bash
# Validates rtcc's SARIF output against the official SARIF 2.1.0 schema with
# ajv (pinned in tests/sarif/package-lock.json): `rtcc check
# --diagnostics-format=sarif` on each tests/sarif/*.rtc, plus the log written
# by rtcc-sarif-emit, which exercises every printer feature (notes, fix-its,
# warnings, diagnostics without a location, odd file names). A deliberately
# broken log must be rejected, so the validator cannot pass vacuously.
set -u
: "${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR to a built build directory}"
: "${RTCC_SOURCE_DIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
DIR="$RTCC_SOURCE_DIR/tests/sarif"
RTCC="$RTCC_BUILD_DIR/bin/rtcc"
EMIT="${RTCC_SARIF_EMIT:-$RTCC_BUILD_DIR/tests/unit/diag/rtcc-sarif-emit}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

if [ ! -d "$DIR/node_modules/ajv" ] || [ ! -d "$DIR/node_modules/@microsoft/jest-sarif" ]; then
  echo "installing the SARIF schema and ajv (npm ci)"
  (cd "$DIR" && timeout 300 npm ci --no-audit --no-fund --silent) || {
    echo "FAIL npm ci in tests/sarif"
    echo "0 passed, 1 failed"
    exit 1
  }
fi

validate() { # name file
  if timeout 60 node "$DIR/validate.js" "$2" > "$WORK/out.txt" 2>&1; then
    pass "$1"
  else
    cat "$WORK/out.txt"
    fail "$1"
  fi
}

# Negative control: the validator must reject a log without "version" and
# with a ruleIndex that names the wrong rule.
cat > "$WORK/broken.sarif" <<'JSON'
{"runs":[{"tool":{"driver":{"name":"rtcc","rules":[{"id":"RTC0001"}]}},
          "results":[{"ruleId":"RTC0002","ruleIndex":0,"message":{"text":"x"}}]}]}
JSON
if timeout 60 node "$DIR/validate.js" "$WORK/broken.sarif" > "$WORK/out.txt" 2>&1; then
  fail "validator rejects a broken log"
else
  pass "validator rejects a broken log"
fi

if [ -x "$EMIT" ]; then
  if timeout 30 "$EMIT" > "$WORK/emit.sarif"; then
    validate "rtcc-sarif-emit log is valid SARIF 2.1.0" "$WORK/emit.sarif"
  else
    fail "rtcc-sarif-emit ran"
  fi
else
  fail "rtcc-sarif-emit is built ($EMIT)"
fi

if [ -x "$RTCC" ] && timeout 30 "$RTCC" check --help > /dev/null 2>&1; then
  for f in "$DIR"/*.rtc; do
    name=$(basename "$f")
    # suppressed.rtc: silenced by a comment (inSource) and by --disable
    # (external), both as SARIF `suppressions`.
    extra=()
    [ "$name" = suppressed.rtc ] && extra=(--disable=RTC0309)
    # Run from the source dir so artifact URIs are the relative path given.
    (cd "$RTCC_SOURCE_DIR" && timeout 60 "$RTCC" check --diagnostics-format=sarif \
        "${extra[@]}" "tests/sarif/$name") > "$WORK/$name.sarif" 2> "$WORK/$name.err"
    rc=$?
    if [ $rc -gt 1 ]; then
      cat "$WORK/$name.err"
      fail "rtcc check $name exits 0 or 1 (got $rc)"
      continue
    fi
    validate "rtcc check --diagnostics-format=sarif $name" "$WORK/$name.sarif"
    # Inputs other than valid.rtc have errors: the log must carry results.
    results=$(node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(l.runs[0].results.length)' \
              "$WORK/$name.sarif" 2>/dev/null || echo -1)
    if [ "$name" = suppressed.rtc ]; then
      kinds=$(node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(l.runs[0].results.map(r=>(r.suppressions||[{kind:"none"}])[0].kind).join(","))' \
              "$WORK/$name.sarif" 2>/dev/null)
      [ "$kinds" = "external,inSource,inSource" ] && pass "$name: suppressions inSource and external" \
        || fail "$name: suppressions inSource and external (got $kinds)"
    elif [ "$name" = valid.rtc ]; then
      [ "$results" = 0 ] && pass "$name has no results" || fail "$name has no results (got $results)"
    else
      [ "$results" -gt 0 ] 2>/dev/null && pass "$name has results" || fail "$name has results (got $results)"
    fi
  done
else
  fail "rtcc check is available ($RTCC)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
