# End-to-end tests of the authoring verbs (zice stats, zice doc) and of deep
# lint through the CLI; included by tests/CMakeLists.txt after cli.cmake,
# whose zice_cli_test() they use.
if(NOT TARGET zice_cli OR NOT COMMAND zice_cli_test)
  return()
endif()

# ---- lint: every fixture of tests/lint reports its code at its line
file(GLOB ZICE_LINT_FIXTURES RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/lint/*.xml)
foreach(fixture ${ZICE_LINT_FIXTURES})
  file(STRINGS ${PROJECT_SOURCE_DIR}/${fixture} expect REGEX "expect: " LIMIT_COUNT 1)
  string(REGEX MATCH "expect: ([a-z-]+) at ([0-9]+)" _ "${expect}")
  get_filename_component(name ${fixture} NAME_WE)
  set(exit 0)
  if(name STREQUAL "points-above-max" OR name STREQUAL "min-unreachable")
    set(exit 1)
  endif()
  zice_cli_test(lint_fixture_${name} EXIT ${exit} ARGS lint --today 2026-06-01 ${fixture}
    PASS "${fixture}:${CMAKE_MATCH_2}:[0-9]+: (warning|error): [^\n]*\\[${CMAKE_MATCH_1}\\]")
endforeach()
zice_cli_test(lint_fixture_werror EXIT 1 ARGS lint --werror --today 2026-06-01 tests/lint/band-gap.xml
  PASS "0 errors, 1 warning")
zice_cli_test(lint_fixture_json EXIT 0 ARGS lint --format json --today 2026-06-01 tests/lint/band-overlap.xml
  PASS "\"line\": 20,.*\"severity\": \"warning\",.*\"code\": \"band-overlap\"")
zice_cli_test(lint_fixture_sarif EXIT 0 ARGS lint --format sarif --today 2026-06-01 tests/lint/grade-shadowed.xml
  PASS "\"version\": \"2.1.0\".*\"ruleId\": \"grade-shadowed\".*\"startLine\": 26")
# An overlay: items the overlay replaced or added are reported in the overlay,
# items inherited unchanged in the base (the chain's files in order).
zice_cli_test(lint_overlay_locations EXIT 0 ARGS lint --today 2026-06-01 tests/lint/overlay/province.xml
  PASS "^tests/lint/overlay/province\\.xml:14:11: warning: [^\n]*\\[band-gap\\]\n.*\n.*\n\
tests/lint/overlay/province\\.xml:19:7: warning: [^\n]*in_cluster[^\n]*\\[unused-question\\]\n.*\n.*\n\
tests/lint/overlay/base\\.xml:9:5: warning: [^\n]*has_website[^\n]*\\[unused-question\\]\n.*\n.*\n\
0 errors, 3 warnings\n$")
zice_cli_test(lint_shipped_no_errors EXIT 0 ARGS lint rulesets/sme-size-2011.xml rulesets/miit-innovative-sme-2022.xml
  rulesets/miit-zjtx-sme-2022.xml rulesets/miit-zjtx-sme-2026.xml rulesets/sme-legal-compliance.xml
  rulesets/sme-quality-maturity.xml examples/innovation-demo.xml PASS "^(.*\n)?0 errors, [0-9]+ warnings?\n$")

# ---- stats
zice_cli_test(stats_text EXIT 0 ARGS stats ${ZICE_DEMO}
  PASS "innovation-demo 1\\.0\\.0.*total +0 – 100.*qualified +reachable.*shortest path: 10 questions")
zice_cli_test(stats_json EXIT 0 ARGS stats ${ZICE_DEMO} --format json
  PASS "\"total\": .\n +\"min\": 0,\n +\"max\": 100,")
zice_cli_test(stats_shadowed EXIT 0 ARGS stats tests/lint/grade-shadowed.xml
  PASS "excellent +NEVER the result: passed always matches first")
zice_cli_test(stats_output_file EXIT 0 ARGS stats ${ZICE_DEMO} -o ${CMAKE_CURRENT_BINARY_DIR}/demo-stats.txt)
zice_cli_test(stats_bad_format EXIT 2 ARGS stats ${ZICE_DEMO} --format xml PASS "invalid value 'xml' for --format")
zice_cli_test(stats_broken_ruleset EXIT 2 ARGS stats tests/data/broken-name.xml
  PASS "broken-name\\.xml:11:32: error")

# ---- doc
zice_cli_test(doc_markdown EXIT 0 ARGS doc ${ZICE_DEMO}
  PASS "^# 创新型中小企业评价（示例）\n.*## 问卷.*## 评分.*## 门槛条件.*## 等级判定.*## 合规检查")
zice_cli_test(doc_html_en EXIT 0 ARGS doc ${ZICE_DEMO} --format html --lang en
  PASS "^<!DOCTYPE html>\n<html lang=\"en\">.*<h2>Questionnaire</h2>.*</html>\n$")
zice_cli_test(doc_bad_format EXIT 2 ARGS doc ${ZICE_DEMO} --format pdf PASS "expected one of: md, html")
zice_cli_test(doc_missing_file EXIT 2 ARGS doc tests/data/no-such-ruleset.xml PASS "zice: error: cannot read")
