#!/bin/sh
# Atomic replacement of a report (cli/outfile.c): the old report's mode is
# kept without its set-id bits, its owner and group are kept (as root
# here), a dangling symlink as -o creates its target (as '>' does), a hard
# link keeps the previous report, and every signal whose default action
# ends the process removes the temporary .NAME.XXXXXX before dying of it.
# POSIX sh (dash): under bash the background jobs' signal handling made
# the temporary directory vanish mid-run; the test is about the program.
if [ -n "${BASH_VERSION:-}" ] && [ -x /bin/dash ]; then
    exec /bin/dash "$0" "$@"
fi
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

cap="$top_srcdir/samples/cli-v2.json"
d="$tmp/d"
mkdir "$d"
"$LSCERTLINT" --no-config -f jsonl "$cap" >"$tmp/expected" 2>/dev/null

# set-id bits are dropped, the rest of the mode kept
printf 'old\n' >"$d/r.jsonl"
chmod 6754 "$d/r.jsonl"
expect_status 0 "-o over a set-id report" --no-config -f jsonl -o "$d/r.jsonl" "$cap"
[ "$(stat -c %a "$d/r.jsonl")" = 754 ] || fail "mode: $(stat -c %a "$d/r.jsonl"), expected 754"
cmp -s "$tmp/expected" "$d/r.jsonl" || fail "set-id report: not replaced"

# owner and group kept where permitted (root may give files away)
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    printf 'old\n' >"$d/o.jsonl"
    chown nobody:"$(id -gn nobody)" "$d/o.jsonl"
    expect_status 0 "-o over another user's report" --no-config -f jsonl -o "$d/o.jsonl" "$cap"
    [ "$(stat -c %U:%G "$d/o.jsonl")" = "nobody:$(id -gn nobody)" ] ||
        fail "owner: $(stat -c %U:%G "$d/o.jsonl"), expected nobody:$(id -gn nobody)"
fi

# a dangling symlink creates its target; the link stays a link
ln -s sub/target.jsonl "$d/link.jsonl"
mkdir "$d/sub"
expect_status 0 "-o on a dangling symlink" --no-config -f jsonl -o "$d/link.jsonl" "$cap"
[ -L "$d/link.jsonl" ] || fail "dangling symlink: the link was replaced"
cmp -s "$tmp/expected" "$d/sub/target.jsonl" || fail "dangling symlink: target not written"
# a chain of two links, the last dangling
ln -s link2.jsonl "$d/link1.jsonl"
ln -s sub/t2.jsonl "$d/link2.jsonl"
expect_status 0 "-o on a chain of links" --no-config -f jsonl -o "$d/link1.jsonl" "$cap"
cmp -s "$tmp/expected" "$d/sub/t2.jsonl" || fail "link chain: target not written"

# a hard link keeps the previous report (the name gets a new file)
printf 'old\n' >"$d/h.jsonl"
ln "$d/h.jsonl" "$d/h2.jsonl"
expect_status 0 "-o on a hard-linked report" --no-config -f jsonl -o "$d/h.jsonl" "$cap"
cmp -s "$tmp/expected" "$d/h.jsonl" || fail "hard link: not replaced"
[ "$(cat "$d/h2.jsonl")" = old ] || fail "hard link: the other name changed"

# signals: the run blocks on a FIFO with its temporary file open
# (a background job of a script starts with SIGINT and SIGQUIT ignored, and
# an ignored signal stays ignored: env --default-signal restores them)
mkfifo "$tmp/fifo"
for sig in HUP INT QUIT TERM USR1 USR2 ALRM VTALRM PROF XCPU XFSZ IO PWR RTMIN RTMAX; do
    printf 'old\n' >"$d/s.jsonl"
    env --default-signal "$LSCERTLINT" --no-config -f jsonl -o "$d/s.jsonl" "$tmp/fifo" \
        >/dev/null 2>&1 &
    pid=$!
    n=0
    while [ -z "$(ls -A "$d" | grep '^\.s\.jsonl\.')" ] && [ "$n" -lt 600 ]; do
        sleep 0.05
        n=$((n + 1))
    done
    [ "$n" -lt 600 ] || fail "SIG$sig: no temporary file appeared"
    kill -s "$sig" "$pid"
    # a hang guard: a signal not acted on would leave the run blocked
    (sleep 60 && kill -s KILL "$pid") >/dev/null 2>&1 &
    guard=$!
    wait "$pid"
    status=$?
    kill "$guard" 2>/dev/null
    [ "$(kill -l "$status")" = "$sig" ] || fail "SIG$sig: status $status, not death by SIG$sig"
    left=$(ls -A "$d" | grep '^\.s\.jsonl\.')
    [ -z "$left" ] || { fail "SIG$sig: left behind: $left"; rm -f "$d"/.s.jsonl.*; }
    [ "$(cat "$d/s.jsonl")" = old ] || fail "SIG$sig: the previous report changed"
done
finish
