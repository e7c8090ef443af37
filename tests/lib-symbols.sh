#!/bin/sh
# What the shared library exports and what it calls: only lsc_ symbols are
# exported (nm -D), and no object of the library refers to exit, abort or
# their kin (nm -u), so a host process can never be ended by it. A library
# built without --enable-fault-injection also reads no environment variable
# (getenv, secure_getenv).
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

lib=$top_builddir/.libs/liblscertlint.so
if [ ! -f "$lib" ]; then
    echo "lib-symbols: $lib not built (static-only build?)" >&2
    exit 77
fi
if ! command -v nm >/dev/null 2>&1; then
    echo "lib-symbols: no nm" >&2
    exit 77
fi
fail=0

# exported: defined dynamic symbols of code and data (T, D, B, R, V, W)
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ && $3 !~ /^lsc_/ { print $3 }')
if [ -n "$bad" ]; then
    echo "FAIL: exported symbols without the lsc_ prefix:"
    echo "$bad" | sed 's/^/    /'
    fail=1
else
    echo "PASS: every exported symbol starts with lsc_ ($(nm -D --defined-only "$lib" | grep -c ' lsc_'))"
fi

# referenced: undefined symbols of the shared object and of every object of
# the installed library (not the test-only allocator, liblscinject)
objs=$(find "$top_builddir/lib" "$top_builddir/parser" "$top_builddir/schema" "$top_builddir/report" \( -name '*liblsccore_la-*.o' -o -name '*liblscertlint_la-*.o' \) ! -path '*/.libs/*' 2>/dev/null)
forbidden='^(exit|_exit|_Exit|abort|quick_exit|__assert_fail|__assert_perror_fail|err|errx|verr|verrx)(@.*)?$'
if [ "$FAULT_INJECTION" != yes ]; then
    forbidden='^(exit|_exit|_Exit|abort|quick_exit|__assert_fail|__assert_perror_fail|err|errx|verr|verrx|getenv|secure_getenv)(@.*)?$'
fi
# shellcheck disable=SC2086 # objs is a list of files
bad=$( { nm -D -u "$lib"; nm -u $objs; } 2>/dev/null | awk '{ print $NF }' | grep -E "$forbidden" | sort -u)
if [ -n "$bad" ]; then
    echo "FAIL: the library refers to:"
    echo "$bad" | sed 's/^/    /'
    fail=1
else
    echo "PASS: no exit, abort or assert$( [ "$FAULT_INJECTION" != yes ] && echo ', no getenv') referenced"
fi
exit $fail
