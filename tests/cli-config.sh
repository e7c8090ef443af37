#!/bin/sh
# The configuration file .lscertlint.json: lookup up to the repository root,
# --config/--no-config, option keys (the command line wins), include and
# exclude, overrides, ignore, --print-config, and bad configurations named
# with their line and column.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

L="$LSCERTLINT"
repo="$tmp/repo"
mkdir -p "$repo/.git" "$repo/fixtures/expired" "$repo/sub/deeper" "$repo/node_modules/pkg" "$repo/other"
# a hand-written tag key in the reserved prefix (AWS's own namespaces are no finding)
sed 's/aws:cloudformation:stack-name/aws:cloudfxrmation:stack-name/' "$top_srcdir/samples/cli-v2.json" >"$repo/fixtures/a.json"
printf '{}\n' >"$repo/node_modules/pkg/package.json"
printf '{}\n' >"$repo/other/x.txt"
printf '{}\n' >"$repo/other/y.json"
# expired on purpose: notAfter in the past, status ISSUED
sed 's/"notAfter": "[^"]*"/"notAfter": "2024-01-01T00:00:00Z"/; s/aws:cloudformation:stack-name/aws:cloudfxrmation:stack-name/' "$top_srcdir/samples/cli-v2.json" \
    >"$repo/fixtures/expired/old.json"

