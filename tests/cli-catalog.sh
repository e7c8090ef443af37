#!/bin/sh
# --list-rules[=text|json|markdown] and --explain=ID list every rule of the
# catalog (schema/rule_ids.h); the man page names every rule id.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

# The catalog's ids and default severities, from the X-macro.
sed -n 's/^ *X([A-Z_0-9]*, "\([a-z0-9-]*\)", LSC_\([A-Z]*\)).*/\1 \2/p' \
    "$top_srcdir/schema/rule_ids.h" | tr 'A-Z' 'a-z' >"$tmp/catalog"
count=$(wc -l <"$tmp/catalog")
[ "$count" -ge 55 ] || fail "only $count rules read from schema/rule_ids.h"

expect_status 0 "--list-rules" --list-rules
empty_file "--list-rules: stderr" "$tmp/err"
awk '{ print $1, $2 }' "$tmp/out" >"$tmp/listed"
cmp -s "$tmp/catalog" "$tmp/listed" || fail "--list-rules: ids and severities differ from the catalog:$nl$(diff "$tmp/catalog" "$tmp/listed")"
awk 'NF < 3 { bad = 1 } END { exit bad }' "$tmp/out" || fail "--list-rules: a rule without a summary"
cp "$tmp/out" "$tmp/list.txt"

expect_status 0 "--list-rules=text" --list-rules=text
cmp -s "$tmp/out" "$tmp/list.txt" || fail "--list-rules=text differs from --list-rules"

expect_status 0 "--list-rules=json" --list-rules=json
if command -v jq >/dev/null 2>&1; then
    jq -r '.[] | "\(.id) \(.severity)"' "$tmp/out" >"$tmp/listed" || fail "--list-rules=json: not JSON"
    cmp -s "$tmp/catalog" "$tmp/listed" || fail "--list-rules=json: differs from the catalog"
    jq -e 'all(.[]; (.summary | length) > 0 and (.group | length) > 0 and (.optIn | type) == "boolean")' \
        "$tmp/out" >/dev/null || fail "--list-rules=json: a rule lacks summary, group or optIn"
    jq -e 'map(select(.id == "expires-soon"))[0].optIn == true' "$tmp/out" >/dev/null ||
        fail "--list-rules=json: expires-soon is not opt-in"
else
    for id in $(cut -d' ' -f1 "$tmp/catalog"); do
        has_text "--list-rules=json: $id" "\"id\": \"$id\"" "$tmp/out"
    done
fi

expect_status 0 "--list-rules=markdown" --list-rules=markdown
sed -n 's/^| `\([a-z0-9-]*\)` | \([a-z]*\) | .*/\1 \2/p' "$tmp/out" >"$tmp/listed"
cmp -s "$tmp/catalog" "$tmp/listed" || fail "--list-rules=markdown: rows differ from the catalog"
has_text "--list-rules=markdown: table head" "| id | severity | summary |" "$tmp/out"

expect_status 0 "--explain" --explain=tag-key-charset
sed -n 1p "$tmp/out" >"$tmp/first"
same_text "--explain: first line" "tag-key-charset (error, Tags)" "$tmp/first"
[ "$(wc -l <"$tmp/out")" -ge 5 ] || fail "--explain: too short: $(cat "$tmp/out")"
expect_status 0 "--explain of an opt-in rule" --explain=expires-soon
has_text "--explain: opt-in marked" "opt-in" "$tmp/out"
expect_status 2 "--explain with an operand" --explain=json-bom file.json

# The man page documents every rule id, option and exit status.
man="$top_srcdir/doc/lscertlint.1"
for id in $(cut -d' ' -f1 "$tmp/catalog"); do
    roff_id=$(printf '%s' "$id" | sed 's/-/\\-/g')
    grep -qF -- "$roff_id" "$man" || fail "man page: rule $id missing"
done
for opt in format output pass\\-through normalize fail\\-on disable enable severity \
    expect expect\\-status expect\\-name now expiry\\-days max\\-depth stdin\\-filename \
    color quiet list\\-rules explain help version; do
    grep -qF -- "\\-\\-$opt" "$man" || fail "man page: option --$opt missing"
done
for code in 0 1 2 3; do
    grep -q "^\.IP $code\$" "$man" || fail "man page: exit status $code missing"
done
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$man" 2>"$tmp/groff" || fail "man page: groff failed"
    empty_file "man page: groff warnings" "$tmp/groff"
fi

finish
