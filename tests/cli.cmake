# End-to-end tests of the zice CLI (build/zice), included by tests/CMakeLists.txt.
# Every test runs from the source tree so that paths in messages are relative.
if(NOT TARGET zice_cli)
  return()
endif()

set(ZICE_EXPECT_EXIT ${CMAKE_CURRENT_SOURCE_DIR}/run-expect-exit.sh)
set(ZICE_DEMO examples/innovation-demo.xml)
set(ZICE_DEMO_ANSWERS examples/innovation-demo.answers.json)

# zice_cli_test(NAME EXIT CODE [STDIN file] [PASS regex] [FAIL regex] ARGS zice-arguments...)
# Checks the exact exit code through run-expect-exit.sh. PASS_REGULAR_EXPRESSION
# alone would make CTest ignore the exit code, so the wrapper's complaint is a
# FAIL_REGULAR_EXPRESSION, which wins over a matching PASS expression.
function(zice_cli_test name)
  cmake_parse_arguments(T "" "EXIT;STDIN;PASS;FAIL" "ARGS" ${ARGN})
  set(cmd bash ${ZICE_EXPECT_EXIT} ${T_EXIT})
  if(T_STDIN)
    list(APPEND cmd --stdin ${T_STDIN})
  endif()
  add_test(NAME cli.${name}
           COMMAND ${cmd} -- $<TARGET_FILE:zice_cli> ${T_ARGS}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set(fail "run-expect-exit: expected exit")
  if(T_FAIL)
    list(APPEND fail "${T_FAIL}")
  endif()
  set_tests_properties(cli.${name} PROPERTIES FAIL_REGULAR_EXPRESSION "${fail}" TIMEOUT 60)
  if(T_PASS)
    set_tests_properties(cli.${name} PROPERTIES PASS_REGULAR_EXPRESSION "${T_PASS}")
  endif()
endfunction()

string(ASCII 27 ESC)

# ---- version and help
zice_cli_test(version EXIT 0 ARGS --version PASS "^zice 0\\.1\\.0\n$")
zice_cli_test(help EXIT 0 ARGS --help
  PASS "Usage: zice VERB.*assess.*validate.*lint.*describe.*test.*Exit codes")
zice_cli_test(help_verb EXIT 0 ARGS help assess
  PASS "Usage: zice assess RULESET ANSWERS.*--format.*--strict.*--date.*--color.*Examples:")
foreach(verb assess validate lint describe test)
  zice_cli_test(help_flag_${verb} EXIT 0 ARGS ${verb} --help PASS "Usage: zice ${verb} .*Options:.*-h \\[ --help \\]")
endforeach()
zice_cli_test(help_short_flag EXIT 0 ARGS lint -h PASS "Usage: zice lint RULESET\\.\\.\\.")

# ---- usage errors: exit 2 with "zice: error: …"
zice_cli_test(no_arguments EXIT 2 PASS "Usage: zice VERB")
zice_cli_test(unknown_verb EXIT 2 ARGS frobnicate PASS "zice: error: unknown verb 'frobnicate'")
zice_cli_test(unknown_top_option EXIT 2 ARGS --bogus PASS "zice: error: unknown option '--bogus'")
zice_cli_test(help_unknown_verb EXIT 2 ARGS help frobnicate PASS "zice: error: unknown verb")
zice_cli_test(unknown_option EXIT 2 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --bogus
  PASS "zice: error: .*--bogus.*Try 'zice assess --help'")
zice_cli_test(abbreviated_option EXIT 2 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --form json
  PASS "zice: error: .*--form")
zice_cli_test(missing_argument EXIT 2 ARGS assess ${ZICE_DEMO} PASS "zice: error: missing argument answers")
zice_cli_test(bad_format EXIT 2 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --format xml
  PASS "zice: error: invalid value 'xml' for --format")
zice_cli_test(bad_color EXIT 2 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --color sometimes
  PASS "zice: error: invalid value 'sometimes' for --color")
zice_cli_test(bad_date EXIT 2 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --date 2026-13-01
  PASS "zice: error: invalid value '2026-13-01' for --date")

# ---- assess
zice_cli_test(assess_text EXIT 0 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --date 2026-01-01
  PASS "^创新型中小企业评价（示例）\n评估日期：2026-01-01\n\n等级：【.*得分：[0-9]+ / 100.*维度得分.*门槛条件.*innovation-demo 1\\.0\\.0 · sha256 [0-9a-f]+ · zice 0\\.1\\.0\n$"
  FAIL "${ESC}")
zice_cli_test(assess_text_en EXIT 0 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --lang en --date 2026-01-01
  PASS "Grade: \\[.*Score: [0-9]+ / 100.*Dimensions")
zice_cli_test(assess_json EXIT 0 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --format json --date 2026-01-01
  PASS "^{\n  \"schema\": \"zice-result/1\",.*\"assessment_date\": \"2026-01-01\",.*\"grade\": {.*}\n$")
zice_cli_test(assess_stdin EXIT 0 STDIN ${PROJECT_SOURCE_DIR}/${ZICE_DEMO_ANSWERS}
  ARGS assess ${ZICE_DEMO} - --format json PASS "\"id\": \"innovation-demo\"")
zice_cli_test(assess_color_always EXIT 0 ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --color always
  PASS "${ESC}\\[")
zice_cli_test(assess_output_file EXIT 0
  ARGS assess ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --format json -o ${CMAKE_CURRENT_BINARY_DIR}/cli-assess-output.json
  FAIL "schema")  # nothing on stdout: it went to the file
zice_cli_test(assess_missing_answers EXIT 2 ARGS assess ${ZICE_DEMO} tests/data/no-such-answers.json
  PASS "zice: error: cannot read tests/data/no-such-answers\\.json")
zice_cli_test(assess_missing_ruleset EXIT 2 ARGS assess tests/data/no-such-ruleset.xml ${ZICE_DEMO_ANSWERS}
  PASS "zice: error: cannot read tests/data/no-such-ruleset\\.xml")
zice_cli_test(assess_bad_json EXIT 2 ARGS assess ${ZICE_DEMO} tests/data/bad-syntax.answers.json
  PASS "zice: error: tests/data/bad-syntax\\.answers\\.json:3:18: invalid JSON")
zice_cli_test(assess_unloadable_ruleset EXIT 2 ARGS assess tests/data/broken-name.xml ${ZICE_DEMO_ANSWERS}
  PASS "broken-name\\.xml:11:32: error: .*zice: error: cannot load ruleset")
zice_cli_test(assess_problems_reported EXIT 0
  ARGS assess ${ZICE_DEMO} tests/data/innovation-demo-problems.answers.json --format json
  PASS "employees: \\[out_of_range\\] .*unknown_key: \\[unknown_question\\] ")
zice_cli_test(assess_strict EXIT 1
  ARGS assess ${ZICE_DEMO} tests/data/innovation-demo-problems.answers.json --strict
  PASS "employees: \\[out_of_range\\] .*zice: error: assessment failed")

# A JSON array is not an answers document.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/cli-array.json "[1, 2]\n")
zice_cli_test(assess_array_answers EXIT 2 STDIN ${CMAKE_CURRENT_BINARY_DIR}/cli-array.json
  ARGS assess ${ZICE_DEMO} - PASS "zice: error: <stdin>: answers must be a JSON object")

# ---- validate
zice_cli_test(validate_ok EXIT 0 ARGS validate ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} PASS "^0 problems, 0 notes\n$")
zice_cli_test(validate_problems EXIT 1 ARGS validate ${ZICE_DEMO} tests/data/innovation-demo-problems.answers.json
  PASS "employees: \\[out_of_range\\] .*2 problems")
