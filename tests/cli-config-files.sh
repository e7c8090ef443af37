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
# a hand-written aws: tag key keeps the capture's two notes (tags AWS applies are none)
sed 's/aws:cloudformation:stack-name/aws:cloudfxrmation:stack-name/' "$top_srcdir/samples/cli-v2.json" >"$repo/caps/a.json"

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

# --- JSONC: trailing commas, "$schema", comments; .lscertlint.jsonc is looked up too
cat >"$repo/.lscertlint.jsonc" <<'JSON'
{
  "$schema": "https://example.com/lscertlint.schema.json",
  // accepted: the last finding kinds
  "disable": ["tag-key-reserved", "json-bom",],
  "fail-on": "note",
}
JSON
in_dir "$repo/sub" --print-config=../caps/a.json
[ "$status" -eq 0 ] || fail ".jsonc: status $status; $(cat "$tmp/err")"
has_text ".jsonc: found" '"config": "../.lscertlint.jsonc",' "$tmp/out"
has_text ".jsonc: trailing comma read" '"tag-key-reserved": "off",' "$tmp/out"
has_text ".jsonc: from" '"fail-on": "../.lscertlint.jsonc:5:14",' "$tmp/out"
has_text "from: the default" '"format": "default",' "$tmp/out"
in_dir "$repo/sub" --format=jsonl --print-config=../caps/a.json
has_text "from: the command line" '"format": "command line",' "$tmp/out"
# a walk never reads it as a capture
in_dir "$repo" -q -f jsonl .
if grep -q 'lscertlint.jsonc' "$tmp/out"; then fail ".jsonc linted in a walk"; fi
# both names in one directory: which one is meant is not guessed
printf '{}\n' >"$repo/.lscertlint.json"
in_dir "$repo/sub" ../caps
[ "$status" -eq 2 ] || fail "both names: status $status"
same_text "both names" "lscertlint: $repo: both .lscertlint.json and .lscertlint.jsonc exist; keep one (or name it with --config)" "$tmp/err"
rm -f "$repo/.lscertlint.json" "$repo/.lscertlint.jsonc"
printf '{"$schema": 1}' >"$repo/.lscertlint.json"
in_dir "$repo" caps
same_text "\$schema: a string" "lscertlint: .lscertlint.json:1:13: \$schema: expected a string, not a number" "$tmp/err"
rm -f "$repo/.lscertlint.json"

# --- paths in a configuration: relative to it, never outside the repository
mkdir -p "$tmp/outside" "$repo/reports"
printf 'keep me\n' >"$tmp/outside/victim.txt"
ln -s "$tmp/outside" "$repo/out-link"
ln -s "$tmp/outside/victim.txt" "$repo/victim-link.txt"
refused() { # refused DESCRIPTION CONFIG EXPECTED-STDERR
    printf '%s' "$2" >"$repo/.lscertlint.json"
    in_dir "$repo/sub" ../caps
    [ "$status" -eq 2 ] || fail "$1: status $status, expected 2"
    same_text "$1" "$3" "$tmp/err"
    empty_file "$1: no report" "$tmp/out"
    printf 'keep me\n' >"$tmp/expected-victim"
    cmp -s "$tmp/expected-victim" "$tmp/outside/victim.txt" || fail "$1: the file outside changed"
    ls "$tmp/outside" >"$tmp/ls"
    same_text "$1: nothing new outside" "victim.txt" "$tmp/ls"
}
refused "absolute output" "{\"quiet\": 2, \"output\": \"$tmp/outside/victim.txt\"}" \
    "lscertlint: ../.lscertlint.json:1:24: output: an absolute path; paths in a configuration are relative to it and stay in the repository (name it on the command line instead)"
refused "output up and out" '{"output": "../outside/victim.txt"}' \
    "lscertlint: ../.lscertlint.json:1:12: output: '../outside/victim.txt' leaves the repository (paths in a configuration stay in it)"
refused "output through a linked directory" '{"output": "out-link/new.txt"}' \
    "lscertlint: ../.lscertlint.json:1:12: output: 'out-link/new.txt' leads out of the repository through a symbolic link (paths in a configuration stay in it)"
