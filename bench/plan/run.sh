#!/usr/bin/env bash
# Times `rtcc plan` on generated configurations of N resources against a
# state that matches them except for 1% of the resources (bench/gen makes the
# configuration, ir2state.py the state), with the local backend and, when
# PostgreSQL is installed, with the pg backend (a throw-away server from
# tests/pg/pg-start.sh on 127.0.0.1, stopped at the end).
# Prints one table row per backend and N: wall seconds, max RSS, exit code,
# the plan summary, and the growth from the smallest N.
# Usage: bench/plan/run.sh BUILD_DIR [N...]   (default N: 100 1000 10000)
# Env: RTCC_BENCH_PG=0 skips PostgreSQL; RTCC_TIME_PHASES=1 is passed on.
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [N...]}
shift
SIZES=${*:-100 1000 10000}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
RTCC=$BUILD/bin/rtcc
WORK=$(mktemp -d)
PGDIR=""
cleanup() {
  [[ -n $PGDIR ]] && "$SRC/tests/pg/pg-stop.sh" "$PGDIR" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Configurations and states, shared by both backends.
for N in $SIZES; do
  mkdir -p "$WORK/$N"
  "$HERE/../gen" "$N" > "$WORK/$N/main.rtc"
  "$RTCC" check --emit=ir-json "$WORK/$N" > "$WORK/ir$N.json" 2>/dev/null
  python3 "$HERE/ir2state.py" "$WORK/ir$N.json" --change-every 100 > "$WORK/state$N.json"
done

# Plan against the stored state only: refreshing would ask the cloud.
NOREFRESH=()
if "$RTCC" plan --help 2>&1 | grep -q -- '--refresh'; then NOREFRESH=(-refresh=false); fi

BACKENDS="local"
if [[ ${RTCC_BENCH_PG:-1} != 0 ]]; then
  if PGOUT=$("$SRC/tests/pg/pg-start.sh" 2>&1) &&
     eval "$(grep -E '^RTC_PG_(CONN|DIR)=' <<<"$PGOUT")" && [[ -n ${RTC_PG_CONN:-} ]]; then
    PGDIR=$RTC_PG_DIR
    BACKENDS="local pg"
  else
    echo "(PostgreSQL not started, pg rows skipped: $(tail -1 <<<"$PGOUT"))" >&2
  fi
fi

printf '%-7s %7s %9s %12s %5s %8s  %s\n' backend N seconds max_rss_kb exit growth plan
for B in $BACKENDS; do
  FIRST=""
  for N in $SIZES; do
    if [[ $B == pg ]]; then
      # Each size in its own schema; `state push` stores the state there.
      SCHEMA=bench_$N
      "$RTCC" state push "$WORK/state$N.json" -backend=pg -pg-conn "$RTC_PG_CONN" \
        -pg-schema "$SCHEMA" -dir "$WORK/$N" >/dev/null
      ARGS=(-backend=pg -pg-conn "$RTC_PG_CONN" -pg-schema "$SCHEMA")
    else
      ARGS=(-state "$WORK/state$N.json")
    fi
    set +e
    /usr/bin/time -f '%e %M' -o "$WORK/time$B$N" "$RTCC" plan "$WORK/$N" "${ARGS[@]}" "${NOREFRESH[@]}" \
      -detailed-exitcode > "$WORK/out$B$N" 2>"$WORK/err$B$N"
    RC=$?
    set -e
    read -r SECS RSS < <(tail -1 "$WORK/time$B$N")
    [[ -z $FIRST ]] && FIRST=$SECS
    GROWTH=$(python3 -c "print('%.1fx' % (max($SECS, 0.001) / max($FIRST, 0.001)))")
    SUMMARY=$(grep -m1 "^Plan:" "$WORK/out$B$N" || echo "(no plan line)")
    printf '%-7s %7s %9s %12s %5s %8s  %s\n' "$B" "$N" "$SECS" "$RSS" "$RC" "$GROWTH" "$SUMMARY"
    if [[ -n ${RTCC_TIME_PHASES:-} ]]; then
      grep -E "^[a-z(].* +[0-9.]+ +[0-9.]+$" "$WORK/err$B$N" | sed 's/^/          /' || true
    fi
  done
done
