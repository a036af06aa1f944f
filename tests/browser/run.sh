#!/bin/sh
# run.sh — the headless-Chromium page test of the HTML renderer (render/html.c).
#
# Renders the sample (examples/zhaoxian-hrss-2024/published.txt) to one HTML page through the small
# driver tests/browser/render_html.c (compiled here against $BUILD/libyusuan.a), opens it in headless
# Chromium, and checks the DOM Chromium built: every table (ids t-summary … t-organisation) with rows,
# the inline SVG charts (function classes, 基本/项目, 人员/公用, year over year), the Chinese text, no
# external resource, and no script from the data. The screenshot is kept as a test artefact in
# $BUILD/artifacts/sample.png (look at it: the Chinese must render with real glyphs, not boxes).
#
# Skips cleanly (exit 0 with a message) when chromium is absent; exits 1 when the page is wrong.
# Environment: BUILD (default build), CC, CHROMIUM (default: chromium or chromium-browser on PATH),
# PKGS (pkg-config packages for linking; default those of the Makefile).
# Run from the repository root:  BUILD=build sh tests/browser/run.sh
set -u
BUILD=${BUILD:-build}
CC=${CC:-cc}
PKGS=${PKGS:-"libutf8proc jansson libzip expat"}
SAMPLE=examples/zhaoxian-hrss-2024/published.txt

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
    for c in chromium chromium-browser google-chrome; do
        if command -v "$c" >/dev/null 2>&1; then CHROMIUM=$(command -v "$c"); break; fi
    done
fi
if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
    echo "browser: chromium not found, page test skipped (apt-get install chromium)"
    exit 0
fi
if [ ! -f "$BUILD/libyusuan.a" ]; then
    echo "browser: $BUILD/libyusuan.a missing (run make BUILD=$BUILD first)" >&2
    exit 1
fi

ART="$BUILD/artifacts"
mkdir -p "$ART" || exit 1
TMP=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-browser.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM

fail() {
    echo "browser: FAIL: $*" >&2
    exit 1
}

# ---- the page ----------------------------------------------------------------------------------------------
LIBS=$(pkg-config --libs $PKGS 2>/dev/null) || LIBS="-lutf8proc -ljansson -lzip -lexpat"
CFLAGS_PKG=$(pkg-config --cflags $PKGS 2>/dev/null) || CFLAGS_PKG=""
# shellcheck disable=SC2086
$CC -std=c11 -Isrc -D_POSIX_C_SOURCE=200809L $CFLAGS_PKG ${SAN:-} -o "$TMP/render_html" tests/browser/render_html.c \
    "$BUILD/libyusuan.a" $LIBS ${SAN:-} || fail "cannot build the driver"
YUSUAN_DATA=${YUSUAN_DATA:-data} "$TMP/render_html" --yoy "$SAMPLE" "$ART/sample.html" || fail "cannot render $SAMPLE"

# ---- Chromium: the DOM and a screenshot -------------------------------------------------------------------------
URL="file://$(cd "$(dirname "$ART/sample.html")" && pwd)/sample.html"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
    --user-data-dir="$TMP/profile-dom" --dump-dom "$URL" >"$TMP/dom.html" 2>"$TMP/dom.log" \
    || { cat "$TMP/dom.log" >&2; fail "chromium --dump-dom failed"; }
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage --hide-scrollbars \
    --user-data-dir="$TMP/profile-shot" --window-size=1400,2000 --screenshot="$ART/sample.png" "$URL" \
    >"$TMP/shot.log" 2>&1 || { cat "$TMP/shot.log" >&2; fail "chromium --screenshot failed"; }
[ -s "$ART/sample.png" ] || fail "no screenshot"
cp "$TMP/dom.html" "$ART/sample.dom.html"

# ---- checks on the DOM Chromium built ------------------------------------------------------------------------------
DOM="$TMP/dom.html"
[ -s "$DOM" ] || fail "empty DOM"
grep -q '<html lang="zh-CN"' "$DOM" || fail 'no <html lang="zh-CN">'
for id in summary income expense fiscal_summary gpb_expense gpb_basic gov_fund soe_capital three_public \
          procurement assets organisation; do
    grep -q "<section class=\"tbl\" id=\"t-$id\"" "$DOM" || fail "table t-$id missing"
done
n=$(grep -o '<table data-rows=' "$DOM" | wc -l)
[ "$n" -eq 12 ] || fail "expected 12 disclosure tables, found $n"
for c in c-function c-basic-project c-personnel-public c-yoy; do
    grep -q "<title id=\"$c-title\">" "$DOM" || fail "chart $c missing"
done
n=$(grep -o '<svg ' "$DOM" | wc -l)
[ "$n" -ge 4 ] || fail "expected 4 SVG charts, found $n"
n=$(grep -o '<section class="proj"' "$DOM" | wc -l)
[ "$n" -eq 40 ] || fail "expected 40 project tables, found $n"
grep -q '赵县人力资源和社会保障局' "$DOM" || fail "department name missing"
grep -q '社会保障和就业支出' "$DOM" || fail "Chinese row names missing"
grep -q '34063.09' "$DOM" || fail "amounts missing"
if grep -Eq '(src|href)="(https?:)?//' "$DOM"; then fail "external resource referenced"; fi
if grep -q '<script' "$DOM"; then fail "a <script> element in the page"; fi

# The screenshot shows glyphs, not blank: a PNG of that size with real content is far above 20 kB.
size=$(wc -c <"$ART/sample.png")
[ "$size" -gt 20000 ] || fail "screenshot suspiciously small ($size bytes)"
echo "browser: ok (12 tables, 4 charts, 40 projects; screenshot $ART/sample.png)"
