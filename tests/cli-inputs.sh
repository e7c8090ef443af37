#!/bin/sh
# Operands: directories walked recursively for *.json, *.jsonl, *.ndjson in
# sorted byte order (strcmp), standard input and its --stdin-filename, '-'
# among files, symlinks, unreadable entries.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

# Every file holds {} (one empty-response note at 1:1), so each input shows
# up as one text line: the first field of each line gives the order.
d="$tmp/tree"
mkdir -p "$d/a" "$d/Z" "$d/sub/deeper" "$d/empty" "$d/dir.json"
for f in b.json a.json a.jsonl a-b.json B.ndjson Z/z.json a/inner.json \
    sub/deeper/x.ndjson sub/m.json sub/n.txt c.txt d.JSON e.json.bak \
    dir.json/in.json; do
    printf '{}\n' >"$d/$f"
done
ln -s ../.. "$d/sub/deeper/loop"        # a link to a directory: not walked
ln -s ../a "$d/sub/linked-dir.json"     # not even with a .json name
ln -s ../a.json "$d/sub/link.json"      # a link to a file: checked

order() {
    sed -n 's/^\([^:]*\):1:1: note: .*\[empty-response\].*/\1/p' "$tmp/out" >"$tmp/order"
}
run "$d"
[ "$status" -eq 0 ] || fail "tree: status $status; stderr: $(cat "$tmp/err")"
order
same_text "walk order" "$d/B.ndjson
$d/Z/z.json
$d/a/inner.json
$d/a-b.json
$d/a.json
$d/a.jsonl
$d/b.json
$d/d.JSON
$d/dir.json/in.json
$d/sub/deeper/x.ndjson
$d/sub/link.json
$d/sub/m.json" "$tmp/order"
has_text "summary counts walked files" "12 files, 12 documents" "$tmp/err"

# A trailing slash does not double it.
run "$d/sub/"
order
same_text "trailing slash" "$d/sub/deeper/x.ndjson
$d/sub/link.json
$d/sub/m.json" "$tmp/order"

# An empty directory: nothing was checked, a usage error (2), unless
# --allow-empty.
run "$d/empty"
[ "$status" -eq 2 ] || fail "empty directory: status $status, expected 2"
empty_file "empty directory: no report" "$tmp/out"
same_text "empty directory: message" "lscertlint: no input found in $d/empty" "$tmp/err"
run --allow-empty "$d/empty"
[ "$status" -eq 0 ] || fail "empty directory, --allow-empty: status $status"
empty_file "empty directory, --allow-empty: no report" "$tmp/out"

# A dangling symlink named *.json is an unreadable input (3); others go on.
ln -s nowhere.json "$d/empty/dangling.json"
run "$d/empty" "$d/a"
[ "$status" -eq 3 ] || fail "dangling symlink: status $status, expected 3"
has_text "dangling symlink named" "lscertlint: $d/empty/dangling.json: No such file or directory" "$tmp/err"
order
same_text "dangling symlink: the rest is checked" "$d/a/inner.json" "$tmp/order"

# Standard input: no operand, or '-', named <stdin> or --stdin-filename.
printf '\n\n  []\n' >"$tmp/array.json"
run <"$tmp/array.json"
has_text "default stdin name" "<stdin>:3:3: error:" "$tmp/out"
run - <"$tmp/array.json"
has_text "'-' is stdin" "<stdin>:3:3: error:" "$tmp/out"
run --stdin-filename=saved/page1.json <"$tmp/array.json"
has_text "--stdin-filename" "saved/page1.json:3:3: error:" "$tmp/out"
grep -q '<stdin>' "$tmp/out" && fail "--stdin-filename: <stdin> still printed"
cat "$tmp/array.json" | "$LSCERTLINT" --stdin-filename=piped.json - >"$tmp/out" 2>"$tmp/err"
has_text "stdin from a pipe" "piped.json:3:3: error:" "$tmp/out"

# '-' among files, in command-line order.
run "$d/b.json" - "$d/a.json" <"$tmp/array.json"
sed 's/:.*//' "$tmp/out" >"$tmp/order"
same_text "'-' among files" "$d/b.json
<stdin>
$d/a.json" "$tmp/order"

# A file operand is checked whatever its name; a missing one is a usage
# error before anything is read.
run "$d/c.txt" </dev/null
has_text "non-.json operand checked" "$d/c.txt:1:1: note:" "$tmp/out"
run "$d/c.txt" "$d/nope" </dev/null
[ "$status" -eq 2 ] || fail "file operand + missing: status $status, expected 2"
same_text "file operand + missing: named" "lscertlint: no such file or directory: $d/nope" "$tmp/err"

# File names from a directory cannot put control characters on a terminal.
mkdir -p "$tmp/ctl"
ln -s nowhere "$tmp/ctl/$(printf 'x\033]0;t\007\\.json')"
run "$tmp/ctl"
[ "$status" -eq 3 ] || fail "dangling symlink with control characters: status $status"
if grep -q "$(printf '\033')" "$tmp/err"; then fail "an escape character reached stderr"; fi
has_text "control characters escaped in messages" 'x\u001b]0;t\u0007\\.json: No such file' "$tmp/err"

finish
