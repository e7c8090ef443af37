#!/bin/sh
# The Debian packages of the release folder (LSC_RELEASE_DIR): installed
# with apt-get, the installed program checks samples/ as the build tree's
# does, examples/ build against liblscertlint-dev with pkg-config (shared
# and static) and run; purged, none of their files is left. Needs root and
# none of the packages installed before.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

rel=${LSC_RELEASE_DIR:-}
[ -n "$rel" ] && [ -f "$rel/SHA256SUMS" ] || {
    echo "deb-install: SKIP: LSC_RELEASE_DIR names no make release folder" >&2
    exit 77
}
[ "$(id -u)" -eq 0 ] || { echo "deb-install: SKIP: apt-get install needs root" >&2; exit 77; }
pkgs="lscertlint liblscertlint2 liblscertlint-dev"
for p in $pkgs; do
    if dpkg -s "$p" >/dev/null 2>&1; then
        echo "deb-install: SKIP: $p is already installed (dpkg -P it first)" >&2
        exit 77
    fi
done
version=$(sed -n 's/^VERSION = //p' "$top_builddir/Makefile")
debs=
for p in $pkgs; do
    d=$(ls "$rel/${p}_$version-1_"*.deb 2>/dev/null)
    [ -n "$d" ] || { fail "no $p .deb in $rel"; finish; }
    debs="$debs $(cd "$(dirname "$d")" && pwd)/$(basename "$d")"
done
# shellcheck disable=SC2086 # a list of paths without spaces
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $debs \
    >"$tmp/apt.out" 2>&1 || { cat "$tmp/apt.out"; fail "apt-get install failed"; finish; }
trap 'dpkg -P $pkgs >/dev/null 2>&1; rm -rf "$tmp"' EXIT
for p in $pkgs; do
    dpkg -L "$p" >>"$tmp/files" || fail "dpkg -L $p"
done
dpkg -s lscertlint | grep -q "^Version: $version-1$" || fail "lscertlint's version is not $version-1"

# the installed program, with the man page
[ "$(command -v lscertlint)" = /usr/bin/lscertlint ] || fail "lscertlint is not /usr/bin/lscertlint"
grep -qx /usr/share/man/man1/lscertlint.1.gz "$tmp/files" || fail "no man page in the packages"
mkdir -p "$tmp/dyn"
cp -R "$top_srcdir/samples" "$tmp/dyn/samples"
for f in text json sarif; do
    (cd "$tmp/dyn" && /usr/bin/lscertlint -f "$f" samples) >"$tmp/i.out" 2>"$tmp/i.err"
    i=$?
    (cd "$tmp/dyn" && "$LSCERTLINT" -f "$f" samples) >"$tmp/d.out" 2>"$tmp/d.err"
    d=$?
    [ "$i" -eq "$d" ] || fail "installed -f $f: status $i, build tree $d"
    cmp -s "$tmp/i.out" "$tmp/d.out" || fail "installed -f $f: other output"
    cmp -s "$tmp/i.err" "$tmp/d.err" || fail "installed -f $f: other stderr"
done
/usr/bin/lscertlint --version | sed -n 1p >"$tmp/v"
same_text "installed --version" "lscertlint $version" "$tmp/v"

# examples/ against the installed -dev package, shared and static
pkg-config --modversion lscertlint >"$tmp/v" 2>&1
same_text "pkg-config --modversion" "$version" "$tmp/v"
for ex in count_certificates sarif_report; do
    # shellcheck disable=SC2046 # pkg-config's flags are words
    ${CC:-cc} -o "$tmp/$ex" "$top_srcdir/examples/$ex.c" $(pkg-config --cflags --libs lscertlint) \
        >"$tmp/cc.log" 2>&1 || fail "examples/$ex.c (shared): $(cat "$tmp/cc.log")"
    # shellcheck disable=SC2046
    ${CC:-cc} -static -o "$tmp/$ex-static" "$top_srcdir/examples/$ex.c" \
        $(pkg-config --static --cflags --libs lscertlint | sed 's/-lyajl\b/-lyajl_s/') \
        >"$tmp/cc.log" 2>&1 || fail "examples/$ex.c (static): $(cat "$tmp/cc.log")"
done
# /lib is /usr/lib (merged /usr): either is the installed package's
ldd "$tmp/count_certificates" | grep -q 'liblscertlint\.so\.2 => /\(usr/\)\{0,1\}lib/x86_64-linux-gnu/' ||
    fail "count_certificates does not load the installed liblscertlint.so.2"
"$tmp/count_certificates" "$top_srcdir/samples/cli-v2.json" >"$tmp/c1" 2>&1
"$tmp/count_certificates-static" "$top_srcdir/samples/cli-v2.json" >"$tmp/c2" 2>&1
cmp -s "$tmp/c1" "$tmp/c2" || fail "count_certificates: shared and static differ"
has_text "count_certificates" "ISSUED" "$tmp/c1"
# the installed library's reporter writes the installed program's SARIF
flawed="$top_srcdir/tests/forms/flawed/wire.json"
(cd "$tmp" && "$tmp/sarif_report" "$flawed" >"$tmp/s1" 2>&1)
s1=$?
(cd "$tmp" && "$tmp/sarif_report-static" "$flawed" >"$tmp/s2" 2>&1)
s2=$?
(cd "$tmp" && /usr/bin/lscertlint --no-config -f sarif "$flawed" >"$tmp/s3" 2>/dev/null)
s3=$?
[ "$s1" -eq 1 ] && [ "$s2" -eq 1 ] && [ "$s3" -eq 1 ] || fail "sarif_report: status $s1/$s2, program $s3"
cmp -s "$tmp/s1" "$tmp/s3" || fail "sarif_report (shared) and the installed lscertlint differ"
cmp -s "$tmp/s2" "$tmp/s3" || fail "sarif_report (static) and the installed lscertlint differ"
has_text "sarif_report" "\"version\":\"$version\"" "$tmp/s1"

# purge: every file the packages installed is gone
# shellcheck disable=SC2086
dpkg -P $pkgs >"$tmp/purge.out" 2>&1 || fail "dpkg -P: $(cat "$tmp/purge.out")"
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 && fail "$p still known to dpkg after the purge"
done
while IFS= read -r f; do
    # directories shared with other packages (/usr, /usr/bin) stay
    [ -d "$f" ] && continue
    [ -e "$f" ] || [ -L "$f" ] && fail "left after the purge: $f"
done <"$tmp/files"
command -v lscertlint >/dev/null 2>&1 && [ "$(command -v lscertlint)" = /usr/bin/lscertlint ] &&
    fail "/usr/bin/lscertlint left"
finish
