#!/bin/sh
# --inventory[=text|csv|json|markdown]: one row per certificate instead of
# the findings report, sorted by notAfter (oldest first, none last); the
# findings still decide the exit status; -f github's $GITHUB_STEP_SUMMARY
# gains the same rows, at most 100 and a count of the rest.
#   text      exact output: fitted to 80 columns (tests/inventory/fits.json)
#             and whole when it cannot fit (tests/inventory/certs.json)
#   csv       parsed with python3's csv module (RFC 4180), every field checked
#   json      parsed, every value and its type checked
#   markdown  table shape: header, separator, one row per certificate, the
#             same number of cells on every line
# The csv, json and markdown checks need python3 (a SKIP line without it).
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"
cd "$top_srcdir" || exit 99
unset COLUMNS # the width to fit: 80 here unless a check sets it

certs=tests/inventory/certs.json
fits=tests/inventory/fits.json

# ---- text ----------------------------------------------------------------------
run --inventory --now=2025-06-01 "$fits" </dev/null
[ "$status" -eq 0 ] || fail "text, fits.json: exit $status"
same_text "text fitted to 80 columns" "CERTIFICATE      DOMAIN           STATUS   NOT-AFTER   DAYS  RENEWAL  USE  E/W/N
a-rather-lon...  a-rather-lon...  EXPIRED  2024-03-31  -427  -          0  0/0/1
www-example-com  example.com      ISSUED   2025-06-17    16  Success    2  0/1/1" "$tmp/out"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$tmp/out" || fail "text, fits.json: a line is wider than 80"
empty_file "text: no summary line, no findings report" "$tmp/err"

# COLUMNS (no terminal here) sets the width to fit: 200 holds every column whole
COLUMNS=200 run --inventory --now=2025-06-01 "$fits" </dev/null
same_text "text fitted to COLUMNS=200" "FILE                       DOC  CERTIFICATE                     DOMAIN                                    STATUS   NOT-BEFORE  NOT-AFTER   DAYS  RENEWAL  USE  E/W/N
tests/inventory/fits.json    0  a-rather-long-certificate-name  a-rather-long-subdomain-name.example.com  EXPIRED  2023-03-28  2024-03-31  -427  -          0  0/0/1
tests/inventory/fits.json    0  www-example-com                 example.com                               ISSUED   2024-06-01  2025-06-17    16  Success    2  0/1/1" "$tmp/out"
COLUMNS=x run --inventory --now=2025-06-01 "$fits" </dev/null
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$tmp/out" || fail "COLUMNS=x: not the 80 columns default"

run --inventory=TEXT --now=2025-06-01 "$certs" </dev/null
same_text "text fitted to 80 columns: long names and enum values shortened" "CERTIFICATE   DOMAIN        STATUS      NOT-AFTER   DAYS  RENEWAL     USE  E/W/N
old-examp...  old.examp...  EXPIRED     2024-03-31  -427  -             0  0/0/1
api, \"v2\"     api.examp...  ISSUED      2025-06-10     9  Pending...    1  0/2/1
www-examp...  example.com   ISSUED      2025-06-17    16  Success       2  0/1/1
new-examp...  new.examp...  PENDING...  -              -  -             0  0/0/0" "$tmp/out"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$tmp/out" || fail "text, certs.json: a line is wider than 80"
COLUMNS=40 run --inventory=TEXT --now=2025-06-01 "$certs" </dev/null
same_text "text too wide for 40 columns: every column, whole" "FILE                        DOC  CERTIFICATE      DOMAIN           STATUS              NOT-BEFORE  NOT-AFTER   DAYS  RENEWAL             USE  E/W/N
tests/inventory/certs.json    0  old-example-com  old.example.com  EXPIRED             2023-03-28  2024-03-31  -427  -                     0  0/0/1
tests/inventory/certs.json    0  api, \"v2\"        api.example.com  ISSUED              2024-06-01  2025-06-10     9  PendingAutoRenewal    1  0/2/1
tests/inventory/certs.json    0  www-example-com  example.com      ISSUED              2024-06-01  2025-06-17    16  Success               2  0/1/1
tests/inventory/certs.json    0  new-example-com  new.example.com  PENDING_VALIDATION  -           -              -  -                     0  0/0/0" "$tmp/out"

