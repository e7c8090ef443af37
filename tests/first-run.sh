#!/bin/sh
# A new user's repository, as it is found in the wild: captures in
# captures/ (a timestamped name, a .json.gz, a broken .ndjson), the
# program's own baseline and an earlier report among them, and
# package.json, tsconfig.json and .vscode/settings.json around them. With
# the README's configuration ({"include": ["captures/**"]}) the first run
# of `lscertlint .` checks the captures and nothing else, a report never
# replaces a capture, and a hook's staged files pass the same filters.
# Exit codes, findings (rule, pointer, line:column) and file bytes exact.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

r="$tmp/repo"
mkdir -p "$r/captures" "$r/.vscode"
printf '{"name": "site", "version": "1.0.0"}\n' >"$r/package.json"
printf '{"compilerOptions": {"strict": true}}\n' >"$r/tsconfig.json"
printf '{"editor.formatOnSave": true}\n' >"$r/.vscode/settings.json"
printf '{"include": ["captures/**"]}\n' >"$r/.lscertlint.json"
cp "$top_srcdir/samples/cli-v1.json" "$r/captures/prod.json"
cp "$top_srcdir/samples/boto3-dump.json" "$r/captures/certs-2025-05-01T12:00:00Z.json"
cp "$top_srcdir/samples/paged.jsonl" "$r/captures/paged.jsonl"
gzip -c "$top_srcdir/samples/summary-only.json" >"$r/captures/old.json.gz"
printf '{"certificates": [\n' >"$r/captures/broken.ndjson"
printf '# captures\n' >"$r/captures/README.md"
# the program's own files among the captures
(cd "$r" && "$LSCERTLINT" --no-config --write-baseline=captures/lscertlint-baseline.json \
    captures/paged.jsonl >/dev/null 2>&1)
(cd "$r" && "$LSCERTLINT" --no-config -f json -o captures/last-report.json captures/paged.jsonl \
    2>/dev/null)
{ head -c 22 "$r/captures/lscertlint-baseline.json"; echo; } >"$tmp/head"
same_text "setup: a baseline" '{"lscertlint-baseline"' "$tmp/head"

# manifest: every file's bytes (checksums), to compare before and after
manifest() {
    (cd "$r" && find . -type f | LC_ALL=C sort | xargs md5sum) >"$1"
}
# findings ARGS...: a run in the repository, -f jsonl, reduced to
# "FILE RULE POINTER LINE:COLUMN"
findings() {
    (cd "$r" && "$LSCERTLINT" -f jsonl "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
    status=$?
    sed 's/^{"file":"\([^"]*\)","document":[0-9]*,"line":\([0-9]*\),"column":\([0-9]*\),.*"pointer":"\([^"]*\)","rule":"\([^"]*\)".*/\1 \5 \4 \2:\3/' \
        "$tmp/out" >"$tmp/found"
}
manifest "$tmp/before"

# 1. the first run: the captures, all of them, and nothing else
(cd "$r" && "$LSCERTLINT" . >"$tmp/out" 2>"$tmp/err" </dev/null)
status=$?
[ "$status" -eq 1 ] || fail "lscertlint .: status $status, expected 1 (the broken .ndjson)"
same_text "lscertlint .: summary" \
    "5 files, 7 documents, 15 certificates: 1 error, 0 warnings, 2 notes" "$tmp/err"
findings .
same_text "lscertlint .: findings" "./captures/broken.ndjson json-syntax /certificates 2:1
./captures/paged.jsonl partial-page /nextPageToken 1:3021
./captures/paged.jsonl partial-page /nextPageToken 2:2912" "$tmp/found"
manifest "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "lscertlint .: a file changed"

# 2. -o naming a capture (meaning report.txt): refused, nothing written
(cd "$r" && "$LSCERTLINT" -o captures/prod.json . >"$tmp/out" 2>"$tmp/err" </dev/null)
status=$?
[ "$status" -eq 2 ] || fail "-o captures/prod.json: status $status, expected 2"
same_text "-o captures/prod.json: named" "lscertlint: the report file is also an input: captures/prod.json (a response found by a walk, a glob or an include, not a report or baseline this program wrote)" "$tmp/err"
manifest "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "-o captures/prod.json: a file changed"

# 3. the earlier report inside the walk is replaced, and not linted
findings -o captures/last-report.json .
[ "$status" -eq 1 ] || fail "-o captures/last-report.json: status $status, expected 1"
sed 's/^{"file":"\([^"]*\)","document":[0-9]*,"line":\([0-9]*\),"column":\([0-9]*\),.*"pointer":"\([^"]*\)","rule":"\([^"]*\)".*/\1 \5 \4 \2:\3/' \
    "$r/captures/last-report.json" >"$tmp/found"
same_text "the report replaced" "./captures/broken.ndjson json-syntax /certificates 2:1
./captures/paged.jsonl partial-page /nextPageToken 1:3021
./captures/paged.jsonl partial-page /nextPageToken 2:2912" "$tmp/found"
manifest "$tmp/after"
grep -v ' ./captures/last-report.json$' "$tmp/before" >"$tmp/b2"
grep -v ' ./captures/last-report.json$' "$tmp/after" >"$tmp/a2"
cmp -s "$tmp/b2" "$tmp/a2" || fail "-o captures/last-report.json: another file changed"
cp "$tmp/after" "$tmp/before"

# 4. a hook passes every staged JSON file: only the captures are checked
(cd "$r" && "$LSCERTLINT" --filter-operands package.json tsconfig.json .vscode/settings.json \
    captures/prod.json captures/lscertlint-baseline.json "captures/certs-2025-05-01T12:00:00Z.json" \
    >"$tmp/out" 2>"$tmp/err" </dev/null)
status=$?
[ "$status" -eq 0 ] || fail "hook: status $status, expected 0"
empty_file "hook: no finding" "$tmp/out"
same_text "hook: the ignored files named and counted" "lscertlint: package.json: file ignored because of the configuration's include or exclude patterns
lscertlint: tsconfig.json: file ignored because of the configuration's include or exclude patterns
lscertlint: .vscode/settings.json: file ignored because of the configuration's include or exclude patterns
lscertlint: captures/lscertlint-baseline.json: file ignored because it is a baseline or a report this program wrote
2 files, 2 documents, 6 certificates: 0 errors, 0 warnings, 0 notes; 4 files ignored" "$tmp/err"
manifest "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "hook: a file changed"

# 5. a typo in an operand is a usage error, nothing counted
(cd "$r" && "$LSCERTLINT" captures/prod.json captures/prdo.json >"$tmp/out" 2>"$tmp/err" </dev/null)
status=$?
[ "$status" -eq 2 ] || fail "typo: status $status, expected 2"
same_text "typo: named" "lscertlint: no such file or directory: captures/prdo.json" "$tmp/err"
finish
