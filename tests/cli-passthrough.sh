#!/bin/sh
# -p copies every input byte to stdout unchanged (byte identity with cmp),
# invalid JSON and binary included, from files, stdin and pipes; the report
# goes to stderr, or to -o FILE.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

# A multi-MB JSON Lines input: 4000 pages of 5 certificates each.
awk 'BEGIN {
    for (d = 0; d < 4000; d++) {
        printf "{\"certificates\":["
        for (c = 0; c < 5; c++) {
            n = d * 5 + c
            printf "%s{\"certificateArn\":\"arn:aws:lightsail:us-east-1:123456789012:Certificate/%08d-aaaa-bbbb-cccc-dddddddddddd\",\"certificateName\":\"cert-%d\",\"domainName\":\"www%d.example.com\",\"tags\":[{\"key\":\"owner\",\"value\":\"team %d\"}]}", (c ? "," : ""), n, n, n, n
        }
        printf "]}\n"
    }
}' >"$tmp/big.jsonl"
size=$(wc -c <"$tmp/big.jsonl")
[ "$size" -gt 2000000 ] || fail "generated input too small: $size bytes"

run -p "$tmp/big.jsonl"
[ "$status" -eq 0 ] || fail "big JSON Lines: status $status; stderr: $(head -c 400 "$tmp/err")"
cmp -s "$tmp/big.jsonl" "$tmp/out" || fail "big JSON Lines: output differs from input"
same_text "big JSON Lines: summary on stderr" \
    "1 file, 4000 documents, 20000 certificates: 0 errors, 0 warnings, 0 notes" "$tmp/err"

# From standard input, a redirect and a pipe.
run -p <"$tmp/big.jsonl"
cmp -s "$tmp/big.jsonl" "$tmp/out" || fail "stdin redirect: output differs"
cat "$tmp/big.jsonl" | "$LSCERTLINT" -p >"$tmp/out" 2>"$tmp/err"
cmp -s "$tmp/big.jsonl" "$tmp/out" || fail "stdin pipe: output differs"
run -p - <"$tmp/big.jsonl"
cmp -s "$tmp/big.jsonl" "$tmp/out" || fail "'-' operand: output differs"

# Invalid JSON: copied whole, past the syntax error, while the report says
# json-syntax on stderr.
{
    printf '{"certificates":[}\n'
    head -c 300000 "$tmp/big.jsonl"
    printf 'trailing garbage \001\002 without newline'
} >"$tmp/bad.json"
run -p "$tmp/bad.json"
[ "$status" -eq 1 ] || fail "invalid JSON: status $status, expected 1"
cmp -s "$tmp/bad.json" "$tmp/out" || fail "invalid JSON: output differs from input"
has_text "invalid JSON: finding on stderr" "$tmp/bad.json:1:18: error:" "$tmp/err"
has_text "invalid JSON: rule on stderr" "[json-syntax]" "$tmp/err"

# Not JSON at all: arbitrary bytes, NULs and invalid UTF-8 included.
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%c", (i * 7919) % 256 }' >"$tmp/binary.json" 2>/dev/null
printf '\000\377\376 raw\000\n' >>"$tmp/binary.json"
run -p "$tmp/binary.json"
cmp -s "$tmp/binary.json" "$tmp/out" || fail "binary input: output differs from input"
[ "$status" -eq 1 ] || fail "binary input: status $status, expected 1"

# Several inputs: their bytes one after the other.
printf '{}' >"$tmp/a.json" # no final newline
printf '[1,2]\n' >"$tmp/b.json"
run -p "$tmp/a.json" "$tmp/big.jsonl" "$tmp/b.json"
cat "$tmp/a.json" "$tmp/big.jsonl" "$tmp/b.json" >"$tmp/all"
cmp -s "$tmp/all" "$tmp/out" || fail "several inputs: output is not their concatenation"
has_text "several inputs: note of a.json" "$tmp/a.json:1:1: note:" "$tmp/err"
has_text "several inputs: error of b.json" "$tmp/b.json:1:1: error:" "$tmp/err"

# An empty input is passed as nothing (and is a json-syntax finding).
: >"$tmp/empty.json"
run -p "$tmp/empty.json"
empty_file "empty input: nothing copied" "$tmp/out"
[ "$status" -eq 1 ] || fail "empty input: status $status, expected 1"

# -o FILE: the report goes there, stderr keeps only the summary line.
run -p -o "$tmp/report.txt" "$tmp/b.json"
cmp -s "$tmp/b.json" "$tmp/out" || fail "-p -o: output differs"
has_text "-p -o: report in the file" "[not-a-response]" "$tmp/report.txt"
same_text "-p -o: stderr" "1 file, 1 document, 0 certificates: 1 error, 0 warnings, 0 notes" "$tmp/err"

# A machine-readable report on stderr gets no summary line after it.
run -p -f jsonl "$tmp/b.json"
cmp -s "$tmp/b.json" "$tmp/out" || fail "-p -f jsonl: output differs"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "-p -f jsonl: expected one jsonl line on stderr, got: $(cat "$tmp/err")"
has_text "-p -f jsonl: the finding" '"rule":"not-a-response"' "$tmp/err"

# -qq: the data still flows, nothing else is printed.
run -p -qq "$tmp/bad.json"
cmp -s "$tmp/bad.json" "$tmp/out" || fail "-p -qq: output differs"
empty_file "-p -qq: stderr" "$tmp/err"
[ "$status" -eq 1 ] || fail "-p -qq: status $status, expected 1"

# A FIFO as the input.
mkfifo "$tmp/fifo" || fail "mkfifo"
cat "$tmp/big.jsonl" >"$tmp/fifo" &
run -p "$tmp/fifo"
wait
cmp -s "$tmp/big.jsonl" "$tmp/out" || fail "FIFO input: output differs"

finish
