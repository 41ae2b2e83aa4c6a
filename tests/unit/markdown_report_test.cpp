// Markdown report: escaping, well-formed GFM tables, completeness — on
// hand-written fixtures (tests/data/report-*.json) and on the golden results
// of every shipped example (tests/golden/*.result.json).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "report/result_view.hpp"
#include "zice/report.hpp"

namespace {
namespace json = boost::json;
namespace fs = std::filesystem;
using zice::report_view::md_escape;

json::value load_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << p;
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}
json::value fixture(const std::string& name) {
  return load_json(fs::path(ZICE_SOURCE_DIR) / "tests" / "data" / name);
}
std::vector<fs::path> golden_results() {
  std::vector<fs::path> out;
  fs::path dir = fs::path(ZICE_SOURCE_DIR) / "tests" / "golden";
  if (fs::exists(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().string().ends_with(".result.json")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}
std::string title_of(const json::value& v) {
  const json::object& o = v.as_object();
  for (const char* key : {"title", "label", "id"})
    if (const json::value* f = o.if_contains(key); f && f->is_string() && !f->get_string().empty())
      return std::string(f->get_string());
  return {};
}

// Cell separators in a table line: '|' not escaped by a backslash.
std::size_t pipes(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
      continue;
    }
    if (line[i] == '|') ++n;
  }
  return n;
}

// Every table (a run of lines starting with '|'): at least a header and a
// delimiter row, the delimiter row well-formed, the same number of cells in
// every row, rows starting and ending with '|'. Returns the number of tables.
int expect_tables_well_formed(const std::string& md) {
  std::istringstream in(md);
  std::vector<std::vector<std::string>> tables;
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line.starts_with("|")) {
      if (!in_table) tables.emplace_back();
      tables.back().push_back(line);
      in_table = true;
    } else {
      in_table = false;
    }
  }
  static const std::regex delimiter(R"(^\|( -{3,}:? \|)+$)");
  for (const auto& t : tables) {
    EXPECT_GE(t.size(), 2u) << t[0];
    if (t.size() < 2) continue;
    EXPECT_TRUE(std::regex_match(t[1], delimiter)) << t[1];
    std::size_t cells = pipes(t[0]);
    EXPECT_GE(cells, 3u) << t[0];
    for (const std::string& row : t) {
      EXPECT_EQ(pipes(row), cells) << "row: " << row << "\nheader: " << t[0];
      EXPECT_TRUE(row.ends_with(" |")) << row;
    }
  }
  return static_cast<int>(tables.size());
}

