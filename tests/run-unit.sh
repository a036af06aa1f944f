#!/bin/sh
# run-unit.sh — run each cmocka test binary; print one summary line ("N passed, N failed").
pass=0; fail=0
for t in "$@"; do
    if "$t" >"$t.log" 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); cat "$t.log"; echo "FAILED: $t"; fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
