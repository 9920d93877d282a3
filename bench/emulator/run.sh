#!/usr/bin/env bash
# Official-SDK load on `rtcc emulator serve` (docs/emulator.md "Benchmarks"):
#   1. 50 clients, CreateUser/GetUser/ListUsers, with 100 and with 100,000
#      users stored: throughput at 100,000 must be >= 80% of that at 100 and
#      p99 < 100 ms;
#   2. 200 concurrent keep-alive clients: zero timeouts (SDK timeout 3 s).
# Usage: bench/emulator/run.sh [BUILD_DIR] [SECONDS]. pop-core comes from
# tests/interop (npm ci, as tests/suites/interop.sh installs it).
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
SECONDS_EACH=${2:-15}
RTCC="$BUILD/bin/rtcc"
INTEROP="$SRC/tests/interop"
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

if [ ! -d "$INTEROP/node_modules/@alicloud/pop-core" ]; then
  (cd "$INTEROP" && timeout 300 npm ci --no-audit --no-fund >/dev/null 2>&1) ||
    { echo "npm ci in tests/interop failed"; exit 1; }
fi
export NODE_PATH="$INTEROP/node_modules"

# users N DB: a database holding N users, written directly (creating 100,000
# through the API would take minutes; the rows are what CreateUser writes).
users() {
  python3 - "$1" "$2" <<'PY'
import json, sqlite3, sys
n, db = int(sys.argv[1]), sys.argv[2]
c = sqlite3.connect(db)
c.executescript("""CREATE TABLE IF NOT EXISTS objects(kind TEXT NOT NULL, id TEXT NOT NULL,
  body TEXT NOT NULL, PRIMARY KEY(kind, id));""")
rows = []
for i in range(n):
    name = f"stored-{i:07d}"
    rows.append(("User", name, json.dumps({"UserName": name, "UserId": str(300000000000000000 + i),
        "DisplayName": name, "MobilePhone": "", "Email": "", "Comments": "",
        "CreateDate": "2026-01-01T00:00:00Z", "UpdateDate": "2026-01-01T00:00:00Z"})))
c.executemany("INSERT INTO objects VALUES(?,?,?)", rows)
c.commit()
PY
}

# serve DB: starts the emulator and loads the exports it prints.
serve() {
  rm -f "$WORK/out" # not left to the child's redirection (a stale token)
  "$RTCC" emulator serve --listen 127.0.0.1:0 --db "$1" \
    --access-key-id bench-key --access-key-secret bench-secret >"$WORK/out" 2>"$WORK/err" &
  PID=$!
  for _ in $(seq 1 100); do
    grep -q '^export RTCC_EMULATOR_ADMIN_TOKEN=' "$WORK/out" && break
    sleep 0.1
  done
  eval "$(grep '^export ' "$WORK/out")"
}
stop() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; PID=""; }

FAIL=0
declare -A OPS P99
for N in 100 100000; do
  users "$N" "$WORK/u$N.db"
  serve "$WORK/u$N.db"
  R=$(node "$SRC/bench/emulator/sdk_load.js" 50 "$SECONDS_EACH")
  stop
  echo "users=$N clients=50 $R"
  OPS[$N]=$(echo "$R" | python3 -c 'import json,sys; print(json.load(sys.stdin)["opsPerSecond"])')
  P99[$N]=$(echo "$R" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p99Ms"])')
  python3 -c "import sys; sys.exit(0 if ${P99[$N]} < 100 else 1)" || { echo "FAIL p99 ${P99[$N]} ms >= 100 ms at $N users"; FAIL=1; }
done
python3 -c "import sys; sys.exit(0 if ${OPS[100000]} >= 0.8 * ${OPS[100]} else 1)" &&
  echo "PASS throughput at 100,000 users is $(python3 -c "print(round(100*${OPS[100000]}/${OPS[100]}))")% of that at 100" ||
  { echo "FAIL throughput at 100,000 users ${OPS[100000]} < 80% of ${OPS[100]}"; FAIL=1; }

users 100 "$WORK/k.db"
serve "$WORK/k.db"
R=$(node "$SRC/bench/emulator/sdk_load.js" 200 "$SECONDS_EACH")
stop
echo "users=100 clients=200 $R"
T=$(echo "$R" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["timeouts"] + d["errors"])')
[ "$T" = 0 ] && echo "PASS 200 keep-alive clients, zero timeouts" ||
  { echo "FAIL 200 keep-alive clients: $T timeouts/errors"; FAIL=1; }
exit $FAIL
