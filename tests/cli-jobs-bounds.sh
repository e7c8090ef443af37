#!/bin/sh
# -j N on one input costs what the input needs, whatever N:
# - workers <= chunks: -j1000 on a 3-chunk input starts 3 workers (the
#   LSC_JOBS_TRACE line), and its peak RSS stays within 16 MiB of -j4's
#   on 4 chunks
#   (before: one 256 KiB buffer and a thread per N, 652 MB at -j1000 on
#   7 MB);
# - -j above the CPUs is lowered to the CPUs (LSC_JOBS_CPUS stands for
#   them here);
# - the listing's ARN set is keyed: 20,000 ARNs crafted against the
#   unkeyed hash it had (tests/test_cli_units --crafted) in one listing
#   cost at most 16 probes each at -j2 (before: about n^2/2, 2e8 probes);
# every run's output is -j1's to the byte.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

UNITS="$top_builddir/tests/test_cli_units"
[ -x "$UNITS" ] || { echo "cli-jobs-bounds: $UNITS not built" >&2; exit 77; }
NOW=--now=2025-06-01T00:00:00Z

# gen_listing FILE: one listing (pages of 100 chained by nextPageToken) of
# the ARNs on standard input
gen_listing() {
    awk '{
        if (n % 100 == 0) { if (n) printf "],\"nextPageToken\":\"p%d\"}\n", n; printf "{\"certificates\":[" }
        else printf ","
        printf "{\"certificateArn\":\"%s\",\"certificateName\":\"c%d\",\"domainName\":\"c%d.example.com\"}", $0, n, n
        n++
    } END { print "]}" }'
}

# trace_field TAG WORD: the number before WORD in the trace line
trace_field() {
    sed -n "s/.* \([0-9][0-9]*\) $2.*/\1/p" "$tmp/$1.trace"
}

same_as_j1() { # TAG: stdout/stderr/status equal to the -j1 run's
    cmp -s "$tmp/j1.out" "$tmp/$1.out" || fail "$1: stdout differs from -j1"
    cmp -s "$tmp/j1.err" "$tmp/$1.errc" || fail "$1: stderr differs from -j1"
}

run_j() { # TAG ARGS...: with the trace; the trace line apart
    tag=$1
    shift
    LSC_JOBS_TRACE=1 "$LSCERTLINT" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"
    echo "status $?" >>"$tmp/$tag.out"
    grep '^lscertlint: split: ' "$tmp/$tag.err" >"$tmp/$tag.trace"
    grep -v '^lscertlint: split: ' "$tmp/$tag.err" >"$tmp/$tag.errc"
}

# ---- crafted ARNs at -j2 -----------------------------------------------
"$UNITS" --crafted 20000 | gen_listing >"$tmp/flood.jsonl"
"$LSCERTLINT" -j1 -q "$NOW" "$tmp/flood.jsonl" >"$tmp/j1.out" 2>"$tmp/j1.err"
echo "status $?" >>"$tmp/j1.out"
LSC_JOBS_CPUS=2 LSC_JOBS_CHUNK=262144 run_j flood -j2 -q "$NOW" "$tmp/flood.jsonl"
same_as_j1 flood
probes=$(trace_field flood "listing probes")
if [ -z "$probes" ]; then
    fail "flood: no listing probes in the trace ($(cat "$tmp/flood.trace"))"
elif [ "$probes" -gt 320000 ]; then
    fail "flood: $probes listing probes for 20000 ARNs (at most 16 each)"
else
    echo "ok - 20000 crafted ARNs at -j2: $probes listing probes"
fi

# ---- workers <= chunks, -j <= CPUs -------------------------------------
awk 'BEGIN { for (i = 0; i < 9000; i++) printf "{\"certificates\":[{\"certificateName\":\"c%d\"}]}\n", i }' \
    >"$tmp/three.jsonl"
size=$(wc -c <"$tmp/three.jsonl")
chunk=$(((size + 2) / 3)) # three chunks
"$LSCERTLINT" -j1 -q "$NOW" "$tmp/three.jsonl" >"$tmp/j1.out" 2>"$tmp/j1.err"
echo "status $?" >>"$tmp/j1.out"
LSC_JOBS_CPUS=1000 LSC_JOBS_CHUNK=$chunk run_j many -j1000 -q "$NOW" "$tmp/three.jsonl"
same_as_j1 many
w=$(trace_field many workers)
[ "$w" = 3 ] || fail "-j1000 on 3 chunks: $w workers, expected 3 ($(cat "$tmp/many.trace"))"
LSC_JOBS_CPUS=2 LSC_JOBS_CHUNK=$chunk run_j capped -j1000 -q "$NOW" "$tmp/three.jsonl"
same_as_j1 capped
w=$(trace_field capped workers)
[ "$w" = 2 ] || fail "-j1000 with 2 CPUs: $w workers, expected 2 ($(cat "$tmp/capped.trace"))"

# peak RSS: -j1000 against -j4 on the same 4 chunks of 256 KiB (1 MiB)
if [ -x /usr/bin/time ] && [ -z "${VALGRIND:-}" ] &&
    ! grep -q '^SAN_CFLAGS = .*sanitize' "$top_builddir/Makefile" 2>/dev/null; then
    awk 'BEGIN { for (i = 0; i < 24000; i++) printf "{\"certificates\":[{\"certificateName\":\"c%d\"}]}\n", i }' \
        >"$tmp/big.jsonl"
    rss() { # ARGS...: peak RSS in KiB
        LSC_JOBS_CPUS=1000 /usr/bin/time -f '%M' "$LSCERTLINT" -q "$NOW" "$@" "$tmp/big.jsonl" \
            2>&1 >/dev/null | tail -n 1
    }
    r4=$(rss -j4)
    r1000=$(rss -j1000)
    if [ "$r1000" -gt $((r4 + 16384)) ]; then
        fail "peak RSS -j1000 $r1000 KiB, -j4 $r4 KiB: more than 16 MiB apart"
    else
        echo "ok - peak RSS -j4 $r4 KiB, -j1000 $r1000 KiB"
    fi
else
    echo "SKIP RSS: no /usr/bin/time, or a sanitizer or valgrind build"
fi

finish
