#!/bin/bash
# PostgreSQL for the tests: the server named by COACHING_TEST_DATABASE_URL, or a throwaway one.
#   source scripts/postgres.sh && start_test_postgres   (stopped and removed when the shell exits)

start_test_postgres() {
    TEST_DATABASES=()
    trap cleanup_test_postgres EXIT
    # The server binaries, also with a server of COACHING_TEST_DATABASE_URL: the restart and
    # password tests run a server of their own.
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [ -z "$bin" ]; then
        echo "installing PostgreSQL (Debian's postgresql)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
        bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
    if [ -n "${COACHING_TEST_DATABASE_URL:-}" ]; then
        echo "PostgreSQL: the server of COACHING_TEST_DATABASE_URL"
        return
    fi
    PG_ROOT="$(mktemp -d /tmp/coaching-pg.XXXXXX)"
    local as=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_ROOT"
        as=(runuser -u postgres --)
    fi
    "${as[@]}" "$bin/initdb" -D "$PG_ROOT/data" -A trust -U coaching --no-sync -E UTF8 >/dev/null
    # Tests need no durability (fsync off); PG_DURABLE=1 keeps the server's defaults (benchmarks).
    local durability="-c fsync=off"
    [ -n "${PG_DURABLE:-}" ] && durability=""
    "${as[@]}" "$bin/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w \
        -o "-c listen_addresses='' -k $PG_ROOT $durability -c max_connections=200" start >/dev/null
    PG_BIN="$bin"
    PG_AS="${as[*]}"
    export COACHING_TEST_DATABASE_URL="postgresql://coaching@${PG_ROOT//\//%2F}/postgres"
    echo "PostgreSQL: a throwaway server ($("$bin/postgres" --version | awk '{print $3}')) on the socket in $PG_ROOT"
}
# make_test_database NAME VAR: creates database NAME_<pid> on the test server and sets VAR to
# its URL; it is dropped at exit (the throwaway server goes whole).
make_test_database() {
    local name="${1}_$$"
    if ! command -v psql >/dev/null 2>&1 && [ -z "${PG_BIN:-}" ]; then
        echo "installing the PostgreSQL client (Debian's postgresql-client)" >&2
        apt-get install -y -q postgresql-client >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql-client >/dev/null; }
    fi
    local psql="psql"
    [ -n "${PG_BIN:-}" ] && psql="$PG_BIN/psql"
    "$psql" -q -v ON_ERROR_STOP=1 "$COACHING_TEST_DATABASE_URL" -c "CREATE DATABASE $name" >/dev/null
    TEST_DATABASES+=("$name")
    printf -v "$2" '%s' "$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
        "$COACHING_TEST_DATABASE_URL" "$name")"
}
cleanup_test_postgres() {
    local psql="psql"
    [ -n "${PG_BIN:-}" ] && psql="$PG_BIN/psql"
    if [ -z "${PG_ROOT:-}" ]; then
        for db in "${TEST_DATABASES[@]}"; do
            "$psql" -q "$COACHING_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
        done
    fi
    stop_test_postgres
}
stop_test_postgres() {
    if [ -n "${PG_ROOT:-}" ]; then
        $PG_AS "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_ROOT"
        PG_ROOT=""
    fi
}
