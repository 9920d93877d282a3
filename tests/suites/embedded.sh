#!/usr/bin/env bash
# The embedded cloud's first start, killed (issue 15, class 9): a kill -9
# 5-80 ms after `rtcc refresh` starts in a new folder lands while the
# embedded cloud creates .rtc/cloud.db and seeds it (refresh opens the cloud
# and creates nothing, so the kill never interrupts creates: that is
# apply.sh's crash test). It used to leave a database
# without rtcc's access key, and every later run failed with
# InvalidAccessKeyId.NotFound until the file was deleted by hand. Each run
# here kills the first start at another moment, then checks that the next
# apply converges (the cloud holds the whole seed and rtcc's key) and that a
# plan after it is a no-op.
# Env: RTCC_BUILD_DIR (with bin/rtcc), RTCC_SOURCE_DIR; RTCC_EMBEDDED_RUNS
# (default 26); RTCC_EMBEDDED_KILLS (default 8), the runs killed right after
# CreateProject (below). Ends with "embedded: N passed, N failed".
set -u
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR}
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
RTCC=$BUILD/bin/rtcc
RUNS=${RTCC_EMBEDDED_RUNS:-26}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-embedded-suite.XXXXXX")
trap "[[ -n \${KEEP:-} ]] || rm -rf \"$WORK\"" EXIT
PASS=0 FAIL=0
ok() { echo "PASS: $1"; PASS=$((PASS + 1)); }
ko() { echo "FAIL: $1"; FAIL=$((FAIL + 1)); [[ -f $2 ]] && tail -15 "$2" | sed 's/^/    /'; }

# A configuration that needs the whole seed: a shared-mode order from it.
EXAMPLE=$SRC/examples/shared-team

# apply_after_kill DIR: the apply after a killed run, freeing the lock the
# killed run held with the command the error names. Output in DIR/second.log.
apply_after_kill() {
  local D=$1 id
  if ! (cd "$D" && timeout 120 "$RTCC" apply -auto-approve -no-color) >"$D/second.log" 2>&1; then
    id=$(grep -oE 'force-unlock [A-Za-z0-9-]+' "$D/second.log" | head -n1 | cut -d' ' -f2)
    if [[ -n $id ]]; then
      (cd "$D" && "$RTCC" force-unlock "$id") >/dev/null 2>&1
      (cd "$D" && timeout 120 "$RTCC" apply -auto-approve -no-color) >"$D/second.log" 2>&1
    fi
  fi
}

for ((i = 0; i < RUNS; i++)); do
  D=$WORK/run$i
  cp -r "$EXAMPLE" "$D"
  rm -rf "$D/.rtc"
  delay_ms=$((5 + (i * 75) / (RUNS > 1 ? RUNS - 1 : 1)))
  (cd "$D" && exec "$RTCC" refresh -no-color >"$D/first.log" 2>&1) &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  apply_after_kill "$D"
  if ! grep -q "complete! Resources:" "$D/second.log"; then
    ko "run $i (killed after ${delay_ms} ms): the next apply converges" "$D/second.log"
    continue
  fi
  if (cd "$D" && "$RTCC" plan -detailed-exitcode -no-color) >"$D/third.log" 2>&1; then
    ok "run $i (killed after ${delay_ms} ms): converges, then no changes"
  else
    ko "run $i (killed after ${delay_ms} ms): a plan after it is a no-op" "$D/third.log"
  fi
  mode=$(stat -c %a "$D/.rtc/cloud.db")
  if [[ $mode == 600 ]]; then ok "run $i: cloud.db is private (0600)"; else ko "run $i: cloud.db mode is $mode, not 600" /dev/null; fi
done


# Killed right after the project consumed its order (issue 12): the order
# was bound by its attributes, so only the state knows which order it is.
# Its binding must be saved before CreateProject runs; before that fix a
# kill here left a state without the order, and every later apply failed
# with OrderNotFound (the one matching order now looked used). The kill
# comes the moment -verbose-cloud shows CreateProject answered.
KILLS=${RTCC_EMBEDDED_KILLS:-8}
for ((i = 0; i < KILLS; i++)); do
  D=$WORK/consumed$i
  cp -r "$EXAMPLE" "$D"
  rm -rf "$D/.rtc"
  (cd "$D" && timeout 120 "$RTCC" refresh -no-color) >/dev/null 2>&1 # seed the cloud first
  coproc APPLY { cd "$D" && exec "$RTCC" apply -auto-approve -no-color -verbose-cloud 2>&1; }
  pid=$APPLY_PID
  while IFS= read -r line <&"${APPLY[0]}"; do
    [[ $line == *"POST /api/v2/projects: ok"* ]] && break
  done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  apply_after_kill "$D"
  if grep -q "complete! Resources:" "$D/second.log" &&
    (cd "$D" && "$RTCC" plan -detailed-exitcode -no-color) >"$D/third.log" 2>&1; then
    ok "kill $i after CreateProject: the next apply converges on the same order, then no changes"
  else
    ko "kill $i after CreateProject: the next apply converges" "$D/second.log"
  fi
done

echo "embedded: $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
