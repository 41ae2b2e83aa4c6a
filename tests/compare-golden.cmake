# cmake -DZICE=… -DRULESET=… -DANSWERS=… -DEXPECTED=… -P compare-golden.cmake
# Paths are relative to the source tree so results do not depend on the build dir.
execute_process(COMMAND ${ZICE} assess ${RULESET} ${ANSWERS} --format json --date 2026-06-30
  OUTPUT_VARIABLE actual RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "zice assess failed (${rc}): ${err}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  string(RANDOM LENGTH 8 tag)
  set(out "${OUT_DIR}/golden-actual-${tag}.json")
  file(WRITE ${out} "${actual}")
  message(FATAL_ERROR "result differs from ${EXPECTED}; actual output written to ${out}\n"
                      "compare: diff ${EXPECTED} ${out}\nIf the change is intended: scripts/update-golden")
endif()
