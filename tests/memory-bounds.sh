#!/bin/sh
# Bounded memory (doc/contract.md §8): a certificate's lists are validated
# one element at a time, so a certificate of a million {} validation records
# or tags, or a document of a million duplicate keys, stays under 64 MiB of
# peak RSS, twice as many elements add at most 32 MiB, and a realistic
# capture stays under 8 MiB. Each input's findings (rule, pointer,
# line:column) are asserted too, with and without the RSS figures.
#
# In a plain `make check` the lists have 100,000 elements; with
# LSC_SLOW_TESTS=1, 1,000,000 and 2,000,000 (the issue's table). The RSS
# assertions need /usr/bin/time and are skipped (the findings are not) in a
# sanitizer build and under valgrind, whose own memory would be measured.
#
# A million unknown top-level members (29-byte keys) is bounded differently:
# json-duplicate-key needs every distinct key of the object and the position
# of its first occurrence, so memory grows with the keys. The registry keeps
# about 50 bytes per such key (a 20-byte entry, the key's 29 bytes, a
# quarter to one 4-byte bucket; it was 86 bytes before it was made
# compact): 51 MiB at 1M keys, 100 MiB at 2M. The bound is the CLI's RSS on
# "{}" plus 64 bytes per key, and 64 MiB up to a million keys; the doubling
# bound cannot hold while every key's bytes are kept (doc/contract.md §8).
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

FEED="$top_builddir/tests/feed"
[ -x "$FEED" ] || { echo "memory-bounds: $FEED not built" >&2; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/memory-bounds.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
    fail=$((fail + 1))
    echo "not ok - $1"
    [ -s "$tmp/why" ] && sed 's/^/    /' "$tmp/why"
    :
}

measure=1
if [ ! -x /usr/bin/time ]; then
    echo "SKIP RSS: /usr/bin/time is absent (the findings are still checked)"
    measure=0
elif [ -n "$VALGRIND" ] || grep -q '^SAN_CFLAGS = .*sanitize' "$top_builddir/Makefile" 2>/dev/null; then
    echo "SKIP RSS: sanitizer build or valgrind (the findings are still checked)"
    measure=0
fi

# gen KIND N: the document of the table
gen() {
    case $1 in
    records) awk -v n="$2" 'BEGIN { printf "{\"certificates\":[{\"certificateDetail\":{\"domainValidationRecords\":["
        for (i = 0; i < n; i++) printf (i ? ",{}" : "{}"); print "]}}]}" }' ;;
    tags) awk -v n="$2" 'BEGIN { printf "{\"certificates\":[{\"tags\":["
        for (i = 0; i < n; i++) printf (i ? ",{}" : "{}"); print "]}]}" }' ;;
    dupkeys) awk -v n="$2" 'BEGIN { printf "{"
        for (i = 0; i < n; i++) printf "%s\"a\":0", (i ? "," : ""); print "}" }' ;;
    unknown) awk -v n="$2" 'BEGIN { printf "{"
        for (i = 0; i < n; i++) printf "%s\"unknown-member-%014d\":0", (i ? "," : ""), i; print "}" }' ;;
    esac
}

# want KIND N: the exact findings, as tests/feed prints them
want() {
    case $1 in
    records) {
        for i in 1 2 3; do echo 'missing-field "/certificates/0" 1:18'; done
        for i in 1 2 3 4; do echo 'missing-field "/certificates/0/certificateDetail" 1:39'; done
    } ;;
    tags) {
        for i in 1 2 3; do echo 'missing-field "/certificates/0" 1:18'; done
        echo "tag-count \"/certificates/0/tags\" 1:26"
        awk 'BEGIN { for (i = 0; i < 1000; i++) printf "tag-key-missing \"/certificates/0/tags/%d\" 1:%d\n", i, 27 + 3 * i }'
    } ;;
    dupkeys) {
        echo 'not-a-response "" 1:1'
        awk 'BEGIN { for (i = 1; i <= 1000; i++) printf "json-duplicate-key \"/a\" 1:%d\n", 2 + 6 * i }'
    } ;;
    unknown) echo 'not-a-response "" 1:1' ;;
    esac
}

