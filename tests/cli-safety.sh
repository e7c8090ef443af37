#!/bin/sh
# Never destroy or corrupt data: an output that is also an input is refused
# before anything is read or written (exit 2, every byte kept); reports are
# written atomically (a signal or a write error leaves the previous report
# and no temporary file); the run's own outputs are never inputs of a walk;
# closed standard descriptors are not reused; -p delivers every byte
# whatever happens to the report; file names and values cannot forge the
# location, severity or rule of a text line.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

w="$tmp/work"
mkdir -p "$w"
cp "$top_srcdir/samples/cli-v2.json" "$w/a.json"
cp "$w/a.json" "$tmp/a.orig"

# kept DESCRIPTION FILE ORIGINAL: FILE still holds exactly ORIGINAL's bytes
kept() {
    cmp -s "$2" "$3" || fail "$1: $2 was changed"
}
# no_temp DESCRIPTION DIR: no temporary report file (.NAME.XXXXXX) in DIR
no_temp() {
    left=$(ls -A "$2" | grep '^\.' || true)
    [ -z "$left" ] || fail "$1: temporary files left in $2: $left"
}

# ---- same file: -o, a symlink, a hard link -----------------------------
run -f json -o "$w/a.json" "$w/a.json"
[ "$status" -eq 2 ] || fail "-o onto its input: status $status, expected 2"
same_text "-o onto its input: message" "lscertlint: the report file is also an input: $w/a.json" "$tmp/err"
empty_file "-o onto its input: no report" "$tmp/out"
kept "-o onto its input" "$w/a.json" "$tmp/a.orig"

ln -s a.json "$w/link.json"
run -o "$w/link.json" "$w/a.json"
[ "$status" -eq 2 ] || fail "-o through a symlink: status $status, expected 2"
same_text "-o through a symlink: message" "lscertlint: the report file is also an input: $w/link.json" "$tmp/err"
kept "-o through a symlink" "$w/a.json" "$tmp/a.orig"
rm "$w/link.json"

ln "$w/a.json" "$w/hard.json"
run -f sarif -o "$w/hard.json" "$tmp/a.orig" "$w/a.json"
[ "$status" -eq 2 ] || fail "-o onto a hard link: status $status, expected 2"
kept "-o onto a hard link" "$w/a.json" "$tmp/a.orig"
rm "$w/hard.json"

# ---- same file: standard output (like cat) -----------------------------
# Each run is held to 1 MB of output (ulimit -f): without the refusal, it
# would read its own output until the disk is full.
limited() {
    (
        trap '' XFSZ
        ulimit -f 2048
        exec "$LSCERTLINT" "$@"
    )
}
limited -p "$w/a.json" >>"$w/a.json" 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || fail "-p f >> f: status $status, expected 2"
same_text "-p f >> f: message" "lscertlint: standard output is also an input: $w/a.json" "$tmp/err"
kept "-p f >> f" "$w/a.json" "$tmp/a.orig"

limited --normalize "$w/a.json" >>"$w/a.json" 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || fail "--normalize f >> f: status $status, expected 2"
kept "--normalize f >> f" "$w/a.json" "$tmp/a.orig"

limited -f jsonl "$w/a.json" >>"$w/a.json" 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || fail "report to stdout >> f: status $status, expected 2"
kept "report to stdout >> f" "$w/a.json" "$tmp/a.orig"

limited -p <"$w/a.json" >>"$w/a.json" 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || fail "-p < f >> f: status $status, expected 2"
same_text "-p < f >> f: message" "lscertlint: standard output is also an input: standard input" "$tmp/err"
kept "-p < f >> f" "$w/a.json" "$tmp/a.orig"

# Standard output that is a regular file but not an input is fine.
"$LSCERTLINT" -p "$w/a.json" >"$tmp/copy.json" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || fail "-p to another file: status $status"
kept "-p to another file" "$tmp/copy.json" "$tmp/a.orig"

