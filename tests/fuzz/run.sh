#!/bin/sh
# run.sh — `make fuzz`: build each tests/fuzz/fuzz_*.c with clang -fsanitize=fuzzer,address,undefined
# into build-fuzz/ and run it for FUZZ_SECONDS (default 60) per target.
#
# The fuzzer starts from a copy of the checked-in corpus (tests/fuzz/corpus/<name>/) and writes what it
# finds into build-fuzz/corpus/<name>/ — never into the repository. Crashes land in
# build-fuzz/crashers/<name>/; a crasher worth keeping goes into tests/fuzz/crashers/ (not replayed)
# until its bug is fixed, then into the corpus (replayed by `make check`, so it stays fixed).
#
# Environment: FUZZ_SECONDS, FUZZ_JOBS (parallel fuzzing processes, default 1), FUZZ_BUILD (build-fuzz),
# FUZZ_TARGETS (e.g. "text"; default every fuzz_*.c), MAKE.
set -eu
cd "$(dirname "$0")/../.."
SECONDS_=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-1}
B=${FUZZ_BUILD:-build-fuzz}
MAKE=${MAKE:-make}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"

# The library with fuzzer instrumentation (no libFuzzer main yet), built by the ordinary Makefile rules.
$MAKE --no-print-directory BUILD="$B" CC=clang OPT="-O1 -g -fno-omit-frame-pointer" \
    SAN="-fsanitize=fuzzer-no-link $SAN" "$B/libyusuan.a"
# the packages of the Makefile (PKGS), so that targets reaching the store or the renderers link too
PKGS=${PKGS:-$(sed -n "s/^PKGS *= *//p" Makefile)}
LIBS=$(pkg-config --libs $PKGS 2>/dev/null || sed -n "s/^PKGS_FALLBACK_LIBS *= *//p" Makefile)
CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null || true)

# system libraries' own leaks (cairo, fontconfig, freexl on malformed files) are not ours to find
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export LSAN_OPTIONS
targets=${FUZZ_TARGETS:-$(for f in tests/fuzz/fuzz_*.c; do n=${f##*/fuzz_}; echo "${n%.c}"; done)}
status=0
for t in $targets; do
    bin="$B/fuzz_$t"
    echo "  LD      $bin"
    # shellcheck disable=SC2086
    clang -std=c11 -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $CFLAGS -O1 -g -fno-omit-frame-pointer \
        -fsanitize=fuzzer $SAN -o "$bin" "tests/fuzz/fuzz_$t.c" "$B/libyusuan.a" $LIBS
    work="$B/corpus/$t"
    crash="$B/crashers/$t"
    mkdir -p "$work" "$crash"
    [ -d "tests/fuzz/corpus/$t" ] && cp -n "tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
    echo "== fuzz_$t: ${SECONDS_}s, ${JOBS} job(s), corpus $work, crashers $crash/"
    # -max_len: the sample is ~100 KB; allow mutations of inputs of that size.
    if ! "$bin" -max_total_time="$SECONDS_" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
            $(if [ "$JOBS" -gt 1 ]; then echo "-jobs=$JOBS -workers=$JOBS"; fi) -print_final_stats=1 \
            -artifact_prefix="$crash/" "$work" >"$B/fuzz_$t.log" 2>&1; then
        status=1
        echo "fuzz_$t: FAILED — see $B/fuzz_$t.log and $crash/" >&2
        grep -E '^(==[0-9]+==ERROR|SUMMARY|    #[0-9]+ )' "$B/fuzz_$t.log" | head -30 >&2 || true
    fi
    tail -n 12 "$B/fuzz_$t.log" | grep -E 'stat::|Done|DONE|INFO: a corpus' || true
    echo "fuzz_$t: corpus now $(ls "$work" | wc -l) inputs; crashers: $(ls "$crash" | wc -l)"
done
exit $status
