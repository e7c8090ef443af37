#!/bin/sh
# Golden-file tests of the reporter through the real CLI: every format
# (text, json, jsonl, sarif, github, junit) over four fixed input sets, run
# from $top_srcdir with relative paths, compared byte for byte with
# tests/golden/SET.FORMAT (the text format's stderr summary with SET.stderr,
# the github format's $GITHUB_STEP_SUMMARY Markdown with SET.github-summary.md,
# its inventory included).
#
#   valid    samples/cli-v2.json samples/paged.jsonl
#   now      the same plus samples/boto3-dump.json, with --now, so the
#            opt-in time rules (expired-but-issued, expires-soon) fire
#   invalid  samples/invalid cases: json-duplicate-key (related locations,
#            CRLF), json-syntax (CRLF, third JSON Lines document),
#            error-response, non-ASCII tag key and value
# (gitlab too: GitLab Code Quality, its fingerprints checked against sarif's)
#   hostile  tests/golden/inputs/: hostile.json (a member name, a tag key and
#            a tag value holding ESC, CR LF "::error::", "%0A", <b>&"', NUL,
#            U+009B), bad-utf8.json (a 0xFF byte in a string: json-syntax),
#            non-ascii-columns.json (columns count code points), and standard
#            input named by a hostile --stdin-filename (":", ",", "%", "|",
#            space, LF "::error::", ESC, U+009B)
#
# The tool's version is stored as @PACKAGE_VERSION@ in the expected files, so
# a version bump does not need a re-bless.
#
# To rewrite the expected files after an intended change of the output:
#     LSC_BLESS=1 make check TESTS=tests/report-golden.sh
# then read `git diff tests/golden` line by line against doc/cli.md §3 before
# committing: blessing accepts whatever the program prints.
#
# Besides the comparison: json, jsonl and sarif must parse as JSON and carry
# the fields doc/cli.md §3 lists (python3; a visible SKIP line without it), junit
# must be well-formed XML (xmllint --noout; SKIP line without it), no output
# may hold a raw ESC, CR, NUL or U+009B byte sequence, no line may start with
# "::" except the github format's own commands (one per finding plus the
# totals notice), GITHUB_STEP_SUMMARY is written by the github format only,
# and the output does not change between two runs or when the same input
# arrives through a pipe one byte per write.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

[ -x "$top_builddir/lscertlint" ] || { echo "golden: $top_builddir/lscertlint not built" >&2; exit 99; }
cd "$top_srcdir" || exit 99
golden=tests/golden
bless=${LSC_BLESS:-}
# a CI runner's own summary file must not receive our test output
unset GITHUB_STEP_SUMMARY

formats='text json jsonl sarif github junit gitlab'
sets='valid now invalid hostile'

ver=$("$top_builddir/lscertlint" --version | sed -n '1s/^lscertlint //p')
[ -n "$ver" ] || { echo "golden: no version from lscertlint --version" >&2; exit 99; }
ver_re=$(printf '%s' "$ver" | sed 's/[].[*^$\\/]/\\&/g')
esc=$(printf '\033')
cr=$(printf '\015')
csi=$(printf '\302\233')
hostile_name=$(printf 'dir/we:ird,na%%me |<&>\n::error::x\033[31m\302\233.json')

# lint SET FORMAT [OPTION]...: run the set; stdout in $tmp/out, stderr in
# $tmp/err, exit status in $status
lint() {
    l_set=$1
    l_fmt=$2
    shift 2
    case $l_set in
    valid)
        run -f "$l_fmt" "$@" samples/cli-v2.json samples/paged.jsonl </dev/null ;;
    now)
        run -f "$l_fmt" --now=2024-07-01T00:00:00Z "$@" samples/boto3-dump.json \
            samples/cli-v2.json samples/paged.jsonl </dev/null ;;
    invalid)
        run -f "$l_fmt" "$@" samples/invalid/json-duplicate-key/tag-key/input \
            samples/invalid/json-duplicate-key/detail-crlf-pretty/input \
            samples/invalid/json-duplicate-key/three-times/input \
            samples/invalid/json-syntax/crlf-error-on-line-3/input \
            samples/invalid/json-syntax/jsonl-error-in-third-document/input \
            samples/invalid/error-response/wire-body/input \
            samples/invalid/tag-key-charset/combining-mark/input \
            samples/invalid/tag-value-charset/emoji/input </dev/null ;;
    hostile)
        run -f "$l_fmt" --stdin-filename="$hostile_name" "$@" $golden/inputs/hostile.json \
            $golden/inputs/bad-utf8.json $golden/inputs/non-ascii-columns.json - \
            <samples/invalid/json-duplicate-key/summary-member/input ;;
    *)
        echo "golden: unknown set $l_set" >&2
        exit 99 ;;
    esac
}

