#!/bin/sh
# The Action's release path against the release folder (LSC_RELEASE_DIR)
# served on 127.0.0.1 by python3 -m http.server: action.yml's steps are
# run as GitHub would (their run scripts with the env the Action sets,
# their if: conditions, GITHUB_OUTPUT and GITHUB_PATH), the build steps
# only noted. Cases: a good download then the lint step, version: latest,
# a checksum mismatch, a missing asset (404), unsupported runners, a bad
# install input, paths left empty. Prints the install step's time.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

rel=${LSC_RELEASE_DIR:-}
[ -n "$rel" ] && [ -f "$rel/SHA256SUMS" ] || {
    echo "action-release: SKIP: LSC_RELEASE_DIR names no make release folder" >&2
    exit 77
}
PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml' 2>/dev/null; then
        PY=$p
        break
    fi
done
[ -n "$PY" ] || { echo "action-release: SKIP: no python3 with PyYAML" >&2; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "action-release: SKIP: no curl" >&2; exit 77; }
version=$(sed -n 's/^VERSION = //p' "$top_builddir/Makefile")
tarball=lscertlint-$version-linux-x86_64.tar.gz

# two served folders: the release, and one whose tarball lost a byte
mkdir -p "$tmp/www/good" "$tmp/www/bad"
cp "$rel"/* "$tmp/www/good/"
cp "$rel"/* "$tmp/www/bad/"
head -c -1 "$rel/$tarball" >"$tmp/www/bad/$tarball"
"$PY" -u -m http.server 0 --bind 127.0.0.1 --directory "$tmp/www" >"$tmp/http.out" 2>"$tmp/http.err" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9]*\).*/\1/p' "$tmp/http.out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { fail "the HTTP server did not start: $(cat "$tmp/http.err")"; finish; }
url=http://127.0.0.1:$port

# the Action's own checkout: its configure.ac, and a source-built program
mkdir -p "$tmp/action"
ln -s "$top_srcdir/configure.ac" "$tmp/action/configure.ac"
ln -s "$LSCERTLINT" "$tmp/action/lscertlint"

# a repository to lint
repo="$tmp/repo"
mkdir -p "$repo/captures"
cp "$top_srcdir/samples/cli-v2.json" "$repo/captures/ok.json"
printf '{"certificates": 5}\n' >"$repo/captures/bad.json"

# job NAME OS ARCH INPUT=VALUE...: run action.yml's steps in $repo; results
# in $tmp/NAME/: steps (one line per step: ID ran STATUS | ID skipped |
# ID noted), ID.out, ID.err, path (GITHUB_PATH)
job() {
    name=$1 os=$2 arch=$3
    shift 3
    mkdir -p "$tmp/$name/temp"
    "$PY" - "$top_srcdir/action.yml" "$tmp/$name" "$repo" "$tmp/action" "v$version" "$os" "$arch" "$@" \
        >"$tmp/$name/driver" 2>&1 <<'PYEOF' || fail "$name: the driver failed: $(cat "$tmp/$name/driver")"
import os, re, subprocess, sys, time, yaml
action, out, repo, action_path, ref, runner_os, runner_arch = sys.argv[1:8]
a = yaml.safe_load(open(action))
inputs = {k: str(v.get("default", "")) for k, v in a["inputs"].items()}
for kv in sys.argv[8:]:
    k, v = kv.split("=", 1)
    assert k in inputs, "no input " + k
    inputs[k] = v
outputs = {}
ctx = {"github.action_ref": ref, "github.action_repository": "lscertlint/lscertlint",
       "github.action_path": action_path, "runner.os": runner_os, "runner.arch": runner_arch,
       "runner.temp": out + "/temp"}
def value(expr):
    expr = expr.strip()
    if expr.startswith("inputs."):
        return inputs[expr[7:]]
    m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
    if m:
        return outputs.get(m.group(1), {}).get(m.group(2), "")
    return ctx[expr]
def expand(text):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: value(m.group(1)), str(text))
def cond(text):
    m = re.fullmatch(r"\s*(\S+)\s*==\s*'([^']*)'\s*", text)
    assert m, "unsupported if: " + text
    return value(m.group(1)) == m.group(2)
path_file = out + "/path"
open(path_file, "w").close()
log = open(out + "/steps", "w")
for step in a["runs"]["steps"]:
    sid = step["id"]
    assert "${{" not in step["run"], sid + ": the run script must take inputs through env"
    if "if" in step and not cond(step["if"]):
        log.write(sid + " skipped\n")
        continue
    if sid in ("deps", "build"):
        # apt-get and a build: not run here, only noted
        log.write(sid + " noted\n")
        continue
    env = dict(os.environ)
    env.update({k: expand(v) for k, v in step.get("env", {}).items()})
    extra = [l.strip() for l in open(path_file) if l.strip()]
    env["PATH"] = ":".join(extra[::-1] + [env["PATH"]])
    env["GITHUB_OUTPUT"] = out + "/" + sid + ".output"
    env["GITHUB_PATH"] = path_file
    open(env["GITHUB_OUTPUT"], "w").close()
    start = time.monotonic()
    with open(out + "/" + sid + ".out", "w") as so, open(out + "/" + sid + ".err", "w") as se:
        rc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                            stdout=so, stderr=se).returncode
    ms = (time.monotonic() - start) * 1000
    outputs[sid] = dict(l.rstrip("\n").split("=", 1) for l in open(env["GITHUB_OUTPUT"]) if "=" in l)
    log.write("%s ran %d\n" % (sid, rc))
    open(out + "/" + sid + ".ms", "w").write("%.0f\n" % ms)
    if rc != 0:
        break
PYEOF
    # the steps on one line: ID ran STATUS;ID skipped;...
    tr '\n' ';' <"$tmp/$name/steps" >"$tmp/$name/line"
    echo >>"$tmp/$name/line"
}