# without --now, DAYS and the expiry rules share one reference time (the
# clock, read once): an ISSUED certificate DAYS shows as expired is also an
# expired-but-issued finding (these notAfter dates are in 2025)
run --inventory=csv --report=jsonl:"$tmp/clock.jsonl" "$certs" </dev/null
[ "$status" -eq 0 ] || fail "--inventory without --now: exit $status"
grep -c '"rule":"expired-but-issued"' "$tmp/clock.jsonl" >"$tmp/n" || true
[ "$(cat "$tmp/n")" = 2 ] || fail "--inventory without --now: $(cat "$tmp/n") expired-but-issued findings, expected 2"
grep -q '"line":23,"column":21,"offset":829,"pointer":"/certificates/0/certificateDetail/notAfter","rule":"expired-but-issued"' "$tmp/clock.jsonl" ||
    fail "--inventory without --now: no expired-but-issued at 23:21 /certificates/0/certificateDetail/notAfter"
grep -q '^tests/inventory/certs.json,0,www-example-com,example.com,ISSUED,.*,-[0-9][0-9]*,Success,2,0,1,1' "$tmp/out" ||
    fail "--inventory without --now: the www row has not DAYS < 0 and 1 warning: $(grep www "$tmp/out")"

# findings decide the exit status, and -o takes the inventory
run --inventory --fail-on=warning --now=2025-06-01 -o "$tmp/inv.txt" "$certs" </dev/null
[ "$status" -eq 1 ] || fail "--fail-on=warning: exit $status, expected 1 (3 warnings)"
empty_file "-o: nothing on stdout" "$tmp/out"
[ "$(wc -l <"$tmp/inv.txt")" -eq 5 ] || fail "-o: the inventory is not in the file"
# the findings still go to --report files
run --inventory --now=2025-06-01 --report=jsonl:"$tmp/findings.jsonl" "$certs" </dev/null
[ "$status" -eq 0 ] || fail "--report beside --inventory: exit $status"
[ "$(wc -l <"$tmp/findings.jsonl")" -eq 6 ] || fail "--report beside --inventory: not the 6 findings"
[ "$(wc -l <"$tmp/out")" -eq 5 ] || fail "--report beside --inventory: stdout is not the inventory"
run --inventory "$certs" "$top_srcdir/samples/invalid/not-a-response/array/input" </dev/null
[ "$status" -eq 1 ] || fail "an error finding: exit $status, expected 1"

run --inventory=yaml "$certs" </dev/null
[ "$status" -eq 2 ] || fail "--inventory=yaml: exit $status, expected 2"
has_text "--inventory=yaml" "use text, csv, json or markdown" "$tmp/err"

if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 not found: csv, json and markdown are not parsed"
    finish
fi

# ---- csv, json, markdown -------------------------------------------------------------
# a hostile certificate name: comma, quote, LF, ESC, '|'
printf '{"certificates":[{"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/x","certificateName":"a,\\"b\\"\\n\\u001b|c","domainName":"example.com"}]}\n' >"$tmp/hostile.json"
run --inventory=csv --now=2025-06-01 "$certs" "$tmp/hostile.json" samples/paged.jsonl </dev/null
cp "$tmp/out" "$tmp/inv.csv"
run --inventory=json --now=2025-06-01 "$certs" "$tmp/hostile.json" samples/paged.jsonl </dev/null
cp "$tmp/out" "$tmp/inv.json"
run --inventory=markdown --now=2025-06-01 "$certs" "$tmp/hostile.json" samples/paged.jsonl </dev/null
cp "$tmp/out" "$tmp/inv.md"
if ! python3 - "$tmp" <<'PY' >"$tmp/py.out" 2>&1; then
import csv, io, json, sys
tmp = sys.argv[1]
errors = []
HEAD = ["file", "document", "certificate", "domain", "status", "notBefore", "notAfter",
        "daysLeft", "renewalStatus", "inUseResourceCount", "errors", "warnings", "notes"]
raw = open(tmp + "/inv.csv", "rb").read()
if b"\n" in raw.replace(b"\r\n", b""):
    errors.append("csv: a line does not end in CRLF")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
if rows[0] != HEAD:
    errors.append("csv header %r" % rows[0])
