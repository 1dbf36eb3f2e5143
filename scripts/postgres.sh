#!/usr/bin/env bash
# Start a throwaway PostgreSQL (Debian's package) on 127.0.0.1 and print its
# asyncpg URL. Usage: eval "$(scripts/postgres.sh start)"; scripts/postgres.sh stop
set -euo pipefail

PGDATA_DIR="${PGDATA_DIR:-/tmp/vectra-scaffold-pg}"
PORT="${PGPORT:-55432}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

as_postgres() { runuser -u postgres -- "$@"; }

case "${1:-start}" in
  start)
    if [ -z "$BIN" ]; then
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
      mkdir -p "$PGDATA_DIR" && chown postgres "$PGDATA_DIR"
      as_postgres "$BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust >/dev/null
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
      as_postgres "$BIN/pg_ctl" -D "$PGDATA_DIR" -o "-h 127.0.0.1 -p $PORT -k /tmp" \
        -l "$PGDATA_DIR/log" -w start >/dev/null
    fi
    as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'vectra'" | grep -q 1 \
      || as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres vectra
    echo "export DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:$PORT/vectra"
    ;;
  stop)
    [ -n "$BIN" ] && as_postgres "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null || true
    ;;
esac
