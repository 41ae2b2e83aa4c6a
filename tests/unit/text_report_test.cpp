// Text report: rendered from hand-written result documents only, so these
// tests pin the layout independently of the engine.
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "report/text_layout.hpp"
#include "util/text_width.hpp"
#include "zice/report.hpp"

namespace {
namespace json = boost::json;
using zice::util::display_width;

json::value fixture(const std::string& name) {
  std::ifstream in(std::string(ZICE_SOURCE_DIR) + "/tests/data/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return json::parse(text);
}

json::value zh_result() { return fixture("report-result-zh.json"); }

json::value en_result() {
  json::value r = zh_result();
  r.as_object()["lang"] = "en";
  return r;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The lines after `heading` up to the next blank line.
std::vector<std::string> section(const std::string& text, const std::string& heading) {
  std::vector<std::string> all = lines(text), out;
  auto it = std::find(all.begin(), all.end(), heading);
  EXPECT_NE(it, all.end()) << "no heading " << heading;
  if (it == all.end()) return out;
  for (++it; it != all.end() && !it->empty(); ++it) out.push_back(*it);
  return out;
}

// Display column at which `needle` starts in `line`.
std::size_t column_of(const std::string& line, const std::string& needle) {
  std::size_t pos = line.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle << " not in: " << line;
  return pos == std::string::npos ? 0 : display_width(line.substr(0, pos));
}

std::size_t pos(const std::string& text, const std::string& needle) {
  std::size_t p = text.find(needle);
  EXPECT_NE(p, std::string::npos) << "missing: " << needle;
  return p;
}

TEST(TextReport, GradeComesFirstWithMessageProvisionalNoteAndMissedConditions) {
  std::string r = zice::render_text_report(zh_result(), false);
  std::vector<std::string> l = lines(r);
  ASSERT_GE(l.size(), 4u);
  EXPECT_EQ(l[0], "报告测试规则集");
  EXPECT_NE(r.find("等级：【接近评价标准】"), std::string::npos);
  EXPECT_LT(pos(r, "等级："), pos(r, "得分："));
  EXPECT_NE(r.find("评价得分 57 分，距 60 分还差 3 分。"), std::string::npos);
  EXPECT_NE(r.find("暂定"), std::string::npos);
  // Both better grades explained; the reached and later ones not.
  EXPECT_NE(r.find("未能判定「优秀企业」"), std::string::npos);
  EXPECT_NE(r.find("? rd_years ge 3（未知）"), std::string::npos);
  EXPECT_NE(r.find("未达到「符合评价标准」"), std::string::npos);
  EXPECT_NE(r.find("✗ score.total ge 60\n"), std::string::npos);
  EXPECT_NE(r.find("✗ minimums.met\n"), std::string::npos);
  EXPECT_EQ(r.find("「暂不符合」"), std::string::npos);
  EXPECT_NE(r.find("得分：57 / 100（57%）"), std::string::npos);
  EXPECT_NE(r.find("答卷不完整"), std::string::npos);
}

TEST(TextReport, DimensionTableStaysAlignedWithChineseTitles) {
  std::string r = zice::render_text_report(zh_result(), false);
  std::vector<std::string> rows = section(r, "维度得分");
  ASSERT_EQ(rows.size(), 5u);  // header + 4 dimensions
  for (const std::string& row : rows) EXPECT_EQ(display_width(row), display_width(rows[0])) << row;
  // Score, bar and minimum columns start at the same display column in every row.
  std::size_t bar = column_of(rows[1], "█");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::size_t first = std::min(rows[i].find("█"), rows[i].find("░"));
    EXPECT_EQ(display_width(rows[i].substr(0, first)), bar) << rows[i];
  }
  EXPECT_EQ(column_of(rows[1], "✗ ≥ 30"), column_of(rows[3], "✓ ≥ 10"));
  EXPECT_EQ(column_of(rows[0], "最低要求") + display_width("最低要求"),  // right-aligned, no trailing blanks
            column_of(rows[1], "✗ ≥ 30") + display_width("✗ ≥ 30"));
  EXPECT_EQ(rows[2].back(), '\x94');  // "—" ends the row
  // The child dimension is indented under its parent; percents have one decimal.
  EXPECT_NE(rows[2].find("    知识产权与标准"), std::string::npos);
  EXPECT_NE(rows[3].find("66.7%"), std::string::npos);
  EXPECT_NE(rows[1].find("█████░░░░░"), std::string::npos);  // 54% → 5 of 10
  EXPECT_NE(rows[4].find("10.5"), std::string::npos);
}

TEST(TextReport, ComplianceGroupsAreAlignedAndCounted) {
  std::string r = zice::render_text_report(zh_result(), false);
  EXPECT_NE(r.find("合规率：62.5%（通过 5，未通过 3，未知 1，不适用 2）"), std::string::npos);
  std::vector<std::string> all = lines(r);
  auto header = std::find_if(all.begin(), all.end(), [](const std::string& l) { return l.find("领域") != std::string::npos; });
  ASSERT_NE(header, all.end());
  std::size_t percent_end = column_of(*header, "合规率") + display_width("合规率");
  for (auto it = header + 1; it != header + 4; ++it) {
    EXPECT_EQ(display_width(*it), display_width(*header)) << *it;
    std::size_t p = it->find('%');
    EXPECT_EQ(display_width(it->substr(0, p + 1)), percent_end) << *it;  // right-aligned
  }
}

TEST(TextReport, IndicatorsAreGroupedUnderTheirDimension) {
  std::string r = zice::render_text_report(zh_result(), false);
  EXPECT_LT(pos(r, "指标明细"), pos(r, "  创新能力\n"));
  EXPECT_LT(pos(r, "  创新能力\n"), pos(r, "研发费用占比"));
  EXPECT_LT(pos(r, "研发费用占比"), pos(r, "  知识产权与标准\n"));
  EXPECT_LT(pos(r, "  知识产权与标准\n"), pos(r, " 5/20  ip_class"));
  EXPECT_NE(r.find("15/20  rd_ratio = 3% ∈ [3, 5) → 15"), std::string::npos);
  // One set of column widths for all groups: points columns end together.
  std::vector<std::string> all = lines(r);
  auto find_line = [&](const std::string& s) {
    return *std::find_if(all.begin(), all.end(), [&](const std::string& l) { return l.find(s) != std::string::npos; });
  };
  std::size_t end = column_of(find_line("研发费用占比"), "15/20") + display_width("15/20");
  EXPECT_EQ(column_of(find_line("出口额"), "不适用") + display_width("不适用"), end);
  EXPECT_EQ(column_of(find_line("ip_class"), "5/20") + display_width("5/20"), end);
  EXPECT_EQ(column_of(find_line("营业收入增长率  "), "20/30") + display_width("20/30"), end);
  EXPECT_EQ(column_of(find_line("rd_ratio = 3%"), "rd_ratio"), column_of(find_line("revenue_growth ="), "revenue_growth"));
}

TEST(TextReport, GatesShowStatusSymbolsAndRelevantMessages) {
  std::string r = zice::render_text_report(zh_result(), false);
  std::vector<std::string> g = section(r, "门槛条件");
  ASSERT_EQ(g.size(), 5u);
  EXPECT_EQ(g[0], "  ✓ 具有独立法人资格");
  EXPECT_EQ(g[1], "  ✗ 近三年无重大违法行为");
  EXPECT_EQ(g[2], "    近三年存在重大安全、质量事故或严重环境违法行为，不能参加评价。");
  EXPECT_EQ(g[3], "  ? 未被列入严重失信主体名单（未能判定）");
  EXPECT_EQ(g[4], "  – ［直通］有效的高新技术企业（不适用）");
}

TEST(TextReport, FindingsAreGroupedBySeverityWorstFirst) {
  std::string r = zice::render_text_report(zh_result(), false);
  std::size_t critical = pos(r, "【严重】"), high = pos(r, "【高】"), medium = pos(r, "【中】"), low = pos(r, "【低】"),
              info = pos(r, "【提示】");
  EXPECT_LT(critical, high);
  EXPECT_LT(high, medium);
  EXPECT_LT(medium, low);
  EXPECT_LT(low, info);
  EXPECT_LT(critical, pos(r, "1. 纳税申报"));
  EXPECT_LT(pos(r, "1. 纳税申报"), high);
  EXPECT_LT(high, pos(r, "2. 书面劳动合同"));
  EXPECT_LT(pos(r, "3. 消防演练"), low);
  EXPECT_LT(pos(r, "4. 危险废物台账"), info);
  EXPECT_LT(info, pos(r, "5. 发票管理提示"));
}

TEST(TextReport, FindingShowsBasisTextRemediationAndEvidence) {
  std::string r = zice::render_text_report(zh_result(), false);
  EXPECT_NE(r.find("依据：《中华人民共和国劳动合同法》第十条（2012修正）；《劳动合同法实施条例》第五条"),
            std::string::npos);
  EXPECT_NE(r.find("依据：《GB 18597-2023》5.1\n"), std::string::npos);
  EXPECT_NE(r.find("整改建议：自用工之日起一个月内与全部劳动者订立书面劳动合同。"), std::string::npos);
  EXPECT_NE(r.find("留存材料：劳动合同文本、员工花名册"), std::string::npos);
  // Nothing is escaped in a terminal report.
  EXPECT_NE(r.find("Keep <invoices> & \"receipts\" for 10 years."), std::string::npos);
  EXPECT_EQ(r.find("&amp;"), std::string::npos);
  EXPECT_EQ(r.find("\\\""), std::string::npos);
}

TEST(TextReport, LongTextsWrapAtHundredColumnsWithHangingIndent) {
  std::string r = zice::render_text_report(zh_result(), false);
  std::vector<std::string> all = lines(r);
  for (const std::string& l : all) EXPECT_LE(display_width(l), 100u) << l;
  auto start = std::find_if(all.begin(), all.end(),
                            [](const std::string& l) { return l.find("存在未与劳动者订立") != std::string::npos; });
  ASSERT_NE(start, all.end());
  std::size_t indent = start->find_first_not_of(' ');
  ASSERT_NE(start + 1, all.end());
  EXPECT_EQ((start + 1)->find_first_not_of(' '), indent) << *(start + 1);
  EXPECT_NE((start + 1)->find("书面劳动合同"), std::string::npos);  // the same paragraph continues
  // Chinese closing punctuation never starts a continuation line.
  for (const std::string& l : all) {
    std::string body = l.substr(std::min(l.find_first_not_of(' '), l.size()));
    EXPECT_NE(body.rfind("，", 0), 0u) << l;
    EXPECT_NE(body.rfind("。", 0), 0u) << l;
  }
}

TEST(TextReport, LaterSectionsAndFooter) {
  std::string r = zice::render_text_report(zh_result(), false);
  EXPECT_LT(pos(r, "计算值"), pos(r, "未作答的问题"));
  EXPECT_LT(pos(r, "未作答的问题"), pos(r, "答卷问题"));
  EXPECT_LT(pos(r, "答卷问题"), pos(r, "警告"));
  EXPECT_LT(pos(r, "警告"), pos(r, "解释说明"));
  std::vector<std::string> derived = section(r, "计算值");
  ASSERT_EQ(derived.size(), 5u);
  EXPECT_EQ(column_of(derived[0], "值"), column_of(derived[1], "3%"));  // value follows the unit-less "%"
  EXPECT_EQ(column_of(derived[1], "3%"), column_of(derived[2], "否"));
  EXPECT_EQ(column_of(derived[2], "否"), column_of(derived[4], "2016-05-18"));
  for (const std::string& row : derived) EXPECT_NE(row.back(), ' ') << "trailing space: " << row;
  EXPECT_NE(derived[3].find("iso9001, gbt29490"), std::string::npos);
  EXPECT_NE(derived[4].find("founded"), std::string::npos);  // no label: the id
  EXPECT_NE(r.find("  rd_years, credit_listed\n"), std::string::npos);
  EXPECT_NE(r.find("  employees: [out_of_range] 从业人员数不能小于 1。\n"), std::string::npos);
  EXPECT_NE(r.find("export_wan: [not_applicable] 该问题不适用，答案已忽略。（已忽略）"), std::string::npos);
  EXPECT_NE(r.find("  - 营业收入增长率：上年营业收入为 0，按 0 计。"), std::string::npos);
  EXPECT_NE(r.find("  [favourable_band] 分段指标的共用端点计入较优档。"), std::string::npos);
  std::vector<std::string> l = lines(r);
  EXPECT_EQ(l.back(), "report-fixture 2.3.0 · sha256 0123456789ab · zice 0.1.0");
}

TEST(TextReport, EnglishLabelsWhenLangIsNotChinese) {
  std::string r = zice::render_text_report(en_result(), false);
  EXPECT_NE(r.find("Grade: [接近评价标准]"), std::string::npos);
  EXPECT_NE(r.find("Score: 57 / 100 (57%)"), std::string::npos);
  EXPECT_NE(r.find("\nDimensions\n"), std::string::npos);
  EXPECT_NE(r.find("\nFindings\n"), std::string::npos);
  EXPECT_LT(pos(r, "[Critical]"), pos(r, "[High]"));
  EXPECT_LT(pos(r, "[High]"), pos(r, "[Medium]"));
  EXPECT_LT(pos(r, "[Low]"), pos(r, "[Info]"));
  EXPECT_NE(r.find("Remediation: "), std::string::npos);
  EXPECT_NE(r.find("Basis: 《中华人民共和国劳动合同法》第十条（2012修正）; "), std::string::npos);
  EXPECT_EQ(r.find("整改建议"), std::string::npos);
  EXPECT_EQ(r.find("维度得分"), std::string::npos);
  std::vector<std::string> rows = section(r, "Dimensions");
  for (const std::string& row : rows) EXPECT_EQ(display_width(row), display_width(rows[0])) << row;
}

TEST(TextReport, ColourOnlyWhenAsked) {
  std::string plain = zice::render_text_report(zh_result(), false);
  std::string coloured = zice::render_text_report(zh_result(), true);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(coloured.find("\x1b[1;7;33m 接近评价标准 \x1b[0m"), std::string::npos);  // provisional badge
  EXPECT_NE(coloured.find("\x1b[1;35m【严重】\x1b[0m"), std::string::npos);
  EXPECT_NE(coloured.find("\x1b[31m【高】\x1b[0m"), std::string::npos);
  EXPECT_NE(coloured.find("\x1b[32m✓\x1b[0m"), std::string::npos);
}

TEST(TextReport, ColourDoesNotDisturbAlignment) {
  std::string coloured = zice::render_text_report(zh_result(), true);
  // Strip SGR sequences; the visible table must be the same as without colour.
  std::string stripped;
  for (std::size_t i = 0; i < coloured.size(); ++i) {
    if (coloured[i] == '\x1b') {
      i = coloured.find('m', i);
      continue;
    }
    stripped += coloured[i];
  }
  json::value r = zh_result();
  EXPECT_EQ(section(stripped, "维度得分"), section(zice::render_text_report(r, false), "维度得分"));
}

TEST(TextReport, AbsentSectionsAreOmitted) {
  json::value r = json::parse(R"({
    "schema": "zice-result/1", "engine": {"name": "zice", "version": "0.1.0"},
    "ruleset": {"id": "bare", "version": "1", "title": "空白", "sha256": "ab"},
    "lang": "zh-CN", "assessment_date": "2026-01-01", "complete": true,
    "grade": null, "grades": [], "score": null, "dimensions": [], "indicators": [], "gates": [],
    "compliance": null, "findings": [], "checks": [], "derived": [],
    "not_applicable": {"questions": [], "indicators": [], "gates": [], "checks": []},
    "missing": {"questions": [], "indicators": [], "gates": [], "checks": []},
    "problems": [], "warnings": [], "interpretations": [], "improvement": null, "partial": null })");
  std::string text = zice::render_text_report(r, false);
  for (const char* absent : {"等级", "得分", "维度得分", "指标明细", "门槛条件", "合规情况", "问题发现", "提升建议",
                             "计算值", "未作答的问题", "答卷问题", "警告", "解释说明", "答卷不完整"})
    EXPECT_EQ(text.find(absent), std::string::npos) << absent << " in:\n" << text;
  EXPECT_EQ(lines(text).front(), "空白");
  EXPECT_EQ(lines(text).back(), "bare 1 · sha256 ab · zice 0.1.0");
}

TEST(TextReport, DeterministicAndTolerantOfOddInput) {
  EXPECT_EQ(zice::render_text_report(zh_result(), true), zice::render_text_report(zh_result(), true));
  EXPECT_EQ(zice::render_text_report(json::value(nullptr), false), "");
  EXPECT_EQ(zice::render_text_report(json::parse("[1,2]"), false), "");
  // Wrong kinds where objects are expected must not throw.
  json::value odd = json::parse(R"({"lang": 5, "grade": "x", "score": [], "dimensions": [1, null],
                                    "findings": [{"severity": "weird", "title": "奇怪"}]})");
  std::string text;
  EXPECT_NO_THROW(text = zice::render_text_report(odd, false));
  EXPECT_NE(text.find("[Info]"), std::string::npos);  // unknown severity listed last
  EXPECT_NE(text.find("奇怪"), std::string::npos);
}

