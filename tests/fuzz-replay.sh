#!/bin/sh
# Replays the fuzz corpus through the fuzz targets without libFuzzer
# (fuzz/replay_* = the targets + fuzz/replay.c): every file of
# fuzz/corpus/<target>/ and fuzz/regressions/<target>/, and through
# fuzz_pipeline also every sample and every samples/invalid/*/*/input, each
# behind two option headers (default options fed whole; --now, --expect and
# chunks of 1..10 bytes). A target aborts on a failed oracle; under ASan/UBSan
# (or valgrind, with VALGRIND set) any memory error fails the test too.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-replay.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# run TARGET PATH...: every file of the PATHs (folders: their files, sorted)
# through the target; after a failing input the rest still runs, so that
# every failing input is listed.
run() {
    target=$1
    shift
    prog="$top_builddir/fuzz/replay_$target"
    if [ ! -x "$prog" ]; then
        echo "fuzz-replay: $prog not built" >&2
        exit 77
    fi
    for p in "$@"; do
        if [ -d "$p" ]; then
            (LC_ALL=C && export LC_ALL && ls "$p") | while IFS= read -r f; do
                case $f in .*) continue ;; esac
                [ -f "$p/$f" ] && printf '%s\n' "$p/$f"
            done
        else
            printf '%s\n' "$p"
        fi
    done >"$tmp/todo"
    total=$(wc -l <"$tmp/todo")
    bad=0
    while [ -s "$tmp/todo" ]; do
        # no blanks in the paths: the samples, the corpus, mktemp's folder
        # shellcheck disable=SC2046
        if [ -n "$VALGRIND" ]; then
            "$top_builddir/libtool" --mode=execute $VALGRIND --quiet --error-exitcode=99 \
                --leak-check=full --errors-for-leak-kinds=definite,indirect "$prog" -v \
                $(cat "$tmp/todo") 2>"$tmp/log"
        else
            "$prog" -v $(cat "$tmp/todo") 2>"$tmp/log"
        fi
        rc=$?
        [ "$rc" -eq 0 ] && break
        bad=$((bad + 1))
        last=$(sed -n 's/^replay: \(.*\) ([0-9]* bytes)$/\1/p' "$tmp/log" | tail -n 1)
        echo "FAIL: $target: exit $rc on ${last:-the first input}"
        grep -v '^replay: ' "$tmp/log" | head -n 40 | sed 's/^/    /'
        [ -n "$last" ] || break
        # go on after the failing input
        awk -v last="$last" 'found { print } $0 == last { found = 1 }' "$tmp/todo" >"$tmp/rest"
        mv "$tmp/rest" "$tmp/todo"
    done
    if [ "$bad" -eq 0 ]; then
        echo "PASS: $target: $total inputs"
    else
        fail=$((fail + 1))
        echo "FAIL: $target: $bad of $total inputs failed"
    fi
}

# The samples and the data-driven cases behind two headers (see the layout in
# fuzz/fuzz_pipeline.c): all zero; and --now, --expect=details,
# --expect-status, chunks of 1..10 bytes.
mkdir "$tmp/inputs"
i=0
for f in "$top_srcdir"/samples/*.json "$top_srcdir"/samples/*.jsonl \
    "$top_srcdir"/samples/forms/*.json "$top_srcdir"/samples/invalid/*/*/input; do
    [ -f "$f" ] || continue
    i=$((i + 1))
    { printf '\000\000\000\000\000\000\000\000'; cat "$f"; } >"$tmp/inputs/$i-whole"
    { printf '\013\000\310\036\011\003\007\000'; cat "$f"; } >"$tmp/inputs/$i-chunked"
done
if [ "$i" -eq 0 ]; then
    echo "fuzz-replay: no samples under $top_srcdir/samples" >&2
    exit 99
fi

# a target's regressions folder exists once a crash was found
dirs() { # TARGET
    echo "$top_srcdir/fuzz/corpus/$1"
    [ -d "$top_srcdir/fuzz/regressions/$1" ] && echo "$top_srcdir/fuzz/regressions/$1"
    :
}
# shellcheck disable=SC2046 # one folder per line, no blanks in them
run pipeline $(dirs pipeline) "$tmp/inputs"
# shellcheck disable=SC2046
run checkers $(dirs checkers)
# shellcheck disable=SC2046
run gzip $(dirs gzip)

# The pipeline corpus and the headed samples through the program with two
# workers (-j2) and with one: every report byte and the exit status must be the same (the -j
# layer records each input's events and replays them in input order).
if [ -x "$LSCERTLINT" ] && [ -z "$VALGRIND" ]; then
    # shellcheck disable=SC2046 # corpus file names have no blanks
    set -- $(for d in $(dirs pipeline) "$tmp/inputs"; do ls -d "$d"/* 2>/dev/null; done)
    for jobs in 1 2; do
        for fmt in jsonl sarif; do
            "$LSCERTLINT" -j"$jobs" -f "$fmt" --now=2024-06-01 --report=text:"$tmp/j$jobs-$fmt.txt" \
                "$@" >"$tmp/j$jobs-$fmt" 2>"$tmp/j$jobs-$fmt.err"
            echo "$?" >>"$tmp/j$jobs-$fmt.err"
        done
    done
    same=1
    for f in jsonl sarif jsonl.txt sarif.txt jsonl.err sarif.err; do
        cmp -s "$tmp/j1-$f" "$tmp/j2-$f" || { same=0; echo "FAIL: corpus at -j2: $f differs from -j1"; }
    done
    if [ "$same" -eq 1 ]; then
        echo "PASS: corpus through the program at -j2: $# inputs, the same bytes as -j1"
    else
        fail=$((fail + 1))
    fi
    # Each input alone, its documents split among two workers in chunks of
    # 64 bytes (cli/split.c): the same bytes and status as -j1.
    bad=0
    for f in "$@"; do
        "$LSCERTLINT" -j1 -f jsonl --now=2024-06-01 "$f" >"$tmp/s1" 2>&1
        echo "$?" >>"$tmp/s1"
        LSC_JOBS_CHUNK=64 "$LSCERTLINT" -j2 -f jsonl --now=2024-06-01 "$f" >"$tmp/s2" 2>&1
        echo "$?" >>"$tmp/s2"
        cmp -s "$tmp/s1" "$tmp/s2" || { bad=$((bad + 1)); echo "FAIL: $f split at -j2 differs from -j1"; }
    done
    if [ "$bad" -eq 0 ]; then
        echo "PASS: each input split among two workers: $# inputs, the same bytes as -j1"
    else
        fail=$((fail + 1))
    fi
fi
[ "$fail" -eq 0 ]