# 1. a good download: installed, on PATH, the lint step uses it
job good Linux X64 paths=captures format=text release-url="$url/good"
same_text "good: steps" "select ran 0;deps skipped;build skipped;release ran 0;lint ran 1;" "$tmp/good/line"
bin="$tmp/good/temp/lscertlint-release/lscertlint-$version-linux-x86_64/lscertlint"
same_text "good: GITHUB_PATH" "$(dirname "$bin")" "$tmp/good/path"
same_text "good: bin output" "bin=$bin" "$tmp/good/release.output"
same_text "good: release step prints the version" "lscertlint $version" "$tmp/good/release.out"
(cd "$repo" && "$LSCERTLINT" -f text --fail-on=error -- captures) >"$tmp/want.out" 2>"$tmp/want.err"
cmp -s "$tmp/good/lint.out" "$tmp/want.out" || fail "good: lint output differs from the build tree's"
cmp -s "$tmp/good/lint.err" "$tmp/want.err" || fail "good: lint stderr differs: $(cat "$tmp/good/lint.err")"
echo "action-release: install step (download, verify, unpack) took $(cat "$tmp/good/release.ms") ms"

# the default version is the Action's tag: with no release-url it names
# the project's GitHub release (checked on the URL, not fetched)
"$PY" - "$top_srcdir/action.yml" <<'PYEOF' >"$tmp/default-url" 2>&1 || fail "default URL: $(cat "$tmp/default-url")"
import sys, yaml
run = [s for s in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"] if s["id"] == "release"][0]["run"]
assert "base=$repo/download/v$version" in run and "https://github.com/${LSC_ACTION_REPOSITORY" in run
PYEOF

# 2. version: latest reads the tarball's name from SHA256SUMS
job latest Linux X64 paths=captures format=text version=latest release-url="$url/good"
same_text "latest: steps" "select ran 0;deps skipped;build skipped;release ran 0;lint ran 1;" "$tmp/latest/line"

# 3. a checksum mismatch: the step fails, nothing unpacked or run
job mismatch Linux X64 paths=captures release-url="$url/bad"
same_text "mismatch: steps" "select ran 0;deps skipped;build skipped;release ran 1;" "$tmp/mismatch/line"
same_text "mismatch: message" "::error title=lscertlint::checksum mismatch: $tarball from $url/bad does not match SHA256SUMS; nothing installed" "$tmp/mismatch/release.err"
[ -s "$tmp/mismatch/path" ] && fail "mismatch: something was put on PATH"
[ -e "$tmp/mismatch/temp/lscertlint-release/lscertlint-$version-linux-x86_64" ] && fail "mismatch: the tarball was unpacked"
[ -s "$tmp/mismatch/release.out" ] && fail "mismatch: the program ran: $(cat "$tmp/mismatch/release.out")"

# 4. a missing asset (404)
job missing Linux X64 paths=captures version=9.9.9 release-url="$url/good"
same_text "404: steps" "select ran 0;deps skipped;build skipped;release ran 1;" "$tmp/missing/line"
same_text "404: message" "curl: (22) The requested URL returned error: 404
::error title=lscertlint::cannot download $url/good/lscertlint-9.9.9-linux-x86_64.tar.gz (version: 9.9.9; install: source builds from the Action's sources instead)" "$tmp/missing/release.err"
[ -s "$tmp/missing/path" ] && fail "404: something was put on PATH"

# 5. unsupported runners: arm64 Linux builds from source, macOS fails
job arm64 Linux ARM64 paths=captures format=text release-url="$url/good"
same_text "arm64: steps" "select ran 0;deps noted;build noted;release skipped;lint ran 1;" "$tmp/arm64/line"
same_text "arm64: notice" "::notice title=lscertlint::no release binary for Linux ARM64: building from source (set install: source to say so)" "$tmp/arm64/select.out"
cmp -s "$tmp/arm64/lint.out" "$tmp/want.out" || fail "arm64: the source-built program's output differs"
job macos macOS ARM64 paths=captures release-url="$url/good"
same_text "macOS: steps" "select ran 1;" "$tmp/macos/line"
same_text "macOS: message" "::error title=lscertlint::install: release needs a Linux x86_64 runner (this one is macOS ARM64), and install: source builds on Linux only: use runs-on: ubuntu-latest" "$tmp/macos/select.err"
job windows Windows X64 paths=captures release-url="$url/good"
same_text "Windows: steps" "select ran 1;" "$tmp/windows/line"
job source Linux X64 paths=captures install=source
same_text "install: source: steps" "select ran 0;deps noted;build noted;release skipped;lint ran 1;" "$tmp/source/line"
job badinstall Linux X64 paths=captures install=binary
same_text "install: binary: message" "::error title=lscertlint::install: 'binary' is neither release nor source" "$tmp/badinstall/select.err"

# 6. paths: required, unless the configuration has an include list
job nopaths Linux X64 release-url="$url/good"
same_text "no paths: steps" "select ran 0;deps skipped;build skipped;release ran 0;lint ran 2;" "$tmp/nopaths/line"
same_text "no paths: message" "::error title=lscertlint::paths: required (files, directories or globs), unless .lscertlint.json has an include list" "$tmp/nopaths/lint.err"
printf '{"include": ["captures/**"]}\n' >"$repo/.lscertlint.json"
job include Linux X64 format=text release-url="$url/good"
rm -f "$repo/.lscertlint.json"
same_text "include: steps" "select ran 0;deps skipped;build skipped;release ran 0;lint ran 1;" "$tmp/include/line"
has_text "include: the walk found captures/bad.json" "captures/bad.json:1:18: error:" "$tmp/include/lint.out"
finish
