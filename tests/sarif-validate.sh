#!/bin/sh
# Validates lscertlint's SARIF output with Microsoft's SARIF Multitool, with
# the rules GitHub code scanning applies (--rule-kind "Gh;Sarif"): the
# report over every sample (valid and invalid) must give no error and no
# warning. The multitool comes from npm (@microsoft/sarif-multitool) and is
# kept in a cache outside the tree; the test skips (77) only when npm or the
# package cannot be had.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
LSCERTLINT="$top_builddir/lscertlint"
cache="${LSC_SARIF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lscertlint-sarif}"
tool="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

[ -x "$LSCERTLINT" ] || fail "no $LSCERTLINT (build it first)"
[ "$(uname -s)" = Linux ] || skip "the multitool binary used here is the Linux one"

if [ ! -f "$tool" ]; then
    command -v npm >/dev/null 2>&1 || skip "npm not found"
    mkdir -p "$cache" || skip "cannot create $cache"
    echo "installing @microsoft/sarif-multitool into $cache"
    npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
        @microsoft/sarif-multitool >"$cache/npm-install.log" 2>&1 ||
        { cat "$cache/npm-install.log"; skip "npm install @microsoft/sarif-multitool failed"; }
    [ -f "$tool" ] || skip "the package has no Linux binary"
fi
# npm may not run the package's postinstall (chmod u+x)
[ -x "$tool" ] || chmod u+x "$tool" || skip "cannot make $tool executable"
# the .NET binary needs ICU unless told to do without
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT

work=$(mktemp -d "${TMPDIR:-/tmp}/sarif-validate.XXXXXX") || fail "mktemp"
trap 'rm -rf "$work"' EXIT

# Relative paths, as a CI job runs it from the repository root.
cd "$top_srcdir" || fail "cd $top_srcdir"
ls samples/*.json* >/dev/null 2>&1 || skip "no samples in $top_srcdir/samples"
find samples -type f \( -name '*.json' -o -name '*.jsonl' -o -name '*.ndjson' -o -name input \) |
    LC_ALL=C sort >"$work/inputs"
[ -s "$work/inputs" ] || fail "no sample inputs"

status=0
validate() { # name: check $work/name.sarif
    name=$1
    "$tool" validate "$work/$name.sarif" --rule-kind "Gh;Sarif" --level "Error;Warning" \
        -o "$work/$name.validation.sarif" >"$work/$name.log" 2>&1
    vrc=$?
    grep -q "Analysis completed successfully" "$work/$name.log" ||
        { cat "$work/$name.log"; fail "the multitool did not complete ($vrc) on $name"; }
    if grep -E '\): (error|warning) ' "$work/$name.log"; then
        echo "FAIL: $name: the SARIF report has errors or warnings (above)"
        status=1
    else
        echo "ok: $name: $(grep -c '"ruleId"' "$work/$name.sarif") results, valid"
    fi
}
expect_rc() { # name, actual, allowed...
    name=$1 rc=$2
    shift 2
    for ok in "$@"; do [ "$rc" = "$ok" ] && return 0; done
    cat "$work/$name.err"
    fail "lscertlint -f sarif exited $rc on $name"
}
run() { # name, options... (over every sample)
    name=$1
    shift
    # shellcheck disable=SC2046
    "$LSCERTLINT" -f sarif "$@" $(cat "$work/inputs") >"$work/$name.sarif" 2>"$work/$name.err"
    expect_rc "$name" $? 0 1
    validate "$name"
}

run default
# every opt-in rule on, so rules[] lists all of them
run opt-in --now=2025-01-01T00:00:00Z --expect=details --expect-status=ISSUED \
    --expect-name=example --fail-on=note

# an unreadable input (a tool notification) and a hostile name for standard input
name=unreadable
# (a symlink loop: a missing operand is a usage error, exit 2, no report)
ln -s loop.json "$work/loop.json"
"$LSCERTLINT" -f sarif samples/cli-v2.json "$work/loop.json" \
    >"$work/$name.sarif" 2>"$work/$name.err"
expect_rc "$name" $? 3
validate "$name"
name=hostile
printf '{"certificates":[{"tags":[{"key":"a\\u001b[31m\\n::x","value":""}]}]}\n' |
    "$LSCERTLINT" -f sarif "--stdin-filename=$(printf 'dir/a b\033[31m:%%0A\377.json')" \
        >"$work/$name.sarif" 2>"$work/$name.err"
expect_rc "$name" $? 1
grep -q '"uri":"dir/a%20b%1B%5B31m%3A%250A%FF.json"' "$work/$name.sarif" ||
    { cat "$work/$name.sarif"; fail "$name: the uri is not percent-encoded as expected"; }
validate "$name"

# a baseline (results new, unchanged and absent) and expected findings
# (suppressions of kind inSource) over the flawed wire capture
name=baseline
cp tests/forms/flawed/wire.json "$work/cap.json"
(cd "$work" && "$LSCERTLINT" -q --no-config --write-baseline=base.json cap.json >/dev/null 2>&1)
sed 's/"revokedAt":[^,]*,//; s/cost!center/cost?center/g' tests/forms/flawed/wire.json >"$work/cap.json"
printf '{"expect-findings": [{"files": "cap.json", "rules": ["tag-key-charset"]}]}\n' >"$work/cfg.json"
(cd "$work" && "$LSCERTLINT" -f sarif --config=cfg.json --baseline=base.json cap.json \
    >"$name.sarif" 2>"$name.err")
expect_rc "$name" $? 0 1
for state in new unchanged absent; do
    grep -q "\"baselineState\":\"$state\"" "$work/$name.sarif" || fail "$name: no $state result"
done
grep -q '"suppressions":\[{"kind":"inSource"' "$work/$name.sarif" || fail "$name: no suppression"
validate "$name"

exit $status