rows = rows[1:]
want = [
    ["tests/inventory/certs.json", "0", "old-example-com", "old.example.com", "EXPIRED",
     "2023-03-28T10:40:00Z", "2024-03-31T23:59:59Z", "-427", "", "0", "0", "0", "1"],
    ["tests/inventory/certs.json", "0", 'api, "v2"', "api.example.com", "ISSUED",
     "2024-06-01T00:00:00Z", "2025-06-10T23:59:59Z", "9", "PendingAutoRenewal", "1", "0", "2", "1"],
    ["tests/inventory/certs.json", "0", "www-example-com", "example.com", "ISSUED",
     "2024-06-01T00:00:00Z", "2025-06-17T23:59:59Z", "16", "Success", "2", "0", "1", "1"],
]
mine = [r for r in rows if r[0] == "tests/inventory/certs.json"]
if mine[:3] != want or mine[3][2] != "new-example-com" or mine[3][6] != "":
    errors.append("csv rows of certs.json %r" % mine)
# 4 + 1 + 5 certificates; rows without notAfter last, in input order
if len(rows) != 10:
    errors.append("csv: %d rows, expected 10" % len(rows))
after = [r[6] for r in rows]
dated = [a for a in after if a]
if dated != sorted(dated) or after[len(dated):] != [""] * (len(after) - len(dated)):
    errors.append("csv: not sorted by notAfter, empty last: %r" % after)
hostile = [r for r in rows if r[0].endswith("hostile.json")]
if len(hostile) != 1 or hostile[0][2] != 'a,"b"\\n\\u001b|c' or hostile[0][4] != "":
    errors.append("csv: the hostile name %r" % hostile)

doc = json.loads(open(tmp + "/inv.json", encoding="utf-8").read())
if not isinstance(doc, list) or len(doc) != 10:
    errors.append("json: not an array of 10")
KEYS = ["file", "document", "certificate", "domain", "status", "notBefore", "notAfter",
        "daysLeft", "renewalStatus", "inUseResourceCount", "errors", "warnings", "notes"]
for n, o in enumerate(doc):
    if list(o) != KEYS:
        errors.append("json %d: keys %r" % (n, list(o)))
        continue
    for k in ("document", "errors", "warnings", "notes"):
        if type(o[k]) is not int:
            errors.append("json %d: %s is %r" % (n, k, o[k]))
    for k in ("daysLeft", "inUseResourceCount"):
        if o[k] is not None and type(o[k]) is not int:
            errors.append("json %d: %s is %r" % (n, k, o[k]))
    for k in ("file", "certificate"):
        if type(o[k]) is not str:
            errors.append("json %d: %s is %r" % (n, k, o[k]))
    for k in ("domain", "status", "notBefore", "notAfter", "renewalStatus"):
        if o[k] is not None and type(o[k]) is not str:
            errors.append("json %d: %s is %r" % (n, k, o[k]))
    # the csv says the same
    c = rows[n]
    for i, k in enumerate(KEYS):
        v = o[k]
        text = "" if v is None else str(v)
        if k == "certificate" and o["file"].endswith("hostile.json"):
            continue  # json carries the raw name, csv its escaped text
        if text != c[i]:
            errors.append("json %d: %s %r, csv %r" % (n, k, v, c[i]))
if [o for o in doc if o["certificate"] == 'api, "v2"'][0] != {"file": "tests/inventory/certs.json", "document": 0, "certificate": 'api, "v2"',
              "domain": "api.example.com", "status": "ISSUED",
              "notBefore": "2024-06-01T00:00:00Z", "notAfter": "2025-06-10T23:59:59Z",
              "daysLeft": 9, "renewalStatus": "PendingAutoRenewal", "inUseResourceCount": 1,
              "errors": 0, "warnings": 2, "notes": 1}:
    errors.append("json: the row of 'api, \"v2\"'")
h = [o for o in doc if o["file"].endswith("hostile.json")][0]
if h["certificate"] != 'a,"b"\n\x1b|c' or h["status"] is not None or h["notAfter"] is not None \
        or h["daysLeft"] is not None or h["inUseResourceCount"] is not None:
    errors.append("json: the hostile row %r" % h)

md = open(tmp + "/inv.md", encoding="utf-8").read().split("\n")
if md[-1] != "":
    errors.append("markdown: no final line break")
md = md[:-1]
def cells(line):
    # split on '|' not escaped by a backslash
    out, cur, esc = [], "", False
    for ch in line:
        if esc:
            cur += ch
            esc = False
        elif ch == "\\":
            cur += ch
            esc = True
        elif ch == "|":
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out
if len(md) != 12:
    errors.append("markdown: %d lines, expected header, separator and 10 rows" % len(md))
