#!/bin/sh
# -j N: the whole case corpus (samples/ walked, every samples/invalid case
# input) checked at -j1 and -jN gives the same bytes on standard output,
# standard error, in --report files and $GITHUB_STEP_SUMMARY, and the same
# exit status, in every format; inputs a worker cannot open or read give
# the same messages in the same order; standard input, -p and --normalize
# keep their order; two workers really run at once (two FIFOs that can
# only be read together).
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"
# -jN is capped to the CPUs: the runs here get N threads on any machine
LSC_JOBS_CPUS=64
export LSC_JOBS_CPUS

# Every case input, as operands (they are named `input`: a walk would not
# find them), then the samples directory walked.
find "$top_srcdir/samples/invalid" -name input -type f | LC_ALL=C sort >"$tmp/cases"
ncases=$(wc -l <"$tmp/cases")
[ "$ncases" -ge 50 ] || fail "only $ncases case inputs found"
set -- "$top_srcdir/samples"
while IFS= read -r f; do
    set -- "$@" "$f"
done <"$tmp/cases"

# run_as TAG ARGS...: the run's stdout, stderr, status, reports and step
# summary kept under $tmp/TAG.*
run_as() {
    tag=$1
    shift
    rm -f "$tmp/$tag".*
    : >"$tmp/$tag.summary"
    GITHUB_STEP_SUMMARY="$tmp/$tag.summary" "$LSCERTLINT" "$@" \
        >"$tmp/$tag.out" 2>"$tmp/$tag.err" </dev/null
    echo "$?" >"$tmp/$tag.status"
    # the report paths differ (they hold the tag): compare their contents
    sed "s|$tmp/$tag\\.|REPORT.|g" "$tmp/$tag.err" >"$tmp/$tag.err.cmp"
}

# same_runs WHAT A B: every file of run A equals run B's.
same_runs() {
    for part in out err.cmp status summary rep.sarif rep.junit; do
        [ -e "$tmp/$2.$part" ] || [ -e "$tmp/$3.$part" ] || continue
        if ! cmp -s "$tmp/$2.$part" "$tmp/$3.$part"; then
            fail "$1: $part differs between $2 and $3:$nl$(diff "$tmp/$2.$part" "$tmp/$3.$part" | head -20)"
        fi
    done
}

NOW=--now=2025-06-01T00:00:00Z
formats="text json jsonl sarif github junit"
# under valgrind each run is slow: two formats cover the reporters' paths
[ -n "${VALGRIND:-}" ] && formats="text sarif"
for f in $formats; do
    for j in 1 4; do
        run_as "$f-j$j" -j"$j" -f "$f" "$NOW" --report=sarif:"$tmp/$f-j$j.rep.sarif" \
            --report=junit:"$tmp/$f-j$j.rep.junit" "$@"
    done
    same_runs "corpus, -f $f" "$f-j1" "$f-j4"
    # the runs did check the corpus: findings, and exit status 1
    [ "$(cat "$tmp/$f-j4.status")" = 1 ] || fail "-f $f -j4: status $(cat "$tmp/$f-j4.status")"
    [ -s "$tmp/$f-j4.out" ] || fail "-f $f -j4: no report"
done
nfiles=$(sed -n 's/^\([0-9]*\) files, .*/\1/p' "$tmp/text-j4.err")
[ "${nfiles:-0}" -gt "$ncases" ] || fail "summary line: ${nfiles:-no} files for $ncases cases and samples/"
[ -s "$tmp/github-j4.summary" ] || fail "github: no step summary written"

# Other worker counts (a window smaller and larger than the inputs), the
# default (the CPUs available), -j0 (the same), and output controls.
for j in 2 3 0 ""; do
    run_as "text-j$j" ${j:+-j"$j"} "$NOW" --report=sarif:"$tmp/text-j$j.rep.sarif" \
        --report=junit:"$tmp/text-j$j.rep.junit" "$@"
    same_runs "corpus, -j${j:-(default)}" text-j1 "text-j$j"
done
for opts in "-q --fail-on=note" "--show=warning --fail-on=warning" "-qq" \
    "--expect=details --expect-status=ISSUED --expiry-days=400"; do
    # shellcheck disable=SC2086 # opts holds several options
    run_as ctl-j1 -j1 $opts "$NOW" "$@"
    # shellcheck disable=SC2086
    run_as ctl-j4 -j4 $opts "$NOW" "$@"
    same_runs "corpus, $opts" ctl-j1 ctl-j4
done

# --inventory (the certificates themselves, deep-copied by the workers) in
# each of its formats, and beside a github report's step summary.
set -- "$top_srcdir/samples"
while IFS= read -r f; do
    set -- "$@" "$f"