TEST(TextReport, NoGradeReachedIsSaid) {
  json::value r = zh_result();
  r.as_object()["grade"] = nullptr;
  std::string text = zice::render_text_report(r, false);
  EXPECT_NE(text.find("等级：未达到任何等级"), std::string::npos);
}

TEST(TextReport, ImprovementPlanAndPartialScore) {
  json::value r = zh_result();
  r.as_object()["improvement"] = json::parse(R"json({
    "target": {"id": "qualified", "title": "符合评价标准"}, "reachable": true, "method": "exact",
    "steps": [{"indicator": "rd_ratio_points", "title": "研发费用占比", "question": "rd_expense_wan",
               "current": {"points": 10, "answer": 100, "label": "[2, 3)"},
               "target": {"points": 15, "answer": null, "label": null},
               "gain": 5, "advice": "研发费用占比提高到 3% 以上"}],
    "gain": 5, "remediation": []})json");
  r.as_object()["partial"] = json::parse(R"({"score": {"min": 55, "max": 80}, "grades_possible": [], "decided": false,
                                              "deciding_questions": []})");
  std::string text = zice::render_text_report(r, false);
  EXPECT_NE(text.find("  要达到「符合评价标准」：\n  - 研发费用占比：[2, 3) 10 分 → 15 分（+5）\n    研发费用占比提高到 3% 以上\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("作答完整后可能的得分：55 – 80"), std::string::npos);
  r.as_object()["improvement"] = json::parse(R"({"target": {"id": "qualified", "title": "符合评价标准"},
    "reachable": false, "method": "exact", "steps": [], "blocking": ["no_violation"], "gain": 0})");
  text = zice::render_text_report(r, false);
  EXPECT_NE(text.find("调整评分项无法达到「符合评价标准」。"), std::string::npos);
  EXPECT_NE(text.find("阻碍条件：no_violation"), std::string::npos);
}

