#!/bin/sh
# Replays the configuration and baseline fuzz corpora through their targets
# without libFuzzer (fuzz/replay_config, fuzz/replay_baseline: the targets +
# fuzz/replay.c): every file of fuzz/corpus/<target>/ and
# fuzz/regressions/<target>/, and through fuzz_config also every sample
# (JSON that is no configuration). A target aborts on a failed oracle;
# under ASan/UBSan (or valgrind, with VALGRIND set) any memory error fails
# the test too. The messages of bad inputs go to a log, shown on failure.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-replay-config.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

run() { # run TARGET PATH...
    target=$1
    shift
    prog="$top_builddir/fuzz/replay_$target"
    if [ ! -x "$prog" ]; then
        echo "fuzz-replay-config: $prog not built" >&2
        exit 77
    fi
    # shellcheck disable=SC2086 # VALGRIND is a command line
    if [ -n "${VALGRIND:-}" ]; then
        "$top_builddir/libtool" --mode=execute $VALGRIND --quiet --error-exitcode=99 \
            --leak-check=full --errors-for-leak-kinds=definite,indirect "$prog" -v "$@" \
            >"$tmp/log" 2>&1
    else
        "$prog" -v "$@" >"$tmp/log" 2>&1
    fi
    rc=$?
    total=$(grep -c '^replay: .* bytes)$' "$tmp/log")
    if [ "$rc" -eq 0 ]; then
        echo "PASS: $target: $total inputs"
    else
        fail=$((fail + 1))
        echo "FAIL: $target: exit $rc after $(grep '^replay: .* bytes)$' "$tmp/log" | tail -n 1)"
        tail -n 20 "$tmp/log" | sed 's/^/    /'
    fi
}

dirs() { # TARGET: its corpus, and its regressions once a crash was found
    echo "$top_srcdir/fuzz/corpus/$1"
    [ -d "$top_srcdir/fuzz/regressions/$1" ] && echo "$top_srcdir/fuzz/regressions/$1"
    :
}
# shellcheck disable=SC2046 # no blanks in these paths
run config $(dirs config) "$top_srcdir"/samples/*.json
# shellcheck disable=SC2046
run baseline $(dirs baseline)
[ "$fail" -eq 0 ]
