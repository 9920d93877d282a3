#!/usr/bin/env bash
# Stops a server started by pg-start.sh and removes its directory.
#   tests/pg/pg-stop.sh "$RTC_PG_DIR"
set -uo pipefail
DIR=${1:?usage: pg-stop.sh DIR}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $PG_BIN/pg_ctl ]] || PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
case "$DIR" in
  */rtcc-pg.*) ;;
  *) echo "pg-stop: '$DIR' was not made by pg-start.sh" >&2; exit 1 ;;
esac
if [[ -d $DIR/data ]]; then
  owner=$(stat -c %U "$DIR")
  if [[ $(id -u) -eq 0 && $owner != root ]]; then
    runuser -u "$owner" -- "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
  else
    "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
  fi
fi
rm -rf "$DIR"
