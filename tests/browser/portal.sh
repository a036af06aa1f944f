#!/bin/sh
# portal.sh — the headless-Chromium test of the static portal (`yusuan publish`, docs/PORTAL.md).
#
# Imports the sample (examples/zhaoxian-hrss-2024/published.txt, 2024), its modified copy for 2023
# (tests/golden/inputs/diff/published-2023.txt), the example budget book and the book of a department named
# <script>alert(1)</script> into a fresh database, publishes the portal, and checks the DOM Chromium builds:
#   - index.html loads and lists every document; no external resource; the hostile name is text, not markup;
#   - index.html?q=赵县 — the page's inline script applies the query on load: the 赵县 rows stay, the other
#     department's row is hidden (the search box finds a department);
#   - a document page shows its tables (t-expense …) with the findings marked;
#   - the department page shows the year-over-year comparison.
# Skips cleanly (exit 0 with a message) when chromium is absent; exits 1 when a page is wrong.
# Environment: BUILD (default build; uses $BUILD/yusuan), CHROMIUM. Run from the repository root:
#   BUILD=build sh tests/browser/portal.sh
set -u
BUILD=${BUILD:-build}
YUSUAN=${YUSUAN:-$BUILD/yusuan}

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
    for c in chromium chromium-browser google-chrome; do
        if command -v "$c" >/dev/null 2>&1; then CHROMIUM=$(command -v "$c"); break; fi
    done
fi
if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
    echo "portal: chromium not found, portal test skipped (apt-get install chromium)"
    exit 0
fi
[ -x "$YUSUAN" ] || { echo "portal: $YUSUAN missing (run make BUILD=$BUILD first)" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-portal.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
fail() {
    echo "portal: FAIL: $*" >&2
    exit 1
}

"$YUSUAN" import --db "$TMP/p.db" examples/zhaoxian-hrss-2024/published.txt tests/golden/inputs/diff/published-2023.txt \
    examples/zhaoxian-hrss-2024/book tests/golden/cases/store-script/book >"$TMP/import.log" 2>&1
"$YUSUAN" publish --db "$TMP/p.db" -o "$TMP/site" >"$TMP/publish.log" 2>&1 || { cat "$TMP/publish.log" >&2; fail "publish failed"; }
SITE=$(cd "$TMP/site" && pwd)

dom() {   # dom URL OUT
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
        --user-data-dir="$TMP/profile" --dump-dom "$1" >"$2" 2>"$TMP/chromium.log" \
        || { cat "$TMP/chromium.log" >&2; fail "chromium --dump-dom $1 failed"; }
    [ -s "$2" ] || fail "empty DOM for $1"
}

# ---- the index ----------------------------------------------------------------------------------------------
dom "file://$SITE/index.html" "$TMP/index.dom"
n=$(grep -o '<tr data-s=' "$TMP/index.dom" | wc -l)
[ "$n" -eq 4 ] || fail "index: expected 4 documents, found $n"
grep -q '>赵县人力资源和社会保障局</a>' "$TMP/index.dom" || fail "index: 赵县 department missing"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$TMP/index.dom" || fail "index: the <script> department is not shown as text"
if grep -q '<script>alert' "$TMP/index.dom"; then fail "index: a script from the data"; fi
if grep -Eq '(src|href)="(https?:)?//' "$TMP/index.dom"; then fail "index: external resource referenced"; fi
if grep -q '<tr data-s="[^"]*" hidden' "$TMP/index.dom"; then fail "index: rows hidden without a query"; fi

# ---- the search box: ?q=赵县 applied on load ------------------------------------------------------------------
dom "file://$SITE/index.html?q=%E8%B5%B5%E5%8E%BF" "$TMP/search.dom"
shown=$(grep -o '<tr data-s="赵县[^"]*">' "$TMP/search.dom" | wc -l)
hidden=$(grep -o '<tr data-s="测试县[^"]*" hidden' "$TMP/search.dom" | wc -l)
[ "$shown" -eq 3 ] || fail "search ?q=赵县: expected 3 visible 赵县 rows, found $shown"
[ "$hidden" -eq 1 ] || fail "search ?q=赵县: the other department is not hidden"
grep -q 'id="shown">3<' "$TMP/search.dom" || fail "search ?q=赵县: count not updated"

# ---- a document page ------------------------------------------------------------------------------------------
dom "file://$SITE/doc-1.html" "$TMP/doc.dom"
for id in summary income expense gpb_expense gpb_basic three_public; do
    grep -q "<section class=\"tbl\" id=\"t-$id\"" "$TMP/doc.dom" || fail "doc-1: table t-$id missing"
done
n=$(grep -o '<table data-rows=' "$TMP/doc.dom" | wc -l)
[ "$n" -ge 10 ] || fail "doc-1: expected the disclosure tables, found $n"
grep -q 'class="f-error" title="\[R' "$TMP/doc.dom" || fail "doc-1: no finding marked on a cell"
grep -q '34063.09' "$TMP/doc.dom" || fail "doc-1: amounts missing"
dom "file://$SITE/doc-4.html" "$TMP/doc4.dom"
if grep -q '<script>alert' "$TMP/doc4.dom"; then fail "doc-4: a script from the data"; fi

# ---- the department page: years compared ---------------------------------------------------------------------
dom "file://$SITE/dept-1.html" "$TMP/dept.dom"
grep -q 'id="yoy-2024"' "$TMP/dept.dom" || fail "dept-1: no 2024/2023 comparison"
grep -q '更名（上年：行政事业单位离退休）' "$TMP/dept.dom" || fail "dept-1: renamed code not matched"

echo "portal: ok (index 4 documents, search ?q=赵县 filters, doc-1 tables with findings, dept-1 comparison)"
