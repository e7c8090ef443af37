#!/bin/sh
# The program's edges that no input file reaches:
# - -p and --normalize with standard output closed: the data would go
#   nowhere, so the run fails with exit 3 naming standard output (it
#   exited 0 with nothing written); a report alone to a closed standard
#   output stays as it was (the descriptor is opened on /dev/null).
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

IN="$top_srcdir/samples/cli-v1.json"
for opt in -p --normalize; do
    "$LSCERTLINT" -q "$opt" "$IN" >&- 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 3 ] || fail "$opt, standard output closed: exit $rc, expected 3"
    grep -q '^lscertlint: standard output: ' "$tmp/err" ||
        fail "$opt, standard output closed: stderr does not name standard output: $(cat "$tmp/err")"
done
"$LSCERTLINT" -q "$IN" >&- 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "a report to a closed standard output: exit $rc, expected 0"

finish
