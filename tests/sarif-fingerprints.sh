#!/bin/sh
# SARIF partialFingerprints over every case of samples/invalid/:
# - unique: no two distinct results (file, line, column, rule, message,
#   pointer) share a fingerprint, over all results of all cases;
# - stable: each JSON input reformatted (pretty-printed and compact, with
#   python3 -m json.tool) under the same name keeps its set of fingerprints
#   wherever its findings are the same (rule, pointer, message without its
#   line:column positions); json.tool drops duplicate keys and rewrites
#   escapes, so a few cases change their findings and are left out, but at
#   least 40 must be compared.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 not found"
    exit 77
fi

python3 - "$LSCERTLINT" "$top_srcdir" "$tmp" <<'PY' || fail "fingerprints (see above)"
import glob, json, os, re, subprocess, sys

lsc, srcdir, tmp = sys.argv[1:4]
cases = sorted(glob.glob(os.path.join(srcdir, "samples/invalid/*/*/input")))
position = re.compile(r"\d+:\d+")

def sarif(data, name, args):
    p = subprocess.run([lsc, "-f", "sarif", "--stdin-filename=" + name] + args,
                       input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        raise SystemExit("%s: exit %d: %s" % (name, p.returncode, p.stderr[:300]))
    out = []
    for r in json.loads(p.stdout)["runs"][0]["results"]:
        loc = r["locations"][0]
        region = loc["physicalLocation"]["region"]
        pointer = loc["logicalLocations"][0]["fullyQualifiedName"]
        key = (loc["physicalLocation"]["artifactLocation"]["uri"], region["startLine"],
               region["startColumn"], r["ruleId"], r["message"]["text"], pointer)
        finding = (r["ruleId"], pointer, position.sub("#", r["message"]["text"]))
        out.append((key, finding, r["partialFingerprints"]["lscertlint/v1"]))
    return out

owners = {}
results = compared = skipped = 0
errors = []
for path in cases:
    case = os.path.dirname(path)
    name = os.path.relpath(case, srcdir) + "/input"
    args_file = os.path.join(case, "args")
    args = open(args_file).read().split() if os.path.exists(args_file) else []
    data = open(path, "rb").read()
    got = sarif(data, name, args)
    results += len(got)
    for key, _, fp in got:
        owners.setdefault(fp, set()).add(key)
    try:
        doc = json.loads(data)
    except ValueError:
        continue  # not one JSON document (JSON Lines, malformed): nothing to reformat
    findings = sorted(f for _, f, _ in got)
    fps = sorted(fp for _, _, fp in got)
    for style in (["--indent", "2"], ["--compact"]):
        p = subprocess.run([sys.executable, "-m", "json.tool"] + style, input=data,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if p.returncode != 0:
            break  # json.tool refuses it (a byte order mark)
        again = sarif(p.stdout, name, args)
        if sorted(f for _, f, _ in again) != findings:
            skipped += 1
            continue
        compared += 1
        if sorted(fp for _, _, fp in again) != fps:
            errors.append("%s %s: the fingerprints changed" % (name, style[0]))

shared = {fp: keys for fp, keys in owners.items() if len(keys) > 1}
for fp, keys in sorted(shared.items()):
    errors.append("fingerprint %s shared by %d results: %s" % (fp, len(keys), sorted(keys)[:3]))
print("fingerprints: %d cases, %d results, %d distinct fingerprints, %d shared" %
      (len(cases), results, len(owners), len(shared)))
print("reformatting: %d reformatted inputs compared, %d left out (findings changed)" %
      (compared, skipped))
if len(cases) < 100 or results < 100:
    errors.append("too few cases or results: %d, %d" % (len(cases), results))
if compared < 40:
    errors.append("only %d reformatted inputs compared" % compared)
for e in errors:
    print("FAIL: " + e)
sys.exit(1 if errors else 0)
PY

finish
