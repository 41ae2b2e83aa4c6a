// Fixed wording shared by the HTML and Markdown reports, in zh-CN and English.
// Internal to src/report/. The report language follows result.lang: "zh…"
// selects Chinese, anything else English.
#pragma once
#include <string_view>

#include <boost/json/value.hpp>

namespace zice::report_labels {

struct Labels {
  const char* html_lang;  // value of <html lang>
  const char* report;     // document subtitle
  const char* assessment_date;
  const char* ruleset;
  const char* version;
  const char* incomplete;
  const char* disclaimer;

  // grade
  const char* grade;
  const char* maturity;  // heading for staged (maturity ladder) rulesets
  const char* no_grade;
  const char* provisional;
  const char* provisional_note;
  const char* grade_ladder;
  const char* grade_status_reached;
  const char* grade_status_missed;
  const char* grade_status_undecided;
  const char* grade_status_not_evaluated;
  const char* grade_status_passed;
  const char* unknown_value;  // a failing condition whose value is null

  // score
  const char* score;
  const char* score_none;
  const char* points;
  const char* max;
  const char* percent;
  const char* possible_range;

  // dimensions and indicators
  const char* dimensions;
  const char* dimension;
  const char* minimum;
  const char* min_met;
  const char* min_missed;
  const char* not_applicable;
  const char* radar_caption;
  const char* indicators;
  const char* indicator;
  const char* input;
  const char* matched;
  const char* explain;

  // gates
  const char* gates;
  const char* gate;
  const char* gate_kind_mandatory;
  const char* gate_kind_direct;
  const char* status;
  const char* message;
  const char* gate_pass;          // mandatory holds
  const char* gate_fail;          // mandatory fails
  const char* gate_fired;         // direct gate fires
  const char* gate_not_fired;     // direct gate does not fire
  const char* gate_unknown;
  const char* gate_not_applicable;
  const char* basis;

  // compliance and findings
  const char* compliance;
  const char* compliance_rate;
  const char* group;
  const char* passed;
  const char* failed;
  const char* unknown;
  const char* findings;
  const char* no_findings;
  const char* finding;
  const char* remediation;
  const char* evidence;
  const char* severity;
  const char* check;
  const char* severity_critical;
  const char* severity_high;
  const char* severity_medium;
  const char* severity_low;
  const char* severity_info;
  const char* confidence;
  const char* confidence_C;
  const char* confidence_C1;
  const char* confidence_H;
  const char* confidence_M;
  const char* confidence_U;

  // improvement plan
  const char* improvement;
  const char* target;
  const char* reachable;
  const char* unreachable;
  const char* method;
  const char* method_exact;
  const char* method_greedy;
  const char* steps;
  const char* question;
  const char* current;
  const char* target_value;
  const char* gain;
  const char* total_gain;
  const char* advice;
  const char* blocking;
  const char* remediation_list;

  // partial answers
  const char* partial;
  const char* score_range;
  const char* grades_possible;
  const char* decided;
  const char* undecided;
  const char* deciding_questions;

