#!/bin/sh
# The shadow scanner has two paths for its runs: SSE2 (where the compiler
# targets it) and the portable word-at-a-time one (LSC_SCAN_SCALAR). The
# library uses the first; tests/feed_scalar and tests/test_parser_scalar are
# built with the second. This runs the parser unit tests, the case runner
# (every chunk size 1..31) and JSONTestSuite through them, so both paths give
# the same findings and positions.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

for prog in feed_scalar test_parser_scalar; do
    if [ ! -x "$top_builddir/tests/$prog" ]; then
        echo "scan-scalar: tests/$prog not built" >&2
        exit 77
    fi
done

status=0
echo "== tests/test_parser_scalar"
sh "$top_srcdir/tests/valgrind-wrap.sh" "$top_builddir/tests/test_parser_scalar" || status=1
LSC_FEED="$top_builddir/tests/feed_scalar"
export LSC_FEED
for t in run-cases jsontestsuite forms; do
    echo "== tests/$t.sh with tests/feed_scalar"
    sh "$top_srcdir/tests/$t.sh"
    rc=$?
    # 77: skipped (a suite not present); anything else but 0 fails
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
        echo "FAIL: tests/$t.sh with tests/feed_scalar (exit $rc)"
        status=1
    fi
done
exit $status
