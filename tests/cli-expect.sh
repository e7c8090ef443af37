#!/bin/sh
# expect-findings: negative fixtures as tests. An expected finding that
# occurs does not fail the run and is marked expected in every format; one
# that does not occur is an expected-finding-missing error at the file.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

L="$LSCERTLINT"
repo="$tmp/repo"
mkdir -p "$repo/.git" "$repo/neg"
# one ISSUED certificate past its notAfter: expired-but-issued (warning) at
# /certificates/0/certificateDetail/notAfter, and a tag-count error
cat >"$repo/neg/expired.json" <<'EOF'
{"certificates": [{"certificateArn": "arn:aws:lightsail:us-east-1:123456789012:Certificate/aaaa", "certificateName": "old", "domainName": "example.com",
 "certificateDetail": {"arn": "arn:aws:lightsail:us-east-1:123456789012:Certificate/aaaa", "name": "old", "domainName": "example.com", "status": "ISSUED",
 "subjectAlternativeNames": ["example.com"], "serialNumber": "0a:bc", "issuedAt": "2020-01-01T00:00:00Z",
 "notBefore": "2020-01-01T00:00:00Z", "notAfter": "2021-01-01T00:00:00Z"}}]}
EOF
printf '{}\n' >"$repo/neg/empty.json"

