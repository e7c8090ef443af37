#!/bin/sh
# The memory each report format keeps per finding, as doc/contract.md §8
# states it: peak RSS (/usr/bin/time) of one input with N findings (one per
# certificate: a hand-written aws: tag key) in each format, less the text
# format's (which keeps nothing per finding), divided by N, must stay within
# twice the stated figure (plus 32 bytes of noise). Skipped without /usr/bin/time and under a
# sanitizer or valgrind, as tests/memory-bounds.sh is.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time is absent"; exit 77; }
if [ -n "${VALGRIND:-}" ] || grep -q '^SAN_CFLAGS = .*sanitize' "$top_builddir/Makefile" 2>/dev/null; then
    echo "SKIP: sanitizer build or valgrind"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/report-memory.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
n=${LSC_REPORT_MEMORY_N:-20000}
awk -v n="$n" 'BEGIN { printf "{\"certificates\":["
    for (i = 0; i < n; i++)
        printf "%s{\"certificateArn\":\"arn:aws:lightsail:us-east-1:123456789012:Certificate/%08d\",\"certificateName\":\"c%d\",\"domainName\":\"c%d.example.com\",\"tags\":[{\"key\":\"aws:owner\",\"value\":\"x\"}]}", (i ? "," : ""), i, i, i
    print "]}" }' >"$tmp/in.json"

# rss ARGS...: peak RSS in KiB of a run
rss() {
    /usr/bin/time -f '%M' -o "$tmp/rss" "$LSCERTLINT" -q -j1 "$@" -o "$tmp/out" "$tmp/in.json" 2>/dev/null
    tail -1 "$tmp/rss"
}

fail=0
base=$(rss -f text)
[ "$(grep -c . "$tmp/out")" -eq "$n" ] || { echo "FAIL: not $n findings"; exit 1; }
# FORMAT OPTIONS BYTES-PER-FINDING (doc/contract.md §8)
while read -r name opts bytes; do
    # shellcheck disable=SC2086 # opts holds one or two options
    got=$(rss $opts)
    per=$(( (got - base) * 1024 / n ))
    echo "$name: $got KiB, text $base KiB: $per bytes per finding (stated $bytes)"
    [ "$per" -le $((bytes * 2 + 32)) ] || { echo "FAIL: $name keeps $per bytes per finding"; fail=1; }
done <<'TABLE'
jsonl -fjsonl 0
json -fjson 0
github -fgithub 0
sarif -fsarif 64
gitlab -fgitlab 64
junit -fjunit 300
inventory-text --inventory=text 650
inventory-csv --inventory=csv 250
write-baseline --write-baseline=/dev/null 170
TABLE
exit $fail
