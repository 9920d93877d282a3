#!/usr/bin/env bash
# End-to-end tests of the main job: the real `rtcc` binary against the
# emulator running as a separate process, with the local state file and with
# a real PostgreSQL (tests/pg). Lifecycle (create, update, no-op, destroy),
# refusing a dangerous plan, two applies at once, convergence under injected
# throttling and 5xx, and 20 kill -9 crash/recover runs.
# Env: RTCC_BUILD_DIR (with bin/rtcc), RTCC_SOURCE_DIR; RTCC_APPLY_CRASH_RUNS
# (default 20); RTCC_APPLY_PARTS (default "lifecycle concurrency faults crash pg").
set -u
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR}
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
RTCC=$BUILD/bin/rtcc
LIFE=$SRC/tests/e2e/lifecycle
CHECK="python3 $SRC/tests/e2e/cloud_matches_state.py"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-apply-suite.XXXXXX")
PASS=0 FAIL=0 PGDIR=""

cleanup() {
  [[ -n $EMU_PID ]] && kill -KILL "$EMU_PID" 2>/dev/null
  [[ -n $PGDIR ]] && "$SRC/tests/pg/pg-stop.sh" "$PGDIR" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { echo "PASS: $1"; PASS=$((PASS + 1)); }
ko() { echo "FAIL: $1"; FAIL=$((FAIL + 1)); [[ -f $WORK/last.log ]] && tail -25 "$WORK/last.log" | sed 's/^/    /'; }
check() { local name=$1; shift; if "$@" >"$WORK/last.log" 2>&1; then ok "$name"; else ko "$name"; fi; }

# The admin API wants the start-up token and JSON bodies (docs/emulator.md);
# cloud_matches_state.py reads the token from the environment too.
export RTCC_EMULATOR_ADMIN_TOKEN="apply-suite-$$"
ADMIN_HEADERS=(-H "X-Rtcc-Admin-Token: $RTCC_EMULATOR_ADMIN_TOKEN" -H 'Content-Type: application/json')
source "$SRC/tests/suites/lib/emulator.sh"
# Every part starts from the lifecycle's world: its VPC, bucket and order.
emulator_start_seeded() { emulator_start --seed "$LIFE/cloud.seed.json" "$@"; }
set_faults() { curl -sf -X POST "${ADMIN_HEADERS[@]}" "$URL/_emulator/faults" -d "$1" >/dev/null; }

export RTCC_STILL_EVERY_MS=500

# rtcc_in DIR ARGS...: run rtcc on the configuration DIR with the backend flags.
BACKEND=()
rtcc_in() { local dir=$1 cmd=$2; shift 2; (cd "$dir" && "$RTCC" "$cmd" -endpoint "$URL" -no-color "${BACKEND[@]}" "$@"); }

# use_config DIR VERSION: the workspace DIR holds the configuration VERSION.
use_config() { mkdir -p "$1"; cp "$LIFE/$2/main.rtc" "$1/main.rtc"; }

no_changes() { rtcc_in "$1" plan -detailed-exitcode >/dev/null; }
emptied() { $CHECK "$URL" --empty; }
state_has() { (cd "$1" && "$RTCC" state list "${BACKEND[@]}") | grep -qx "$2"; }
state_empty() { [[ -z $(cd "$1" && "$RTCC" state list "${BACKEND[@]}") ]]; }
state_json() { (cd "$1" && "$RTCC" state pull "${BACKEND[@]}"); }
cloud_matches() { state_json "$1" >"$WORK/state.json" && $CHECK "$URL" --state "$WORK/state.json"; }

lifecycle() { # label
  local L=$1 D=$WORK/life-$1
  emulator_start_seeded || { ko "$L: emulator"; return; }
  use_config "$D" v1
  check "$L: apply creates everything" rtcc_in "$D" apply -auto-approve
  check "$L: the cloud holds exactly what the state says" cloud_matches "$D"
  check "$L: plan after apply shows no changes" no_changes "$D"
  check "$L: the state lists what was created" state_has "$D" cluster.stream
  use_config "$D" v2
  rtcc_in "$D" plan >"$WORK/plan-v2.txt" 2>&1
  check "$L: update plan expands slaves, changes the master, moves a job" \
    bash -c "grep -q 'count *= 2 -> 3' '$WORK/plan-v2.txt' && grep -q '\"8c32g\" -> \"16c64g\"' '$WORK/plan-v2.txt' && grep -q 'switch job.daily' '$WORK/plan-v2.txt'"
  check "$L: apply updates in place" rtcc_in "$D" apply -auto-approve
  check "$L: cloud matches after the update" cloud_matches "$D"
  check "$L: no-op plan after the update" no_changes "$D"
  curl -sf "${ADMIN_HEADERS[@]}" "$URL/_emulator/state" >"$WORK/cloud-v2.json"
  check "$L: slaves expanded to 3 and master is 16c64g" python3 - "$WORK/cloud-v2.json" <<'PY'
import json, sys
c = list(json.load(open(sys.argv[1]))["Cluster"].values())[0]
s = json.dumps(c)
assert '"16c64g"' in s, s[:400]
slaves = c.get("Slave", c.get("slave", {}))
assert (slaves.get("Count") or len(slaves.get("InstanceIds", []))) == 3, slaves
PY
  use_config "$D" nodanger
  if rtcc_in "$D" apply -auto-approve >"$WORK/last.log" 2>&1; then
    ko "$L: a plan deleting AliyunStreamDefaultRole is refused"
  else
    # A new label for the same role: refused as a rename without `moved`
    # (RTC0506, docs/apply.md#moved), before the dangerous-change gate.
    grep -q "RTC0506" "$WORK/last.log" && ok "$L: a plan deleting AliyunStreamDefaultRole is refused" \
      || ko "$L: a plan deleting AliyunStreamDefaultRole is refused"
  fi
  check "$L: the refused apply changed nothing" cloud_matches "$D"
  use_config "$D" v2
  check "$L: destroy removes everything" rtcc_in "$D" destroy -auto-approve -allow-dangerous
  check "$L: nothing is left in the emulator" emptied
  check "$L: the state is empty" state_empty "$D"
}

concurrency() { # label
  local L=$1 D=$WORK/conc-$1
  emulator_start_seeded --latency-ms 150 || { ko "$L: emulator"; return; }
  use_config "$D" v1
  (rtcc_in "$D" apply -auto-approve >"$WORK/a1.log" 2>&1; echo $? >"$WORK/a1.rc") &
  local p1=$!
  sleep 0.3
  (rtcc_in "$D" apply -auto-approve >"$WORK/a2.log" 2>&1; echo $? >"$WORK/a2.rc") &
  local p2=$!
  wait "$p1" "$p2" # not a bare wait: the emulator runs in the background too
  local r1 r2; r1=$(cat "$WORK/a1.rc") r2=$(cat "$WORK/a2.rc")
  cat "$WORK/a1.log" "$WORK/a2.log" >"$WORK/last.log"
  if [[ $r1 == 0 && $r2 != 0 ]] && grep -q "state is locked by" "$WORK/a2.log"; then
    ok "$L: a second apply reports the lock holder and exits non-zero"
  else ko "$L: a second apply reports the lock holder and exits non-zero"; fi
  check "$L: nothing lost: cloud matches state after the race" cloud_matches "$D"
  check "$L: nothing lost: no-op plan after the race" no_changes "$D"
}

faults() {
  local D=$WORK/faults
  emulator_start_seeded --fault-seed 7 || { ko "faults: emulator"; return; }
  set_faults '{"Seed":7,"ThrottleRate":0.3,"ErrorRate":0.05}'
  use_config "$D" v1
  check "faults: apply converges under 30% throttling + 5% 5xx" rtcc_in "$D" apply -auto-approve -max-attempts=12
  check "faults: apply of v2 converges too" bash -c "cp '$LIFE/v2/main.rtc' '$D/main.rtc' && cd '$D' && '$RTCC' apply -endpoint '$URL' -auto-approve -max-attempts=12 -no-color"
  set_faults '{"ThrottleRate":0,"ErrorRate":0}'
  check "faults: cloud matches state" cloud_matches "$D"
  check "faults: no-op plan afterwards" no_changes "$D"
}

crash_runs() {
  local runs=${RTCC_APPLY_CRASH_RUNS:-20} D=$WORK/crash bad=0 i
  mkdir -p "$D"
  python3 "$SRC/tests/e2e/gen_ram_config.py" 50 >"$D/main.rtc"
  for i in $(seq 1 "$runs"); do
    emulator_start_seeded --latency-ms 15 || { bad=$((bad + 1)); continue; }
    rm -rf "$D/.rtc"
    (cd "$D" && exec "$RTCC" apply -endpoint "$URL" -auto-approve -no-color -parallelism=4 >"$WORK/crash-$i.log" 2>&1) &
    local pid=$!
    sleep "0.$(( (RANDOM % 9) + 1 ))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # The killed apply leaves its lock; rtcc names it stale, force-unlock frees it.
    local id
    id=$(cd "$D" && "$RTCC" plan -endpoint "$URL" -no-color 2>&1 | sed -n 's/.*state lock \([0-9a-f-]*\) is stale.*/\1/p' | head -1)
    [[ -n $id ]] && (cd "$D" && "$RTCC" force-unlock "$id" >/dev/null 2>&1)
    if (cd "$D" && "$RTCC" apply -endpoint "$URL" -auto-approve -no-color >"$WORK/last.log" 2>&1) &&
      no_changes "$D" && cloud_matches "$D" >>"$WORK/last.log" 2>&1; then :; else
      bad=$((bad + 1)); echo "    crash run $i did not converge"; tail -5 "$WORK/last.log" | sed 's/^/      /'
    fi
  done
  [[ $bad == 0 ]] && ok "crash: $runs kill -9 runs of a 50-resource apply converge with no duplicate, orphan or lost entry" \
    || ko "crash: $bad of $runs kill -9 runs did not converge"
}

PARTS=" ${RTCC_APPLY_PARTS:-lifecycle concurrency faults crash pg} "
want() { [[ $PARTS == *" $1 "* ]]; }

echo "== local state"
BACKEND=()
want lifecycle && lifecycle local
want concurrency && concurrency local
want faults && faults
want crash && crash_runs

if want pg; then
echo "== PostgreSQL state"
PGOUT=$("$SRC/tests/pg/pg-start.sh" 2>&1)
if eval "$(grep -E '^RTC_PG_(CONN|DIR)=' <<<"$PGOUT")" && [[ -n ${RTC_PG_CONN:-} ]]; then
  PGDIR=$RTC_PG_DIR
  BACKEND=(-backend=pg "-pg-conn=$RTC_PG_CONN")
  lifecycle pg
  BACKEND=(-backend=pg "-pg-conn=$RTC_PG_CONN" -pg-schema=conc)
  concurrency pg
else
  echo "$PGOUT"; ko "pg: PostgreSQL did not start"
fi
fi

emulator_stop
echo "$PASS passed, $FAIL failed"
[[ $FAIL == 0 ]]
