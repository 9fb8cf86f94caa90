#!/usr/bin/env bash
# The libFuzzer targets of fuzz/ (docs/robustness.md), built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in their own build folder (build-fuzz, or $LUCID_FUZZ_BUILD).
#
#   scripts/fuzz.sh --list              the targets, one a line
#   scripts/fuzz.sh TARGET SECONDS      build, then fuzz one target for SECONDS
#   scripts/fuzz.sh all SECONDS         each target in turn for SECONDS; a table of executions,
#                                       coverage and crashes per target
#   scripts/fuzz.sh long [TARGET...]    the long run: each target (default: all) until 10^7
#                                       executions, however long that takes (hours for the
#                                       engines, see docs/robustness.md); by hand, never in CI.
#                                       Its timeout is 120 s, not 10 (wall-clock time on a busy
#                                       machine), and ASan keeps no allocation stacks
#   scripts/fuzz.sh --replay            build, then run every committed corpus input once
#   scripts/fuzz.sh --build             build only
#
# Each run starts from the committed corpus fuzz/corpus/TARGET (seeds from vectors/, made by
# fuzz/make_seeds.py, and regression-* inputs of fixed crashes) and writes what it finds to
# BUILD/corpus/TARGET (not committed). A crash, leak or timeout leaves its input in
# BUILD/artifacts/ and makes the script fail; copy it into fuzz/corpus/TARGET/regression-NAME
# with the fix and a unit test. One fuzzer process at a time (-jobs/-workers are not used).
set -uo pipefail
cd "$(dirname "$0")/.."
build=${LUCID_FUZZ_BUILD:-build-fuzz}
targets=(der certificate pem private_key record record_cbc record_aead handshake_assembler handshake_messages
         extensions server client saved_session ticket vector_files http_request)

dict_for() {
    case $1 in
        der|certificate|pem|private_key) echo fuzz/dict/x509.dict ;;
        saved_session|vector_files|ticket) echo fuzz/dict/text.dict ;;
        http_request) echo fuzz/dict/http.dict ;;
        *) echo fuzz/dict/tls.dict ;;
    esac
}

build_targets() {
    if ! command -v clang++ >/dev/null; then
        scripts/setup.sh || return 1
    fi
    if [ ! -f "$build/build.ninja" ]; then
        CXX=clang++ meson setup "$build" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
            -Doptimization=1 -Dcpp_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" >/dev/null ||
            { echo "fuzz: meson setup failed"; return 1; }
    fi
    meson compile -C "$build" "${targets[@]/#/fuzz_}" >"$build/fuzz-build.log" 2>&1 ||
        { tail -n 30 "$build/fuzz-build.log"; echo "fuzz: build failed"; return 1; }
}

is_target() {
    local t
    for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done
    return 1
}

# run_one TARGET SECONDS [RUNS [TIMEOUT]]: prints "TARGET executions coverage crashes" on the last
# line of its log. SECONDS 0 is no time limit; RUNS ends the run after that many executions;
# TIMEOUT (default 10) is the seconds one input may take.
run_one() {
    local t=$1 seconds=$2 runs=${3:--1} timeout=${4:-10} log="$build/logs/$1.log"
    mkdir -p "$build/corpus/$t" "$build/artifacts" "$build/logs"
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
    "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -runs="$runs" -timeout="$timeout" \
        -rss_limit_mb=2048 -print_final_stats=1 \
        -dict="$(dict_for "$t")" -artifact_prefix="$build/artifacts/$t-" \
        "$build/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
    local status=$?
    local execs cov crashes=0
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
    [ $status -ne 0 ] && crashes=1
    printf '%-20s %12s %8s %8s\n' "$t" "${execs:-?}" "${cov:-?}" "$crashes"
    if [ $status -ne 0 ]; then
        grep -E "ERROR|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -n 8 | sed 's/^/    /'
    fi
    return $status
}

header() { printf '%-20s %12s %8s %8s\n' target executions coverage crashes; }

case "${1:-}" in
    --list)
        printf '%s\n' "${targets[@]}"
        ;;
    --build)
        build_targets
        ;;
    --replay)
        build_targets || exit 1
        failed=0 inputs=0
        for t in "${targets[@]}"; do
            n=$(find "fuzz/corpus/$t" -type f | wc -l)
            inputs=$((inputs + n))
            if ! "$build/fuzz/fuzz_$t" -runs=0 "fuzz/corpus/$t" >"$build/replay-$t.log" 2>&1; then
                echo "replay $t: FAILED ($n inputs)"; tail -n 20 "$build/replay-$t.log"; failed=$((failed + 1))
            else
                echo "replay $t: $n inputs, no crash"
            fi
        done
        echo "replayed $inputs corpus inputs of ${#targets[@]} targets: $failed targets failed"
        [ $failed -eq 0 ]
        ;;
    all)
        seconds=${2:?usage: scripts/fuzz.sh all SECONDS}
        build_targets || exit 1
        header
        failed=0
        for t in "${targets[@]}"; do run_one "$t" "$seconds" || failed=$((failed + 1)); done
        echo "${#targets[@]} targets, $failed with a crash, leak or timeout"
        [ $failed -eq 0 ]
        ;;
    long)
        shift
        [ $# -eq 0 ] && set -- "${targets[@]}"
        for t in "$@"; do is_target "$t" || { echo "fuzz: no target '$t' (scripts/fuzz.sh --list)"; exit 2; }; done
        build_targets || exit 1
        header
        failed=0
        # libFuzzer's timeout is wall-clock time: on a shared machine an input that takes 0.2 s
        # can be held for seconds, so 120 s. Without allocation stacks ASan finds the same errors
        # 1.5 times faster (fuzz_der); replay a finding with the default options to see them.
        export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:malloc_context_size=0}
        for t in "$@"; do run_one "$t" 0 10000000 120 || failed=$((failed + 1)); done
        echo "$# targets, $failed with a crash, leak or timeout"
        [ $failed -eq 0 ]
        ;;
    ""|-h|--help)
        sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
        ;;
    *)
        is_target "$1" || { echo "fuzz: no target '$1' (scripts/fuzz.sh --list)"; exit 2; }
        seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
        build_targets || exit 1
        header
        run_one "$1" "$seconds"
        ;;
esac
