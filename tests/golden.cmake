# Golden result files: `zice assess --format json` of every shipped example must
# match tests/golden/<name>.result.json byte for byte (determinism, and a
# reviewed record of what the engine says). After an intended change, run
# scripts/update-golden and review the diff by reading it.
set(ZICE_GOLDEN_CASES
  "innovation-demo|examples/innovation-demo.xml|examples/innovation-demo.answers.json"
  "zjtx-2022-demo-province|examples/overlays/zjtx-2022-demo-province.xml|examples/overlays/zjtx-2022-demo-province.answers.json")
file(GLOB _zice_rulesets RELATIVE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/rulesets/*.xml)
foreach(_rs ${_zice_rulesets})
  get_filename_component(_id ${_rs} NAME_WE)
  list(APPEND ZICE_GOLDEN_CASES "${_id}|${_rs}|examples/enterprises/${_id}.answers.json")
endforeach()
foreach(_case ${ZICE_GOLDEN_CASES})
  string(REPLACE "|" ";" _parts "${_case}")
  list(GET _parts 0 _name)
  list(GET _parts 1 _ruleset)
  list(GET _parts 2 _answers)
  add_test(NAME golden_${_name}
    COMMAND ${CMAKE_COMMAND} -DZICE=$<TARGET_FILE:zice_cli> -DRULESET=${_ruleset} -DANSWERS=${_answers}
            -DEXPECTED=tests/golden/${_name}.result.json -DOUT_DIR=${CMAKE_CURRENT_BINARY_DIR} -P ${PROJECT_SOURCE_DIR}/tests/compare-golden.cmake
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
