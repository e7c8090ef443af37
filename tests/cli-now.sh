#!/bin/sh
# --now reads exactly the forms doc/cli.md §2.3 lists, each tested here:
# 'now', RFC 3339 date-times (Z, an offset, a fraction, lower-case t, the
# space RFC 3339's note allows), a date YYYY-MM-DD (midnight UTC) and
# @SECONDS; everything else is exit 2 naming the accepted forms (regression:
# --now=2025 and --now=20250601 were read as epoch seconds in 1970, so
# expired-but-issued never fired and the exit status was 0).
# SOURCE_DATE_EPOCH stands for --now when that is not given.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

# notAfter 2025-07-17T23:59:59Z, status ISSUED
input="$top_srcdir/samples/invalid/expired-but-issued/past-not-after/input"
at='input:49:29: warning: certificate "web-example-com": '
expired_aug1="${at}status is \"ISSUED\" but the certificate expired 14 days before the reference time 2025-08-01T00:00:00Z (--now): notAfter 2025-07-17T23:59:59Z (\"2025-07-17T23:59:59+00:00\") [expired-but-issued] (/certificates/0/certificateDetail/notAfter)"
forms="use 'now', an RFC 3339 date-time (2025-06-01T12:00:00Z, 2025-06-01T14:00:00+02:00), a date (2025-06-01, midnight UTC) or @SECONDS (@1748736000)"

# check_now VALUE EXPECTED-LINE: --now=VALUE gives exactly that finding
check_now() {
    run --fail-on=warning -q --stdin-filename=input "--now=$1" - <"$input"
    [ "$status" -eq 1 ] || fail "--now=$1: exit status $status, expected 1; stderr: $(head -c 400 "$tmp/err")"
    same_text "--now=$1" "$2" "$tmp/out"
}

# the same instant in every form
check_now 2025-08-01 "$expired_aug1"
check_now 2025-08-01T00:00:00Z "$expired_aug1"
check_now 2025-08-01t00:00:00z "$expired_aug1"
check_now 2025-08-01T02:00:00+02:00 "$expired_aug1"
check_now 2025-07-31T20:00:00-04:00 "$expired_aug1"
check_now "2025-08-01 00:00:00Z" "$expired_aug1"
check_now 2025-08-01T00:00:00.000Z "$expired_aug1"
check_now @1754006400 "$expired_aug1"
check_now @1754006400.0 "$expired_aug1"

# a date is midnight UTC: on notAfter's own day the certificate still has
# (almost) a day
check_now 2025-07-17 "${at}the certificate expires in less than a day (reference time 2025-07-17T00:00:00Z, --now): notAfter 2025-07-17T23:59:59Z (\"2025-07-17T23:59:59+00:00\"); no renewalStatus [expires-soon] (/certificates/0/certificateDetail/notAfter)"
# a fraction of @SECONDS is kept
check_now @1752796799.5 "${at}status is \"ISSUED\" but the certificate expired less than a day before the reference time 2025-07-17T23:59:59.5Z (--now): notAfter 2025-07-17T23:59:59Z (\"2025-07-17T23:59:59+00:00\") [expired-but-issued] (/certificates/0/certificateDetail/notAfter)"

# 'now' is the clock (later than 2025-07-17 on any machine running this)
run --fail-on=warning -q --now=now "$input" </dev/null
[ "$status" -eq 1 ] || fail "--now=now: exit status $status, expected 1"
has_text "--now=now" "status is \"ISSUED\" but the certificate expired " "$tmp/out"
grep -Eq 'reference time 2[0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z \(--now\)' "$tmp/out" ||
    fail "--now=now: the reference time is not whole seconds in UTC: $(cat "$tmp/out")"

# anything else: exit 2, nothing checked, the accepted forms listed
for bad in 2025 20250601 1754006400 1.7540064E9 2025-08 2025-8-1 2025-08-01T00:00:00 \
    2025-08-01T00:00Z 2025-08-01T00:00:00+0200 2025-08-01T00:00:00.Z 2025-02-30 \
    2025-08-01T24:00:00Z @ @-5 @1e9 @+5 @1754006400. @99999999999999999999 NOW yesterday \
    " 2025-08-01" "2025-08-01 " ""; do
    run "--now=$bad" "$input" </dev/null
    [ "$status" -eq 2 ] || fail "--now='$bad': exit status $status, expected 2"
    empty_file "--now='$bad': nothing checked" "$tmp/out"
    same_text "--now='$bad': the message" "lscertlint: --now: not a time lscertlint reads: '$bad'; $forms
Try 'lscertlint --help'." "$tmp/err"
done

# SOURCE_DATE_EPOCH when --now is not given
SOURCE_DATE_EPOCH=1754006400 run --fail-on=warning -q --stdin-filename=input - <"$input"
[ "$status" -eq 1 ] || fail "SOURCE_DATE_EPOCH: exit status $status, expected 1"
same_text "SOURCE_DATE_EPOCH" "$expired_aug1" "$tmp/out"
# --now wins (notAfter is 46 days after 2025-06-01: no finding)
SOURCE_DATE_EPOCH=1754006400 run --fail-on=warning --now=2025-06-01 "$input" </dev/null
[ "$status" -eq 0 ] || fail "--now over SOURCE_DATE_EPOCH: exit status $status, expected 0"
empty_file "--now over SOURCE_DATE_EPOCH" "$tmp/out"
# empty: unset
SOURCE_DATE_EPOCH= run --fail-on=warning "$input" </dev/null
[ "$status" -eq 0 ] || fail "empty SOURCE_DATE_EPOCH: exit status $status, expected 0"
empty_file "empty SOURCE_DATE_EPOCH" "$tmp/out"
# malformed: a usage error, even with nothing to check yet
for bad in 2025-08-01 @1754006400 -1 1.5 abc; do
    SOURCE_DATE_EPOCH=$bad run "$input" </dev/null
    [ "$status" -eq 2 ] || fail "SOURCE_DATE_EPOCH=$bad: exit status $status, expected 2"
    same_text "SOURCE_DATE_EPOCH=$bad: the message" "lscertlint: SOURCE_DATE_EPOCH: not a whole number of seconds since 1970: '$bad'; unset it or give --now
Try 'lscertlint --help'." "$tmp/err"
done
# but a malformed one does not matter when --now is given
SOURCE_DATE_EPOCH=abc run --now=2025-06-01 "$input" </dev/null
unset SOURCE_DATE_EPOCH
[ "$status" -eq 0 ] || fail "SOURCE_DATE_EPOCH=abc with --now: exit status $status, expected 0"

finish
