#!/bin/sh
# db.sh NAME [YUSUAN DIR...] — for the batch-* golden cases: a fresh database build/golden-batch/NAME.db
# (removed first, with its WAL files); with YUSUAN and inputs, a first batch is run into it quietly.
# Prints the database path.
name=$1
shift
mkdir -p build/golden-batch || exit 2
db=build/golden-batch/$name.db
rm -f "$db" "$db-wal" "$db-shm"
if [ $# -gt 1 ]; then
    yusuan=$1
    shift
    "$yusuan" audit --db "$db" "$@" >/dev/null 2>&1
fi
echo "$db"
