#!/usr/bin/env bash
# State storage suite: PostgreSQL gtests against a throw-away server, and
# CLI-level locking/concurrency checks for the local and pg backends.
# Env: RTCC_BUILD_DIR (built tree with bin/rtcc), RTCC_SOURCE_DIR.
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail

SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR to a built tree}
RTCC=$BUILD/bin/rtcc
TESTS=$BUILD/tests/unit/state/rtcc_state_tests
HOLDER=$BUILD/tests/unit/state/rtcc-state-lockholder
T="timeout 60"

pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [[ -n ${2:-} ]] && echo "$2" | sed 's/^/    /' | head -20; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-state-suite.XXXXXX")
PIDS=()
PGDIR=""
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [[ -n $PGDIR ]] && "$SRC/tests/pg/pg-stop.sh" "$PGDIR"
  rm -rf "$WORK"
}
trap cleanup EXIT

for f in "$RTCC" "$TESTS" "$HOLDER"; do
  if [[ ! -x $f ]]; then echo "state.sh: missing $f (build rtcc, rtcc_state_tests, rtcc-state-lockholder)"; echo "0 passed, 1 failed"; exit 1; fi
done

# A state with N jobs, serial 1, fixed lineage.
make_state() { # N FILE
  python3 - "$1" "$2" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
res = [{"address": f"job.j{i}", "kind": "job", "name": f"j{i}", "cloud_id": f"id-{i}",
        "attributes": {"cu": i}, "dependencies": [], "sensitive_attributes": []} for i in range(n)]
json.dump({"format_version": 1, "serial": 1, "lineage": "3f6c1a52-9d2e-4b7a-8c1d-0e5f6a7b8c9d",
           "resources": res, "outputs": {}}, open(path, "w"))
PY
}

# Starts the lock holder in the background; sets HOLDER_PID and LOCK_ID.
start_holder() { # args...
  local out=$WORK/holder.$RANDOM
  "$HOLDER" "$@" >"$out" 2>&1 &
  HOLDER_PID=$!
  PIDS+=("$HOLDER_PID")
  for _ in $(seq 100); do grep -q '^LOCKED' "$out" && break; sleep 0.1; done
  LOCK_ID=$(sed -n 's/^LOCKED //p' "$out")
}

# Checks that `state pull` gives valid JSON with the expected serial and
# resource count.
check_state() { # label expected_serial expected_count rtcc-args...
  local label=$1 serial=$2 count=$3; shift 3
  local out
  out=$(cd "$CFG" && $T "$RTCC" state pull "$@" 2>&1) || { bad "$label" "$out"; return; }
  if python3 -c 'import json,sys; s=json.loads(sys.stdin.read()); assert s["serial"]=='"$serial"', s["serial"]; assert len(s["resources"])=='"$count"', len(s["resources"])' <<<"$out" 2>/dev/null; then
    ok "$label"
  else
    bad "$label" "$(echo "$out" | grep -E '"serial"|error' | head -3)"
  fi
}

