#!/usr/bin/env bash
# Hostile-input and atomic-output checks of the zice CLI (issue #8), one
# scenario per call:  hostile-cli.sh ZICE SCENARIO
# Prints "PASS: SCENARIO" at the end; any failed check prints "FAIL: …" and
# exits 1. Runs from the source tree; scratch files live in a fresh temp dir.
set -u
zice=$1
scenario=$2
demo=examples/innovation-demo.xml
answers=examples/innovation-demo.answers.json
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zice-hostile-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $scenario: $*" >&2; exit 1; }
# run EXPECTED_EXIT CMD...: runs CMD, keeps stdout/stderr in $tmp/out, $tmp/err.
run() {
  local want=$1
  shift
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local got=$?
  [ "$got" -eq "$want" ] || fail "expected exit $want, got $got from: $* ($(head -c 400 "$tmp/err"))"
}
err_has() { grep -qE -- "$1" "$tmp/err" || fail "stderr lacks /$1/: $(head -c 400 "$tmp/err")"; }
# Nothing but the expected entries in a directory (no temporary files left).
only_files() {
  local dir=$1
  shift
  local listing
  listing=$(cd "$dir" && ls -A | sort | tr '\n' ' ')
  [ "$listing" = "$*" ] || fail "directory $dir holds '$listing', expected '$*'"
}

