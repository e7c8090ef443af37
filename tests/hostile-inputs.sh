#!/bin/sh
# Hostile inputs, each with an exact expectation. Inputs are generated on the
# fly into a temporary directory (nothing big is committed):
#   nesting 1,000,000 deep (closed, unclosed, objects), a 100 MB string, 100,000
#   tags, every prefix of a sample (truncation at every byte), every
#   single-byte mutation of a small sample (chunk-independent: feed
#   --all-chunks), invalid UTF-8 of every kind, NUL raw and escaped, extreme
#   numbers in integer and timestamp fields, a BOM, binary garbage, an empty
#   file; and through the CLI: a directory, a FIFO and a missing path (a
#   usage error) as operands, stdout closed early, stdout on a full disk.
# With LSC_SLOW_TESTS=1 also: 1 GB of valid certificates through a pipe,
# whose peak RSS must stay within 1 MiB of a 10 MB run's.
# With VALGRIND set the driver runs under valgrind, and the loops that spawn
# thousands of processes take every 37th case only.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

FEED="$top_builddir/tests/feed"
if [ ! -x "$FEED" ] || [ ! -x "$LSCERTLINT" ]; then
    echo "hostile-inputs: $FEED or $LSCERTLINT not built" >&2
    exit 77
fi
VG=
STRIDE=1
if [ -n "$VALGRIND" ]; then
    VG="$VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
    STRIDE=37
fi
# the CLI may be a libtool wrapper script: run the real program under valgrind
LSC="$LSCERTLINT"
[ -n "$VG" ] && LSC="$top_builddir/libtool --mode=execute $VG $LSCERTLINT"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostile.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

pass=0
fail=0
ok() {
    pass=$((pass + 1))
    echo "PASS: $1"
}
not_ok() {
    fail=$((fail + 1))
    echo "FAIL: $1"
    [ -s "$tmp/why" ] && sed 's/^/    /' "$tmp/why" | head -n 40
    :
}

# feed_is NAME INPUT EXPECTED [FEED OPTIONS...]: the sorted findings of INPUT
# equal the lines of EXPECTED (a string; "" for none), and feed exits 0.
feed_is() {
    name=$1 input=$2 want=$3
    shift 3
    : >"$tmp/why"
    # shellcheck disable=SC2086 # VG is a command line
    $VG "$FEED" "$@" "$input" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        { echo "feed exited $rc"; head -n 20 "$tmp/err"; } >"$tmp/why"
        not_ok "$name"
        return
    fi
    sort "$tmp/out" >"$tmp/got"
    if [ -n "$want" ]; then printf '%s\n' "$want" | sort >"$tmp/want"; else : >"$tmp/want"; fi
    if diff -u "$tmp/want" "$tmp/got" >"$tmp/why"; then ok "$name"; else not_ok "$name"; fi
}

# ---- nesting ---------------------------------------------------------------
N=1000000
head -c $N /dev/zero | tr '\0' '[' >"$tmp/open"
{ cat "$tmp/open"; head -c $N /dev/zero | tr '\0' ']'; } >"$tmp/deep"
{
    printf '{"certificates":'
    i=0
    # 1,000,000 times {"a": built by doubling
    printf '{"a":' >"$tmp/unit"
    while [ $i -lt 20 ]; do cat "$tmp/unit" "$tmp/unit" >"$tmp/unit2"; mv "$tmp/unit2" "$tmp/unit"; i=$((i + 1)); done
    head -c $((N * 5)) "$tmp/unit"
    printf '1'
    head -c $N /dev/zero | tr '\0' '}'
    printf '}\n'
} >"$tmp/deep-obj"
P64=$(printf '/0%.0s' $(seq 64))
A63=$(printf '/a%.0s' $(seq 63))
feed_is "nesting 1e6 deep, closed: json-depth once" "$tmp/deep" \
    "not-a-response \"\" 1:1
json-depth \"$P64\" 1:65"
feed_is "nesting 1e6 deep, unclosed: json-depth, then json-syntax at the end" "$tmp/open" \
    "json-depth \"$P64\" 1:65
json-syntax \"$P64\" 1:1000001"
feed_is "nesting 1e6 deep in objects under certificates" "$tmp/deep-obj" \
    "type-mismatch \"/certificates\" 1:17