run_in_repo() {
    (cd "$repo" && "$L" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

cat >"$repo/.lscertlint.json" <<'EOF'
{
  "now": "2024-01-01T00:00:00Z",
  "fail-on": "warning",
  "expect-findings": [
    {"files": ["neg/expired.json"], "rules": ["expired-but-issued"],
     "pointers": ["/certificates/*/certificateDetail/notAfter"]},
    {"files": "neg/empty.json", "rules": ["empty-response"]}
  ]
}
EOF
# without the configuration the fixtures fail (exit 1 with --fail-on=warning)
run_in_repo --no-config --now=2024-01-01T00:00:00Z --fail-on=warning neg
[ "$status" -eq 1 ] || fail "no config: status $status"

# with it: both expected, the run passes
run_in_repo neg
[ "$status" -eq 0 ] || fail "expected: status $status; $(cat "$tmp/out")"
same_text "text marks expected" 'neg/empty.json:1:1: note: the document is an empty object: no certificates member [empty-response] [expected]
neg/expired.json:4:51: warning: certificate "old": status is "ISSUED" but the certificate expired 1095 days before the reference time 2024-01-01T00:00:00Z (--now): notAfter 2021-01-01T00:00:00Z [expired-but-issued] (/certificates/0/certificateDetail/notAfter) [expected]' "$tmp/out"
same_text "summary counts them apart" "2 files, 2 documents, 1 certificate: 0 errors, 0 warnings, 0 notes; 2 expected" "$tmp/err"

run_in_repo -f jsonl neg/empty.json
[ "$status" -eq 0 ] || fail "jsonl: status $status"
same_text "jsonl: expected true" '{"file":"neg/empty.json","document":0,"line":1,"column":1,"offset":0,"pointer":"","rule":"empty-response","severity":"note","message":"the document is an empty object: no certificates member","expected":true}' "$tmp/out"

run_in_repo -f json neg/empty.json
has_text "json: expected true" '"message":"the document is an empty object: no certificates member","expected":true}' "$tmp/out"
has_text "json: summary counts them" '"summary":{"errors":0,"warnings":0,"notes":0,"expected":1}}' "$tmp/out"

run_in_repo -f sarif neg/empty.json
[ "$status" -eq 0 ] || fail "sarif: status $status"
has_text "sarif: suppression" '"suppressions":[{"kind":"inSource","justification":"expected by expect-findings in .lscertlint.json"}]' "$tmp/out"
python3 -m json.tool "$tmp/out" >/dev/null 2>&1 || fail "sarif: not JSON"

run_in_repo -f github neg/expired.json
[ "$status" -eq 0 ] || fail "github: status $status"
has_text "github: a notice" '::notice file=neg/expired.json,line=4,col=51,title=expired-but-issued::expected warning: certificate' "$tmp/out"

run_in_repo -f junit neg
[ "$status" -eq 0 ] || fail "junit: status $status"
has_text "junit: no failure" '<testsuite name="neg/expired.json" tests="1" failures="0" errors="0">' "$tmp/out"
has_text "junit: marked in system-out" '[expired-but-issued] (/certificates/0/certificateDetail/notAfter) [expected]' "$tmp/out"

# the flaw is fixed: the expected finding is missing, an error at the file
sed 's/2021-01-01T00:00:00Z/2029-01-01T00:00:00Z/' "$repo/neg/expired.json" >"$tmp/x" && mv "$tmp/x" "$repo/neg/expired.json"
run_in_repo neg/expired.json
[ "$status" -eq 1 ] || fail "missing: status $status"
same_text "missing: text" 'neg/expired.json:1:1: error: expected a finding of expired-but-issued at /certificates/*/certificateDetail/notAfter (expect-findings, .lscertlint.json:5:5); none occurred [expected-finding-missing]' "$tmp/out"
same_text "missing: summary" "1 file, 1 document, 1 certificate: 1 error, 0 warnings, 0 notes" "$tmp/err"
for fmt in jsonl json sarif github junit; do
    run_in_repo -f "$fmt" neg/expired.json
    [ "$status" -eq 1 ] || fail "missing $fmt: status $status"
    has_text "missing in $fmt" "expected-finding-missing" "$tmp/out"
done
run_in_repo -f jsonl neg/expired.json
same_text "missing: jsonl" '{"file":"neg/expired.json","document":0,"line":1,"column":1,"offset":0,"pointer":"","rule":"expected-finding-missing","severity":"error","message":"expected a finding of expired-but-issued at /certificates/*/certificateDetail/notAfter (expect-findings, .lscertlint.json:5:5); none occurred"}' "$tmp/out"

# a rule of the catalog: --severity and --disable reach it, --list-rules names it
run_in_repo --severity=expected-finding-missing=warning neg/expired.json
[ "$status" -eq 1 ] || fail "missing as warning (fail-on warning): status $status"
has_text "missing: severity changed" "neg/expired.json:1:1: warning: expected a finding of expired-but-issued" "$tmp/out"
run_in_repo --disable=expected-finding-missing neg/expired.json
[ "$status" -eq 0 ] || fail "missing disabled: status $status"
[ ! -s "$tmp/out" ] || fail "missing disabled: output $(cat "$tmp/out")"
run_in_repo --list-rules
has_text "listed in the catalog" "expected-finding-missing" "$tmp/out"

# an unrelated finding still counts as usual
printf '{"certificates": 5}\n' >"$repo/neg/empty.json"
run_in_repo neg/empty.json
[ "$status" -eq 1 ] || fail "other finding: status $status"
has_text "other finding counts" "[type-mismatch]" "$tmp/out"
has_text "and the expected one is missing" "expected a finding of empty-response (expect-findings, .lscertlint.json:7:5); none occurred [expected-finding-missing]" "$tmp/out"

# a file no entry matches is not affected
printf '{}\n' >"$repo/other.json"
run_in_repo other.json
[ "$status" -eq 0 ] || fail "unmatched file: status $status"
same_text "unmatched file" 'other.json:1:1: note: the document is an empty object: no certificates member [empty-response]' "$tmp/out"

# bad entries: exit 2, named with line and column
printf '{"expect-findings": [{"files": "x", "rules": ["no-such-rule"]}]}' >"$repo/.lscertlint.json"
run_in_repo other.json
[ "$status" -eq 2 ] || fail "bad rule: status $status"
same_text "bad rule" "lscertlint: .lscertlint.json:1:47: rules: unknown rule id 'no-such-rule'; see 'lscertlint --list-rules'" "$tmp/err"
printf '{"expect-findings": [{"files": "x"}]}' >"$repo/.lscertlint.json"
run_in_repo other.json
[ "$status" -eq 2 ] || fail "no rules: status $status"
same_text "no rules" "lscertlint: .lscertlint.json:1:22: expect-findings: an entry needs \"files\" and \"rules\"" "$tmp/err"

finish
