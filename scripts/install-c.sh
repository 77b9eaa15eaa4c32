#!/usr/bin/env bash
# Builds the C library and installs it under a prefix, the way cargo-c's `cargo cinstall` lays
# it out (rustls-ffi, rav1e and gifski ship theirs so):
#
#   PREFIX/include/coaching/coaching.h
#   PREFIX/lib/libcoaching.so.0.1.0       SONAME libcoaching.so.0.1 (0.x: the minor is the ABI)
#   PREFIX/lib/libcoaching.so.0.1 -> libcoaching.so.0.1.0
#   PREFIX/lib/libcoaching.so     -> libcoaching.so.0.1   (for -lcoaching at link time)
#   PREFIX/lib/libcoaching.a
#   PREFIX/lib/pkgconfig/coaching.pc
#
# Usage: scripts/install-c.sh [--prefix DIR] [--libdir DIR] [--destdir DIR] [--debug]
#   --prefix   where the files go (default /usr/local); written into coaching.pc
#   --libdir   libraries and pkgconfig/ (default PREFIX/lib)
#   --destdir  staging root prepended to every path but not written into coaching.pc (packagers)
#   --debug    the dev profile instead of release
# Then: cc app.c $(pkg-config --cflags --libs coaching)
#   (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig when PREFIX is not a system one; static linking:
#    pkg-config --static --libs coaching, which adds the system libraries Rust's std needs).
#
# The library is built with SQLite compiled in, with the `postgres` feature (coaching_open accepts
# a postgresql:// URL), and without uniffi's scaffolding, which only Kotlin and Swift use.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local libdir="" destdir="" profile=release
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --libdir) libdir="$2"; shift 2 ;;
        --destdir) destdir="$2"; shift 2 ;;
        --debug) profile=dev; shift ;;
        -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
        *) echo "install-c.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
libdir="${libdir:-$prefix/lib}"
includedir="$prefix/include"

version="$(sed -n 's/^#define COACHING_VERSION "\(.*\)"$/\1/p' include/coaching.h)"
major="${version%%.*}"; rest="${version#*.}"; minor="${rest%%.*}"
# Semver for the ABI: from 1.0 the major version names it; before 1.0, major.minor does.
if [ "$major" = 0 ]; then abi="0.$minor"; else abi="$major"; fi

case "$(uname -s)" in
    Darwin)
        real="libcoaching.$version.dylib"; soname="libcoaching.$abi.dylib"; dev="libcoaching.dylib"
        soname_flag="-Wl,-install_name,$libdir/$soname" ;;
    *)
        real="libcoaching.so.$version"; soname="libcoaching.so.$abi"; dev="libcoaching.so"
        soname_flag="-Wl,-soname,$soname" ;;
esac

# The SONAME is given to this build alone: cargo rustc passes it to the final crate only, so the
# dependencies are shared with the workspace's other release builds (the Python wheel's), and
# the in-tree tests, which link target/debug/libcoaching.so, keep a library without one.
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
out_dir="$target_dir/$([ "$profile" = dev ] && echo debug || echo release)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
CARGO_TARGET_DIR="$target_dir" cargo rustc --quiet --locked -p coaching-ffi --lib --profile "$profile" \
    --no-default-features --features postgres,bundled \
    -- -C "link-arg=$soname_flag" --print native-static-libs 2>"$log" || { cat "$log" >&2; exit 1; }
# What a static link needs besides the archive (Rust's std: libgcc_s, pthread, libm, ...).
static_libs="$(sed -n 's/.*native-static-libs: //p' "$log" | tail -1)"

# Link-time uses of the header and the libraries.
install -d "$destdir$includedir/coaching" "$destdir$libdir/pkgconfig"
install -m 0644 include/coaching.h "$destdir$includedir/coaching/coaching.h"
install -m 0755 "$out_dir/$dev" "$destdir$libdir/$real"
ln -sf "$real" "$destdir$libdir/$soname"
ln -sf "$soname" "$destdir$libdir/$dev"
install -m 0644 "$out_dir/libcoaching.a" "$destdir$libdir/libcoaching.a"

cat >"$destdir$libdir/pkgconfig/coaching.pc" <<EOF
prefix=$prefix
exec_prefix=\${prefix}
libdir=$libdir
includedir=\${prefix}/include

Name: coaching
Description: The back office of a coaching practice: engagements, sessions, notes, goals and progress on SQLite or PostgreSQL
URL: https://github.com/coaching-rs/coaching
Version: $version
Cflags: -I\${includedir}/coaching
Libs: -L\${libdir} -lcoaching
Libs.private: $static_libs
EOF

echo "installed coaching $version (SONAME $soname) under $destdir$prefix"
