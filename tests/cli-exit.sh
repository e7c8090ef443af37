#!/bin/sh
# Every row of doc/cli.md's exit-status table (§4): 0, 1 (per --fail-on level), 2 (each
# kind of usage error, nothing checked), 3 (unreadable input among good ones,
# a report that cannot be written; 3 wins over 1).
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

printf '{"certificates":[]}\n' >"$tmp/clean.json"
printf '{}\n' >"$tmp/note.json"                               # empty-response (note)
printf '{"certificates":[],"extra":1}\n' >"$tmp/warning.json" # unknown-field (warning)
printf '[]\n' >"$tmp/error.json"                              # not-a-response (error)
printf '{"certificates":[\n' >"$tmp/broken.json"              # json-syntax (error)

# ---- 0 and 1 ------------------------------------------------------------
expect_status 0 "clean input" "$tmp/clean.json"
empty_file "clean input: no report" "$tmp/out"
same_text "clean input: summary" "1 file, 1 document, 0 certificates: 0 errors, 0 warnings, 0 notes" "$tmp/err"

expect_status 0 "note, --fail-on=error (default)" "$tmp/note.json"
has_text "note reported" "[empty-response]" "$tmp/out"
expect_status 1 "note, --fail-on=note" --fail-on=note "$tmp/note.json"
expect_status 0 "note, --fail-on=warning" --fail-on=warning "$tmp/note.json"
expect_status 0 "note, --fail-on=never" --fail-on=never "$tmp/note.json"

expect_status 0 "warning, default" "$tmp/warning.json"
has_text "warning reported" "[unknown-field]" "$tmp/out"
expect_status 1 "warning, --fail-on=warning" --fail-on=warning "$tmp/warning.json"
expect_status 1 "warning, --fail-on=note" --fail-on=note "$tmp/warning.json"
expect_status 0 "warning, --fail-on=error" --fail-on=error "$tmp/warning.json"

expect_status 1 "error, default" "$tmp/error.json"
has_text "error reported" "[not-a-response]" "$tmp/out"
expect_status 0 "error, --fail-on=never" --fail-on=never "$tmp/error.json"
has_text "error reported with --fail-on=never" "[not-a-response]" "$tmp/out"
expect_status 0 "error rule disabled" --disable=not-a-response "$tmp/error.json"
empty_file "disabled rule: no report" "$tmp/out"
expect_status 0 "error rule turned off by --severity" --severity=not-a-response=off "$tmp/error.json"
expect_status 0 "error lowered to warning" --severity=not-a-response=warning "$tmp/error.json"
has_text "lowered severity printed" ": warning: " "$tmp/out"
expect_status 1 "error lowered to warning, --fail-on=warning" \
    --severity=not-a-response=warning --fail-on=warning "$tmp/error.json"
expect_status 1 "warning raised to error" --severity=unknown-field=error "$tmp/warning.json"
expect_status 1 "disabled then enabled again" --disable=not-a-response \
    --enable=not-a-response "$tmp/error.json"

expect_status 1 "malformed JSON" "$tmp/broken.json"
has_text "json-syntax reported" "[json-syntax]" "$tmp/out"
expect_status 1 "one bad input among clean ones" "$tmp/clean.json" "$tmp/error.json" "$tmp/clean.json"

# ---- 2: usage errors; nothing is checked (no report file is even made) ---
usage() {
    what=$1
    shift
    rm -f "$tmp/report.txt"
    expect_status 2 "$what" -o "$tmp/report.txt" "$@" "$tmp/error.json"
    has_text "$what: hint" "Try 'lscertlint --help'." "$tmp/err"
    empty_file "$what: stdout" "$tmp/out"
    if [ -e "$tmp/report.txt" ]; then fail "$what: the report file was made"; fi
}
usage "unknown long option" --bogus
usage "unknown short option" -x
usage "long option with an argument it does not take" --normalize=yes
usage "bad format" --format=xml
usage "bad short format" -f yaml
usage "unknown --disable id" --disable=no-such-rule
usage "unknown id in a --disable list" --disable=json-bom,no-such-rule
usage "empty id in a --disable list" --disable=json-bom,
usage "unknown --enable id" --enable=no-such-rule
usage "unknown --severity id" --severity=no-such-rule=error
usage "bad --severity level" --severity=json-bom=fatal
usage "--severity without a level" --severity=json-bom
usage "bad --fail-on" --fail-on=critical
usage "--fail-on=off is not a level" --fail-on=off
usage "bad --expect" --expect=everything
usage "bad --expect-status" --expect-status=ISSUED,BOGUS
usage "bad --now" --now=yesterday
usage "negative --expiry-days" --expiry-days=-1
usage "non-numeric --expiry-days" --expiry-days=ten
usage "--max-depth=0" --max-depth=0
usage "non-numeric --max-depth" --max-depth=64x
usage "huge --max-depth" --max-depth=99999999999999999999999
usage "bad --color" --color=sometimes
usage "bad --list-rules format" --list-rules=yaml
usage "unknown --explain id" --explain=no-such-rule
usage "-p and --normalize together" -p --normalize
expect_status 2 "option missing its argument" "$tmp/error.json" --format
has_text "missing argument named" "--format" "$tmp/err"
expect_status 2 "short option missing its argument" "$tmp/error.json" -o
run --disable=no-such-rule "$tmp/clean.json"
has_text "the unknown id is named" "no-such-rule" "$tmp/err"

# ---- 3: I/O trouble -------------------------------------------------------
expect_status 3 "unreadable file among good ones (3 wins over 1)" \
    "$tmp/note.json" /proc/self/mem "$tmp/error.json"
has_text "unreadable file named" "lscertlint: /proc/self/mem: " "$tmp/err"
has_text "input before the unreadable one still reported" "$tmp/note.json:1:1: note:" "$tmp/out"
has_text "input after the unreadable one still reported" "$tmp/error.json:1:1: error:" "$tmp/out"
has_text "summary counts every input" "3 files" "$tmp/err"
# a missing operand is a typo, not an input that failed: 2, nothing read
expect_status 2 "missing file among good ones" "$tmp/note.json" "$tmp/missing.json" "$tmp/error.json"
same_text "missing file named" "lscertlint: no such file or directory: $tmp/missing.json" "$tmp/err"
empty_file "missing file: nothing checked" "$tmp/out"

expect_status 3 "read error" /proc/self/mem
has_text "read error named" "lscertlint: /proc/self/mem: " "$tmp/err"

expect_status 3 "report to a full disk (-o /dev/full)" -o /dev/full "$tmp/error.json"
has_text "full disk named" "/dev/full: No space left on device" "$tmp/err"
"$LSCERTLINT" "$tmp/error.json" >/dev/full 2>"$tmp/err"
status=$?
[ "$status" -eq 3 ] || fail "report to stdout on a full disk: status $status, expected 3"
has_text "full stdout named" "No space left on device" "$tmp/err"
expect_status 3 "-o into a missing directory" -o "$tmp/no/such/dir/r.txt" "$tmp/clean.json"

finish
