#!/usr/bin/env bash
# Runs every test of the project: Rust, then (as each binding lands) C, Python and Kotlin.
# Installs what it needs itself; a fresh Debian machine with Rust, Python 3.11, Node/npm and
# JDK 17 needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

section() { printf '\n==== %s ====\n' "$*"; }

section "Rust: unit, conformance (SQLite + memory), property and doc tests"
cargo test --workspace --locked

section "Rust example: the README's first command"
demo_db="$(mktemp -d)/demo.db"
cargo run --quiet --locked --example workflow -- "$demo_db" >/dev/null
cargo run --quiet --locked --example workflow -- "$demo_db" >"$demo_db.out"
grep -q '^Reopened' "$demo_db.out"
echo "example workflow ran twice on $demo_db (created, then reopened)"