TEST(MarkdownEscape, InlineAndBlockSyntax) {
  EXPECT_EQ(md_escape("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
  EXPECT_EQ(md_escape("a | b"), "a \\| b");
  EXPECT_EQ(md_escape("line1\nline2"), "line1<br>line2");
  EXPECT_EQ(md_escape("# not a heading"), "\\# not a heading");
  EXPECT_EQ(md_escape("- not a list"), "\\- not a list");
  EXPECT_EQ(md_escape("12. not a list"), "12\\. not a list");
  EXPECT_EQ(md_escape("*bold* _em_ `code` [link](x) ~s~ & \\"),
            "\\*bold\\* \\_em\\_ \\`code\\` \\[link\\](x) \\~s\\~ \\& \\\\");
  EXPECT_EQ(md_escape("研发费用占比 3.5%"), "研发费用占比 3.5%");
  EXPECT_EQ(md_escape("2026.1"), "2026.1");
  EXPECT_EQ(md_escape("-5%"), "-5%");
  EXPECT_EQ(md_escape("---"), "\\---");
  EXPECT_EQ(md_escape("#hashtag"), "#hashtag");
}

TEST(MarkdownReport, FullFixture) {
  json::value r = fixture("report-full.json");
  std::string md = zice::render_markdown_report(r);
  EXPECT_TRUE(md.starts_with("# 测试规则集 \\<script\\>alert(\"title\")\\</script\\>\n"));
  // No raw HTML from ruleset text: every '<' is escaped (only <br> is emitted).
  static const std::regex raw_tag(R"((^|[^\\])<(?!br>))");
  EXPECT_FALSE(std::regex_search(md, raw_tag));
  EXPECT_NE(md.find("## 评估结论：**合格 \\<b\\>等级\\</b\\>**（暂定）"), std::string::npos);
  EXPECT_NE(md.find("> 得分 62 分 \\| 达到合格线<br>第二行说明"), std::string::npos);
  EXPECT_NE(md.find("**得分**：**62** / 100（62%） ██████░░░░"), std::string::npos);
  for (const char* key : {"dimensions", "indicators", "gates", "findings", "derived"})
    for (const json::value& item : r.at(key).as_array())
      EXPECT_NE(md.find(md_escape(title_of(item))), std::string::npos) << key << ": " << title_of(item);
  for (const json::value& g : r.at("compliance").at("groups").as_array())
    EXPECT_NE(md.find(md_escape(title_of(g))), std::string::npos);
  // Text bars per dimension: 75% → 8 of 10 blocks, 26.7% → 3.
  EXPECT_NE(md.find("| 30 | 40 | 75% | ████████░░ | ✓ ≥ 20 |"), std::string::npos);
  EXPECT_NE(md.find("| 8 | 30 | 26.7% | ███░░░░░░░ | **✗** ≥ 15 |"), std::string::npos);
  EXPECT_NE(md.find("| 　知识产权 |"), std::string::npos);  // a child dimension is indented
  // Findings by severity, with basis, remediation and evidence.
  std::size_t critical = md.find("### 严重（1）"), high = md.find("### 高（1）"), low = md.find("### 低（1）");
  ASSERT_NE(critical, std::string::npos);
  ASSERT_NE(high, std::string::npos);
  ASSERT_NE(low, std::string::npos);
  EXPECT_LT(critical, high);
  EXPECT_LT(high, low);
  EXPECT_NE(md.find("- 《中华人民共和国消防法》第十三条（2021修正） — *可信度 C（已确认）*"), std::string::npos);
  EXPECT_NE(md.find("- 备案凭证 \\<img src=x\\>"), std::string::npos);
  EXPECT_NE(md.find("未取得消防验收合格 \\| 备案<br>仍投入使用。"), std::string::npos);
  // Gates: the failed mandatory gate in bold.
  EXPECT_NE(md.find("| **✗ 不满足** | **信用良好 \\<script\\>**"), std::string::npos);
  // Improvement plan, checklist, partial answers, answers appendix from the trace.
  EXPECT_NE(md.find("## 改进计划"), std::string::npos);
  EXPECT_NE(md.find("- [ ] **严重** · 消防验收"), std::string::npos);
  EXPECT_NE(md.find("- 得分区间：**62 – 74**"), std::string::npos);
  EXPECT_NE(md.find("| `ip_class` | class2 |"), std::string::npos);
  EXPECT_NE(md.find("`0123456789ab`"), std::string::npos);
  EXPECT_EQ(md.find("0123456789abc"), std::string::npos);
  EXPECT_GE(expect_tables_well_formed(md), 7);
}

TEST(MarkdownReport, MinimalAndStaged) {
  std::string md = zice::render_markdown_report(fixture("report-minimal-en.json"));
  EXPECT_TRUE(md.starts_with("# Minimal \\& \"quoted\" ruleset\n"));
  EXPECT_NE(md.find("## Result: **No grade reached**"), std::string::npos);
  EXPECT_EQ(md.find("## Dimensions"), std::string::npos);
  EXPECT_EQ(md.find("## Findings"), std::string::npos);
  EXPECT_EQ(expect_tables_well_formed(md), 0);
  std::string staged = zice::render_markdown_report(fixture("report-staged.json"));
  EXPECT_NE(staged.find("## 成熟度等级：**第2级**"), std::string::npos);
  EXPECT_NE(staged.find("  - ✗ `mean_level ge 3`"), std::string::npos);
  expect_tables_well_formed(staged);
  EXPECT_NO_THROW(zice::render_markdown_report(json::value()));
}

TEST(MarkdownReport, GivenAnswersAreEscapedInTheAppendix) {
  json::value answers = json::parse(R"({"name": "A | B\nC", "n": 3})");
  std::string md = zice::render_markdown_report(fixture("report-full.json"), &answers);
  EXPECT_NE(md.find("| `name` | A \\| B<br>C |"), std::string::npos);
  EXPECT_NE(md.find("| `n` | 3 |"), std::string::npos);
  expect_tables_well_formed(md);
}

TEST(MarkdownReport, EveryGoldenResult) {
  std::vector<fs::path> files = golden_results();
  ASSERT_FALSE(files.empty());
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.filename().string());
    json::value r = load_json(p);
    std::string md = zice::render_markdown_report(r);
    for (const char* key : {"dimensions", "gates", "findings", "indicators"})
      for (const json::value& item : r.at(key).as_array())
        EXPECT_NE(md.find(md_escape(title_of(item))), std::string::npos) << key << ": " << title_of(item);
    EXPECT_GE(expect_tables_well_formed(md), 1);
    EXPECT_EQ(md, zice::render_markdown_report(r));
  }
}

}  // namespace
