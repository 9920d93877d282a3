#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz/) under ASan+UBSan for a share of
# one time budget, each from its committed seed corpus (tests/fuzz/corpus/
# <target>/) and dictionary. Prints one PASS/FAIL line per target and ends
# with "N passed, N failed". Env:
#   RTCC_SOURCE_DIR       the repository (default: two levels above this script)
#   RTCC_FUZZ_BUILD_DIR   build dir for the clang/libFuzzer build
#                         (default: $RTCC_SOURCE_DIR/build-fuzz)
#   RTCC_FUZZ_SECONDS     total fuzzing budget in seconds (default 80, so
#                         that with start-up and leak checks the suite stays
#                         within ~100 s of CI time), split by the weights below
#   RTCC_FUZZ_TARGETS     only these targets (space-separated)
#   RTCC_FUZZ_CMAKE_ARGS  extra cmake arguments (e.g. -DRTCC_SKIP=...)
# A crasher is left in the work directory and its path printed; once fixed,
# add it to tests/fuzz/corpus/<target>/ and a regression test.
set -u
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${RTCC_FUZZ_BUILD_DIR:-$SRC/build-fuzz}
BUDGET=${RTCC_FUZZ_SECONDS:-80}

# target:weight:dictionary. Weights favour the targets that reach the most
# code per input (check and fmt run Sema; lsp runs everything).
ALL="parse_fuzzer:2:rtc check_fuzzer:4:rtc fmt_fuzzer:3:rtc varfile_fuzzer:2:rtc
lsp_fuzzer:3:lsp state_fuzzer:2:json plan_fuzzer:2:json"
WANT=${RTCC_FUZZ_TARGETS:-}

fail_all() {
  echo "fuzz: $*"
  echo "0 passed, 1 failed"
  exit 1
}

command -v clang++-14 >/dev/null || fail_all "clang++-14 not found"
echo "fuzz: configuring $BUILD (clang-14, RTCC_FUZZ=ON, RTCC_SANITIZE=ON)"
# shellcheck disable=SC2086
cmake -G Ninja -S "$SRC" -B "$BUILD" \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DRTCC_FUZZ=ON -DRTCC_SANITIZE=ON ${RTCC_FUZZ_CMAKE_ARGS:-} >"$BUILD.configure.log" 2>&1 \
  || { tail -20 "$BUILD.configure.log"; fail_all "cmake failed (log: $BUILD.configure.log)"; }

TARGETS=() WEIGHTS=() DICTS=()
TOTAL_WEIGHT=0
for entry in $ALL; do
  IFS=: read -r name weight dict <<<"$entry"
  if [ -n "$WANT" ] && ! grep -qw "$name" <<<"$WANT"; then continue; fi
  TARGETS+=("$name") WEIGHTS+=("$weight") DICTS+=("$dict")
  TOTAL_WEIGHT=$((TOTAL_WEIGHT + weight))
done
[ ${#TARGETS[@]} -gt 0 ] || fail_all "no target matches RTCC_FUZZ_TARGETS=$WANT"

echo "fuzz: building ${TARGETS[*]}"
ninja -C "$BUILD" "${TARGETS[@]}" >"$BUILD.build.log" 2>&1 \
  || { tail -30 "$BUILD.build.log"; fail_all "build failed (log: $BUILD.build.log)"; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-fuzz.XXXXXX")
PASS=0 FAIL=0
for i in "${!TARGETS[@]}"; do
  name=${TARGETS[$i]}
  secs=$((BUDGET * WEIGHTS[i] / TOTAL_WEIGHT))
  [ "$secs" -ge 1 ] || secs=1
  dir="$WORK/$name"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp "$SRC/tests/fuzz/corpus/$name"/* "$dir/corpus/" 2>/dev/null || true
  # The fuzzer runs in the foreground with a hard time limit; timeout(1) is
  # a backstop in case libFuzzer itself hangs.
  timeout --kill-after=10 $((secs + 60)) \
    "$BUILD/bin/$name" "$dir/corpus" -dict="$SRC/tests/fuzz/${DICTS[$i]}.dict" \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" >"$dir/fuzz.log" 2>&1
  rc=$?
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$dir/fuzz.log" | grep -oE '[0-9]+$')
  cov=$(grep -oE '^#[0-9]+[[:space:]]+DONE[[:space:]]+cov: [0-9]+ ft: [0-9]+' "$dir/fuzz.log" | grep -oE 'cov: [0-9]+ ft: [0-9]+')
  if [ $rc -ne 0 ] || [ -n "$(ls -A "$dir/artifacts")" ]; then
    tail -40 "$dir/fuzz.log"
    echo "FAIL: $name (${secs}s, ${runs:-?} runs; crasher(s) in $dir/artifacts: $(ls "$dir/artifacts" | tr '\n' ' '))"
    FAIL=$((FAIL + 1))
  else
    echo "PASS: $name (${secs}s, ${runs:-?} runs, ${cov:-cov ?})"
    PASS=$((PASS + 1))
    rm -rf "$dir"
  fi
done
[ "$FAIL" -eq 0 ] && rm -rf "$WORK"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