cli_suite() { # name rtcc-args... (backend selection)
  local name=$1; shift
  CFG=$WORK/$name; mkdir -p "$CFG"
  make_state 20 "$WORK/$name.json"
  local out rc

  out=$(cd "$CFG" && $T "$RTCC" state push "$@" "$WORK/$name.json" 2>&1) \
    && ok "$name: push a state" || bad "$name: push a state" "$out"

  # 1. A held lock is reported with its holder; the command fails cleanly.
  if [[ $name == local ]]; then start_holder local "$CFG/.rtc/state.json" 600
  else start_holder pg "$RTC_PG_CONN" "$SCHEMA" default 600; fi
  [[ -n $LOCK_ID ]] && ok "$name: helper holds the lock" || bad "$name: helper holds the lock"
  out=$(cd "$CFG" && $T "$RTCC" state rm job.j0 "$@" 2>&1); rc=$?
  if [[ $rc == 1 && $out == *"state is locked by "*"(operation test lock holder"*"id $LOCK_ID)"* ]]; then
    ok "$name: second writer is told who holds the lock"
  else bad "$name: second writer is told who holds the lock" "rc=$rc $out"; fi

  # force-unlock of a live holder is refused.
  out=$(cd "$CFG" && $T "$RTCC" force-unlock "$LOCK_ID" "$@" 2>&1); rc=$?
  [[ $rc == 1 && $out == *"held by a running process"* ]] \
    && ok "$name: force-unlock refuses a live holder" \
    || bad "$name: force-unlock refuses a live holder" "rc=$rc $out"

  # 2. Kill -9 the holder.
  kill -9 "$HOLDER_PID"; wait "$HOLDER_PID" 2>/dev/null
  if [[ $name == local ]]; then
    out=$(cd "$CFG" && $T "$RTCC" state rm job.j0 "$@" 2>&1); rc=$?
    if [[ $rc == 1 && $out == *"is stale: held by pid $HOLDER_PID which is no longer running"* && $out == *"rtcc force-unlock $LOCK_ID"* ]]; then
      ok "$name: lock of a killed holder is reported stale"
    else bad "$name: lock of a killed holder is reported stale" "rc=$rc $out"; fi
    out=$(cd "$CFG" && $T "$RTCC" force-unlock wrong-id "$@" 2>&1); rc=$?
    [[ $rc == 1 && $out == *"does not match"* ]] && ok "$name: force-unlock checks the id" \
      || bad "$name: force-unlock checks the id" "rc=$rc $out"
    out=$(cd "$CFG" && $T "$RTCC" force-unlock "$LOCK_ID" "$@" 2>&1) \
      && [[ $out == *"no longer running"* ]] && ok "$name: force-unlock recovers" \
      || bad "$name: force-unlock recovers" "$out"
  else
    # The server drops the advisory lock with the session; the leftover row
    # can be removed with force-unlock (or is replaced by the next locker).
    sleep 0.5
    out=$(cd "$CFG" && $T "$RTCC" force-unlock "$LOCK_ID" "$@" 2>&1) \
      && [[ $out == *"session had already ended"* ]] && ok "$name: force-unlock removes a dead holder's row" \
      || bad "$name: force-unlock removes a dead holder's row" "$out"
    start_holder pg "$RTC_PG_CONN" "$SCHEMA" default 600
    kill -9 "$HOLDER_PID"; wait "$HOLDER_PID" 2>/dev/null
    out=$(cd "$CFG" && $T "$RTCC" state rm job.j0 "$@" -lock-timeout=10s 2>&1) \
      && ok "$name: lock of a killed holder is freed by PostgreSQL" \
      || bad "$name: lock of a killed holder is freed by PostgreSQL" "$out"
  fi
  if [[ $name == local ]]; then
    out=$(cd "$CFG" && $T "$RTCC" state rm job.j0 "$@" 2>&1) \
      && ok "$name: writes work again after recovery" || bad "$name: writes work again after recovery" "$out"
  fi
  check_state "$name: state intact after kill -9 (serial 2, 19 resources)" 2 19 "$@"

  # 3. -lock-timeout waits for a holder that finishes.
  if [[ $name == local ]]; then start_holder local "$CFG/.rtc/state.json" 2
  else start_holder pg "$RTC_PG_CONN" "$SCHEMA" default 2; fi
  out=$(cd "$CFG" && $T "$RTCC" state rm job.j1 "$@" -lock-timeout=20s 2>&1) \
    && ok "$name: -lock-timeout waits for the holder" || bad "$name: -lock-timeout waits for the holder" "$out"
  wait "$HOLDER_PID" 2>/dev/null

  # 4. Concurrent writers: all succeed one after another, none is lost.
  local pids=() i
  for i in 2 3 4 5 6 7; do
    (cd "$CFG" && $T "$RTCC" state mv "job.j$i" "job.moved$i" "$@" -lock-timeout=40s >"$WORK/mv.$name.$i" 2>&1) &
    pids+=($!)
  done
  local allok=1
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || allok=0; done
  [[ $allok == 1 ]] && ok "$name: 6 concurrent writers all succeed" \
    || bad "$name: 6 concurrent writers all succeed" "$(cat "$WORK"/mv.$name.* | grep error)"
  check_state "$name: no write lost (serial 9, 18 resources)" 9 18 "$@"
  out=$(cd "$CFG" && "$RTCC" state list "$@" | grep -c moved)
  [[ $out == 6 ]] && ok "$name: all 6 moves present" || bad "$name: all 6 moves present" "$out"

  # 5. Guards: an older serial or another lineage is refused.
  out=$(cd "$CFG" && $T "$RTCC" state push "$@" "$WORK/$name.json" 2>&1); rc=$?
  [[ $rc == 1 && $out == *"which is newer"* ]] && ok "$name: push of an older serial is refused" \
    || bad "$name: push of an older serial is refused" "rc=$rc $out"
  sed 's/3f6c1a52-9d2e-4b7a-8c1d-0e5f6a7b8c9d/11111111-2222-4333-8444-555555555555/; s/"serial": 1/"serial": 50/' \
    "$WORK/$name.json" >"$WORK/$name.other.json"
  out=$(cd "$CFG" && $T "$RTCC" state push "$@" "$WORK/$name.other.json" 2>&1); rc=$?
  [[ $rc == 1 && $out == *"lineage"* ]] && ok "$name: push of another lineage is refused" \
    || bad "$name: push of another lineage is refused" "rc=$rc $out"
  out=$(cd "$CFG" && $T "$RTCC" state push -force "$@" "$WORK/$name.other.json" 2>&1) \
    && ok "$name: push -force overrides" || bad "$name: push -force overrides" "$out"
  check_state "$name: forced state stored (serial 50)" 50 20 "$@"

  # 6. Workspaces.
  out=$(cd "$CFG" && $T "$RTCC" workspace new staging "$@" 2>&1) \
    && [[ $(cd "$CFG" && "$RTCC" workspace list "$@") == *"* staging"* ]] \
    && ok "$name: workspace new selects it" || bad "$name: workspace new selects it" "$out"
  out=$(cd "$CFG" && "$RTCC" state list "$@" 2>&1)
  [[ -z $out ]] && ok "$name: new workspace starts empty" || bad "$name: new workspace starts empty" "$out"
  out=$(cd "$CFG" && $T "$RTCC" workspace delete staging "$@" 2>&1); rc=$?
  [[ $rc == 1 && $out == *"selected workspace"* ]] && ok "$name: cannot delete the selected workspace" \
    || bad "$name: cannot delete the selected workspace" "rc=$rc $out"
  out=$(cd "$CFG" && "$RTCC" workspace select default "$@" && "$RTCC" workspace delete staging "$@" 2>&1) \
    && ok "$name: workspace select + delete" || bad "$name: workspace select + delete" "$out"
}

