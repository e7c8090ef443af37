#!/bin/sh
# Data-driven cases: every samples/invalid/<rule>/<case>/ folder holds `input`,
# `expected` (one `RULE "POINTER" LINE:COLUMN` per finding), maybe `args`,
# and maybe `messages` (the same lines, each with its exact message).
# Each input runs whole and at chunk sizes 1..31 (tests/feed --all-chunks);
# the sorted findings must equal the sorted expected lines. A case named ok-*
# must not give its own rule. Then every valid sample must give no error or
# warning. With VALGRIND set, feed runs under valgrind.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

FEED="${LSC_FEED:-$top_builddir/tests/feed}"
if [ ! -x "$FEED" ]; then
    echo "run-cases: $FEED not built" >&2
    exit 77
fi
if [ -n "$VALGRIND" ]; then
    FEED="$VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect $FEED"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-cases.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

pass=0
fail=0

report_fail() {
    fail=$((fail + 1))
    echo "FAIL: $1"
    [ -s "$tmp/why" ] && sed 's/^/    /' "$tmp/why"
    :
}

for dir in "$top_srcdir"/samples/invalid/*/*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    name=${dir#"$top_srcdir"/samples/invalid/}
    rule=${name%%/*}
    case_name=${name#*/}
    : >"$tmp/why"
    if [ ! -f "$dir/input" ] || [ ! -f "$dir/expected" ]; then
        echo "missing input or expected" >"$tmp/why"
        report_fail "$name"
        continue
    fi
    args=
    [ -f "$dir/args" ] && args=$(cat "$dir/args")
    # shellcheck disable=SC2086 # args holds several options, split on purpose
    $FEED --all-chunks $args "$dir/input" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        { echo "feed exited $rc"; cat "$tmp/err"; } >"$tmp/why"
        report_fail "$name"
        continue
    fi
    sort "$tmp/out" >"$tmp/got"
    sort "$dir/expected" >"$tmp/want"
    if ! diff -u "$tmp/want" "$tmp/got" >"$tmp/why"; then
        report_fail "$name"
        continue
    fi
    # messages (optional): the same lines, each followed by one space and
    # the finding's exact message (escaped as tests/feed prints it)
    if [ -f "$dir/messages" ]; then
        # shellcheck disable=SC2086 # args holds several options, split on purpose
        $FEED --all-chunks --messages $args "$dir/input" >"$tmp/out" 2>"$tmp/err"
        sort "$tmp/out" >"$tmp/got"
        sort "$dir/messages" >"$tmp/want"
        if ! diff -u "$tmp/want" "$tmp/got" >"$tmp/why"; then
            report_fail "$name (messages)"
            continue
        fi
    fi
    case $case_name in
    ok-*)
        if grep -q "^$rule " "$tmp/got"; then
            echo "an ok- case must not give $rule" >"$tmp/why"
            report_fail "$name"
            continue
        fi
        ;;
    esac
    pass=$((pass + 1))
    echo "PASS: $name"
done

# Valid samples: no finding of severity error or warning, at any chunk size.
for f in "$top_srcdir"/samples/*.json "$top_srcdir"/samples/*.jsonl \
    "$top_srcdir"/samples/forms/*.json; do
    [ -f "$f" ] || continue
    name=${f#"$top_srcdir"/}
    : >"$tmp/why"
    $FEED --all-chunks --verbose "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        { echo "feed exited $rc"; cat "$tmp/err"; } >"$tmp/why"
        report_fail "$name"
        continue
    fi
    if grep -E ' severity=(error|warning) ' "$tmp/out" >"$tmp/why"; then
        report_fail "$name (valid sample gives an error or warning)"
        continue
    fi
    pass=$((pass + 1))
    echo "PASS: $name"
done

total=$((pass + fail))
echo "run-cases: $total cases, $pass passed, $fail failed"
if [ "$total" -eq 0 ]; then
    echo "run-cases: no cases found under $top_srcdir/samples" >&2
    exit 99
fi
[ "$fail" -eq 0 ]