# ---- the run's own outputs are not inputs of a walk --------------------
mkdir -p "$w/fixtures"
cp "$tmp/a.orig" "$w/fixtures/good.json"
run -f json -o "$w/fixtures/report.json" "$w/fixtures"
[ "$status" -eq 0 ] || fail "report inside the walk: status $status; $(cat "$tmp/err")"
same_text "report inside the walk: only the capture was checked" \
    "1 file, 1 document, 4 certificates: 0 errors, 0 warnings, 0 notes" "$tmp/err"
grep -q '"file":"[^"]*report.json"' "$w/fixtures/report.json" &&
    fail "report inside the walk: the report lists itself"
run -f json -o "$w/fixtures/report.json" "$w/fixtures"
same_text "report inside the walk, second run" \
    "1 file, 1 document, 4 certificates: 0 errors, 0 warnings, 0 notes" "$tmp/err"
rm "$w/fixtures/report.json" # now a file like any other
"$LSCERTLINT" -f jsonl "$w/fixtures" >"$w/fixtures/out.jsonl" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || fail "stdout inside the walk: status $status"
same_text "stdout inside the walk: not read" \
    "1 file, 1 document, 4 certificates: 0 errors, 0 warnings, 0 notes" "$tmp/err"
rm -f "$w/fixtures/out.jsonl"
no_temp "walks" "$w/fixtures"

# ---- atomic reports ------------------------------------------------------
printf 'the previous report\n' >"$w/r.txt"
cp "$w/r.txt" "$tmp/r.orig"
run -o "$w/r.txt" "$top_srcdir/samples/empty-list.json"
[ "$status" -eq 0 ] || fail "atomic report: status $status"
empty_file "atomic report: replaced" "$w/r.txt"
no_temp "atomic report" "$w"

# A write error (the file size limit: EFBIG) leaves the previous report.
cp "$tmp/r.orig" "$w/r.txt"
(
    trap '' XFSZ
    ulimit -f 1
    exec "$LSCERTLINT" -f sarif -o "$w/r.txt" "$tmp/a.orig"
) >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 3 ] || fail "write error: status $status, expected 3"
has_text "write error: message" "lscertlint: $w/r.txt: File too large" "$tmp/err"
kept "write error" "$w/r.txt" "$tmp/r.orig"
no_temp "write error" "$w"

# SIGTERM while the report is being written: the input is a FIFO that
# holds the run open; once the FIFO is open for writing, lscertlint has
# opened it for reading, so its temporary report exists.
mkfifo "$tmp/fifo"
"$LSCERTLINT" -f sarif -o "$w/r.txt" "$tmp/fifo" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/fifo"
printf '{"certificates":[' >&3
temps=$(ls -A "$w" | grep -c '^\.r\.txt\.' || true)
[ "$temps" -eq 1 ] || fail "SIGTERM: expected one temporary report while running, saw $temps"
kill -TERM "$pid"
wait "$pid"
status=$?
exec 3>&-
[ "$status" -eq 143 ] || fail "SIGTERM: status $status, expected 143 (killed by SIGTERM)"
kept "SIGTERM" "$w/r.txt" "$tmp/r.orig"
no_temp "SIGTERM" "$w"

# A report path that is not a regular file is written directly.
run -o /dev/null "$tmp/a.orig"
[ "$status" -eq 0 ] || fail "-o /dev/null: status $status"

# ---- closed standard descriptors ---------------------------------------
# With fd 1 closed, the report file must not become fd 1: the pass-through
# would land in it.
"$LSCERTLINT" -o "$tmp/expected-report" "$top_srcdir/samples/cli-v1.json" 2>/dev/null
(
    exec 1>&-
    "$LSCERTLINT" -p -o "$w/r.txt" "$top_srcdir/samples/cli-v1.json"
) 2>"$tmp/err"
status=$?
# (the pass-through itself went nowhere: exit 3 naming standard output)
[ "$status" -eq 3 ] || fail "fd 1 closed: status $status; $(cat "$tmp/err")"
grep -q '^lscertlint: standard output: Bad file descriptor$' "$tmp/err" ||
    fail "fd 1 closed: standard output not named: $(cat "$tmp/err")"