# rss FILE: peak RSS in KiB of the CLI on FILE (through libtool: the
# program's, not its wrapper's)
rss() {
    "$top_builddir/libtool" --mode=execute /usr/bin/time -f '%M' -o "$tmp/time" \
        "$LSCERTLINT" -q -f jsonl "$1" >"$tmp/cli" 2>"$tmp/err"
    tail -n 1 "$tmp/time"
}

findings_ok() { # KIND N FILE
    "$FEED" "$3" >"$tmp/got" 2>"$tmp/err"
    want "$1" "$2" >"$tmp/want"
    if diff "$tmp/want" "$tmp/got" >"$tmp/why" 2>&1; then ok "$1 x $2: exact findings"
    else head -n 20 "$tmp/why" >"$tmp/why2"; mv "$tmp/why2" "$tmp/why"; not_ok "$1 x $2: exact findings"; fi
}

if [ "${LSC_SLOW_TESTS:-0}" = 1 ]; then sizes="1000000 2000000"; else sizes="100000"; fi

# the CLI's own peak RSS, on the smallest document: what a key adds is
# measured above it
if [ "$measure" = 1 ]; then
    echo '{}' >"$tmp/empty.json"
    empty_kib=$(rss "$tmp/empty.json")
    echo "{}: peak RSS $empty_kib KiB"
fi

for kind in records tags dupkeys unknown; do
    prev=
    for n in $sizes; do
        gen "$kind" "$n" >"$tmp/in.json"
        : >"$tmp/why"
        findings_ok "$kind" "$n" "$tmp/in.json"
        [ "$measure" = 1 ] || continue
        kib=$(rss "$tmp/in.json")
        echo "$kind x $n: peak RSS $kib KiB"
        : >"$tmp/why"
        if [ "$kind" = unknown ]; then
            limit=$((empty_kib + n * 64 / 1024)) # 64 bytes per distinct key (see the head)
            [ "$n" -le 1000000 ] && [ "$limit" -gt 65536 ] && limit=65536
        else
            limit=65536
        fi
        if [ "$kib" -le "$limit" ]; then ok "$kind x $n: peak RSS $kib KiB <= $limit KiB"
        else not_ok "$kind x $n: peak RSS $kib KiB <= $limit KiB"; fi
        if [ -n "$prev" ] && [ "$kind" != unknown ]; then
            if [ $((kib - prev)) -le 32768 ]; then ok "$kind: doubling adds $((kib - prev)) KiB <= 32 MiB"
            else not_ok "$kind: doubling adds $((kib - prev)) KiB <= 32 MiB"; fi
        fi
        prev=$kib
    done
done

# a realistic capture: every form of the samples, under 8 MiB
for f in "$top_srcdir"/samples/*.json "$top_srcdir"/samples/paged.jsonl; do
    [ "$measure" = 1 ] || break
    kib=$(rss "$f")
    : >"$tmp/why"
    if [ "$kib" -le 8192 ]; then ok "$(basename "$f"): peak RSS $kib KiB <= 8 MiB"
    else not_ok "$(basename "$f"): peak RSS $kib KiB <= 8 MiB"; fi
done

# --normalize keeps every element (its lists are whole past the list limit)
awk 'BEGIN { printf "{\"certificates\":[{\"certificateDetail\":{\"subjectAlternativeNames\":["
    for (i = 0; i < 300; i++) printf "%s\"h%d.example.com\"", (i ? "," : ""), i; print "]}}]}" }' >"$tmp/names.json"
"$LSCERTLINT" --normalize "$tmp/names.json" >"$tmp/norm" 2>"$tmp/err"
n=$(tr ',' '\n' <"$tmp/norm" | grep -c '\.example\.com"')
: >"$tmp/why"
if [ "$n" -eq 300 ] && grep -q '"h299.example.com"' "$tmp/norm"; then ok "--normalize writes all 300 names"
else echo "names written: $n" >"$tmp/why"; not_ok "--normalize writes all 300 names"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
