#!/bin/sh
# Never pass by checking nothing: an operand that yields no input is exit 2
# ("no input found in OPERAND", --allow-empty turns that off); a file or
# directory a walk cannot examine is exit 3 naming it; extensions match in
# any case; quoted glob operands are expanded by lscertlint ("**" for any
# depth, sorted, no match = no input); walks skip .git, .hg, .svn and
# node_modules (--no-default-excludes) and what --exclude=GLOB matches.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

# Each file holds {}: one empty-response note at 1:1, so each input is one
# text line and the first field gives the order.
order() {
    sed -n 's/^\([^:]*\):1:1: note: .*\[empty-response\].*/\1/p' "$tmp/out" >"$tmp/order"
}
d="$tmp/tree"
mkdir -p "$d/empty" "$d/notes" "$d/sub/deep/er" "$d/.hidden"
printf 'no capture\n' >"$d/notes/readme.txt"
for f in A.JSON b.Jsonl c.NDJSON sub/x.json sub/deep/y.json sub/deep/er/z.json sub/t.txt \
    .hidden/h.json; do
    printf '{}\n' >"$d/$f"
done

# ---- no input found ----------------------------------------------------
for op in "$d/empty" "$d/notes" "$d/nowhere/*.json" "$d/sub/*.yaml"; do
    run -q "$op"
    [ "$status" -eq 2 ] || fail "no input in $op: status $status, expected 2"
    same_text "no input in $op: message" "lscertlint: no input found in $op" "$tmp/err"
    empty_file "no input in $op: no report" "$tmp/out"
    run -q --allow-empty "$op"
    [ "$status" -eq 0 ] || fail "--allow-empty $op: status $status, expected 0"
    empty_file "--allow-empty $op: no message" "$tmp/err"
done
# Nothing is checked when one operand of several yields nothing.
run "$d/sub/x.json" "$d/empty"
[ "$status" -eq 2 ] || fail "one empty operand of two: status $status, expected 2"
empty_file "one empty operand of two: nothing checked" "$tmp/out"

# ---- extensions in any case --------------------------------------------
run "$d"
[ "$status" -eq 0 ] || fail "any case: status $status; $(cat "$tmp/err")"
order
same_text "any case: walk order (a walk enters hidden directories)" "$d/.hidden/h.json
$d/A.JSON
$d/b.Jsonl
$d/c.NDJSON
$d/sub/deep/er/z.json
$d/sub/deep/y.json
$d/sub/x.json" "$tmp/order"

# ---- globs expanded by the tool ----------------------------------------
(cd "$d" && "$LSCERTLINT" 'sub/**/*.json') >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || fail "glob **: status $status; $(cat "$tmp/err")"
order
same_text "glob **: any depth, zero included, sorted" "sub/deep/er/z.json
sub/deep/y.json
sub/x.json" "$tmp/order"
run "$d/sub/*.json" "$d/sub/deep/*"
order
same_text "globs with a directory part" "$d/sub/x.json
$d/sub/deep/y.json" "$tmp/order"
# A glob selects files whatever their name, not directories.
run "$d/sub/*"
order
same_text "glob: files of any name" "$d/sub/t.txt
$d/sub/x.json" "$tmp/order"
# '*' and '**' do not match hidden names; '.hidden/*' does.
(cd "$d" && "$LSCERTLINT" '**/*.json' '.hidden/*') >"$tmp/out" 2>"$tmp/err"
order
same_text "glob: hidden names only when spelled" "sub/deep/er/z.json
sub/deep/y.json
sub/x.json
.hidden/h.json" "$tmp/order"
# A file that exists under a name with glob characters is that file.
printf '{}\n' >"$d/notes/[x].json"
run "$d/notes/[x].json"
order
same_text "a literal name with brackets" "$d/notes/\\x5bx\\x5d.json" "$tmp/order"
rm "$d/notes/[x].json"