cmp -s "$w/r.txt" "$tmp/expected-report" ||
    fail "fd 1 closed: the report file holds other bytes: $(head -c 300 "$w/r.txt")"

# ---- -p delivers every byte whatever happens to the report -------------
awk 'BEGIN {
    pad = sprintf("%1000s", ""); gsub(/ /, "x", pad)
    for (i = 0; i < 8000; i++) printf "{\"nextPageToken\":\"%s\"}\n", pad
}' >"$tmp/big.jsonl"
"$LSCERTLINT" -p "$tmp/big.jsonl" >"$tmp/out" 2>/dev/full
status=$?
[ "$status" -eq 3 ] || fail "-p 2>/dev/full: status $status, expected 3"
cmp -s "$tmp/out" "$tmp/big.jsonl" ||
    fail "-p 2>/dev/full: $(wc -c <"$tmp/out") of $(wc -c <"$tmp/big.jsonl") bytes delivered"
# A report file that fails: the same.
# (standard output is a pipe: the file size limit does not apply to it)
(
    trap '' XFSZ
    ulimit -f 1
    "$LSCERTLINT" -p -o "$w/r.txt" "$tmp/big.jsonl"
    echo $? >"$tmp/status"
) 2>"$tmp/err" | cat >"$tmp/out"
status=$(cat "$tmp/status")
[ "$status" -eq 3 ] || fail "-p, report file fails: status $status, expected 3"
cmp -s "$tmp/out" "$tmp/big.jsonl" || fail "-p, report file fails: not every byte delivered"

# ---- file names and values cannot forge a line -------------------------
mkdir -p "$tmp/names"
printf '{}\n' >"$tmp/names/ok.json:1:1: warning: looks fine.json"
printf '{"certificates":[{"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/a","certificateName":"n","domainName":"example.com","x:7:8: error: forged [json-syntax] (y":1}]}\n' \
    >"$tmp/names/value.json"
(cd "$tmp/names" && "$LSCERTLINT" -f text .) >"$tmp/out" 2>"$tmp/err"
same_text "text: name and value escaped" \
    './ok.json\x3a1\x3a1\x3a warning\x3a looks fine.json:1:1: note: the document is an empty object: no certificates member [empty-response]
./value.json:1:142: warning: certificate "n": unknown member "x\x3a7\x3a8: error: forged \x5bjson-syntax\x5d (y" in CertificateSummary [unknown-field] (/certificates/0/x\x3a7\x3a8: error: forged \x5bjson-syntax\x5d (y)' \
    "$tmp/out"
# A gcc-style matcher, greedy or not, finds each line's real location,
# severity and rule (" (POINTER)" is left out at the document root).
for re in '^\(.*\):\([0-9][0-9]*\):\([0-9][0-9]*\): \([a-z]*\): .* \[\([a-z-]*\)\]\( (.*)\)\{0,1\}$' \
    '^\([^:]*\):\([0-9][0-9]*\):\([0-9][0-9]*\): \([a-z]*\): .* \[\([a-z-]*\)\]\( (.*)\)\{0,1\}$'; do
    sed -n "s/$re/\2 \3 \4 \5/p" "$tmp/out" >"$tmp/parsed"
    same_text "matcher $re" "1 1 note empty-response
1 142 warning unknown-field" "$tmp/parsed"
done
(cd "$tmp/names" && "$LSCERTLINT" -f github .) >"$tmp/out" 2>"$tmp/err"
has_text "github: the name is one property" \
    '::notice file=ok.json%3A1%3A1%3A warning%3A looks fine.json,line=1,col=1,title=empty-response::' "$tmp/out"

finish