# expected_status SET: the exit status the set must give
expected_status() {
    case $1 in
    valid | now) echo 0 ;;
    *) echo 1 ;;
    esac
}

# compare NAME FILE: FILE must equal tests/golden/NAME (with the version put
# in); under LSC_BLESS=1 FILE becomes tests/golden/NAME instead
compare() {
    if [ -n "$bless" ]; then
        LC_ALL=C sed "s/\"name\":\"lscertlint\",\"version\":\"$ver_re\"/\"name\":\"lscertlint\",\"version\":\"@PACKAGE_VERSION@\"/g" \
            "$2" >"$golden/$1" || fail "cannot write $golden/$1"
        return
    fi
    if [ ! -f "$golden/$1" ]; then
        fail "$golden/$1 is missing (LSC_BLESS=1 creates it; then check it by eye)"
        return
    fi
    LC_ALL=C sed "s/@PACKAGE_VERSION@/$ver/g" "$golden/$1" >"$tmp/expected.golden"
    if ! cmp -s "$tmp/expected.golden" "$2"; then
        fail "$1 differs from the golden file (- expected, + got):"
        diff -u "$tmp/expected.golden" "$2" | sed 's/^/    /' >&2
    fi
}

# clean_bytes WHAT FILE: no raw ESC, CR, NUL, or U+009B (C1 CSI) in FILE
clean_bytes() {
    if LC_ALL=C grep -q "[$esc$cr]" "$2"; then
        fail "$1: raw ESC or CR byte in the output:$nl$(LC_ALL=C grep -n "[$esc$cr]" "$2" | od -c | head -20)"
    fi
    if [ "$(LC_ALL=C tr -d '\000' <"$2" | wc -c)" -ne "$(wc -c <"$2")" ]; then
        fail "$1: raw NUL byte in the output"
    fi
    if LC_ALL=C grep -q "$csi" "$2"; then
        fail "$1: raw U+009B (C1 CSI) in the output"
    fi
}

# no_commands WHAT FILE: no line of FILE starts with "::"
no_commands() {
    if grep -q '^::' "$2"; then
        fail "$1: a line starts with '::' (a forged workflow command):$nl$(grep -n '^::' "$2" | head -5)"
    fi
}

have_python=
if command -v python3 >/dev/null 2>&1 && python3 -c 'import json' >/dev/null 2>&1; then
    have_python=1
else
    echo "SKIP: python3 not found: json/jsonl/sarif are not parsed (the golden comparison still runs)"
fi
have_xmllint=
if command -v xmllint >/dev/null 2>&1; then
    have_xmllint=1
else
    echo "SKIP: xmllint (libxml2-utils) not found: junit is not parsed (the golden comparison still runs)"
fi

# json_check WHAT FORMAT FILE: FILE parses as FORMAT (json, jsonl, sarif) and
# holds the fields doc/cli.md §3 lists
# gitlab_check NAME FILE SARIF JSONL: GitLab Code Quality's fields and
# nothing else, one issue per finding, the fingerprints sarif's
gitlab_check() {
    [ -n "$have_python" ] || return 0
    if ! python3 - "$2" "$3" "$4" >"$tmp/py.out" 2>&1 <<'PY'; then
import json, sys
issues = json.load(open(sys.argv[1], encoding="utf-8"))
sarif = json.load(open(sys.argv[2], encoding="utf-8"))
jsonl = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
errors = []
for n, i in enumerate(issues):
    if list(i) != ["description", "check_name", "fingerprint", "severity", "location"] or \
            list(i["location"]) != ["path", "lines"] or list(i["location"]["lines"]) != ["begin"]:
        errors.append("issue %d: keys %r" % (n, i))
    if i["severity"] not in ("info", "minor", "major", "critical", "blocker"):
        errors.append("issue %d: severity %r" % (n, i["severity"]))
    if i["location"]["path"].startswith("./"):
        errors.append("issue %d: path %r" % (n, i["location"]["path"]))
fps = [r["partialFingerprints"]["lscertlint/v1"] for r in sarif["runs"][0]["results"]]
if [i["fingerprint"] for i in issues if i["check_name"] != "unreadable"] != fps:
    errors.append("fingerprints differ from sarif's")
if [(i["check_name"], i["location"]["lines"]["begin"]) for i in issues] != \
        [(f["rule"], f["line"]) for f in jsonl]:
    errors.append("issues differ from the jsonl findings")
if errors:
    print("\n".join(errors))
    sys.exit(1)
PY
        fail "$1: $(cat "$tmp/py.out")"
    fi
}

