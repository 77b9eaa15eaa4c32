#!/bin/bash
# The PostgreSQL benchmark table: a throwaway server with the server's default (durable)
# settings, on a Unix socket, unless COACHING_BENCH_DATABASE_URL names a database; removed at
# exit. The 5,000-engagement practice is loaded by importing the SQLite benchmark file (generated
# through the library on first use) — a few minutes.
#   bash scripts/bench-postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
if [ -z "${COACHING_BENCH_DATABASE_URL:-}" ]; then
    unset COACHING_TEST_DATABASE_URL
    PG_DURABLE=1 start_test_postgres
    make_test_database coaching_bench COACHING_BENCH_DATABASE_URL
fi
cargo run --release --locked -p coaching-examples --features postgres --example bench_pg -- "$COACHING_BENCH_DATABASE_URL"
