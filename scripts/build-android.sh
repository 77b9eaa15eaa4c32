#!/usr/bin/env bash
# Builds libcoaching for Android and lays it out as an Android library module (android/coaching),
# which Gradle turns into an AAR:
#
#   android/coaching/src/main/jniLibs/{arm64-v8a,armeabi-v7a,x86_64,x86}/libcoaching.so
#   android/coaching/src/main/kotlin/dev/coaching/coaching.kt     (uniffi Kotlin bindings)
#   android/coaching/build/outputs/aar/coaching-release.aar       (when Gradle is available)
#
# Needs: the Android NDK (ANDROID_NDK_HOME), cargo-ndk (cargo install cargo-ndk), the four
# Rust targets (rustup target add aarch64-linux-android armv7-linux-androideabi
# x86_64-linux-android i686-linux-android), and for the AAR Gradle with the Android SDK
# (ANDROID_HOME). This machine has none of them: the test command checks this script's
# inputs (the module's manifest and Gradle files, the ABI list), not its output.
#
# Usage: scripts/build-android.sh [--abi ABI]... [--no-aar]
# The library is built without the PostgreSQL client (a phone opens a practice file) and
# with SQLite compiled in.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

# Android ABI -> Rust target.
declare -A targets=(
    [arm64-v8a]=aarch64-linux-android
    [armeabi-v7a]=armv7-linux-androideabi
    [x86_64]=x86_64-linux-android
    [x86]=i686-linux-android
)
abis=() aar=1
while [ $# -gt 0 ]; do
    case "$1" in
        --abi) [ -n "${targets[$2]:-}" ] || { echo "build-android.sh: unknown ABI $2 (one of ${!targets[*]})" >&2; exit 2; }
               abis+=("$2"); shift 2 ;;
        --no-aar) aar=0; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "build-android.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ ${#abis[@]} -gt 0 ] || abis=(arm64-v8a armeabi-v7a x86_64 x86)
module="$root/android/coaching"
jni="$module/src/main/jniLibs"
kotlin_out="$module/src/main/kotlin"

missing=()
[ -n "${ANDROID_NDK_HOME:-}" ] && [ -d "${ANDROID_NDK_HOME:-/nonexistent}" ] || missing+=("the Android NDK (set ANDROID_NDK_HOME)")
cargo ndk --version >/dev/null 2>&1 || missing+=("cargo-ndk (cargo install cargo-ndk)")
installed="$(rustup target list --installed 2>/dev/null || true)"
for abi in "${abis[@]}"; do
    grep -qx "${targets[$abi]}" <<<"$installed" || missing+=("the Rust target ${targets[$abi]} (rustup target add ${targets[$abi]})")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "build-android.sh: cannot build here; missing:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 3
fi

ndk_args=()
for abi in "${abis[@]}"; do ndk_args+=(-t "$abi"); done
cargo ndk "${ndk_args[@]}" -o "$jni" build --locked --release -p coaching-ffi \
    --no-default-features --features uniffi,bundled
for abi in "${abis[@]}"; do
    [ -f "$jni/$abi/libcoaching.so" ] || { echo "build-android.sh: no $jni/$abi/libcoaching.so" >&2; exit 1; }
done

# The Kotlin bindings, read from the first ABI's library (every ABI exports the same API).
rm -rf "$kotlin_out"
cargo run --quiet --locked -p coaching-ffi --bin uniffi-bindgen -- generate \
    --library "$jni/${abis[0]}/libcoaching.so" --language kotlin --no-format --out-dir "$kotlin_out"

if [ "$aar" = 1 ]; then
    if command -v gradle >/dev/null 2>&1 && [ -n "${ANDROID_HOME:-}" ]; then
        gradle -p "$root/android" :coaching:assembleRelease
        echo "AAR: $module/build/outputs/aar/coaching-release.aar"
    else
        echo "no Gradle or ANDROID_HOME: the module is laid out in $module; build the AAR with" \
             "gradle -p android :coaching:assembleRelease, or include the module in an app's build"
    fi
fi
echo "built libcoaching for ${abis[*]} into $jni"
