#!/usr/bin/env bash
# The C packaging (issue 18): install into a temporary prefix with scripts/install-c.sh, then
# build and run the C example and a version check with nothing but
# `pkg-config --cflags --libs coaching` — no -I or -L of the source tree — and check the
# shared library's SONAME, the versioned file names and a static link.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
bash scripts/install-c.sh --prefix "$prefix"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"

version="$(pkg-config --modversion coaching)"
header_version="$(sed -n 's/^#define COACHING_VERSION "\(.*\)"$/\1/p' include/coaching.h)"
[ "$version" = "$header_version" ] || { echo "FAIL coaching.pc says $version, the header $header_version"; exit 1; }
minor="$(echo "$version" | cut -d. -f2)"
soname="libcoaching.so.0.$minor"
[ -f "$prefix/lib/libcoaching.so.$version" ] && [ -L "$prefix/lib/$soname" ] && [ -L "$prefix/lib/libcoaching.so" ] \
    || { echo "FAIL versioned files: $(ls "$prefix/lib")"; exit 1; }
readelf -d "$prefix/lib/libcoaching.so.$version" | grep -q "Library soname: \[$soname\]" \
    || { echo "FAIL the SONAME is not $soname"; readelf -d "$prefix/lib/libcoaching.so.$version" | grep -i soname; exit 1; }
echo "ok   libcoaching.so.$version, SONAME $soname, header in $(pkg-config --variable=includedir coaching)/coaching"

flags="$(pkg-config --cflags --libs coaching)"
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror examples/c/workflow.c $flags -o "$work/workflow"
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror tests/c/test_version.c $flags -o "$work/version"
readelf -d "$work/workflow" | grep -q "Shared library: \[$soname\]" \
    || { echo "FAIL the example does not load $soname"; readelf -d "$work/workflow" | grep NEEDED; exit 1; }
LD_LIBRARY_PATH="$prefix/lib" "$work/version"
LD_LIBRARY_PATH="$prefix/lib" "$work/workflow" "$work/example.db" >"$work/out"
grep -q "^Coach  *Client  *Program" "$work/out" || { echo "FAIL the example printed no engagements"; cat "$work/out"; exit 1; }
echo "ok   examples/c/workflow.c built with \`pkg-config --cflags --libs coaching\` only, ran against $soname"

# A static link: the archive plus the system libraries coaching.pc lists as private.
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror examples/c/workflow.c $(pkg-config --cflags coaching) \
    "$prefix/lib/libcoaching.a" $(pkg-config --static --libs-only-l coaching | sed 's/-lcoaching//') -o "$work/workflow-static"
if readelf -d "$work/workflow-static" | grep -q "libcoaching"; then echo "FAIL the static build loads libcoaching"; exit 1; fi
"$work/workflow-static" "$work/static.db" >/dev/null
echo "ok   a static link with pkg-config --static's libraries ran"