refused "output onto a link to a file outside" '{"output": "victim-link.txt"}' \
    "lscertlint: ../.lscertlint.json:1:12: output: 'victim-link.txt' leads out of the repository through a symbolic link (paths in a configuration stay in it)"
refused "write-baseline" '{"write-baseline": "sub/../../outside/b.json"}' \
    "lscertlint: ../.lscertlint.json:1:20: write-baseline: 'sub/../../outside/b.json' leaves the repository (paths in a configuration stay in it)"
refused "baseline" '{"baseline": "out-link/victim.txt"}' \
    "lscertlint: ../.lscertlint.json:1:14: baseline: 'out-link/victim.txt' leads out of the repository through a symbolic link (paths in a configuration stay in it)"
refused "report in a list" "{\"report\": [\"json:reports/r.json\", \"sarif:$tmp/outside/victim.txt\"]}" \
    "lscertlint: ../.lscertlint.json:1:36: report: an absolute path; paths in a configuration are relative to it and stay in the repository (name it on the command line instead)"
# inside the repository: relative to the configuration, whatever the current
# directory; report is a list as --report repeats
printf '{"quiet": 1, "output": "reports/out.txt", "report": ["jsonl:reports/r.jsonl", "sarif:reports/r.sarif"], "write-baseline": "reports/b.json"}' \
    >"$repo/.lscertlint.json"
in_dir "$repo/sub" ../caps
[ "$status" -eq 0 ] || fail "paths inside: status $status; $(cat "$tmp/err")"
ls "$repo/reports" >"$tmp/ls"
same_text "paths inside: relative to the configuration" "b.json
out.txt
r.jsonl
r.sarif" "$tmp/ls"
(cd "$repo/sub" && "$L" --no-config -f jsonl ../caps) >"$tmp/jsonl" 2>/dev/null
cmp -s "$tmp/jsonl" "$repo/reports/r.jsonl" || fail "report key: not the jsonl report"
[ -s "$tmp/jsonl" ] || fail "report key: an empty report"
ls "$repo/sub" >"$tmp/ls"
empty_file "paths inside: nothing in the current directory" "$tmp/ls"
# the command line may still name any path
in_dir "$repo/sub" -q -o "$tmp/outside/cmdline.txt" ../caps
[ "$status" -eq 0 ] || fail "command line -o outside: status $status; $(cat "$tmp/err")"
[ -s "$tmp/outside/cmdline.txt" ] || fail "command line -o outside: not written"
rm -f "$repo/.lscertlint.json" "$tmp/outside/cmdline.txt"

# --- expected-finding-missing with a long pointer: never cut inside a
# character, the entry's place always there
ptr=$(python3 -c 'print("/certificates/0/" + "\u00e9" * 300)')
printf '{"expect-findings": [{"files": "caps/*.json", "rules": ["json-bom"],\n  "pointers": ["%s"]}]}\n' "$ptr" \
    >"$repo/.lscertlint.json"
in_dir "$repo" -f jsonl caps
[ "$status" -eq 1 ] || fail "long pointer: status $status; $(head -c 300 "$tmp/err")"
python3 - "$tmp/out" >"$tmp/msg" <<'PY' || fail "long pointer: $(cat "$tmp/msg")"
import json, sys
for line in open(sys.argv[1], "rb"):
    f = json.loads(line.decode("utf-8"))  # valid UTF-8 or an exception
    if f["rule"] == "expected-finding-missing":
        m = f["message"]
        print(len(m.encode()), m[-62:])
        assert m.startswith("expected a finding of json-bom at /certificates/0/\u00e9"), m
        assert m.endswith("\u2026 (expect-findings, .lscertlint.json:1:22); none occurred"), m
        assert "\ufffd" not in m, "a character was cut"
PY
same_text "long pointer: the message" "349 ééééé… (expect-findings, .lscertlint.json:1:22); none occurred" "$tmp/msg"
rm -f "$repo/.lscertlint.json"

finish
