#!/bin/sh
# Unix manners: --help and --version (GNU style), -q and -qq, --color and
# NO_COLOR, -o, a closed pipe on stdout ends quietly, write errors give 3.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

printf '[]\n' >"$tmp/error.json"
printf '{"certificates":[]}\n' >"$tmp/clean.json"

# ---- --help, --version ----------------------------------------------------
expect_status 0 "--help" --help
empty_file "--help: stderr" "$tmp/err"
has_text "--help: usage line" "Usage: lscertlint [OPTION]... [FILE|DIR|-]..." "$tmp/out"
for opt in -f, --format= -o, --output= -p, --pass-through --normalize --fail-on= \
    --disable= --enable= --severity= --expect= --expect-status= --expect-name= --now= \
    --expiry-days= --max-depth= --stdin-filename= --color -q, --quiet --list-rules \
    --explain= -h, --help -V, --version text json jsonl sarif github junit NO_COLOR; do
    has_text "--help mentions $opt" "$opt" "$tmp/out"
done
for code in 0 1 2 3; do
    grep -q "^  $code  " "$tmp/out" || fail "--help: exit status $code not described"
done
expect_status 0 "-h" -h "$tmp/error.json" # acts at once: nothing checked
has_text "-h" "Usage:" "$tmp/out"
expect_status 2 "a bad option before --help" --bogus --help

expect_status 0 "--version" --version
sed -n 1p "$tmp/out" >"$tmp/first"
same_text "--version: first line" "lscertlint 0.2.0" "$tmp/first"
has_text "--version: licence" "NO WARRANTY" "$tmp/out"
expect_status 0 "-V" -V
"$LSCERTLINT" --help >/dev/full 2>"$tmp/err"
status=$?
[ "$status" -eq 3 ] || fail "--help >/dev/full: status $status, expected 3"

# ---- -q, -qq ---------------------------------------------------------------
expect_status 1 "default" "$tmp/error.json"
has_text "default: finding on stdout" "$tmp/error.json:1:1: error: " "$tmp/out"
same_text "default: summary on stderr" "1 file, 1 document, 0 certificates: 1 error, 0 warnings, 0 notes" "$tmp/err"
expect_status 1 "-q" -q "$tmp/error.json"
has_text "-q: finding still on stdout" "[not-a-response]" "$tmp/out"
empty_file "-q: no summary" "$tmp/err"
expect_status 1 "-qq" -qq "$tmp/error.json"
empty_file "-qq: stdout" "$tmp/out"
empty_file "-qq: stderr" "$tmp/err"
expect_status 2 "-qq, missing input" -qq "$tmp/nope.json"
empty_file "-qq, missing input: stderr" "$tmp/err"
expect_status 1 "-q -q -o FILE" -q -q -o "$tmp/r.txt" "$tmp/error.json"
has_text "-qq -o FILE: the file is still written" "[not-a-response]" "$tmp/r.txt"
empty_file "-qq -o FILE: stderr" "$tmp/err"

# ---- -o --------------------------------------------------------------------
expect_status 1 "-o FILE" -o "$tmp/r.txt" "$tmp/error.json"
empty_file "-o: stdout" "$tmp/out"
has_text "-o: the file" "$tmp/error.json:1:1: error: " "$tmp/r.txt"
expect_status 1 "-o -" -o - "$tmp/error.json"
has_text "-o -: stdout" "[not-a-response]" "$tmp/out"
expect_status 2 "-p -o -" -p -o - "$tmp/error.json"

# ---- formats reach the reporter ----------------------------------------------
expect_status 1 "-f jsonl" -f jsonl "$tmp/error.json"
has_text "-f jsonl" '"rule":"not-a-response"' "$tmp/out"
expect_status 1 "--format=json" --format=json "$tmp/error.json"
has_text "--format=json: tool" '"lscertlint"' "$tmp/out"
if command -v json_verify >/dev/null 2>&1; then
    json_verify -q <"$tmp/out" >/dev/null 2>&1 || fail "--format=json: not JSON"
fi
expect_status 1 "-f github" -f github "$tmp/error.json"
has_text "-f github" "::error file=" "$tmp/out"
expect_status 0 "--fail-on=never -f junit" --fail-on=never -f junit "$tmp/error.json"
has_text "-f junit" "<testsuite" "$tmp/out"
expect_status 1 "-f sarif" -f sarif "$tmp/error.json"
has_text "-f sarif" '"2.1.0"' "$tmp/out"

