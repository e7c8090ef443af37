#!/bin/sh
# The CI integrations: action.yml and .pre-commit-hooks.yaml parse and have
# their required keys; the action's lint step (its run script and env, with
# the ${{ }} expressions filled in as GitHub would) runs against a sample
# repository; the README's workflow, GitLab job and configuration example
# are well-formed, and the configuration example is accepted by lscertlint.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

# the first python3 that has PyYAML: the one on PATH, else Debian's, where
# ./quickstart installs python3-yaml
PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml' 2>/dev/null; then
        PY=$p
        break
    fi
done
[ -n "$PY" ] || { echo "integrations: no python3 with PyYAML (./quickstart installs python3-yaml)" >&2; exit 77; }

# --- structure of both YAML files and of the README's examples
"$PY" - "$top_srcdir" >"$tmp/structure" 2>&1 <<'EOF' || fail "structure: $(cat "$tmp/structure")"
import json, re, sys, yaml
top = sys.argv[1]
a = yaml.safe_load(open(top + "/action.yml"))
for k in ("name", "description", "inputs", "runs"):
    assert k in a, "action.yml: no " + k
for k in ("paths", "format", "fail-on", "config", "baseline", "sarif-file"):
    assert k in a["inputs"], "action.yml: no input " + k
    assert "description" in a["inputs"][k], "action.yml: input %s has no description" % k
assert a["runs"]["using"] == "composite", "action.yml: not a composite action"
steps = {s["id"]: s for s in a["runs"]["steps"]}
assert list(steps) == ["select", "deps", "build", "release", "lint"], "action.yml: steps %r" % list(steps)
for s in steps.values():
    assert s.get("shell") == "bash" and s.get("run"), "action.yml: step %s needs shell and run" % s["id"]
assert "apt-get install" in steps["deps"]["run"]
# every library configure requires, by its Debian package, in both recipes
# that build on a fresh machine (the action and the README's GitLab job)
debian = {"yajl": "libyajl-dev", "libutf8proc": "libutf8proc-dev", "zlib": "zlib1g-dev",
          "check": "check"}
required = re.findall(r"^PKG_CHECK_MODULES\(\[\w+\], \[([\w-]+)", open(top + "/configure.ac").read(), re.M)
assert sorted(required) == sorted(debian), "configure.ac requires %r: map each to its package" % required
deps = set(steps["deps"]["run"].split())
for lib in required:
    assert debian[lib] in deps, "action.yml installs no %s (configure requires %s)" % (debian[lib], lib)
for word in ("./autogen.sh", "./configure", "make"):
    assert word in steps["build"]["run"], "build step lacks " + word
h = yaml.safe_load(open(top + "/.pre-commit-hooks.yaml"))
assert isinstance(h, list) and len(h) == 1, ".pre-commit-hooks.yaml: one hook expected"
for k in ("id", "name", "entry", "language", "types"):
    assert k in h[0], ".pre-commit-hooks.yaml: no " + k
assert h[0]["id"] == "lscertlint" and h[0]["types"] == ["file"] and h[0]["entry"].split()[0] == "lscertlint"
readme = open(top + "/README.md").read()
ci = readme.split("\n## Use in CI\n", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```yaml\n(.*?)```", ci, re.S)
assert len(blocks) == 3, "README Use in CI: %d yaml blocks" % len(blocks)
wf = yaml.safe_load(blocks[0])
steps = wf["jobs"]["lint"]["steps"]
up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
assert up and up[0].get("if") == "always()", "README: upload-sarif without if: always()"
act = [s for s in steps if s.get("uses", "").startswith("lscertlint/lscertlint")]
assert act and act[0]["with"]["sarif-file"] == up[0]["with"]["sarif_file"]
assert set(act[0]["with"]) <= set(a["inputs"]), "README: the workflow uses an input the action lacks"
gl = yaml.safe_load(blocks[1])
assert gl["lscertlint"]["artifacts"]["reports"]["junit"] == "lscertlint.xml"
assert "-f junit -o lscertlint.xml" in " ".join(gl["lscertlint"]["script"])
assert gl["lscertlint"]["artifacts"]["when"] == "always"
gl_deps = set(" ".join(gl["lscertlint"]["before_script"]).split())
for lib in required:
    assert debian[lib] in gl_deps, "README GitLab job installs no %s (configure requires %s)" % (debian[lib], lib)
pc = yaml.safe_load(blocks[2])
assert pc["repos"][0]["hooks"][0]["id"] == h[0]["id"]
conf = readme.split("\n### Configuration file\n", 1)[1]
example = re.findall(r"```json\n(.*?)```", conf, re.S)[0]
assert '"expect-findings"' in example, "README: the configuration example lost expect-findings"
EOF

# the README's configuration example is a valid configuration
TMPCONF="$tmp/readme-config.json" "$PY" - "$top_srcdir" <<'EOF'
import os, re, sys
readme = open(sys.argv[1] + "/README.md").read()
conf = readme.split("\n### Configuration file\n", 1)[1]
open(os.environ["TMPCONF"], "w").write(re.findall(r"```json\n(.*?)```", conf, re.S)[0])
EOF
mkdir -p "$tmp/empty"
(cd "$tmp/empty" && "$LSCERTLINT" --config="$tmp/readme-config.json" --print-config=x.json) >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] || fail "README configuration example rejected: $(cat "$tmp/err")"

