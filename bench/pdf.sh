#!/bin/sh
# pdf.sh — the PDF reader's speed (issue 4 item 9): `yusuan audit` of a PDF against `pdftotext -tsv`
# alone on the same file, in the same run. yusuan runs pdftotext -tsv itself (read/pdf.c), so the
# difference of the two times is what yusuan adds: grid reconstruction, the text stages and every rule.
# Goal: that difference stays under half of pdftotext's own time (ratio audit / pdftotext < 1.5).
#
# Files: the real 上海市 budget tests/unit/data/pdf/sh-wanli-2023-budget.pdf and the PDF that `yusuan
# build` renders from the example book (examples/zhaoxian-hrss-2024/book), or BENCH_PDFS (space-separated
# paths). Uses hyperfine when installed (min of BENCH_RUNS runs, default 10), otherwise the best of
# BENCH_RUNS runs timed with `date +%s%N`. Prints both times, the difference and the ratio per file.
#
# Environment: YUSUAN (binary, default ./yusuan), BENCH_PDFS, BENCH_RUNS.
set -eu
cd "$(dirname "$0")/.."
YUSUAN=${YUSUAN:-./yusuan}
RUNS=${BENCH_RUNS:-10}
[ -x "$YUSUAN" ] || { echo "bench-pdf: $YUSUAN not built (make first)" >&2; exit 2; }
command -v pdftotext >/dev/null 2>&1 || { echo "bench-pdf: pdftotext not installed (poppler-utils)" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-bench-pdf.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
if [ -n "${BENCH_PDFS:-}" ]; then
    pdfs=$BENCH_PDFS
else
    pdfs=tests/unit/data/pdf/sh-wanli-2023-budget.pdf
    st=0; "$YUSUAN" build examples/zhaoxian-hrss-2024/book -o "$dir/book" --format pdf >/dev/null 2>"$dir/err" || st=$?
    rendered=$(find "$dir/book" -name '*.pdf' 2>/dev/null | head -n 1)
    if [ "$st" -le 1 ] && [ -n "$rendered" ]; then pdfs="$pdfs $rendered"
    else echo "bench-pdf: yusuan build of the example book gave no PDF (status $st), skipped" >&2; fi
fi
echo "bench-pdf: $($YUSUAN version 2>/dev/null || echo yusuan), $(pdftotext -v 2>&1 | head -n 1), $(nproc 2>/dev/null || echo '?') cores, $(uname -m)"

ns_now() { date +%s%N; }
best_s() {   # best wall time in s of RUNS runs of a shell command
    best=
    r=0
    while [ "$r" -lt "$RUNS" ]; do
        t0=$(ns_now); sh -c "$1"; t1=$(ns_now)
        t=$((t1 - t0))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
        r=$((r + 1))
    done
    echo "$best" | awk '{printf "%.6f", $1 / 1e9}'
}

for f in $pdfs; do
    [ -f "$f" ] || { echo "bench-pdf: $f: no such file" >&2; exit 2; }
    # the audit must work before anything is timed: status 0 or 1 (1 = error findings)
    st=0; "$YUSUAN" audit --format json "$f" >/dev/null 2>&1 || st=$?
    [ "$st" -le 1 ] || { echo "bench-pdf: yusuan audit $f failed with status $st" >&2; exit 2; }
    pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    audit_cmd="$YUSUAN audit --format json '$f' >/dev/null 2>&1 || true"
    pdf_cmd="pdftotext -tsv '$f' - >/dev/null"
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$dir/h.json" \
            "$YUSUAN audit --format json $f" "pdftotext -tsv $f -" -i >/dev/null 2>&1 ||
            hyperfine --warmup 2 --runs "$RUNS" --export-json "$dir/h.json" -i "$audit_cmd" "$pdf_cmd" >/dev/null 2>&1
        times=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(min(r[0]["times"]), min(r[1]["times"]))' "$dir/h.json" 2>/dev/null ||
                grep -o '"min": *[0-9.e-]*' "$dir/h.json" | sed 's/.*: *//' | tr '\n' ' ')
        a_s=$(echo "$times" | awk '{printf "%.6f", $1}')
        p_s=$(echo "$times" | awk '{printf "%.6f", $2}')
        how="hyperfine, min of $RUNS runs"
    else
        sh -c "$pdf_cmd"; sh -c "$audit_cmd"   # warm the page cache
        a_s=$(best_s "$audit_cmd")
        p_s=$(best_s "$pdf_cmd")
        how="date +%s%N, best of $RUNS runs"
    fi
    awk -v a="$a_s" -v p="$p_s" -v f="$f" -v n="${pages:-?}" -v how="$how" 'BEGIN {
        if (p <= 0) p = 1e-6
        printf "bench-pdf: %s (%s pages; %s)\n", f, n, how
        printf "bench-pdf:   yusuan audit --format json  %8.1f ms\n", a * 1e3
        printf "bench-pdf:   pdftotext -tsv alone        %8.1f ms\n", p * 1e3
        printf "bench-pdf:   yusuan adds                 %8.1f ms = %.2f of pdftotext (goal: under 0.5)\n", (a - p) * 1e3, (a - p) / p
        printf "bench-pdf:   ratio audit / pdftotext     %8.2f×\n", a / p
    }'
done
