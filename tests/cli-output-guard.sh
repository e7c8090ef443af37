#!/bin/sh
# No report ever replaces a capture. Every output (-o, --report=FMT:FILE,
# --write-baseline, --inventory -o, $GITHUB_STEP_SUMMARY with -f github)
# named on a file that the run also selects (an explicit operand, a walk, a
# glob, the configuration's include) holding a capture: exit 2 naming it,
# its bytes unchanged. Holding one of the program's own files (an earlier
# report of each format, an inventory, a baseline, an empty text report):
# refused as an operand; passed over by a walk, a glob or an include and
# replaced (appended to, for the summary) exactly as a run writing
# elsewhere would write it.
. "$top_builddir/tests/env.sh"
. "$top_srcdir/tests/cli-lib.sh"

# a hand-written aws: tag key: two notes, so every report has findings
cap="$tmp/cap.json"
sed 's/aws:cloudformation:stack-name/aws:cloudfxrmation:stack-name/' "$top_srcdir/samples/cli-v2.json" >"$cap"
other="$top_srcdir/samples/cli-v1.json"

# the program's own earlier outputs, one of each kind
own="$tmp/own"
mkdir "$own"
for f in text json jsonl sarif github junit; do
    "$LSCERTLINT" --no-config -f "$f" -o "$own/$f" "$cap" 2>/dev/null
done
for f in text csv json markdown; do
    "$LSCERTLINT" --no-config --now=2024-06-01T00:00:00Z --inventory="$f" -o "$own/inventory-$f" \
        "$cap" 2>/dev/null
done
"$LSCERTLINT" --no-config --write-baseline="$own/baseline" "$cap" >/dev/null 2>&1
: >"$own/empty"
for f in "$own"/*; do
    case $f in */empty) continue ;; esac
    [ -s "$f" ] || fail "setup: $f is empty"
done

w="$tmp/w"
ref="$tmp/ref"
# setup CONTENT: a fresh repository, captures/t.json holding CONTENT
setup() {
    rm -rf "$w" "$ref"
    mkdir -p "$w/captures" "$ref"
    cp "$other" "$w/captures/a.json"
    cp "$1" "$w/captures/t.json"
    cp "$1" "$tmp/before"
}

# opts OUTPUT TARGET: the options that make the run write TARGET
opts() {
    case $1 in
    o) echo "-o $2" ;;
    report) echo "--report=json:$2" ;;
    baseline) echo "--write-baseline=$2" ;;
    inventory) echo "--inventory=json --now=2024-06-01T00:00:00Z -o $2" ;;
    summary) echo "-f github" ;;
    esac
}

# lint OUTPUT TARGET WAY: run in $w, selecting captures/ the WAY's way
lint() {
    case $3 in
    operand) set -- "$1" "$2" --no-config captures/t.json captures/a.json ;;
    walk) set -- "$1" "$2" --no-config captures ;;
    glob) set -- "$1" "$2" --no-config 'captures/*.json' ;;
    include) set -- "$1" "$2" . ;;
    esac
    out=$1
    target=$2
    shift 2
    [ -n "$extra" ] && set -- "$extra" "$@"
    # shellcheck disable=SC2046 # opts gives words without blanks
    if [ "$out" = summary ]; then
        (cd "$w" && GITHUB_STEP_SUMMARY=$target "$LSCERTLINT" $(opts "$out" "$target") "$@" \
            >"$tmp/out" 2>"$tmp/err" </dev/null)
    else
        (cd "$w" && env -u GITHUB_STEP_SUMMARY "$LSCERTLINT" $(opts "$out" "$target") "$@" \
            >"$tmp/out" 2>"$tmp/err" </dev/null)
    fi
    status=$?
}

extra=
msg_op="lscertlint: the report file is also an input: captures/t.json"
msg_found="$msg_op (a response found by a walk, a glob or an include, not a report or baseline this program wrote)"
cases=0
for out in o report baseline inventory summary; do
    for way in operand walk glob include; do
        for content in "$cap" "$own"/*; do
            what="$out x $way x $(basename "$content")"
            setup "$content"
            [ "$way" = include ] && printf '{"include": ["captures/**"]}\n' >"$w/.lscertlint.json"
            lint "$out" captures/t.json "$way"
            cases=$((cases + 1))
            if [ "$content" = "$cap" ] || [ "$way" = operand ]; then
                [ "$status" -eq 2 ] || fail "$what: exit status $status, expected 2"
                if [ "$way" = operand ]; then
                    same_text "$what: message" "$msg_op" "$tmp/err"
                else
                    same_text "$what: message" "$msg_found" "$tmp/err"
                fi
                empty_file "$what: no report" "$tmp/out"
                cmp -s "$tmp/before" "$w/captures/t.json" || fail "$what: the file was changed"
                continue
            fi
            # an own file: replaced as a run writing elsewhere writes it
            got=$status
            cp "$w/captures/t.json" "$tmp/after"
            cp "$tmp/before" "$w/captures/t.json"
            cp "$tmp/before" "$ref/t.json"
            # (an empty t.json would be a capture of the reference run)
            extra=--exclude=t.json
            lint "$out" "$ref/t.json" "$way"
            extra=
            [ "$got" -eq "$status" ] || fail "$what: exit status $got, expected $status"
            [ "$got" -le 1 ] || fail "$what: exit status $got: $(cat "$tmp/err")"
            cmp -s "$tmp/after" "$ref/t.json" || fail "$what: not the report a run writing elsewhere writes"
            cmp -s "$tmp/before" "$w/captures/t.json" || fail "$what: the reference run changed it"
        done
    done
done
# a summary that cannot be appended to is named, not standard output
GITHUB_STEP_SUMMARY="$tmp/no/such/dir/summary.md" "$LSCERTLINT" --no-config -f github "$cap" \
    >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 3 ] || fail "summary not writable: status $status, expected 3"
same_text "summary not writable: named" "lscertlint: $tmp/no/such/dir/summary.md: No such file or directory
1 file, 1 document, 4 certificates: 0 errors, 0 warnings, 2 notes" "$tmp/err"

[ "$cases" -eq 260 ] || fail "ran $cases cases, expected 260"
finish