json-depth \"/certificates$A63\" 1:332"
feed_is "nesting 1e6 deep, --max-depth=1" "$tmp/deep" \
    "not-a-response \"\" 1:1
json-depth \"/0\" 1:2" --max-depth=1
# No wall-clock limit here: that the work stays bounded is asserted by
# counting (allocations, probes) in tests/test_lib.c, nesting_bounded_work.

# ---- big values --------------------------------------------------------------
ARN='arn:aws:lightsail:us-east-1:123456789012:Certificate/3f2ef947-8d50-5a51-9139-49591bfb98e5'
SUMMARY="\"certificateArn\":\"$ARN\",\"domainName\":\"example.com\""
{
    printf '{"certificates":[{%s,"certificateName":"' "$SUMMARY"
    head -c 100000000 /dev/zero | tr '\0' a
    printf '"}]}\n'
} >"$tmp/big-string"
feed_is "a 100 MB string value: no finding" "$tmp/big-string" ""
rm -f "$tmp/big-string"

awk -v arn="$ARN" 'BEGIN {
    printf "{\"certificates\":[{\"certificateArn\":\"%s\",\"domainName\":\"example.com\",", arn
    printf "\"certificateName\":\"x\",\"tags\":["
    for (i = 0; i < 100000; i++) printf "%s{\"key\":\"k%d\",\"value\":\"v\"}", (i ? "," : ""), i
    printf "]}]}\n"
}' >"$tmp/tags"
feed_is "100,000 tags: tag-count once" "$tmp/tags" \
    "tag-count \"/certificates/0/tags\" 1:184"

# ---- truncation at every byte -------------------------------------------------
sample="$top_srcdir/samples/summary-only.json"
size=$(wc -c <"$sample")
# the document ends at its last non-blank byte: prefixes from there on are complete
complete=$(awk 'BEGIN { RS = "\001" } { sub(/[ \t\r\n]+$/, ""); print length($0) }' "$sample")
bad=0
n=0
while [ $n -le "$size" ]; do
    head -c $n "$sample" >"$tmp/prefix"
    # shellcheck disable=SC2086
    $VG "$FEED" --verbose "$tmp/prefix" >"$tmp/out" 2>"$tmp/err" || {
        echo "prefix $n: feed failed: $(head -n 3 "$tmp/err")" >>"$tmp/why-prefix"
        bad=$((bad + 1))
    }
    syntax=$(grep -c '^json-syntax ' "$tmp/out")
    if [ "$n" -ge "$complete" ]; then
        want=0
    else
        want=1
        if [ "$syntax" -eq 1 ] && ! grep -q "^json-syntax .* offset=$n " "$tmp/out"; then
            echo "prefix $n: json-syntax not at the end: $(grep '^json-syntax' "$tmp/out")" >>"$tmp/why-prefix"
            bad=$((bad + 1))
        fi
    fi
    if [ "$syntax" -ne "$want" ]; then
        echo "prefix $n: $syntax json-syntax findings, want $want" >>"$tmp/why-prefix"
        bad=$((bad + 1))
    fi
    if [ $n -lt "$size" ] && [ $((n + STRIDE)) -gt "$size" ]; then n=$size; else n=$((n + STRIDE)); fi
done
: >"$tmp/why"
[ -f "$tmp/why-prefix" ] && head -n 20 "$tmp/why-prefix" >"$tmp/why"
if [ "$bad" -eq 0 ]; then ok "every prefix of samples/summary-only.json ($size bytes)"; else
    not_ok "every prefix of samples/summary-only.json: $bad bad"
fi

# ---- every single-byte mutation --------------------------------------------------
# 37 bytes: an object, an array, a string with UTF-8 and an escape, a number.
# Every byte takes every other value; feed --all-chunks fails when a chunked
# run differs from the whole run (and any crash fails it too).
SMALL='{"certificates":[{"tags":["\303\251\\n",1e3]}]}'
printf "$SMALL" >"$tmp/small"
len=$(wc -c <"$tmp/small")
OCTALS=
b=0
while [ $b -lt 256 ]; do OCTALS="$OCTALS $(printf %03o $b)"; b=$((b + 1)); done
bad=0
runs=0
pos=0
: >"$tmp/why-mut"
while [ $pos -lt "$len" ]; do
    H=$(head -c $pos "$tmp/small")
    T=$(tail -c +$((pos + 2)) "$tmp/small")
    orig=$(od -An -to1 -j $pos -N1 "$tmp/small" | tr -d ' ')
    k=0
    for oct in $OCTALS; do
        k=$((k + 1))
        [ $(((k + pos) % STRIDE)) -eq 0 ] && [ "$oct" != "$orig" ] || continue
        # shellcheck disable=SC2059,SC2086 # the format holds the byte's escape
        printf "%s\\$oct%s" "$H" "$T" >"$tmp/mut"
        $VG "$FEED" --all-chunks "$tmp/mut" >/dev/null 2>"$tmp/err"
        rc=$?
        runs=$((runs + 1))
        if [ "$rc" -ne 0 ]; then
            bad=$((bad + 1))
            { echo "byte $pos := \\$oct: feed exited $rc"; head -n 4 "$tmp/err"; } >>"$tmp/why-mut"
        fi
    done
    pos=$((pos + 1))
