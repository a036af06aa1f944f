#!/bin/sh
# run.sh — the modules of the binary (src/cli/modules.c, docs/DEVELOPING.md "Modules"): the binary loads
# pangocairo, libxlsxwriter, libpq and libmicrohttpd only through its modules, finds the modules where
# the search order says, and a module that is missing, broken or incomplete gives a Chinese diagnostic and
# exit status 2 — never a crash. Run by `make check` (the target `modules`) with the binary of the build:
#
#   YUSUAN=build/yusuan sh tests/modules/run.sh
#
# Prints one line per failure and a closing line "modules: N passed, M failed"; exits non-zero on failure.
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$root" || exit 2
YUSUAN=${YUSUAN:-./yusuan}
case $YUSUAN in /*) ;; *) YUSUAN=$root/$YUSUAN ;; esac
[ -x "$YUSUAN" ] || { echo "modules: $YUSUAN is not an executable" >&2; exit 2; }
bindir=$(cd "$(dirname "$(readlink -f "$YUSUAN")")" && pwd)
moddir=$bindir/modules
LC_ALL=C
export LC_ALL
unset YUSUAN_MODULES
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-modules.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "modules: FAIL: $*" >&2; fail=$((fail + 1)); }

# 1. the binary does not load the heavy libraries; each module loads its own
if command -v readelf >/dev/null 2>&1; then
    needed=$(readelf -d "$YUSUAN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    heavy=$(echo "$needed" | grep -E '^lib(pango|cairo|gobject|glib|xlsxwriter|pq|microhttpd|gnutls|ssl|crypto)' || true)
    [ -z "$heavy" ] && ok || bad "the binary links $(echo $heavy)"
    for m in pdf:libpangocairo xlsx:libxlsxwriter pg:libpq serve:libmicrohttpd; do
        so=$moddir/yusuan-${m%%:*}.so
        if [ ! -f "$so" ]; then bad "$so missing"; continue; fi
        readelf -d "$so" | grep -q "NEEDED.*\[${m#*:}" && ok || bad "$so does not link ${m#*:}"
    done
else
    echo "modules: readelf missing, linkage not checked" >&2
fi

# run NAME STATUS STDERR-PATTERN ARGS...: the binary (environment as set) exits with STATUS and its
# standard error has a line matching STDERR-PATTERN (grep -E; empty = anything)
run() {
    name=$1 want=$2 pat=$3
    shift 3
    # a bound limit: a serve that starts after all must not hang the test
    if command -v timeout >/dev/null 2>&1; then timeout 30 "$@" >"$tmp/out" 2>"$tmp/err"; else "$@" >"$tmp/out" 2>"$tmp/err"; fi
    st=$?
    if [ "$st" != "$want" ]; then
        bad "$name: exit status $st, expected $want"; sed 's/^/    /' "$tmp/err" >&2; return
    fi
    if [ -n "$pat" ] && ! grep -Eq "$pat" "$tmp/err"; then
        bad "$name: no line matching '$pat' in stderr:"; sed 's/^/    /' "$tmp/err" >&2; return
    fi
    ok
}

# 2. the modules beside the build's binary work
book=examples/zhaoxian-hrss-2024/book
run "template (build tree)" 0 "" "$YUSUAN" template "$tmp/t.xlsx"
[ -s "$tmp/t.xlsx" ] && ok || bad "template wrote no workbook"
run "build pdf+xlsx (build tree)" 0 "" "$YUSUAN" build "$book" -o "$tmp/b" --format pdf,xlsx
[ -s "$tmp/b/disclosure.pdf" ] && [ -s "$tmp/b/disclosure.xlsx" ] && ok || bad "build wrote no PDF/XLSX"

# 3. a broken module in $YUSUAN_MODULES is reported (and not silently replaced by another one)
mkdir -p "$tmp/broken"
for m in pdf xlsx pg serve; do : >"$tmp/broken/yusuan-$m.so"; done
YUSUAN_MODULES=$tmp/broken
export YUSUAN_MODULES
run "broken pdf" 2 "^yusuan: 错误: 无法载入 PDF 模块：.*yusuan-pdf\.so" \
    "$YUSUAN" build "$book" -o "$tmp/b2" --format pdf
[ ! -e "$tmp/b2/disclosure.pdf" ] && ok || bad "broken pdf: a PDF was written"
run "broken xlsx (build)" 2 "^yusuan: 错误: 无法载入 XLSX 模块：" "$YUSUAN" build "$book" -o "$tmp/b3" --format xlsx
run "broken xlsx (template)" 2 "^yusuan: 错误: 无法载入 XLSX 模块：" "$YUSUAN" template "$tmp/t2.xlsx"
run "broken pg" 2 "^yusuan: 错误: 无法载入 PostgreSQL 模块：" "$YUSUAN" ls --db postgresql://nobody@127.0.0.1:1/none
"$YUSUAN" import --db "$tmp/s.db" examples/zhaoxian-hrss-2024/published.txt >/dev/null 2>&1
run "broken serve" 2 "^yusuan: 错误: 无法载入服务器模块：" "$YUSUAN" serve --db "$tmp/s.db" --port 0
# a loadable module without the function asked for
mkdir -p "$tmp/wrong"
cp "$moddir/yusuan-pg.so" "$tmp/wrong/yusuan-pdf.so"
YUSUAN_MODULES=$tmp/wrong
run "pdf module without ys_render_pdf" 2 "^yusuan: 错误: 模块 yusuan-pdf\.so 缺少函数 ys_render_pdf" \
    "$YUSUAN" build "$book" -o "$tmp/b4" --format pdf
# $YUSUAN_MODULES is searched first: a copy of the real modules elsewhere works
mkdir -p "$tmp/copy"
cp "$moddir"/yusuan-*.so "$tmp/copy/"
YUSUAN_MODULES=$tmp/copy
run "template (\$YUSUAN_MODULES)" 0 "" "$YUSUAN" template "$tmp/t3.xlsx"
unset YUSUAN_MODULES

# 4. a binary alone: ../lib/yusuan beside it (a relocated install), else a clear diagnostic
mkdir -p "$tmp/tree/bin" "$tmp/tree/lib/yusuan"
cp "$YUSUAN" "$tmp/tree/bin/yusuan"
YUSUAN_DATA=$root/data
export YUSUAN_DATA
if [ -e "$(strings "$YUSUAN" | sed -n 's:^\(/.*/lib/yusuan\)$:\1:p' | head -n 1)/yusuan-xlsx.so" ]; then
    echo "modules: an installed yusuan-xlsx.so exists, the missing-module case is not checked" >&2
else
    run "missing module" 2 "^yusuan: 错误: 无法载入 XLSX 模块：找不到 yusuan-xlsx\.so" \
        "$tmp/tree/bin/yusuan" template "$tmp/t4.xlsx"
fi
cp "$moddir"/yusuan-*.so "$tmp/tree/lib/yusuan/"
run "template (../lib/yusuan)" 0 "" "$tmp/tree/bin/yusuan" template "$tmp/t5.xlsx"

echo "modules: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
