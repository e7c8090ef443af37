#!/bin/sh
# --write-baseline and --baseline: a reviewable, stable file (sorted, one
# finding a line, written atomically) whose entries survive reformatting
# and reordering; only new findings are reported and decide the exit
# status; fixed ones are counted; sarif carries baselineState.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

L="$LSCERTLINT"
command -v python3 >/dev/null 2>&1 || { echo "cli-baseline: python3 missing" >&2; exit 77; }
d="$tmp/work"
mkdir -p "$d"
# a compact capture (one line, 7104 bytes) with 22 findings in 3 certificates
cp "$top_srcdir/tests/forms/flawed/wire.json" "$d/cap.json"
in_d() {
    (cd "$d" && "$L" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

in_d -q --write-baseline=base.json cap.json
[ "$status" -eq 0 ] || fail "write: status $status (0 once the baseline is written)"
[ "$(wc -l <"$d/base.json")" -eq 24 ] || fail "write: $(wc -l <"$d/base.json") lines, expected 22 findings + 2"
head -n 1 "$d/base.json" >"$tmp/first"
same_text "write: head" '{"lscertlint-baseline": 1, "findings": [' "$tmp/first"
tail -n 1 "$d/base.json" >"$tmp/last"
same_text "write: tail" ']}' "$tmp/last"
sed -n '2,23p' "$d/base.json" | sed 's/,$//' >"$tmp/entries"
LC_ALL=C sort -c "$tmp/entries" 2>/dev/null || fail "write: entries not sorted"
python3 -m json.tool "$d/base.json" >/dev/null 2>&1 || fail "write: not JSON"
# keyed by identity, not place: no line, column or list index in an entry
if grep -q '"line"\|"column"\|/certificates/' "$d/base.json"; then fail "write: an entry holds a place"; fi
has_text "write: an entry" '{"rule":"revoked-only-field","file":"cap.json","arn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/c122595c-6e86-5e92-85e4-d06db44d5a96","pointer":"/certificateDetail/revokedAt"},' "$d/base.json"
ls -a "$d" >"$tmp/ls"
same_text "write: no temporary file left" ".
..
base.json
cap.json" "$tmp/ls"

# stable: a second run writes the same bytes
cp "$d/base.json" "$tmp/base1"
in_d -q --write-baseline=base.json cap.json
cmp -s "$tmp/base1" "$d/base.json" || fail "write: not stable across runs"

# the same capture: nothing new, exit 0
in_d --baseline=base.json cap.json
[ "$status" -eq 0 ] || fail "same: status $status"
empty_file "same: no finding" "$tmp/out"
same_text "same: summary" "1 file, 1 document, 3 certificates: 0 errors, 0 warnings, 0 notes; 22 unchanged, 0 fixed since the baseline" "$tmp/err"

# pretty-printed (numbers rewritten too: 1.6872004345E9 -> 1687200434.5)
python3 -m json.tool "$d/cap.json" >"$tmp/pretty" && cp "$tmp/pretty" "$d/cap.json"
[ "$(wc -l <"$d/cap.json")" -gt 100 ] || fail "pretty: not reformatted"
in_d --baseline=base.json cap.json
[ "$status" -eq 0 ] || fail "pretty: status $status; $(cat "$tmp/out")"
empty_file "pretty: no finding" "$tmp/out"
same_text "pretty: summary" "1 file, 1 document, 3 certificates: 0 errors, 0 warnings, 0 notes; 22 unchanged, 0 fixed since the baseline" "$tmp/err"

# a certificate moved to another index (last to first)
python3 - "$d/cap.json" <<'EOF'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["certificates"].insert(0, d["certificates"].pop())
json.dump(d, open(p, "w"), indent=1)
EOF
in_d --baseline=base.json cap.json
[ "$status" -eq 0 ] || fail "moved: status $status; $(cat "$tmp/out")"
empty_file "moved: no finding" "$tmp/out"
same_text "moved: summary" "1 file, 1 document, 3 certificates: 0 errors, 0 warnings, 0 notes; 22 unchanged, 0 fixed since the baseline" "$tmp/err"

# one finding fixed (revokedAt dropped), two new (a bad tag key in the
# summary's tags, which now differ from the detail's): exit by the new ones
python3 - "$d/cap.json" <<'EOF'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
for c in d["certificates"]:
    if c["certificateName"] == "www-example-com":
        del c["certificateDetail"]["revokedAt"]
        c["tags"].append({"key": "new!key", "value": "x"})
json.dump(d, open(p, "w"), indent=1)
EOF
in_d --baseline=base.json cap.json
[ "$status" -eq 1 ] || fail "changed: status $status"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "changed: $(wc -l <"$tmp/out") findings, expected 2: $(cat "$tmp/out")"
has_text "changed: new tag-key-charset" '[tag-key-charset] (/certificates/1/tags/3/key)' "$tmp/out"
has_text "changed: new tags-mismatch" '[tags-mismatch] (/certificates/1/certificateDetail/tags)' "$tmp/out"
same_text "changed: summary" "1 file, 1 document, 3 certificates: 1 error, 1 warning, 0 notes; 21 unchanged, 1 fixed since the baseline" "$tmp/err"

# sarif: new, unchanged and absent
in_d -f sarif --baseline=base.json cap.json
[ "$status" -eq 1 ] || fail "sarif: status $status"
[ "$(grep -c '"baselineState":"new"' "$tmp/out")" -eq 2 ] || fail "sarif: new count"
[ "$(grep -c '"baselineState":"unchanged"' "$tmp/out")" -eq 21 ] || fail "sarif: unchanged count"
[ "$(grep -c '"baselineState":"absent"' "$tmp/out")" -eq 1 ] || fail "sarif: absent count"
has_text "sarif: absent result" '{"ruleId":"revoked-only-field","ruleIndex":' "$tmp/out"
has_text "sarif: absent message" '"message":{"text":"fixed since the baseline: revoked-only-field"}' "$tmp/out"
python3 -m json.tool "$tmp/out" >/dev/null 2>&1 || fail "sarif: not JSON"
# other formats show the new finding only
in_d -f jsonl --baseline=base.json cap.json
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "jsonl: $(wc -l <"$tmp/out") lines"

# a file the run did not check: its entries are not counted as fixed
printf '{}\n' >"$d/other.json"
in_d --baseline=base.json other.json
[ "$status" -eq 0 ] || fail "other file: status $status"
same_text "other file: summary" "1 file, 1 document, 0 certificates: 0 errors, 0 warnings, 1 note; 0 unchanged, 0 fixed since the baseline" "$tmp/err"

# bad baselines: exit 2 (not a baseline) or 3 (unreadable), nothing written
printf '{"findings": []}' >"$d/bad.json"
in_d -o report.txt --baseline=bad.json cap.json
[ "$status" -eq 2 ] || fail "bad baseline: status $status"
same_text "bad baseline" "lscertlint: bad.json:1:1: not a baseline: expected {\"lscertlint-baseline\": 1, \"findings\": [...]}" "$tmp/err"
[ -e "$d/report.txt" ] && fail "bad baseline: a report was written"
printf '{"lscertlint-baseline": 1, "findings": [\n{"rule": 1}]}' >"$d/bad.json"
in_d --baseline=bad.json cap.json
[ "$status" -eq 2 ] || fail "bad entry: status $status"
same_text "bad entry" "lscertlint: bad.json:2:1: not a baseline: an entry needs the strings rule, file and pointer" "$tmp/err"
in_d --baseline=missing.json cap.json
[ "$status" -eq 3 ] || fail "missing baseline: status $status"
same_text "missing baseline" "lscertlint: missing.json: No such file or directory" "$tmp/err"

# a walk never reads the baseline files themselves
mkdir -p "$tmp/walk"
printf '{}\n' >"$tmp/walk/a.json"
(cd "$tmp/walk" && "$L" -q --write-baseline=base.json . && "$L" --baseline=base.json --write-baseline=base.json .) \
    >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] || fail "walk: status; $(cat "$tmp/out")"
same_text "walk: the baseline is not an input" "1 file, 1 document, 0 certificates: 0 errors, 0 warnings, 0 notes; 1 unchanged, 0 fixed since the baseline" "$tmp/err"

# --write-baseline naming an input: refused before anything is read or written
cp "$d/cap.json" "$tmp/cap-before"
in_d --write-baseline=cap.json cap.json
[ "$status" -eq 2 ] || fail "write onto an input: status $status"
same_text "write onto an input" "lscertlint: the report file is also an input: cap.json" "$tmp/err"
cmp -s "$tmp/cap-before" "$d/cap.json" || fail "write onto an input: the input changed"

# the previous baseline survives a failed write (a directory that is not there)
in_d -q --write-baseline=nodir/base.json cap.json
[ "$status" -eq 3 ] || fail "write failure: status $status"
has_text "write failure: named" "lscertlint: nodir/base.json: No such file or directory" "$tmp/err"
cmp -s "$tmp/base1" "$d/base.json" || fail "write failure: base.json changed"

finish
