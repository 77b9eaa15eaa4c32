#!/usr/bin/env bash
# Builds a self-contained JAR for JVM hosts: the uniffi Kotlin bindings (package dev.coaching)
# compiled with the Kotlin runtime, and this machine's libcoaching as a JNA resource
# (linux-x86-64/libcoaching.so, linux-aarch64/..., darwin-aarch64/libcoaching.dylib), which
# JNA extracts and loads by itself: a JVM app needs only this JAR and JNA on its classpath,
# no -Djna.library.path.
#
# Usage: scripts/build-jar.sh [--out FILE] [--debug] [--kotlinc PATH] [--bindings DIR]
#   --out       the JAR to write (default target/coaching-<version>.jar)
#   --debug     package the dev-profile library (target/debug) instead of building a release
#   --kotlinc   the Kotlin compiler (default: kotlinc on PATH, else the one the test command
#               installs under target/tools)
#   --bindings  already-generated Kotlin bindings (default: generated here from the library)
# Needs JDK 17+ (jar), kotlinc, and JNA (/usr/share/java/jna.jar, Debian's libjna-java, or
# JNA_JAR=path) to compile against. Running: java -cp coaching.jar:jna.jar your.MainKt
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

out="" profile=release kotlinc="" bindings=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --debug) profile=dev; shift ;;
        --kotlinc) kotlinc="$2"; shift 2 ;;
        --bindings) bindings="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "build-jar.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
version="$(sed -n 's/^#define COACHING_VERSION "\(.*\)"$/\1/p' include/coaching.h)"
out="${out:-$root/target/coaching-$version.jar}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
jna="${JNA_JAR:-/usr/share/java/jna.jar}"
[ -f "$jna" ] || { echo "build-jar.sh: JNA not found at $jna (apt-get install libjna-java, or set JNA_JAR)" >&2; exit 3; }
if [ -z "$kotlinc" ]; then
    kotlinc="$(command -v kotlinc || true)"
    [ -n "$kotlinc" ] || kotlinc="$root/target/tools/node_modules/kotlin-compiler/bin/kotlinc"
fi
[ -x "$kotlinc" ] || { echo "build-jar.sh: no kotlinc (npm install kotlin-compiler, or --kotlinc PATH)" >&2; exit 3; }
command -v jar >/dev/null || { echo "build-jar.sh: the JDK's jar tool is not on PATH" >&2; exit 3; }

# JNA's resource prefix for this platform (com.sun.jna.Platform.RESOURCE_PREFIX).
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86-64; lib=libcoaching.so ;;
    Linux-aarch64) platform=linux-aarch64; lib=libcoaching.so ;;
    Darwin-arm64) platform=darwin-aarch64; lib=libcoaching.dylib ;;
    Darwin-x86_64) platform=darwin-x86-64; lib=libcoaching.dylib ;;
    *) echo "build-jar.sh: no JNA resource prefix known for $(uname -s)-$(uname -m)" >&2; exit 3 ;;
esac

target_dir="${CARGO_TARGET_DIR:-$root/target}"
if [ "$profile" = release ]; then
    cargo build --quiet --locked --release -p coaching-ffi
    lib_dir="$target_dir/release"
else
    cargo build --quiet --locked -p coaching-ffi
    lib_dir="$target_dir/debug"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$bindings" ]; then
    bindings="$work/bindings"
    cargo run --quiet --locked -p coaching-ffi --bin uniffi-bindgen -- generate \
        --library "$lib_dir/$lib" --language kotlin --no-format --out-dir "$bindings"
fi
source_file="$(find "$bindings" -name coaching.kt -path '*dev/coaching*' | head -1)"
[ -n "$source_file" ] || { echo "build-jar.sh: no dev/coaching/coaching.kt under $bindings" >&2; exit 1; }

"$kotlinc" -nowarn "$source_file" -cp "$jna" -include-runtime -d "$work/classes.jar" 2>&1 | { grep -v '^warning' || true; }
[ -f "$work/classes.jar" ] || { echo "build-jar.sh: kotlinc wrote no classes" >&2; exit 1; }
mkdir -p "$work/res/$platform"
cp "$lib_dir/$lib" "$work/res/$platform/$lib"
cat >"$work/manifest.txt" <<EOF
Implementation-Title: coaching
Implementation-Version: $version
Implementation-Vendor: The coaching authors
Automatic-Module-Name: dev.coaching
EOF
cp "$work/classes.jar" "$work/out.jar"
(cd "$work/res" && jar ufm "$work/out.jar" "$work/manifest.txt" "$platform/$lib")
mkdir -p "$(dirname "$out")"
mv "$work/out.jar" "$out"
echo "built $out (coaching $version, $platform/$lib, $(du -h "$out" | cut -f1))"
