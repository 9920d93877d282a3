#!/usr/bin/env bash
# End-to-end: the examples applied against `rtcc emulator serve
# --official-api-only`, the real service's API, with the real binary and the
# emulator as a separate process (docs/apply.md#manual-steps).
# - No call outside the published metadata is sent (every -verbose-cloud
#   line is checked against tests/conformance/openapi/ by
#   lib/published_calls.py).
# - Engine install / uninstall / set-current appear as `manual:` steps in
#   plan and apply output, naming the console action; apply exits 3 while
#   one is outstanding, and the jobs behind it wait.
# - With the emulator's admin API playing the console while
#   `apply -manual-timeout=30s` polls, apply completes and a second plan is
#   a no-op.
# Orders are bought in the console: each example's orders are bound first
# against the emulator with its extensions (the order listing is one of
# them), then the world is served with --official-api-only. Order refresh
# still reads that listing (until orders are bought through the API), so
# the official-API runs use -refresh=false.
# Env: RTCC_BUILD_DIR (with bin/rtcc), RTCC_SOURCE_DIR; RTCC_MANUAL_EXAMPLES
# (default: every folder of examples/ with a cloud.seed.json).
set -u
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR}
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
RTCC=$BUILD/bin/rtcc
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-manual-suite.XXXXXX")
PUBLISHED="python3 $SRC/tests/suites/lib/published_calls.py"
PASS=0 FAIL=0

