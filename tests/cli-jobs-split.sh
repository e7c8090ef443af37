#!/bin/sh
# -j N on ONE input (cli/split.c): its documents are cut into chunks
# checked by several workers, and the output is -j1's to the byte, with the
# same exit status. LSC_JOBS_CHUNK forces chunks of a few dozen or hundred
# bytes, so small inputs split into many chunks; LSC_JOBS_TRACE makes the
# run say which paths it took, so each case below asserts that it did
# split (and, where it matters, that a chunk was checked again on the main
# thread): a test that compares two sequential runs would prove nothing.
#
# Cases: every sample and form input (as an operand and on standard
# input); generated JSON Lines of a few hundred kB with listings chained
# by nextPageToken that hold duplicate ARNs pages apart (the chunk that
# names one again is checked again with the listing's ARNs); a malformed
# document in the middle; a raw line feed in a string that looks like a
# cut; a truncated last document; a pretty-printed multi-document stream;
# a UTF-8 byte-order mark; every report format, --inventory, a baseline,
# -p and --normalize (which stay sequential).
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"
# -jN is capped to the CPUs: the runs here get N threads on any machine
LSC_JOBS_CPUS=64
export LSC_JOBS_CPUS

NOW=--now=2025-06-01T00:00:00Z

# same TAG CHUNK ARGS...: lscertlint ARGS at -j1 and at -j4 with CHUNK-byte
# chunks (standard input: $tmp/stdin): stdout, stderr and status equal.
# The -j4 run's trace line is kept in $tmp/TAG.trace.
same() {
    tag=$1 chunk=$2
    shift 2
    GITHUB_STEP_SUMMARY= "$LSCERTLINT" -j1 "$@" <"$tmp/stdin" >"$tmp/$tag.1.out" 2>"$tmp/$tag.1.err"
    echo "status $?" >>"$tmp/$tag.1.out"
    GITHUB_STEP_SUMMARY= LSC_JOBS_CHUNK=$chunk LSC_JOBS_TRACE=1 "$LSCERTLINT" -j4 "$@" \
        <"$tmp/stdin" >"$tmp/$tag.4.out" 2>"$tmp/$tag.4.err"
    echo "status $?" >>"$tmp/$tag.4.out"
    grep '^lscertlint: split: ' "$tmp/$tag.4.err" >"$tmp/$tag.trace"
    grep -v '^lscertlint: split: ' "$tmp/$tag.4.err" >"$tmp/$tag.4.errc"
    cmp -s "$tmp/$tag.1.out" "$tmp/$tag.4.out" ||
        fail "$tag: -j4 stdout differs:$nl$(diff "$tmp/$tag.1.out" "$tmp/$tag.4.out" | head -10)"
    cmp -s "$tmp/$tag.1.err" "$tmp/$tag.4.errc" ||
        fail "$tag: -j4 stderr differs:$nl$(diff "$tmp/$tag.1.err" "$tmp/$tag.4.errc" | head -10)"
}

# split TAG: the last run split its input and replayed several chunks.
split_seen() {
    grep -q 'chunks, [2-9][0-9]* replayed\|chunks, [1-9][0-9][0-9]* replayed' "$tmp/$1.trace" ||
        fail "$1: the input was not split across chunks ($(cat "$tmp/$1.trace"))"
}

# rest_seen TAG: the main thread checked the input again from a chunk on.
rest_seen() {
    grep -q 'rest from chunk [1-9]' "$tmp/$1.trace" ||
        fail "$1: no chunk was checked again on the main thread ($(cat "$tmp/$1.trace"))"
}

status_is() {
    got=$(sed -n 's/^status //p' "$tmp/$1.1.out")
    [ "$got" = "$2" ] || fail "$1: status $got, expected $2"
}

: >"$tmp/stdin"

# ---- every sample and form input, tiny chunks ---------------------------
find "$top_srcdir/samples" "$top_srcdir/tests/forms" -type f \
    \( -name '*.json' -o -name '*.jsonl' -o -name input \) | LC_ALL=C sort >"$tmp/inputs"
[ "$(wc -l <"$tmp/inputs")" -ge 50 ] || fail "only $(wc -l <"$tmp/inputs") inputs found"
nsplit=0
while IFS= read -r f; do
    for chunk in 64 300; do
        same corpus "$chunk" "$NOW" "$f"
        [ -s "$tmp/corpus.trace" ] && nsplit=$((nsplit + 1))
    done
    cp "$f" "$tmp/stdin"
    same corpus-stdin 64 "$NOW" -
    [ -s "$tmp/corpus-stdin.trace" ] && nsplit=$((nsplit + 1))
done <"$tmp/inputs"
[ "$nsplit" -ge 10 ] || fail "corpus: only $nsplit runs split their input"
: >"$tmp/stdin"

