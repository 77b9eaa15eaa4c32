#!/usr/bin/env bash
# Builds the CoachingFFI XCFramework and the Swift bindings for the Swift package at the
# repository root (Package.swift):
#
#   apple/CoachingFFI.xcframework          libcoaching.a for iOS devices (aarch64-apple-ios) and
#                                          simulators (aarch64 + x86_64, one lipo'd archive),
#                                          with CoachingFFI.h and module.modulemap as headers
#   apple/Sources/Coaching/Coaching.swift  the uniffi Swift bindings (module Coaching)
#
# Needs macOS with Xcode (xcodebuild, lipo) and the Rust targets (rustup target add
# aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios). This machine has neither a Mac
# nor a Swift toolchain: the test command checks the script's inputs (Package.swift's targets
# and paths against this script and uniffi.toml), not its output.
#
# Then: add the package (this repository, or a copy with the XCFramework) to an Xcode project;
# `import Coaching`.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

device=aarch64-apple-ios
sims=(aarch64-apple-ios-sim x86_64-apple-ios)
framework="$root/apple/CoachingFFI.xcframework"
swift_out="$root/apple/Sources/Coaching"
case "${1:-}" in -h|--help) sed -n '2,16p' "$0"; exit 0 ;; esac

missing=()
[ "$(uname -s)" = Darwin ] || missing+=("macOS (this is $(uname -s))")
command -v xcodebuild >/dev/null 2>&1 || missing+=("Xcode's xcodebuild")
command -v lipo >/dev/null 2>&1 || missing+=("lipo (Xcode command-line tools)")
installed="$(rustup target list --installed 2>/dev/null || true)"
for t in "$device" "${sims[@]}"; do
    grep -qx "$t" <<<"$installed" || missing+=("the Rust target $t (rustup target add $t)")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "build-xcframework.sh: cannot build here; missing:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 3
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
for t in "$device" "${sims[@]}"; do
    cargo build --locked --release -p coaching-ffi --target "$t" --no-default-features --features uniffi,bundled
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The Swift source, the C header and the modulemap, read from the Mac's own build of the same
# library (same features, so the same exported API).
cargo build --locked --release -p coaching-ffi --no-default-features --features uniffi,bundled
cargo run --quiet --locked -p coaching-ffi --bin uniffi-bindgen -- generate \
    --library "$target_dir/release/libcoaching.dylib" --language swift --no-format --out-dir "$work/swift"
mkdir -p "$work/headers" "$swift_out"
cp "$work/swift/CoachingFFI.h" "$work/headers/"
cp "$work/swift/CoachingFFI.modulemap" "$work/headers/module.modulemap"
cp "$work/swift/Coaching.swift" "$swift_out/Coaching.swift"

mkdir -p "$work/sim"
sim_libs=()
for t in "${sims[@]}"; do sim_libs+=("$target_dir/$t/release/libcoaching.a"); done
lipo -create "${sim_libs[@]}" -output "$work/sim/libcoaching.a"

rm -rf "$framework"
xcodebuild -create-xcframework \
    -library "$target_dir/$device/release/libcoaching.a" -headers "$work/headers" \
    -library "$work/sim/libcoaching.a" -headers "$work/headers" \
    -output "$framework"
echo "built $framework and $swift_out/Coaching.swift; the package is $root/Package.swift"
