#!/bin/bash
# Packaging checks (issue 18): what a Rust user expects of a crate before adopting it — the
# license files, a changelog, complete Cargo metadata and a crate README, `cargo package`
# clean (no warning; the packaged crate builds on its own), and `cargo doc` without a warning.
# Run by the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

{ [ -s LICENSE-MIT ] && grep -q "Permission is hereby granted" LICENSE-MIT; } \
    && ok "LICENSE-MIT" || bad "LICENSE-MIT"
{ grep -q "Apache License" LICENSE-APACHE && grep -q "Version 2.0, January 2004" LICENSE-APACHE; } \
    && ok "LICENSE-APACHE" || bad "LICENSE-APACHE"
{ grep -q "keepachangelog.com" CHANGELOG.md && grep -q '^## \[Unreleased\]' CHANGELOG.md; } \
    && ok "CHANGELOG.md (Keep a Changelog)" || bad "CHANGELOG.md"

# Cargo metadata of the published crate.
cargo metadata --format-version 1 --no-deps --locked | python3 -c '
import json, os, sys
m = json.load(sys.stdin)
p = next(p for p in m["packages"] if p["name"] == "coaching-core")
need = ["description", "license", "repository", "documentation", "readme", "homepage"]
missing = [k for k in need if not p.get(k)]
if not p.get("keywords"): missing.append("keywords")
if not p.get("categories"): missing.append("categories")
readme = os.path.join(os.path.dirname(p["manifest_path"]), p.get("readme") or "")
if not os.path.isfile(readme): missing.append("readme file " + readme)
if missing:
    print("FAIL Cargo metadata of coaching-core: missing " + ", ".join(missing)); sys.exit(1)
print("ok   Cargo metadata of coaching-core: " + ", ".join(need + ["keywords", "categories"]))
' || fail=1

# The crate as crates.io would receive it: packaged, then built on its own.
out="$(cargo package -p coaching-core --locked --allow-dirty 2>&1)" || { echo "$out"; bad "cargo package -p coaching-core"; }
if grep -i "^warning" <<<"$out"; then bad "cargo package -p coaching-core printed warnings"; else ok "cargo package -p coaching-core, no warning"; fi
for f in README.md src/lib.rs Cargo.toml; do
    cargo package -p coaching-core --locked --allow-dirty --list 2>/dev/null | grep -qx "$f" || bad "the package lacks $f"
done

# SQLite from the system (`--no-default-features`: the `bundled` feature off): the library links
# an external libsqlite3.so, and its SQLite conformance suite and file tests pass on it.
# rusqlite 0.41 needs SQLite 3.44 or newer; when the system's is older (Debian 12 has 3.40),
# one is built as a distribution builds it (FTS5 on, foreign keys left at SQLite's default) from
# the amalgamation libsqlite3-sys ships, into a temporary prefix.
sys_target="$PWD/target/system-sqlite"
mkdir -p "$sys_target"
sqlite_env=()
have="$(pkg-config --modversion sqlite3 2>/dev/null || echo 0)"
if [ "$(printf '%s\n3.44.0\n' "$have" | sort -V | head -1)" != "3.44.0" ]; then
    sys_dir="$(cargo metadata --format-version 1 --locked | python3 -c '
import json, os, sys
m = json.load(sys.stdin)
print(next(os.path.dirname(p["manifest_path"]) for p in m["packages"] if p["name"] == "libsqlite3-sys"))')"
    prefix="$sys_target/sqlite"
    if [ ! -f "$prefix/lib/libsqlite3.so.0" ]; then
        mkdir -p "$prefix/lib" "$prefix/include"
        cc -O1 -fPIC -shared -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_FTS3 \
            -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB \
            -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_MATH_FUNCTIONS -DHAVE_USLEEP=1 \
            "$sys_dir/sqlite3/sqlite3.c" -Wl,-soname,libsqlite3.so.0 -o "$prefix/lib/libsqlite3.so.0" -lpthread -lm -ldl
        ln -sf libsqlite3.so.0 "$prefix/lib/libsqlite3.so"
        cp "$sys_dir/sqlite3/sqlite3.h" "$sys_dir/sqlite3/sqlite3ext.h" "$prefix/include/"
    fi
    have="$(sed -n 's/^#define SQLITE_VERSION  *"\(.*\)"/\1/p' "$prefix/include/sqlite3.h") (built; the system's is $have)"
    sqlite_env=(SQLITE3_LIB_DIR="$prefix/lib" SQLITE3_INCLUDE_DIR="$prefix/include" LD_LIBRARY_PATH="$prefix/lib")
fi
# The workspace's target directory: only libsqlite3-sys, rusqlite and coaching-core are
# compiled again for the other feature set (side by side with the bundled ones).
bins="$(env "${sqlite_env[@]}" cargo test -p coaching-core --no-default-features --locked --test backends \
    --test sqlite_file --no-run --message-format=json 2>"$sys_target.log" | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable"):
        print(m["executable"])')" || { tail -30 "$sys_target.log"; bad "cargo test -p coaching-core --no-default-features (system SQLite) does not build"; }
passed=0
for b in $bins; do
    if ! env "${sqlite_env[@]}" ldd "$b" | grep -q 'libsqlite3\.so'; then
        bad "$(basename "$b") does not link an external libsqlite3"
    fi
    if out="$(env "${sqlite_env[@]}" "$b" --skip memory:: 2>&1)"; then
        passed=$((passed + $(grep -c '^test .* ok$' <<<"$out")))
    else
        echo "$out" | tail -30; bad "$(basename "$b") on the system SQLite"
    fi
done
[ -n "$bins" ] && [ "$passed" -gt 50 ] && ok "system SQLite $have: $passed SQLite tests pass, libsqlite3.so linked"

# Every public item documented: coaching-core has #![warn(missing_docs)], and no warning at all
# (cargo replays a cached crate's warnings, so this holds without a rebuild).
grep -q '^#!\[warn(missing_docs)\]' coaching-core/src/lib.rs || bad "coaching-core/src/lib.rs lacks #![warn(missing_docs)]"
out="$(cargo check -p coaching-core --features postgres --locked --message-format short 2>&1)" || { echo "$out" | tail -20; bad "cargo check -p coaching-core"; }
if grep -q "warning" <<<"$out"; then
    grep "warning" <<<"$out" | head -20; bad "cargo check -p coaching-core printed $(grep -c 'warning:' <<<"$out") warnings"
else
    ok "coaching-core: #![warn(missing_docs)] and no warning"
fi

# The API documentation: no warning (broken or private links, bad code blocks).
out="$(RUSTDOCFLAGS="-D warnings" cargo doc -p coaching-core --no-deps --locked 2>&1)" \
    && ok "cargo doc -p coaching-core, no warning" || { echo "$out" | tail -30; bad "cargo doc -p coaching-core"; }

exit $fail
