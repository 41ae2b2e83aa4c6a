#!/usr/bin/env bash
# ctest shared_exports_only_c_api: libzice.so exports the C API and nothing else.
# Usage: tests/check-exports.sh path/to/libzice.so [path/to/zice.h]
set -euo pipefail
lib=${1:?usage: check-exports.sh libzice.so [zice.h]}
header=${2:-}

syms=$(nm -D --defined-only "$lib" | awk 'NF >= 3 && $2 != "A" { print $3 }' | sed 's/@.*//' | sort -u)
if [[ -z "$syms" ]]; then
  echo "FAIL: $lib defines no dynamic symbols" >&2
  exit 1
fi
bad=$(grep -v '^zice_' <<<"$syms" || true)
if [[ -n "$bad" ]]; then
  echo "FAIL: $lib exports symbols outside the C API:" >&2
  sed 's/^/  /' <<<"$bad" | head -50 >&2
  exit 1
fi

# Every function declared in zice.h is exported (catches a missing definition).
if [[ -n "$header" ]]; then
  missing=0
  for f in $(grep -oE '\bzice_[a-z0-9_]+\(' "$header" | tr -d '(' | sort -u); do
    if ! grep -qx "$f" <<<"$syms"; then
      echo "FAIL: $f is declared in $(basename "$header") but not exported" >&2
      missing=1
    fi
  done
  [[ $missing == 0 ]] || exit 1
fi
echo "ok: $(wc -l <<<"$syms") symbols, all zice_*"