for n, line in enumerate(md):
    if not (line.startswith("| ") and line.endswith(" |")):
        errors.append("markdown line %d: %r" % (n, line))
    c = cells(line)
    if len(c) != 15 or c[0] != "" or c[-1] != "":
        errors.append("markdown line %d: %d cells" % (n, len(c) - 2))
if [x.strip() for x in cells(md[1])[1:-1]] != ["---", "---:", "---", "---", "---", "---", "---",
                                               "---:", "---", "---:", "---:", "---:", "---:"]:
    errors.append("markdown separator %r" % md[1])
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY
    fail "csv/json/markdown:$nl$(head -c 3000 "$tmp/py.out")"
fi
clean() {
    if LC_ALL=C grep -q "$(printf '\033')" "$1"; then fail "$1: a raw ESC"; fi
}
clean "$tmp/inv.csv"
clean "$tmp/inv.md"

# days left: against the clock without --now
run --inventory=json "$fits" </dev/null
python3 - "$tmp/out" <<'PY' || fail "days left against the clock: $(cat "$tmp/out")"
import json, sys, time
doc = json.load(open(sys.argv[1]))
row = [o for o in doc if o["certificate"] == "www-example-com"][0]
now = time.time()
want = {int((1750204799 - t) // 86400) for t in (now - 60, now)}
sys.exit(0 if row["daysLeft"] in want else 1)
PY

# ---- csv and markdown: no cell from the input runs as a formula ---------------------------
printf '{"certificates":[{"certificateArn":"arn:aws:lightsail:us-east-1:123456789012:Certificate/x","certificateName":"=HYPERLINK(\\"http://e.test\\",\\"x\\")","domainName":"+example.com","certificateDetail":{"status":"@SUM(1)","renewalSummary":{"renewalStatus":"-Success"},"notAfter":"2025-05-17T23:59:59Z"}}]}\n' >"$tmp/formula.json"
(cd "$tmp" && "$LSCERTLINT" --inventory=csv --now=2025-06-01 formula.json) >"$tmp/out" 2>"$tmp/err"
printf '%s\r\n' 'file,document,certificate,domain,status,notBefore,notAfter,daysLeft,renewalStatus,inUseResourceCount,errors,warnings,notes' \
    'formula.json,0,"'"'"'=HYPERLINK(""http://e.test"",""x"")",'"'"'+example.com,'"'"'@SUM(1),,2025-05-17T23:59:59Z,-15,'"'"'-Success,,2,4,0' >"$tmp/want"
cmp -s "$tmp/want" "$tmp/out" || fail "csv: formula cells not guarded:$nl$(cat "$tmp/out")"
(cd "$tmp" && "$LSCERTLINT" --inventory=markdown --now=2025-06-01 formula.json) >"$tmp/out" 2>"$tmp/err"
has_text "markdown: formula cells guarded" "| formula.json | 0 | '=HYPERLINK(\"http://e.test\",\"x\") | '+example.com | '@SUM(1) |  | 2025-05-17T23:59:59Z | -15 | '-Success |" "$tmp/out"

# ---- GITHUB_STEP_SUMMARY: the inventory, 100 rows at most --------------------------------
python3 - "$tmp/many.json" <<'PY'
import json, sys
certs = []
for i in range(105):
    certs.append({"certificateArn": "arn:aws:lightsail:us-east-1:123456789012:Certificate/%03d" % i,
                  "certificateName": "c%03d" % i, "domainName": "c%03d.example.com" % i})
open(sys.argv[1], "w").write(json.dumps({"certificates": certs}) + "\n")
PY
rm -f "$tmp/summary.md"
GITHUB_STEP_SUMMARY="$tmp/summary.md" run -f github "$tmp/many.json" </dev/null
unset GITHUB_STEP_SUMMARY
[ "$status" -eq 0 ] || fail "github: exit $status"
has_text "step summary: the inventory" "#### Certificates" "$tmp/summary.md"
rows=$(grep -c '^| .*many.json | 0 | c[0-9]' "$tmp/summary.md")
[ "$rows" -eq 100 ] || fail "step summary: $rows inventory rows, expected 100"
has_text "step summary: the rest counted" "…and 5 more certificates." "$tmp/summary.md"
# not with another format
rm -f "$tmp/summary.md"
GITHUB_STEP_SUMMARY="$tmp/summary.md" run -f text "$tmp/many.json" </dev/null
unset GITHUB_STEP_SUMMARY
[ ! -e "$tmp/summary.md" ] || fail "-f text wrote GITHUB_STEP_SUMMARY"

finish