json_check() {
    [ -n "$have_python" ] || return 0
    if ! python3 - "$2" "$3" >"$tmp/py.out" 2>&1 <<'PY'; then
import json, sys
fmt, path = sys.argv[1], sys.argv[2]
FINDING = ["file", "document", "line", "column", "offset", "pointer", "rule", "severity", "message"]
RELATED = ["line", "column", "offset", "pointer", "message"]
errors = []
def finding(f, where):
    keys = list(f)
    base = [k for k in keys if k not in ("related", "certificate")]
    if "certificate" in keys and (keys.index("certificate") != len(FINDING) or
                                  not f["pointer"].startswith("/certificates/") or
                                  not f["message"].startswith("certificate ")):
        errors.append("%s: certificate %r misplaced or outside a certificate" % (where, f["certificate"]))
    if f["pointer"].startswith("/certificates/") and f["pointer"].count("/") > 2 and \
            "certificate" not in keys:
        errors.append("%s: a finding inside a certificate without its name" % where)
    if base != FINDING:
        errors.append("%s: keys %r, expected %r" % (where, keys, FINDING))
    if "related" in f:
        for r in f["related"]:
            if list(r) != RELATED:
                errors.append("%s: related keys %r" % (where, list(r)))
with open(path, "rb") as fp:
    data = fp.read().decode("utf-8")
if fmt == "jsonl":
    for n, line in enumerate(data.split("\n")[:-1], 1):
        finding(json.loads(line), "line %d" % n)
    if data and not data.endswith("\n"):
        errors.append("no final line break")
elif fmt == "json":
    doc = json.loads(data)
    if list(doc) != ["tool", "inputs", "findings", "summary"]:
        errors.append("top-level keys %r" % list(doc))
    if list(doc["tool"]) != ["name", "version"]:
        errors.append("tool keys %r" % list(doc["tool"]))
    for i in doc["inputs"]:
        if list(i) != ["file", "documents", "certificates", "status"]:
            errors.append("input keys %r" % list(i))
    for n, f in enumerate(doc["findings"]):
        finding(f, "finding %d" % n)
    if list(doc["summary"]) != ["errors", "warnings", "notes"]:
        errors.append("summary keys %r" % list(doc["summary"]))
    for sev, key in (("error", "errors"), ("warning", "warnings"), ("note", "notes")):
        count = sum(1 for f in doc["findings"] if f["severity"] == sev)
        if doc["summary"][key] != count:
            errors.append("summary %s = %d, findings say %d" % (key, doc["summary"][key], count))
else:
    doc = json.loads(data)
    if doc.get("version") != "2.1.0" or "$schema" not in doc or len(doc["runs"]) != 1:
        errors.append("not one SARIF 2.1.0 run")
    run = doc["runs"][0]
    drv = run["tool"]["driver"]
    for k in ("name", "version", "informationUri", "rules"):
        if k not in drv:
            errors.append("driver lacks " + k)
    ids = [r["id"] for r in drv["rules"]]
    for r in drv["rules"]:
        for k in ("shortDescription", "fullDescription", "help"):
            if not r.get(k, {}).get("text"):
                errors.append("rule %s lacks %s.text" % (r.get("id"), k))
        if r["defaultConfiguration"]["level"] not in ("error", "warning", "note"):
            errors.append("rule %s: level %r" % (r["id"], r["defaultConfiguration"]["level"]))
    if run.get("columnKind") != "unicodeCodePoints":
        errors.append("columnKind %r" % run.get("columnKind"))
    for n, r in enumerate(run["results"]):
        where = "result %d" % n
        if ids[r["ruleIndex"]] != r["ruleId"]:
            errors.append("%s: ruleIndex %d is %s, not %s" % (where, r["ruleIndex"], ids[r["ruleIndex"]], r["ruleId"]))
        if r["level"] not in ("error", "warning", "note") or not r["message"]["text"]:
            errors.append(where + ": level or message")
        if len(r["locations"]) != 1:
            errors.append(where + ": not one location")
        loc = r["locations"][0]
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        if uri.startswith("/") or "://" in uri:
            errors.append(where + ": uri not relative: " + uri)
        reg = loc["physicalLocation"]["region"]
        if reg["startLine"] < 1 or reg["startColumn"] < 1:
            errors.append(where + ": region")
        if not loc["logicalLocations"][0]["fullyQualifiedName"].startswith("/") and \
                loc["logicalLocations"][0]["fullyQualifiedName"] != "":
            errors.append(where + ": fullyQualifiedName is not a pointer")
        logical = loc["logicalLocations"]
        if len(logical) == 2 and (logical[1].get("kind") != "object" or not logical[1].get("name")):
            errors.append(where + ": the certificate's logicalLocation lacks kind object or a name")
        if len(logical) == 2 and not r["message"]["text"].startswith("certificate "):
            errors.append(where + ": a certificate logicalLocation but the message names none")
        if not r.get("partialFingerprints"):
            errors.append(where + ": no partialFingerprints")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY
        fail "$1: $2 check failed:$nl$(head -c 2000 "$tmp/py.out")"
    fi
}

