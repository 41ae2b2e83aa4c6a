// HTML report: escaping, completeness against the result document, the radar
// chart, self-containment (no external resources) and determinism — on
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
using zice::report_view::html_escape;

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

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
std::string title_of(const json::value& v) {
  const json::object& o = v.as_object();
  for (const char* key : {"title", "label", "id"})
    if (const json::value* f = o.if_contains(key); f && f->is_string() && !f->get_string().empty())
      return std::string(f->get_string());
  return {};
}

// The points of the radar's value polygon, or -1 when there is none.
int radar_points(const std::string& html) {
  std::smatch m;
  static const std::regex re("<polygon class=\"radar-value\" points=\"([^\"]*)\"");
  if (!std::regex_search(html, m, re)) return -1;
  std::istringstream pts(m[1].str());
  std::string p;
  int n = 0;
  while (pts >> p) {
    EXPECT_NE(p.find(','), std::string::npos) << p;
    ++n;
  }
  return n;
}

// Every tag (the text between '<' and '>') and the style sheet must be free
// of URLs and of anything that loads a resource: the file must work offline.
// Text may mention a URL (a legal basis's address), escaped.
void expect_self_contained(const std::string& html) {
  std::string l = lower(html);
  for (const char* bad : {"<script", "<link", "<img", "<iframe", "<object", "<embed", "<base", "<meta http-equiv"})
    EXPECT_EQ(l.find(bad), std::string::npos) << "found " << bad;
  std::size_t style = l.find("<style>"), style_end = l.find("</style>");
  ASSERT_NE(style, std::string::npos);
  ASSERT_NE(style_end, std::string::npos);
  std::string css = l.substr(style, style_end - style);
  for (const char* bad : {"@import", "url(", "http:", "https:", "//"}) EXPECT_EQ(css.find(bad), std::string::npos) << bad;
  for (std::size_t open = l.find('<'); open != std::string::npos; open = l.find('<', open + 1)) {
    std::size_t close = l.find('>', open);
    ASSERT_NE(close, std::string::npos);
    std::string tag = l.substr(open, close - open);
    for (const char* bad : {"http:", "https:", "src=", "href=", "url(", "//"})
      EXPECT_EQ(tag.find(bad), std::string::npos) << tag;
  }
}

// Top-level dimensions that apply: the radar's axes.
int radar_axes(const json::value& result) {
  int n = 0;
  for (const json::value& d : result.at("dimensions").as_array())
    if (d.at("parent").is_null() && !(d.at("applicable").is_bool() && !d.at("applicable").get_bool())) ++n;
  return n;
}

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html_escape("<script>alert(\"x\")</script>"), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("O'Brien & Co"), "O&#39;Brien &amp; Co");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("创新能力 ≥ 60%"), "创新能力 ≥ 60%");
  EXPECT_EQ(html_escape("a\"b'c<d>e&f"), "a&quot;b&#39;c&lt;d&gt;e&amp;f");
}

TEST(HtmlReport, FullFixtureHasEverySectionAndItem) {
  json::value r = fixture("report-full.json");
  std::string html = zice::render_html_report(r);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
  EXPECT_TRUE(html.ends_with("</html>\n"));

  EXPECT_NE(html.find(html_escape(r.at("ruleset").at("title").as_string().c_str())), std::string::npos);
  EXPECT_NE(html.find(html_escape(r.at("grade").at("title").as_string().c_str())), std::string::npos);
  EXPECT_NE(html.find(html_escape(r.at("grade").at("message").as_string().c_str())), std::string::npos);
  EXPECT_NE(html.find("暂定"), std::string::npos);
  EXPECT_NE(html.find("badge tone-fair provisional"), std::string::npos);
  for (const char* key : {"dimensions", "indicators", "gates", "findings", "derived", "interpretations"})
    for (const json::value& item : r.at(key).as_array()) {
      std::string text = key == std::string("interpretations") ? std::string(item.at("text").as_string())
                                                               : title_of(item);
      EXPECT_NE(html.find(html_escape(text)), std::string::npos) << key << ": " << text;
    }
  for (const json::value& g : r.at("compliance").at("groups").as_array())
    EXPECT_NE(html.find(html_escape(title_of(g))), std::string::npos) << title_of(g);
  for (const json::value& g : r.at("grades").as_array())
    EXPECT_NE(html.find(html_escape(title_of(g))), std::string::npos) << title_of(g);
  for (const json::value& f : r.at("findings").as_array()) {
    EXPECT_NE(html.find(html_escape(f.at("finding").as_string().c_str())), std::string::npos);
    for (const json::value& ev : f.at("evidence").as_array())
      EXPECT_NE(html.find(html_escape(ev.as_string().c_str())), std::string::npos);
  }
  // Severity headings in order, with their zh-CN labels.
  std::size_t critical = html.find(">严重</span>"), high = html.find(">高</span>"), low = html.find(">低</span>");
  ASSERT_NE(critical, std::string::npos);
  ASSERT_NE(high, std::string::npos);
  ASSERT_NE(low, std::string::npos);
  EXPECT_LT(critical, high);
  EXPECT_LT(high, low);
  // Legal basis: 《law》article（version）and the confidence meaning.
  EXPECT_NE(html.find("《中华人民共和国消防法》第十三条（2021修正）"), std::string::npos);
  EXPECT_NE(html.find("可信度 C（已确认）"), std::string::npos);
  EXPECT_NE(html.find("GB/T 19001-2016 7.2"), std::string::npos);
  // The failed mandatory gate is highlighted; the direct gate that did not fire is not.
  EXPECT_NE(html.find("<tr class=\"fail\"><td class=\"nowrap\"><span class=\"icon fail\">✗</span> 不满足</td><td><b>信用良好 &lt;script&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"unknown\">"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"fired\">"), std::string::npos);
  // Improvement plan, blocking gate, remediation checklist, partial range.
  EXPECT_NE(html.find("id=\"improvement\""), std::string::npos);
  EXPECT_NE(html.find("收入增长率 | 成长"), std::string::npos);
  EXPECT_NE(html.find("逐项（可能不是最少）"), std::string::npos);
  EXPECT_NE(html.find("阻碍因素"), std::string::npos);
  EXPECT_NE(html.find("整改清单"), std::string::npos);
  EXPECT_NE(html.find("<b>62 – 74</b>"), std::string::npos);
  EXPECT_NE(html.find("<code>incident_3y</code>"), std::string::npos);
  // Dimension minimum marker and the missed minimum.
  EXPECT_NE(html.find("<div class=\"min\" style=\"left:50.0%\"></div>"), std::string::npos);
  EXPECT_NE(html.find("未达最低要求"), std::string::npos);
  // Percentages read with one decimal.
  EXPECT_NE(html.find("26.7%"), std::string::npos);
  EXPECT_EQ(html.find("26.666667%"), std::string::npos);
  // Footer: the first 12 hex digits of the SHA-256 and the engine.
  EXPECT_NE(html.find("<code>0123456789ab</code>"), std::string::npos);
  EXPECT_EQ(html.find("0123456789abc"), std::string::npos);
  EXPECT_NE(html.find("引擎 zice 0.1.0"), std::string::npos);
}

