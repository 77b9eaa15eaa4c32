#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ for a while each and reports what they found.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET=300] [TARGET...]
#
# With no TARGET, every target in fuzz/fuzz_targets/ runs, one after the other. Works from any
# directory. Installs cargo-fuzz if it is missing. Builds with the nightly toolchain when one is
# installed, otherwise with the default toolchain and RUSTC_BOOTSTRAP=1 (cargo-fuzz needs
# nightly-only flags).
#
# Each target fuzzes with two corpus directories: fuzz/target/corpus/<target>/ first (scratch,
# git-ignored: libFuzzer writes what it finds there) and the committed seeds in
# fuzz/corpus/<target>/ (only read). Crashes, leaks, timeouts and OOMs are written to
# fuzz/artifacts/<target>/; each run's full log is fuzz/target/logs/<target>.log.
#
# Environment:
#   FUZZ_SANITIZER   address (default; with LeakSanitizer) | none | ... (cargo fuzz -s)
#   FUZZ_TIMEOUT     seconds one input may take before it counts as a hang (default 25)
#   FUZZ_ARGS        extra libFuzzer arguments, e.g. "-max_len=8192 -dict=..."
#   FUZZ_MERGE=1     after a clean run, merge the coverage-increasing finds of the scratch
#                    corpus into the committed fuzz/corpus/<target>/ (then review and commit)
#   COACHING_FUZZ_STRICT=1  stricter, noisier checks in the targets (see fuzz/README.md)
#
# Exit status: 0 when no target failed, 1 when one crashed (or leaked, hung, ran out of
# memory), 2 when the tooling failed (bad arguments, install or build failure).

set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"

secs="${1:-300}"
if [[ $# -gt 0 ]]; then shift; fi
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [[ "$secs" -eq 0 ]]; then
    echo "usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET=300] [TARGET...]" >&2
    echo "SECONDS_PER_TARGET must be a positive integer, got '$secs'" >&2
    exit 2
fi

all_targets=()
for f in "$FUZZ"/fuzz_targets/*.rs; do
    all_targets+=("$(basename "$f" .rs)")
done
if [[ $# -gt 0 ]]; then
    targets=("$@")
    for t in "${targets[@]}"; do
        if [[ ! -f "$FUZZ/fuzz_targets/$t.rs" ]]; then
            echo "unknown fuzz target '$t' (known: ${all_targets[*]})" >&2
            exit 2
        fi
    done
else
    targets=("${all_targets[@]}")
fi

# ---------------------------------------------------------------- tools
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked"
    if ! cargo install cargo-fuzz --locked; then
        echo "installing cargo-fuzz failed" >&2
        exit 2
    fi
fi

toolchain=()
if command -v rustup >/dev/null 2>&1 && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    echo "no nightly toolchain: using the default one with RUSTC_BOOTSTRAP=1"
    export RUSTC_BOOTSTRAP=1
fi
sanitizer="${FUZZ_SANITIZER:-address}"
timeout="${FUZZ_TIMEOUT:-25}"
read -r -a extra_args <<<"${FUZZ_ARGS:-}"

cd "$ROOT" || exit 2
echo "cargo ${toolchain[*]} fuzz ($(cargo "${toolchain[@]}" fuzz --version 2>/dev/null)), rustc: $(rustc "${toolchain[@]}" --version)"

# ---------------------------------------------------------------- build
# Everything at once (one dependency build), so the per-target runs below start fuzzing
# right away and a build failure is reported as such, not as a crash.
echo "building ${targets[*]} (sanitizer: $sanitizer) ..."
build_log="$FUZZ/target/logs/build.log"
mkdir -p "$FUZZ/target/logs"
: >"$build_log"
for t in "${targets[@]}"; do
    if ! cargo "${toolchain[@]}" fuzz build -s "$sanitizer" "$t" >>"$build_log" 2>&1; then
        tail -n 40 "$build_log" >&2
        echo "building fuzz target '$t' failed (full log: $build_log)" >&2
        exit 2
    fi
done

# ---------------------------------------------------------------- run
declare -A runs speed new_units result
failed=0

stat() { # stat NAME LOG: the value of libFuzzer's final "stat::NAME:" line, or "?"
    local v
    v="$(grep -a "^stat::$1:" "$2" | tail -n 1 | awk '{print $2}')"
    echo "${v:-?}"
}

for t in "${targets[@]}"; do
    scratch="$FUZZ/target/corpus/$t"
    seeds="$FUZZ/corpus/$t"
    log="$FUZZ/target/logs/$t.log"
    mkdir -p "$scratch" "$seeds" "$FUZZ/artifacts/$t"
    echo
    echo "== $t: ${secs}s (log: ${log#"$ROOT"/})"
    cargo "${toolchain[@]}" fuzz run -s "$sanitizer" "$t" "$scratch" "$seeds" -- \
        -max_total_time="$secs" -timeout="$timeout" -print_final_stats=1 \
        "${extra_args[@]}" >"$log" 2>&1
    status=$?

    runs[$t]="$(stat number_of_executed_units "$log")"
    speed[$t]="$(stat average_exec_per_sec "$log")"
    new_units[$t]="$(stat new_units_added "$log")"
    # libFuzzer: "artifact_prefix='...'; Test unit written to <path>" (slow units too).
    mapfile -t artifacts < <(grep -a -o 'Test unit written to .*' "$log" | sed 's/^Test unit written to //' |
        grep -E '/(crash|leak|timeout|oom)-[^/]*$')

    if [[ $status -eq 0 && ${#artifacts[@]} -eq 0 ]]; then
        result[$t]="ok"
        echo "   ${runs[$t]} runs, ${speed[$t]} exec/s, ${new_units[$t]} new inputs: no crash"
        if [[ "${FUZZ_MERGE:-0}" == 1 ]]; then
            echo "   merging new coverage into ${seeds#"$ROOT"/} ..."
            if ! cargo "${toolchain[@]}" fuzz run -s "$sanitizer" "$t" "$seeds" "$scratch" -- \
                -merge=1 >>"$log" 2>&1; then
                echo "   merge failed (see $log)" >&2
            fi
        fi
    else
        failed=1
        if [[ ${#artifacts[@]} -gt 0 ]]; then
            result[$t]="FAILED: ${#artifacts[@]} crash(es): ${artifacts[*]}"
        else
            result[$t]="FAILED: exit status $status, no artifact (see the log)"
        fi
        echo "   ${runs[$t]} runs: ${result[$t]}"
        echo "   --- last lines of the log ---"
        grep -a -v '^#[0-9]' "$log" | tail -n 40 | sed 's/^/   | /'
    fi
done

# ---------------------------------------------------------------- summary
echo
echo "== summary (${secs}s per target)"
printf '%-14s %14s %10s %8s  %s\n' target runs exec/s new result
for t in "${targets[@]}"; do
    printf '%-14s %14s %10s %8s  %s\n' "$t" "${runs[$t]}" "${speed[$t]}" "${new_units[$t]}" "${result[$t]}"
done
if [[ $failed -ne 0 ]]; then
    echo
    echo "reproduce one with: cargo ${toolchain[*]} fuzz run <target> <artifact>   (from $ROOT)"
    echo "minimise it with:   cargo ${toolchain[*]} fuzz tmin <target> <artifact>"
fi
exit "$failed"
