#!/usr/bin/env bash
# End-to-end: the emulator and `rtcc check` read the same stdlib (issue 14),
# the real `rtcc` binary against the emulator running as a separate process.
#  - master: a 32c128g master (machines.rtc sells it as a slave only) is
#    refused by check, and CreateCellClusterOrder refuses it with check's
#    own message;
#  - beta: blink-3.4.0-beta1 (engines.rtc's beta) passes check with the beta
#    warning, and apply installs it on the emulator; a second plan is a
#    no-op.
# Env: RTCC_BUILD_DIR (with bin/rtcc), RTCC_SOURCE_DIR.
set -u
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR}
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
RTCC=$BUILD/bin/rtcc
IN=$SRC/tests/e2e/domain
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-domain-suite.XXXXXX")
PASS=0 FAIL=0

cleanup() {
  [[ -n $EMU_PID ]] && kill -KILL "$EMU_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { echo "PASS: $1"; PASS=$((PASS + 1)); }
ko() { echo "FAIL: $1"; FAIL=$((FAIL + 1)); [[ -f $WORK/last.log ]] && tail -25 "$WORK/last.log" | sed 's/^/    /'; }
check() { local name=$1; shift; if "$@" >"$WORK/last.log" 2>&1; then ok "$name"; else ko "$name"; fi; }

export RTCC_EMULATOR_ADMIN_TOKEN="domain-suite-$$"
source "$SRC/tests/suites/lib/emulator.sh"

rtcc_in() { local d=$1; shift; (cd "$d" && "$RTCC" "$@" -endpoint "$URL" -no-color); }

# json_field FILE EXPR: a Python expression over the JSON document `d`.
json_field() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

master() {
  "$RTCC" check --diagnostics-format=json "$IN/master" >"$WORK/check.json" 2>/dev/null
  check "master: check refuses a 32c128g master" test $? = 1
  local said
  said=$(json_field "$WORK/check.json" \
    '[x["message"] for x in d["diagnostics"] if "32c128g" in x["message"]][0]')
  emulator_start --seed "$IN/cloud.seed.json" || { ko "master: emulator"; return; }
  python3 "$SRC/tests/suites/lib/roa_call.py" "$URL" POST /api/v2/realtime-compute/cell/buy \
    '{"payModel":"pre","region":"cn-hangzhou","masterSpec":"Ecs_32c128g","masterNum":3,"slaveSpec":"Ecs_16c64g","slaveNum":2,"period":3}' \
    >"$WORK/buy.json"
  cp "$WORK/buy.json" "$WORK/last.log"
  check "master: the emulator refuses it as InvalidParameter.MasterModel" \
    test "$(json_field "$WORK/buy.json" 'd.get("Code")')" = InvalidParameter.MasterModel
  echo "check: $said" >>"$WORK/last.log"
  check "master: with check's message" test "$(json_field "$WORK/buy.json" 'd.get("Message")')" = "$said"
}

beta() {
  local D=$WORK/beta
  mkdir -p "$D"
  cp "$IN/beta/main.rtc" "$D/main.rtc"
  "$RTCC" check --color=never "$D" >"$WORK/beta-check.log" 2>&1
  check "beta: check accepts blink-3.4.0-beta1" test $? = 0
  check "beta: with the beta warning" grep -q 'is tagged beta.*\[RTC0327\]' "$WORK/beta-check.log"
  emulator_start --seed "$IN/cloud.seed.json" || { ko "beta: emulator"; return; }
  check "beta: apply installs it on the emulator" rtcc_in "$D" apply -auto-approve
  local id
  id=$( (cd "$D" && "$RTCC" state pull) | python3 -c '
import json, sys
print([r.get("cloud_id", "") for r in json.load(sys.stdin).get("resources", []) if r["address"] == "cluster.domain"][0])')
  python3 "$SRC/tests/suites/lib/roa_call.py" "$URL" GET "/api/v2/clusters/$id/engineversions" >"$WORK/versions.json"
  cp "$WORK/versions.json" "$WORK/last.log"
  check "beta: the cluster has blink-3.4.0-beta1 installed" test "$(json_field "$WORK/versions.json" \
    '[v["Status"] for v in d["EngineVersions"]["EngineVersion"] if v["Version"] == "blink-3.4.0-beta1"]')" = "['installed']"
  check "beta: a second plan is a no-op" rtcc_in "$D" plan -detailed-exitcode
}

master
beta
emulator_stop
echo "domain: $PASS passed, $FAIL failed"
[[ $FAIL == 0 ]]
