#!/usr/bin/env bash
# Source this: it makes sure a PostgreSQL server for the repository tests runs on 127.0.0.1 and
# exports TEST_POSTGRES_URL. Uses Debian's postgresql (installed with apt when run as root).
# An already exported TEST_POSTGRES_URL is used as it is.
if [ -n "${TEST_POSTGRES_URL:-}" ]; then return 0 2>/dev/null || exit 0; fi

PG_PORT="${TEST_POSTGRES_PORT:-54329}"
PG_DATA="${TEST_POSTGRES_DATA:-${TMPDIR:-/tmp}/coverage-0261-pg-$PG_PORT}"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's postgresql for the repository tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "The repository tests need PostgreSQL: install it (Debian: sudo apt-get install postgresql) or export TEST_POSTGRES_URL." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
BIN="$(pg_bin)"

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DATA"
    as_owner "'$BIN/initdb' -D '$PG_DATA' -U postgres -A trust --no-sync >/dev/null"
  fi
  as_owner "'$BIN/pg_ctl' -D '$PG_DATA' -l '$PG_DATA/server.log' -w -o \"-p $PG_PORT -k '$PG_DATA' -c listen_addresses=127.0.0.1\" start >/dev/null"
fi
export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL for the tests: $TEST_POSTGRES_URL"
