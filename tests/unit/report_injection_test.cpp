// Script and markup injection through ruleset text and answers: every text
// that reaches the HTML and Markdown reports is escaped, so a payload can
// neither add an element, a link or a table column nor start a heading.
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "test_support.hpp"
#include "zice/report.hpp"

using namespace zice;

namespace {

const std::string kDemo = std::string(ZICE_SOURCE_DIR) + "/examples/innovation-demo.xml";

// No braces: finding and message texts are templates with {name} fields.
const std::string kPayload =
    " <zz-inject onload=\"alert(1)\">x</zz-inject> \"><zz-inject src=x onerror=alert(2)> "
    "[zz-click](javascript:alert(3)) ![zz-img](http://evil.example/x.png) | zz-pipe | **zz** `zz` "
    "&lt;zz-entity&gt;\n# zz-heading\n- zz-item\n<!-- zz-comment";

/// The demo ruleset with the payload appended to every human-readable text.
std::string hostile_ruleset() {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_file(kDemo.c_str()));
  const std::vector<std::string> texts = {"title", "label", "help", "description", "message", "finding",
                                          "remediation", "publisher", "interpretation", "option"};
  std::vector<pugi::xml_node> targets;
  for (const pugi::xpath_node& xn : doc.select_nodes("//*")) {
    pugi::xml_node e = xn.node();
    for (const std::string& t : texts)
      if (t == e.name()) targets.push_back(e);
  }
  std::size_t changed = 0;
  for (pugi::xml_node e : targets)
    for (pugi::xml_node c : e.children())
      if (c.type() == pugi::node_pcdata) {
        c.set_value((std::string(c.value()) + kPayload).c_str());
        ++changed;
      }
  EXPECT_GT(changed, 20u);
  std::ostringstream out;
  doc.save(out, "  ");
  return out.str();
}

struct Reports {
  std::string html, md;
};

Reports render() {
  LoadResult r = Ruleset::load_buffer(hostile_ruleset(), "hostile.xml");
  std::string diags;
  for (const Diagnostic& d : r.diagnostics) diags += d.format() + "\n";
  EXPECT_TRUE(r) << diags;
  if (!r) return {};
  boost::json::value answers = boost::json::parse(
      R"({"main_product": "<zz-inject>|[a](javascript:x)# h"})");
  AssessOptions o;
  o.date = "2026-01-01";
  o.trace = true;
  Assessment a = assess(*r.ruleset, answers, o);
  EXPECT_TRUE(a.ok);
  return {render_html_report(a.result, &answers), render_markdown_report(a.result, &answers)};
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

TEST(ReportInjection, HtmlEscapesRulesetTextAndAnswers) {
  Reports r = render();
  // The payload did reach the report, escaped...
  EXPECT_GT(count(r.html, "&lt;zz-inject onload=&quot;alert(1)&quot;&gt;"), 5u);
  EXPECT_GT(count(r.html, "&amp;lt;zz-entity&amp;gt;"), 5u);
  EXPECT_GE(count(r.html, "&lt;zz-inject&gt;|[a](javascript:x)"), 1u) << "the answer is not in the appendix";
  // ...and never as markup.
  EXPECT_EQ(count(r.html, "<zz-inject"), 0u);
  EXPECT_EQ(count(r.html, "<!-- zz-comment"), 0u);
  EXPECT_EQ(count(r.html, "\"><zz"), 0u);
  std::string lower = r.html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(count(lower, "<script"), 0u);
  EXPECT_EQ(count(lower, "href=\"javascript"), 0u);
  EXPECT_EQ(count(lower, "src=\"http://evil"), 0u);
}

/// Occurrences of `needle` not preceded by a backslash.
std::size_t unescaped(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1))
    if (p == 0 || hay[p - 1] != '\\') ++n;
  return n;
}

TEST(ReportInjection, MarkdownNeutralisesHtmlLinksTablesAndBlocks) {
  Reports r = render();
  EXPECT_GT(count(r.md, "zz-inject"), 5u);
  EXPECT_GE(count(r.md, "javascript:x"), 1u) << "the answer is not in the appendix";
  // No raw HTML from the payload: every '<' of it is escaped.
  EXPECT_EQ(unescaped(r.md, "<zz-inject"), 0u);
  EXPECT_EQ(unescaped(r.md, "<!-- zz"), 0u);
  // No link or image: the brackets are escaped.
  EXPECT_EQ(unescaped(r.md, "[zz-click]"), 0u);
  EXPECT_EQ(unescaped(r.md, "](javascript:"), 0u);
  EXPECT_EQ(unescaped(r.md, "[zz-img]"), 0u);
  EXPECT_EQ(unescaped(r.md, "[a]"), 0u);
  // No emphasis or code spans from the payload.
  EXPECT_EQ(unescaped(r.md, "**zz"), 0u);
  EXPECT_EQ(unescaped(r.md, "`zz"), 0u);
  // The payload's own lines never start a heading or a list item.
  std::istringstream lines(r.md);
  std::vector<std::vector<std::string>> tables(1);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_NE(line.rfind("# zz-heading", 0), 0u) << line;
    EXPECT_NE(line.rfind("- zz-item", 0), 0u) << line;
    if (!line.empty() && line[0] == '|')
      tables.back().push_back(line);
    else if (!tables.back().empty())
      tables.emplace_back();
  }
  // Every row of a table has as many unescaped pipes as its header.
  std::size_t checked = 0;
  for (const auto& t : tables) {
    if (t.empty()) continue;
    std::size_t cols = unescaped(t[0], "|");
    for (const std::string& row : t) {
      EXPECT_EQ(unescaped(row, "|"), cols) << row;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10u);
  EXPECT_GT(count(r.md, "\\| zz-pipe \\|"), 0u) << "the pipe payload never reached a table";
}

}  // namespace
