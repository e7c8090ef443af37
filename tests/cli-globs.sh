#!/bin/sh
# One glob reading: --exclude and the configuration's exclude (and
# --include and the configuration's include) select the same files from
# the same table; a final "**" in a glob operand takes files; "**" costs
# polynomial work (the count is asserted in tests/test_glob; here a hang
# guard only); the program's own files are never linted by a walk;
# --filter-operands applies the walk's filters to FILE operands.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

t="$tmp/tree"
for f in x.json skipme/a.json sub/skipme/b.json sub/c.json sub/d.jsonl deep/e/f.json \
    captures/g.json captures/notes.txt; do
    mkdir -p "$t/$(dirname "$f")"
    printf '{}\n' >"$t/$f"
done

# inputs ARGS...: the files a run in $t checked, one a line, sorted
inputs() {
    (cd "$t" && "$LSCERTLINT" -f json "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
    status=$?
    sed -n 's/^{"file":"\([^"]*\)","documents".*/\1/p' "$tmp/out" | sort | tr '\n' ' ' |
        sed 's/ $//'
}

# row KEY GLOB EXPECTED: --KEY=GLOB and {"KEY": [GLOB]} check EXPECTED
row() {
    rm -f "$t/.lscertlint.json"
    got=$(inputs --no-config "--$1=$2" .)
    [ "$got" = "$3" ] || fail "--$1=$2: got '$got', expected '$3'"
    printf '{"%s": ["%s"]}\n' "$1" "$2" >"$t/.lscertlint.json"
    got=$(inputs .)
    [ "$got" = "$3" ] || fail "configuration $1 $2: got '$got', expected '$3'"
    rm -f "$t/.lscertlint.json"
}
all="./captures/g.json ./deep/e/f.json ./skipme/a.json ./sub/c.json ./sub/d.jsonl ./sub/skipme/b.json ./x.json"
row exclude skipme "./captures/g.json ./deep/e/f.json ./sub/c.json ./sub/d.jsonl ./x.json"
row exclude '*.json' "./sub/d.jsonl"
row exclude 'sub/*.json' "./captures/g.json ./deep/e/f.json ./skipme/a.json ./sub/d.jsonl ./sub/skipme/b.json ./x.json"
row exclude 'deep/**' "./captures/g.json ./skipme/a.json ./sub/c.json ./sub/d.jsonl ./sub/skipme/b.json ./x.json"
row exclude '**/skipme' "./captures/g.json ./deep/e/f.json ./sub/c.json ./sub/d.jsonl ./x.json"
row exclude 'e/' "./captures/g.json ./skipme/a.json ./sub/c.json ./sub/d.jsonl ./sub/skipme/b.json ./x.json"
row exclude nothing "$all"
# include: by a directory or a final "**" the JSON suffixes, by name any file
row include 'captures/**' "./captures/g.json"
row include captures "./captures/g.json"
row include '*.txt' "./captures/notes.txt"
row include 'sub/*' "./sub/c.json ./sub/d.jsonl ./sub/skipme/b.json" # sub/skipme covers b.json
# --include replaces the configuration's include
printf '{"include": ["captures/**"]}\n' >"$t/.lscertlint.json"
got=$(inputs --include='sub/*.json' .)
[ "$got" = "./sub/c.json" ] || fail "--include over the configuration's: got '$got'"
rm -f "$t/.lscertlint.json"
expect_status 2 "--include with an empty glob" --include= "$t"

# a final "**" takes files (bash globstar, gitignore)
got=$(inputs --no-config 'sub/**')
[ "$got" = "sub/c.json sub/d.jsonl sub/skipme/b.json" ] || fail "'sub/**': got '$got' ($(cat "$tmp/err"))"
got=$(inputs --no-config 'captures/**/*.txt')
[ "$got" = "captures/notes.txt" ] || fail "'captures/**/*.txt': got '$got'"

# "**" is polynomial: 50 of them on a 100-deep path (timeout: a hang guard)
p="$tmp/deep"
for i in $(seq 100); do p="$p/a"; done
mkdir -p "$p"
printf '{}\n' >"$p/c.json"
pat='**/a'
for i in $(seq 49); do pat="$pat/**/a"; done
(cd "$tmp" && timeout 300 "$LSCERTLINT" -q --no-config -f jsonl --exclude="$pat/b.json" deep \
    >"$tmp/out" 2>"$tmp/err")
status=$?
[ "$status" -eq 0 ] || fail "50 '**' on a 100-deep path: status $status (124: the guard fired): $(head -c 300 "$tmp/err")"
[ "$(grep -c '"rule":"empty-response"' "$tmp/out")" -eq 1 ] || fail "50 '**': $(cat "$tmp/out")"

# the program's own files are never linted by a walk
o="$tmp/own"
mkdir -p "$o"
# a hand-written aws: tag key: two notes, so every report has findings
sed 's/aws:cloudformation:stack-name/aws:cloudfxrmation:stack-name/' "$top_srcdir/samples/cli-v2.json" >"$o/capture.json"
"$LSCERTLINT" --no-config --write-baseline="$o/lscertlint-baseline.json" "$o/capture.json" >/dev/null 2>&1
for f in json jsonl sarif; do
    "$LSCERTLINT" --no-config -f "$f" -o "$o/report.$f" "$o/capture.json" 2>/dev/null
done
cp "$o/report.json" "$o/report.json.json"
cp "$o/report.jsonl" "$o/old.ndjson"
cp "$o/report.sarif" "$o/report.sarif.json"
printf '{}\n' >"$o/.lscertlint.json"
cp "$o/.lscertlint.json" "$o/.lscertlint.jsonc"
run --no-config -f jsonl "$o"
[ "$status" -eq 0 ] || fail "own files in a walk: status $status: $(cat "$tmp/out")"
same_text "own files in a walk: only the capture" \
    "1 file, 1 document, 4 certificates: 0 errors, 0 warnings, 2 notes" "$tmp/err"

# --filter-operands: a hook's staged files pass the walk's filters
r="$tmp/repo"
mkdir -p "$r/captures"
cp "$top_srcdir/samples/cli-v1.json" "$r/captures/prod.json"
printf '{"name": "x"}\n' >"$r/package.json"
printf '{"compilerOptions": {}}\n' >"$r/tsconfig.json"
cp "$o/lscertlint-baseline.json" "$r/captures/lscertlint-baseline.json"
printf '{"include": ["captures/**"]}\n' >"$r/.lscertlint.json"
(cd "$r" && "$LSCERTLINT" --filter-operands package.json tsconfig.json captures/prod.json \
    captures/lscertlint-baseline.json >"$tmp/out" 2>"$tmp/err")
status=$?
[ "$status" -eq 0 ] || fail "--filter-operands: status $status"
same_text "--filter-operands: named and counted" "lscertlint: package.json: file ignored because of the configuration's include or exclude patterns
lscertlint: tsconfig.json: file ignored because of the configuration's include or exclude patterns
lscertlint: captures/lscertlint-baseline.json: file ignored because it is a baseline or a report this program wrote
1 file, 1 document, 3 certificates: 0 errors, 0 warnings, 0 notes; 3 files ignored" "$tmp/err"
empty_file "--filter-operands: no finding" "$tmp/out"
(cd "$r" && "$LSCERTLINT" --filter-operands --no-warn-ignored --exclude=prod.json package.json \
    captures/prod.json >"$tmp/out" 2>"$tmp/err")
status=$?
[ "$status" -eq 0 ] || fail "--no-warn-ignored: status $status"
same_text "--no-warn-ignored: only the summary" "0 files, 0 documents, 0 certificates: 0 errors, 0 warnings, 0 notes; 2 files ignored" "$tmp/err"
# without the option, a named file is checked whatever the configuration says
(cd "$r" && "$LSCERTLINT" package.json >"$tmp/out" 2>"$tmp/err")
[ $? -eq 1 ] || fail "package.json named without --filter-operands: not checked"

finish
