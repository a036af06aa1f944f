#!/bin/sh
# db.sh YUSUAN NAME [FILE...] — for the store-* golden cases: a fresh database build/golden-store/NAME.db
# (removed first, with its WAL files) with FILE... imported by YUSUAN, quietly; prints the database path.
# A case's cmd calls it inside "$(…)" so that `ls`, `show` and `sql` run on a known database:
#   ls --db "$(sh tests/golden/cases/store-import/db.sh "$YUSUAN" ls examples/…/published.txt)"
yusuan=$1
name=$2
shift 2
mkdir -p build/golden-store || exit 2
db=build/golden-store/$name.db
rm -f "$db" "$db-wal" "$db-shm"
if [ $# -gt 0 ]; then "$yusuan" import --db "$db" "$@" >/dev/null 2>&1; fi
echo "$db"
