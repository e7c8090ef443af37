#!/bin/sh
# The rule and request-context options reach the library: --now (and 'now'),
# --expiry-days, --expect, --expect-status, --expect-name, --max-depth,
# --disable/--enable/--severity in command-line order, --fail-on with them.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

arn=arn:aws:lightsail:us-east-1:123456789012:Certificate/a
cat >"$tmp/issued.json" <<JSON
{"certificates":[{"certificateArn":"$arn","certificateName":"a","domainName":"a.example.com",
 "certificateDetail":{"arn":"$arn","name":"a","domainName":"a.example.com","status":"ISSUED","serialNumber":"0f:ac","subjectAlternativeNames":["a.example.com"],"createdAt":"2024-01-01T00:00:00Z","issuedAt":"2024-01-01T00:00:00Z","notBefore":"2024-01-01T00:00:00Z","notAfter":"2025-01-31T00:00:00Z"}}]}
JSON
printf '{"certificates":[{"certificateArn":"%s","certificateName":"a","domainName":"a.example.com"}]}\n' \
    "$arn" >"$tmp/summary.json"

# rules LIST ARGS...: the "RULE POINTER LINE:COL" of every finding, sorted.
rules() {
    run -f jsonl "$@"
    sed 's/.*"line":\([0-9]*\),"column":\([0-9]*\),.*"pointer":"\([^"]*\)","rule":"\([^"]*\)".*/\4 \3 \1:\2/' \
        "$tmp/out" | sort >"$tmp/rules"
}

rules "$tmp/issued.json"
empty_file "clean without options" "$tmp/rules"
[ "$status" -eq 0 ] || fail "clean: status $status"

# --now and --expiry-days
rules --now=2025-01-15T00:00:00Z "$tmp/issued.json"
same_text "--now: expires-soon" "expires-soon /certificates/0/certificateDetail/notAfter 2:326" "$tmp/rules"
[ "$status" -eq 0 ] || fail "--now: a warning is not a failure by default (status $status)"
rules --now=2025-01-15T00:00:00Z --expiry-days=10 "$tmp/issued.json"
empty_file "--expiry-days=10: 16 days left is outside the window" "$tmp/rules"
rules --now=2025-01-15T00:00:00Z --expiry-days=16 "$tmp/issued.json"
same_text "--expiry-days=16: inside" "expires-soon /certificates/0/certificateDetail/notAfter 2:326" "$tmp/rules"
rules --now=2025-01-31T00:00:00Z "$tmp/issued.json"
same_text "--now at notAfter: expired" "expired-but-issued /certificates/0/certificateDetail/notAfter 2:326" "$tmp/rules"
rules --now=@1738281600 "$tmp/issued.json"
same_text "--now as @epoch seconds (a bare number is refused: see cli-now.sh)" "expired-but-issued /certificates/0/certificateDetail/notAfter 2:326" "$tmp/rules"
rules --now=now "$tmp/issued.json"
same_text "--now=now (the clock is past 2025-01-31)" \
    "expired-but-issued /certificates/0/certificateDetail/notAfter 2:326" "$tmp/rules"
rules --now=2025-01-15T00:00:00Z --disable=expires-soon "$tmp/issued.json"
empty_file "--disable=expires-soon" "$tmp/rules"
rules --now=2025-01-15T00:00:00Z --fail-on=warning "$tmp/issued.json"
[ "$status" -eq 1 ] || fail "--now --fail-on=warning: status $status, expected 1"
rules --now=2025-01-15T00:00:00Z --severity=expires-soon=error "$tmp/issued.json"
[ "$status" -eq 1 ] || fail "--severity=expires-soon=error: status $status, expected 1"
has_text "--severity shown in the report" '"severity":"error"' "$tmp/out"
rules --now=2025-01-15T00:00:00Z --severity=expires-soon=note --severity=expires-soon=warning "$tmp/issued.json"
has_text "later --severity wins" '"severity":"warning"' "$tmp/out"
rules --now=2025-01-15T00:00:00Z --disable=expires-soon --enable=expires-soon "$tmp/issued.json"
same_text "--enable after --disable" "expires-soon /certificates/0/certificateDetail/notAfter 2:326" "$tmp/rules"
rules --now=2025-01-15T00:00:00Z --enable=expires-soon --disable=json-bom,expires-soon "$tmp/issued.json"
empty_file "--disable list after --enable" "$tmp/rules"

# --expect
rules --expect=details "$tmp/summary.json"
same_text "--expect=details" "expect-details /certificates/0 1:18" "$tmp/rules"
[ "$status" -eq 1 ] || fail "--expect=details: status $status, expected 1"
rules --expect=details "$tmp/issued.json"
empty_file "--expect=details, details present" "$tmp/rules"
rules --expect=summary "$tmp/issued.json"
same_text "--expect=summary" "expect-summary /certificates/0/certificateDetail 2:22" "$tmp/rules"
rules --expect=summary "$tmp/summary.json"
empty_file "--expect=summary, no details" "$tmp/rules"

# --expect-status, --expect-name
rules --expect-status=PENDING_VALIDATION,FAILED "$tmp/issued.json"
same_text "--expect-status" "status-filter /certificates/0/certificateDetail/status 2:135" "$tmp/rules"
rules --expect-status=FAILED,ISSUED "$tmp/issued.json"
empty_file "--expect-status with the status" "$tmp/rules"
rules --expect-name=b "$tmp/issued.json"
same_text "--expect-name" "name-filter /certificates/0/certificateName 1:111" "$tmp/rules"
rules --expect-name=a "$tmp/issued.json"
empty_file "--expect-name matching" "$tmp/rules"

# --max-depth: certificateDetail is the 4th level, its SAN array the 5th.
rules --max-depth=3 "$tmp/issued.json"
same_text "--max-depth=3" "json-depth /certificates/0/certificateDetail 2:22" "$tmp/rules"
rules --max-depth=5 "$tmp/issued.json"
empty_file "--max-depth=5 is enough" "$tmp/rules"

finish
