#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL on 127.0.0.1 for the store tests.
#   .ci/postgres.sh start   -> prints the JDBC URL to use (MATSCREEN_TEST_POSTGRES_URL)
#   .ci/postgres.sh stop
set -euo pipefail
PORT=${MATSCREEN_PG_PORT:-55432}
DIR=${MATSCREEN_PG_DIR:-/tmp/matscreen-pg}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
URL="jdbc:postgresql://127.0.0.1:${PORT}/matscreen_test?user=postgres"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$BIN" ]; then
      echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
      exit 1
    fi
    if as_postgres "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      echo "$URL"; exit 0
    fi
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    as_postgres "$BIN/initdb" -D "$DIR" -U postgres --auth=trust >/dev/null
    as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR" start >/dev/null
    as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres matscreen_test
    echo "$URL"
    ;;
  stop)
    if [ -n "$BIN" ] && [ -d "$DIR" ]; then
      as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
      rm -rf "$DIR"
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