# ---- a walk that cannot examine something: exit 3 naming it ------------
# A path longer than PATH_MAX: lstat fails with ENAMETOOLONG.
long=dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd
# Built with relative paths of about 2 KB each: no single system call (and
# no shell's cd) sees a path longer than PATH_MAX.
half=$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long
mkdir -p "$tmp/deep"
(
    cd "$tmp/deep" && mkdir -p "$half" && cd "$half" && mkdir -p "$half" &&
        printf '{}\n' >"$half/deepest.json"
) || fail "could not build the deep tree"
printf '{}\n' >"$tmp/deep/top.json"
run "$tmp/deep"
[ "$status" -eq 3 ] || fail "ENAMETOOLONG: status $status, expected 3"
has_text "ENAMETOOLONG: named" ": File name too long" "$tmp/err"
grep -q "^lscertlint: $tmp/deep/$long/" "$tmp/err" || fail "ENAMETOOLONG: the path is not named: $(head -c 300 "$tmp/err")"
order
same_text "ENAMETOOLONG: the rest is checked" "$tmp/deep/top.json" "$tmp/order"
rm -rf "$tmp/deep" 2>/dev/null || true

# A symlink loop named *.json: ELOOP.
mkdir -p "$tmp/loop"
ln -s self.json "$tmp/loop/self.json"
run "$tmp/loop"
[ "$status" -eq 3 ] || fail "symlink loop: status $status, expected 3"
has_text "symlink loop: named" "lscertlint: $tmp/loop/self.json: Too many levels of symbolic links" "$tmp/err"

# A directory that cannot be opened (root reads it anyway).
if [ "$(id -u)" -eq 0 ]; then
    echo "SKIP (sub-case): unreadable directory: running as root, chmod 000 denies nothing"
else
    mkdir -p "$tmp/locked/in"
    printf '{}\n' >"$tmp/locked/in/a.json"
    chmod 000 "$tmp/locked/in"
    run "$tmp/locked"
    chmod 755 "$tmp/locked/in"
    [ "$status" -eq 3 ] || fail "unreadable directory: status $status, expected 3"
    has_text "unreadable directory: named" "lscertlint: $tmp/locked/in: Permission denied" "$tmp/err"
fi

# ---- excludes ------------------------------------------------------------
r="$tmp/repo"
mkdir -p "$r/.git/refs" "$r/.hg" "$r/.svn" "$r/node_modules/pkg" "$r/src/node_modules" \
    "$r/fixtures/broken" "$r/fixtures/ok"
for f in .git/refs/r.json .hg/h.json .svn/s.json node_modules/pkg/package.json \
    src/node_modules/m.json src/a.json fixtures/broken/b.json fixtures/ok/o.json \
    fixtures/ok/o.bak.json top.json; do
    printf '{}\n' >"$r/$f"
done
run "$r"
order
same_text "default excludes" "$r/fixtures/broken/b.json
$r/fixtures/ok/o.bak.json
$r/fixtures/ok/o.json
$r/src/a.json
$r/top.json" "$tmp/order"
run --no-default-excludes "$r"
order
same_text "--no-default-excludes" "$r/.git/refs/r.json
$r/.hg/h.json
$r/.svn/s.json
$r/fixtures/broken/b.json
$r/fixtures/ok/o.bak.json
$r/fixtures/ok/o.json
$r/node_modules/pkg/package.json
$r/src/a.json
$r/src/node_modules/m.json
$r/top.json" "$tmp/order"
# --exclude: a name at any depth, or a path as walked; repeatable.
(cd "$r" && "$LSCERTLINT" --exclude='*.bak.json' --exclude='fixtures/broken' .) >"$tmp/out" 2>"$tmp/err"
order
same_text "--exclude name and path" "./fixtures/ok/o.json
./src/a.json
./top.json" "$tmp/order"
(cd "$r" && "$LSCERTLINT" --exclude='fixtures/**' --exclude=src .) >"$tmp/out" 2>"$tmp/err"
order
same_text "--exclude with **" "./top.json" "$tmp/order"
# The default excludes and --exclude apply to what a glob's wildcards find.
(cd "$r" && "$LSCERTLINT" --exclude=ok '**/*.json') >"$tmp/out" 2>"$tmp/err"
order
same_text "excludes in a glob" "fixtures/broken/b.json
src/a.json
top.json" "$tmp/order"
# An operand named explicitly is checked, excluded name or not.
run --exclude='top*' "$r/top.json" "$r/node_modules"
order
same_text "explicit operands" "$r/top.json
$r/node_modules/pkg/package.json" "$tmp/order"
# Everything excluded: no input found.
run --exclude='*' "$r"
[ "$status" -eq 2 ] || fail "all excluded: status $status, expected 2"
run --exclude=
[ "$status" -eq 2 ] || fail "--exclude=: status $status, expected 2"
has_text "--exclude=: message" "lscertlint: --exclude: empty glob" "$tmp/err"

finish
