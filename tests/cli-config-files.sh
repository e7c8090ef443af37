#!/bin/sh
# The configuration and baseline files as hostile input: bytes that used to
# hang the reader (a lone '/', NUL bytes, UTF-16), positions at odd white
# space and at the end of input, JSONC (trailing commas, "$schema",
# .lscertlint.jsonc), and where a configuration may point a path. Every run
# has a generous timeout as a hang guard only; the assertions are on the
# exit status, the message (file, line, column) and file bytes.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

L="$LSCERTLINT"
repo="$tmp/repo"
mkdir -p "$repo/.git" "$repo/caps" "$repo/sub"
cp "$top_srcdir/samples/cli-v2.json" "$repo/caps/a.json"

in_dir() { # in_dir DIR ARGS...: run from DIR, 60 s at most
    d=$1
    shift
    (cd "$d" && timeout 60 "$L" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

# bad_config DESCRIPTION PRINTF-FORMAT EXPECTED-STDERR: found automatically in
# the repository (the place a stray file hurts every run), exit 2 at once
bad_config() {
    # shellcheck disable=SC2059 # the format carries the hostile bytes
    printf "$2" >"$repo/.lscertlint.json"
    in_dir "$repo/sub" ../caps
    [ "$status" -eq 2 ] || fail "$1: status $status, expected 2"
    same_text "$1" "$3" "$tmp/err"
    empty_file "$1: no report" "$tmp/out"
    rm -f "$repo/.lscertlint.json"
}
bad_config "a lone slash" '/' \
    "lscertlint: ../.lscertlint.json:1:1: not valid JSON: lexical error: invalid char in json text."
bad_config "a slash after a value" '{"quiet": 1 /' \
    "lscertlint: ../.lscertlint.json:1:13: not valid JSON: lexical error: invalid char in json text."
bad_config "a NUL byte" '{"quiet": 1,\n  \000}' \
    "lscertlint: ../.lscertlint.json:2:3: a NUL byte; not a text file"
bad_config "UTF-16 with a BOM" '\377\376{\000}\000' \
    "lscertlint: ../.lscertlint.json:1:1: UTF-16 text (NUL bytes); save the file as UTF-8"
bad_config "UTF-16 without a BOM" '{\000"\000q\000"\000:\0001\000}\000' \
    "lscertlint: ../.lscertlint.json:1:1: UTF-16 text (NUL bytes); save the file as UTF-8"
# positions: form feed and vertical tab are white space of one column each,
# the end of input is where the text ends
bad_config "form feed" '{\f"quiet":\v1, "fial-on": "note"}' \
    "lscertlint: ../.lscertlint.json:1:15: unknown key 'fial-on'; did you mean 'fail-on'?"
bad_config "vertical tab before a bad value" '{\v\v"fail-on":\f"loud"}' \
    "lscertlint: ../.lscertlint.json:1:15: fail-on: --fail-on: unknown level 'loud'; use error, warning, note or never"
bad_config "end of input" '{"quiet": 1,\n  "fail-on": "note"' \
    "lscertlint: ../.lscertlint.json:2:20: not valid JSON: parse error: premature EOF"
bad_config "multibyte characters count one column" '{"now": "\303\251\342\202\254", "fial-on": 1}' \
    "lscertlint: ../.lscertlint.json:1:15: unknown key 'fial-on'; did you mean 'fail-on'?"
bad_config "empty" '\n\n' \
    "lscertlint: ../.lscertlint.json:3:1: empty file: expected a JSON value"

# a baseline holding a NUL byte: exit 2, its place named
printf '{"lscertlint-baseline": 1,\n "findings": [\000]}\n' >"$repo/b.json"
in_dir "$repo" --baseline=b.json caps
[ "$status" -eq 2 ] || fail "baseline with a NUL: status $status"
same_text "baseline with a NUL" "lscertlint: b.json:2:15: not a baseline: a NUL byte; not a text file" "$tmp/err"
printf '/' >"$repo/b.json"
in_dir "$repo" --baseline=b.json caps
[ "$status" -eq 2 ] || fail "baseline '/': status $status"
same_text "baseline '/'" "lscertlint: b.json:1:1: not a baseline: not valid JSON: lexical error: invalid char in json text." "$tmp/err"
rm -f "$repo/b.json"

finish
