# Sanitizer and fuzzing builds (docs/security.md).
#
#   -DZICE_SANITIZE=address,undefined   ASan + UBSan for every target
#   -DZICE_SANITIZE=thread              TSan
#   -DZICE_FUZZ=ON                      libFuzzer targets in fuzz/ (clang only;
#                                       implies address,undefined)
#
# Flags apply to every target of the tree so the library, the CLI and the
# tests are instrumented alike. UBSan findings abort (no recovery) so a test
# that triggers one fails.
set(ZICE_SANITIZE "" CACHE STRING
  "Sanitizers to build with (-fsanitize=...), e.g. address,undefined or thread; empty = none")
option(ZICE_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang)" OFF)

if(ZICE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ZICE_FUZZ needs clang (CXX=clang++-14), not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(NOT ZICE_SANITIZE)
    set(ZICE_SANITIZE address,undefined)
  endif()
  # Coverage instrumentation everywhere; only the fuzz targets link libFuzzer.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(ZICE_SANITIZE)
  message(STATUS "zice: building with -fsanitize=${ZICE_SANITIZE}")
  add_compile_options(-fsanitize=${ZICE_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ZICE_SANITIZE})
  if(ZICE_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
    add_link_options(-fno-sanitize-recover=undefined)
  endif()
endif()
