# Hostile input and atomic output of the zice CLI (issue #8; docs/security.md).
# Each scenario of tests/hostile-cli.sh is one test.
if(NOT TARGET zice_cli)
  return()
endif()
foreach(scenario unreadable-inputs directories-as-files output-dev-full output-missing-directory
                 output-file-too-large output-replaced-atomically limit-option huge-answers hostile-ruleset)
  add_test(NAME hostile_cli.${scenario}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/hostile-cli.sh $<TARGET_FILE:zice_cli> ${scenario}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(hostile_cli.${scenario} PROPERTIES PASS_REGULAR_EXPRESSION "PASS: ${scenario}"
                       FAIL_REGULAR_EXPRESSION "FAIL: " TIMEOUT 60)
endforeach()
