#!/bin/sh
# tests/store/run.sh — the warehouse against the PostgreSQL server of $YUSUAN_PG_URL (started by
# scripts/pg-test.sh): the unit scenarios (test_store_pg: the same as test_store on SQLite, plus a
# two-worker batch), then the CLI end to end: import, skip on rerun, ls, show, sql refusing writes,
# and a batch audit with --jobs 2 over a directory. Run from the repository root with BUILD set.
BUILD=${BUILD:-build}
Y=$BUILD/yusuan
if [ -z "$YUSUAN_PG_URL" ]; then
    echo "store: YUSUAN_PG_URL is not set (use scripts/pg-test.sh)" >&2
    exit 2
fi
fail=0
check() { # check NAME STATUS_WANTED COMMAND... : run, compare the exit status
    name=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "--- store $name: exit $got, wanted $want"
        cat "$tmp/out" "$tmp/err" | head -n 20
        fail=$((fail + 1))
    fi
}
has() { # has NAME TEXT : the last output contains TEXT
    if ! grep -qF -- "$2" "$tmp/out" "$tmp/err"; then
        echo "--- store $1: output lacks '$2'"
        cat "$tmp/out" "$tmp/err" | head -n 20
        fail=$((fail + 1))
    fi
}
PGOPTIONS="-c client_min_messages=warning"
export PGOPTIONS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-store.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

"$BUILD/tests/test_store_pg" || fail=$((fail + 1))

# a schema of its own for the CLI part
schema=yusuan_cli_$$
psql -q -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null || exit 2
url="$YUSUAN_PG_URL?options=-csearch_path%3D$schema"
check import 0 "$Y" import --db "$url" examples/zhaoxian-hrss-2024/published.txt
has import "赵县人力资源和社会保障局 2024 年部门预算，错误 4 项"
check import-again 0 "$Y" import --db "$url" examples/zhaoxian-hrss-2024/published.txt
has import-again "跳过"
check ls 0 "$Y" ls --db "$url"
has ls "赵县人力资源和社会保障局"
check show 0 "$Y" show 赵县人力资源和社会保障局 --db "$url"
check sql 0 "$Y" sql --db "$url" "SELECT total FROM documents"
has sql 34063090000
check sql-insert 2 "$Y" sql --db "$url" "INSERT INTO departments VALUES (99, 'x', 'y', '')"
has sql-insert "read-only"
check sql-count 0 "$Y" sql --db "$url" "SELECT COUNT(*) FROM departments"
has sql-count 1
mkdir -p "$tmp/docs/sub"
cp examples/zhaoxian-hrss-2024/published.txt "$tmp/docs/a.txt"
cp tests/golden/inputs/mini-budget.txt "$tmp/docs/sub/mini.txt"
check batch 1 "$Y" audit --db "$url" --jobs 2 "$tmp/docs"
has batch "本次：2 个文件，导入 1 个，跳过 1 个"
has batch "错误最多的部门："
psql -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null

if [ "$fail" -eq 0 ]; then echo "store (PostgreSQL): all passed"; else echo "store (PostgreSQL): $fail failed"; fi
[ "$fail" -eq 0 ]
