#!/bin/sh
# Replays fuzz/corpus/glob (and fuzz/regressions/glob once it exists)
# through the glob target without libFuzzer (fuzz/replay_glob): a failed
# oracle aborts; under ASan/UBSan or valgrind any memory error fails too.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

prog="$top_builddir/fuzz/replay_glob"
[ -x "$prog" ] || { echo "fuzz-glob-replay: $prog not built" >&2; exit 77; }
set -- "$top_srcdir/fuzz/corpus/glob"
[ -d "$top_srcdir/fuzz/regressions/glob" ] && set -- "$@" "$top_srcdir/fuzz/regressions/glob"
if [ -n "${VALGRIND:-}" ]; then
    "$top_builddir/libtool" --mode=execute $VALGRIND --quiet --error-exitcode=99 \
        --leak-check=full --errors-for-leak-kinds=definite,indirect "$prog" "$@"
else
    "$prog" "$@"
fi
