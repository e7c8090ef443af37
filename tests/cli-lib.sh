# Helpers for the tests/cli-*.sh scripts; sourced after tests/env.sh.
# Each script runs checks with `run`, reports problems with `fail`, and
# ends with `finish` (exit 1 if anything failed).
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lsc-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
failures=0
# With VALGRIND set (configure --enable-valgrind), every run of the program
# goes through valgrind; a memory error or leak gives status 99.
if [ -n "${VALGRIND:-}" ]; then
    cat >"$tmp/lscertlint-vg" <<VG
#!/bin/sh
exec "$top_builddir/libtool" --mode=execute $VALGRIND --quiet --error-exitcode=99 \\
    --leak-check=full --errors-for-leak-kinds=definite,indirect "$LSCERTLINT" "\$@"
VG
    chmod +x "$tmp/lscertlint-vg"
    LSCERTLINT="$tmp/lscertlint-vg"
fi
nl='
'

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# run ARGS...: $LSCERTLINT ARGS, stdout in $tmp/out, stderr in $tmp/err,
# exit status in $status. Standard input is the caller's (redirect it).
run() {
    "$LSCERTLINT" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
}

# expect_status N DESCRIPTION ARGS...
expect_status() {
    want=$1
    what=$2
    shift 2
    run "$@" </dev/null
    if [ "$status" -ne "$want" ]; then
        fail "$what: exit status $status, expected $want; stderr: $(head -c 400 "$tmp/err")"
    fi
}

# same_text DESCRIPTION EXPECTED FILE: FILE holds exactly EXPECTED (+ final newline)
same_text() {
    printf '%s\n' "$2" >"$tmp/expected"
    if ! cmp -s "$tmp/expected" "$3"; then
        fail "$1: got:$nl$(cat "$3")${nl}expected:$nl$2"
    fi
}

# empty_file DESCRIPTION FILE
empty_file() {
    if [ -s "$2" ]; then
        fail "$1: expected nothing, got: $(head -c 400 "$2")"
    fi
}

# has_text DESCRIPTION FIXED-STRING FILE
has_text() {
    if ! grep -qF -- "$2" "$3"; then
        fail "$1: '$2' not found in: $(head -c 600 "$3")"
    fi
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed"
        exit 1
    fi
    exit 0
}
