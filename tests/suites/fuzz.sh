#!/usr/bin/env bash
# Fuzzes the front end (parse + fmt idempotence) with libFuzzer for a bounded
# time. Env:
#   RTCC_SOURCE_DIR       the repository (default: two levels above this script)
#   RTCC_FUZZ_BUILD_DIR   build dir for the clang/libFuzzer build
#                         (default: $RTCC_SOURCE_DIR/build-fuzz)
#   RTCC_FUZZ_SECONDS     how long to fuzz (default 60)
#   RTCC_FUZZ_CMAKE_ARGS  extra cmake arguments (e.g. -DRTCC_SKIP=...)
# Ends with "1 passed, 0 failed" or "0 passed, 1 failed". A crasher is left in
# the work directory and its path printed; add it to tests/fuzz/corpus and a
# lit test once fixed.
set -u
SRC=${RTCC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${RTCC_FUZZ_BUILD_DIR:-$SRC/build-fuzz}
SECONDS_TO_RUN=${RTCC_FUZZ_SECONDS:-60}

fail() {
  echo "fuzz: $*"
  echo "0 passed, 1 failed"
  exit 1
}

command -v clang++-14 >/dev/null || fail "clang++-14 not found"
echo "fuzz: configuring $BUILD (clang-14, RTCC_FUZZ=ON, RTCC_SANITIZE=ON)"
# shellcheck disable=SC2086
cmake -G Ninja -S "$SRC" -B "$BUILD" \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DRTCC_FUZZ=ON -DRTCC_SANITIZE=ON ${RTCC_FUZZ_CMAKE_ARGS:-} >"$BUILD.configure.log" 2>&1 \
  || { tail -20 "$BUILD.configure.log"; fail "cmake failed (log: $BUILD.configure.log)"; }
echo "fuzz: building parse_fuzzer"
ninja -C "$BUILD" parse_fuzzer >"$BUILD.build.log" 2>&1 \
  || { tail -30 "$BUILD.build.log"; fail "build failed (log: $BUILD.build.log)"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-fuzz.XXXXXX")
cp "$SRC"/tests/fuzz/corpus/* "$WORK/" 2>/dev/null || true
mkdir -p "$WORK/corpus" "$WORK/artifacts"
mv "$WORK"/*.rtc "$WORK/corpus/" 2>/dev/null || true
echo "fuzz: running for ${SECONDS_TO_RUN}s (corpus $(ls "$WORK/corpus" | wc -l) files, work dir $WORK)"

# The fuzzer runs in the foreground with a hard time limit; timeout(1) is a
# backstop in case libFuzzer itself hangs.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
timeout --kill-after=10 $((SECONDS_TO_RUN + 120)) \
  "$BUILD/bin/parse_fuzzer" "$WORK/corpus" \
  -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 \
  -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$WORK/artifacts/" >"$WORK/fuzz.log" 2>&1
RC=$?
grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|Done [0-9]+ runs)" "$WORK/fuzz.log" | tail -3
if [ $RC -ne 0 ] || [ -n "$(ls -A "$WORK/artifacts")" ]; then
  tail -40 "$WORK/fuzz.log"
  echo "fuzz: crasher(s) in $WORK/artifacts:"
  ls -l "$WORK/artifacts"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "fuzz: no crash, no idempotence violation in ${SECONDS_TO_RUN}s"
rm -rf "$WORK"
echo "1 passed, 0 failed"