# ---- generated JSON Lines ------------------------------------------------
# gen_pages PAGES PER TOKEN_EVERY DUP: PAGES documents of PER summaries;
# every page but each TOKEN_EVERY-th has a nextPageToken (so listings of
# TOKEN_EVERY pages); with DUP=1, page p>=40 repeats the ARN of page p-37
# in its last summary when p % 50 == 0 (a duplicate pages apart, in the
# same listing when TOKEN_EVERY is large).
gen_pages() {
    awk -v pages="$1" -v per="$2" -v every="$3" -v dup="$4" 'BEGIN {
        for (p = 1; p <= pages; p++) {
            line = "{\"certificates\": ["
            for (c = 1; c <= per; c++) {
                id = sprintf("%08d-0000-4000-8000-%012d", p, c)
                if (dup && p >= 40 && p % 50 == 0 && c == per)
                    id = sprintf("%08d-0000-4000-8000-%012d", p - 37, 1)
                line = line (c > 1 ? ", " : "") "{\"certificateArn\": \"arn:aws:lightsail:us-east-1:123456789012:Certificate/" id "\", \"certificateName\": \"c" p "-" c "\", \"domainName\": \"d" p "x" c ".example.com\", \"tags\": []}"
            }
            line = line "]"
            if (p % every != 0)
                line = line ", \"nextPageToken\": \"t" p "\""
            print line "}"
        }
    }'
}

gen_pages 600 3 1000 1 >"$tmp/dups.jsonl"
for chunk in 700 4000 100000; do
    same "dups-$chunk" "$chunk" "$NOW" "$tmp/dups.jsonl"
    rest_seen "dups-$chunk"
    has_text "dups" "[duplicate-certificate]" "$tmp/dups-$chunk.1.out"
done
split_seen dups-4000

# Snapshots (a listing per page), one long listing without duplicates, in
# every format and with the output controls.
gen_pages 500 4 1 0 >"$tmp/snap.jsonl"
gen_pages 500 4 100000 0 >"$tmp/long.jsonl"
for f in text json jsonl sarif github junit; do
    same "snap-$f" 2000 "$NOW" -f "$f" "$tmp/snap.jsonl"
    split_seen "snap-$f"
    same "long-$f" 2000 "$NOW" -f "$f" "$tmp/long.jsonl"
    split_seen "long-$f"
done
grep -q 'rest from chunk 0' "$tmp/long-text.trace" ||
    fail "long listing without duplicates: checked again ($(cat "$tmp/long-text.trace"))"
for opts in "-q --fail-on=note" "--show=warning" "--inventory" "--inventory=csv" \
    "--disable=partial-page" "--expect=details"; do
    # shellcheck disable=SC2086 # opts holds several options
    same "opts" 1500 "$NOW" $opts "$tmp/dups.jsonl"
    split_seen opts
done

# A baseline written from the file accepts its findings: the same at -j4.
"$LSCERTLINT" -j1 "$NOW" --write-baseline="$tmp/base.json" "$tmp/dups.jsonl" >/dev/null 2>&1
if [ -s "$tmp/base.json" ]; then
    same baseline 1500 "$NOW" --baseline="$tmp/base.json" "$tmp/dups.jsonl"
    split_seen baseline
fi

# Standard input redirected from the file: split too.
cp "$tmp/dups.jsonl" "$tmp/stdin"
same stdin 3000 "$NOW" -
split_seen stdin
: >"$tmp/stdin"

# A malformed document in the middle: the findings stop there, as one
# thread's; later chunks are dropped.
{
    sed -n '1,300p' "$tmp/snap.jsonl"
    echo '{"certificates": [}'
    sed -n '301,500p' "$tmp/snap.jsonl"
} >"$tmp/bad-middle.jsonl"
same bad-middle 1000 "$NOW" "$tmp/bad-middle.jsonl"
split_seen bad-middle
status_is bad-middle 1
has_text "bad-middle" "[json-syntax]" "$tmp/bad-middle.1.out"

# A raw line feed inside a string, between '}' and '{' as at a cut: the
# guess is wrong, the JSON is not, and the finding is one thread's.
{
    sed -n '1,200p' "$tmp/snap.jsonl"
    printf '{"certificates": [], "nextPageToken": "a}\n{b"}\n'
    sed -n '201,400p' "$tmp/snap.jsonl"
} >"$tmp/raw-lf.jsonl"
for chunk in 500 1000 3000; do
    same "raw-lf-$chunk" "$chunk" "$NOW" "$tmp/raw-lf.jsonl"
    split_seen "raw-lf-$chunk"
done

# The last document cut short.
{
    cat "$tmp/snap.jsonl"
    head -c 150 "$tmp/snap.jsonl"
} >"$tmp/truncated.jsonl"
same truncated 1000 "$NOW" "$tmp/truncated.jsonl"
split_seen truncated
status_is truncated 1

# Pretty-printed documents, one after the other: cut at "}\n{".
if command -v python3 >/dev/null 2>&1; then
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    print(json.dumps(json.loads(line), indent=4))' "$tmp/dups.jsonl" >"$tmp/pretty.json"
    same pretty 2000 "$NOW" "$tmp/pretty.json"
    split_seen pretty
fi

# A byte-order mark at the start: chunk 0 reports it, the others count on.
{
    printf '\357\273\277'
    cat "$tmp/snap.jsonl"
} >"$tmp/bom.jsonl"
same bom 1000 "$NOW" "$tmp/bom.jsonl"
split_seen bom
has_text "bom" "[json-bom]" "$tmp/bom.1.out"

# -p and --normalize write the input in order: never split, same bytes.
for mode in -p --normalize; do
    same "data$mode" 1000 "$NOW" "$mode" "$tmp/dups.jsonl"
    [ ! -s "$tmp/data$mode.trace" ] || fail "$mode: the input was split"
done

# A gzip input is one stream: never split.
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$tmp/snap.jsonl" >"$tmp/snap.jsonl.gz"
    same gz 100 "$NOW" "$tmp/snap.jsonl.gz"
    [ ! -s "$tmp/gz.trace" ] || fail "gzip: the input was split"
fi

finish
