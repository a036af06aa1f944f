#!/bin/sh
# run.sh — golden CLI tests: each case is a directory tests/golden/cases/NAME holding
#   cmd      the arguments after `yusuan`, one line (paths relative to the repository root; sh quoting)
#   stdout   the expected standard output
#   stderr   the expected standard error (absent = must be empty)
#   status   the expected exit status
# The runner runs "$YUSUAN" (default ./yusuan) from the repository root for every case, compares, prints
# a diff for each failure and a closing line "golden: N passed, M failed"; it exits non-zero on failure.
#
#   sh tests/golden/run.sh                          with ./yusuan (the default build)
#   YUSUAN=build-f/yusuan sh tests/golden/run.sh    with another build (no Makefile needed)
#   UPDATE=1 sh tests/golden/run.sh                 rewrite the expected files from what the binary does
#   sh tests/golden/run.sh NAME...                  only these cases
#
# Inputs of the cases live in tests/golden/inputs/. Output is compared byte for byte; run under the C
# locale so system messages (strerror) are stable.
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$root" || exit 2
YUSUAN=${YUSUAN:-./yusuan}
case $YUSUAN in /*) ;; */*) YUSUAN=$root/$YUSUAN ;; esac
if [ ! -x "$YUSUAN" ]; then
    echo "golden: $YUSUAN is not an executable (build first, or set YUSUAN)" >&2
    exit 2
fi
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0
if [ $# -gt 0 ]; then
    cases=""
    for n in "$@"; do cases="$cases tests/golden/cases/$n"; done
else
    cases=$(ls -d tests/golden/cases/*/ 2>/dev/null | sed 's:/$::')
fi
for dir in $cases; do
    name=${dir##*/}
    if [ ! -f "$dir/cmd" ]; then
        echo "golden: $name: no cmd file" >&2
        fail=$((fail + 1))
        continue
    fi
    args=$(head -n 1 "$dir/cmd")
    # the arguments are split by the shell, so a case may quote them
    eval "set -- $args"
    "$YUSUAN" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    echo $? >"$tmp/status"
    if [ -n "$UPDATE" ]; then
        cp "$tmp/stdout" "$dir/stdout"
        cp "$tmp/status" "$dir/status"
        if [ -s "$tmp/stderr" ]; then cp "$tmp/stderr" "$dir/stderr"; else rm -f "$dir/stderr"; fi
        pass=$((pass + 1))
        continue
    fi
    [ -f "$dir/stderr" ] && cp "$dir/stderr" "$tmp/want_stderr" || : >"$tmp/want_stderr"
    ok=1
    for f in stdout status; do
        if [ ! -f "$dir/$f" ]; then
            echo "--- golden $name: missing $f (UPDATE=1 creates it)"
            ok=0
        elif ! cmp -s "$dir/$f" "$tmp/$f"; then
            echo "--- golden $name: $f differs ($YUSUAN $args)"
            diff -u "$dir/$f" "$tmp/$f" | head -n 60
            ok=0
        fi
    done
    if ! cmp -s "$tmp/want_stderr" "$tmp/stderr"; then
        echo "--- golden $name: stderr differs ($YUSUAN $args)"
        diff -u "$tmp/want_stderr" "$tmp/stderr" | head -n 60
        ok=0
    fi
    if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
if [ -n "$UPDATE" ]; then
    echo "golden: $pass updated"
    exit 0
fi
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
