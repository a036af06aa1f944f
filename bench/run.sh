#!/bin/sh
# run.sh — `make bench`: audit BENCH_FILES (default 300) copies of the sample with
# `yusuan audit --format json`, and `wc -l` over the same files, in the same run; print both times,
# MB/s and the ratio. The goal (bench/RESULTS.md) is to stay within 50× of `wc -l`. Then bench/build.sh:
# `yusuan build` of the example book per output format against `yusuan check` of the book (goal: under
# 1 s for everything); BENCH_NO_BUILD=1 skips it, BENCH_NO_AUDIT=1 skips the audit part.
#
# Uses hyperfine when it is installed (scripts/install-deps.sh bench; tried once, optional), otherwise
# timed runs with `date +%s%N`: BENCH_RUNS (default 5) runs of the audit and BENCH_WC_RUNS (default 40)
# of the cheap `wc -l`, whose time swings by a third between runs of the same files. Both are reported
# as minimum and median, and the ratio as min/min and median/median (what is measured is unchanged).
#
# Environment: YUSUAN (binary, default ./yusuan), BENCH_FILES, BENCH_RUNS, BENCH_WC_RUNS, BENCH_SAMPLE,
# BENCH_NO_BUILD, BENCH_NO_AUDIT (and those of bench/build.sh).
set -eu
cd "$(dirname "$0")/.."
YUSUAN=${YUSUAN:-./yusuan}
if [ -n "${BENCH_NO_AUDIT:-}" ]; then
    [ -n "${BENCH_NO_BUILD:-}" ] || YUSUAN=$YUSUAN sh bench/build.sh
    exit
fi
FILES=${BENCH_FILES:-300}
RUNS=${BENCH_RUNS:-5}
WC_RUNS=${BENCH_WC_RUNS:-40}
SAMPLE=${BENCH_SAMPLE:-examples/zhaoxian-hrss-2024/published.txt}
[ -x "$YUSUAN" ] || { echo "bench: $YUSUAN not built (make first)" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
i=1
while [ "$i" -le "$FILES" ]; do cp "$SAMPLE" "$dir/dept-$i.txt"; i=$((i + 1)); done
bytes=$(cat "$dir"/*.txt | wc -c)
lines=$(cat "$dir"/*.txt | wc -l)
echo "bench: $FILES copies of $SAMPLE: $bytes bytes, $lines lines, in $dir"
echo "bench: $($YUSUAN version 2>/dev/null || echo yusuan), $(nproc 2>/dev/null || echo '?') cores, $(uname -m)"

# One audit must work before timing anything: status 0 or 1 (1 = the document has error findings).
st=0; "$YUSUAN" audit --format json "$dir/dept-1.txt" >/dev/null 2>&1 || st=$?
[ "$st" -le 1 ] || { echo "bench: yusuan audit failed with status $st" >&2; exit 2; }
# Same for the whole set: how many findings, as a sanity line.
st=0; n=$("$YUSUAN" audit --format json "$dir"/*.txt 2>/dev/null | wc -l) || st=$?
echo "bench: audit of all files gives $n JSON lines"

audit_cmd="$YUSUAN audit --format json $dir/*.txt >/dev/null 2>&1 || true"
wc_cmd="wc -l $dir/*.txt >/dev/null"

ns_now() { date +%s%N; }
min_median() {   # "min median" in seconds of N runs of a shell command
    r=0
    : >"$dir/t"
    while [ "$r" -lt "$2" ]; do
        t0=$(ns_now); sh -c "$1"; t1=$(ns_now)
        echo $((t1 - t0)) >>"$dir/t"
        r=$((r + 1))
    done
    sort -n "$dir/t" | awk '{ t[NR] = $1 } END {   # awk: no %d on ns (mawk clamps)
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%.6f %.6f\n", t[1] / 1e9, m / 1e9 }'
}
hf_min_median() {   # the same from hyperfine's JSON ("min": 0.123, "median": 0.125)
    mn=$(grep '"min"' "$1" | sed 's/.*: *//; s/,.*//')
    md=$(grep '"median"' "$1" | sed 's/.*: *//; s/,.*//')
    echo "$mn $md"
}

sh scripts/install-deps.sh bench >/dev/null 2>&1 || true
if command -v hyperfine >/dev/null 2>&1 && [ -z "${BENCH_NO_HYPERFINE:-}" ]; then
    hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$dir/ha.json" \
        -n "yusuan audit --format json" "sh -c '$audit_cmd'" || true
    hyperfine -N --warmup 3 --runs "$WC_RUNS" --export-json "$dir/hw.json" \
        -n "wc -l" "sh -c '$wc_cmd'" || true
    a_mm=$(hf_min_median "$dir/ha.json")
    w_mm=$(hf_min_median "$dir/hw.json")
    how="hyperfine"
else
    sh -c "$wc_cmd"; sh -c "$audit_cmd"   # warm the page cache
    a_mm=$(min_median "$audit_cmd" "$RUNS")
    w_mm=$(min_median "$wc_cmd" "$WC_RUNS")
    how="date +%s%N"
fi
awk -v a="$a_mm" -v w="$w_mm" -v b="$bytes" -v f="$FILES" -v how="$how" -v ra="$RUNS" -v rw="$WC_RUNS" 'BEGIN {
    split(a, A, " "); split(w, W, " ")
    if (W[1] <= 0) W[1] = 1e-6
    if (W[2] <= 0) W[2] = 1e-6
    printf "bench: (%s; audit %d runs, wc -l %d runs; min and median wall time)\n", how, ra, rw
    printf "bench: yusuan audit --format json  min %8.3f s  median %8.3f s  %8.1f MB/s  %7.2f ms/file (min)\n", A[1], A[2], b/1e6/A[1], A[1]*1e3/f
    printf "bench: wc -l                       min %8.3f s  median %8.3f s  %8.1f MB/s (min)\n", W[1], W[2], b/1e6/W[1]
    printf "bench: ratio audit / wc -l         min/min %6.1f×  median/median %6.1f×  (goal: within 50×)\n", A[1]/W[1], A[2]/W[2]
}'
[ -n "${BENCH_NO_BUILD:-}" ] || YUSUAN=$YUSUAN sh bench/build.sh
[ -n "${BENCH_NO_PDF:-}" ] || YUSUAN=$YUSUAN sh bench/pdf.sh
[ -n "${BENCH_NO_STORE:-}" ] || sh bench/store.sh "$YUSUAN"