in_repo() { # in_repo DIR ARGS...: run from DIR
    d=$1
    shift
    (cd "$d" && "$L" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

# --- without a configuration: the defaults, node_modules is linted
in_repo "$repo" --now=2024-02-01T00:00:00Z fixtures node_modules
[ "$status" -eq 0 ] || fail "no config: status $status"
has_text "no config: expired fixture fails" "[expired-but-issued]" "$tmp/out"

# --- lookup from a subdirectory up to the repository root, comments allowed
cat >"$repo/.lscertlint.json" <<'EOF'
// team settings
{
  "now": "2024-02-01T00:00:00Z", /* the fixtures' reference time */
  "exclude": ["node_modules"],
  "overrides": [
    { "files": ["fixtures/expired/**"], "disable": ["expired-but-issued"] }
  ],
  "ignore": [
    { "rule": "tag-key-reserved", "pointer": "/certificates/*/tags/*/key" }
  ]
}
EOF
in_repo "$repo/sub/deeper" ../..
[ "$status" -eq 0 ] || fail "config from sub/deeper: status $status; $(cat "$tmp/err")"
same_text "config: findings" "../../fixtures/a.json:112:32: note: certificate \"static-example-com\": the tag key \"aws:cloudfxrmation:stack-name\" starts with the prefix \"aws:\", reserved for tags AWS applies [tag-key-reserved] (/certificates/0/certificateDetail/tags/1/key)
../../fixtures/expired/old.json:112:32: note: certificate \"static-example-com\": the tag key \"aws:cloudfxrmation:stack-name\" starts with the prefix \"aws:\", reserved for tags AWS applies [tag-key-reserved] (/certificates/0/certificateDetail/tags/1/key)
../../other/y.json:1:1: note: the document is an empty object: no certificates member [empty-response]" "$tmp/out"
same_text "config: summary counts the ignored" \
    "3 files, 3 documents, 8 certificates: 0 errors, 0 warnings, 3 notes; 2 ignored" "$tmp/err"

# the command line wins over the file
in_repo "$repo" --enable=expired-but-issued --fail-on=warning -q fixtures/expired
[ "$status" -eq 1 ] || fail "command line wins: status $status"
has_text "command line wins" "old.json:" "$tmp/out"
has_text "command line wins: the rule" "[expired-but-issued]" "$tmp/out"

# --no-config: the defaults again (node_modules linted, nothing ignored)
in_repo "$repo" --no-config -q node_modules
[ "$status" -eq 0 ] || fail "--no-config: status $status"
same_text "--no-config" "node_modules/pkg/package.json:1:1: note: the document is an empty object: no certificates member [empty-response]" "$tmp/out"

# the lookup stops at the repository root: a configuration above it is not read
mkdir -p "$tmp/outer/inner/.git"
printf '{"fail-on": "note"}\n' >"$tmp/outer/.lscertlint.json"
printf '{}\n' >"$tmp/outer/inner/e.json"
in_repo "$tmp/outer/inner" -q e.json
[ "$status" -eq 0 ] || fail "lookup stops at .git: status $status"
# and outside a repository only the current directory counts
in_repo "$tmp/outer" -q inner/e.json
[ "$status" -eq 1 ] || fail "config of the current directory: status $status"

# --config=FILE names one; globs are relative to it, not to the current directory
mkdir -p "$tmp/elsewhere"
printf '{"include": ["other/*.txt"], "exclude": ["other/y.json"]}\n' >"$tmp/elsewhere/c.json"
cp "$tmp/elsewhere/c.json" "$repo/c.json"
in_repo "$repo/sub" --config=../c.json -q ../other
[ "$status" -eq 0 ] || fail "--config: status $status; $(cat "$tmp/err")"
same_text "--config include/exclude relative to the file" "../other/x.txt:1:1: note: the document is an empty object: no certificates member [empty-response]" "$tmp/out"
in_repo "$repo" --config=missing.json fixtures
[ "$status" -eq 2 ] || fail "--config missing: status $status"
same_text "--config missing" "lscertlint: missing.json: No such file or directory" "$tmp/err"
in_repo "$repo" --config=c.json --no-config fixtures
[ "$status" -eq 2 ] || fail "--config with --no-config: status $status"

# ignore by certificate name or ARN
printf '{"ignore": [{"certificate": "%s"}], "now": "2024-02-01T00:00:00Z"}\n' \
    "$(sed -n 's/.*"certificateName": "\([^"]*\)".*/\1/p' "$repo/fixtures/a.json" | head -1)" >"$tmp/ign.json"
in_repo "$repo" --config="$tmp/ign.json" fixtures/a.json
[ "$status" -eq 0 ] || fail "ignore certificate: status $status"
empty_file "ignore certificate: its findings are gone" "$tmp/out"
same_text "ignore certificate: counted" "1 file, 1 document, 4 certificates: 0 errors, 0 warnings, 0 notes; 2 ignored" "$tmp/err"

# --print-config: the effective settings of one file
in_repo "$repo/sub" --print-config=../fixtures/expired/old.json
[ "$status" -eq 0 ] || fail "--print-config: status $status"
sed -n '1,9p' "$tmp/out" >"$tmp/head"
same_text "--print-config head" '{
  "file": "../fixtures/expired/old.json",
  "config": "../.lscertlint.json",
  "excluded": false,
  "overrides": [0],
  "options": {
    "now": "2024-02-01T00:00:00Z"
  },
  "fail-on": "error",' "$tmp/head"
has_text "--print-config: override applied" '"expired-but-issued": "off",' "$tmp/out"
has_text "--print-config: ignore entry" '"ignore": [0],' "$tmp/out"
python3 -m json.tool "$tmp/out" >/dev/null 2>&1 || fail "--print-config is not JSON"
in_repo "$repo" --print-config=fixtures/a.json --severity=expired-but-issued=note
has_text "--print-config: no override, command line" '"expired-but-issued": "note",' "$tmp/out"
has_text "--print-config: no override" '"overrides": [],' "$tmp/out"

# every option has a key: format, fail-on, quiet, severity as an object
printf '{"format": "jsonl", "fail-on": "note", "quiet": 1, "severity": {"empty-response": "warning"}}\n' >"$tmp/keys.json"
in_repo "$repo" --config="$tmp/keys.json" other/y.json
[ "$status" -eq 1 ] || fail "keys: status $status"
same_text "keys: jsonl, severity" '{"file":"other/y.json","document":0,"line":1,"column":1,"offset":0,"pointer":"","rule":"empty-response","severity":"warning","message":"the document is an empty object: no certificates member"}' "$tmp/out"
empty_file "keys: quiet" "$tmp/err"

# the configuration file itself is never an input of a walk
in_repo "$repo" -q --config=c.json .
has_text "walk: other files" "other/x.txt" "$tmp/out"
if grep -q 'lscertlint.json' "$tmp/out"; then fail "walk: the configuration file was linted"; fi

# glob semantics, through --print-config's "excluded"
printf '{"exclude": ["a/**/b.json", "*.ndjson", "dir", "c[0-9].json"]}\n' >"$repo/globs.json"
excluded() { # excluded FILE true|false
    in_repo "$repo" --config=globs.json --print-config="$1"
    has_text "glob: $1" "\"excluded\": $2," "$tmp/out"
}
excluded a/b.json true           # ** matches no segment
excluded a/x/y/b.json true       # or several
excluded a/x/c.json false
excluded top.ndjson true
excluded sub/top.ndjson true     # no '/': a name at any depth, as --exclude
excluded dir/deep/x.json true    # a directory covers what lies below
excluded dirt/x.json false
excluded c7.json true
excluded cx.json false
excluded ../outside.json false   # outside the configuration's directory

# --- bad configurations: exit 2, the key with its line and column
bad() { # bad DESCRIPTION CONFIG-TEXT EXPECTED-MESSAGE
    printf '%s' "$2" >"$tmp/bad.json"
    in_repo "$repo" --config="$tmp/bad.json" fixtures
    [ "$status" -eq 2 ] || fail "$1: status $status"
    same_text "$1" "lscertlint: $tmp/bad.json:$3" "$tmp/err"
    empty_file "$1: no report" "$tmp/out"
}
bad "unknown key" '{
  "fial-on": "warning"}' "2:3: unknown key 'fial-on'; did you mean 'fail-on'?"
bad "wrong type" '{"fail-on": "warning",
    "pass-through": "yes"}' "2:21: pass-through: expected a boolean, not a string"
bad "bad value" '{"fail-on": "loud"}' "1:13: fail-on: --fail-on: unknown level 'loud'; use error, warning, note or never"
bad "unknown rule id in disable" '{"disable": ["tag-count", "tag-cont"]}' \
    "1:27: disable: --disable: unknown rule id 'tag-cont'; did you mean 'tag-count'?"
bad "unknown rule id in ignore" '{"ignore": [
  {"rule": "zzz"}]}' "2:12: rule: unknown rule id 'zzz'; see 'lscertlint --list-rules'"
