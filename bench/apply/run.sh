#!/usr/bin/env bash
# Apply throughput and refresh cost (issue 7): N independent resources (RAM
# users, one API call each to create) against `rtcc emulator serve
# --latency-ms L`, applied with -parallelism P; the target is
# time <= 1.2 x N*L/P. Then a no-op plan with refresh (N reads) with its
# wall time and max RSS.
# Usage: bench/apply/run.sh [BUILD_DIR] [N] [L_MS] [P...]   (defaults: build 1000 50 10 50)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
N=${2:-1000} L=${3:-50}
shift $(( $# > 3 ? 3 : $# )) || true
PS=("$@"); [[ ${#PS[@]} -gt 0 ]] || PS=(10 50)
RTCC=$BUILD/bin/rtcc
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-bench-apply.XXXXXX")
EMU=""
trap '[[ -n $EMU ]] && kill $EMU 2>/dev/null; rm -rf "$WORK"' EXIT

gen() {
  echo 'provider alicloud {'; echo '  region = "cn-hangzhou"'; echo '}'
  for i in $(seq 1 "$N"); do printf 'user u%d {\n  display_name = "User %d"\n}\n' "$i" "$i"; done
}

start_emulator() {
  [[ -n $EMU ]] && kill $EMU 2>/dev/null && wait $EMU 2>/dev/null || true
  rm -f "$WORK"/emu.db* "$WORK/emu.out" # not left to the child's redirection
  "$RTCC" emulator serve --listen 127.0.0.1:0 --db "$WORK/emu.db" --latency-ms "$L" --admin-token "bench-$$" >"$WORK/emu.out" 2>&1 &
  EMU=$!
  for _ in $(seq 1 100); do URL=$(sed -n 's/^emulator listening on //p' "$WORK/emu.out"); [[ -n $URL ]] && break; sleep 0.1; done
  curl -sf -X POST -H "X-Rtcc-Admin-Token: bench-$$" -H 'Content-Type: application/json' "$URL/_emulator/account" -d '{"AccessKeyId":"bench","AccessKeySecret":"bench-secret"}' >/dev/null
}
export ALIBABA_CLOUD_ACCESS_KEY_ID=bench ALIBABA_CLOUD_ACCESS_KEY_SECRET=bench-secret

mkdir -p "$WORK/cfg"; gen >"$WORK/cfg/main.rtc"
printf '%-34s %10s %10s %8s\n' "case" "wall (s)" "target (s)" "RSS MB"
for P in "${PS[@]}"; do
  start_emulator
  rm -rf "$WORK/cfg/.rtc"
  /usr/bin/time -f '%e %M' -o "$WORK/t" "$RTCC" apply "$WORK/cfg" -endpoint "$URL" -auto-approve -no-color -parallelism="$P" >"$WORK/apply.log" 2>&1 \
    || { tail -5 "$WORK/apply.log"; exit 1; }
  read -r T M <"$WORK/t"
  printf '%-34s %10s %10s %8d\n' "apply N=$N L=${L}ms P=$P" "$T" "$(python3 -c "print(round(1.2*$N*$L/1000/$P,2))")" $((M / 1024))
done
/usr/bin/time -f '%e %M' -o "$WORK/t" "$RTCC" plan "$WORK/cfg" -endpoint "$URL" -no-color -parallelism=50 -detailed-exitcode >"$WORK/plan.log" 2>&1 \
  || { echo "no-op plan exit $? (expected 0)"; tail -5 "$WORK/plan.log"; }
read -r T M <"$WORK/t"
printf '%-34s %10s %10s %8d\n' "no-op plan + refresh N=$N P=50" "$T" "-" $((M / 1024))