done <"$tmp/cases"
for inv in text csv json markdown; do
    for j in 1 4; do
        run_as "inv-$inv-j$j" -j"$j" --inventory="$inv" "$NOW" --report=sarif:"$tmp/inv-$inv-j$j.rep.sarif" "$@"
    done
    same_runs "--inventory=$inv" "inv-$inv-j1" "inv-$inv-j4"
    [ -s "$tmp/inv-$inv-j4.out" ] || fail "--inventory=$inv: nothing written"
done
for j in 1 4; do
    run_as "invgh-j$j" -j"$j" -f github --inventory "$NOW" "$@"
done
same_runs "--inventory -f github" invgh-j1 invgh-j4

# Inputs a worker cannot open (a socket: ENXIO even for root) or read
# (/proc/self/mem at offset 0: EIO), among inputs discovery found
# unreadable (a symlink loop) and good ones: the messages at -j4 are
# -j1's, in input order, after the findings of the inputs before them. (A
# missing operand is a usage error before any input is read: cli-exit.sh.)
good="$top_srcdir/samples/cli-v2.json"
mkdir "$tmp/bad"
ln -s loop.json "$tmp/bad/loop.json"
sock_ok=0
if command -v python3 >/dev/null 2>&1 &&
    python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" \
        "$tmp/bad/sock.json" 2>/dev/null; then
    sock_ok=1
fi
set -- "$good" "$tmp/bad/loop.json" "$good"
[ "$sock_ok" = 1 ] && set -- "$@" "$tmp/bad/sock.json" "$good"
[ -r /proc/self/mem ] && set -- "$@" /proc/self/mem "$good"
for f in text json sarif junit github; do
    for j in 1 4; do
        run_as "bad-$f-j$j" -j"$j" -f "$f" "$NOW" "$@"
    done
    same_runs "unreadable inputs, -f $f" "bad-$f-j1" "bad-$f-j4"
    [ "$(cat "$tmp/bad-$f-j4.status")" = 3 ] || fail "unreadable, -f $f: status $(cat "$tmp/bad-$f-j4.status")"
done
{
    echo "lscertlint: $tmp/bad/loop.json: Too many levels of symbolic links"
    [ "$sock_ok" = 1 ] && echo "lscertlint: $tmp/bad/sock.json: No such device or address"
    [ -r /proc/self/mem ] && echo "lscertlint: /proc/self/mem: Input/output error"
} >"$tmp/bad.want"
grep '^lscertlint:' "$tmp/bad-text-j4.err" >"$tmp/bad.got"
cmp -s "$tmp/bad.want" "$tmp/bad.got" ||
    fail "unreadable inputs: messages:$nl$(cat "$tmp/bad.got")${nl}expected:$nl$(cat "$tmp/bad.want")"

# Standard input among files: read in its place, the files around it by
# the workers.
for j in 1 4; do
    GITHUB_STEP_SUMMARY= "$LSCERTLINT" -j"$j" "$NOW" "$good" - "$top_srcdir/samples/cli-v1.json" \
        <"$top_srcdir/samples/paged.jsonl" >"$tmp/stdin-j$j.out" 2>"$tmp/stdin-j$j.err"
    echo "$?" >>"$tmp/stdin-j$j.out"
done
cmp -s "$tmp/stdin-j1.out" "$tmp/stdin-j4.out" || fail "stdin among files: -j4 differs from -j1"
cmp -s "$tmp/stdin-j1.err" "$tmp/stdin-j4.err" || fail "stdin among files: stderr differs"
has_text "stdin among files" "<stdin>:" "$tmp/stdin-j4.out"

# -p and --normalize write the inputs' data in order: the same bytes.
set -- "$top_srcdir/samples" "$good"
for mode in -p --normalize; do
    for j in 1 4; do
        "$LSCERTLINT" -j"$j" "$mode" "$NOW" "$@" >"$tmp/data-j$j.out" 2>"$tmp/data-j$j.err"
        echo "$?" >>"$tmp/data-j$j.out"
    done
    cmp -s "$tmp/data-j1.out" "$tmp/data-j4.out" || fail "$mode: -j4 data differs from -j1"
    cmp -s "$tmp/data-j1.err" "$tmp/data-j4.err" || fail "$mode: -j4 report differs from -j1"
done

# Two workers at once: a.json's writer first waits for a reader of b.json,
# so one thread reading a.json then b.json would wait for ever; -j2 reads
# both. (timeout only ends a hang, it measures nothing.)
if command -v timeout >/dev/null 2>&1 && mkfifo "$tmp/a.json" "$tmp/b.json" 2>/dev/null; then
    (
        exec 3>"$tmp/b.json"
        cat "$good" >"$tmp/a.json"
        cat "$top_srcdir/samples/cli-v1.json" >&3
    ) &
    writer=$!
    timeout 120 "$LSCERTLINT" -j2 "$NOW" "$tmp/a.json" "$tmp/b.json" >"$tmp/out" 2>"$tmp/err"
    status=$?
    [ "$status" -eq 0 ] || fail "two FIFOs at -j2: status $status (124: they were not read at once)"
    has_text "two FIFOs at -j2" "2 files, 2 documents, 7 certificates" "$tmp/err"
    kill "$writer" 2>/dev/null
    wait "$writer" 2>/dev/null
