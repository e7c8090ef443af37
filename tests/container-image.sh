#!/bin/sh
# The container image (Containerfile) built with podman from the release
# folder (LSC_RELEASE_DIR): FROM scratch, the static program, ENTRYPOINT
# ["lscertlint"], WorkingDir /repo, a non-root user. Containers cannot run
# here, so the image's filesystem is exported (podman create + export) and
# its entry point run as a runtime would (chroot, the image's user, PATH
# and working directory): samples/ give the dynamic build's bytes.
. "${top_builddir:-.}/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

rel=${LSC_RELEASE_DIR:-}
[ -n "$rel" ] && [ -f "$rel/SHA256SUMS" ] || {
    echo "container-image: SKIP: LSC_RELEASE_DIR names no make release folder" >&2
    exit 77
}
[ "$(id -u)" -eq 0 ] || { echo "container-image: SKIP: chroot needs root" >&2; exit 77; }
command -v podman >/dev/null 2>&1 || {
    echo "container-image: SKIP: podman not installed (Debian: apt-get install podman)" >&2
    exit 77
}
version=$(sed -n 's/^VERSION = //p' "$top_builddir/Makefile")
bin=lscertlint-$version-linux-$(uname -m)
# a private store: nothing left in the machine's images
P="podman --storage-driver vfs --root $tmp/storage --runroot $tmp/run"
image=localhost/lscertlint-test:$version

mkdir "$tmp/ctx"
cp "$rel/$bin.tar.gz" "$tmp/ctx/"
$P build -q -f "$top_srcdir/Containerfile" --build-arg VERSION="$version" -t "$image" "$tmp/ctx" \
    >"$tmp/build.out" 2>&1 || {
    echo "container-image: SKIP: podman build fails here: $(tail -n 3 "$tmp/build.out")" >&2
    exit 77
}
$P image inspect --format '{{json .Config}}' "$image" >"$tmp/config.json" || fail "podman image inspect"
python3 - "$tmp/config.json" "$bin" >"$tmp/check" 2>&1 <<'PYEOF' || fail "image config: $(cat "$tmp/check")"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["Entrypoint"] == ["lscertlint"], c["Entrypoint"]
assert c["WorkingDir"] == "/repo", c["WorkingDir"]
uid = c["User"].split(":")[0]
assert uid.isdigit() and int(uid) != 0, "user %r" % c["User"]
assert "PATH=/opt/%s" % sys.argv[2] in c["Env"], c["Env"]
PYEOF

id=$($P create "$image" 2>"$tmp/create.err") || { fail "podman create: $(cat "$tmp/create.err")"; finish; }
$P export -o "$tmp/fs.tar" "$id" || fail "podman export"
$P rm "$id" >/dev/null 2>&1
mkdir "$tmp/root"
tar -xf "$tmp/fs.tar" -C "$tmp/root"
# the image holds the release's unpacked tarball and nothing else (no libc)
(cd "$tmp/root" && find . -type f | LC_ALL=C sort | tr "\n" " " && echo) >"$tmp/files"
same_text "image files" "./opt/$bin/LICENSE ./opt/$bin/NEWS ./opt/$bin/README.md ./opt/$bin/lscertlint ./opt/$bin/lscertlint.1 " "$tmp/files"
# the mounted repository (docker run -v "$PWD:/repo")
mkdir -p "$tmp/root/repo"
cp -R "$top_srcdir/samples" "$tmp/root/repo/samples"
mkdir -p "$tmp/dyn"
cp -R "$top_srcdir/samples" "$tmp/dyn/samples"

# entry ARGS...: run the image's entry point as a runtime would
entry() {
    python3 - "$tmp/root" "$tmp/config.json" "$@" <<'PYEOF'
import json, os, sys
root, config, args = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3:]
env = dict(e.split("=", 1) for e in config["Env"])
os.chroot(root)
os.chdir(config["WorkingDir"])
uid, gid = (int(x) for x in config["User"].split(":"))
os.setgroups([])
os.setgid(gid)
os.setuid(uid)
prog = config["Entrypoint"][0]
for d in env["PATH"].split(":"):
    if os.access(os.path.join(d, prog), os.X_OK):
        os.execve(os.path.join(d, prog), config["Entrypoint"] + args, env)
sys.exit("entry point %s not found on PATH %s" % (prog, env["PATH"]))
PYEOF
}
for f in text json jsonl sarif github junit; do
    entry -f "$f" samples >"$tmp/c.out" 2>"$tmp/c.err"
    c=$?
    (cd "$tmp/dyn" && "$LSCERTLINT" -f "$f" samples) >"$tmp/d.out" 2>"$tmp/d.err"
    d=$?
    [ "$c" -eq "$d" ] || fail "-f $f: image status $c, dynamic $d: $(head -c 300 "$tmp/c.err")"
    cmp -s "$tmp/c.out" "$tmp/d.out" || fail "-f $f: image stdout differs"
    cmp -s "$tmp/c.err" "$tmp/d.err" || fail "-f $f: image stderr differs"
done
entry --version >"$tmp/c.out" 2>&1 || fail "image --version"
has_text "image --version" "lscertlint $version" "$tmp/c.out"
finish
