// Ruleset documents (include/zice/doc.hpp) and expressions in plain words
// (src/lint/humanize.hpp).
#include <stdexcept>

#include <gtest/gtest.h>

#include "lint/humanize.hpp"
#include "test_support.hpp"
#include "zice/doc.hpp"

namespace zice {
namespace {

using test::must_load;
using test::ruleset_xml;

const std::string kSource = ZICE_SOURCE_DIR;

Ruleset demo() {
  LoadResult r = Ruleset::load_file(kSource + "/examples/innovation-demo.xml");
  if (!r.ruleset) throw std::runtime_error("demo does not load");
  return *r.ruleset;
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(Doc, MarkdownHasEveryPart) {
  std::string md = render_ruleset_doc(demo(), "md");
  EXPECT_TRUE(md.starts_with("# 创新型中小企业评价（示例）\n")) << md.substr(0, 200);
  // Metadata: standard, effective date, confidence, interpretations.
  EXPECT_TRUE(has(md, "| 工信部企业〔2022〕63号 | 优质中小企业梯度培育管理暂行办法 | 工业和信息化部 | 附件1 | 2022 | C 已确认 |"));
  EXPECT_TRUE(has(md, "| 生效期间 | 2022-06-01 起 |"));
  EXPECT_TRUE(has(md, "| 可信度 | U 未确认：教学示例"));
  EXPECT_TRUE(has(md, "* `favourable_band`：分段指标的共用端点计入较优档"));
  // Questionnaire: conditions in words, the section condition, options.
  EXPECT_TRUE(has(md, "## 问卷"));
  EXPECT_TRUE(has(md, "本部分仅在以下条件成立时填写：“上年度营业收入” \\> 0"));
  EXPECT_TRUE(has(md, "| `rd_ledger` | 是否按研发项目设置研发费用辅助账 | 是 / 否 | “上年度研发费用” \\> 0 |"));
  EXPECT_TRUE(has(md, "以上均无（不能与其他选项同选）"));
  EXPECT_TRUE(has(md, "（续：财务数据）"));
  // Scoring tables per dimension with bands and options.
  EXPECT_TRUE(has(md, "### 创新能力 (innovation)\n\n满分 50 分；最低须得 20 分。"));
  EXPECT_TRUE(has(md, "≥ 3% 且 \\< 5%（3%-5%） → 15 分"));
  EXPECT_TRUE(has(md, "Ⅰ类高价值知识产权 → 20 分"));
  EXPECT_TRUE(has(md, "其他选项 → 0 分"));
  EXPECT_TRUE(has(md, "多选累加，封顶 20 分"));
  // Gates, grades, checks with severity and basis.
  EXPECT_TRUE(has(md, "| 有效的高新技术企业 `high_tech` | 直通 | “有效的资质和认证（可多选）”包含“高新技术企业” |"));
  EXPECT_TRUE(has(md, "基本条件全部满足 且 （满足任一直通条件 或 （总分 ≥ 60 且 各维度均达到最低分））"));
  EXPECT_TRUE(has(md, "| 暂不符合评价标准 `not_qualified` | 其他情况 |"));
  EXPECT_TRUE(has(md, "#### 企业年度报告公示 (annual\\_report)"));
  EXPECT_TRUE(has(md, "* **严重程度**：高"));
  EXPECT_TRUE(has(md, "* **依据**：《企业信息公示暂行条例》 第八条（可信度 H）"));
  EXPECT_TRUE(has(md, "当 “上年度研发费用” ≥ 100 时："));
}

TEST(Doc, EnglishHeadingsAndTexts) {
  std::string md = render_ruleset_doc(demo(), "md", "en");
  EXPECT_TRUE(md.starts_with("# Innovative SME evaluation (demo)\n"));
  EXPECT_TRUE(has(md, "## Questionnaire"));
  EXPECT_TRUE(has(md, "## Scoring"));
  EXPECT_TRUE(has(md, "all mandatory gates pass and (a direct route applies or (the total score ≥ 60 and every "
                      "dimension reaches its minimum))"));
  EXPECT_TRUE(has(md, "* **Severity**: high"));
}

TEST(Doc, HtmlIsSelfContainedAndEscaped) {
  Ruleset rs = must_load(ruleset_xml(
      "<question id=\"q\" type=\"choice\"><label>A &lt;script&gt; &amp; \"quotes\"</label><label xml:lang=\"en\">Q</label>"
      "<option value=\"x\"><label>x | y</label><label xml:lang=\"en\">x</label></option></question>",
      "<gates><gate id=\"g\" test=\"q eq 'x'\"><title>门槛 &lt;b&gt;</title><title xml:lang=\"en\">G</title></gate></gates>"));
  std::string html = render_ruleset_doc(rs, "html");
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  EXPECT_TRUE(has(html, "<style>"));
  EXPECT_FALSE(has(html, "<script>"));
  EXPECT_FALSE(has(html, "<link"));
  EXPECT_TRUE(has(html, "A &lt;script&gt; &amp; &quot;quotes&quot;"));
  EXPECT_TRUE(has(html, "门槛 &lt;b&gt;"));
  EXPECT_TRUE(has(html, "“A &lt;script&gt; &amp; &quot;quotes&quot;”为“x | y”"));
  EXPECT_TRUE(html.ends_with("</body>\n</html>\n"));
  // Markdown escapes the pipe inside a table cell.
  std::string md = render_ruleset_doc(rs, "md");
  EXPECT_TRUE(has(md, "单选：x \\| y")) << md;
}

TEST(Doc, UnknownFormat) { EXPECT_THROW(render_ruleset_doc(demo(), "pdf"), std::invalid_argument); }

TEST(Doc, EveryShippedRulesetRenders) {
  for (const char* id : {"sme-size-2011", "miit-innovative-sme-2022", "miit-zjtx-sme-2022", "miit-zjtx-sme-2026",
                         "sme-legal-compliance", "sme-quality-maturity"}) {
    SCOPED_TRACE(id);
    LoadResult r = Ruleset::load_file(kSource + "/rulesets/" + id + ".xml");
    ASSERT_TRUE(r.ruleset);
    std::string md = render_ruleset_doc(*r.ruleset, "md");
    EXPECT_GT(md.size(), 1000u);
    std::string html = render_ruleset_doc(*r.ruleset, "html", "en");
    EXPECT_TRUE(has(html, "</html>"));
  }
}

// ---------------------------------------------------------------- humanizer

class HumanizeTest : public ::testing::Test {
 protected:
  Ruleset rs = must_load(ruleset_xml(
      "<question id=\"revenue\" type=\"number\"><label>营业收入</label><label xml:lang=\"en\">Revenue</label></question>"
      "<question id=\"industry\" type=\"choice\"><label>行业</label><label xml:lang=\"en\">Industry</label>"
      "<option value=\"retail\"><label>零售业</label><label xml:lang=\"en\">Retail</label></option>"
      "<option value=\"wholesale\"><label>批发业</label><label xml:lang=\"en\">Wholesale</label></option>"
      "<option value=\"other\"><label>其他</label><label xml:lang=\"en\">Other</label></option></question>"
      "<question id=\"certs\" type=\"multi-choice\"><label>认证</label><label xml:lang=\"en\">Certifications</label>"
      "<option value=\"iso9001\"><label>ISO 9001</label><label xml:lang=\"en\">ISO 9001</label></option></question>"
      "<question id=\"staff\" type=\"boolean\"><label>有员工</label><label xml:lang=\"en\">Has staff</label></question>",
      "<derived><value id=\"ratio\" expr=\"revenue / 2\"><label>比率</label></value></derived>"));
  analysis::Humanizer zh{rs.model(), "zh-CN"};
  analysis::Humanizer en{rs.model(), "en"};
  std::string z(const char* e) { return zh.text(e).value_or("<none>"); }
  std::string E(const char* e) { return en.text(e).value_or("<none>"); }
};

TEST_F(HumanizeTest, ComparisonsAndNames) {
  EXPECT_EQ(z("revenue ge 3"), "“营业收入” ≥ 3");
  EXPECT_EQ(E("revenue lt 1000"), "“Revenue” < 1000");
  EXPECT_EQ(z("ratio ne 2"), "“比率” ≠ 2");
  EXPECT_EQ(z("industry eq 'retail'"), "“行业”为“零售业”");
  EXPECT_EQ(E("industry ne 'retail'"), "“Industry” is not “Retail”");
  EXPECT_EQ(z("industry in ['retail', 'wholesale', 'other']"), "“行业”为“零售业”、“批发业”或“其他”");
  EXPECT_EQ(z("'iso9001' in certs"), "“认证”包含“ISO 9001”");
  EXPECT_EQ(E("selected(certs, 'iso9001')"), "“Certifications” includes “ISO 9001”");
  EXPECT_EQ(z("not staff"), "“有员工”为否");
  EXPECT_EQ(z("answered(revenue)"), "“营业收入”已作答");
  EXPECT_EQ(z("between(revenue, 1, 5)"), "1 ≤ “营业收入” ≤ 5");
  EXPECT_EQ(z("assessment.date ge date('2024-01-01')"), "评价日期 ≥ 2024-01-01");
}

TEST_F(HumanizeTest, LogicAndArithmetic) {
  EXPECT_EQ(z("staff and revenue gt 0 or industry eq 'other'"), "（“有员工” 且 “营业收入” > 0） 或 “行业”为“其他”");
  EXPECT_EQ(E("staff and (revenue gt 0 or ratio gt 1)"), "“Has staff” and (“Revenue” > 0 or “比率” > 1)");
  EXPECT_EQ(z("(revenue - 100) / 100 * 100 ge 15"), "（“营业收入” − 100） ÷ 100 × 100 ≥ 15");
  EXPECT_EQ(z("revenue - (ratio - 1) gt 0"), "“营业收入” − （“比率” − 1） > 0");
}

TEST_F(HumanizeTest, TooComplexFallsBack) {
  EXPECT_FALSE(zh.text("revenue gt 0 ? ratio : 0").has_value());
  EXPECT_FALSE(zh.text("revenue gt").has_value());
}

}  // namespace
}  // namespace zice
