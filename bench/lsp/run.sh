#!/usr/bin/env bash
# Latency of `rtcc lsp` (diagnostics after didOpen/didChange, completion,
# hover) on generated files of 2,000 and 20,000 lines; median and p95 in ms.
# Usage: bench/lsp/run.sh BUILD_DIR [LINES...] [--repeat K]
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [LINES...] [--repeat K]}
shift
exec python3 "$(dirname "$0")/lsp_bench.py" "$BUILD/bin/rtcc" "$@"
