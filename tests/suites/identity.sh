#!/usr/bin/env bash
# End-to-end tests of object identity and ownership (issue 12): the real
# `rtcc` binary against the emulator running as a separate process.
#  - ownership: a second workspace's apply refuses to adopt a user the first
#    one manages (and its destroy leaves it alone);
#  - renames: a renamed role is never deleted (a `moved` block, or a refusal);
#  - replacement: a cluster replacement that needs a new order deletes nothing;
#  - -replace of a user, plan -destroy -out + apply, destroy -target of a
#    project (the cluster stays), deleting the service role with
#    -allow-dangerous and re-initialising it with -replace;
#  - interruption: 20 runs of SIGINT at a random moment of a 60-resource
#    apply exit 130, leave the lock free, and converge on the next apply with
#    no duplicate or orphan.
# Env: RTCC_BUILD_DIR (with bin/rtcc), RTCC_SOURCE_DIR; RTCC_IDENTITY_RUNS
# (default 20); RTCC_IDENTITY_PARTS (default "ownership rename replace replace_flag destroy_plan
# destroy_target role_delete interrupt").
set -u
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR}
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
RTCC=$BUILD/bin/rtcc
CHECK="python3 $SRC/tests/e2e/cloud_matches_state.py"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-identity-suite.XXXXXX")
PASS=0 FAIL=0

