#!/bin/sh
# install-deps.sh — install the Debian packages yusuan needs, when they are missing.
#
#   sh scripts/install-deps.sh            build + tests (what `make`, `make check`, `make demo` need)
#   sh scripts/install-deps.sh fuzz       + clang and its libFuzzer runtime (`make fuzz`)
#   sh scripts/install-deps.sh bench      + hyperfine (`make bench`; optional, bench/run.sh falls back)
#   sh scripts/install-deps.sh profile    + valgrind (callgrind profiles, docs/DEVELOPING.md)
#   sh scripts/install-deps.sh all        everything above
#
# Non-interactive and idempotent: a quick no-op (one dpkg-query, no output) when everything is there;
# otherwise one `apt-get update`, then one `apt-get install` of exactly what is missing. Needs root or
# sudo only when something is missing. On a system without dpkg it says so and leaves the build to try.
set -eu

# Every package is listed with what uses it.
BUILD_PKGS="build-essential pkg-config libutf8proc-dev libjansson-dev libcmocka-dev libexpat1-dev libzip-dev
libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils poppler-data chromium
libfreexl-dev libsqlite3-dev libgumbo-dev
libmicrohttpd-dev libpq-dev"
#   build-essential  gcc, make, libc6-dev (iconv is in glibc), libasan/libubsan for `make asan`
#   pkg-config       compiler flags of the libraries below
#   libutf8proc-dev  NFKC normalisation (src/core/text.c)
#   libjansson-dev   JSON output
#   libcmocka-dev    unit tests (tests/unit)
#   libexpat1-dev, libzip-dev   the XLSX reader (OOXML is zipped XML)
#   libxlsxwriter-dev            XLSX output (render/workbook.c) and the empty budget book (template)
#   libcairo2-dev, libpango1.0-dev, fonts-noto-cjk   PDF output (render/pdf.c) with the Noto CJK SC fonts
#   poppler-utils, poppler-data  `pdftotext -tsv`: the PDF reader (a subprocess, not linked) and PDF tests
#   chromium                     the HTML page test (tests/browser/run.sh, headless)
#   libfreexl-dev                legacy .xls workbooks (read/sheet.c)
#   libsqlite3-dev               the warehouse (src/store/, SQLite back end)
#   libgumbo-dev                 saved web pages (read/html.c)
#   libmicrohttpd-dev            `yusuan serve`: the portal served live on loopback
#   libpq-dev                    the warehouse PostgreSQL back end (src/store/store_pg.c)
FUZZ_PKGS="clang libclang-rt-dev"
#   clang            -fsanitize=fuzzer; libclang-rt-dev holds libFuzzer (only a Recommends of clang)
PG_PKGS="postgresql postgresql-common"
#   postgresql       a throw-away server for the warehouse tests against PostgreSQL (scripts/pg-test.sh, CI)
BENCH_PKGS="hyperfine"
PROFILE_PKGS="valgrind"

want="$BUILD_PKGS"
for group in "$@"; do
    case "$group" in
    build) ;;
    fuzz) want="$want $FUZZ_PKGS" ;;
    pg) want="$want $PG_PKGS" ;;
    bench) want="$want $BENCH_PKGS" ;;
    profile) want="$want $PROFILE_PKGS" ;;
    all) want="$want $FUZZ_PKGS $PG_PKGS $BENCH_PKGS $PROFILE_PKGS" ;;
    *) echo "install-deps: unknown group '$group' (build fuzz pg bench profile all)" >&2; exit 2 ;;
    esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: no dpkg here; install the equivalents of: $want" >&2
    exit 0
fi

# One dpkg-query for all packages; a package is missing unless its status is "install ok installed".
# shellcheck disable=SC2086
installed=$(dpkg-query -W -f='${Package} ${Status}\n' $want 2>/dev/null | awk '$NF == "installed" {print $1}' | sed 's/:.*//') || true
missing=""
for p in $want; do
    echo "$installed" | grep -qx "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "install-deps: not root and no sudo; run as root: apt-get install -y$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
