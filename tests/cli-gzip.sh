#!/bin/sh
# Compressed captures (doc/cli.md §1): files ending in .gz (any case) and a
# gzip stream on standard input (magic bytes 1f 8b) are inflated as they
# stream.
#   - the 11 valid samples gzipped give byte for byte the findings (jsonl,
#     with --now so the time rules fire too) and the --normalize output of
#     the plain files, from a file and from standard input;
#   - -p passes the compressed bytes through unchanged;
#   - a directory walk finds *.json.gz, *.jsonl.gz, *.ndjson.gz (.GZ too);
#   - corrupt and truncated streams give the documented json-syntax finding
#     and exit 1 (hand-made stored-block streams, so the bytes do not depend
#     on a gzip version);
#   - with LSC_SLOW_TESTS=1: 1 GB of JSON as a gzip stream through a pipe
#     stays within 8 MiB of peak RSS.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

if ! command -v gzip >/dev/null 2>&1; then
    echo "SKIP: gzip not found"
    exit 77
fi
cd "$top_srcdir" || exit 99

# ---- the valid samples: the same findings and the same normalized text ------------
n=0
for f in samples/*.json samples/*.jsonl samples/forms/*.json; do
    n=$((n + 1))
    gz="$tmp/sample$n.json.gz"
    gzip -c "$f" >"$gz"
    run -f jsonl --now=2024-07-01T00:00:00Z "$f" </dev/null
    cp "$tmp/out" "$tmp/plain"
    plain_status=$status
    run -f jsonl --now=2024-07-01T00:00:00Z --stdin-filename="$f" - <"$gz"
    [ "$status" -eq "$plain_status" ] || fail "$f gzipped on stdin: exit $status, plain $plain_status"
    cmp -s "$tmp/plain" "$tmp/out" ||
        fail "$f gzipped on stdin: other findings:$nl$(diff "$tmp/plain" "$tmp/out" | head -10)"
    run -f jsonl --now=2024-07-01T00:00:00Z "$gz" </dev/null
    sed "s|\"file\":\"$gz\"|\"file\":\"$f\"|" "$tmp/out" >"$tmp/renamed"
    cmp -s "$tmp/plain" "$tmp/renamed" ||
        fail "$f as $gz: other findings:$nl$(diff "$tmp/plain" "$tmp/renamed" | head -10)"
    run --normalize "$f" </dev/null
    cp "$tmp/out" "$tmp/plain"
    run --normalize "$gz" </dev/null
    cmp -s "$tmp/plain" "$tmp/out" || fail "$f gzipped: other --normalize output"
    run -p -q "$gz" </dev/null
    cmp -s "$gz" "$tmp/out" || fail "$f gzipped: -p does not pass the compressed bytes through"
done
[ "$n" -eq 11 ] || fail "expected the 11 valid samples, found $n"
# the samples give findings with --now, so the comparison compares something
run -f jsonl --now=2024-07-01T00:00:00Z - <"$tmp/sample1.json.gz"
[ -s "$tmp/out" ] || fail "samples/boto3-dump.json gives no finding with --now: the comparison is empty"

# a stream of several members (gzip -c a >x; gzip -c b >>x) is one input
cat "$tmp/sample1.json.gz" "$tmp/sample1.json.gz" >"$tmp/two.gz"
run -q - <"$tmp/two.gz"
[ "$status" -eq 0 ] || fail "two gzip members: exit $status"
run --normalize - <"$tmp/two.gz"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "two gzip members: not two documents"

# ---- the walk --------------------------------------------------------------------
mkdir -p "$tmp/walk/sub"
cp "$tmp/sample1.json.gz" "$tmp/walk/a.json.gz"
cp "$tmp/sample1.json.gz" "$tmp/walk/sub/b.jsonl.GZ"
cp "$tmp/sample1.json.gz" "$tmp/walk/c.ndjson.Gz"
cp "$tmp/sample1.json.gz" "$tmp/walk/notes.txt.gz"
cp "$tmp/sample1.json.gz" "$tmp/walk/plain.gz"
run -f json "$tmp/walk" </dev/null
[ "$status" -eq 0 ] || fail "walk: exit $status"
grep -o '"file":"[^"]*","documents"' "$tmp/out" | sed "s|$tmp/walk/||" >"$tmp/files"
same_text "walk: the .gz forms of the JSON names, in order" '"file":"a.json.gz","documents"
"file":"c.ndjson.Gz","documents"
"file":"sub/b.jsonl.GZ","documents"' "$tmp/files"

# ---- corrupt and truncated streams -----------------------------------------------
if command -v python3 >/dev/null 2>&1; then
    # {"certificates":[]} LF in two stored blocks (10 + 10 bytes), 48 bytes in all
    python3 - "$tmp" <<'PY'
import struct, sys, zlib
tmp = sys.argv[1]
c = b'{"certificates":[]}\n'
head = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
def stored(data, final):
    return bytes([1 if final else 0]) + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data
ok = head + stored(c[:10], False) + stored(c[10:], True) + struct.pack("<II", zlib.crc32(c), len(c))
def save(name, data):
    with open(tmp + "/" + name, "wb") as f:
        f.write(data)
save("ok.gz", ok)
bad = bytearray(ok)
bad[28] ^= 0xFF  # the second block's NLEN
save("badlen.gz", bytes(bad))
bad = bytearray(ok)
bad[40] ^= 1  # the CRC-32
save("badcrc.gz", bytes(bad))
save("cut.gz", ok[:45])
save("trailing.gz", ok + b"junk\n")
PY
    cd "$tmp" || exit 99
    run ok.gz </dev/null
    [ "$status" -eq 0 ] || fail "the hand-made stream: exit $status; $(cat "$tmp/out")"
    # check_corrupt FILE EXPECTED-LINE
    check_corrupt() {
        run -q "$1" </dev/null
        [ "$status" -eq 1 ] || fail "$1: exit status $status, expected 1"
        same_text "$1" "$2" "$tmp/out"
        run -q - <"$1"
        [ "$status" -eq 1 ] || fail "$1 on stdin: exit status $status, expected 1"
        same_text "$1 on stdin" "<stdin>${2#"$1"}" "$tmp/out"
    }
    check_corrupt badlen.gz 'badlen.gz:1:11: error: gzip data is corrupt at byte 29 of the compressed input: invalid stored block lengths [json-syntax]'
    check_corrupt badcrc.gz 'badcrc.gz:2:1: error: gzip data is corrupt at byte 43 of the compressed input: incorrect data check [json-syntax]'
    check_corrupt cut.gz 'cut.gz:2:1: error: gzip data is corrupt at byte 45 of the compressed input: it ends before the end of the compressed stream [json-syntax]'
    check_corrupt trailing.gz 'trailing.gz:2:1: error: gzip data is corrupt at byte 49 of the compressed input: incorrect header check [json-syntax]'
    # a .gz name promises gzip; standard input is judged by its first bytes
    printf '{"certificates":[]}\n' >plain.json.gz
    run -q plain.json.gz </dev/null
    [ "$status" -eq 1 ] || fail "plain.json.gz: exit status $status, expected 1"
    same_text "plain.json.gz" 'plain.json.gz:1:1: error: gzip data is corrupt at byte 1 of the compressed input: incorrect header check [json-syntax]' "$tmp/out"
    run -q - <plain.json.gz
    [ "$status" -eq 0 ] || fail "plain JSON on stdin: exit status $status, expected 0"
    : >empty.json.gz
    run -q empty.json.gz </dev/null
    [ "$status" -eq 1 ] || fail "empty.json.gz: exit status $status, expected 1"
    same_text "empty.json.gz" 'empty.json.gz:1:1: error: gzip data is corrupt at byte 0 of the compressed input: the input is empty [json-syntax]' "$tmp/out"
    # one byte of the magic only: not gzip, and not JSON
    printf '\037' | run -q -
    [ "$status" -eq 1 ] || fail "a lone 1f byte on stdin: exit status $status, expected 1"
    has_text "a lone 1f byte on stdin" "[json-syntax]" "$tmp/out"
    # the finding goes to every format, and json-syntax can be turned off
    run -f jsonl badlen.gz </dev/null
    same_text "badlen.gz -f jsonl" '{"file":"badlen.gz","document":0,"line":1,"column":11,"offset":10,"pointer":"","rule":"json-syntax","severity":"error","message":"gzip data is corrupt at byte 29 of the compressed input: invalid stored block lengths"}' "$tmp/out"
    run -q --disable=json-syntax badlen.gz </dev/null
    [ "$status" -eq 0 ] || fail "badlen.gz --disable=json-syntax: exit $status"
    empty_file "badlen.gz --disable=json-syntax" "$tmp/out"
    # -p passes even corrupt bytes through
    run -p -q badlen.gz </dev/null
    cmp -s badlen.gz "$tmp/out" || fail "badlen.gz -p: the bytes were not passed through"
    cd "$top_srcdir" || exit 99
else
    echo "SKIP: python3 not found: the corrupt-stream checks do not run"
fi

# ---- zero padding after the last member (tape blocks, some archivers) -----------
# gzip(1) accepts it with a warning: the same findings as without it, one
# note on stderr, at -j1 and -j2; a non-zero byte in the padding is damage.
gzip -c samples/cli-v1.json >"$tmp/pad.json.gz"
run -f jsonl --now=2024-07-01T00:00:00Z "$tmp/pad.json.gz" </dev/null
cp "$tmp/out" "$tmp/nopad.out"
nopad_status=$status
head -c 1000 /dev/zero >>"$tmp/pad.json.gz"
for j in -j1 -j2; do
    run "$j" -f jsonl --now=2024-07-01T00:00:00Z "$tmp/pad.json.gz" "$tmp/pad.json.gz" </dev/null
    [ "$status" -eq "$nopad_status" ] || fail "zero padding $j: exit $status, without it $nopad_status"
    cat "$tmp/nopad.out" "$tmp/nopad.out" >"$tmp/nopad2.out"
    cmp -s "$tmp/nopad2.out" "$tmp/out" || fail "zero padding $j: other findings"
    printf 'lscertlint: %s: 1000 zero bytes after the gzip data ignored\n' \
        "$tmp/pad.json.gz" "$tmp/pad.json.gz" >"$tmp/want"
    grep -v '^[0-9]* files\?, ' "$tmp/err" >"$tmp/err.notes"
    cmp -s "$tmp/want" "$tmp/err.notes" ||
        fail "zero padding $j: stderr:$nl$(cat "$tmp/err")"
done
run -q - <"$tmp/pad.json.gz"
[ "$status" -eq "$nopad_status" ] || fail "zero padding on stdin: exit $status"
grep -q '^lscertlint: <stdin>: 1000 zero bytes after the gzip data ignored$' "$tmp/err" ||
    fail "zero padding on stdin: stderr: $(cat "$tmp/err")"
printf 'x' >>"$tmp/pad.json.gz"
size=$(($(wc -c <"$tmp/pad.json.gz") - 1))
run -q -f jsonl "$tmp/pad.json.gz" </dev/null
[ "$status" -eq 1 ] || fail "garbage after zero padding: exit $status, expected 1"
grep -q "\"rule\":\"json-syntax\".*gzip data is corrupt at byte $size of the compressed input: a byte other than zero in the zero padding after the last member" "$tmp/out" ||
    fail "garbage after zero padding: $(cat "$tmp/out")"
grep -q 'zero bytes after the gzip data ignored' "$tmp/err" &&
    fail "garbage after zero padding: the padding was noted: $(cat "$tmp/err")"

# ---- 1 GB through a pipe: memory stays flat (slow) -------------------------------
if [ "${LSC_SLOW_TESTS:-0}" = 1 ] && [ -z "${VALGRIND:-}" ] && [ -x /usr/bin/time ]; then
    line=$(tr -d '\n' <"$top_srcdir/samples/wire-compact.json")
    count=$((1000000000 / (${#line} + 1) + 1))
    # (through libtool: the RSS of the program, not of its wrapper script)
    yes "$line" | head -n $count | gzip -1 |
        "$top_builddir/libtool" --mode=execute /usr/bin/time -f '%M' -o "$tmp/time" \
            "$LSCERTLINT" -q -f jsonl - >"$tmp/out" 2>"$tmp/err"
    rc=$?
    kib=$(tail -n 1 "$tmp/time")
    echo "1 GB of JSON as a gzip stream through a pipe: exit $rc, peak RSS $kib KiB"
    [ "$rc" -eq 0 ] || fail "1 GB gzip stream: exit $rc: $(head -c 400 "$tmp/err")"
    [ ! -s "$tmp/out" ] || fail "1 GB gzip stream: findings: $(head -c 400 "$tmp/out")"
    [ "$kib" -le 8192 ] || fail "1 GB gzip stream: peak RSS $kib KiB, more than 8 MiB"
else
    echo "SKIP: 1 GB gzip stream through a pipe (set LSC_SLOW_TESTS=1; not under valgrind; needs /usr/bin/time)"
fi

finish