bad "bad glob" '{"exclude": ["ok/**", "a[b"]}' "1:23: exclude: bad glob 'a[b': a '[' without its ']'"
bad "bad glob **" '{"overrides": [{"files": ["x**/a"], "disable": "tag-count"}]}' \
    "1:27: files: bad glob 'x**/a': '**' must be a whole path segment"
bad "empty ignore entry" '{"ignore": [{}]}' "1:13: ignore: an entry needs at least one of rule, files, pointer, certificate"
bad "unknown ignore member" '{"ignore": [{"rule": "tag-count", "file": "x"}]}' \
    "1:35: unknown key 'file' in ignore (rule, files, pointer, certificate); did you mean 'files'?"
bad "not per file" '{"overrides": [{"files": "x", "format": "json"}]}' \
    "1:31: format: not a per-file setting; overrides take rule and request keys"
bad "override value" '{"overrides": [{"files": "x", "expect": "all"}]}' \
    "1:41: expect: --expect: unknown value 'all'; use details or summary"
bad "duplicate key" '{"now": "now",
 "now": "now"}' "2:2: duplicate key 'now'"
bad "syntax" '{"a": 1 "b": 2}' "1:9: not valid JSON: parse error: after key and value, inside map, I expect ',' or '}'"
bad "top level" '[]' "1:1: expected an object at the top, not an array"
bad "columns count code points, comments skipped" '{/* ü */ "x": 1}' "1:10: unknown key 'x'"
bad "a quote inside a comment" '{ // "tricky
 "fail-on": "error", "y": [1, {"z": "}"}]}' "2:22: unknown key 'y'"
bad "rule ids in any case" '{"ignore": [{"rule": "TAG-COUNT"}], "expect-findings": [{"files": "x", "rules": ["tag-cuont"]}]}' \
    "1:82: rules: unknown rule id 'tag-cuont'; did you mean 'tag-count'?"
bad "command-line only" '{"config": "x"}' "1:2: unknown key 'config'"
bad "pointer" '{"ignore": [{"pointer": "certificates"}]}' \
    "1:25: pointer: a JSON Pointer is empty or starts with '/', not 'certificates'"

finish
