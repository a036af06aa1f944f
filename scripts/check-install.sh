#!/bin/sh
# check-install.sh — `make installcheck`: stage `make install` into a temporary DESTDIR and check that
# the installed tree works on its own: bin/yusuan runs from another directory with no $YUSUAN_DATA, and
# the data search of core/datadir.c, run from the installed bin/ directory, finds share/yusuan, and the
# installed binary loads its modules from lib/yusuan beside it (src/cli/modules.c: the staged tree is not
# at PREFIX, so only the relocatable ../lib/yusuan search can find them) to build the example book to PDF
# and XLSX, byte-identical to the build tree's binary.
# Environment (from the Makefile): BUILD, CC, CFLAGS, LDFLAGS, LDLIBS, MAKE.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
stage=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM
prefix=$(sed -n 1p "$BUILD/.prefix" 2>/dev/null || echo /usr/local)
root=$(pwd)
sample="$root/examples/zhaoxian-hrss-2024/published.txt"

$MAKE --no-print-directory BUILD="$BUILD" PREFIX="$prefix" DESTDIR="$stage" install
bin="$stage$prefix/bin"
share="$stage$prefix/share/yusuan"
libdir="$stage$prefix/lib/yusuan"
[ -x "$bin/yusuan" ] || { echo "installcheck: $bin/yusuan missing" >&2; exit 1; }
[ -f "$share/catalog/function-codes.tsv" ] || { echo "installcheck: data not installed in $share" >&2; exit 1; }
for m in pdf xlsx pg serve; do
    [ -f "$libdir/yusuan-$m.so" ] || { echo "installcheck: module $libdir/yusuan-$m.so missing" >&2; exit 1; }
done

# The probe links the same library and sits beside the installed binary, so it searches like it does.
# shellcheck disable=SC2086
${CC:-cc} $CFLAGS -o "$bin/yusuan-datadir-probe" scripts/datadir-probe.c "$BUILD/libyusuan.a" ${LDFLAGS:-} $LDLIBS
found=$(cd / && env -u YUSUAN_DATA "$bin/yusuan-datadir-probe") || { echo "installcheck: data not found" >&2; exit 1; }
case "$found" in
"$bin/../share/yusuan/"*) ;;
*) echo "installcheck: data found at $found, not in the installed tree $share" >&2; exit 1 ;;
esac
rm -f "$bin/yusuan-datadir-probe"

# The installed binary audits the sample from elsewhere exactly like the build tree's binary.
st=0; (cd / && env -u YUSUAN_DATA "$bin/yusuan" audit --format json "$sample") >"$stage/installed.out" 2>"$stage/installed.err" || st=$?
[ "$st" -le 1 ] || { cat "$stage/installed.err" >&2; echo "installcheck: installed yusuan exited $st" >&2; exit 1; }
"$BUILD/yusuan" audit --format json "$sample" >"$stage/build.out" 2>/dev/null || true
if ! cmp -s "$stage/installed.out" "$stage/build.out"; then
    diff "$stage/build.out" "$stage/installed.out" | head -20 >&2
    echo "installcheck: installed yusuan does not give the build tree's findings" >&2
    exit 1
fi

# The installed binary loads its PDF and XLSX modules from the installed tree.
book="$root/examples/zhaoxian-hrss-2024/book"
(cd / && env -u YUSUAN_DATA -u YUSUAN_MODULES "$bin/yusuan" build "$book" -o "$stage/out-installed" --format pdf,xlsx) \
    >"$stage/build-installed.log" 2>&1 || { cat "$stage/build-installed.log" >&2; echo "installcheck: installed yusuan could not build PDF/XLSX" >&2; exit 1; }
env -u YUSUAN_MODULES "$BUILD/yusuan" build "$book" -o "$stage/out-build" --format pdf,xlsx >/dev/null 2>&1 || true
for f in disclosure.pdf disclosure.xlsx; do
    cmp -s "$stage/out-installed/$f" "$stage/out-build/$f" ||
        { echo "installcheck: installed yusuan writes another $f than the build tree's" >&2; exit 1; }
done

$MAKE --no-print-directory BUILD="$BUILD" PREFIX="$prefix" DESTDIR="$stage" uninstall
[ ! -e "$bin/yusuan" ] && [ ! -e "$share" ] && [ ! -e "$libdir" ] || { echo "installcheck: uninstall left files" >&2; exit 1; }
echo "installcheck: ok (staged $prefix, data found at \$PREFIX/bin/../share/yusuan, modules at \$PREFIX/bin/../lib/yusuan)"
