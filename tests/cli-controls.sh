#!/bin/sh
# Output controls: --show=LEVEL; severity aliases warn and info; format
# names, rule ids and levels in any case; group:NAME and all in --disable
# and --enable; "did you mean" for an unknown rule id, group, format, level
# or option (exit 2); --report=FORMAT:FILE, repeatable, each written
# atomically and refused onto an input; the summary in the singular for 1.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

in="$tmp/c.json"
printf '%s\n%s\n' \
    '{"certificates":[{"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/a","certificateName":"n","domainName":"example.com","x":1,"tags":[{"key":"aws:x","value":"v"}]}]}' \
    '{"certificates":[],"nextPageToken":""}' >"$in"
cd "$tmp" || exit 99
W1='c.json:1:142: warning: certificate "n": unknown member "x" in CertificateSummary [unknown-field] (/certificates/0/x)'
N1='c.json:1:163: note: certificate "n": the tag key "aws:x" starts with the prefix "aws:", reserved for tags AWS applies [tag-key-reserved] (/certificates/0/tags/0/key)'
W2='c.json:2:36: warning: nextPageToken is blank: "" [blank-value] (/nextPageToken)'
N2='c.json:2:36: note: the document is one page of several: nextPageToken is present, so more certificates follow in the next page [partial-page] (/nextPageToken)'

# ---- summary wording ----------------------------------------------------
run c.json
[ "$status" -eq 0 ] || fail "plain: status $status"
same_text "plain: findings" "$W1
$N1
$W2
$N2" "$tmp/out"
same_text "summary: singular for 1" "1 file, 2 documents, 1 certificate: 0 errors, 2 warnings, 2 notes" "$tmp/err"
run --disable=partial-page,blank-value c.json
same_text "summary: 1 warning, 1 note" "1 file, 2 documents, 1 certificate: 0 errors, 1 warning, 1 note" "$tmp/err"

# ---- --show --------------------------------------------------------------
for level in warning WARN Warning; do
    run --show=$level c.json
    same_text "--show=$level: text" "$W1
$W2" "$tmp/out"
    same_text "--show=$level: the summary counts every finding" \
        "1 file, 2 documents, 1 certificate: 0 errors, 2 warnings, 2 notes" "$tmp/err"
done
run --show=error -f jsonl c.json
[ "$status" -eq 0 ] || fail "--show=error: status $status"
empty_file "--show=error: no finding printed" "$tmp/out"
run --show=error -f sarif c.json
[ "$(grep -c '"ruleId"' "$tmp/out")" -eq 0 ] || fail "--show=error: sarif results printed"
# independent of --fail-on: a hidden warning still fails the run
run --show=error --fail-on=warn c.json
[ "$status" -eq 1 ] || fail "--show=error --fail-on=warn: status $status, expected 1"

# ---- aliases and case ----------------------------------------------------
run --fail-on=WARN c.json
[ "$status" -eq 1 ] || fail "--fail-on=WARN: status $status, expected 1"
run --fail-on=info --disable=unknown-field,blank-value c.json
[ "$status" -eq 1 ] || fail "--fail-on=info: status $status, expected 1"
run --severity=TAG-KEY-RESERVED=Error c.json
[ "$status" -eq 1 ] || fail "--severity in capitals: status $status, expected 1"
has_text "--severity in capitals" "c.json:1:163: error: certificate" "$tmp/out"
run --severity=unknown-field=info --show=warning c.json
same_text "--severity=ID=info" "$W2" "$tmp/out"
run -f SARIF c.json
has_text "-f SARIF" '"version":"2.1.0"' "$tmp/out"
run --disable=Unknown-Field,TAG-key-reserved c.json
same_text "--disable in any case" "$W2
$N2" "$tmp/out"
run --explain=TAG-KEY-CHARSET
[ "$status" -eq 0 ] || fail "--explain in capitals: status $status"