// ---------------------------------------------------------------- layout helpers

TEST(TextLayout, NumbersPrintWithoutExponentOrNoise) {
  using zice::report::format_number;
  EXPECT_EQ(format_number(json::value(15)), "15");
  EXPECT_EQ(format_number(json::value(15.0)), "15");
  EXPECT_EQ(format_number(json::value(87.5)), "87.5");
  EXPECT_EQ(format_number(json::value(0.333333)), "0.333333");
  EXPECT_EQ(format_number(json::value(1e20)), "100000000000000000000");
  EXPECT_EQ(format_number(json::value(std::uint64_t{18446744073709551615u})), "18446744073709551615");
  EXPECT_EQ(format_number(json::value(-0.0)), "0");
  EXPECT_EQ(format_number(json::value(nullptr)), "—");
}

TEST(TextLayout, WrapBreaksChineseAnywhereButKeepsLatinWords) {
  using zice::report::wrap;
  std::string zh = wrap("一二三四五六七八九十", 0, 2, 10);
  EXPECT_EQ(zh, "一二三四五\n  六七八九\n  十");
  std::string en = wrap("alpha beta gamma delta", 0, 0, 11);
  EXPECT_EQ(en, "alpha beta\ngamma delta");
  EXPECT_EQ(wrap("短", 5, 5, 100), "短");
  // Closing punctuation stays with the character before it.
  EXPECT_EQ(wrap("一二三四，五六", 0, 0, 8), "一二三\n四，五六");
  // A word longer than a line is split rather than overflowing.
  for (const std::string& l : lines(wrap(std::string(30, 'x'), 0, 0, 12))) EXPECT_LE(l.size(), 12u);
  EXPECT_EQ(wrap("a\nb", 0, 3, 100), "a\n   b");
}

}  // namespace
