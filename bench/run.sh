#!/bin/sh
# run.sh — `make bench`: audit BENCH_FILES (default 300) copies of the sample with
# `yusuan audit --format json`, and `wc -l` over the same files, in the same run; print both times,
# MB/s and the ratio. The goal (bench/RESULTS.md) is to stay within 50× of `wc -l`. Then bench/build.sh:
# `yusuan build` of the example book per output format against `yusuan check` of the book (goal: under
# 1 s for everything); BENCH_NO_BUILD=1 skips it, BENCH_NO_AUDIT=1 skips the audit part.
#
# Uses hyperfine when it is installed (scripts/install-deps.sh bench; tried once, optional), otherwise
# BENCH_RUNS (default 5) timed runs with `date +%s%N`, keeping the best of each.
#
# Environment: YUSUAN (binary, default ./yusuan), BENCH_FILES, BENCH_RUNS, BENCH_SAMPLE, BENCH_NO_BUILD,
# BENCH_NO_AUDIT (and those of bench/build.sh).
set -eu
cd "$(dirname "$0")/.."
YUSUAN=${YUSUAN:-./yusuan}
if [ -n "${BENCH_NO_AUDIT:-}" ]; then
    [ -n "${BENCH_NO_BUILD:-}" ] || YUSUAN=$YUSUAN sh bench/build.sh
    exit
fi
FILES=${BENCH_FILES:-300}
RUNS=${BENCH_RUNS:-5}
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
best_ns() {   # best wall time in ns of RUNS runs of a shell command
    best=
    r=0
    while [ "$r" -lt "$RUNS" ]; do
        t0=$(ns_now); sh -c "$1"; t1=$(ns_now)
        t=$((t1 - t0))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
        r=$((r + 1))
    done
    echo "$best"
}

sh scripts/install-deps.sh bench >/dev/null 2>&1 || true
if command -v hyperfine >/dev/null 2>&1 && [ -z "${BENCH_NO_HYPERFINE:-}" ]; then
    hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$dir/h.json" \
        -n "yusuan audit --format json" "sh -c '$audit_cmd'" -n "wc -l" "sh -c '$wc_cmd'" || true
    # min times in seconds, from hyperfine's JSON ("min": 0.123,)
    mins=$(grep '"min"' "$dir/h.json" | sed 's/[^0-9.e-]//g')
    a_s=$(echo "$mins" | sed -n 1p)
    w_s=$(echo "$mins" | sed -n 2p)
    how="hyperfine, min of $RUNS runs"
else
    sh -c "$wc_cmd"; sh -c "$audit_cmd"   # warm the page cache
    a_s=$(best_ns "$audit_cmd" | awk '{printf "%.6f", $1 / 1e9}')   # awk: no %d on ns (mawk clamps)
    w_s=$(best_ns "$wc_cmd" | awk '{printf "%.6f", $1 / 1e9}')
    how="date +%s%N, best of $RUNS runs"
fi
awk -v a="$a_s" -v w="$w_s" -v b="$bytes" -v f="$FILES" -v how="$how" 'BEGIN {
    if (w <= 0) w = 1e-6
    printf "bench: (%s)\n", how
    printf "bench: yusuan audit --format json  %8.3f s  %8.1f MB/s  %7.2f ms/file\n", a, b/1e6/a, a*1e3/f
    printf "bench: wc -l                       %8.3f s  %8.1f MB/s\n", w, b/1e6/w
    printf "bench: ratio audit / wc -l         %8.1f×  (goal: within 50×)\n", a/w
}'
[ -n "${BENCH_NO_BUILD:-}" ] || YUSUAN=$YUSUAN sh bench/build.sh
[ -n "${BENCH_NO_PDF:-}" ] || YUSUAN=$YUSUAN sh bench/pdf.sh
[ -n "${BENCH_NO_STORE:-}" ] || sh bench/store.sh "$YUSUAN"
