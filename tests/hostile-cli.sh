#!/bin/sh
# The program's edges that no input file reaches:
# - -p and --normalize with standard output closed: the data would go
#   nowhere, so the run ends with exit 3 naming standard output (it
#   exited 0 with nothing written), its reports written in full; a report
#   alone to a closed standard output stays as it was (the descriptor is
#   opened on /dev/null).
# - a file that shrinks after -j measured it (LSC_JOBS_SIZE stands for the
#   size it had): the same answer as -j1 reading it as it is, cut between
#   two documents (exit 0) or inside one (json-syntax, exit 1); it was
#   "Input/output error", exit 3.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

IN="$top_srcdir/samples/cli-v1.json"
"$LSCERTLINT" -q -f jsonl -o "$tmp/want.jsonl" "$IN"
for opt in -p --normalize; do
    "$LSCERTLINT" -q -f jsonl -o "$tmp/got.jsonl" "$opt" "$IN" >&- 2>"$tmp/err"
    rc=$?
    cmp -s "$tmp/want.jsonl" "$tmp/got.jsonl" || fail "$opt, standard output closed: the report differs"
    [ "$rc" -eq 3 ] || fail "$opt, standard output closed: exit $rc, expected 3"
    grep -q '^lscertlint: standard output: ' "$tmp/err" ||
        fail "$opt, standard output closed: stderr does not name standard output: $(cat "$tmp/err")"
done
"$LSCERTLINT" -q "$IN" >&- 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "a report to a closed standard output: exit $rc, expected 0"

awk 'BEGIN { for (i = 0; i < 8000; i++) printf "{\"certificates\":[{\"certificateName\":\"c%d\",\"domainName\":\"c%d.example.com\"}]}\n", i, i }' \
    >"$tmp/whole.jsonl"
head -c 500000 "$tmp/whole.jsonl" >"$tmp/cut.jsonl"
for f in whole cut; do
    in="$tmp/$f.jsonl"
    "$LSCERTLINT" -j1 -f jsonl "$in" >"$tmp/j1.out" 2>"$tmp/j1.err"
    echo "status $?" >>"$tmp/j1.out"
    size=$(wc -c <"$in")
    LSC_JOBS_TRACE=1 LSC_JOBS_CPUS=2 LSC_JOBS_CHUNK=65536 LSC_JOBS_SIZE=$((size + 100000)) \
        "$LSCERTLINT" -j2 -f jsonl "$in" >"$tmp/j2.out" 2>"$tmp/j2.err"
    echo "status $?" >>"$tmp/j2.out"
    grep -q '^lscertlint: split: ' "$tmp/j2.err" || fail "shrunk $f: the input was not split"
    grep -v '^lscertlint: split: ' "$tmp/j2.err" >"$tmp/j2.errc"
    cmp -s "$tmp/j1.out" "$tmp/j2.out" ||
        fail "shrunk $f: -j2 stdout differs:$nl$(diff "$tmp/j1.out" "$tmp/j2.out" | head -5)"
    cmp -s "$tmp/j1.err" "$tmp/j2.errc" ||
        fail "shrunk $f: -j2 stderr differs:$nl$(diff "$tmp/j1.err" "$tmp/j2.errc" | head -5)"
done
grep -q '^status 1$' "$tmp/j1.out" || fail "shrunk cut: -j1 did not give a json-syntax finding"

finish
