#!/usr/bin/env bash
# Times `rtcc check -syntax-only` (parse + AST) and `rtcc check` (parse,
# sema and every rule) on bench/gen configurations of 100, 1,000 and 10,000
# resources, and prints per size and mode: mean wall time, mean user+system
# CPU time (steadier on a busy machine) and peak RSS. Uses hyperfine when it
# is installed, else repeated GNU time runs. Builds nothing.
#
# Environment:
#   RTCC   rtcc binary (default: build/bin/rtcc under the source tree)
#   SIZES  resource counts (default: "100 1000 10000")
#   RUNS   timed runs per measurement (default: 5, after one warm-up run)
#
# Targets (issue 4, on a 2-core machine, 10,000 resources): -syntax-only
# under 1 s; full check under 1 s and 300 MB, and at most 11x the time of
# 1,000 resources.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rtcc=${RTCC:-$root/build/bin/rtcc}
sizes=${SIZES:-"100 1000 10000"}
runs=${RUNS:-5}

if [[ ! -x $rtcc ]]; then
  echo "bench/check/run.sh: no rtcc binary at $rtcc (build it, or set RTCC=path)" >&2
  exit 2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Prints "wall_mean cpu_mean" in seconds for "$@".
measure() {
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$runs" --shell=none --style none \
      --export-json "$out/h.json" -- "$*" >/dev/null 2>&1
    python3 - "$out/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f'{r["mean"]:.3f} {r["user"] + r["system"]:.3f}')
PY
  else
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e %U %S' -a -o "$out/t" "$@" >/dev/null 2>&1 || true
    done
    awk '{w += $1; c += $2 + $3; n++} END {printf "%.3f %.3f\n", w / n, c / n}' "$out/t"
    rm -f "$out/t"
  fi
}

# Peak resident set size in MiB of one run of "$@".
max_rss_mib() {
  /usr/bin/time -f %M -o "$out/rss" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.1f\n", $1 / 1024}' "$out/rss"
}

echo "rtcc: $rtcc"
printf '%-9s %-12s %9s %9s %9s  %s\n' resources mode "wall(s)" "cpu(s)" "RSS(MiB)" status
status_all=0
for n in $sizes; do
  file=$out/bench-$n.rtc
  "$root/bench/gen" "$n" >"$file"
  for mode in syntax-only full; do
    args=(check "$file")
    [[ $mode == syntax-only ]] && args=(check -syntax-only "$file")
    status=ok
    if ! "$rtcc" "${args[@]}" >"$out/log" 2>&1; then
      status="FAILED: $(head -n 1 "$out/log")"
      status_all=1
    fi
    read -r wall cpu < <(measure "$rtcc" "${args[@]}")
    rss=$(max_rss_mib "$rtcc" "${args[@]}")
    printf '%-9s %-12s %9s %9s %9s  %s\n' "$n" "$mode" "$wall" "$cpu" "$rss" "$status"
  done
done
exit $status_all