TEST(HtmlReport, RulesetTextIsAlwaysEscaped) {
  std::string html = zice::render_html_report(fixture("report-full.json"));
  std::string l = lower(html);
  EXPECT_EQ(l.find("<script"), std::string::npos);
  EXPECT_EQ(l.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>等级</b>"), std::string::npos);
  EXPECT_EQ(html.find("<i>&</i>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;f&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&#39;O&#39;Brien &amp; Co&#39;"), std::string::npos);
  // A URL in a basis is shown as text only.
  EXPECT_NE(html.find(">https://example.org/rules?a=1&amp;b=2<"), std::string::npos);
  expect_self_contained(html);
}

TEST(HtmlReport, RadarHasOnePointPerApplicableTopLevelDimension) {
  json::value r = fixture("report-full.json");
  std::string html = zice::render_html_report(r);
  EXPECT_EQ(radar_axes(r), 3);  // the child and the not-applicable dimension are left out
  EXPECT_EQ(radar_points(html), 3);
  EXPECT_EQ(count(html, "class=\"radar-ring\""), 5u);  // 20, 40, 60, 80, 100 %
  EXPECT_EQ(count(html, "class=\"radar-label\""), 3u);
  EXPECT_EQ(count(html, "class=\"radar-min\""), 2u);  // innovation and growth have minimums
  // Two dimensions: bars only.
  std::string staged = zice::render_html_report(fixture("report-staged.json"));
  EXPECT_EQ(radar_points(staged), -1);
  EXPECT_EQ(count(staged, "<div class=\"dim\">"), 2u);
}

TEST(HtmlReport, MinimalEnglishResultWithNulls) {
  std::string html = zice::render_html_report(fixture("report-minimal-en.json"));
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_NE(html.find("No grade reached"), std::string::npos);
  EXPECT_NE(html.find("Minimal &amp; &quot;quoted&quot; ruleset"), std::string::npos);
  for (const char* absent : {"id=\"dimensions\"", "id=\"gates\"", "id=\"compliance\"", "id=\"findings\"",
                             "id=\"improvement\"", "id=\"partial\"", "class=\"scorecard\"", "radar-value"})
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
  EXPECT_NE(html.find("Engine zice 0.1.0"), std::string::npos);
  expect_self_contained(html);
  // Anything at all renders without throwing.
  EXPECT_NO_THROW(zice::render_html_report(json::value()));
  EXPECT_NO_THROW(zice::render_html_report(json::parse(R"({"grade": 3, "dimensions": {}, "findings": [1, null]})")));
}

TEST(HtmlReport, StagedLadderUsesMaturityWording) {
  std::string html = zice::render_html_report(fixture("report-staged.json"));
  EXPECT_NE(html.find(">成熟度等级<"), std::string::npos);
  EXPECT_NE(html.find("badge tone-fair"), std::string::npos);  // level 2 of 4
  EXPECT_NE(html.find("已通过"), std::string::npos);
  EXPECT_NE(html.find("<code>mean_level ge 3</code>"), std::string::npos);
}

TEST(HtmlReport, AnswersAppendix) {
  json::value r = fixture("report-full.json");
  // From the trace: questions only (no dotted keys, no derived values).
  std::string from_trace = zice::render_html_report(r);
  EXPECT_NE(from_trace.find("<dt><code>ip_class</code></dt><dd>class2</dd>"), std::string::npos);
  EXPECT_NE(from_trace.find("<dt><code>incident_3y</code></dt><dd>—</dd>"), std::string::npos);
  EXPECT_EQ(from_trace.find("<dt><code>score.total</code></dt>"), std::string::npos);
  EXPECT_EQ(from_trace.find("<dt><code>rd_ratio</code></dt>"), std::string::npos);
  // Given answers win, escaped, in the given order.
  json::value answers = json::parse(R"({"employees": 12, "name": "<b>ACME</b>", "honours": ["x", "y"], "ok": true})");
  std::string given = zice::render_html_report(r, &answers);
  EXPECT_NE(given.find("以下为提交的答案。"), std::string::npos);
  EXPECT_NE(given.find("<dt><code>name</code></dt><dd>&lt;b&gt;ACME&lt;/b&gt;</dd>"), std::string::npos);
  EXPECT_NE(given.find("<dt><code>honours</code></dt><dd>x、y</dd>"), std::string::npos);
  EXPECT_NE(given.find("<dt><code>ok</code></dt><dd>是</dd>"), std::string::npos);
  EXPECT_LT(given.find("<code>employees</code>"), given.find("<code>ok</code>"));
  // No trace, no answers: the indicators' named inputs, with a note.
  r.as_object().erase("trace");
  std::string inputs = zice::render_html_report(r);
  EXPECT_NE(inputs.find("以下不是完整答卷"), std::string::npos);
  EXPECT_NE(inputs.find("<dt><code>ip_class</code></dt><dd>class2</dd>"), std::string::npos);
  EXPECT_NE(inputs.find("<dt><code>rd_ratio</code></dt><dd>5.5</dd>"), std::string::npos);
}

TEST(HtmlReport, Deterministic) {
  json::value r = fixture("report-full.json");
  EXPECT_EQ(zice::render_html_report(r), zice::render_html_report(r));
}

TEST(HtmlReport, EveryGoldenResultRendersCompletely) {
  std::vector<fs::path> files = golden_results();
  ASSERT_FALSE(files.empty());
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.filename().string());
    json::value r = load_json(p);
    std::string html = zice::render_html_report(r);
    if (r.at("grade").is_object()) {
      EXPECT_NE(html.find(html_escape(title_of(r.at("grade")))), std::string::npos);
    }
    for (const char* key : {"dimensions", "gates", "findings", "indicators"})
      for (const json::value& item : r.at(key).as_array())
        EXPECT_NE(html.find(html_escape(title_of(item))), std::string::npos) << key << ": " << title_of(item);
    int axes = radar_axes(r);
    EXPECT_EQ(radar_points(html), axes >= 3 ? axes : -1);
    expect_self_contained(html);
    EXPECT_EQ(html, zice::render_html_report(r));
  }
}

