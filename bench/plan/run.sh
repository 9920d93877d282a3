#!/usr/bin/env bash
# Times `rtcc plan` on generated configurations of N resources against a
# state that matches them except for 1% of the resources (bench/gen makes the
# configuration, ir2state.py the state). Prints N, seconds, max RSS (KB).
# Usage: bench/plan/run.sh BUILD_DIR [N...]   (default N: 100 1000 10000)
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [N...]}
shift
SIZES=${*:-100 1000 10000}
HERE=$(cd "$(dirname "$0")" && pwd)
RTCC=$BUILD/bin/rtcc
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
printf '%8s %10s %12s %10s\n' N seconds max_rss_kb exit
for N in $SIZES; do
  mkdir -p "$WORK/$N"
  "$HERE/../gen" "$N" > "$WORK/$N/main.rtc"
  "$RTCC" check --emit=ir-json "$WORK/$N" > "$WORK/ir$N.json" 2>/dev/null
  python3 "$HERE/ir2state.py" "$WORK/ir$N.json" --change-every 100 > "$WORK/state$N.json"
  set +e
  /usr/bin/time -f '%e %M' -o "$WORK/time$N" "$RTCC" plan "$WORK/$N" \
    -state "$WORK/state$N.json" -detailed-exitcode > "$WORK/out$N" 2>/dev/null
  RC=$?
  set -e
  read -r SECS RSS < <(tail -1 "$WORK/time$N")
  printf '%8s %10s %12s %10s\n' "$N" "$SECS" "$RSS" "$RC"
  grep "^Plan:" "$WORK/out$N" | sed "s/^/         /" || true
done