# --- PostgreSQL server -------------------------------------------------------
PGOUT=$("$SRC/tests/pg/pg-start.sh" 2>&1)
if eval "$(grep -E '^RTC_PG_(CONN|DIR)=' <<<"$PGOUT")" && [[ -n ${RTC_PG_CONN:-} ]]; then
  PGDIR=$RTC_PG_DIR
  export RTC_PG_CONN
  ok "pg harness starts a server"
else
  bad "pg harness starts a server" "$PGOUT"
fi

# --- gtests that need PostgreSQL ---------------------------------------------
if [[ -n $PGDIR ]]; then
  out=$($T "$TESTS" --gtest_filter='Pg*' 2>&1); rc=$?
  if [[ $rc == 0 && $out != *"SKIPPED"* ]]; then
    ok "gtest Pg* ($(grep -o '[0-9]* tests\? from [0-9]* test suites\? ran' <<<"$out"))"
  else bad "gtest Pg*" "$(grep -E 'FAILED|Failure|SKIPPED' <<<"$out")"; fi
fi

# --- CLI ---------------------------------------------------------------------
cli_suite local
if [[ -n $PGDIR ]]; then
  SCHEMA=rtcc_suite
  cli_suite pg -backend=pg -pg-schema=$SCHEMA
fi

echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