TEST(HtmlReport, GradeToneFollowsLadderPosition) {
  fs::path golden = fs::path(ZICE_SOURCE_DIR) / "tests" / "golden";
  auto tone = [&](const char* name) {
    std::string html = zice::render_html_report(load_json(golden / name));
    std::smatch m;
    std::regex re("class=\"badge (tone-[a-z]+)");
    return std::regex_search(html, m, re) ? m[1].str() : std::string();
  };
  if (!fs::exists(golden / "sme-size-2011.result.json")) GTEST_SKIP() << "no golden results";
  EXPECT_EQ(tone("sme-size-2011.result.json"), "tone-neutral");         // a classification
  EXPECT_EQ(tone("sme-legal-compliance.result.json"), "tone-fair");     // medium risk
  EXPECT_EQ(tone("miit-innovative-sme-2022.result.json"), "tone-good");  // qualified
}

// A tone declared by the ruleset (<grade tone="…">, carried into the result)
// wins over the ladder position: a worst-first list of grades whose ids do
// not end in "_risk" would otherwise be coloured upside down.
TEST(HtmlReport, DeclaredGradeToneWins) {
  fs::path golden = fs::path(ZICE_SOURCE_DIR) / "tests" / "golden" / "miit-innovative-sme-2022.result.json";
  json::value r = load_json(golden);
  auto badge = [](const json::value& result) {
    std::string html = zice::render_html_report(result);
    std::smatch m;
    std::regex re("class=\"badge (tone-[a-z]+)");
    return std::regex_search(html, m, re) ? m[1].str() : std::string();
  };
  ASSERT_EQ(badge(r), "tone-good");  // inferred: the first grade of a first-match list
  for (const char* t : {"poor", "fair", "neutral", "good"}) {
    r.as_object()["grade"].as_object()["tone"] = t;
    EXPECT_EQ(badge(r), std::string("tone-") + t);
  }
}

}  // namespace
