#!/bin/sh
# JSONTestSuite (test_parsing/, 318 files): y_* must give no json-syntax
# finding, n_* must give one (and make the CLI exit 1), i_* must end without a
# crash or a hang. Findings come from tests/feed at every chunk size 1..31; the
# CLI (when built) gives the exit statuses.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

SUITE="$SHARED_DIR/jsontestsuite/test_parsing"
if [ ! -d "$SUITE" ]; then
    echo "jsontestsuite: $SUITE not found; skipped"
    exit 77
fi
FEED="${LSC_FEED:-$top_builddir/tests/feed}"
if [ ! -x "$FEED" ]; then
    echo "jsontestsuite: $FEED not built" >&2
    exit 77
fi
if [ -n "$VALGRIND" ]; then
    FEED="$VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect $FEED"
fi
CLI=
[ -x "$LSCERTLINT" ] && CLI=$LSCERTLINT
TIMEOUT=timeout
command -v timeout >/dev/null 2>&1 || TIMEOUT=

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jsontestsuite.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

y=0 n=0 i=0 fail=0 cli_runs=0

failed() {
    fail=$((fail + 1))
    echo "FAIL: $1: $2"
}

# run_feed FILE: feed's output in $tmp/out, its status in $rc
run_feed() {
    ${TIMEOUT:+$TIMEOUT 10} $FEED --all-chunks "$1" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

for f in "$SUITE"/*.json; do
    [ -f "$f" ] || continue
    base=$(basename "$f")
    case $base in
    y_*)
        y=$((y + 1))
        run_feed "$f"
        if [ "$rc" -ne 0 ]; then
            failed "$base" "feed exited $rc: $(head -3 "$tmp/err")"
        elif grep '^json-syntax ' "$tmp/out" >"$tmp/hit"; then
            failed "$base" "accepted by the suite, but: $(cat "$tmp/hit")"
        fi
        ;;
    n_*)
        n=$((n + 1))
        run_feed "$f"
        if [ "$rc" -ne 0 ]; then
            failed "$base" "feed exited $rc: $(head -3 "$tmp/err")"
        elif ! grep -q '^json-syntax ' "$tmp/out"; then
            failed "$base" "must be rejected, but gives no json-syntax finding"
        fi
        if [ -n "$CLI" ]; then
            cli_runs=$((cli_runs + 1))
            ${TIMEOUT:+$TIMEOUT 10} "$CLI" "$f" >/dev/null 2>&1
            crc=$?
            [ "$crc" -eq 1 ] || failed "$base" "lscertlint exited $crc, not 1"
        fi
        ;;
    i_*)
        i=$((i + 1))
        run_feed "$f"
        if [ "$rc" -eq 124 ]; then
            failed "$base" "feed hung (over 10 s)"
        elif [ "$rc" -ne 0 ]; then
            failed "$base" "feed exited $rc: $(head -3 "$tmp/err")"
        fi
        if [ -n "$CLI" ]; then
            cli_runs=$((cli_runs + 1))
            ${TIMEOUT:+$TIMEOUT 10} "$CLI" "$f" >/dev/null 2>&1
            crc=$?
            if [ "$crc" -eq 124 ]; then
                failed "$base" "lscertlint hung (over 10 s)"
            elif [ "$crc" -gt 3 ]; then
                failed "$base" "lscertlint crashed or failed (exit $crc)"
            fi
        fi
        ;;
    esac
done

total=$((y + n + i))
echo "jsontestsuite: $total files ($y y_, $n n_, $i i_), $cli_runs CLI runs, $fail failures"
[ -n "$CLI" ] || echo "jsontestsuite: $LSCERTLINT not built: exit statuses not checked"
if [ "$total" -eq 0 ]; then
    echo "jsontestsuite: no files in $SUITE" >&2
    exit 99
fi
[ "$fail" -eq 0 ]
