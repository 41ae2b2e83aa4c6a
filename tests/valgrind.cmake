# valgrind memcheck of the CLI (docs/security.md, "Valgrind"): `zice assess`
# of every shipped ruleset with its example enterprise, and `zice lint` of all
# of them, with no memory errors and no definite or indirect leaks. Labelled
# "valgrind": an ASan/TSan binary cannot run under valgrind, so the sanitizer
# builds skip them (scripts/test --sanitizers).
find_program(ZICE_VALGRIND valgrind)
if(NOT ZICE_VALGRIND)
  message(WARNING "valgrind not found (package valgrind): valgrind tests not registered")
  return()
endif()
file(GLOB _zice_vg_rulesets ${PROJECT_SOURCE_DIR}/rulesets/*.xml)
foreach(xml IN LISTS _zice_vg_rulesets)
  get_filename_component(id ${xml} NAME_WE)
  set(answers ${PROJECT_SOURCE_DIR}/examples/enterprises/${id}.answers.json)
  if(NOT EXISTS ${answers})
    message(WARNING "valgrind: no example answers for ${id} (${answers})")
    continue()
  endif()
  add_test(NAME valgrind_assess_${id}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/valgrind-cli.sh $<TARGET_FILE:zice_cli> --
            assess ${xml} ${answers} --date 2024-06-30)
  set_tests_properties(valgrind_assess_${id} PROPERTIES LABELS "valgrind" TIMEOUT 600)
endforeach()
add_test(NAME valgrind_lint
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/valgrind-cli.sh $<TARGET_FILE:zice_cli> -- lint ${_zice_vg_rulesets})
set_tests_properties(valgrind_lint PROPERTIES LABELS "valgrind" TIMEOUT 600)
