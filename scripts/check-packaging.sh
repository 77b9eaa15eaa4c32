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

# The API documentation: no warning (broken or private links, bad code blocks).
out="$(RUSTDOCFLAGS="-D warnings" cargo doc -p coaching-core --no-deps --locked 2>&1)" \
    && ok "cargo doc -p coaching-core, no warning" || { echo "$out" | tail -30; bad "cargo doc -p coaching-core"; }

exit $fail
