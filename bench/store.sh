#!/bin/sh
# store.sh — issue 5 item 6: the warehouse at scale. Generates BENCH_DOCS (default 1000) published-text
# documents varied from examples/zhaoxian-hrss-2024/published.txt — 100 departments × 10 years (name,
# department code and year replaced; in every document one amount of the 三公 table scaled by a
# deterministic generator (awk, seeded by the document number), so contents and hashes all differ) —
# audits them into a fresh SQLite store with `yusuan audit --db … --jobs 2`, then builds the portal with
# `yusuan publish`, reporting wall time and peak memory (GNU time -v). Results go to bench/RESULTS.md by hand.
#
#   sh bench/store.sh [YUSUAN]        default ./yusuan; BENCH_DIR (default build/bench-store), BENCH_DOCS
set -eu
cd "$(dirname "$0")/.."
Y=${1:-./yusuan}
D=${BENCH_DIR:-build/bench-store}
N=${BENCH_DOCS:-1000}
T=/usr/bin/time
[ -x "$T" ] || { echo "store.sh: GNU time (/usr/bin/time, Debian package time) is needed" >&2; exit 2; }
rm -rf "$D"
mkdir -p "$D/docs"
awk -v n="$N" -v dir="$D/docs" '
    { line[NR] = $0 }
    END {
        for (k = 0; k < n; k++) {
            dept = int(k / 10); year = 2015 + k % 10; seed = k * 7919 + 17
            name = sprintf("赵县第%03d局", dept); code = sprintf("%d", 400 + dept)
            f = sprintf("%s/d%04d.txt", dir, k)
            for (i = 1; i <= NR; i++) {
                s = line[i]
                gsub(/赵县人力资源和社会保障局/, name, s)
                gsub(/2024/, year, s)
                if (s ~ /^323 /) sub(/^323 /, code " ", s)
                if (s ~ /^8\t公务用车 运行维护费\t11\.10/) {
                    seed = (seed * 1103515245 + 12345) % 2147483648
                    v = sprintf("%.2f", 5 + (seed % 1000) / 100)
                    s = "8\t公务用车 运行维护费\t" v "\t" v "\t\t"
                }
                print s > f
            }
            close(f)
        }
    }' examples/zhaoxian-hrss-2024/published.txt
echo "generated $N documents in $D/docs ($(du -sh "$D/docs" | cut -f1))"
run() {   # label command...: wall time and peak RSS from GNU time
    label=$1; shift
    "$T" -v "$@" >"$D/$label.out" 2>"$D/$label.time" || true
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$D/$label.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$D/$label.time")
    echo "$label: wall $wall, peak RSS ${rss} kB"
}
run audit "$Y" audit --db "$D/store.db" --jobs 2 "$D/docs"
tail -n 3 "$D/audit.out"
run publish "$Y" publish --db "$D/store.db" -o "$D/site"
echo "portal: $(ls "$D/site" | wc -l) files, $(du -sh "$D/site" | cut -f1)"
