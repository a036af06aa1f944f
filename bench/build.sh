#!/bin/sh
# build.sh — the compile-path benchmark (issue 3, item 7), run by `make bench` after the audit benchmark
# (bench/run.sh calls it) or alone: `sh bench/build.sh`. It times, in one run,
#
#   yusuan check BOOK                                  the baseline: reading and checking the book alone
#   yusuan build BOOK -o DIR --format F                for F in txt json csv html xlsx pdf datapackage
#   yusuan build BOOK -o DIR                           every format together (what `make demo` does)
#
# with BOOK = examples/zhaoxian-hrss-2024/book, and prints for each the best (min), mean ± standard
# deviation and worst wall time, the best minus the baseline (the cost of that renderer: every build also
# reads, derives and checks the book and writes findings.txt/.jsonl) and, with hyperfine, the mean CPU time
# (user + system: less disturbed than wall time when other jobs share the machine). The goal
# (bench/RESULTS.md) is under 1 s of wall time for everything, PDF included.
#
# Uses hyperfine when installed (--warmup 2, BENCH_BUILD_RUNS runs, default 10), otherwise the same
# number of runs timed with `date +%s%N`. Outputs go to a temporary directory, removed at the end.
# Environment: YUSUAN (binary, default ./yusuan), BENCH_BUILD_RUNS, BENCH_BOOK, BENCH_NO_HYPERFINE.
set -eu
cd "$(dirname "$0")/.."
YUSUAN=${YUSUAN:-./yusuan}
RUNS=${BENCH_BUILD_RUNS:-10}
BOOK=${BENCH_BOOK:-examples/zhaoxian-hrss-2024/book}
FORMATS="txt json csv html xlsx pdf datapackage"
[ -x "$YUSUAN" ] || { echo "bench-build: $YUSUAN not built (make first)" >&2; exit 2; }
case $YUSUAN in /*) ;; */*) YUSUAN=$(pwd)/$YUSUAN ;; esac

dir=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-bench-build.XXXXXX")
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$dir"' EXIT INT TERM

# One complete build must work before timing anything: status 0 or 1 (1 = error findings).
st=0; "$YUSUAN" build "$BOOK" -o "$dir/all" >/dev/null 2>"$dir/err" || st=$?
if [ "$st" -gt 1 ]; then
    cat "$dir/err" >&2
    echo "bench-build: yusuan build failed with status $st" >&2
    exit 2
fi
pages=?
if command -v pdfinfo >/dev/null 2>&1; then
    pages=$(pdfinfo "$dir/all/disclosure.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
fi
echo "bench-build: $BOOK → $(du -sk "$dir/all" | cut -f1) KB in $(find "$dir/all" -type f | wc -l) files, PDF $pages pages"
echo "bench-build: $($YUSUAN version 2>/dev/null || echo yusuan), $(nproc 2>/dev/null || echo '?') cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

# The commands, one per line: name<TAB>command (no shell metacharacters: hyperfine -N runs them directly).
: >"$dir/cmds"
printf 'check\t%s check %s\n' "$YUSUAN" "$BOOK" >>"$dir/cmds"
for f in $FORMATS; do
    printf '%s\t%s build %s -o %s/%s --format %s\n' "$f" "$YUSUAN" "$BOOK" "$dir" "$f" "$f" >>"$dir/cmds"
done
printf 'all\t%s build %s -o %s/all\n' "$YUSUAN" "$BOOK" "$dir" >>"$dir/cmds"

# $dir/times: name min mean stddev max (seconds), one line per command, in the order of cmds.
: >"$dir/times"
sh scripts/install-deps.sh bench >/dev/null 2>&1 || true
if command -v hyperfine >/dev/null 2>&1 && [ -z "${BENCH_NO_HYPERFINE:-}" ]; then
    how="hyperfine, --warmup 2, $RUNS runs each"
    set --
    while IFS="$(printf '\t')" read -r name cmd; do set -- "$@" -n "$name" "$cmd"; done <"$dir/cmds"
    hyperfine -N --style basic --warmup 2 --runs "$RUNS" --export-json "$dir/h.json" "$@" >"$dir/h.out" 2>&1 || {
        cat "$dir/h.out" >&2
        echo "bench-build: hyperfine failed" >&2
        exit 2
    }
    # hyperfine's JSON has one "mean", "stddev", "min", "max" per command, in order
    for k in mean stddev min max user system; do
        grep "\"$k\":" "$dir/h.json" | sed 's/.*: *//; s/,.*//' >"$dir/$k"
    done
    paste "$dir/user" "$dir/system" | awk '{ printf "%.6f\n", $1 + $2 }' >"$dir/cpu"
    cut -f1 "$dir/cmds" | paste - "$dir/min" "$dir/mean" "$dir/stddev" "$dir/max" "$dir/cpu" | tr '\t' ' ' >"$dir/times"
else
    how="date +%s%N, $RUNS runs each after one warm-up run"
    while IFS="$(printf '\t')" read -r name cmd; do
        $cmd >/dev/null 2>&1 || true   # warm-up (page cache, font cache)
        r=0; : >"$dir/ns"
        while [ "$r" -lt "$RUNS" ]; do
            t0=$(date +%s%N); $cmd >/dev/null 2>&1 || true; t1=$(date +%s%N)
            echo $((t1 - t0)) >>"$dir/ns"
            r=$((r + 1))
        done
        awk -v n="$name" '{ t = $1 / 1e9; s += t; q += t * t; if (NR == 1 || t < lo) lo = t; if (t > hi) hi = t }
            END { m = s / NR; v = q / NR - m * m; if (v < 0) v = 0; printf "%s %.6f %.6f %.6f %.6f -1\n", n, lo, m, sqrt(v), hi }' \
            "$dir/ns" >>"$dir/times"
    done <"$dir/cmds"
fi

awk -v how="$how" -v book="$BOOK" '
    { name[NR] = $1; lo[NR] = $2; mean[NR] = $3; sd[NR] = $4; hi[NR] = $5; cpu[NR] = $6 }
    END {
        printf "bench-build: (%s)\n", how
        printf "bench-build: %-32s %9s %19s %9s %12s %9s\n", "command", "best", "mean ± sd", "worst", "best − check", "cpu"
        for (i = 1; i <= NR; i++) {
            what = name[i] == "check" ? "check BOOK" : name[i] == "all" ? "build BOOK (all formats)" : "build BOOK --format " name[i]
            extra = name[i] == "check" ? "(baseline)" : sprintf("%+9.1f ms", (lo[i] - lo[1]) * 1e3)
            c = cpu[i] < 0 ? "n/a" : sprintf("%6.1f ms", cpu[i] * 1e3)
            printf "bench-build: %-32s %6.1f ms %7.1f ± %5.1f ms %6.1f ms %12s %9s\n", what, lo[i] * 1e3, mean[i] * 1e3, sd[i] * 1e3, hi[i] * 1e3, extra, c
        }
        printf "bench-build: goal: build of everything under 1 s: %s (best %.3f s, mean %.3f s)\n",
               lo[NR] < 1 ? "met" : "NOT met", lo[NR], mean[NR]
    }' "$dir/times"