cleanup() {
  [[ -n $EMU_PID ]] && kill -KILL "$EMU_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { echo "PASS: $1"; PASS=$((PASS + 1)); }
ko() { echo "FAIL: $1"; FAIL=$((FAIL + 1)); [[ -f $WORK/last.log ]] && tail -25 "$WORK/last.log" | sed 's/^/    /'; }
check() { local name=$1; shift; if "$@" >"$WORK/last.log" 2>&1; then ok "$name"; else ko "$name"; fi; }

# The admin API wants the start-up token (docs/emulator.md); the key pair is
# given on the command line, the documented one-step start.
export RTCC_EMULATOR_ADMIN_TOKEN="identity-suite-$$"
source "$SRC/tests/suites/lib/emulator.sh"

rtcc_in() { local d=$1; shift; (cd "$d" && "$RTCC" "$@" -endpoint "$URL" -no-color); }
no_changes() { rtcc_in "$1" plan -detailed-exitcode >/dev/null; }
cloud_matches() { (cd "$1" && "$RTCC" state pull) >"$WORK/state.json" && $CHECK "$URL" --state "$WORK/state.json"; }

ownership() {
  local A=$WORK/ws-a B=$WORK/ws-b
  emulator_start || { ko "ownership: emulator"; return; }
  mkdir -p "$A" "$B"
  printf 'provider alicloud {\n  region = "cn-hangzhou"\n}\n\nuser alice {\n  display_name = "Alice"\n}\n' >"$A/main.rtc"
  cp "$A/main.rtc" "$B/main.rtc"
  check "ownership: the first workspace creates user.alice" rtcc_in "$A" apply -auto-approve
  rtcc_in "$B" apply -auto-approve >"$WORK/b.log" 2>&1
  local rc=$?
  cp "$WORK/b.log" "$WORK/last.log"
  if [[ $rc == 1 ]] && grep -qF 'error: user.alice: "alice" already exists in the cloud and is not managed by this state; to manage it, run rtcc import user.alice alice' "$WORK/b.log"; then
    ok "ownership: a second workspace's apply refuses to adopt user.alice (exit 1, names rtcc import)"
  else
    ko "ownership: a second workspace's apply adopted user.alice (exit $rc)"
  fi
  check "ownership: the second workspace's state does not hold user.alice" \
    bash -c "! (cd '$B' && '$RTCC' state list) | grep -qx user.alice"
  check "ownership: the second workspace keeps no intent for it" \
    bash -c "! (cd '$B' && '$RTCC' state pull) | grep -q pending_creates"
  check "ownership: destroy in the second workspace" rtcc_in "$B" destroy -auto-approve
  check "ownership: the first workspace's user is untouched" bash -c "cd '$A' && '$RTCC' state pull >'$WORK/a.json' && $CHECK '$URL' --state '$WORK/a.json'"
  check "ownership: the first workspace still plans no changes" no_changes "$A"
  check "ownership: import then makes the second workspace manage it" rtcc_in "$B" import user.alice alice
}

interrupt_runs() {
  local runs=${RTCC_IDENTITY_RUNS:-20} D=$WORK/int bad=0 early=0 i
  mkdir -p "$D"
  python3 "$SRC/tests/e2e/gen_ram_config.py" 60 >"$D/main.rtc"
  for i in $(seq 1 "$runs"); do
    emulator_start --latency-ms 15 || { bad=$((bad + 1)); continue; }
    rm -rf "$D/.rtc"
    (cd "$D" && exec "$RTCC" apply -endpoint "$URL" -auto-approve -no-color -parallelism=4 >"$WORK/int-$i.log" 2>&1) &
    local pid=$!
    sleep "0.$(( (RANDOM % 9) + 1 ))"
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
    local rc=$?
    cp "$WORK/int-$i.log" "$WORK/last.log"
    if [[ $rc == 0 || $rc == 130 ]] && grep -q "Apply complete" "$WORK/int-$i.log"; then
      # Finished before the signal arrived (or it arrived after the summary,
      # as the command was returning, and ended it with SIGINT's 130).
      early=$((early + 1))
    elif [[ $rc != 130 ]] || ! grep -q "Interrupt received: finishing [0-9]* in-flight calls, starting no new ones" "$WORK/int-$i.log"; then
      bad=$((bad + 1)); echo "    interrupt run $i: exit $rc"; tail -5 "$WORK/int-$i.log" | sed 's/^/      /'; continue
    fi
    # The lock is free: a plan runs at once, no force-unlock.
    if ! (cd "$D" && "$RTCC" plan -endpoint "$URL" -no-color -lock-timeout=0s >"$WORK/last.log" 2>&1); then
      bad=$((bad + 1)); echo "    interrupt run $i left the lock"; tail -5 "$WORK/last.log" | sed 's/^/      /'; continue
    fi
    if (cd "$D" && "$RTCC" apply -endpoint "$URL" -auto-approve -no-color >"$WORK/last.log" 2>&1) &&
      no_changes "$D" && cloud_matches "$D" >>"$WORK/last.log" 2>&1; then :; else
      bad=$((bad + 1)); echo "    interrupt run $i did not converge"; tail -5 "$WORK/last.log" | sed 's/^/      /'
    fi
  done
  [[ $bad == 0 && $early -lt $runs ]] && ok "interrupt: $runs SIGINT runs of a 60-resource apply exit 130, free the lock and converge ($early finished first)" \
    || ko "interrupt: $bad of $runs SIGINT runs failed ($early finished before the signal)"
}

# A renamed block label never deletes the live object: without a `moved`
# block the plan is refused (exit 1) and nothing is called; with one, apply
# only rewrites the state (no DeleteRole, no CreateRole).
rename() {
  local D=$WORK/ws-rename
  emulator_start || { ko "rename: emulator"; return; }
  mkdir -p "$D"
  role_config() { # LABEL [moved block]
    printf 'provider alicloud {\n  region = "cn-hangzhou"\n}\n\nrole %s {\n  name     = "AliyunStreamDefaultRole"\n  trust    = ["stream.aliyuncs.com"]\n  policies = [builtin.AliyunStreamRolePolicy]\n}\n%s' "$1" "${2:-}" >"$D/main.rtc"
  }
  role_config stream_default
  check "rename: apply creates role.stream_default" rtcc_in "$D" apply -auto-approve
  role_config service_role
  rtcc_in "$D" apply -auto-approve -verbose-cloud >"$WORK/rename-refused.log" 2>&1
  local rc=$?
  cp "$WORK/rename-refused.log" "$WORK/last.log"
  if [[ $rc == 1 ]] && grep -qF 'add `moved { from = role.stream_default  to = role.service_role }`' "$WORK/rename-refused.log" &&
    ! grep -qE 'rpc:(DeleteRole|CreateRole|DetachPolicyFromRole)' "$WORK/rename-refused.log"; then
    ok "rename: without a moved block apply refuses (exit 1, suggests the moved block) and calls nothing"
  else
    ko "rename: without a moved block apply ran (exit $rc)"
  fi
  role_config service_role $'\nmoved {\n  from = role.stream_default\n  to   = role.service_role\n}\n'
  rtcc_in "$D" apply -auto-approve -verbose-cloud >"$WORK/rename.log" 2>&1
  rc=$?
  cp "$WORK/rename.log" "$WORK/last.log"
  if [[ $rc == 0 ]] && grep -qF 'role.stream_default has moved to role.service_role' "$WORK/rename.log" &&
    ! grep -qE 'rpc:(DeleteRole|CreateRole|DetachPolicyFromRole|AttachPolicyToRole)' "$WORK/rename.log"; then
    ok "rename: with a moved block apply moves the state entry and issues no DeleteRole"
  else
    ko "rename: the moved apply (exit $rc) called the cloud or failed"
  fi
  check "rename: the state holds role.service_role only" \
    bash -c "[[ \$(cd '$D' && '$RTCC' state list) == role.service_role ]]"
  check "rename: the cloud matches the state" cloud_matches "$D"
  check "rename: the next plan has no changes" no_changes "$D"
}

# A replacement that cannot complete deletes nothing: the master count can
# only change with a new cluster, and the current cluster used its order up,
# so apply (even with -allow-dangerous) refuses and the cluster stays.
replace() {
  local D=$WORK/ws-replace LIFE=$SRC/tests/e2e/lifecycle
  emulator_start --seed "$LIFE/cloud.seed.json" || { ko "replace: emulator"; return; }
  mkdir -p "$D"
  cp "$LIFE/v1/main.rtc" "$D/main.rtc"
  check "replace: apply creates the cluster" rtcc_in "$D" apply -auto-approve
  # Asked for with -replace: the order is used up just the same.
  rtcc_in "$D" apply -auto-approve -allow-dangerous -verbose-cloud -replace=cluster.stream >"$WORK/replace-flag-cluster.log" 2>&1
  local rc=$?
  cp "$WORK/replace-flag-cluster.log" "$WORK/last.log"
  if [[ $rc == 1 ]] && grep -qF '(replacement requested with -replace=cluster.stream), but the new cluster cannot be created from `order.stream`' "$WORK/replace-flag-cluster.log" &&
    grep -qF '[RTC0507]' "$WORK/replace-flag-cluster.log" && ! grep -qE 'roa:DELETE|rpc:Delete' "$WORK/replace-flag-cluster.log"; then
    ok "replace: apply -replace=cluster.stream without a new order is refused (RTC0507, exit 1) and deletes nothing"
  else
    ko "replace: the -replace=cluster.stream apply ran (exit $rc)"
  fi
  sed -i 's/count = 3/count = 1/' "$D/main.rtc"
  rtcc_in "$D" apply -auto-approve -allow-dangerous -verbose-cloud >"$WORK/replace.log" 2>&1
  rc=$?
  cp "$WORK/replace.log" "$WORK/last.log"
  if [[ $rc == 1 ]] && grep -qF 'the current cluster used it up' "$WORK/replace.log" &&
    grep -qF 'the master count cannot be changed after purchase' "$WORK/replace.log" &&
    ! grep -qE 'roa:DELETE|rpc:Delete' "$WORK/replace.log"; then
    ok "replace: a master count change without a new order is refused (exit 1) and deletes nothing"
  else
    ko "replace: the replacement ran (exit $rc)"
  fi
  check "replace: the state still holds the cluster" bash -c "(cd '$D' && '$RTCC' state list) | grep -qx cluster.stream"
  check "replace: the cloud still matches the state" cloud_matches "$D"
}

# -replace=ADDR replaces one user and touches nothing else: DeleteUser then
# CreateUser of alice in -verbose-cloud, no call naming bob.
replace_flag() {
  local D=$WORK/ws-replace-flag
  emulator_start || { ko "replace_flag: emulator"; return; }
  mkdir -p "$D"
  printf 'provider alicloud {\n  region = "cn-hangzhou"\n}\n\nuser alice {\n  display_name = "Alice"\n}\n\nuser bob {\n  display_name = "Bob"\n}\n' >"$D/main.rtc"
  check "replace_flag: apply creates alice and bob" rtcc_in "$D" apply -auto-approve
  rtcc_in "$D" apply -auto-approve -replace=user.alice -verbose-cloud >"$WORK/replace-flag.log" 2>&1
  local rc=$?
  cp "$WORK/replace-flag.log" "$WORK/last.log"
  local calls
  # Every call that changes something (the log does not name the user; the
  # plan's counts say bob is not among them).
  calls=$(grep -oE '(rpc|roa):(Create|Delete|Update|Attach|Detach|Add|Remove|PUT|POST|DELETE)[A-Za-z]*' "$WORK/replace-flag.log" | tr '\n' ' ')
  if [[ $rc == 0 ]] && [[ $calls == "rpc:DeleteUser rpc:CreateUser " ]] &&
    grep -qF 'Plan: 1 to add, 0 to change, 1 to destroy.' "$WORK/replace-flag.log" &&
    ! grep -qF 'user.bob' "$WORK/replace-flag.log"; then
    ok "replace_flag: apply -replace=user.alice deletes then creates alice, nothing else"
  else
    ko "replace_flag: exit $rc, calls: $calls"
  fi
  check "replace_flag: the cloud matches the state" cloud_matches "$D"
  check "replace_flag: the next plan has no changes" no_changes "$D"
  # A saved plan keeps the replacement: apply of it replaces bob.
  rtcc_in "$D" plan -replace=user.bob -out "$D/bob.plan" >"$WORK/last.log" 2>&1
  rtcc_in "$D" apply "$D/bob.plan" -verbose-cloud >"$WORK/replace-saved.log" 2>&1
  rc=$?
  cp "$WORK/replace-saved.log" "$WORK/last.log"
  calls=$(grep -oE 'rpc:(CreateUser|DeleteUser|UpdateUser)' "$WORK/replace-saved.log" | tr '\n' ' ')
  if [[ $rc == 0 ]] && [[ $calls == "rpc:DeleteUser rpc:CreateUser " ]] && grep -qF 'user.bob: Creation complete' "$WORK/replace-saved.log"; then
    ok "replace_flag: plan -replace=user.bob -out, then apply of the saved plan replaces bob"
  else
    ko "replace_flag: the saved -replace plan (exit $rc, calls: $calls)"
  fi
  check "replace_flag: the cloud matches the state after the saved plan" cloud_matches "$D"
  rtcc_in "$D" plan -replace=user.alcie >"$WORK/last.log" 2>&1
  rc=$?
  if [[ $rc == 1 ]] && grep -qF 'did you mean `user.alice`? [RTC0515]' "$WORK/last.log"; then
    ok "replace_flag: a mistyped -replace address is an error with a suggestion"
  else
    ko "replace_flag: a mistyped -replace address (exit $rc)"
  fi
}

# plan -destroy -out, then apply of that plan: everything goes, the state is
# empty, and the cloud holds nothing of it.
destroy_plan() {
  local D=$WORK/ws-destroy-plan
  emulator_start || { ko "destroy_plan: emulator"; return; }
  mkdir -p "$D"
  python3 "$SRC/tests/e2e/gen_ram_config.py" 12 >"$D/main.rtc"
  check "destroy_plan: apply creates the configuration" rtcc_in "$D" apply -auto-approve
  local n
  n=$(cd "$D" && "$RTCC" state list | wc -l)
  rtcc_in "$D" plan -destroy -out "$D/teardown.plan" >"$WORK/last.log" 2>&1
  if grep -qF "Plan: 0 to add, 0 to change, $n to destroy." "$WORK/last.log" &&
    grep -qF '(destroy was requested)' "$WORK/last.log" && ! grep -qF 'not in the configuration' "$WORK/last.log"; then
    ok "destroy_plan: plan -destroy -out plans $n deletes, each because destroy was asked"
  else
    ko "destroy_plan: plan -destroy"
  fi
  check "destroy_plan: apply of the saved destroy plan" rtcc_in "$D" apply "$D/teardown.plan"
  check "destroy_plan: the state is empty" bash -c "[[ -z \$(cd '$D' && '$RTCC' state list) ]]"
  check "destroy_plan: the cloud matches the (empty) state" cloud_matches "$D"
  check "destroy_plan: a second plan -destroy has nothing to do" \
    bash -c "cd '$D' && '$RTCC' plan -destroy -endpoint '$URL' -no-color | grep -qF 'No objects need to be destroyed'"
}

# destroy -target=project.reports deletes the project and what depends on it
# (its jobs, the policy whose ARN names it and that policy's attachment),
# never the cluster it runs on.
destroy_target() {
  local D=$WORK/ws-destroy-target LIFE=$SRC/tests/e2e/lifecycle
  emulator_start --seed "$LIFE/cloud.seed.json" || { ko "destroy_target: emulator"; return; }
  mkdir -p "$D"
  cp "$LIFE/v1/main.rtc" "$D/main.rtc"
  check "destroy_target: apply creates the cluster and the project" rtcc_in "$D" apply -auto-approve
  rtcc_in "$D" destroy -auto-approve -target=project.reports -verbose-cloud >"$WORK/destroy-target.log" 2>&1
  local rc=$?
  cp "$WORK/destroy-target.log" "$WORK/last.log"
  if [[ $rc == 0 ]] && grep -qF 'Warning: targeting is in effect' "$WORK/destroy-target.log" &&
    grep -qF 'Destroy complete! Resources: 0 added, 0 changed, 5 destroyed.' "$WORK/destroy-target.log" &&
    grep -qF 'Note: also planning policy.stream_dev because it depends on project.reports, which is destroyed' "$WORK/destroy-target.log" &&
    ! grep -qE 'roa:DELETE [^ ]*/clusters/[^/ ]*( |$)' "$WORK/destroy-target.log"; then
    ok "destroy_target: destroy -target=project.reports deletes the project, its 2 jobs and the policy naming it (with its attachment), not the cluster"
  else
    ko "destroy_target: exit $rc"
  fi
  check "destroy_target: the state keeps the cluster" bash -c "(cd '$D' && '$RTCC' state list) | grep -qx cluster.stream"
  check "destroy_target: the state has no project left" bash -c "! (cd '$D' && '$RTCC' state list) | grep -q '^project\\|^job'"
  check "destroy_target: the cloud matches the state" cloud_matches "$D"
}

# Deleting AliyunStreamDefaultRole while the cluster and project need it: a
# dangerous delete, refused without -allow-dangerous, performed with it;
# then the guide's re-initialisation in one plan (-replace of the role).
role_delete() {
  local D=$WORK/ws-role LIFE=$SRC/tests/e2e/lifecycle
  emulator_start --seed "$LIFE/cloud.seed.json" || { ko "role_delete: emulator"; return; }
  mkdir -p "$D"
  cp "$LIFE/v1/main.rtc" "$D/main.rtc"
  check "role_delete: apply creates the cluster, project and role" rtcc_in "$D" apply -auto-approve
  check "role_delete: -replace of the role detaches, deletes, creates and grants it again, in that order" bash -c "
    cd '$D' && '$RTCC' apply -endpoint '$URL' -no-color -auto-approve -allow-dangerous -replace=role.stream_default -verbose-cloud >'$WORK/reinit.log' 2>&1 &&
    [[ \$(grep -oE 'rpc:(DetachPolicyFromRole|DeleteRole|CreateRole|AttachPolicyToRole)' '$WORK/reinit.log' | tr '\n' ' ') == 'rpc:DetachPolicyFromRole rpc:DeleteRole rpc:CreateRole rpc:AttachPolicyToRole ' ]]"
  check "role_delete: the cloud matches the state after the re-initialisation" cloud_matches "$D"
  # Remove the role block.
  python3 - "$D/main.rtc" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
open(p, "w").write(s[:s.index("role stream_default {")])
PY
  rtcc_in "$D" apply -auto-approve -verbose-cloud >"$WORK/role-refused.log" 2>&1
  local rc=$?
  cp "$WORK/role-refused.log" "$WORK/last.log"
  if [[ $rc == 1 ]] && grep -qF 'DANGER: Deleting this role makes running jobs lose access' "$WORK/role-refused.log" &&
    grep -qF 'run again with -allow-dangerous' "$WORK/role-refused.log" && ! grep -qF 'rpc:DeleteRole' "$WORK/role-refused.log"; then
    ok "role_delete: without -allow-dangerous the delete is refused (exit 1) with the reason, and no DeleteRole"
  else
    ko "role_delete: without -allow-dangerous (exit $rc)"
  fi
  rtcc_in "$D" apply -auto-approve -allow-dangerous -verbose-cloud >"$WORK/role-delete.log" 2>&1
  rc=$?
  cp "$WORK/role-delete.log" "$WORK/last.log"
  if [[ $rc == 0 ]] && grep -qF 'rpc:DeleteRole' "$WORK/role-delete.log" && grep -qF '[RTC0371]' "$WORK/role-delete.log"; then
    ok "role_delete: apply -allow-dangerous deletes the role (DeleteRole)"
  else
    ko "role_delete: apply -allow-dangerous (exit $rc)"
  fi
  check "role_delete: the state no longer holds the role" bash -c "! (cd '$D' && '$RTCC' state list) | grep -q '^role\\.'"
  check "role_delete: the cloud matches the state" cloud_matches "$D"
}

PARTS=" ${RTCC_IDENTITY_PARTS:-ownership rename replace replace_flag destroy_plan destroy_target role_delete interrupt} "
want() { [[ $PARTS == *" $1 "* ]]; }
want ownership && ownership
want rename && rename
want replace && replace
want replace_flag && replace_flag
want destroy_plan && destroy_plan
want destroy_target && destroy_target
want role_delete && role_delete
want interrupt && interrupt_runs

emulator_stop
echo "$PASS passed, $FAIL failed"
[[ $FAIL == 0 ]]