# github_check WHAT FILE: every line is a workflow command for a finding,
# then one totals notice
github_check() {
    n=$(wc -l <"$2")
    last=$(tail -n 1 "$2")
    case $last in
    "::notice::"*" file"*", "*" document"*", "*" certificate"*": "*" error"*", "*" warning"*", "*" note"*) ;;
    *) fail "$1: the last line is not the totals notice: $last" ;;
    esac
    bad=$(sed '$d' "$2" | grep -Ev '^::(error|warning|notice) file=[^:,]*,line=[0-9]+,col=[0-9]+,title=[a-z0-9-]+::' | head -3)
    [ -z "$bad" ] || fail "$1: lines that are not a finding's command:$nl$bad"
    echo $((n - 1)) >"$tmp/github.count"
}

for set in $sets; do
    want=$(expected_status "$set")
    for fmt in $formats; do
        rm -f "$tmp/summary.md"
        if [ "$fmt" = github ]; then
            GITHUB_STEP_SUMMARY="$tmp/summary.md"
            export GITHUB_STEP_SUMMARY
        fi
        lint "$set" "$fmt"
        unset GITHUB_STEP_SUMMARY
        [ "$status" -eq "$want" ] ||
            fail "$set.$fmt: exit status $status, expected $want; stderr: $(head -c 400 "$tmp/err")"
        cp "$tmp/out" "$tmp/$set.$fmt"
        compare "$set.$fmt" "$tmp/out"
        clean_bytes "$set.$fmt" "$tmp/out"
        clean_bytes "$set.$fmt stderr" "$tmp/err"
        no_commands "$set.$fmt stderr" "$tmp/err"
        case $fmt in
        text)
            compare "$set.stderr" "$tmp/err"
            no_commands "$set.$fmt" "$tmp/out"
            # " (POINTER)" is left out at the document root
            bad=$(grep -Ev '^.+:[0-9]+:[0-9]+: (error|warning|note): .* \[[a-z0-9-]+\]( \(.+\))?$' "$tmp/out" | head -3)
            [ -z "$bad" ] || fail "$set.text: lines not in the FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (POINTER) form:$nl$bad"
            ;;
        json | jsonl | sarif)
            no_commands "$set.$fmt" "$tmp/out"
            json_check "$set.$fmt" "$fmt" "$tmp/out"
            ;;
        junit)
            no_commands "$set.$fmt" "$tmp/out"
            if [ -n "$have_xmllint" ] && ! xmllint --noout "$tmp/out" 2>"$tmp/xml.err"; then
                fail "$set.junit is not well-formed XML:$nl$(head -c 1000 "$tmp/xml.err")"
            fi
            # valid against the JUnit schema Jenkins and GitLab read
            # (tests/junit.xsd), and tests >= failures in every testsuite
            if [ -n "$have_xmllint" ] &&
                ! xmllint --noout --schema tests/junit.xsd "$tmp/out" 2>"$tmp/xml.err"; then
                fail "$set.junit does not validate against tests/junit.xsd:$nl$(head -c 1000 "$tmp/xml.err")"
            fi
            sed -n 's/.* tests="\([0-9]*\)" failures="\([0-9]*\)".*/\1 \2/p' "$tmp/out" |
                while read -r t f; do [ "$t" -ge "$f" ] || echo "tests=$t failures=$f"; done >"$tmp/tf"
            [ -s "$tmp/tf" ] && fail "$set.junit: fewer tests than failures: $(cat "$tmp/tf")"
            ;;
        gitlab)
            no_commands "$set.$fmt" "$tmp/out"
            gitlab_check "$set.gitlab" "$tmp/out" "$tmp/$set.sarif" "$tmp/$set.jsonl"
            ;;
        github)
            github_check "$set.github" "$tmp/out"
            if [ -f "$tmp/summary.md" ]; then
                # without --now the inventory's days left count from today:
                # the golden file holds (days) there
                if [ "$set" != now ]; then
                    sed -E 's/([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z \| )-?[0-9]+ \|/\1(days) |/' \
                        "$tmp/summary.md" >"$tmp/summary.days" && mv "$tmp/summary.days" "$tmp/summary.md"
                fi
                compare "$set.github-summary.md" "$tmp/summary.md"
                clean_bytes "$set.github-summary.md" "$tmp/summary.md"
                no_commands "$set.github-summary.md" "$tmp/summary.md"
            else
                fail "$set.github: GITHUB_STEP_SUMMARY was not written"
            fi
            ;;
        esac
        if [ "$fmt" != github ] && [ -e "$tmp/summary.md" ]; then
            fail "$set.$fmt wrote GITHUB_STEP_SUMMARY"
        fi
    done
    # every format reports the same findings
    nfind=$(wc -l <"$tmp/$set.jsonl")
    [ "$(wc -l <"$tmp/$set.text")" -eq "$nfind" ] ||
        fail "$set: text has $(wc -l <"$tmp/$set.text") lines, jsonl $nfind"
    [ "$(cat "$tmp/github.count")" -eq "$nfind" ] ||
        fail "$set: github has $(cat "$tmp/github.count") finding commands, jsonl $nfind"
