#!/usr/bin/env bash
# End-to-end tests of orders (issues 12 and 13): the real `rtcc` binary
# against the emulator running as a separate process.
#  - bind: two pending exclusive orders that differ only in duration; 20
#    fresh applies each bind every order block to the order of its duration;
#  - pinned: an `id` already used by another workspace's cluster is refused
#    (exit 1, naming the cluster and `rtcc import`), and nothing is created;
#  - buy: an exclusive order with machines is bought with
#    CreateCellClusterOrder (seen in -verbose-cloud), its cluster runs those
#    machines, and a second apply is a no-op; with --official-api-only too.
# Env: RTCC_BUILD_DIR (with bin/rtcc), RTCC_SOURCE_DIR; RTCC_ORDERS_RUNS
# (default 20); RTCC_ORDERS_PARTS (default "bind pinned buy").
set -u
BUILD=${RTCC_BUILD_DIR:?set RTCC_BUILD_DIR}
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
RTCC=$BUILD/bin/rtcc
IN=$SRC/tests/e2e/orders
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-orders-suite.XXXXXX")
PASS=0 FAIL=0

cleanup() {
  [[ -n $EMU_PID ]] && kill -KILL "$EMU_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { echo "PASS: $1"; PASS=$((PASS + 1)); }
ko() { echo "FAIL: $1"; FAIL=$((FAIL + 1)); [[ -f $WORK/last.log ]] && tail -25 "$WORK/last.log" | sed 's/^/    /'; }
check() { local name=$1; shift; if "$@" >"$WORK/last.log" 2>&1; then ok "$name"; else ko "$name"; fi; }

export RTCC_EMULATOR_ADMIN_TOKEN="orders-suite-$$"
source "$SRC/tests/suites/lib/emulator.sh"

rtcc_in() { local d=$1; shift; (cd "$d" && "$RTCC" "$@" -endpoint "$URL" -no-color); }
no_changes() { rtcc_in "$1" plan -detailed-exitcode >/dev/null; }
# bound DIR ADDRESS: the order id the state of DIR holds for ADDRESS.
bound() {
  (cd "$1" && "$RTCC" state pull 2>/dev/null) | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("resources", []):
    if r["address"] == sys.argv[1]:
        print(r.get("cloud_id", ""))' "$2"
}

bind() {
  local runs=${RTCC_ORDERS_RUNS:-20} D=$WORK/bind bad=0 i
  mkdir -p "$D"
  cp "$IN/bind.rtc" "$D/main.rtc"
  for i in $(seq 1 "$runs"); do
    emulator_start --seed "$IN/cloud.seed.json" || { bad=$((bad + 1)); continue; }
    rm -rf "$D/.rtc"
    if ! rtcc_in "$D" apply -auto-approve -parallelism=10 >"$WORK/bind-$i.log" 2>&1; then
      bad=$((bad + 1)); echo "    bind run $i: apply failed"; tail -5 "$WORK/bind-$i.log" | sed 's/^/      /'; continue
    fi
    local six twelve
    six=$(bound "$D" order.six) twelve=$(bound "$D" order.twelve)
    if [[ $six != ord-e2e-b-six || $twelve != ord-e2e-a-twelve ]]; then
      bad=$((bad + 1)); echo "    bind run $i: order.six -> '$six', order.twelve -> '$twelve'"
    fi
  done
  [[ $bad == 0 ]] && ok "bind: $runs fresh applies bind each order to the one of its duration" \
    || ko "bind: $bad of $runs fresh applies bound the wrong order"
}

pinned() {
  local A=$WORK/pin-a B=$WORK/pin-b
  emulator_start --seed "$IN/cloud.seed.json" || { ko "pinned: emulator"; return; }
  mkdir -p "$A" "$B"
  cp "$IN/pinned.rtc" "$A/main.rtc"
  cp "$IN/pinned.rtc" "$B/main.rtc"
  rtcc_in "$A" plan >"$WORK/pin-plan.log" 2>&1
  check "pinned: the plan names the pinned order" grep -F '# (order: ord-e2e-a-twelve, pinned by order.main)' "$WORK/pin-plan.log"
  check "pinned: the first workspace builds its cluster on the pinned order" rtcc_in "$A" apply -auto-approve
  check "pinned: order.main is ord-e2e-a-twelve" test "$(bound "$A" order.main)" = ord-e2e-a-twelve
  local cluster
  cluster=$(bound "$A" cluster.main)
  rtcc_in "$B" apply -auto-approve -verbose-cloud >"$WORK/pin-b.log" 2>&1
  local rc=$?
  cp "$WORK/pin-b.log" "$WORK/last.log"
  if [[ $rc == 1 ]] && grep -qF "order.main pins order \"ord-e2e-a-twelve\", which is already used by \"$cluster\"" "$WORK/pin-b.log" &&
    grep -qF 'rtcc import order.main ord-e2e-a-twelve' "$WORK/pin-b.log" &&
    ! grep -qF 'roa:POST /api/v2/clusters' "$WORK/pin-b.log"; then
    ok "pinned: a second workspace pinning the used order is refused (exit 1, names $cluster and rtcc import) and creates no cluster"
  else
    ko "pinned: the second workspace's apply (exit $rc) did not refuse the used order"
  fi
  check "pinned: the second workspace's state holds no order" \
    bash -c "! (cd '$B' && '$RTCC' state list) | grep -qx order.main"
  check "pinned: the first workspace still plans no changes" no_changes "$A"
}

buy_in() { # LABEL [serve flags...]
  local label=$1; shift
  local D=$WORK/buy-$label
  emulator_start --seed "$IN/cloud.seed.json" "$@" || { ko "buy ($label): emulator"; return; }
  mkdir -p "$D"
  cp "$IN/buy.rtc" "$D/main.rtc"
  rtcc_in "$D" plan >"$WORK/buy-plan.log" 2>&1
  check "buy ($label): the plan says the order is bought at apply" grep -F '# (order: bought at apply by order.bought (CreateCellClusterOrder: masters 3 x 8c32g, slaves 2 x 16c64g, subscription, 3 months))' "$WORK/buy-plan.log"
  rtcc_in "$D" apply -auto-approve -verbose-cloud >"$WORK/buy.log" 2>&1
  local rc=$?
  cp "$WORK/buy.log" "$WORK/last.log"
  if [[ $rc == 0 ]] && [[ $(grep -c 'roa:POST /api/v2/realtime-compute/cell/buy' "$WORK/buy.log") == 1 ]]; then
    ok "buy ($label): apply buys the order with one CreateCellClusterOrder call"
  else
    ko "buy ($label): apply (exit $rc) did not buy the order once"
  fi
  local id
  id=$(bound "$D" order.bought)
  check "buy ($label): the cluster is created from the bought order" \
    bash -c "curl -sf -H 'X-Rtcc-Admin-Token: $RTCC_EMULATOR_ADMIN_TOKEN' '$URL/_emulator/state' | python3 -c '
import json, sys
d = json.load(sys.stdin)
o = d[\"Order\"][\"$id\"]
assert o[\"SlaveModel\"] == \"16c64g\" and o[\"SlaveCount\"] == 2 and o[\"Duration\"] == 3, o
assert o[\"UsedBy\"], o
'"
  rtcc_in "$D" apply -auto-approve -verbose-cloud >"$WORK/buy2.log" 2>&1
  rc=$?
  cp "$WORK/buy2.log" "$WORK/last.log"
  if [[ $rc == 0 ]] && ! grep -qF 'cell/buy' "$WORK/buy2.log" && grep -qF 'No changes' "$WORK/buy2.log"; then
    ok "buy ($label): a second apply is a no-op (no second purchase)"
  else
    ko "buy ($label): the second apply (exit $rc) changed something"
  fi
  check "buy ($label): the next plan has no changes" no_changes "$D"
}

PARTS=" ${RTCC_ORDERS_PARTS:-bind pinned buy} "
want() { [[ $PARTS == *" $1 "* ]]; }
want bind && bind
want pinned && pinned
if want buy; then
  buy_in extensions
  buy_in official --official-api-only
fi

emulator_stop
echo "$PASS passed, $FAIL failed"
[[ $FAIL == 0 ]]
