#!/bin/sh
# samples/forms/: the same certificates saved as the raw wire body, AWS CLI v1,
# AWS CLI v2 and a boto3 dump must give the same (rule, pointer) findings and,
# when the CLI can --normalize, normalize to identical bytes.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

FORMS="$top_srcdir/samples/forms"
FEED="$top_builddir/tests/feed"
if [ ! -x "$FEED" ]; then
    echo "forms: $FEED not built" >&2
    exit 77
fi
for form in wire cli-v1 cli-v2 boto3; do
    if [ ! -f "$FORMS/$form.json" ]; then
        echo "forms: $FORMS/$form.json missing; skipped"
        exit 77
    fi
done
if [ -n "$VALGRIND" ]; then
    FEED="$VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect $FEED"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/forms.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

fail=0
for form in wire cli-v1 cli-v2 boto3; do
    if ! $FEED "$FORMS/$form.json" >"$tmp/$form.out" 2>"$tmp/err"; then
        echo "FAIL: feed on $form.json: $(cat "$tmp/err")"
        fail=$((fail + 1))
    fi
    # drop the LINE:COLUMN field: the layouts differ, the findings must not
    sed 's/ [0-9]*:[0-9]*$//' "$tmp/$form.out" | sort -u >"$tmp/$form.set"
done
for form in cli-v1 cli-v2 boto3; do
    if diff -u "$tmp/wire.set" "$tmp/$form.set" >"$tmp/diff"; then
        echo "PASS: findings of $form.json = wire.json ($(wc -l <"$tmp/wire.set") distinct)"
    else
        echo "FAIL: findings of $form.json differ from wire.json:"
        sed 's/^/    /' "$tmp/diff"
        fail=$((fail + 1))
    fi
done

normalized=0
if [ -x "$LSCERTLINT" ] && "$LSCERTLINT" --help 2>/dev/null | grep -q -- '--normalize'; then
    normalized=1
    for form in wire cli-v1 cli-v2 boto3; do
        "$LSCERTLINT" --normalize "$FORMS/$form.json" >"$tmp/$form.norm" 2>"$tmp/err"
        rc=$?
        if [ "$rc" -gt 1 ] || [ ! -s "$tmp/$form.norm" ]; then
            echo "FAIL: lscertlint --normalize $form.json: exit $rc: $(head -3 "$tmp/err")"
            fail=$((fail + 1))
        fi
    done
    for form in cli-v1 cli-v2 boto3; do
        if cmp -s "$tmp/wire.norm" "$tmp/$form.norm"; then
            echo "PASS: --normalize $form.json = wire.json"
        else
            echo "FAIL: --normalize $form.json differs from wire.json:"
            diff "$tmp/wire.norm" "$tmp/$form.norm" | head -20 | sed 's/^/    /'
            fail=$((fail + 1))
        fi
    done
else
    echo "forms: $LSCERTLINT --normalize not available: normalization not compared"
fi

echo "forms: 4 forms, normalize compared: $normalized, $fail failures"
[ "$fail" -eq 0 ]