fi

# A configuration file: per-file overrides (chosen by the worker), ignore,
# expected findings (one met, one missing) and a baseline judge the
# findings as with -j1.
repo="$tmp/repo"
mkdir -p "$repo/.git" "$repo/strict" "$repo/lax" "$repo/neg"
i=0
while [ $i -lt 6 ]; do
    cp "$top_srcdir/samples/boto3-dump.json" "$repo/strict/b$i.json"
    cp "$top_srcdir/samples/cli-v2.json" "$repo/lax/c$i.json"
    cp "$top_srcdir/samples/boto3-dump.json" "$repo/neg/b$i.json"
    printf '{}\n' >"$repo/neg/e$i.json"
    i=$((i + 1))
done
cat >"$repo/.lscertlint.json" <<'EOF'
{
  "now": "2025-06-01T00:00:00Z",
  "overrides": [
    {"files": ["strict/**"], "fail-on": "note", "severity": ["tag-key-reserved=warning"]},
    {"files": ["lax/**"], "disable": ["tag-key-reserved"]}
  ],
  "ignore": [{"rule": "empty-response", "files": ["neg/e1.json"]}],
  "expect-findings": [
    {"files": ["neg/b*.json"], "rules": ["expired-but-issued"]},
    {"files": ["neg/e*.json"], "rules": ["arn-format"]}
  ]
}
EOF
in_repo() { # in_repo TAG ARGS...: run_as in $repo
    (cd "$repo" && run_as "$@")
}
(cd "$repo" && "$LSCERTLINT" -j1 -q --write-baseline="$tmp/base.json" strict >/dev/null 2>&1)
for f in text sarif json; do
    for j in 1 4; do
        in_repo "cfg-$f-j$j" -j"$j" -f "$f" --report=junit:"$tmp/cfg-$f-j$j.rep.junit" .
        in_repo "base-$f-j$j" -j"$j" -f "$f" --baseline="$tmp/base.json" .
    done
    same_runs "configuration, -f $f" "cfg-$f-j1" "cfg-$f-j4"
    same_runs "baseline, -f $f" "base-$f-j1" "base-$f-j4"
done
has_text "configuration: a missing expected finding" "[expected-finding-missing]" "$tmp/cfg-text-j4.out"
has_text "configuration: an expected finding" "[expected]" "$tmp/cfg-text-j4.out"
has_text "configuration: strict/ override" "warning: certificate" "$tmp/cfg-text-j4.out"
has_text "configuration: ignored" "1 ignored" "$tmp/cfg-text-j4.err"

# Out of memory in a worker (a fault-injection build: the library fails
# its k-th allocation, whichever thread makes it): the run ends as -j1's
# does, exit 3 and exactly "lscertlint: out of memory", or it is untouched.
if [ "$FAULT_INJECTION" = yes ]; then
    set -- "$top_srcdir/samples/forms/wire.json" "$top_srcdir/samples/paged.jsonl" \
        "$top_srcdir/samples/boto3-dump.json" "$good"
    printf 'lscertlint: out of memory\n' >"$tmp/oom"
    run -q -j4 "$NOW" "$@"
    cp "$tmp/out" "$tmp/oom-ref"
    ref=$status
    k=0 oom=0
    while [ $k -lt 3000 ]; do
        for mode in "" ":p"; do
            LSC_ALLOC_FAIL="$k$mode" "$LSCERTLINT" -q -j4 "$NOW" "$@" >"$tmp/out" 2>"$tmp/err"
            status=$?
            if [ "$status" -eq 3 ] && cmp -s "$tmp/err" "$tmp/oom"; then
                oom=$((oom + 1))
            elif [ "$status" -ne "$ref" ] || ! cmp -s "$tmp/out" "$tmp/oom-ref" || [ -s "$tmp/err" ]; then
                fail "LSC_ALLOC_FAIL=$k$mode -j4: exit $status; stderr: $(head -c 300 "$tmp/err")"
            fi
        done
        k=$((k + 37))
    done
    [ "$oom" -gt 0 ] || fail "LSC_ALLOC_FAIL -j4: no run ran out of memory"
fi

# The option itself.
expect_status 2 "-j x" -j x "$good"
has_text "-j x" "lscertlint: --jobs: not a whole number in range: 'x'" "$tmp/err"
expect_status 2 "--jobs=1025" --jobs=1025 "$good"
expect_status 2 "--jobs=-1" --jobs=-1 "$good"
expect_status 0 "--jobs=1024" --jobs=1024 "$good" "$good"
expect_status 0 "-j0" -j0 "$good"
run --help
has_text "--help" "-j, --jobs=N" "$tmp/out"

finish
