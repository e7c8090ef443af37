#!/bin/sh
# Baseline keys: the member a missing-field rule is about is part of the
# key (a new missing member never passes as a baselined one); the file is
# relative to the baseline's directory, normalized, whatever the operand's
# spelling; --baseline-match=certificate matches across files (dated
# captures); --prune-baseline drops what no longer occurs; --write-baseline
# exits 0 once written.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

L="$LSCERTLINT"
d="$tmp/repo"
mkdir -p "$d/caps" "$d/sub/deeper"
in_d() { # in_d DIR ARGS...
    dir=$1
    shift
    (cd "$dir" && timeout 60 "$L" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

arn=arn:aws:lightsail:us-east-1:123456789012:Certificate/a
# capture CERT-SUMMARY DETAIL: one certificate
capture() {
    printf '{"certificates":[{%s"certificateDetail":{"arn":"%s","name":"a","domainName":"a.example.com",%s"subjectAlternativeNames":["a.example.com"],"createdAt":"2024-01-01T00:00:00Z"}}]}\n' \
        "$1" "$arn" "$2"
}
issued='"status":"ISSUED","serialNumber":"0f:ac","issuedAt":"2024-01-01T00:00:00Z","notBefore":"2024-01-01T00:00:00Z","notAfter":"2030-01-01T00:00:00Z",'
revoked='"status":"REVOKED","serialNumber":"0f:ac","issuedAt":"2024-01-01T00:00:00Z","notBefore":"2024-01-01T00:00:00Z","notAfter":"2030-01-01T00:00:00Z","revokedAt":"2024-02-01T00:00:00Z","revocationReason":"SUPERSEDED",'

# member_case RULE MEMBER-BEFORE MEMBER-AFTER SUMMARY-BEFORE DETAIL-BEFORE
#             SUMMARY-AFTER DETAIL-AFTER: a baselined finding for one
#             member, then the same rule for another: new, and one fixed
member_case() {
    capture "$4" "$5" >"$d/caps/m.json"
    in_d "$d" -q --now=2025-01-01T00:00:00Z --write-baseline=b.json caps/m.json
    [ "$status" -eq 0 ] || fail "$1: write: status $status"
    has_text "$1: the key names $2" "\"rule\":\"$1\"" "$d/b.json"
    has_text "$1: the key names $2" "\"member\":\"$2\"" "$d/b.json"
    capture "$6" "$7" >"$d/caps/m.json"
    in_d "$d" --now=2025-01-01T00:00:00Z -f jsonl --baseline=b.json caps/m.json
    [ "$status" -eq 0 ] || [ "$status" -eq 1 ] || fail "$1: status $status"
    grep "\"rule\":\"$1\"" "$tmp/out" | sed 's/.*"message":"\([^"]*\(\\"[^"]*\)*\)".*/\1/' >"$tmp/new"
    [ -s "$tmp/new" ] || fail "$1: the finding about $3 was taken as the baselined one about $2"
    has_text "$1: one fixed" "1 fixed since the baseline" "$tmp/err"
}
sum_arn="\"certificateArn\":\"$arn\","
member_case missing-field certificateName domainName \
    "$sum_arn\"domainName\":\"a.example.com\"," "$issued" \
    "$sum_arn\"certificateName\":\"a\"," "$issued"
member_case issued-missing-field notAfter serialNumber \
    "$sum_arn\"certificateName\":\"a\",\"domainName\":\"a.example.com\"," \
    '"status":"ISSUED","serialNumber":"0f:ac","issuedAt":"2024-01-01T00:00:00Z","notBefore":"2024-01-01T00:00:00Z",' \
    "$sum_arn\"certificateName\":\"a\",\"domainName\":\"a.example.com\"," \
    '"status":"ISSUED","issuedAt":"2024-01-01T00:00:00Z","notBefore":"2024-01-01T00:00:00Z","notAfter":"2030-01-01T00:00:00Z",'
member_case revoked-missing-field revokedAt revocationReason \
    "$sum_arn\"certificateName\":\"a\",\"domainName\":\"a.example.com\"," \
    '"status":"REVOKED","serialNumber":"0f:ac","issuedAt":"2024-01-01T00:00:00Z","notBefore":"2024-01-01T00:00:00Z","notAfter":"2030-01-01T00:00:00Z","revocationReason":"SUPERSEDED",' \
    "$sum_arn\"certificateName\":\"a\",\"domainName\":\"a.example.com\"," \
    '"status":"REVOKED","serialNumber":"0f:ac","issuedAt":"2024-01-01T00:00:00Z","notBefore":"2024-01-01T00:00:00Z","notAfter":"2030-01-01T00:00:00Z","revokedAt":"2024-02-01T00:00:00Z",'
# the same member both times: unchanged
capture "$sum_arn\"domainName\":\"a.example.com\"," "$issued" >"$d/caps/m.json"
in_d "$d" -q --write-baseline=b.json caps/m.json
in_d "$d" --baseline=b.json caps/m.json
[ "$status" -eq 0 ] || fail "same member: status $status"
same_text "same member: unchanged" "1 file, 1 document, 1 certificate: 0 errors, 0 warnings, 0 notes; 1 unchanged, 0 fixed since the baseline" "$tmp/err"
rm -f "$d/caps/m.json" "$d/b.json"

# --- the file's spelling: one baseline, every way of naming the files
cp "$top_srcdir/tests/forms/flawed/wire.json" "$d/caps/a.json"
in_d "$d" -q --write-baseline=b.json caps
[ "$status" -eq 0 ] || fail "write (exit 0 once written): status $status"
has_text "keys relative to the baseline" '"file":"caps/a.json"' "$d/b.json"
cp "$d/b.json" "$tmp/b-first"
spelled() { # spelled DESCRIPTION DIR ARGS...
    what=$1
    shift
    in_d "$@"
    [ "$status" -eq 0 ] || fail "$what: status $status; $(head -c 300 "$tmp/out")"
    same_text "$what" "1 file, 1 document, 3 certificates: 0 errors, 0 warnings, 0 notes; 22 unchanged, 0 fixed since the baseline" "$tmp/err"
}
spelled "caps" "$d" --baseline=b.json caps
spelled "caps//a.json" "$d" --baseline=b.json caps//a.json
spelled "./caps/./a.json" "$d" --baseline=b.json ./caps/./a.json
spelled "\$PWD/caps" "$d" --baseline=b.json "$d/caps"
spelled "the baseline by an absolute name" "$d" --baseline="$d/b.json" caps
spelled "from a subdirectory" "$d/sub/deeper" --baseline=../../b.json ../../caps
spelled "from a subdirectory, ../ inside" "$d/sub" --baseline=../sub/../b.json ../caps/../caps/a.json
# written from a subdirectory: the same bytes
in_d "$d/sub" -q --write-baseline=../b.json ../caps
cmp -s "$tmp/b-first" "$d/b.json" || fail "written from a subdirectory: other keys"
# a baseline elsewhere names the files from its own directory
in_d "$d/sub" -q --write-baseline=deeper/elsewhere.json ../caps/a.json
has_text "a baseline in another directory" '"file":"../../caps/a.json"' "$d/sub/deeper/elsewhere.json"
# an earlier baseline with the operand's spelling ("./caps//a.json") still reads
sed 's|"file":"caps/a.json"|"file":"./caps//a.json"|' "$tmp/b-first" >"$d/old.json"
spelled "an earlier baseline's spelling" "$d" --baseline=old.json caps

# --- --baseline-match=certificate: a dated capture of the same account
mkdir -p "$d/dated"
cp "$d/caps/a.json" "$d/dated/prod-2025-05-01.json"
in_d "$d" -q --write-baseline=dated.json dated
mv "$d/dated/prod-2025-05-01.json" "$d/dated/prod-2025-06-01.json"
in_d "$d" -q --baseline=dated.json dated
[ "$status" -eq 1 ] || fail "match by file: a renamed capture is new (status $status)"
in_d "$d" --baseline=dated.json --baseline-match=certificate dated
[ "$status" -eq 0 ] || fail "match by certificate: status $status; $(head -c 300 "$tmp/out")"
same_text "match by certificate" "1 file, 1 document, 3 certificates: 0 errors, 0 warnings, 0 notes; 22 unchanged, 0 fixed since the baseline" "$tmp/err"
printf '{"baseline-match": "certificate"}\n' >"$d/.lscertlint.json"
in_d "$d" -q --baseline=dated.json dated
[ "$status" -eq 0 ] || fail "baseline-match as a configuration key: status $status"
rm "$d/.lscertlint.json"
in_d "$d" --baseline=dated.json --baseline-match=name dated
[ "$status" -eq 2 ] || fail "bad --baseline-match: status $status"

# --- --prune-baseline: what no longer occurs goes, atomically; the rest stays
python3 - "$d/caps/a.json" <<'PY' || fail "prune: python"
import json, sys
p = sys.argv[1]
d = json.load(open(p))
for c in d["certificates"]:
    if c["certificateName"] == "www-example-com":
        del c["certificateDetail"]["revokedAt"]
json.dump(d, open(p, "w"), indent=1)
PY
cp "$tmp/b-first" "$d/b.json"
in_d "$d" --baseline=b.json --prune-baseline caps
[ "$status" -eq 0 ] || fail "prune: status $status"
same_text "prune: summary" "1 file, 1 document, 3 certificates: 0 errors, 0 warnings, 0 notes; 21 unchanged, 1 fixed since the baseline" "$tmp/err"
in_d "$d" -q --write-baseline=fresh.json caps
cmp -s "$d/fresh.json" "$d/b.json" || fail "prune: not what --write-baseline writes now: $(diff "$d/fresh.json" "$d/b.json")"
# entries of files not checked in the run stay
cp "$tmp/b-first" "$d/b.json"
printf '{}\n' >"$d/other.json"
in_d "$d" -q --baseline=b.json --prune-baseline other.json
cmp -s "$tmp/b-first" "$d/b.json" || fail "prune: entries of unchecked files dropped"
in_d "$d" --prune-baseline caps
[ "$status" -eq 2 ] || fail "--prune-baseline without --baseline: status $status"
same_text "--prune-baseline without --baseline" "lscertlint: --prune-baseline needs --baseline=FILE
Try 'lscertlint --help'." "$tmp/err"
ls -a "$d" >"$tmp/ls"
same_text "prune: no temporary file left" ".
..
b.json
caps
dated
dated.json
fresh.json
old.json
other.json
sub" "$tmp/ls"

finish