  // other sections
  const char* derived;
  const char* item;
  const char* value;
  const char* data_gaps;
  const char* missing_questions;
  const char* missing_checks;
  const char* missing_indicators;
  const char* missing_gates;
  const char* problems;
  const char* warnings;
  const char* interpretations;
  const char* answers;
  const char* answers_given;
  const char* answers_trace;
  const char* answers_inputs;
  const char* answer;
  const char* yes;
  const char* no;
  const char* none;
  const char* engine;
  const char* sha256;
  const char* colon;  // "：" or ": "
  const char* list_sep;  // "、" or ", "
};

inline constexpr Labels kZh = {
    .html_lang = "zh-CN",
    .report = "自评估报告",
    .assessment_date = "评估日期",
    .ruleset = "规则集",
    .version = "版本",
    .incomplete = "答卷不完整：部分适用问题未作答或答案有问题，结果可能变化。",
    .disclaimer = "本报告依据企业自行填报的信息自动生成，仅供参考，不构成认定结论或法律意见。",
    .grade = "评估结论",
    .maturity = "成熟度等级",
    .no_grade = "未达到任何等级",
    .provisional = "暂定",
    .provisional_note = "部分问题未作答，作答后等级可能变化。",
    .grade_ladder = "等级阶梯",
    .grade_status_reached = "已达到",
    .grade_status_missed = "未达到",
    .grade_status_undecided = "未能判定",
    .grade_status_not_evaluated = "未评估",
    .grade_status_passed = "已通过",
    .unknown_value = "未知",
    .score = "得分",
    .score_none = "本规则集不计分",
    .points = "得分",
    .max = "满分",
    .percent = "得分率",
    .possible_range = "作答完整后可能的得分",
    .dimensions = "维度得分",
    .dimension = "维度",
    .minimum = "最低要求",
    .min_met = "已达最低要求",
    .min_missed = "未达最低要求",
    .not_applicable = "不适用",
    .radar_caption = "各维度得分率（%）",
    .indicators = "指标明细",
    .indicator = "指标",
    .input = "输入",
    .matched = "匹配",
    .explain = "计算说明",
    .gates = "条件核查",
    .gate = "条件",
    .gate_kind_mandatory = "必要条件",
    .gate_kind_direct = "直通条件",
    .status = "状态",
    .message = "说明",
    .gate_pass = "满足",
    .gate_fail = "不满足",
    .gate_fired = "满足",
    .gate_not_fired = "不满足",
    .gate_unknown = "未知",
    .gate_not_applicable = "不适用",
    .basis = "依据",
    .compliance = "合规概况",
    .compliance_rate = "总体合规率",
    .group = "领域",
    .passed = "通过",
    .failed = "未通过",
    .unknown = "未知",
    .findings = "发现项",
    .no_findings = "未发现问题。",
    .finding = "问题描述",
    .remediation = "整改建议",
    .evidence = "证明材料",
    .severity = "严重程度",
    .check = "检查项",
    .severity_critical = "严重",
    .severity_high = "高",
    .severity_medium = "中",
    .severity_low = "低",
    .severity_info = "提示",
    .confidence = "可信度",
    .confidence_C = "已确认",
    .confidence_C1 = "单一来源",
    .confidence_H = "较可靠，未核实",
    .confidence_M = "中等，使用前请核实",
    .confidence_U = "未确认",
    .improvement = "改进计划",
    .target = "目标等级",
    .reachable = "可以达到",
    .unreachable = "仅靠调整评分项无法达到",
    .method = "方法",
    .method_exact = "精确（变动最少）",
    .method_greedy = "逐项（可能不是最少）",
    .steps = "改进步骤",
    .question = "问题",
    .current = "当前",
    .target_value = "目标",
    .gain = "增加分数",
    .total_gain = "合计增加",
    .advice = "建议",
    .blocking = "阻碍因素",
    .remediation_list = "整改清单",
    .partial = "部分作答分析",
    .score_range = "得分区间",
    .grades_possible = "仍可能达到的等级",
    .decided = "结论已确定",
    .undecided = "结论未确定",
    .deciding_questions = "影响结论的问题",
    .derived = "计算值",
    .item = "项目",
    .value = "值",
    .data_gaps = "数据缺口",
    .missing_questions = "未作答的问题",
    .missing_checks = "无法判定的检查项",
    .missing_indicators = "无法计分的指标",
    .missing_gates = "无法判定的条件",
    .problems = "答案问题",
    .warnings = "警告",
    .interpretations = "规则解释",
    .answers = "答案附录",
    .answers_given = "以下为提交的答案。",
    .answers_trace = "以下为评估中使用的答案。",
    .answers_inputs = "结果中只包含计分所用的输入，以下不是完整答卷。",
    .answer = "答案",
    .yes = "是",
    .no = "否",
    .none = "无",
    .engine = "引擎",
    .sha256 = "SHA-256",
    .colon = "：",
    .list_sep = "、",
};

inline constexpr Labels kEn = {
    .html_lang = "en",
    .report = "Self-assessment report",
    .assessment_date = "Assessment date",
    .ruleset = "Ruleset",
    .version = "Version",
    .incomplete = "Incomplete answers: some applicable questions are unanswered or had problems; the result may change.",
    .disclaimer = "Generated automatically from information supplied by the enterprise. For reference only; not a formal "
        "determination or legal advice.",
    .grade = "Result",
    .maturity = "Maturity level",
    .no_grade = "No grade reached",
    .provisional = "Provisional",
    .provisional_note = "Unanswered questions could still change the grade.",
    .grade_ladder = "Grade ladder",
    .grade_status_reached = "Reached",
    .grade_status_missed = "Missed",
    .grade_status_undecided = "Undecided",
    .grade_status_not_evaluated = "Not evaluated",
    .grade_status_passed = "Passed",
    .unknown_value = "unknown",
    .score = "Score",
    .score_none = "This ruleset has no scoring",
    .points = "Points",
    .max = "Max",
    .percent = "Percent",
    .possible_range = "Possible total once complete",
    .dimensions = "Dimensions",
    .dimension = "Dimension",
    .minimum = "Minimum",
    .min_met = "Minimum met",
    .min_missed = "Minimum missed",
    .not_applicable = "Not applicable",
    .radar_caption = "Percent of maximum per dimension",
    .indicators = "Indicators",
    .indicator = "Indicator",
    .input = "Input",
    .matched = "Matched",
    .explain = "Explanation",
    .gates = "Conditions",
    .gate = "Condition",
    .gate_kind_mandatory = "Mandatory",
    .gate_kind_direct = "Direct route",
    .status = "Status",
    .message = "Message",
    .gate_pass = "Met",
    .gate_fail = "Not met",
    .gate_fired = "Met",
    .gate_not_fired = "Not met",
    .gate_unknown = "Unknown",
    .gate_not_applicable = "Not applicable",
    .basis = "Basis",
    .compliance = "Compliance summary",
    .compliance_rate = "Overall compliance",
    .group = "Area",
    .passed = "Passed",
    .failed = "Failed",
    .unknown = "Unknown",
    .findings = "Findings",
    .no_findings = "No findings.",
    .finding = "Finding",
    .remediation = "Remediation",
    .evidence = "Evidence",
    .severity = "Severity",
    .check = "Check",
    .severity_critical = "Critical",
    .severity_high = "High",
    .severity_medium = "Medium",
    .severity_low = "Low",
    .severity_info = "Info",
    .confidence = "Confidence",
    .confidence_C = "confirmed",
    .confidence_C1 = "one source",
    .confidence_H = "high, unverified",
    .confidence_M = "medium, verify before relying",
    .confidence_U = "unconfirmed",
    .improvement = "Improvement plan",
    .target = "Target",
    .reachable = "Reachable",
    .unreachable = "Not reachable by changing scored answers",
    .method = "Method",
    .method_exact = "exact (fewest changes)",
    .method_greedy = "greedy (may not be minimal)",
    .steps = "Steps",
    .question = "Question",
    .current = "Current",
    .target_value = "Target",
    .gain = "Gain",
    .total_gain = "Total gain",
    .advice = "Advice",
    .blocking = "Blocking",
    .remediation_list = "Remediation checklist",
    .partial = "Partial answers",
    .score_range = "Score range",
    .grades_possible = "Grades still possible",
    .decided = "Result decided",
    .undecided = "Result not decided",
    .deciding_questions = "Questions that decide the result",
    .derived = "Derived values",
    .item = "Item",
    .value = "Value",
    .data_gaps = "Data gaps",
    .missing_questions = "Unanswered questions",
    .missing_checks = "Undecided checks",
    .missing_indicators = "Indicators without input",
    .missing_gates = "Undecided conditions",
    .problems = "Answer problems",
    .warnings = "Warnings",
    .interpretations = "Interpretations",
    .answers = "Answers appendix",
    .answers_given = "The answers as submitted.",
    .answers_trace = "The answers used in the assessment.",
    .answers_inputs = "The result holds only the inputs used for scoring; this is not the complete questionnaire.",
    .answer = "Answer",
    .yes = "yes",
    .no = "no",
    .none = "none",
    .engine = "Engine",
    .sha256 = "SHA-256",
    .colon = ": ",
    .list_sep = ", ",
};

/// Chinese labels when `lang` starts with "zh", else English.
inline const Labels& labels_for(std::string_view lang) { return lang.substr(0, 2) == "zh" ? kZh : kEn; }

}  // namespace zice::report_labels