zice_cli_test(validate_json EXIT 1
  ARGS validate ${ZICE_DEMO} tests/data/innovation-demo-problems.answers.json --format json
  PASS "\"question\": \"employees\",\n +\"code\": \"out_of_range\"")

# ---- lint: exact file:line:col of each broken fixture
zice_cli_test(lint_xml_syntax EXIT 1 ARGS lint tests/data/broken-syntax.xml
  PASS "tests/data/broken-syntax\\.xml:8:7: error: .*1 error, 0 warnings")
zice_cli_test(lint_unknown_name EXIT 1 ARGS lint tests/data/broken-name.xml
  PASS "tests/data/broken-name\\.xml:11:32: error: .*'rd_staff'.*1 error, 0 warnings")
zice_cli_test(lint_several EXIT 1 ARGS lint tests/data/broken-syntax.xml tests/data/broken-name.xml
  PASS "broken-syntax\\.xml:8:7: error.*broken-name\\.xml:11:32: error.*2 errors")
zice_cli_test(lint_json EXIT 1 ARGS lint tests/data/broken-name.xml --format json
  PASS "\"file\": \"tests/data/broken-name\\.xml\",\n +\"line\": 11,\n +\"column\": 32,\n +\"severity\": \"error\"")
zice_cli_test(lint_sarif EXIT 1 ARGS lint tests/data/broken-name.xml --format sarif
  PASS "\"version\": \"2\\.1\\.0\".*\"startLine\": 11")
# Deep lint: no-basis is reported once (by lint, not by the loader).
zice_cli_test(lint_deep_once EXIT 0 ARGS lint tests/lint/no-basis.xml
  PASS "no-basis\\.xml:16:7: warning: .*\\[no-basis\\].*0 errors, 1 warning\n$"
  FAIL "no-basis\\].*no-basis\\]")
