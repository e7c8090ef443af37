#!/bin/sh
# doc/rules.md must be what tests/rules_doc prints from the registry, up to
# its hand-written "Readings of the spec" section.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_builddir/tests/env.sh"

prog="$top_builddir/tests/rules_doc"
doc="$top_srcdir/doc/rules.md"
if [ ! -x "$prog" ]; then
    echo "rules-doc: $prog not built" >&2
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rules-doc.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

"$prog" >"$tmp/want" || { echo "rules-doc: $prog failed" >&2; exit 99; }
grep -q '^## Readings of the spec$' "$doc" || { echo "rules-doc: $doc has no readings section"; exit 1; }
sed '/^## Readings of the spec$/,$d' "$doc" >"$tmp/got"
# the generated part ends with the last explanation; one blank line separates the readings
printf '\n' >>"$tmp/want"
if ! diff -u "$tmp/want" "$tmp/got"; then
    echo "rules-doc: doc/rules.md is out of date; regenerate the part above" \
        "'## Readings of the spec' with tests/rules_doc" >&2
    exit 1
fi
echo "rules-doc: doc/rules.md matches the registry"