# ---- groups and all --------------------------------------------------------
run --disable=group:tags c.json
same_text "--disable=group:tags" "$W1
$W2
$N2" "$tmp/out"
run --disable=group:TAGS,group:stream-and-request-context c.json
same_text "--disable=group:TAGS,group:stream-and-request-context" "$W1
$W2" "$tmp/out"
run --disable=all c.json
[ "$status" -eq 0 ] || fail "--disable=all: status $status"
empty_file "--disable=all: nothing" "$tmp/out"
run --disable=all --enable=group:shape c.json
same_text "--disable=all --enable=group:shape" "$W1
$W2" "$tmp/out"

# ---- did you mean ----------------------------------------------------------
# suggest WHAT EXPECTED-MESSAGE ARGS...: exit 2 and exactly that message
suggest() {
    what=$1 want=$2
    shift 2
    run "$@" c.json
    [ "$status" -eq 2 ] || fail "$what: status $status, expected 2"
    same_text "$what: message" "$want
Try 'lscertlint --help'." "$tmp/err"
    empty_file "$what: nothing checked" "$tmp/out"
}
suggest "rule id" "lscertlint: --disable: unknown rule id 'tag-key-charst'; did you mean 'tag-key-charset'?" \
    --disable=tag-key-charst
suggest "rule id in --severity" "lscertlint: --severity: unknown rule id 'expires-son'; did you mean 'expires-soon'?" \
    --severity=expires-son=note
suggest "group" "lscertlint: --enable: unknown group 'tag'; did you mean 'tags'?" --enable=group:tag
suggest "format" "lscertlint: --format: unknown format 'sarf'; did you mean 'sarif'?" -f sarf
suggest "format of --report" "lscertlint: --report: unknown format 'junti'; did you mean 'junit'?" --report=junti:r.xml
suggest "option" "lscertlint: unrecognized option '--formt=json'; did you mean '--format'?" --formt=json
suggest "level" "lscertlint: --show: unknown level 'warnig'; did you mean 'warning'?" --show=warnig
suggest "nothing near" "lscertlint: --disable: unknown rule id 'zzzzzzzzzzzz'; see 'lscertlint --list-rules'" \
    --disable=zzzzzzzzzzzz
suggest "--report without a file" "lscertlint: --report: expected FORMAT:FILE, not 'sarif'; e.g. --report=sarif:out.sarif" \
    --report=sarif

# ---- --report=FORMAT:FILE ------------------------------------------------------
"$LSCERTLINT" -f sarif -o want.sarif c.json 2>/dev/null
"$LSCERTLINT" -f junit -o want.xml c.json 2>/dev/null
printf 'old\n' >r.sarif
run --report=sarif:r.sarif --report=JUnit:r.xml c.json
[ "$status" -eq 0 ] || fail "--report: status $status"
same_text "--report: text on stdout as well" "$W1
$N1
$W2
$N2" "$tmp/out"
cmp -s r.sarif want.sarif || fail "--report=sarif: not the -f sarif report"
cmp -s r.xml want.xml || fail "--report=junit: not the -f junit report"
left=$(ls -A | grep '^\.' || true)
[ -z "$left" ] || fail "--report: temporary files left: $left"
# --show applies to every report
run --show=warning --report=jsonl:r.jsonl c.json
[ "$(wc -l <r.jsonl)" -eq 2 ] || fail "--show with --report: $(wc -l <r.jsonl) lines, expected 2"
# refused onto an input, before anything is written
cp c.json keep.json
run --report=json:c.json c.json
[ "$status" -eq 2 ] || fail "--report onto its input: status $status, expected 2"
same_text "--report onto its input: message" "lscertlint: the report file is also an input: c.json" "$tmp/err"
cmp -s c.json keep.json || fail "--report onto its input: the input was changed"
# a report that cannot be created: exit 3 before any input is read
run --report=sarif:nodir/r.sarif --report=jsonl:ok.jsonl c.json
[ "$status" -eq 3 ] || fail "--report into a missing directory: status $status, expected 3"
same_text "--report into a missing directory: message" "lscertlint: nodir/r.sarif: No such file or directory" "$tmp/err"
[ ! -e ok.jsonl ] || fail "--report into a missing directory: another report was written"

finish
