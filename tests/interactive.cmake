# End-to-end tests of the service-desk verbs: `zice explain` and `zice run`
# (piped stdin, tests/run_check.py; a real terminal under tmux,
# tests/run-tmux.sh). Included by tests/CMakeLists.txt after cli.cmake.
if(NOT TARGET zice_cli)
  return()
endif()

# ---- explain
if(COMMAND zice_cli_test)
  zice_cli_test(explain_help EXIT 0 ARGS explain --help
    PASS "Usage: zice explain RULESET ANSWERS.*--indicator.*--format.*--lang.*--date")
  zice_cli_test(explain_text EXIT 0 ARGS explain ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --date 2026-01-01
    PASS "1\\. 作答（输入）\n.*rd_expense_wan +上年度研发费用 +150 万元\n.*2\\. 计算值\n  rd_ratio  研发费用占营业收入比重 = 3%\n    表达式：revenue_wan gt 0 \\? rd_expense_wan / revenue_wan \\* 100 : 0\n    代入：revenue_wan = 5000，rd_expense_wan = 150\n.*3\\. 指标得分\n.*研发费用占比  rd_ratio_points（创新能力） +15 / 20\n    方法：分档计分；输入 rd_ratio = 3\n    分档：\\[3, 5\\) 3%-5% → 15\n.*4\\. 维度得分\n.*创新能力 = 知识产权 5 \\+ 研发费用占比 15 \\+ 研发人员占比 7 = 27 / 50\n.*总分：创新能力 27 \\+ 成长性 20 \\+ 管理水平 10 = 57 / 100（57%）\n.*5\\. 门槛条件\n  ✓ 具有独立法人资格  legal_person \\[强制\\] 通过\n.*6\\. 等级判定\n  结果：接近评价标准（close）\n  ✗ 符合评价标准  qualified  未达到\n.*不成立：gates.direct or \\(score.total ge 60 and minimums.met\\) → false\n      其中：score.total = 57，minimums.met = true，gates.direct = false\n  ● 接近评价标准  close  达到\n")
  zice_cli_test(explain_indicator_en EXIT 0
    ARGS explain ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --date 2026-01-01 --indicator rd_staff_points --lang en
    PASS "^Innovative SME evaluation \\(demo\\)  innovation-demo 1\\.0\\.0\nAssessment date: 2026-01-01\nExplaining indicator: rd_staff_points\n\n1\\. Answers \\(inputs\\)\n  Question +Label +Answer\n  employees .*\n  rd_staff .*\n\n2\\. Derived values\n  rd_staff_share  R&D staff share = 15%\n.*method: formula; input floor\\(rd_staff_share / 2\\) = 7\n.*4\\. Dimensions\n.*Innovation = .* = 27 / 50\n$"
    FAIL "Gates|Grade|revenue_wan")
  zice_cli_test(explain_json EXIT 0 ARGS explain ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --date 2026-01-01 --format json
    PASS "^{\n  \"ruleset\": {.*\"inputs\": {\n    \"independent_legal_person\": true,.*\"derived\": \\[.*\"expr\": \"rd_staff / employees \\* 100\",\n      \"reads\": {\n        \"employees\": 120,\n        \"rd_staff\": 18\n      }.*\"gates\": \\[.*\"test\": \"independent_legal_person\",.*\"grades\": \\[.*\"failing\": \\[\n        {\n          \"condition\": \"gates.direct or \\(score.total ge 60 and minimums.met\\)\",\n          \"value\": false,\n          \"reads\": {.*\"trace\": {.*}\n}\n$")
  zice_cli_test(explain_indicator_json EXIT 0
    ARGS explain ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --date 2026-01-01 --indicator rd_ratio_points --format json
    PASS "\"inputs\": {\n    \"revenue_wan\": 5000,\n    \"rd_expense_wan\": 150\n  },.*\"indicators\": .\n    {\n      \"id\": \"rd_ratio_points\","
    FAIL "\"gates\"|\"cert_points\"|\"trace\"")
  zice_cli_test(explain_unknown_indicator EXIT 2 ARGS explain ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --indicator nope
    PASS "zice: error: unknown indicator 'nope' \\(indicators: ip_points, rd_ratio_points")
  zice_cli_test(explain_bad_format EXIT 2 ARGS explain ${ZICE_DEMO} ${ZICE_DEMO_ANSWERS} --format html
    PASS "invalid value 'html' for --format")
  zice_cli_test(explain_incomplete EXIT 0 STDIN ${PROJECT_SOURCE_DIR}/tests/data/innovation-demo-problems.answers.json
    ARGS explain ${ZICE_DEMO} - --date 2026-01-01 PASS "答案有误，按未作答")
  # Every shipped example explains without error.
  foreach(pair
      "rulesets/miit-innovative-sme-2022.xml|examples/enterprises/miit-innovative-sme-2022.answers.json"
      "rulesets/miit-zjtx-sme-2026.xml|examples/enterprises/miit-zjtx-sme-2026.answers.json"
      "rulesets/sme-legal-compliance.xml|examples/enterprises/sme-legal-compliance.answers.json"
      "rulesets/sme-quality-maturity.xml|examples/enterprises/sme-quality-maturity.answers.json"
      "rulesets/sme-size-2011.xml|examples/enterprises/sme-size-2011.answers.json"
      "examples/overlays/zjtx-2022-demo-province.xml|examples/overlays/zjtx-2022-demo-province.answers.json")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 ruleset)
    list(GET pair 1 answers)
    get_filename_component(name ${ruleset} NAME_WE)
    zice_cli_test(explain_example_${name} EXIT 0 ARGS explain ${ruleset} ${answers} --date 2026-01-01
      PASS "1\\. 作答（输入）.*2\\. 计算值" FAIL "internal error")
  endforeach()

  zice_cli_test(run_help EXIT 0 ARGS run --help
    PASS "Usage: zice run RULESET.*:back.*--answers.*--lang.*--date")
  zice_cli_test(run_answers_stdin EXIT 2 ARGS run ${ZICE_DEMO} --answers -
    PASS "--answers must name a file")
  zice_cli_test(run_bad_answers_file EXIT 2 ARGS run ${ZICE_DEMO} --answers tests/data/bad-syntax.answers.json
    PASS "zice: error: tests/data/bad-syntax\\.answers\\.json:[0-9]+:[0-9]+: invalid JSON")
endif()

# ---- run: piped stdin
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  foreach(check piped resume review)
    add_test(NAME run.${check}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/run_check.py $<TARGET_FILE:zice_cli>
              ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/run ${check}
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(run.${check} PROPERTIES TIMEOUT 120)
  endforeach()
else()
  message(WARNING "python3 not found: zice run tests not registered")
endif()

# ---- run: a real terminal (tmux); skipped (77) without tmux
add_test(NAME run.tmux
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/run-tmux.sh $<TARGET_FILE:zice_cli> ${PROJECT_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/run-tmux)
set_tests_properties(run.tmux PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