done

# GITHUB_STEP_SUMMARY set for another format: the file stays untouched
GITHUB_STEP_SUMMARY="$tmp/summary.md"
export GITHUB_STEP_SUMMARY
rm -f "$tmp/summary.md"
lint invalid json
[ -e "$tmp/summary.md" ] && fail "-f json wrote GITHUB_STEP_SUMMARY"
unset GITHUB_STEP_SUMMARY

# the same output on a second run (sarif: the fingerprints too)
for fmt in sarif junit; do
    lint hostile "$fmt"
    cmp -s "$tmp/out" "$tmp/hostile.$fmt" || fail "hostile.$fmt: a second run gives other output"
done

# the CLI has no chunk-size option: feed a multi-document input through a
# pipe one byte per write, so reads return pieces of every size, and compare
# with the file run of the same bytes
for input in samples/paged.jsonl samples/invalid/json-syntax/jsonl-error-in-third-document/input; do
    for fmt in jsonl sarif; do
        run -f "$fmt" --now=2024-07-01T00:00:00Z "$input" </dev/null
        cp "$tmp/out" "$tmp/whole"
        dd if="$input" bs=1 2>/dev/null | "$LSCERTLINT" -f "$fmt" --now=2024-07-01T00:00:00Z \
            --stdin-filename="$input" - >"$tmp/out" 2>"$tmp/err"
        cmp -s "$tmp/whole" "$tmp/out" ||
            fail "$input -f $fmt: a dribbling pipe gives other output:$nl$(diff -u "$tmp/whole" "$tmp/out" | head -20)"
    done
done

if [ -n "$bless" ]; then
    echo "blessed: $golden/ rewritten; read git diff $golden before committing"
fi
finish
