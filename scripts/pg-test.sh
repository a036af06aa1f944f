#!/bin/sh
# pg-test.sh — the warehouse tests against a real PostgreSQL (docs/STORE.md "PostgreSQL"): start a
# throw-away cluster on 127.0.0.1 on a free port with pg_virtualenv (Debian postgresql-common; as root or
# as any user), run tests/store/run.sh inside it with YUSUAN_PG_URL pointing at it, and tear it down.
#
#   sh scripts/pg-test.sh                 build into build-pg/ (PKGS of the Makefile plus libpq)
#   BUILD=build-me sh scripts/pg-test.sh  another build directory (PKGS="…" overrides the package list)
#
# Exit status: that of the tests; 77 (skipped) when pg_virtualenv or libpq is not installed and
# PG_TEST_REQUIRED is not set (CI sets it, so a missing server fails there).
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2
BUILD=${BUILD:-build-pg}
missing=""
command -v pg_virtualenv >/dev/null 2>&1 || missing="pg_virtualenv (apt-get install postgresql postgresql-common)"
pkg-config --exists libpq 2>/dev/null || [ -f /usr/include/postgresql/libpq-fe.h ] || missing="$missing libpq (apt-get install libpq-dev)"
if [ -n "$missing" ]; then
    echo "pg-test: missing $missing" >&2
    [ -n "$PG_TEST_REQUIRED" ] && exit 2
    exit 77
fi
pkgs=${PKGS:-$(sed -n "s/^PKGS *= *//p" Makefile)}
case " $pkgs " in *" libpq "*) ;; *) pkgs="$pkgs libpq" ;; esac
make -s BUILD="$BUILD" PKGS="$pkgs" "$BUILD/yusuan" "$BUILD/tests/test_store_pg" "$BUILD/tests/test_batch" || exit 2
# the cluster listens on localhost only (the PostgreSQL default, loopback); the password pg_virtualenv sets stays in PGPASSWORD, not in the URL
exec pg_virtualenv sh -c '
    YUSUAN_PG_URL="postgresql://$PGUSER@127.0.0.1:$PGPORT/${PGDATABASE:-postgres}"
    export YUSUAN_PG_URL
    BUILD='"$BUILD"' sh tests/store/run.sh'
