#!/usr/bin/env bash
# make release [RELEASE_DIR=dir]: every artifact a release publishes, built
# from a clean tree into one folder (default: release/ in the build tree):
#   lscertlint-V.tar.gz, .tar.xz         make distcheck (the whole test suite)
#   lscertlint-V-linux-ARCH.tar.gz       static program, man page, README, LICENSE, NEWS
#   *_V-1_ARCH.deb                       lscertlint, liblscertlintN, liblscertlint-dev
#   SHA256SUMS                           over all of them
# Run by make in a configured build tree (it sets VERSION and MAKE).
# RELEASE_ALLOW_DIRTY=1 builds from a tree with uncommitted changes (tests).
set -euo pipefail

out=${1:-release}
: "${VERSION:?run through make release}"
MAKE=${MAKE:-make}
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$PWD
arch=$(uname -m)
jobs=$(nproc 2>/dev/null || echo 1)

say() { printf '==> release: %s\n' "$*"; }
die() {
    printf 'make release: %s\n' "$*" >&2
    exit 1
}

# A release is what the repository holds: no local edit goes in unnoticed.
if [ -d "$srcdir/.git" ] || [ -f "$srcdir/.git" ]; then
    if [ -n "$(git -C "$srcdir" status --porcelain --untracked-files=no)" ] &&
        [ "${RELEASE_ALLOW_DIRTY:-}" != 1 ]; then
        die "uncommitted changes in $srcdir; commit or stash them first"
    fi
fi
for tool in dpkg-buildpackage lintian strip sha256sum; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "$tool not found (Debian: apt-get install debhelper lintian binutils coreutils)"
done

case $out in /*) ;; *) out=$builddir/$out ;; esac
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/lscertlint-release.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Reproducible archive members: the time of the last commit, else now.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$srcdir" log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

dist=lscertlint-$VERSION
say "make distcheck"
"$MAKE" -j"$jobs" distcheck
cp "$builddir/$dist.tar.gz" "$builddir/$dist.tar.xz" "$out/"

# The static program: the tarball's sources, no shared library, every
# dependency linked in (libtool -all-static). Debian names yajl's static
# archive libyajl_s.a, so -lyajl would pick the shared one.
say "static lscertlint for linux-$arch"
tar -xzf "$out/$dist.tar.gz" -C "$work"
mkdir "$work/static"
yajl_libdir=$(pkg-config --variable=libdir yajl)
yajl_a=
for a in "$yajl_libdir/libyajl_s.a" "$yajl_libdir/libyajl.a"; do
    if [ -f "$a" ]; then
        yajl_a=$a
        break
    fi
done
[ -n "$yajl_a" ] || die "no static yajl archive in $yajl_libdir (Debian: libyajl-dev)"
(cd "$work/static" && "$work/$dist/configure" -q --disable-shared YAJL_LIBS="$yajl_a" &&
    "$MAKE" -j"$jobs" lscertlint LDFLAGS=-all-static) >"$work/static.log" 2>&1 ||
    {
        tail -n 30 "$work/static.log" >&2
        die "the static build failed"
    }
if ldd "$work/static/lscertlint" >/dev/null 2>&1; then
    die "the static program is a dynamic executable: $(ldd "$work/static/lscertlint" | tr '\n' ' ')"
fi
bin=$dist-linux-$arch
mkdir "$work/$bin"
strip -o "$work/$bin/lscertlint" "$work/static/lscertlint"
cp "$srcdir/doc/lscertlint.1" "$srcdir/README.md" "$srcdir/LICENSE" "$srcdir/NEWS" "$work/$bin/"
chmod 0755 "$work/$bin/lscertlint"
chmod 0644 "$work/$bin/lscertlint.1" "$work/$bin/README.md" "$work/$bin/LICENSE" "$work/$bin/NEWS"
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" -cf - "$bin" | gzip -9n >"$out/$bin.tar.gz"

# The Debian packages, from the same tarball; its tests ran in distcheck
# (nocheck). No -dbgsym packages: the release publishes the three packages.
say "Debian packages"
debver=$(cd "$srcdir" && dpkg-parsechangelog -S Version)
[ "${debver%-*}" = "$VERSION" ] ||
    die "debian/changelog says $debver, configure.ac $VERSION: add a changelog entry"
mkdir "$work/deb"
cp "$out/$dist.tar.gz" "$work/deb/lscertlint_$VERSION.orig.tar.gz"
tar -xzf "$out/$dist.tar.gz" -C "$work/deb"
(cd "$work/deb/$dist" && DEB_BUILD_OPTIONS="nocheck noautodbgsym parallel=$jobs ${DEB_BUILD_OPTIONS:-}" \
    dpkg-buildpackage -us -uc -b) >"$work/deb.log" 2>&1 ||
    {
        tail -n 40 "$work/deb.log" >&2
        die "dpkg-buildpackage failed"
    }
changes=$(ls "$work"/deb/lscertlint_*.changes)
# lintian: no error and no warning (overrides, with their reasons, in debian/)
lintian --fail-on error,warning --tag-display-limit 0 "$changes" >"$work/lintian.log" 2>&1 ||
    {
        cat "$work/lintian.log" >&2
        die "lintian reports errors or warnings"
    }
cp "$work"/deb/*.deb "$out/"

(cd "$out" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | LC_ALL=C sort |
    xargs sha256sum >SHA256SUMS)
say "done: $out"
(cd "$out" && ls -l)