done
head -n 20 "$tmp/why-mut" >"$tmp/why"
if [ "$bad" -eq 0 ]; then ok "every single-byte mutation of a $len-byte sample ($runs runs)"; else
    not_ok "single-byte mutations: $bad of $runs failed"
fi

# ---- invalid UTF-8 of every kind ---------------------------------------------------
# each in a value (column 39) and in a key (column 5); json-syntax points at
# the first byte of the bad sequence
for seq in 'C0 AF:overlong 2-byte' 'E0 80 AF:overlong 3-byte' 'F0 80 80 AF:overlong 4-byte' \
    'ED A0 80:UTF-16 surrogate' 'F4 90 80 80:above U+10FFFF' 'F5 80 80 80:lead byte F5' \
    'FF:byte FF' 'FE:byte FE' '80:lone continuation byte' 'BF:lone continuation BF' \
    'E2 82:truncated 3-byte' 'C2:truncated 2-byte' 'F0 9F 98:truncated 4-byte' \
    'C1 81:overlong C1'; do
    bytes=${seq%%:*}
    what=${seq#*:}
    esc=$(for h in $bytes; do printf '\\%03o' "0x$h"; done)
    printf '{"certificates":[],"nextPageToken":"ab%b"}\n' "$esc" >"$tmp/utf8"
    feed_is "invalid UTF-8 in a value: $what" "$tmp/utf8" 'json-syntax "" 1:39' --all-chunks
    printf '{"ab%b":1}\n' "$esc" >"$tmp/utf8"
    feed_is "invalid UTF-8 in a key: $what" "$tmp/utf8" 'json-syntax "" 1:5' --all-chunks
    printf '[1,%b]\n' "$esc" >"$tmp/utf8"
    feed_is "invalid UTF-8 outside strings: $what" "$tmp/utf8" 'json-syntax "" 1:4' --all-chunks
done

# ---- NUL ---------------------------------------------------------------------------
printf '\000' >"$tmp/nul"
feed_is "a raw NUL byte alone" "$tmp/nul" 'json-syntax "" 1:1' --all-chunks
printf '{"certificates":[],"nextPageToken":"a\000b"}' >"$tmp/nul"
feed_is "a raw NUL in a value" "$tmp/nul" 'json-syntax "" 1:38' --all-chunks
printf '{"certi\000":1}' >"$tmp/nul"
feed_is "a raw NUL in a key" "$tmp/nul" 'json-syntax "" 1:8' --all-chunks
printf '{"certificates":[{"certificateName":"a\\u0000b","tags":[{"key":"k\\u0000","value":"\\u0000"}],"x\\u0000y":1}],"nextPageToken":"\\u0000"}' >"$tmp/nul"
feed_is "escaped NULs in keys and values" "$tmp/nul" \
    'missing-field "/certificates/0" 1:18
missing-field "/certificates/0" 1:18
tag-key-charset "/certificates/0/tags/0/key" 1:63
tag-value-charset "/certificates/0/tags/0/value" 1:81
unknown-field "/certificates/0/x\u0000y" 1:92
partial-page "/nextPageToken" 1:123' --all-chunks

# ---- numbers --------------------------------------------------------------------
DETAIL="\"arn\":\"$ARN\",\"name\":\"n\",\"domainName\":\"example.com\",\"status\":\"PENDING_VALIDATION\""
num_case() { # NAME FIELD VALUE EXPECTED
    printf '{"certificates":[{%s,"certificateName":"n","certificateDetail":{%s,"%s":%s}}]}\n' \
        "$SUMMARY" "$DETAIL" "$2" "$3" >"$tmp/num"
    feed_is "$1" "$tmp/num" "$4" --all-chunks
}
IUC='"/certificates/0/certificateDetail/inUseResourceCount"'
for v in 1e400 1e-400 123456789012345678901234567890 -123456789012345678901234567890 \
    9223372036854775808 1E0 0.0; do
    num_case "inUseResourceCount $v: type-mismatch" inUseResourceCount "$v" "type-mismatch $IUC 1:385"
done
num_case "inUseResourceCount -0: no finding" inUseResourceCount -0 ""
num_case "inUseResourceCount 9223372036854775807: no finding" inUseResourceCount 9223372036854775807 ""
num_case "inUseResourceCount -9223372036854775808: count-range" inUseResourceCount \
    -9223372036854775808 "count-range $IUC 1:385"
CA='"/certificates/0/certificateDetail/createdAt"'
for v in 1e400 123456789012345678901234567890 -123456789012345678901234567890 -1 -1e-400; do
    num_case "createdAt $v: timestamp-format" createdAt "$v" "timestamp-format $CA 1:376"
done
for v in -0 1e-400 0 1.7e9 1234567890.123456789012345678901234567890; do
    num_case "createdAt $v: no finding" createdAt "$v" ""
done

# ---- BOM, garbage, empty ---------------------------------------------------------------
printf '\357\273\277{"certificates":[]}\n' >"$tmp/bom"
feed_is "a BOM" "$tmp/bom" 'json-bom "" 1:1' --all-chunks
printf '\357\273\277\357\273\277{"certificates":[]}\n' >"$tmp/bom"
feed_is "two BOMs: the second is not JSON" "$tmp/bom" 'json-bom "" 1:1
json-syntax "" 1:1' --all-chunks
printf '\357\273' >"$tmp/bom"
feed_is "half a BOM" "$tmp/bom" 'json-syntax "" 1:1' --all-chunks
printf '\001\002garbage\377\376' >"$tmp/garbage"
feed_is "binary garbage" "$tmp/garbage" 'json-syntax "" 1:1' --all-chunks
head -c 4096 /dev/urandom | tr -d '\t\n\r "{[0-9tfn-' | tr '\000' x >"$tmp/garbage"
printf '\001' | cat - "$tmp/garbage" >"$tmp/garbage2"
feed_is "random binary garbage" "$tmp/garbage2" 'json-syntax "" 1:1' --all-chunks
: >"$tmp/empty"
feed_is "an empty file" "$tmp/empty" 'json-syntax "" 1:1' --all-chunks
printf ' \n\t\n' >"$tmp/blank"
feed_is "white space only" "$tmp/blank" 'json-syntax "" 3:1' --all-chunks

# ---- CLI operands and outputs -------------------------------------------------------------
# cli_is NAME WANT_RC WANT_STDERR(regex, "" = empty) WANT_STDOUT(file or "") CMD...
cli_is() {
    name=$1 want_rc=$2 want_err=$3 want_out=$4
    shift 4
    : >"$tmp/why"
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want_rc" ]; then
        { echo "exit $rc, want $want_rc"; head -n 10 "$tmp/err"; } >"$tmp/why"
        not_ok "$name"
        return
    fi
    if [ -z "$want_err" ]; then
        if [ -s "$tmp/err" ]; then
            { echo "stderr not empty:"; head -n 10 "$tmp/err"; } >"$tmp/why"
            not_ok "$name"
            return
        fi
    elif ! grep -Eq "$want_err" "$tmp/err"; then
        { echo "stderr does not match $want_err:"; head -n 10 "$tmp/err"; } >"$tmp/why"
        not_ok "$name"
        return
    fi
    if [ -n "$want_out" ] && ! diff -u "$want_out" "$tmp/out" >"$tmp/why"; then
        not_ok "$name"
        return
    fi
    ok "$name"
}

mkdir "$tmp/dir" "$tmp/dir/sub"
cp "$top_srcdir/samples/wire-compact.json" "$tmp/dir/sub/a.json"
printf 'not json' >"$tmp/dir/ignored.txt"
printf '%s\n' "$tmp/dir/sub/a.json" >"$tmp/dir-files"
$LSC -f jsonl "$top_srcdir/samples/wire-compact.json" >"$tmp/ref" 2>/dev/null
sed "s|$top_srcdir/samples/wire-compact.json|$tmp/dir/sub/a.json|" "$tmp/ref" >"$tmp/ref-dir"
# shellcheck disable=SC2086
cli_is "a directory operand: walked for *.json" 0 "" "$tmp/ref-dir" $LSC -q -f jsonl "$tmp/dir"
mkdir "$tmp/emptydir"
# shellcheck disable=SC2086
cli_is "an empty directory: no input found (exit 2)" 2 "no input found in " "" $LSC -q "$tmp/emptydir"
# shellcheck disable=SC2086
cli_is "an empty directory with --allow-empty" 0 "" "" $LSC -q --allow-empty "$tmp/emptydir"
mkfifo "$tmp/fifo" 2>/dev/null && {
    cat "$top_srcdir/samples/wire-compact.json" >"$tmp/fifo" &
    sed "s|$top_srcdir/samples/wire-compact.json|$tmp/fifo|" "$tmp/ref" >"$tmp/ref-fifo"
    # shellcheck disable=SC2086
    cli_is "a FIFO operand" 0 "" "$tmp/ref-fifo" $LSC -q -f jsonl "$tmp/fifo"
    wait
}
# shellcheck disable=SC2086
cli_is "a missing path: exit 2 before anything is checked" 2 \
    "^lscertlint: no such file or directory: $tmp/missing\$" /dev/null \
    $LSC -q -f jsonl "$tmp/missing" "$top_srcdir/samples/wire-compact.json"
# shellcheck disable=SC2086
cli_is "stdout on a full disk: exit 3" 3 "^lscertlint: standard output: No space left on device\$" "" \
    sh -c "$LSC -q -f jsonl '$top_srcdir/samples' >/dev/full"
# shellcheck disable=SC2086
cli_is "-o on a full disk: exit 3" 3 "^lscertlint: /dev/full: No space left on device\$" "" \
    $LSC -q -f jsonl "$top_srcdir/samples" -o /dev/full
# shellcheck disable=SC2086
cli_is "pass-through to a full disk: exit 3" 3 "No space left on device" "" \
    sh -c "$LSC -p -q '$top_srcdir/samples/cli-v2.json' >/dev/full"

# stdout closed early: no message, no core, exit status 3 at most
awk 'BEGIN { for (i = 0; i < 20000; i++) print "{\"certificates\":[],\"x\":1}" }' >"$tmp/many"
for mode in -p "-f jsonl" "-f text" "-f sarif"; do
    : >"$tmp/why"
    # the exit status of the CLI, not of head
    # shellcheck disable=SC2086
    { $LSC -q $mode "$tmp/many" "$tmp/many" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | head -c 10 >/dev/null
    rc=$(cat "$tmp/rc")
    if [ "$rc" -le 3 ] && [ ! -s "$tmp/err" ]; then ok "stdout closed early ($mode): exit $rc, quiet"; else
        { echo "exit $rc"; head -n 5 "$tmp/err"; } >"$tmp/why"
        not_ok "stdout closed early ($mode)"
    fi
done
# a closed stdout (not a pipe): exit 3 at most, no crash
# shellcheck disable=SC2086
$LSC -q "$tmp/many" >&- 2>"$tmp/err"
rc=$?
: >"$tmp/why"
if [ "$rc" -le 3 ]; then ok "stdout closed before the start: exit $rc"; else
    { echo "exit $rc"; cat "$tmp/err"; } >"$tmp/why"
    not_ok "stdout closed before the start"
fi

# ---- 1 GB through a pipe: memory stays flat (slow) -------------------------------------
if [ "${LSC_SLOW_TESTS:-0}" = 1 ] && [ -z "$VG" ] && [ -x /usr/bin/time ]; then
    line=$(tr -d '\n' <"$top_srcdir/samples/wire-compact.json")
    per=$((${#line} + 1))
    # (through libtool: the RSS of the program, not of its wrapper script)
    rss() { # BYTES: peak RSS in KiB of the CLI checking BYTES of valid pages from a pipe
        count=$(($1 / per + 1))
        yes "$line" | head -n $count |
            "$top_builddir/libtool" --mode=execute /usr/bin/time -f '%M' -o "$tmp/time" \
                "$LSCERTLINT" -q -f jsonl - >"$tmp/out" 2>"$tmp/err"
        echo "$? $(tail -n 1 "$tmp/time") $(grep -c '"severity":"\(error\|warning\)"' "$tmp/out")"
    }
    set -- $(rss 10000000)
    small_rc=$1 small=$2
    start=$(date +%s)
    set -- $(rss 1000000000)
    big_rc=$1 big=$2 big_bad=$3
    elapsed=$(($(date +%s) - start))
    : >"$tmp/why"
    echo "10 MB: exit $small_rc, peak RSS $small KiB; 1 GB: exit $big_rc, peak RSS $big KiB, ${elapsed}s" |
        tee "$tmp/why"
    if [ "$small_rc" -eq 0 ] && [ "$big_rc" -eq 0 ] && [ "$big_bad" -eq 0 ] &&
        [ $((big - small)) -le 1024 ]; then
        ok "1 GB through a pipe: peak RSS within 1 MiB of a 10 MB run"
    else
        not_ok "1 GB through a pipe: peak RSS within 1 MiB of a 10 MB run"
    fi
else
    echo "SKIP: 1 GB through a pipe (set LSC_SLOW_TESTS=1; not under valgrind; needs /usr/bin/time)"
fi

# ---- one document of a million findings: memory bounded (slow) -------------------------
# Findings are capped per rule and flush point (lib/findings.h): a million
# duplicate keys, then two million, stay under 64 MiB and the second adds
# at most 32 MiB. The other inputs of the memory table (a million {} tags,
# validation records, unknown top-level members) are asserted by
# tests/memory-bounds.sh; their figures are printed here too.
if [ "${LSC_SLOW_TESTS:-0}" = 1 ] && [ -z "$VG" ] && [ -x /usr/bin/time ]; then
    peak() { # NAME N AWK-PROGRAM: peak RSS in KiB of the CLI on the document the program prints
        awk -v n="$2" "$3" >"$tmp/$1-$2.json"
        "$top_builddir/libtool" --mode=execute /usr/bin/time -f '%M' -o "$tmp/time" \
            "$LSCERTLINT" -q "$tmp/$1-$2.json" >/dev/null 2>"$tmp/err"
        rm -f "$tmp/$1-$2.json"
        tail -n 1 "$tmp/time"
    }
    dup='BEGIN { printf "{\"certificates\":[],\"x\":{"; for (i = 0; i < n; i++) printf "%s\"k\":0", (i ? "," : ""); print "}}" }'
    d1=$(peak dup 1000000 "$dup")
    d2=$(peak dup 2000000 "$dup")
    : >"$tmp/why"
    echo "duplicate keys: 1M $d1 KiB, 2M $d2 KiB" | tee "$tmp/why"
    if [ "$d1" -le 65536 ] && [ "$d2" -le 65536 ] && [ $((d2 - d1)) -le 32768 ]; then
        ok "a million duplicate keys: peak RSS <= 64 MiB, doubling adds <= 32 MiB"
    else
        not_ok "a million duplicate keys: peak RSS <= 64 MiB, doubling adds <= 32 MiB"
    fi
    ARNQ='arn:aws:lightsail:us-east-1:123456789012:Certificate/x'
    tags='BEGIN { printf "{\"certificates\":[{\"certificateArn\":\"'"$ARNQ"'\",\"tags\":["; for (i = 0; i < n; i++) printf "%s{}", (i ? "," : ""); print "]}]}" }'
    recs='BEGIN { printf "{\"certificates\":[{\"certificateArn\":\"'"$ARNQ"'\",\"certificateDetail\":{\"domainValidationRecords\":["; for (i = 0; i < n; i++) printf "%s{}", (i ? "," : ""); print "]}}]}" }'
    unk='BEGIN { printf "{\"certificates\":[]"; for (i = 0; i < n; i++) printf ",\"u%d\":0", i; print "}" }'
    echo "for the record (asserted in memory-bounds.sh): 1M {} tags $(peak tags 1000000 "$tags") KiB," \
        "1M {} validation records $(peak recs 1000000 "$recs") KiB," \
        "1M unknown top-level members $(peak unk 1000000 "$unk") KiB"
else
    echo "SKIP: a million findings (set LSC_SLOW_TESTS=1; not under valgrind; needs /usr/bin/time)"
fi

echo "hostile-inputs: $((pass + fail)) checks, $pass passed, $fail failed"
[ "$fail" -eq 0 ]
