#!/bin/sh
# The release folder (LSC_RELEASE_DIR, written by make release): its files
# and SHA256SUMS; the static program unpacked into an empty tree and run
# there with chroot (no libc, no locale files, no /etc) and with env -i:
# samples/ in every format byte for byte as the dynamic build, --version,
# --help. Slow: run from .ci/run, after make release.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

rel=${LSC_RELEASE_DIR:-}
[ -n "$rel" ] && [ -f "$rel/SHA256SUMS" ] || {
    echo "release-static: SKIP: LSC_RELEASE_DIR names no make release folder" >&2
    exit 77
}
[ "$(id -u)" -eq 0 ] || { echo "release-static: SKIP: chroot needs root" >&2; exit 77; }
version=$(sed -n 's/^VERSION = //p' "$top_builddir/Makefile")
arch=$(uname -m)
bin=lscertlint-$version-linux-$arch
debarch=$(dpkg --print-architecture 2>/dev/null || echo amd64)

# the folder: exactly these files, each in SHA256SUMS
LC_ALL=C sort >"$tmp/want" <<LIST
SHA256SUMS
$bin.tar.gz
liblscertlint-dev_$version-1_$debarch.deb
liblscertlint2_$version-1_$debarch.deb
lscertlint-$version.tar.gz
lscertlint-$version.tar.xz
lscertlint_$version-1_$debarch.deb
LIST
(cd "$rel" && ls -1 | LC_ALL=C sort) >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "release folder: $(diff "$tmp/want" "$tmp/got" | tr '\n' ' ')"
(cd "$rel" && sha256sum --quiet -c SHA256SUMS) >"$tmp/sums" 2>&1 || fail "SHA256SUMS: $(cat "$tmp/sums")"
awk '{print $2}' "$rel/SHA256SUMS" >"$tmp/summed"
grep -vx SHA256SUMS "$tmp/got" | cmp -s - "$tmp/summed" || fail "SHA256SUMS does not cover every file"

# the binary tarball: the program, man page, README, licence, NEWS
tar -tzf "$rel/$bin.tar.gz" | LC_ALL=C sort >"$tmp/members"
printf '%s/\n%s/LICENSE\n%s/NEWS\n%s/README.md\n%s/lscertlint\n%s/lscertlint.1\n' \
    "$bin" "$bin" "$bin" "$bin" "$bin" "$bin" | cmp -s - "$tmp/members" ||
    fail "$bin.tar.gz holds: $(tr '\n' ' ' <"$tmp/members")"

root="$tmp/root"
mkdir -p "$root"
tar -xzf "$rel/$bin.tar.gz" -C "$root"
prog=/$bin/lscertlint
ldd "$root$prog" >"$tmp/ldd" 2>&1 && fail "ldd: a dynamic executable: $(cat "$tmp/ldd")"
has_text "ldd" "not a dynamic executable" "$tmp/ldd"
cp -R "$top_srcdir/samples" "$root/samples"
# the dynamic build reads the same relative paths from a copy
mkdir -p "$tmp/dyn"
cp -R "$top_srcdir/samples" "$tmp/dyn/samples"
# nothing in the tree but the unpacked release and the samples
find "$root" -mindepth 1 -maxdepth 1 | sed "s|^$root/||" | LC_ALL=C sort | tr "\n" " " >"$tmp/top"; echo >>"$tmp/top"
same_text "the chroot holds" "$bin samples " "$tmp/top"

# same NAME ARGS...: the static program in the chroot (cwd /) and under env
# -i, and the dynamic one, give the same stdout, stderr and status
same() {
    name=$1
    shift
    (cd "$tmp/dyn" && "$LSCERTLINT" "$@") >"$tmp/d.out" 2>"$tmp/d.err"
    d=$?
    chroot "$root" "$prog" "$@" >"$tmp/s.out" 2>"$tmp/s.err"
    s=$?
    [ "$s" -eq "$d" ] || fail "$name: chroot status $s, dynamic $d ($(head -c 300 "$tmp/s.err"))"
    cmp -s "$tmp/s.out" "$tmp/d.out" || fail "$name: chroot stdout differs: $(diff "$tmp/d.out" "$tmp/s.out" | head -n 5)"
    cmp -s "$tmp/s.err" "$tmp/d.err" || fail "$name: chroot stderr differs: $(diff "$tmp/d.err" "$tmp/s.err" | head -n 5)"
    (cd "$root" && env -i "$root$prog" "$@") >"$tmp/e.out" 2>"$tmp/e.err"
    e=$?
    [ "$e" -eq "$d" ] || fail "$name: env -i status $e, dynamic $d"
    cmp -s "$tmp/e.out" "$tmp/d.out" || fail "$name: env -i stdout differs"
    cmp -s "$tmp/e.err" "$tmp/d.err" || fail "$name: env -i stderr differs"
}
for f in text json jsonl sarif github junit; do
    same "-f $f samples" -f "$f" samples
done
same "samples/invalid (findings, exit 1)" -f text samples/invalid
same "-j2" -j2 -f json samples
same "--version" --version
has_text "--version" "lscertlint $version" "$tmp/s.out"
same "--help" --help
same "--list-rules" --list-rules
same "a usage error" --bogus
finish