cleanup() {
  [[ -n $EMU_PID ]] && kill -KILL "$EMU_PID" 2>/dev/null
  [[ -n ${BG_PID:-} ]] && kill -KILL "$BG_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { echo "PASS: $1"; PASS=$((PASS + 1)); }
ko() { echo "FAIL: $1"; FAIL=$((FAIL + 1)); [[ -f $WORK/last.log ]] && tail -25 "$WORK/last.log" | sed 's/^/    /'; }
check() { local name=$1; shift; if "$@" >"$WORK/last.log" 2>&1; then ok "$name"; else ko "$name"; fi; }

export RTCC_EMULATOR_ADMIN_TOKEN="manual-suite-$$"
ADMIN_HEADERS=(-H "X-Rtcc-Admin-Token: $RTCC_EMULATOR_ADMIN_TOKEN" -H 'Content-Type: application/json')
source "$SRC/tests/suites/lib/emulator.sh"
export RTCC_MANUAL_POLL_MS=200

rtcc_in() { local dir=$1 cmd=$2; shift 2; (cd "$dir" && "$RTCC" "$cmd" -endpoint "$URL" -no-color "$@"); }

# plan_json DIR: the plan as JSON against the official API, from the state.
plan_json() { rtcc_in "$1" plan -refresh=false -json 2>/dev/null; }

# order_targets DIR: -target flags for every order of the configuration.
order_targets() {
  rtcc_in "$1" plan -json 2>/dev/null | python3 -c '
import json, sys
print(" ".join("-target=" + c["address"] for c in json.load(sys.stdin)["resource_changes"] if c["kind"] == "order"))'
}

# console_actions DIR: the admin calls that do in the "console" (the
# emulator admin API) what the plan's manual steps say: each cluster gets
# its configured engine versions. Read before apply takes the state lock.
console_actions() {
  (cd "$1" && "$RTCC" state pull) >"$WORK/state.json" || return 1
  plan_json "$1" >"$WORK/plan.json" || return 1
  python3 - "$WORK/state.json" "$WORK/plan.json" >"$WORK/console.txt" <<'PY'
import json, sys
state = {r["address"]: r for r in json.load(open(sys.argv[1]))["resources"]}
for c in json.load(open(sys.argv[2]))["resource_changes"]:
    eng = (c.get("after") or {}).get("engines")
    if c["kind"] != "cluster" or not eng or c["address"] not in state:
        continue
    print(state[c["address"]]["cloud_id"],
          json.dumps({"Versions": eng["installed"], "Current": eng["current"]}))
PY
  [[ -s $WORK/console.txt ]]
}

# console: takes the actions console_actions wrote down.
console() {
  local id body
  while read -r id body; do
    curl -sf -X POST "${ADMIN_HEADERS[@]}" "$URL/_emulator/clusters/$id/engineversions" -d "$body" || return 1
  done <"$WORK/console.txt"
}

has_manual_steps() { grep -q '^  [0-9]*\. manual: In the Realtime Compute console: cluster ' "$1"; }

example() { # name
  local N=$1 D=$WORK/$1
  cp -r "$SRC/examples/$N" "$D" && rm -rf "$D/.rtc"
  # The emulator serves the region of the example's world (its seed), as
  # the embedded cloud serves the provider block's.
  local region
  region=$(python3 -c 'import json, sys
seed = json.load(open(sys.argv[1]))
print(next((i["RegionId"] for k in ("vpcs", "orders") for i in seed.get(k, []) if "RegionId" in i), "cn-hangzhou"))' "$D/cloud.seed.json")
  # The console: the example's orders are bought there.
  EMU_KEEP_DB="" emulator_start --region "${region:-cn-hangzhou}" --seed "$D/cloud.seed.json" || { ko "$N: emulator"; return; }
  local targets
  targets=$(order_targets "$D")
  if [[ -n $targets ]]; then
    # shellcheck disable=SC2086
    check "$N: the orders are bound (console)" rtcc_in "$D" apply -auto-approve $targets
  fi
  # A plan made where the engine calls exist keeps them as calls.
  rtcc_in "$D" plan -refresh=false -out "$WORK/$N-calls.plan" >"$WORK/$N-calls.txt" 2>&1
  # The real service's API from now on, same world.
  EMU_KEEP_DB=1 emulator_start --region "${region:-cn-hangzhou}" --official-api-only || { ko "$N: official emulator"; return; }
  if grep -q 'install blink-' "$WORK/$N-calls.txt"; then
    rtcc_in "$D" apply -verbose-cloud "$WORK/$N-calls.plan" >"$WORK/$N-saved.txt" 2>"$WORK/$N-saved.err"
    local saved_rc=$?
    cat "$WORK/$N-saved.txt" "$WORK/$N-saved.err" >"$WORK/last.log"
    if [[ $saved_rc == 1 ]] && grep -q 'RTC0525' "$WORK/$N-saved.err" &&
      ! grep -q 'Creating' "$WORK/$N-saved.txt"; then
      ok "$N: a saved plan with engine calls is refused here (RTC0525) and changes nothing"
    else
      ko "$N: a saved plan with engine calls is refused here (RTC0525) and changes nothing (got $saved_rc)"
    fi
  fi

  rtcc_in "$D" plan -refresh=false -verbose-cloud >"$WORK/$N-plan.txt" 2>"$WORK/$N-plan.err"
  local manual=0
  has_manual_steps "$WORK/$N-plan.txt" && manual=1
  if grep -q 'engines' "$D"/main.rtc "$D"/modules/*/*.rtc 2>/dev/null; then
    check "$N: the plan lists the engine steps as manual console actions" \
      bash -c "grep -E 'manual: In the Realtime Compute console: cluster .* → Engine versions → (Install|Set .* as default) blink-' '$WORK/$N-plan.txt'"
  fi

  if [[ $manual == 1 ]]; then
    plan_json "$D" >"$WORK/$N-plan.json"
    check "$N: the plan JSON marks the engine steps manual, with the console action" python3 - "$WORK/$N-plan.json" <<'PY'
import json, sys
steps = json.load(open(sys.argv[1]))["steps"]
engine = [s for s in steps if s["kind"] in ("install_engine", "uninstall_engine", "set_current_engine")]
assert engine, "no engine steps"
for s in engine:
    assert s.get("manual") is True, s
    assert s["console_action"].startswith("In the Realtime Compute console: cluster "), s
    assert s["version"] in s["console_action"], s
PY
  fi
  rtcc_in "$D" apply -auto-approve -refresh=false -verbose-cloud >"$WORK/$N-apply1.txt" 2>"$WORK/$N-apply1.err"
  local rc=$?
  cat "$WORK/$N-apply1.txt" "$WORK/$N-apply1.err" >"$WORK/last.log"
  # engine-upgrade starts on a version the service does not install by
  # itself, so its first apply must stop at a manual step; elsewhere the
  # service's default may already satisfy every manual step.
  if [[ $N == engine-upgrade && $rc != 3 ]]; then
    ko "$N: apply exits 3 while manual steps are outstanding (got $rc)"
  fi
  if [[ $manual == 1 && $rc == 0 ]]; then
    check "$N: apply verified every manual step with GetClusterEngineVersions" \
      grep -q 'Check manual step: .* complete after .*verified with GetClusterEngineVersions' "$WORK/$N-apply1.txt"
  elif [[ $manual == 1 ]]; then
    if [[ $rc == 3 ]]; then ok "$N: apply exits 3 while manual steps are outstanding"; else ko "$N: apply exits 3 while manual steps are outstanding (got $rc)"; fi
    check "$N: apply names the outstanding console action" \
      grep -E 'manual step not done yet on `cluster\..*`: In the Realtime Compute console: .*Engine versions → ' "$WORK/$N-apply1.err"
    check "$N: apply says what waits behind it" \
      grep -E 'Skipped .*depends on the manual step `In the Realtime Compute console' "$WORK/$N-apply1.txt"

    # The operator acts in the console while apply waits for it.
    check "$N: the console actions are known" console_actions "$D"
    rtcc_in "$D" apply -auto-approve -refresh=false -verbose-cloud -manual-timeout=30s \
      >"$WORK/$N-apply2.txt" 2>"$WORK/$N-apply2.err" &
    BG_PID=$!
    for _ in $(seq 1 100); do
      grep -q 'waiting for the console' "$WORK/$N-apply2.txt" 2>/dev/null && break
      sleep 0.1
    done
    check "$N: apply polls GetClusterEngineVersions for the console action" \
      grep -q 'waiting for the console: In the Realtime Compute console' "$WORK/$N-apply2.txt"
    check "$N: the console action is taken (emulator admin API)" console
    wait "$BG_PID"
    rc=$?
    BG_PID=""
    cat "$WORK/$N-apply2.txt" "$WORK/$N-apply2.err" >"$WORK/last.log"
    if [[ $rc == 0 ]]; then ok "$N: apply -manual-timeout=30s completes once the console acted"; else ko "$N: apply -manual-timeout=30s completes once the console acted (got $rc)"; fi
  else
    if [[ $rc == 0 ]]; then ok "$N: apply completes"; else ko "$N: apply completes (got $rc)"; fi
  fi
  check "$N: a second plan is a no-op" rtcc_in "$D" plan -refresh=false -detailed-exitcode
  check "$N: no call outside the published metadata was sent" \
    $PUBLISHED --min-calls 5 "$WORK/$N"-*.err
  emulator_stop
}

EXAMPLES=${RTCC_MANUAL_EXAMPLES:-$(cd "$SRC/examples" && for d in */; do [[ -f $d/cloud.seed.json ]] && echo "${d%/}"; done)}
for N in $EXAMPLES; do
  example "$N"
done

echo "$PASS passed, $FAIL failed"
[[ $FAIL == 0 ]]
