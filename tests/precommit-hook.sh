#!/bin/sh
# The pre-commit hook (.pre-commit-hooks.yaml, language: system) with
# Debian's pre-commit, through try-repo against this repository, in a
# scratch repository: package.json (left out by the configuration's
# include), a broken .ndjson, a .json.gz and a clean capture. The hook
# gets .json/.jsonl/.ndjson and their .gz forms only, fails on the broken
# capture with lscertlint's own lines, and prints one summary line a run.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

command -v pre-commit >/dev/null 2>&1 || {
    echo "precommit-hook: SKIP: pre-commit not installed (Debian: apt-get install pre-commit)" >&2
    exit 77
}
command -v git >/dev/null 2>&1 || { echo "precommit-hook: SKIP: no git" >&2; exit 77; }
[ -e "$top_srcdir/.git" ] || { echo "precommit-hook: SKIP: $top_srcdir is not a git checkout" >&2; exit 77; }

# language: system: lscertlint on the PATH (here the build tree's)
mkdir -p "$tmp/bin"
ln -s "$LSCERTLINT" "$tmp/bin/lscertlint"
PATH="$tmp/bin:$PATH"
export PATH
PRE_COMMIT_HOME="$tmp/cache"
export PRE_COMMIT_HOME
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t \
    GIT_COMMITTER_EMAIL=t@example.invalid

repo="$tmp/repo"
mkdir -p "$repo/captures" "$repo/docs"
cd "$repo" || exit 99
git init -q .
printf '{"name": "web", "version": "1.0.0"}\n' >package.json
printf '{"include": ["captures/**"]}\n' >.lscertlint.json
cp "$top_srcdir/samples/cli-v2.json" captures/clean.json
gzip -9nc "$top_srcdir/samples/wire-compact.json" >captures/wire.json.gz
printf '{"certificates": []}\n{"certificates": [\n' >captures/broken.ndjson
printf 'not json\n' >docs/notes.txt
printf 'not json\n' >captures/notes.yaml
git add -A

# hook: run the hook over every file; output in $tmp/hook.out, status in $status
hook() {
    pre-commit try-repo "$top_srcdir" lscertlint --all-files --color=never "$@" \
        >"$tmp/hook.out" 2>&1
    status=$?
}
# the lines lscertlint itself prints for FILES (the hook's input set)
direct() {
    lscertlint --filter-operands -j1 "$@" >"$tmp/direct.out" 2>&1
}

hook
[ "$status" -eq 1 ] || fail "broken capture: pre-commit status $status: $(cat "$tmp/hook.out")"
direct .lscertlint.json captures/broken.ndjson captures/clean.json captures/wire.json.gz package.json
grep -F -e captures/ -e 'files, ' "$tmp/direct.out" >"$tmp/want"
grep -F -e captures/ -e 'files, ' "$tmp/hook.out" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "hook output: got:$nl$(cat "$tmp/got")${nl}expected:$nl$(cat "$tmp/want")"
has_text "the broken capture" "captures/broken.ndjson:" "$tmp/hook.out"
grep -q 'package.json:.*error' "$tmp/hook.out" && fail "package.json was checked: $(cat "$tmp/hook.out")"
grep -q -e notes.txt -e notes.yaml "$tmp/hook.out" && fail "non-JSON files reached the hook"
# one summary line for the run (require_serial: one process)
grep -c '^[0-9]* files\?, ' "$tmp/hook.out" >"$tmp/n"
same_text "summary lines (broken)" 1 "$tmp/n"
has_text "3 captures checked" "3 files, " "$tmp/hook.out"

# without the broken capture: the hook passes, still one summary line
git rm -q --cached captures/broken.ndjson
rm captures/broken.ndjson
hook --verbose
[ "$status" -eq 0 ] || fail "clean captures: pre-commit status $status: $(cat "$tmp/hook.out")"
grep -c '^[0-9]* files\?, ' "$tmp/hook.out" >"$tmp/n"
same_text "summary lines (clean)" 1 "$tmp/n"
has_text "2 captures checked" "2 files, " "$tmp/hook.out"
finish
