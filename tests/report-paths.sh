#!/bin/sh
# File names in the reports that tools open: the text line keeps a
# timestamped name clickable (only a ':' that could forge a location or a
# severity is escaped), -f github writes names without a leading "./" and
# relative to $GITHUB_WORKSPACE, and a finding at the document root has no
# empty "()" after its message.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"
unset GITHUB_STEP_SUMMARY GITHUB_WORKSPACE

mkdir -p "$tmp/ws/sub/caps"
printf '{}\n' >"$tmp/ws/sub/caps/certs-2025-05-01T12:00:00Z.json"
printf '{}\n' >"$tmp/ws/sub/caps/x.json:1:2: error: y.json"
cd "$tmp/ws/sub" || exit 99

# ---- text: a timestamped name stays one FILE:LINE:COL -------------------
run -f text caps/certs-2025-05-01T12:00:00Z.json </dev/null
same_text "text: timestamped name" \
    'caps/certs-2025-05-01T12:00:00Z.json:1:1: note: the document is an empty object: no certificates member [empty-response]' \
    "$tmp/out"
# a gcc-style matcher, greedy or not (VS Code's $gcc is non-greedy), finds
# the whole name and the real location
re='^\(.*\):\([0-9][0-9]*\):\([0-9][0-9]*\): \([a-z]*\): .*$'
sed -n "s/$re/\1 \2 \3 \4/p" "$tmp/out" >"$tmp/parsed"
same_text "text: greedy matcher" 'caps/certs-2025-05-01T12:00:00Z.json 1 1 note' "$tmp/parsed"
python3 - "$tmp/out" <<'PY' || fail "text: VS Code's \$gcc pattern does not find the name"
import re, sys
line = open(sys.argv[1]).read().rstrip("\n")
m = re.match(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error|note):\s+(.*)$", line)
assert m and m.group(1) == "caps/certs-2025-05-01T12:00:00Z.json" and m.group(2) == "1", m
PY
# a name that holds a forged location and severity is still escaped
run -f text 'caps/x.json:1:2: error: y.json' </dev/null
same_text "text: forged name" \
    'caps/x.json\x3a1\x3a2\x3a error\x3a y.json:1:1: note: the document is an empty object: no certificates member [empty-response]' \
    "$tmp/out"

# ---- github: no "./", relative to the workspace -------------------------
note='line=1,col=1,title=empty-response::the document is an empty object: no certificates member'
run -f github ./caps/certs-2025-05-01T12:00:00Z.json </dev/null
has_text "github: no ./" "::notice file=caps/certs-2025-05-01T12%3A00%3A00Z.json,$note
" "$tmp/out"
GITHUB_WORKSPACE=$tmp/ws run -f github ./caps/certs-2025-05-01T12:00:00Z.json \
    "$tmp/ws/sub/caps//certs-2025-05-01T12:00:00Z.json" ../sub/./caps/certs-2025-05-01T12:00:00Z.json </dev/null
[ "$status" -eq 0 ] || fail "github: exit $status"
same_text "github: relative to GITHUB_WORKSPACE" "::notice file=sub/caps/certs-2025-05-01T12%3A00%3A00Z.json,$note
::notice file=sub/caps/certs-2025-05-01T12%3A00%3A00Z.json,$note
::notice file=sub/caps/certs-2025-05-01T12%3A00%3A00Z.json,$note
::notice::3 files, 3 documents, 0 certificates: 0 errors, 0 warnings, 3 notes" "$tmp/out"
# a directory walk from inside the workspace
(cd "$tmp/ws" && GITHUB_WORKSPACE=$tmp/ws "$LSCERTLINT" -f github . >"$tmp/out" 2>"$tmp/err")
grep '^::notice file=' "$tmp/out" | sort >"$tmp/got"
same_text "github: walked from the workspace" "::notice file=sub/caps/certs-2025-05-01T12%3A00%3A00Z.json,$note
::notice file=sub/caps/x.json%3A1%3A2%3A error%3A y.json,$note" "$tmp/got"

finish