zice_cli_test(lint_werror EXIT 1 ARGS lint --werror tests/lint/no-basis.xml PASS "0 errors, 1 warning")
zice_cli_test(lint_load_only EXIT 0 ARGS lint --load-only tests/lint/band-gap.xml FAIL "band-gap\\]")
zice_cli_test(lint_load_only_no_basis EXIT 0 ARGS lint --load-only tests/lint/no-basis.xml
  PASS "^0 errors, 0 warnings\n$")
zice_cli_test(lint_bad_today EXIT 2 ARGS lint --today tomorrow tests/lint/no-basis.xml
  PASS "invalid value 'tomorrow' for --today")
zice_cli_test(lint_missing_file EXIT 2 ARGS lint tests/data/no-such-ruleset.xml PASS "zice: error: cannot read")
zice_cli_test(lint_demo EXIT 0 ARGS lint ${ZICE_DEMO} PASS "0 errors, [0-9]+ warnings?\n$")

# ---- describe
zice_cli_test(describe EXIT 0 ARGS describe ${ZICE_DEMO} PASS "^{.*\"independent_legal_person\".*}\n$")
zice_cli_test(describe_unloadable EXIT 2 ARGS describe tests/data/broken-syntax.xml PASS "broken-syntax\\.xml:8:7: error")

# ---- test: the runner itself
zice_cli_test(test_reports_mismatches EXIT 1 ARGS test ${ZICE_DEMO} tests/data/innovation-demo-wrong.cases.json
  PASS "FAIL deliberately wrong: the total is not 999\n    total: expected 999, got [0-9]+\n    no_such\\.path: expected 1, got nothing \\(path not found in result\\)\nPASS a case that holds.*\n1 passed, 1 failed\n")
zice_cli_test(test_wrong_ruleset EXIT 2 ARGS test ${ZICE_DEMO} tests/data/innovation-demo-other.cases.json
  PASS "zice: error: tests/data/innovation-demo-other\\.cases\\.json: the case file is for ruleset \"other\", not \"innovation-demo\"")
zice_cli_test(test_bad_json EXIT 2 ARGS test ${ZICE_DEMO} tests/data/bad-syntax.answers.json
  PASS "bad-syntax\\.answers\\.json:3:18: invalid JSON")

# ---- test: every shipped ruleset with its worked cases. Globbed, so a new
# rulesets/<id>.xml with rulesets/tests/<id>.cases.json (or an example with
# examples/<name>.cases.json) is picked up at the next configure. The cases
# must exercise every band, option, gate and check outcome and every grade
# (zice test --coverage, issue #6): a new ruleset ships with full coverage.
file(GLOB zice_shipped_rulesets CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/rulesets/*.xml ${PROJECT_SOURCE_DIR}/examples/*.xml)
foreach(ruleset ${zice_shipped_rulesets})
  get_filename_component(id ${ruleset} NAME_WLE)
  get_filename_component(dir ${ruleset} DIRECTORY)
  if(EXISTS ${dir}/tests/${id}.cases.json)
    set(cases ${dir}/tests/${id}.cases.json)
  elseif(EXISTS ${dir}/${id}.cases.json)
    set(cases ${dir}/${id}.cases.json)
  else()
    continue()
  endif()
  add_test(NAME cli.cases.${id} COMMAND $<TARGET_FILE:zice_cli> test ${ruleset} ${cases} --min-coverage 100
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.cases.${id} PROPERTIES TIMEOUT 300)
endforeach()
# Re-run the glob when a case file appears (the glob above sees only *.xml).
file(GLOB zice_case_files CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/rulesets/tests/*.cases.json ${PROJECT_SOURCE_DIR}/examples/*.cases.json)

# ---- test: coverage summary and JUnit XML report
zice_cli_test(test_coverage_junit EXIT 0 ARGS test ${ZICE_DEMO} examples/innovation-demo.cases.json
  --coverage --junit ${CMAKE_CURRENT_BINARY_DIR}/innovation-demo.junit.xml
  PASS "coverage:\n  indicators .*\n  total +[0-9]+/[0-9]+ \\([0-9.]+%\\)\n$")
zice_cli_test(test_min_coverage_fails EXIT 1 ARGS test ${ZICE_DEMO} examples/innovation-demo.cases.json
  --min-coverage 100.1 PASS "is below --min-coverage 100\\.1\n$")

# ---- diff: the two 专精特新 rulesets with the example corpus
zice_cli_test(diff_zjtx_corpus EXIT 0 ARGS diff rulesets/miit-zjtx-sme-2022.xml rulesets/miit-zjtx-sme-2026.xml
  --corpus examples/corpus/zjtx-enterprises.jsonl
  PASS "Structural changes: .*Impact on 30 records.*grade changed: [0-9]+ of 30")
