#!/bin/sh
# The README agrees with the tree: the packages it says ./quickstart installs
# are quickstart's list; every relative link names a file that exists, and
# every "doc/cli.md §N.M" names a heading of doc/cli.md; the layout table
# names every file of doc/.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
cd "$top_srcdir" || exit 99
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# quickstart's packages=( ... ) against the README's `./quickstart installs` list
qs=$(sed -n '/^packages=(/,/)/p' quickstart | tr -d '()' | sed 's/packages=//' | tr -s ' \n' '\n\n' |
    grep -v '^$' | sort)
rd=$(sed -n '/quickstart` installs what is missing/,/using `sudo`/p' README.md | tr '\n' ' ' |
    cut -d '`' -f 6 | tr -s ' ' '\n' | grep -v '^$' | sort)
[ -n "$qs" ] || fail "no package list in quickstart"
[ "$qs" = "$rd" ] || fail "README's package list is not quickstart's: README: $(echo $rd); quickstart: $(echo $qs)"

# relative links [text](path) and [text](path#anchor)
grep -o '](\([^)]*\))' README.md | sed 's/^](//; s/)$//; s/#.*//' | sort -u | while read -r f; do
    case $f in "" | *://* | mailto:*) continue ;; esac
    [ -e "$f" ] || echo "$f"
done >missing-links.tmp
while read -r f; do fail "README links to $f, which does not exist"; done <missing-links.tmp
rm -f missing-links.tmp

# "doc/cli.md §N" and "doc/cli.md §N.M": a heading of that number exists
grep -o 'doc/cli\.md §[0-9][0-9.]*[0-9]' README.md doc/*.md doc/lscertlint.1 2>/dev/null |
    sed 's/.*§//' | sort -u | while read -r n; do
    grep -q "^#\+ $n[. ]" doc/cli.md || echo "$n"
done >missing-sections.tmp
grep -o 'doc/cli\.md \\(sc[0-9][0-9.]*[0-9]' doc/lscertlint.1 | sed 's/.*(sc//' | sort -u | while read -r n; do
    grep -q "^#\+ $n[. ]" doc/cli.md || echo "$n"
done >>missing-sections.tmp
while read -r n; do fail "a reference to doc/cli.md §$n, which has no such section"; done <missing-sections.tmp
rm -f missing-sections.tmp

# the layout table's doc/ row names every file of doc/ (pictures aside)
row=$(grep '^| `doc/` |' README.md)
[ -n "$row" ] || fail "the layout table has no doc/ row"
for f in doc/*; do
    case $f in *.png | *.svg) continue ;; esac
    b=${f#doc/}
    case $row in *"\`$b\`"*) ;; *) fail "the layout table's doc/ row does not name $b" ;; esac
done

if [ "$failed" -gt 0 ]; then
    echo "$failed check(s) failed"
    exit 1
fi
echo "readme-agrees: all checks passed"