# ---- colour ------------------------------------------------------------------
esc=$(printf '\033')
expect_status 1 "--color=always" --color=always "$tmp/error.json"
grep -q "$esc" "$tmp/out" || fail "--color=always: no escape sequence"
expect_status 1 "--color" --color "$tmp/error.json"
grep -q "$esc" "$tmp/out" || fail "--color: no escape sequence"
expect_status 1 "--color=never" --color=never "$tmp/error.json"
grep -q "$esc" "$tmp/out" && fail "--color=never: escape sequence"
expect_status 1 "--color=auto, not a terminal" --color=auto "$tmp/error.json"
grep -q "$esc" "$tmp/out" && fail "--color=auto to a file: escape sequence"
NO_COLOR=1 "$LSCERTLINT" --color=always "$tmp/error.json" >"$tmp/out" 2>&1
grep -q "$esc" "$tmp/out" || fail "--color=always wins over NO_COLOR"
if script --version 2>&1 | grep -q util-linux; then
    # On a pseudo-terminal: colour by default, none with NO_COLOR.
    script -qec "\"$LSCERTLINT\" \"$tmp/error.json\"" /dev/null </dev/null >"$tmp/tty" 2>&1
    grep -q "$esc" "$tmp/tty" || fail "--color=auto on a terminal: no colour"
    NO_COLOR=1 script -qec "\"$LSCERTLINT\" \"$tmp/error.json\"" /dev/null </dev/null >"$tmp/tty" 2>&1
    grep -q "$esc" "$tmp/tty" && fail "NO_COLOR on a terminal: colour"
fi

# ---- a progress line, on a terminal only, for inputs over 64 MiB ------------
if script --version 2>&1 | grep -q util-linux && [ -z "${VALGRIND:-}" ]; then
    # 2 x 36 MB through a pipe (size unknown), with a pause so the line shows.
    awk 'BEGIN { s = "{\"certificates\":[],\"nextPageToken\":\""; for (i = 0; i < 1000; i++) s = s "x";
                 s = s "\"}"; for (i = 0; i < 36000; i++) print s }' >"$tmp/half.jsonl"
    script -qec "sh -c '(cat \"$tmp/half.jsonl\"; sleep 1; cat \"$tmp/half.jsonl\") |
        \"$LSCERTLINT\" -q --disable=partial-page - >/dev/null'" /dev/null </dev/null >"$tmp/tty" 2>&1
    has_text "progress line on a terminal" "$(printf '\r\033[K')lscertlint: <stdin>: " "$tmp/tty"
    has_text "progress line: speed" " MB/s" "$tmp/tty"
    tail -c 4 "$tmp/tty" | od -c | tr -s ' ' >"$tmp/tail"
    has_text "progress line erased at the end" '\r 033 [ K' "$tmp/tail"
    "$LSCERTLINT" -q --disable=partial-page "$tmp/half.jsonl" "$tmp/half.jsonl" 2>"$tmp/err" >/dev/null
    empty_file "no progress line when stderr is not a terminal" "$tmp/err"
fi

# ---- a closed pipe ends the run quietly ----------------------------------------
awk 'BEGIN { for (i = 0; i < 200000; i++) print "{\"certificates\":[]}" }' >"$tmp/big.jsonl"
( "$LSCERTLINT" -p "$tmp/big.jsonl" 2>"$tmp/err"; echo $? >"$tmp/status" ) | head -c 10 >"$tmp/head"
status=$(cat "$tmp/status")
[ "$status" -le 3 ] || fail "-p | head: status $status (killed by a signal?)"
empty_file "-p | head: stderr" "$tmp/err"
[ "$(wc -c <"$tmp/head")" -eq 10 ] || fail "-p | head: head got $(wc -c <"$tmp/head") bytes"
( "$LSCERTLINT" --normalize "$tmp/big.jsonl" 2>"$tmp/err"; echo $? >"$tmp/status" ) | head -n 1 >/dev/null
status=$(cat "$tmp/status")
[ "$status" -le 3 ] || fail "--normalize | head: status $status"
empty_file "--normalize | head: stderr" "$tmp/err"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "[]" }' >"$tmp/errors.jsonl"
( "$LSCERTLINT" "$tmp/errors.jsonl" 2>"$tmp/err"; echo $? >"$tmp/status" ) | head -n 1 >/dev/null
status=$(cat "$tmp/status")
[ "$status" -le 3 ] || fail "report | head: status $status"
empty_file "report | head: stderr" "$tmp/err"

# ---- write errors --------------------------------------------------------------
"$LSCERTLINT" -p "$tmp/clean.json" >/dev/full 2>"$tmp/err"
status=$?
[ "$status" -eq 3 ] || fail "-p >/dev/full: status $status, expected 3"
has_text "-p >/dev/full: message" "lscertlint: standard output: No space left on device" "$tmp/err"
expect_status 3 "-f json -o /dev/full, no findings" -f json -o /dev/full "$tmp/clean.json"
has_text "-o /dev/full: message" "lscertlint: /dev/full: No space left on device" "$tmp/err"

finish
