#!/bin/sh
# `make install DESTDIR=...` of this build tree installs the program, the
# library, the header, the pkg-config file and the man page; the example
# program builds against them with pkg-config and runs.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

command -v pkg-config >/dev/null 2>&1 || { echo "pkg-config not found: skipped"; exit 77; }
MAKE=${MAKE:-make}
dest="$tmp/dest"
# The build's own sanitizer flags: the example must link the same runtime.
san=$(sed -n 's/^SAN_CFLAGS = //p' "$top_builddir/Makefile")

# MAKEFLAGS from an enclosing `make check -j` would hand the inner make a
# jobserver it cannot use; the install is small.
(cd "$top_builddir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $MAKE install DESTDIR="$dest") \
    >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "make install failed"; finish; }

# Where things went (whatever --prefix, --libdir, ... say).
found() { find "$dest" -name "$1" \( -type f -o -type l \) | head -n 1; }
prog=$(found lscertlint)
header=$(found lscertlint.h)
pc=$(found lscertlint.pc)
man=$(found lscertlint.1)
lib=$(found 'liblscertlint.so*')
[ -n "$prog" ] && [ -x "$prog" ] || fail "program not installed"
[ -n "$header" ] || fail "header not installed"
[ -n "$pc" ] || fail "pkg-config file not installed"
[ -n "$lib" ] || fail "shared library not installed"
case $man in */man1/lscertlint.1) ;; *) fail "man page not installed in man1: '$man'" ;; esac
[ "$failures" -eq 0 ] || finish
cmp -s "$man" "$top_srcdir/doc/lscertlint.1" || fail "installed man page differs"
includedir=$(dirname "$header")
libdir=$(dirname "$lib")
pcdir=$(dirname "$pc")

# Only public headers are installed: the example sees lscertlint.h alone.
ls "$includedir" >"$tmp/headers"
same_text "installed headers" "lscertlint.h" "$tmp/headers"

export PKG_CONFIG_PATH="$pcdir"
export PKG_CONFIG_SYSROOT_DIR="$dest"
flags=$(pkg-config --cflags --libs lscertlint) || fail "pkg-config lscertlint failed"
${CC:-cc} $san -o "$tmp/count_certificates" "$top_srcdir/examples/count_certificates.c" $flags \
    >"$tmp/cc.log" 2>&1 || { cat "$tmp/cc.log"; fail "the example does not build"; finish; }

cat >"$tmp/page.json" <<'JSON'
{"certificates":[
 {"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/a","certificateName":"a","domainName":"a.example.com",
  "certificateDetail":{"arn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/a","name":"a","domainName":"a.example.com","status":"ISSUED"}},
 {"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/b","certificateName":"b","domainName":"b.example.com",
  "certificateDetail":{"arn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/b","name":"b","domainName":"b.example.com","status":"PENDING_VALIDATION"}},
 {"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/c","certificateName":"c","domainName":"c.example.com"}
]}
{"certificates":[
 {"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/d","certificateName":"d","domainName":"d.example.com",
  "certificateDetail":{"arn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/d","name":"d","domainName":"d.example.com","status":"ISSUED"}}
]}
JSON
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$tmp/count_certificates" "$tmp/page.json" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || fail "example: status $status; stderr: $(cat "$tmp/err")"
same_text "example output" "PENDING_VALIDATION 1
ISSUED 2
INACTIVE 0
EXPIRED 0
VALIDATION_TIMED_OUT 0
REVOKED 0
FAILED 0
(no detail) 1
(other) 0" "$tmp/out"

# examples/sarif_report.c: the reporter of the installed library writes
# the same SARIF bytes as the program, and exits as it does (1: errors).
${CC:-cc} $san -o "$tmp/sarif_report" "$top_srcdir/examples/sarif_report.c" $flags \
    >"$tmp/cc.log" 2>&1 || { cat "$tmp/cc.log"; fail "examples/sarif_report.c does not build"; finish; }
flawed="$top_srcdir/tests/forms/flawed/wire.json"
(cd "$tmp" && LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$tmp/sarif_report" "$flawed" "$tmp/page.json" missing.json >"$tmp/lib.sarif" 2>"$tmp/err")
status=$?
[ "$status" -eq 3 ] || fail "sarif_report with a missing input: status $status; $(cat "$tmp/err")"
# (the program refuses a missing operand up front, exit 2: compared
# without it)
(cd "$tmp" && LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$tmp/sarif_report" "$flawed" "$tmp/page.json" >"$tmp/lib.sarif" 2>"$tmp/err")
(cd "$tmp" && LD_LIBRARY_PATH="$libdir" "$prog" --no-config -f sarif "$flawed" "$tmp/page.json" \
    >"$tmp/prog.sarif" 2>/dev/null)
cmp -s "$tmp/lib.sarif" "$tmp/prog.sarif" || fail "sarif_report and lscertlint -f sarif differ: $(diff "$tmp/lib.sarif" "$tmp/prog.sarif" | head -5)"
grep -c '"ruleId"' "$tmp/lib.sarif" >"$tmp/results"
[ "$(cat "$tmp/results")" -gt 0 ] || fail "sarif_report: no results for $flawed"
(cd "$tmp" && LD_LIBRARY_PATH="$libdir" "$tmp/sarif_report" "$flawed" >"$tmp/lib1.sarif" 2>"$tmp/err")
status=$?
[ "$status" -eq 1 ] || fail "sarif_report with error findings: status $status; $(cat "$tmp/err")"
(cd "$tmp" && LD_LIBRARY_PATH="$libdir" "$prog" --no-config -f sarif "$flawed" >"$tmp/prog1.sarif" 2>/dev/null)
status=$?
[ "$status" -eq 1 ] || fail "lscertlint -f sarif with error findings: status $status"
cmp -s "$tmp/lib1.sarif" "$tmp/prog1.sarif" || fail "sarif_report and lscertlint -f sarif differ on one input"

# It uses the installed library, not the build tree's.
if command -v ldd >/dev/null 2>&1; then
    LD_LIBRARY_PATH="$libdir" ldd "$tmp/count_certificates" | grep liblscertlint >"$tmp/ldd"
    has_text "example links the installed library" "$libdir/liblscertlint" "$tmp/ldd"
fi

# The program carries the library's code (linked statically for a cheaper
# start): it does not load liblscertlint.so.
if command -v ldd >/dev/null 2>&1; then
    LD_LIBRARY_PATH="$libdir" ldd "$prog" >"$tmp/ldd-prog" 2>&1
    if grep liblscertlint "$tmp/ldd-prog" >/dev/null; then
        fail "the installed program loads liblscertlint.so: $(grep liblscertlint "$tmp/ldd-prog")"
    fi
fi

# The installed program runs and finds its man page.
LD_LIBRARY_PATH="$libdir" "$prog" --version >"$tmp/out" 2>&1 ||
    fail "installed lscertlint --version failed"
has_text "installed program" "lscertlint 0.2.0" "$tmp/out"

finish
