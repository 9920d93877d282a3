#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for tests and prints
#   RTC_PG_CONN='host=127.0.0.1 port=N dbname=rtcc user=rtcc'
#   RTC_PG_DIR=/tmp/rtcc-pg.XXXX
# for `eval "$(tests/pg/pg-start.sh)"`. Stop it with tests/pg/pg-stop.sh DIR.
#
# Uses Debian's PostgreSQL binaries (PG_BIN, default /usr/lib/postgresql/15/bin)
# without touching the system cluster: initdb into a mktemp dir, listen on
# 127.0.0.1 only, on a free port, with the unix socket inside the temp dir.
# PostgreSQL refuses to run as root, so as root the server runs as an
# unprivileged user (RTC_PG_USER, default "rtcc-pg", created if missing,
# falling back to "nobody").
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $PG_BIN/initdb ]]; then
  cand=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -n $cand && -x $cand/initdb ]]; then PG_BIN=$cand; else
    echo "pg-start: no PostgreSQL binaries in $PG_BIN (apt-get install postgresql)" >&2
    exit 1
  fi
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/rtcc-pg.XXXXXX")
chmod 755 "$DIR"

# Run a command as the server user (or directly when not root).
as_pg() { "$@"; }
if [[ $(id -u) -eq 0 ]]; then
  PGUSER_OS=${RTC_PG_USER:-rtcc-pg}
  if ! id -u "$PGUSER_OS" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS" 2>/dev/null \
      || PGUSER_OS=nobody
  fi
  chown "$PGUSER_OS" "$DIR"
  as_pg() { runuser -u "$PGUSER_OS" -- "$@"; }
fi

# A free port: ask the kernel for one, then hope nobody takes it before
# postgres binds it (retried below if so).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

as_pg "$PG_BIN/initdb" -D "$DIR/data" -U rtcc --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || as_pg "$PG_BIN/initdb" -D "$DIR/data" -U rtcc --auth=trust -E UTF8 \
       --no-locale >"$DIR/initdb.log" 2>&1 \
  || { echo "pg-start: initdb failed, see $DIR/initdb.log" >&2; cat "$DIR/initdb.log" >&2; exit 1; }

started=0
for attempt in 1 2 3 4 5; do
  PORT=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off" \
       start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [[ $started != 1 ]]; then
  echo "pg-start: server did not start, see $DIR/server.log" >&2
  tail -20 "$DIR/server.log" >&2 || true
  exit 1
fi
echo "$PORT" >"$DIR/port"

"$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U rtcc -d postgres -qAt \
  -c "CREATE DATABASE rtcc" >/dev/null

echo "RTC_PG_CONN='host=127.0.0.1 port=$PORT dbname=rtcc user=rtcc'"
echo "RTC_PG_DIR='$DIR'"