# --- the action's lint step against a sample repository
extract() { # extract PATHS FORMAT FAIL-ON CONFIG BASELINE SARIF: $tmp/step.sh, $tmp/step-env.sh
    "$PY" - "$top_srcdir/action.yml" "$top_builddir" "$@" <<'EOF'
import re, shlex, sys, yaml
path, action_path = sys.argv[1], sys.argv[2]
names = ["paths", "format", "fail-on", "config", "baseline", "sarif-file"]
inputs = dict(zip(names, sys.argv[3:]))
a = yaml.safe_load(open(path))
step = [s for s in a["runs"]["steps"] if s.get("id") == "lint"][0]
def expand(text):
    def one(m):
        expr = m.group(1).strip()
        if expr == "github.action_path":
            return action_path
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr.startswith("steps."):  # no release step: the source build
            return ""
        raise SystemExit("unknown expression " + expr)
    return re.sub(r"\$\{\{(.*?)\}\}", one, text)
assert "${{" not in step["run"], "the run script must take inputs through env"
import os
tmp = os.environ["STEPDIR"]
with open(tmp + "/step.sh", "w") as f:
    f.write(step["run"])
with open(tmp + "/step-env.sh", "w") as f:
    for k, v in step["env"].items():
        f.write("export %s=%s\n" % (k, shlex.quote(expand(str(v)))))
EOF
}
export STEPDIR="$tmp"
repo="$tmp/repo"
mkdir -p "$repo/.git" "$repo/captures/old"
# a hand-written tag key in the reserved prefix (AWS's own namespaces are no finding)
sed 's/aws:cloudformation:stack-name/aws:cloudfxrmation:stack-name/' "$top_srcdir/samples/cli-v2.json" >"$repo/captures/ok.json"
printf '{"certificates": 5}\n' >"$repo/captures/bad.json"
printf '{"certificates": 5}\n' >"$repo/captures/old/skipped.json"
printf '{"exclude": ["captures/old"]}\n' >"$repo/.lscertlint.json"
step() { # step INPUTS...: run the lint step in $repo
    extract "$@" || { fail "extract failed"; return; }
    (cd "$repo" && . "$tmp/step-env.sh" && bash "$tmp/step.sh") >"$tmp/out" 2>"$tmp/err"
    status=$?
}

step "captures" github error "" "" lscertlint.sarif
[ "$status" -eq 1 ] || fail "action: status $status; $(cat "$tmp/err")"
same_text "action: annotations" '::error file=captures/bad.json,line=1,col=18,title=type-mismatch::"certificates" must be an array, found a number "5" (/certificates)
::notice file=captures/ok.json,line=112,col=32,title=tag-key-reserved::certificate "static-example-com": the tag key "aws:cloudfxrmation:stack-name" starts with the prefix "aws:", reserved for tags AWS applies (/certificates/0/certificateDetail/tags/1/key)
::notice file=captures/ok.json,line=124,col=28,title=tag-key-reserved::certificate "static-example-com": the tag key "aws:cloudfxrmation:stack-name" starts with the prefix "aws:", reserved for tags AWS applies (/certificates/0/tags/1/key)
::notice::2 files, 2 documents, 4 certificates: 1 error, 0 warnings, 2 notes' "$tmp/out"
[ -s "$repo/lscertlint.sarif" ] || fail "action: no SARIF file"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["runs"][0]["results"]))' \
    "$repo/lscertlint.sarif" >"$tmp/n" 2>&1
same_text "action: SARIF results" "3" "$tmp/n"

# two operands (a newline between them), text, fail-on never: exit 0
step "captures/ok.json
captures/bad.json" text never "" "" ""
[ "$status" -eq 0 ] || fail "action: fail-on never: status $status"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "action: two operands: $(cat "$tmp/out")"

# config and baseline inputs
printf '{"exclude": "captures/old", "ignore": [{"files": "captures/bad.json"}]}\n' >"$repo/other-config.json"
step "captures" text error other-config.json "" ""
[ "$status" -eq 0 ] || fail "action: config input: status $status; $(cat "$tmp/out")"
has_text "action: config input" "; 1 ignored" "$tmp/err"
(cd "$repo" && "$LSCERTLINT" -q --write-baseline=base.json captures >/dev/null 2>&1)
step "captures" text error "" base.json ""
[ "$status" -eq 0 ] || fail "action: baseline input: status $status"
has_text "action: baseline input" "; 3 unchanged, 0 fixed since the baseline" "$tmp/err"
# a usage error fails the step (exit 2), the SARIF report requested or not
step "captures" text loud "" "" lscertlint.sarif
[ "$status" -eq 2 ] || fail "action: bad fail-on: status $status"

finish
