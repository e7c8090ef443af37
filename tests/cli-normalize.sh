#!/bin/sh
# --normalize: one canonical JSON line per document, from the decoded structs:
# model key order, UTC RFC 3339 timestamps with milliseconds, unknown members
# and ResponseMetadata dropped; the report goes to stderr (or -o FILE).
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

cat >"$tmp/in.json" <<'JSON'
{
    "ResponseMetadata": {"RequestId": "0a1b", "HTTPStatusCode": 200},
    "nextPageToken": "tok",
    "certificates": [
        {
            "tags": [{"value": "v", "key": "k"}, {"key": "solo"}, 7],
            "extra": 1,
            "domainName": "example.com",
            "certificateDetail": {
                "supportCode": "sc",
                "notAfter": 1721347199.0,
                "notBefore": "2023-06-19 00:00:00+00:00",
                "createdAt": "2023-06-19T11:47:14.567000-07:00",
                "status": "ISSUED",
                "name": "c1",
                "arn": "arn:aws:lightsail:us-east-1:123456789012:Certificate/abc",
                "domainName": "example.com",
                "subjectAlternativeNames": ["example.com", null, "www.example.com"],
                "inUseResourceCount": 2,
                "renewalSummary": {
                    "updatedAt": 1.6871328E9,
                    "renewalStatus": "Success",
                    "domainValidationRecords": [
                        {
                            "validationStatus": "SUCCESS",
                            "domainName": "example.com",
                            "resourceRecord": {"value": "v.", "type": "CNAME", "name": "n."},
                            "dnsRecordCreationState": {"message": "m", "code": "SUCCEEDED"}
                        }
                    ]
                },
                "issuedAt": "not a date",
                "revokedAt": -5,
                "keyAlgorithm": "RSA-2048",
                "serialNumber": null,
                "unknownDetail": true
            },
            "certificateName": "c1",
            "certificateArn": "arn:aws:lightsail:us-east-1:123456789012:Certificate/abc"
        },
        5,
        {"certificateName": "tab\there \u00e9 \"q\" \u0000"}
    ]
}
{"certificates":[]}
{"nextPageToken":"t2","certificates":null}
[1]
{"__type":"NotFoundException","message":"no"}
{"ResponseMetadata":{}}
{"certificates":[{"certificateName":"a"},{"certificateName":
JSON

run --normalize "$tmp/in.json"
[ "$status" -eq 1 ] || fail "status $status, expected 1 (the last document is cut short)"
same_text "normalized documents" '{"certificates":[{"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/abc","certificateName":"c1","domainName":"example.com","certificateDetail":{"arn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/abc","name":"c1","domainName":"example.com","status":"ISSUED","subjectAlternativeNames":["example.com","www.example.com"],"inUseResourceCount":2,"keyAlgorithm":"RSA-2048","createdAt":"2023-06-19T18:47:14.567Z","issuedAt":"not a date","notBefore":"2023-06-19T00:00:00.000Z","notAfter":"2024-07-18T23:59:59.000Z","renewalSummary":{"domainValidationRecords":[{"domainName":"example.com","resourceRecord":{"name":"n.","type":"CNAME","value":"v."},"dnsRecordCreationState":{"code":"SUCCEEDED","message":"m"},"validationStatus":"SUCCESS"}],"renewalStatus":"Success","updatedAt":"2023-06-19T00:00:00.000Z"},"revokedAt":-5,"supportCode":"sc"},"tags":[{"key":"k","value":"v"},{"key":"solo"}]},{"certificateName":"tab\there é \"q\" \u0000"}],"nextPageToken":"tok"}
{"certificates":[]}
{"nextPageToken":"t2"}
{}
{}
{}
{"certificates":[{"certificateName":"a"}]}' "$tmp/out"
has_text "report on stderr" "[json-syntax]" "$tmp/err"
has_text "report on stderr: unknown member" "[unknown-field]" "$tmp/err"
has_text "summary on stderr" "1 file, 7 documents" "$tmp/err"

# Every output line is JSON (when a validator is at hand).
if command -v json_verify >/dev/null 2>&1; then
    json_verify -s -q <"$tmp/out" >/dev/null 2>&1 || fail "the output is not a stream of JSON texts"
fi

# Normalizing normalized output changes nothing and finds nothing new.
head -n 2 "$tmp/out" >"$tmp/once.json"
run --normalize "$tmp/once.json"
cp "$tmp/out" "$tmp/twice.json"
cmp -s "$tmp/once.json" "$tmp/twice.json" || fail "normalizing twice differs: $(cat "$tmp/twice.json")"

# From stdin, with the report in a file: stderr has only the summary.
printf '{"certificates":[{"certificateName":"x","z":1}]}\n' |
    "$LSCERTLINT" --normalize -o "$tmp/report.txt" >"$tmp/out" 2>"$tmp/err"
same_text "stdin, -o: output" '{"certificates":[{"certificateName":"x"}]}' "$tmp/out"
has_text "stdin, -o: report in the file" "<stdin>:1:41: warning: " "$tmp/report.txt"
same_text "stdin, -o: stderr" "1 file, 1 document, 1 certificate: 0 errors, 3 warnings, 0 notes" "$tmp/err"

# Several inputs: one stream of lines.
printf '{"certificates":[]}' >"$tmp/a.json"
printf '{"nextPageToken":"p"}\n' >"$tmp/b.json"
run --normalize -qq "$tmp/a.json" "$tmp/b.json"
same_text "several inputs" '{"certificates":[]}
{"nextPageToken":"p"}' "$tmp/out"
empty_file "-qq: stderr" "$tmp/err"

# The valid samples: normalized, they stay valid (no error or warning) and
# normalizing again changes nothing.
for sample in "$top_srcdir"/samples/*.json "$top_srcdir"/samples/*.jsonl; do
    [ -f "$sample" ] || continue
    name=$(basename "$sample")
    "$LSCERTLINT" --normalize "$sample" >"$tmp/n1.jsonl" 2>"$tmp/err1"
    docs=$(sed -n 's/^1 file, \([0-9]*\) documents\{0,1\}.*/\1/p' "$tmp/err1")
    "$LSCERTLINT" --normalize --fail-on=warning "$tmp/n1.jsonl" >"$tmp/n2.jsonl" 2>"$tmp/err"
    status=$?
    [ "$status" -eq 0 ] || fail "$name normalized: status $status: $(head -c 600 "$tmp/err")"
    cmp -s "$tmp/n1.jsonl" "$tmp/n2.jsonl" || fail "$name: normalizing twice differs"
    [ "$docs" = "$(wc -l <"$tmp/n1.jsonl" | tr -d ' ')" ] || fail "$name: not one line per document"
done

# Standard output on a full disk: 3.
"$LSCERTLINT" --normalize "$tmp/a.json" >/dev/full 2>"$tmp/err"
status=$?
[ "$status" -eq 3 ] || fail "--normalize >/dev/full: status $status, expected 3"
has_text "--normalize >/dev/full: message" "No space left on device" "$tmp/err"

finish
