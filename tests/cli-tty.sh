#!/bin/sh
# No silent wait: with no operand and a terminal on standard input,
# lscertlint prints a usage line on stderr and exits 2 without reading;
# '-' still reads the terminal on purpose. A pseudo-terminal stands for the
# terminal (python3's pty module; skipped without python3). After starting
# the program the test types end-of-file (^D), so a program that waits
# reads an empty input and exits 1 with a json-syntax finding: the test
# tells the two apart by what happens, without a clock.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import pty, os' 2>/dev/null; then
    echo "SKIP: python3 with the pty module not found"
    exit 77
fi

# on_tty TYPED ARG...: run lscertlint ARG... with a pseudo-terminal as
# standard input, type TYPED then ^D; stdout in $tmp/out, stderr in
# $tmp/err, exit status in $status
on_tty() {
    python3 - "$tmp" "$@" <<'PY'
import os, sys, subprocess
tmp, typed, args = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = os.openpty()
with open(tmp + "/out", "wb") as out, open(tmp + "/err", "wb") as err:
    p = subprocess.Popen(args, stdin=slave, stdout=out, stderr=err)
    os.close(slave)
    try:
        os.write(master, typed.encode() + b"\x04")  # ^D at a line start: end of file
    except OSError:
        pass  # the program has exited and closed the terminal
    status = p.wait()
os.close(master)
with open(tmp + "/status", "w") as f:
    f.write("%d\n" % status)
PY
    status=$(cat "$tmp/status")
}

on_tty "" "$LSCERTLINT"
[ "$status" -eq 2 ] || fail "no operand on a terminal: exit status $status, expected 2; stderr: $(cat "$tmp/err")"
empty_file "no operand on a terminal: no report" "$tmp/out"
same_text "no operand on a terminal: the usage line" "lscertlint: no input: give FILE, DIR or - (standard input is a terminal)
Usage: lscertlint [OPTION]... [FILE|DIR|-]...; try 'lscertlint --help'." "$tmp/err"

# options do not change that
on_tty "" "$LSCERTLINT" -f jsonl --now=2025-01-01
[ "$status" -eq 2 ] || fail "no operand on a terminal, with options: exit status $status, expected 2"

# '-' reads the terminal
on_tty '{"certificates":[]}
' "$LSCERTLINT" -
[ "$status" -eq 0 ] || fail "- on a terminal: exit status $status, expected 0; stderr: $(cat "$tmp/err")"
same_text "- on a terminal: read and checked" "1 file, 1 document, 0 certificates: 0 errors, 0 warnings, 0 notes" "$tmp/err"

# what a program that waits would have done (the regression): '-' with
# nothing typed reads end-of-file and gives a json-syntax finding, exit 1
on_tty "" "$LSCERTLINT" -
[ "$status" -eq 1 ] || fail "- on a terminal, ^D: exit status $status, expected 1"
has_text "- on a terminal, ^D: an empty input" "[json-syntax]" "$tmp/out"

# --help and --list-rules need no input
on_tty "" "$LSCERTLINT" --list-rules
[ "$status" -eq 0 ] || fail "--list-rules on a terminal: exit status $status, expected 0"

# no operand, standard input not a terminal: read as before
run </dev/null
[ "$status" -eq 1 ] || fail "no operand, /dev/null: exit status $status, expected 1"
has_text "no operand, /dev/null: read" "[json-syntax]" "$tmp/out"

finish
