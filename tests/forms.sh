#!/bin/sh
# The same certificates saved as the raw wire body, AWS CLI v1, AWS CLI v2 (ISO
# times in a local zone) and a boto3 dump (with ResponseMetadata) must give the
# same (rule, pointer) findings and normalize (--normalize) to identical bytes.
# Two sets: samples/forms (clean: no error or warning) and tests/forms/flawed
# (three certificates with flaws many rules see; tests/forms/gen.py wrote
# them). Each runs without options and with --now values that make
# expires-soon / expired-but-issued fire. A few findings per form are pinned
# to their line:column so the layouts are checked too. With VALGRIND set the
# driver and the program run under valgrind.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

FORMS="wire cli-v1 cli-v2 boto3"
CLEAN="$top_srcdir/samples/forms"
FLAWED="$top_srcdir/tests/forms/flawed"
FEED="${LSC_FEED:-$top_builddir/tests/feed}"
if [ ! -x "$FEED" ]; then
    echo "forms: $FEED not built" >&2
    exit 77
fi
for dir in "$CLEAN" "$FLAWED"; do
    for form in $FORMS; do
        if [ ! -f "$dir/$form.json" ]; then
            echo "FAIL: $dir/$form.json missing"
            exit 1
        fi
    done
done
LINT="$LSCERTLINT"
if [ -n "$VALGRIND" ]; then
    VG="$VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
    FEED="$VG $FEED"
    LINT="$top_builddir/libtool --mode=execute $VG $LSCERTLINT"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/forms.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

fail=0
nl='
'

failed() {
    echo "FAIL: $1"
    fail=$((fail + 1))
}

# compare DIR TAG [OPTION]: run feed --verbose on the four forms in DIR and
# require equal (rule, pointer) sets. Leaves $tmp/TAG.FORM.out (full lines)
# and $tmp/TAG.set (the wire's set, each line `RULE "POINTER" SEVERITY`).
compare() {
    dir=$1 tag=$2
    shift 2
    for form in $FORMS; do
        if ! $FEED --verbose "$@" "$dir/$form.json" >"$tmp/$tag.$form.out" 2>"$tmp/err"; then
            failed "$tag: feed $* $form.json: $(head -3 "$tmp/err")"
        fi
        # keep rule, pointer and severity; drop line:column, offset and
        # message: the layouts differ (and messages quote the raw times)
        sed 's/^\([^ ]* ".*"\) [0-9]*:[0-9]* offset=.* severity=\([a-z]*\) .*/\1 \2/' \
            "$tmp/$tag.$form.out" | sort -u >"$tmp/$tag.$form.set"
    done
    cp "$tmp/$tag.wire.set" "$tmp/$tag.set"
    for form in cli-v1 cli-v2 boto3; do
        if diff -u "$tmp/$tag.wire.set" "$tmp/$tag.$form.set" >"$tmp/diff"; then
            echo "PASS: $tag: findings of $form.json = wire.json ($(wc -l <"$tmp/$tag.set") distinct)"
        else
            failed "$tag: findings of $form.json differ from wire.json:"
            sed 's/^/    /' "$tmp/diff"
        fi
    done
}

# expect_set TAG TEXT: the set (rule, pointer, severity) is exactly TEXT.
expect_set() {
    printf '%s\n' "$2" | sed '/^$/d' | sort -u >"$tmp/want"
    if diff -u "$tmp/want" "$tmp/$1.set" >"$tmp/diff"; then
        echo "PASS: $1: the expected $(wc -l <"$tmp/want") findings"
    else
        failed "$1: findings differ from the expected set:"
        sed 's/^/    /' "$tmp/diff"
    fi
}

# at TAG FORM 'RULE "POINTER" LINE:COLUMN': that finding is in the form's output.
at() {
    if cut -d' ' -f1-3 "$tmp/$1.$2.out" | grep -Fqx "$3"; then
        :
    else
        failed "$1: $2.json: no finding $3; got: $(grep -F "${3%% *}" "$tmp/$1.$2.out" | cut -d' ' -f1-3)"
    fi
}

# ---- samples/forms: clean
compare "$CLEAN" clean
expect_set clean ""
compare "$CLEAN" clean-now --now=2024-07-01T00:00:00Z
expect_set clean-now 'expires-soon "/certificates/0/certificateDetail/notAfter" warning'
at clean-now wire 'expires-soon "/certificates/0/certificateDetail/notAfter" 1:1239'
at clean-now cli-v1 'expires-soon "/certificates/0/certificateDetail/notAfter" 49:29'
at clean-now cli-v2 'expires-soon "/certificates/0/certificateDetail/notAfter" 49:29'
at clean-now boto3 'expires-soon "/certificates/0/certificateDetail/notAfter" 49:21'

# ---- tests/forms/flawed: what gen.py's comments promise, nothing else
C0=/certificates/0/certificateDetail
C1=/certificates/1/certificateDetail
C2=/certificates/2/certificateDetail
FLAWS="event-order \"$C0/issuedAt\" warning
enum-value \"$C0/renewalSummary/renewalStatus\" error
revoked-only-field \"$C0/revokedAt\" error
tag-key-charset \"$C0/tags/1/key\" error
tag-key-charset \"/certificates/0/tags/1/key\" error
summary-detail-mismatch \"$C1/name\" error
revoked-missing-field \"$C1/status\" warning
san-missing-domain \"$C1/subjectAlternativeNames\" warning
validation-record-name \"$C1/domainValidationRecords/0/resourceRecord/name\" warning
validity-order \"$C1/notAfter\" error
tags-mismatch \"$C1/tags\" warning
arn-format \"/certificates/2/certificateArn\" warning
arn-format \"$C2/arn\" warning
null-value \"$C2/subjectAlternativeNames/1\" warning
san-duplicate \"$C2/subjectAlternativeNames/2\" warning
validation-incomplete \"$C2/domainValidationRecords/0/validationStatus\" warning
failure-reason-status \"$C2/requestFailureReason\" warning
event-order \"$C2/renewalSummary/updatedAt\" warning
tag-value-length \"$C2/tags/0/value\" error
tag-value-length \"/certificates/2/tags/0/value\" error
tag-value-charset \"$C2/tags/2/value\" error
tag-value-charset \"/certificates/2/tags/2/value\" error"

