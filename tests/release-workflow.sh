#!/bin/sh
# .github/workflows/release.yml cannot run here: check that it runs on a v*
# tag, on ubuntu, the very command .ci/run tests (make release
# RELEASE_DIR=release, which calls scripts/release.sh), and uploads that
# folder as the release's assets.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml' 2>/dev/null; then
        PY=$p
        break
    fi
done
[ -n "$PY" ] || { echo "release-workflow: no python3 with PyYAML (apt-get install python3-yaml)" >&2; exit 77; }

"$PY" - "$top_srcdir" >"$tmp/out" 2>&1 <<'PYEOF' || fail "release.yml: $(cat "$tmp/out")"
import re, sys, yaml
top = sys.argv[1]
wf = yaml.safe_load(open(top + "/.github/workflows/release.yml"))
# PyYAML reads the key on: as True (YAML 1.1)
on = wf.get("on", wf.get(True))
assert on == {"push": {"tags": ["v*"]}}, "trigger %r, expected push of v* tags" % (on,)
assert wf["permissions"]["contents"] == "write", "contents: write is needed to publish"
jobs = list(wf["jobs"].values())
assert len(jobs) == 1, "one job expected"
job = jobs[0]
assert job["runs-on"].startswith("ubuntu"), "runs-on %r" % job["runs-on"]
runs = [s["run"].strip() for s in job["steps"] if "run" in s]
release = [r for r in runs if "make release" in r]
assert len(release) == 1, "one step runs make release: %r" % release
cmd = release[0]
# the command tested here is the one .ci/run runs
ci = open(top + "/.ci/run").read()
assert re.search(r"^\s*" + re.escape(cmd) + r"\b", ci, re.M), ".ci/run does not run %r" % cmd
m = re.fullmatch(r"make release RELEASE_DIR=(\S+)", cmd)
assert m, "unexpected command %r" % cmd
folder = m.group(1)
assert any(re.search(r"^\s*\./quickstart\b", r, re.M) for r in runs), "no ./quickstart before make release"
up = [s for s in job["steps"] if s.get("uses", "").startswith("softprops/action-gh-release@")]
assert len(up) == 1 and up[0]["with"]["files"] == folder + "/*", "the upload is not %s/*" % folder
# make release calls scripts/release.sh with RELEASE_DIR
mk = open(top + "/Makefile.am").read()
assert re.search(r"^release:\n\t.*scripts/release\.sh '\$\(RELEASE_DIR\)'$", mk, re.M), \
    "Makefile.am's release target does not run scripts/release.sh"
# the tag is checked against configure.ac's version before anything is built
assert any("GITHUB_REF_NAME#v" in r and "PACKAGE_VERSION" in r for r in runs), "no tag/version check"
PYEOF
finish
