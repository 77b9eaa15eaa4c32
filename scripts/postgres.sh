#!/bin/bash
# PostgreSQL for the tests: the server named by COACHING_TEST_DATABASE_URL, or a throwaway one.
#   source scripts/postgres.sh && start_test_postgres   (stopped and removed when the shell exits)

start_test_postgres() {
    if [ -n "${COACHING_TEST_DATABASE_URL:-}" ]; then
        echo "PostgreSQL: the server of COACHING_TEST_DATABASE_URL"
        return
    fi
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [ -z "$bin" ]; then
        echo "installing PostgreSQL (Debian's postgresql)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
        bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
    PG_ROOT="$(mktemp -d /tmp/coaching-pg.XXXXXX)"
    local as=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_ROOT"
        as=(runuser -u postgres --)
    fi
    "${as[@]}" "$bin/initdb" -D "$PG_ROOT/data" -A trust -U coaching --no-sync -E UTF8 >/dev/null
    "${as[@]}" "$bin/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w \
        -o "-c listen_addresses='' -k $PG_ROOT -c fsync=off -c max_connections=200" start >/dev/null
    PG_BIN="$bin"
    PG_AS="${as[*]}"
    export COACHING_TEST_DATABASE_URL="postgresql://coaching@${PG_ROOT//\//%2F}/postgres"
    trap stop_test_postgres EXIT
    echo "PostgreSQL: a throwaway server ($("$bin/postgres" --version | awk '{print $3}')) on the socket in $PG_ROOT"
}
stop_test_postgres() {
    if [ -n "${PG_ROOT:-}" ]; then
        $PG_AS "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_ROOT"
        PG_ROOT=""
    fi
}
