#!/usr/bin/env bash
# ctest install_and_consume: installs a build tree into a temporary prefix, then
# builds and runs examples/c (CMake and pkg-config) and examples/cpp (CMake)
# against the installed package only.
# Usage: tests/install-consume.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=${1:?usage: install-consume.sh BUILD_DIR SOURCE_DIR}
src=${2:?usage: install-consume.sh BUILD_DIR SOURCE_DIR}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zice-install-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
answers=$src/examples/enterprises/miit-innovative-sme-2022.answers.json
date=2026-11-28
grade_title=符合创新型中小企业评价标准

step() { printf '== %s\n' "$*"; }
expect_grade() {  # FILE WHAT
  if ! grep -q "$grade_title" "$1"; then
    echo "FAIL: $2: output lacks the grade '$grade_title':" >&2
    head -20 "$1" >&2
    exit 1
  fi
  echo "ok: $2"
}

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

step "install into $prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
libdir=$(dirname "$(find "$prefix" -name 'libzice.so.0' -print -quit)")
for f in include/zice/zice.h include/zice/zice.hpp include/zice/catalog.hpp \
         share/zice/rulesets/miit-innovative-sme-2022.xml share/zice/rulesets/schema/zice-ruleset-1.xsd; do
  [[ -e $prefix/$f ]] || { echo "FAIL: $f not installed" >&2; exit 1; }
done
for f in libzice.a libzice.so libzice.so.0 cmake/zice/ziceConfig.cmake pkgconfig/zice.pc; do
  [[ -e $libdir/$f ]] || { echo "FAIL: $libdir/$f not installed" >&2; exit 1; }
done
[[ ! -e $prefix/share/zice/rulesets/tests ]] || { echo "FAIL: ruleset tests installed" >&2; exit 1; }
ruleset=$prefix/share/zice/rulesets/miit-innovative-sme-2022.xml

step "examples/c with find_package(zice COMPONENTS shared)"
cmake -S "$src/examples/c" -B "$tmp/c" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$tmp/c-configure.log"
cmake --build "$tmp/c" >"$tmp/c-build.log"
"$tmp/c/zice-c-example" "$ruleset" "$answers" "$date" >"$tmp/c.out"
expect_grade "$tmp/c.out" "C example (CMake)"
if ldd "$tmp/c/zice-c-example" | grep -q "$build"; then
  echo "FAIL: the C example links the build tree, not the install" >&2
  exit 1
fi

step "examples/c with pkg-config"
if command -v pkg-config >/dev/null; then
  export PKG_CONFIG_PATH=$libdir/pkgconfig
  [[ $(pkg-config --modversion zice) == "$(sed -n 's/^Version: //p' "$libdir/pkgconfig/zice.pc")" ]]
  [[ -d $(pkg-config --variable=rulesetsdir zice) ]] || { echo "FAIL: rulesetsdir" >&2; exit 1; }
  # shellcheck disable=SC2046
  cc -std=c99 -Wall -Werror -o "$tmp/c-pc" "$src/examples/c/main.c" $(pkg-config --cflags --libs zice) \
     -Wl,-rpath,"$(pkg-config --variable=libdir zice)"
  "$tmp/c-pc" "$ruleset" "$answers" "$date" >"$tmp/c-pc.out"
  expect_grade "$tmp/c-pc.out" "C example (pkg-config)"
  cmp "$tmp/c.out" "$tmp/c-pc.out"
else
  echo "skip: pkg-config not installed"
fi

step "examples/cpp with find_package(zice)"
cmake -S "$src/examples/cpp" -B "$tmp/cpp" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$tmp/cpp-configure.log"
cmake --build "$tmp/cpp" >"$tmp/cpp-build.log"
"$tmp/cpp/zice-cpp-example" "$ruleset" "$answers" "$date" >"$tmp/cpp.out"
expect_grade "$tmp/cpp.out" "C++ example (ruleset file)"
grep -q '^grade: qualified$' "$tmp/cpp.out" || { echo "FAIL: C++ example grade line" >&2; exit 1; }
"$tmp/cpp/zice-cpp-example" "$prefix/share/zice/rulesets" "$answers" "$date" >"$tmp/cpp-cat.out"
expect_grade "$tmp/cpp-cat.out" "C++ example (catalog)"

echo "install_and_consume: all passed"
