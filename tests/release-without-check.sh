#!/bin/sh
# configure without Check (hidden from pkg-config by a wrapper): it says the
# tests are disabled, the program and the library build and install, and
# make check stops at once with one line naming Check. Built from the
# release's source tarball (LSC_RELEASE_DIR) or, without one, make dist's.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

version=$(sed -n 's/^VERSION = //p' "$top_builddir/Makefile")
tarball=${LSC_RELEASE_DIR:+$LSC_RELEASE_DIR/lscertlint-$version.tar.gz}
[ -n "$tarball" ] && [ -f "$tarball" ] || {
    echo "release-without-check: SKIP: LSC_RELEASE_DIR holds no lscertlint-$version.tar.gz" >&2
    exit 77
}
tar -xzf "$tarball" -C "$tmp"
src="$tmp/lscertlint-$version"

# pkg-config that knows every module but check
real=$(command -v pkg-config)
mkdir "$tmp/bin"
cat >"$tmp/bin/pkg-config" <<WRAP
#!/bin/sh
for a; do
    case \$a in check | check\ *) exit 1 ;; esac
done
exec "$real" "\$@"
WRAP
chmod +x "$tmp/bin/pkg-config"
PKG_CONFIG="$tmp/bin/pkg-config" "$tmp/bin/pkg-config" --exists check && fail "the wrapper still finds check"

mkdir "$tmp/build"
cd "$tmp/build" || exit 99
"$src/configure" PKG_CONFIG="$tmp/bin/pkg-config" --prefix=/usr >"$tmp/configure.out" 2>"$tmp/configure.err" ||
    { cat "$tmp/configure.err"; fail "configure without Check failed"; finish; }
has_text "configure: the tests" "tests disabled: Check (>= 0.10) not found; make check needs it" "$tmp/configure.out"
grep -q "WARNING: Check (>= 0.10) not found" "$tmp/configure.err" || fail "configure: no warning about Check"

make -j2 >"$tmp/make.out" 2>&1 || { tail -n 20 "$tmp/make.out"; fail "make without Check failed"; finish; }
make install DESTDIR="$tmp/dest" >"$tmp/install.out" 2>&1 || fail "make install without Check failed"
for f in usr/bin/lscertlint usr/include/lscertlint.h usr/lib/pkgconfig/lscertlint.pc \
    usr/share/man/man1/lscertlint.1; do
    [ -e "$tmp/dest/$f" ] || fail "not installed: /$f"
done
ls "$tmp/dest/usr/lib/liblscertlint.so."* >/dev/null 2>&1 || fail "not installed: liblscertlint.so.*"
"$tmp/dest/usr/bin/lscertlint" --version >"$tmp/out" 2>&1 || fail "installed lscertlint --version failed"
has_text "installed program" "lscertlint $version" "$tmp/out"

# make check: status 2, nothing compiled, one line on stderr naming Check
make check >"$tmp/check.out" 2>"$tmp/check.err"
status=$?
[ "$status" -ne 0 ] || fail "make check without Check succeeded"
grep -v '^make\(\[[0-9]*\]\)\?: \*\*\*' "$tmp/check.err" >"$tmp/lines"
same_text "make check without Check" "make check: the tests need the Check library (>= 0.10; Debian: apt-get install check); install it and rerun ./configure" "$tmp/lines"
ls tests/*.o tests/test_parser tests/*/*.o >/dev/null 2>&1 && fail "make check compiled tests before stopping"
finish
