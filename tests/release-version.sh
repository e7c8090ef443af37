#!/bin/sh
# One version: configure.ac's AC_INIT is what --version, the library, the
# tarball name, the pkg-config file, SARIF's tool.driver.version, the man
# page, NEWS and debian/changelog say.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

version=$(sed -n 's/^AC_INIT(\[lscertlint\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
[ -n "$version" ] || fail "no version in configure.ac's AC_INIT"

# check WHAT GOT: GOT must be exactly $version
check() {
    [ "$2" = "$version" ] || fail "$1 says '$2', configure.ac '$version'"
}

check "config.h" "$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")"
"$LSCERTLINT" --version >"$tmp/out" 2>&1 || fail "--version failed"
check "lscertlint --version" "$(sed -n 's/^lscertlint //p' "$tmp/out")"
check "liblscertlint (--version)" "$(sed -n 's/^liblscertlint //p' "$tmp/out")"
check "lscertlint.pc" "$(sed -n 's/^Version: //p' "$top_builddir/lscertlint.pc")"
# the tarball is $(distdir).tar.gz, distdir = $(PACKAGE)-$(VERSION)
grep -q '^distdir = $(PACKAGE)-$(VERSION)$' "$top_builddir/Makefile" ||
    fail "the Makefile's distdir is not \$(PACKAGE)-\$(VERSION)"
[ "$(sed -n 's/^PACKAGE = //p' "$top_builddir/Makefile")" = lscertlint ] ||
    fail "the Makefile's PACKAGE is not lscertlint"
check "the tarball name (Makefile VERSION)" "$(sed -n 's/^VERSION = //p' "$top_builddir/Makefile")"
"$LSCERTLINT" -f sarif "$top_srcdir/samples/cli-v1.json" >"$tmp/sarif" 2>&1
check "SARIF tool.driver.version" "$(sed -n '1s/.*"driver":{"name":"lscertlint","version":"\([^"]*\)".*/\1/p' \
    "$tmp/sarif")"
check "the man page (.TH)" "$(sed -n 's/^\.TH LSCERTLINT 1 "[^"]*" "lscertlint \([^"]*\)".*/\1/p' \
    "$top_srcdir/doc/lscertlint.1")"
# NEWS: the current version is the first one it lists
check "NEWS" "$(sed -n 's/^Version \([^ ]*\).*/\1/p' "$top_srcdir/NEWS" | head -n 1)"
# debian/changelog: upstream part of the first entry's version (V-1)
deb=$(sed -n '1s/^lscertlint (\([^)]*\)).*/\1/p' "$top_srcdir/debian/changelog" 2>/dev/null)
check "debian/changelog" "${deb%-*}"
finish