compare "$FLAWED" flawed
n=$(wc -l <"$tmp/flawed.set")
if [ "$n" -lt 10 ]; then
    failed "flawed: only $n distinct (rule, pointer) findings; the comparison would prove little"
fi
expect_set flawed "$FLAWS"
# line:column, checked by hand against the bytes: the key after two "é"
# (wire: 1 column each for 2 bytes; boto3: 6-byte \u00e9 escapes on other
# lines), the value after 1031 non-ASCII characters (257 + 256 "é" twice, a
# 4-byte emoji) and the sub-second event-order
at flawed wire "tag-key-charset \"/certificates/0/tags/1/key\" 1:2238"
at flawed wire "tag-value-charset \"/certificates/2/tags/2/value\" 1:6058"
at flawed wire "event-order \"$C0/issuedAt\" 1:1170"
at flawed cli-v1 "tag-value-charset \"/certificates/2/tags/2/value\" 233:30"
at flawed cli-v1 "event-order \"$C0/issuedAt\" 46:29"
at flawed cli-v2 "tag-value-charset \"/certificates/2/tags/2/value\" 233:30"
at flawed cli-v2 "validity-order \"$C1/notAfter\" 144:29"
at flawed boto3 "tag-value-charset \"/certificates/2/tags/2/value\" 233:20"
at flawed boto3 "event-order \"$C2/renewalSummary/updatedAt\" 204:24"

# notAfter of certificate 0 is 17 days after now; certificate 2's is past
compare "$FLAWED" flawed-now --now=2024-07-01T00:00:00Z
expect_set flawed-now "$FLAWS
expires-soon \"$C0/notAfter\" warning
expired-but-issued \"$C2/notAfter\" warning"
at flawed-now wire "expired-but-issued \"$C2/notAfter\" 1:4586"
at flawed-now cli-v2 "expired-but-issued \"$C2/notAfter\" 199:29"
at flawed-now boto3 "expires-soon \"$C0/notAfter\" 49:21"

# 1 ms before certificate 2's notAfter: not expired yet, in every form
compare "$FLAWED" flawed-ms --now=2024-03-01T23:59:58.999Z
expect_set flawed-ms "$FLAWS
expires-soon \"$C2/notAfter\" warning"

# ---- --normalize: byte-identical across the forms
normalized=0
if [ -x "$LSCERTLINT" ] && "$LSCERTLINT" --help 2>/dev/null | grep -q -- '--normalize'; then
    normalized=1
    for set in clean flawed; do
        if [ "$set" = clean ]; then dir=$CLEAN; else dir=$FLAWED; fi
        for form in $FORMS; do
            $LINT -q --normalize "$dir/$form.json" >"$tmp/$set.$form.norm" 2>"$tmp/err"
            rc=$?
            if [ "$rc" -gt 1 ] || [ ! -s "$tmp/$set.$form.norm" ]; then
                failed "$set: lscertlint --normalize $form.json: exit $rc: $(head -3 "$tmp/err")"
            fi
        done
        for form in cli-v1 cli-v2 boto3; do
            if cmp -s "$tmp/$set.wire.norm" "$tmp/$set.$form.norm"; then
                echo "PASS: $set: --normalize $form.json = wire.json ($(wc -c <"$tmp/$set.wire.norm") bytes)"
            else
                failed "$set: --normalize $form.json differs from wire.json:"
                # one long line each: show the differing members
                tr ',' '\n' <"$tmp/$set.wire.norm" >"$tmp/a"
                tr ',' '\n' <"$tmp/$set.$form.norm" >"$tmp/b"
                diff "$tmp/a" "$tmp/b" | head -20 | cut -c1-200 | sed 's/^/    /'
            fi
        done
    done
    # the flawed forms normalize to UTC milliseconds, sub-second order kept
    for want in '"createdAt":"2023-06-19T18:47:14.567Z","issuedAt":"2023-06-19T18:47:14.500Z"' \
        '"notBefore":"2024-03-01T23:59:58.999Z","notAfter":"2024-03-01T23:59:59.000Z"' \
        '"renewalStatus":"Success","updatedAt":"2024-01-02T03:04:05.059Z"' \
        '"notBefore":"2023-12-01T23:59:59.000Z","notAfter":"2023-12-01T23:59:59.000Z"'; do
        grep -Fq "$want" "$tmp/flawed.wire.norm" || failed "flawed: --normalize: no $want"
    done
    [ "$(wc -l <"$tmp/flawed.wire.norm")" -eq 1 ] || failed "flawed: --normalize: not one line"
else
    echo "forms: $LSCERTLINT --normalize not available: normalization not compared"
fi

echo "forms: 2 sets x 4 forms, normalize compared: $normalized, $fail failures"
[ "$fail" -eq 0 ]