case "$scenario" in
  unreadable-inputs)
    run 2 "$zice" assess "$tmp/missing.xml" "$answers"
    err_has "cannot read $tmp/missing.xml: No such file or directory"
    run 2 "$zice" assess "$demo" "$tmp/missing.json"
    err_has "cannot read $tmp/missing.json: No such file or directory"
    run 2 "$zice" validate "$demo" "$tmp/missing.json"
    err_has "cannot read"
    ;;
  directories-as-files)
    mkdir "$tmp/dir.xml" "$tmp/dir.json"
    run 2 "$zice" assess "$tmp/dir.xml" "$answers"
    err_has "cannot read $tmp/dir.xml: it is a directory"
    run 2 "$zice" assess "$demo" "$tmp/dir.json"
    err_has "cannot read $tmp/dir.json: it is a directory"
    run 2 "$zice" assess "$demo" "$answers" -o "$tmp"
    err_has "cannot write $tmp: it is a directory"
    ;;
  output-dev-full)
    # A device is written directly (it cannot be renamed over); a full disk
    # is a clear error and a non-zero exit.
    run 2 "$zice" assess "$demo" "$answers" --format html -o /dev/full
    err_has "cannot write /dev/full: No space left on device"
    run 2 "$zice" describe "$demo" -o /dev/full
    err_has "cannot write /dev/full: No space left on device"
    run 2 "$zice" batch "$demo" examples/batch/innovation-demo.jsonl -o /dev/full
    err_has "cannot write /dev/full: No space left on device"
    # Standard output redirected to the full device (batch buffers it itself):
    # the same clear error, not a silent success.
    "$zice" batch "$demo" examples/batch/innovation-demo.jsonl >/dev/full 2>"$tmp/err" </dev/null
    got=$?
    [ "$got" -eq 2 ] || fail "batch >/dev/full: expected exit 2, got $got ($(head -c 400 "$tmp/err"))"
    err_has "cannot write (the results|to standard output)"
    # /dev/null works like any device.
    run 0 "$zice" assess "$demo" "$answers" -o /dev/null
    ;;
  output-missing-directory)
    run 2 "$zice" assess "$demo" "$answers" -o "$tmp/no/such/dir/report.txt"
    err_has "cannot write $tmp/no/such/dir/report.txt: No such file or directory"
    run 2 "$zice" batch "$demo" examples/batch/innovation-demo.jsonl -o "$tmp/no/out.jsonl"
    err_has "cannot write $tmp/no/out.jsonl"
    only_files "$tmp" "err out "
    ;;
  output-file-too-large)
    # A disk that fills up mid-write, simulated with the file size limit
    # (ulimit -f, SIGXFSZ ignored so write() fails with EFBIG): the previous
    # output survives untouched and no temporary file is left behind.
    mkdir "$tmp/o"
    printf 'previous report\n' >"$tmp/o/report.html"
    ( trap '' XFSZ; ulimit -f 4; exec "$zice" assess "$demo" "$answers" --format html -o "$tmp/o/report.html" ) \
      >"$tmp/out" 2>"$tmp/err"
    code=$?
    [ "$code" -eq 2 ] || fail "expected exit 2, got $code"
    err_has "cannot write $tmp/o/report.html: File too large"
    [ "$(cat "$tmp/o/report.html")" = "previous report" ] || fail "the previous output was modified"
    only_files "$tmp/o" "report.html "
    # Same for batch, which streams its output.
    printf 'previous\n' >"$tmp/o/results.jsonl"
    ( trap '' XFSZ; ulimit -f 4; exec "$zice" batch "$demo" examples/batch/innovation-demo.jsonl --analysis \
        -o "$tmp/o/results.jsonl" ) >"$tmp/out" 2>"$tmp/err"
    code=$?
    [ "$code" -eq 2 ] || fail "batch: expected exit 2, got $code"
    err_has "cannot write $tmp/o/results.jsonl: File too large"
    [ "$(cat "$tmp/o/results.jsonl")" = "previous" ] || fail "batch: the previous output was modified"
    only_files "$tmp/o" "report.html results.jsonl "
    ;;
  output-replaced-atomically)
    mkdir "$tmp/o"
    printf 'old\n' >"$tmp/o/result.json"
    run 0 "$zice" assess "$demo" "$answers" --format json -o "$tmp/o/result.json"
    "$zice" assess "$demo" "$answers" --format json >"$tmp/o.expected" 2>/dev/null
    cmp -s "$tmp/o/result.json" "$tmp/o.expected" || fail "the written file differs from stdout output"
    only_files "$tmp/o" "result.json "
    run 0 "$zice" batch "$demo" examples/batch/innovation-demo.jsonl -o "$tmp/o/results.jsonl"
    [ "$(wc -l <"$tmp/o/results.jsonl")" -ge 1 ] || fail "batch output is empty"
    only_files "$tmp/o" "result.json results.jsonl "
    ;;
  limit-option)
    run 2 "$zice" assess "$demo" "$answers" --limit answers-bytes=10
    err_has "$answers: the answers document is [0-9]+ bytes, more than the limit answers-bytes \\(10 bytes\\)"
    run 2 "$zice" assess "$demo" "$answers" --limit ruleset-elements=10
    err_has "$demo:[0-9]+:[0-9]+: error: the ruleset has more than 10 elements \\(limit ruleset-elements\\)"
    run 1 "$zice" lint "$demo" --limit ruleset-elements=10
    err_has "$demo:[0-9]+:[0-9]+: error: the ruleset has more than 10 elements \\(limit ruleset-elements\\) \\[limit\\]"
    run 2 "$zice" validate "$demo" "$answers" --limit questions=1 --limit answers-depth=4
    err_has "limit questions"
    run 2 "$zice" assess "$demo" "$answers" --limit nonsense=1
    err_has "unknown limit 'nonsense'"
    run 2 "$zice" assess "$demo" "$answers" --limit answers-depth=100000
    err_has "cannot exceed 256"
    run 2 "$zice" assess "$demo" "$answers" --limit answers-bytes
    err_has "expected NAME=N"
    # Raising a limit works: a 3 MiB (over the default 2 MiB) answers file.
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['_pad']=' '*(3<<20); json.dump(d,open(sys.argv[2],'w'))" \
      "$answers" "$tmp/big.json"
    run 2 "$zice" validate "$demo" "$tmp/big.json"
    err_has "limit answers-bytes"
    run 1 "$zice" validate "$demo" "$tmp/big.json" --limit answers-bytes=4194304 --limit answers-string-length=4194304
    grep -q "_pad: \[unknown_question\]" "$tmp/out" "$tmp/err" || fail "raised limits: expected the padding as unknown_question"
    ;;
  huge-answers)
    # 100 MB of answers: refused by size after reading 2 MiB, in well under a second.
    truncate -s 100M "$tmp/huge.json"
    start=$(date +%s%N)
    run 2 "$zice" assess "$demo" "$tmp/huge.json"
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    err_has "more than the limit answers-bytes"
    [ "$ms" -lt 5000 ] || fail "took $ms ms"
    run 2 "$zice" assess "$demo" - --limit answers-bytes=100 <<<'{"a": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"}'
    ;;
  hostile-ruleset)
    printf '<?xml version="1.0"?>\n<!DOCTYPE ruleset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<ruleset id="x" version="1" format="1"><meta><title>&xxe;</title></meta></ruleset>\n' >"$tmp/xxe.xml"
    run 1 "$zice" lint "$tmp/xxe.xml"   # lint: 1 = errors found
    err_has "xxe.xml:2:1: error: a DOCTYPE"
    grep -q "root:" "$tmp/out" "$tmp/err" && fail "external entity was expanded"
    printf '<ruleset id="x" version="1" format="1"><meta><title>\xff</title></meta></ruleset>\n' >"$tmp/bad.xml"
    run 2 "$zice" describe "$tmp/bad.xml"
    err_has "bad.xml:1:53: error: the file is not valid UTF-8"
    ;;
  *)
    fail "unknown scenario"
    ;;
esac
echo "PASS: $scenario"
