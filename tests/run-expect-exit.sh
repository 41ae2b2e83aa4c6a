#!/usr/bin/env bash
# Runs a command and checks its exit code, for CTest tests that also match the
# output with PASS_REGULAR_EXPRESSION (which makes CTest ignore exit codes).
#   run-expect-exit.sh EXPECTED [--stdin FILE] -- COMMAND [ARGS...]
# Passes the command's output through. On a wrong exit code it prints
# "run-expect-exit: expected exit N, got M" (tests set that as their
# FAIL_REGULAR_EXPRESSION) and exits 1.
set -u
expected=$1
shift
stdin=/dev/null
if [ "${1-}" = "--stdin" ]; then
  stdin=$2
  shift 2
fi
if [ "${1-}" = "--" ]; then shift; fi
"$@" <"$stdin"
code=$?
if [ "$code" -ne "$expected" ]; then
  echo "run-expect-exit: expected exit $expected, got $code" >&2
  exit 1
fi
exit 0
