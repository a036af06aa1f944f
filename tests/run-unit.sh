#!/bin/sh
# run-unit.sh — run each cmocka test binary given as an argument, keep its output in <binary>.log, show
# the output of the ones that fail, and print the summary lines:
#   unit: test_money        11 tests  ok
#   unit: N binaries passed, N failed; T tests passed, F failed
# Exit status 1 when any binary fails (a crash counts as a failure).
pass=0; fail=0; tpass=0; tfail=0
for t in "$@"; do
    name=${t##*/}
    if "$t" >"$t.log" 2>&1; then ok=1; pass=$((pass + 1)); else ok=0; fail=$((fail + 1)); fi
    # cmocka's own summary: "[  PASSED  ] 11 test(s)." / "[  FAILED  ] 1 test(s), listed below:"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$t.log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$t.log" | tail -n 1)
    tpass=$((tpass + ${p:-0})); tfail=$((tfail + ${f:-0}))
    if [ $ok = 1 ]; then
        printf 'unit: %-22s %4s tests  ok\n' "$name" "${p:-?}"
    else
        cat "$t.log"
        printf 'unit: %-22s FAILED (%s passed, %s failed; log %s)\n' "$name" "${p:-0}" "${f:-?}" "$t.log"
    fi
done
echo "unit: $pass binaries passed, $fail failed; $tpass tests passed, $tfail failed"
[ "$fail" -eq 0 ]
