#!/usr/bin/env bash
# Interop with Alibaba Cloud's official Node SDK core (@alicloud/pop-core
# 1.8.0, pinned in tests/interop/package-lock.json):
#   1. the SDK's wire bytes for fixed inputs still equal the committed golden
#      file (tests/interop/popcore_golden.json);
#   2. rtcc's C++ clients reproduce those bytes (CloudPopCoreGoldenTests run
#      against the freshly captured file);
#   3. the SDK talks to a live `rtcc emulator serve` (RAM over RPC GET/POST,
#      Realtime Compute over ROA, errors included).
# Env: RTCC_BUILD_DIR (configured+built, has bin/rtcc), RTCC_SOURCE_DIR.
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -u

SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR}
INTEROP="$SRC/tests/interop"
RTCC="$BUILD/bin/rtcc"
GOLDEN_TEST="$BUILD/tests/unit/cloud/CloudPopCoreGoldenTests"

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1"; }
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
  exit $?
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-interop.XXXXXX")
EMU_PID=""
cleanup() {
  if [ -n "$EMU_PID" ] && kill -0 "$EMU_PID" 2>/dev/null; then
    kill "$EMU_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$EMU_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$EMU_PID" 2>/dev/null
    wait "$EMU_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  fail "node and npm are required"
  finish
fi

echo "== installing @alicloud/pop-core from package-lock.json"
if [ ! -d "$INTEROP/node_modules/@alicloud/pop-core" ]; then
  if ! (cd "$INTEROP" && timeout 300 npm ci --no-audit --no-fund >"$WORK/npm.log" 2>&1); then
    cat "$WORK/npm.log"
    fail "npm ci in tests/interop"
    finish
  fi
fi
pass "pop-core installed ($(node -p "require('$INTEROP/node_modules/@alicloud/pop-core/package.json').version"))"

echo "== 1. SDK wire bytes vs committed golden file"
mkdir -p "$WORK/src/tests/interop"
if timeout 60 node "$INTEROP/popcore_capture.js" "$WORK/src/tests/interop/popcore_golden.json"; then
  if diff -u "$INTEROP/popcore_golden.json" "$WORK/src/tests/interop/popcore_golden.json"; then
    pass "pop-core capture equals tests/interop/popcore_golden.json"
  else
    fail "pop-core capture differs from tests/interop/popcore_golden.json (regenerate with: node tests/interop/popcore_capture.js tests/interop/popcore_golden.json)"
  fi
else
  fail "popcore_capture.js"
fi

echo "== 2. rtcc C++ clients vs freshly captured SDK bytes"
if [ -x "$GOLDEN_TEST" ]; then
  if RTCC_SOURCE_DIR="$WORK/src" timeout 60 "$GOLDEN_TEST" >"$WORK/golden.log" 2>&1; then
    pass "C++ RpcClient/RoaClient requests equal pop-core's byte for byte"
  else
    tail -40 "$WORK/golden.log"
    fail "C++ RpcClient/RoaClient requests differ from pop-core's"
  fi
else
  fail "missing $GOLDEN_TEST (build target CloudPopCoreGoldenTests)"
fi

echo "== 3. pop-core against a live emulator"
if [ ! -x "$RTCC" ]; then
  fail "missing $RTCC"
  finish
fi
# The documented one-step start (docs/emulator.md "Quick start"): a fresh
# emulator with a seed file; the SDK uses only what it prints.
cat >"$WORK/cloud.seed.json" <<'JSON'
{"vpcs": [{"VpcId": "vpc-interop", "VpcName": "interop", "Zones": ["cn-hangzhou-h"],
           "VSwitches": [{"VSwitchId": "vsw-interop", "ZoneId": "cn-hangzhou-h", "FreeIps": 100}]}],
 "buckets": [{"Name": "interop-udf"}],
 "orders": [{"OrderId": "ord-interop", "Mode": "exclusive", "SlaveCount": 2},
            {"OrderId": "ord-interop-sdk", "Mode": "exclusive", "SlaveModel": "8c32g", "SlaveCount": 2}],
 "clusters": [{"ClusterId": "cls-interop", "OrderId": "ord-interop", "VpcId": "vpc-interop",
               "ZoneId": "cn-hangzhou-h", "VSwitchId": "vsw-interop", "Bucket": "interop-udf"}]}
JSON
"$RTCC" emulator serve --listen 127.0.0.1:0 --db "$WORK/emulator.db" --time-scale 0.0001 \
  --seed "$WORK/cloud.seed.json" >"$WORK/emulator.out" 2>"$WORK/emulator.err" &
EMU_PID=$!
URL=""
for _ in $(seq 1 100); do
  grep -q '^export RTCC_EMULATOR_ADMIN_TOKEN=' "$WORK/emulator.out" && break
  kill -0 "$EMU_PID" 2>/dev/null || break
  sleep 0.1
done
eval "$(grep '^export ' "$WORK/emulator.out")"
URL=${RTCC_EMULATOR_ENDPOINT:-}
if [ -z "$URL" ] || [ -z "${ALIBABA_CLOUD_ACCESS_KEY_ID:-}" ]; then
  cat "$WORK/emulator.err"
  fail "emulator did not start or printed no credentials"
  finish
fi
pass "emulator listening on $URL with printed credentials"
KEY_ID="$ALIBABA_CLOUD_ACCESS_KEY_ID"
KEY_SECRET="$ALIBABA_CLOUD_ACCESS_KEY_SECRET"


EMULATOR_URL="$URL" ACCESS_KEY_ID="$KEY_ID" ACCESS_KEY_SECRET="$KEY_SECRET" \
  timeout 120 node "$INTEROP/popcore_roundtrip.js" >"$WORK/roundtrip.log" 2>&1
RC=$?
cat "$WORK/roundtrip.log"
while read -r line; do
  case "$line" in
    PASS\ *) PASSED=$((PASSED + 1)) ;;
    FAIL\ *) FAILED=$((FAILED + 1)) ;;
  esac
done <"$WORK/roundtrip.log"
if [ "$RC" -ne 0 ] && ! grep -q '^FAIL ' "$WORK/roundtrip.log"; then
  fail "popcore_roundtrip.js exited with $RC"
fi

EMULATOR_URL="$URL" ACCESS_KEY_ID="$KEY_ID" ACCESS_KEY_SECRET="$KEY_SECRET" \
  timeout 60 node "$INTEROP/popcore_encoded_names.js" >"$WORK/encoded.log" 2>&1
RC=$?
cat "$WORK/encoded.log"
while read -r line; do
  case "$line" in
    PASS\ *) PASSED=$((PASSED + 1)) ;;
    FAIL\ *) FAILED=$((FAILED + 1)) ;;
  esac
done <"$WORK/encoded.log"
if [ "$RC" -ne 0 ] && ! grep -q '^FAIL ' "$WORK/encoded.log"; then
  fail "popcore_encoded_names.js exited with $RC"
fi

finish
