# End-to-end tests of the authoring verbs on an overlay (a ruleset that
# `extends` another): examples/overlays/zjtx-2022-demo-province.xml replaces
# the national 特色化 placeholder of rulesets/miit-zjtx-sme-2022.xml with three
# province indicators. Included by tests/CMakeLists.txt after cli.cmake, whose
# zice_cli_test() they use. (The overlay is also in rulesets_lint_clean.)
if(NOT TARGET zice_cli OR NOT COMMAND zice_cli_test)
  return()
endif()

set(ZICE_OVERLAY examples/overlays/zjtx-2022-demo-province.xml)
set(ZICE_OVERLAY_BASE rulesets/miit-zjtx-sme-2022.xml)

# lint: clean with warnings as errors (on a day after the base expired, which
# the base suppresses with a reason).
zice_cli_test(overlay_lint_werror EXIT 0 ARGS lint --werror --today 2026-06-01 ${ZICE_OVERLAY}
  PASS "^0 errors, 0 warnings\n$")

# stats: the chain, and the 特色化 block made of the province's three
# indicators (8 + 4 + 3 = 15) instead of the national placeholder.
zice_cli_test(overlay_stats EXIT 0 ARGS stats ${ZICE_OVERLAY}
  PASS "^miit-zjtx-sme-2022-demo-province 2022\\.1-demo\\.1 — [^\n]*\nextends miit-zjtx-sme-2022 2022\\.1\n\
.*\n +total +0 – 100 +max\\.total 100\n\
.*\n +distinctiveness +特色化 +0 – 15 +max 15\n\
 +cluster_points +属于本省重点产业集群 +0 – 8 +any value \\(formula\\)\n\
 +chain_role_points +重点产业链配套地位 +0 – 4 +0, 2, 4\n\
 +export_points +出口额占营业收入比重 +0 – 3 +0, 1, 3\n\
 +innovation ")
zice_cli_test(overlay_stats_no_placeholder EXIT 0 ARGS stats ${ZICE_OVERLAY}
  PASS "export_points" FAIL "local_feature_points")
zice_cli_test(overlay_stats_json EXIT 0 ARGS stats ${ZICE_OVERLAY} --format json
  PASS "\"extends\": \\[\n +{\n +\"id\": \"miit-zjtx-sme-2022\",\n +\"version\": \"2022\\.1\"\n +}\n +\\]")

# doc: the overlay's own metadata, the chain, and the province's indicators.
zice_cli_test(overlay_doc_md EXIT 0 ARGS doc --format md ${ZICE_OVERLAY}
  PASS "^# 专精特新中小企业认定（2022年标准，示例省份特色化指标）\n\
.*\\| 规则集编号 \\| `miit-zjtx-sme-2022-demo-province` \\|\n\
.*\\| 扩展自 \\| `miit-zjtx-sme-2022` 2022\\.1 \\|\n\
.*`local_feature`：特色化指标（15分）由示例省份设定为三项\
.*\\| 属于本省重点产业集群 `cluster_points` \\| 公式 \\|[^\n]*\\| 8 \\|\n\
\\| 重点产业链配套地位 `chain_role_points` \\| 按选项[^\n]*链主企业或一级配套 → 4 分[^\n]*\n\
\\| 出口额占营业收入比重 `export_points` \\| 按分档")
zice_cli_test(overlay_doc_no_placeholder EXIT 0 ARGS doc --format md ${ZICE_OVERLAY}
  PASS "chain_role_points" FAIL "local_feature_score|local_feature_points")

# diff base → overlay: what the province removed and added, nothing else.
zice_cli_test(overlay_diff EXIT 0 ARGS diff ${ZICE_OVERLAY_BASE} ${ZICE_OVERLAY}
  PASS "^旧 old: miit-zjtx-sme-2022 2022\\.1 [^\n]*\n新 new: miit-zjtx-sme-2022-demo-province 2022\\.1-demo\\.1 [^\n]*\n\n\
结构变化 Structural changes: 7 added, 2 removed, 0 changed\n\
  - question local_feature_score\n\
  \\+ question in_key_cluster\n\
  \\+ question chain_role\n\
  \\+ question export_wan\n\
  \\+ derived export_ratio\n\
  - indicator local_feature_points\n\
  \\+ indicator cluster_points\n\
  \\+ indicator chain_role_points\n\
  \\+ indicator export_points\n$")
