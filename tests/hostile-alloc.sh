#!/bin/sh
# Allocation failure through the CLI: LSC_ALLOC_FAIL=k (transient) and k:p
# (persistent) for k = 0, 1, 2, ... until a run no longer notices. Each run
# must either exit 3 with exactly "lscertlint: out of memory" on stderr and
# nothing else (the library returned LSC_NOMEM, inside yajl included, and
# the CLI said so), or give the very output of a run without failures. No
# crash: a signal or any other status fails. With VALGRIND set, every run
# is under valgrind. Only a build configured with --enable-fault-injection
# reads LSC_ALLOC_FAIL (the shipped library reads no environment variable):
# elsewhere this test skips; tests/test_alloc does the same in-process.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

if [ "$FAULT_INJECTION" != yes ]; then
    echo "hostile-alloc: configure --enable-fault-injection to run it" >&2
    exit 77
fi

if [ ! -x "$LSCERTLINT" ]; then
    echo "hostile-alloc: $LSCERTLINT not built" >&2
    exit 77
fi
LSC=$LSCERTLINT
if [ -n "$VALGRIND" ]; then
    LSC="$top_builddir/libtool --mode=execute $VALGRIND --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect $LSCERTLINT"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hostile-alloc.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
unset LSC_ALLOC_FAIL

pass=0
fail=0
printf 'lscertlint: out of memory\n' >"$tmp/oom"

# one SAMPLE with OPTIONS: loop over k
alloc_loop() { # NAME SAMPLE OPTIONS...
    name=$1
    sample=$2
    shift 2
    "$LSCERTLINT" -q "$@" "$sample" >"$tmp/ref" 2>"$tmp/ref-err"
    ref_rc=$?
    if [ "$ref_rc" -gt 1 ]; then
        fail=$((fail + 1))
        echo "FAIL: $name: the run without failures exited $ref_rc"
        return
    fi
    k=0 oom=0 bad=0
    while [ $k -lt 5000 ]; do
        same=0
        for mode in "" ":p"; do
            # shellcheck disable=SC2086 # LSC is a command line
            LSC_ALLOC_FAIL="$k$mode" $LSC -q "$@" "$sample" >"$tmp/out" 2>"$tmp/err"
            rc=$?
            if [ "$rc" -eq 3 ] && cmp -s "$tmp/err" "$tmp/oom"; then
                oom=$((oom + 1))
            elif [ "$rc" -eq "$ref_rc" ] && cmp -s "$tmp/out" "$tmp/ref" &&
                cmp -s "$tmp/err" "$tmp/ref-err"; then
                same=$((same + 1))
            else
                bad=$((bad + 1))
                echo "    LSC_ALLOC_FAIL=$k$mode: exit $rc (reference $ref_rc); stderr:"
                head -n 10 "$tmp/err" | sed 's/^/        /'
            fi
        done
        # both modes gave the reference output: allocation k never happened
        [ "$same" -eq 2 ] && break
        k=$((k + 1))
    done
    if [ "$bad" -eq 0 ] && [ "$k" -gt 0 ] && [ "$k" -lt 5000 ]; then
        pass=$((pass + 1))
        echo "PASS: $name: $k allocations, $oom runs out of memory (exit 3), none crashed"
    else
        fail=$((fail + 1))
        echo "FAIL: $name: $bad bad runs over $k allocations"
    fi
}

alloc_loop "wire form, text" "$top_srcdir/samples/forms/wire.json"
alloc_loop "paged JSON Lines, json" "$top_srcdir/samples/paged.jsonl" -f json
alloc_loop "a case with findings, sarif, every rule" \
    "$top_srcdir/samples/invalid/json-duplicate-key/$(ls "$top_srcdir/samples/invalid/json-duplicate-key" | head -n 1)/input" \
    -f sarif --now=2025-01-01T00:00:00Z --expect=details --expect-name=x
alloc_loop "normalize" "$top_srcdir/samples/cli-v1.json" --normalize

# Inputs with a syntax error, in every format, at -j1 and -j2 (the -j2 run
# split in 64-byte chunks on two workers): memory running out while the
# json-syntax finding is built must give exit 3, never exit 0 with the
# finding missing (it did: the truncated capture passed).
printf '%s\n' '{"certificates":[{"certificateName":"a"}],"nextPageToken":"t"}' \
    '{"certificates":[{"certificateName":"b"}]}' \
    '{"certificates":[{"certificateName":"c","tags":[{"key":x}]}]}' >"$tmp/syntax.jsonl"
for fmt in text json jsonl sarif github junit; do
    for j in 1 2; do
        GITHUB_STEP_SUMMARY= LSC_JOBS_CHUNK=64 LSC_JOBS_CPUS=2 \
            alloc_loop "json-syntax, $fmt, -j$j" "$tmp/syntax.jsonl" -f "$fmt" -j$j
    done
done

echo "hostile-alloc: $((pass + fail)) checks, $pass passed, $fail failed"
[ "$fail" -eq 0 ]
