#!/bin/sh
# The portable fallbacks of the Linux-only calls, forced: a copy of the
# committed tree configured with sched_getaffinity, getrandom and
# getentropy reported missing (the CPUs from sysconf(_SC_NPROCESSORS_ONLN),
# hash keys from /dev/urandom), built, and its CLI tests, the -j units and
# the hash tests run. Slow (a full build): run from CI, not from make check:
#   top_srcdir=$PWD sh tests/portable-fallbacks.sh
# Needs git (for the list of committed files) and the build tools.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
command -v git >/dev/null 2>&1 || { echo "portable-fallbacks: git not found" >&2; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/portable-fallbacks.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/src"
(cd "$top_srcdir" && git ls-files -z | xargs -0 tar -cf -) | tar -xf - -C "$tmp/src" || exit 99
cd "$tmp/src" || exit 99
{
    ./autogen.sh &&
        ./configure -q ac_cv_func_sched_getaffinity=no ac_cv_func_getrandom=no \
            ac_cv_func_getentropy=no
} >"$tmp/configure.log" 2>&1 || {
    tail -n 20 "$tmp/configure.log"
    echo "FAIL: configure with the fallbacks forced"
    exit 1
}
for f in HAVE_SCHED_GETAFFINITY HAVE_GETRANDOM HAVE_GETENTROPY; do
    if grep -q "^#define $f 1" config.h; then
        echo "FAIL: config.h still defines $f"
        exit 1
    fi
done
make -j2 >"$tmp/make.log" 2>&1 || {
    tail -n 20 "$tmp/make.log"
    echo "FAIL: build with the fallbacks forced"
    exit 1
}
tests="tests/test_cli_units tests/test_hash tests/cli-jobs.sh tests/cli-jobs-split.sh \
tests/cli-jobs-bounds.sh $(sed -n 's/^\t\(tests\/cli-[a-z-]*\.sh\).*/\1/p' Makefile.am | tr '\n' ' ')"
if make check TESTS="$tests" >"$tmp/check.log" 2>&1; then
    grep -E '^# (TOTAL|PASS|SKIP)' "$tmp/check.log"
    echo "PASS: the CLI tests with the portable fallbacks"
else
    grep -E '^(FAIL|ERROR)' "$tmp/check.log"
    echo "FAIL: the CLI tests with the portable fallbacks"
    exit 1
fi
