#!/usr/bin/env bash
# Process-level checks of `rtcc emulator serve`: the ready line, admin API,
# clean SIGTERM shutdown, persistence across processes, the kill switch and
# refusing non-loopback addresses. Needs RTCC_BUILD_DIR (with bin/rtcc) and curl.
set -u
RTCC="${RTCC_BUILD_DIR:?RTCC_BUILD_DIR is not set}/bin/rtcc"
WORK=$(mktemp -d /tmp/rtcc-emulator-suite.XXXXXX)
PASS=0
FAIL=0
PID=""

cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null
    sleep 0.5
    kill -KILL "$PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

check() { # name, then a command that must succeed
  local name=$1
  shift
  if "$@"; then
    echo "PASS: $name"
    PASS=$((PASS + 1))
  else
    echo "FAIL: $name"
    FAIL=$((FAIL + 1))
  fi
}

# start DB [extra args...] -> sets PID and URL, returns non-zero if no ready line in 10 s
start() {
  local db=$1
  shift
  : >"$WORK/out"
  "$RTCC" emulator serve --listen 127.0.0.1:0 --db "$db" --admin-token "$TOKEN" "$@" >"$WORK/out" 2>"$WORK/err" &
  PID=$!
  for _ in $(seq 1 100); do
    if grep -q '^emulator listening on http://127.0.0.1:[0-9]*$' "$WORK/out"; then
      URL=$(sed -n 's/^emulator listening on //p' "$WORK/out" | head -1)
      return 0
    fi
    kill -0 "$PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# wait_exit EXPECTED_CODE: waits up to 5 s for $PID to end with that code
wait_exit() {
  for _ in $(seq 1 50); do
    if ! kill -0 "$PID" 2>/dev/null; then
      wait "$PID"
      local rc=$?
      PID=""
      [ "$rc" -eq "$1" ]
      return
    fi
    sleep 0.1
  done
  return 1
}

TOKEN="suite-token-$$"
# The admin API wants the start-up token and JSON bodies (docs/emulator.md).
admin() { curl -s -m 5 -X "$1" -H "X-Rtcc-Admin-Token: $TOKEN" -H 'Content-Type: application/json' "$URL$2" ${3:+-d "$3"}; }

DB="$WORK/state.db"
check "prints the ready line with the picked port" start "$DB" --time-scale 0.001
check "admin health answers" bash -c "curl -s -m 5 $URL/_emulator/health | grep -q '\"Ok\":true'"
check "prints a main-account key as shell exports" grep -q '^export ALIBABA_CLOUD_ACCESS_KEY_SECRET=.' "$WORK/out"
check "admin refuses a call without the token" bash -c "curl -s -m 5 -XPOST -H 'Content-Type: application/json' $URL/_emulator/reset -d '{}' | grep -q Forbidden.Admin"
check "admin refuses a text/plain body" bash -c "curl -s -m 5 -XPOST -H 'X-Rtcc-Admin-Token: $TOKEN' -H 'Content-Type: text/plain' $URL/_emulator/reset -d '{}' | grep -q UnsupportedMediaType"
check "admin refuses a foreign Origin" bash -c "curl -s -m 5 -XPOST -H 'X-Rtcc-Admin-Token: $TOKEN' -H 'Content-Type: application/json' -H 'Origin: http://evil.example' $URL/_emulator/reset -d '{}' | grep -q Forbidden.Admin"
check "an unknown path is a JSON 404" bash -c "curl -s -m 5 -i $URL/%FF | grep -qi '^content-type: application/json'"
check "seeds the main account" bash -c "curl -s -m 5 -XPOST -H 'X-Rtcc-Admin-Token: $TOKEN' -H 'Content-Type: application/json' $URL/_emulator/account -d '{\"AccessKeyId\":\"ak\",\"AccessKeySecret\":\"sk\"}' | grep -q '\"AccessKeyId\":\"ak\"'"
check "unsigned API call is refused as JSON" bash -c "curl -s -m 5 '$URL/?Action=ListUsers' | grep -q '\"Code\":\"MissingParameter\"'"
kill -TERM "$PID"
check "SIGTERM stops it with exit 0" wait_exit 0
check "says it stopped" grep -q '^emulator stopped$' "$WORK/out"

check "restarts on the same database" start "$DB"
check "state survived the restart" bash -c "curl -s -m 5 -H 'X-Rtcc-Admin-Token: $TOKEN' $URL/_emulator/state | grep -q '\"AccessKeyId\":\"ak\"'"
admin POST /_emulator/buckets '{"Name":"written-just-before-the-crash"}' >/dev/null
admin POST /_emulator/kill '{}' >/dev/null
check "kill switch ends the process with 137" wait_exit 137

check "restarts after the crash" start "$DB"
check "state survived the crash" bash -c "curl -s -m 5 -H 'X-Rtcc-Admin-Token: $TOKEN' $URL/_emulator/state | grep -q 'written-just-before-the-crash'"
admin POST /_emulator/kill '{"AfterRequests":1}' >/dev/null
curl -s -m 5 "$URL/?Action=ListUsers" >/dev/null
check "delayed kill switch dies on the next API request" wait_exit 137

"$RTCC" emulator serve --listen 0.0.0.0:0 --db "$WORK/x.db" >/dev/null 2>&1
check "refuses a non-loopback address (exit 1)" [ $? -eq 1 ]
"$RTCC" emulator serve --listen nonsense --db "$WORK/x.db" >/dev/null 2>&1
check "refuses a malformed --listen (exit 2)" [ $? -eq 2 ]

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
