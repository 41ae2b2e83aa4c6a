#!/usr/bin/env bash
# Runs the zice CLI under valgrind memcheck and fails on any memory error or
# any definite/indirect leak (docs/security.md, "Valgrind").
#   valgrind-cli.sh ZICE -- ARGS...
# The command's own exit status must be 0 as well; valgrind's errors exit 99.
# (No --track-origins: it doubles the run time; add it by hand to find the
# origin of an uninitialised value.)
set -u
zice=$1
shift
[ "${1-}" = "--" ] && shift
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
  --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
  "$zice" "$@" >/dev/null
code=$?
if [ "$code" -eq 99 ]; then
  echo "valgrind-cli: memcheck reported errors or leaks (see above)" >&2
  exit 1
elif [ "$code" -ne 0 ]; then
  echo "valgrind-cli: zice exited with $code" >&2
  exit 1
fi
echo "valgrind-cli: clean: zice $*"
