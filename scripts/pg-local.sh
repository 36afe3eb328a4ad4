#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for tests and migration diffs (Debian's postgresql package).
#   scripts/pg-local.sh start   → prints the URL to use as TEST_POSTGRES_URL
#   scripts/pg-local.sh stop
set -euo pipefail
PORT=${PGPORT_LOCAL:-5433}
DIR=${PGDATA_LOCAL:-/tmp/portal-pg}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-start}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      as_pg "$BIN/initdb -D $DIR -U portal --auth=trust -E UTF8 >/dev/null"
    fi
    if ! as_pg "$BIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl -D $DIR -l $DIR/server.log -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -w start" >/dev/null
    fi
    echo "postgres://portal@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_pg "$BIN/pg_ctl -D $DIR -m fast stop" >/dev/null 2>&1 || true
    ;;
esac
