// Ruleset comparison (include/zice/diff.hpp) on two small inline rulesets:
// a changed band threshold, a removed question and an added check.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "zice/diff.hpp"

namespace zice {
namespace {

namespace json = boost::json;
using test::must_load;
using test::ruleset_xml;

std::string version(const std::string& threshold, bool with_staff, bool with_c2) {
  std::string q = "<question id=\"ratio\" type=\"number\" min=\"0\"><label>研发占比</label></question>\n"
                  "<question id=\"ok\" type=\"boolean\"><label>合规</label></question>\n";
  if (with_staff) q += "<question id=\"staff\" type=\"integer\" min=\"0\"><label>研发人员</label></question>\n";
  std::string rest =
      "<scoring total-max=\"10\"><dimension id=\"rd\" max=\"10\"><title>研发</title>"
      "<indicator id=\"ratio_points\" max=\"10\"><title>研发占比</title>"
      "<bands of=\"ratio\"><band ge=\"" + threshold + "\" points=\"10\"/><band lt=\"" + threshold +
      "\" points=\"0\"/></bands></indicator></dimension></scoring>\n"
      "<checks><group id=\"g\"><title>组</title>"
      "<check id=\"c1\" severity=\"high\" test=\"ok\"><title>合规</title><finding>不合规。</finding><remediation>整改。</remediation></check>";
  if (with_c2)
    rest += "<check id=\"c2\" severity=\"low\" test=\"ratio ge 1\"><title>占比</title><finding>占比低。</finding><remediation>提高。</remediation></check>";
  rest += "</group></checks>\n"
          "<grades><grade id=\"good\" when=\"score.total ge 10\"><title>好</title></grade>"
          "<grade id=\"poor\"><title>差</title></grade></grades>\n";
  return ruleset_xml(q, rest);
}

const json::object* find(const json::value& diff, std::string_view kind, std::string_view what, std::string_view id,
                         std::string_view field = {}) {
  for (const json::value& c : diff.at("changes").as_array()) {
    const json::object& o = c.as_object();
    if (o.at("kind").as_string() == kind && o.at("what").as_string() == what && o.at("id").as_string() == id &&
        (field.empty() || (o.at("field").is_string() && o.at("field").as_string() == field)))
      return &o;
  }
  return nullptr;
}

TEST(Diff, BandThresholdRemovedQuestionAddedCheck) {
  Ruleset a = must_load(version("3", true, false));
  Ruleset b = must_load(version("4", false, true));
  json::value d = ruleset_diff(a, b);

  const json::object* band = find(d, "changed", "band", "ratio_points#1", "range");
  ASSERT_NE(band, nullptr) << json::serialize(d);
  EXPECT_EQ(band->at("old"), "≥ 3");
  EXPECT_EQ(band->at("new"), "≥ 4");
  EXPECT_NE(find(d, "changed", "band", "ratio_points#2", "range"), nullptr);
  EXPECT_EQ(find(d, "changed", "band", "ratio_points#1", "points"), nullptr);  // points unchanged
  EXPECT_NE(find(d, "removed", "question", "staff"), nullptr);
  EXPECT_NE(find(d, "added", "check", "c2"), nullptr);
  EXPECT_EQ(find(d, "removed", "check", "c1"), nullptr);
  EXPECT_EQ(d.at("summary").at("added"), 1);
  EXPECT_EQ(d.at("summary").at("removed"), 1);
  EXPECT_EQ(d.at("summary").at("changed"), 2);
}

TEST(Diff, IdenticalRulesetsHaveNoChanges) {
  Ruleset a = must_load(version("3", true, true));
  json::value d = ruleset_diff(a, a);
  EXPECT_TRUE(d.at("changes").as_array().empty());
}

TEST(Diff, ImpactCountsTransitionsAndScoreChanges) {
  Ruleset a = must_load(version("3", true, false));
  Ruleset b = must_load(version("4", false, true));
  std::vector<CorpusRecord> corpus{
      {"moved", json::parse(R"({"ratio": 3.5, "ok": true, "staff": 5})")},   // 10 → 0: good → poor
      {"kept", json::parse(R"({"ratio": 5, "ok": true, "staff": 5})")},      // 10 → 10
      {"bad", json::parse(R"({"ratio": "x", "ok": true, "staff": 5})")},     // invalid for both
  };
  json::value im = diff_impact(a, b, corpus, "2026-06-30");
  EXPECT_EQ(im.at("records"), 3);
  EXPECT_EQ(im.at("invalid").at("old"), 1);
  EXPECT_EQ(im.at("invalid").at("new"), 1);  // "staff" is unknown to the new ruleset: not fatal
  EXPECT_EQ(im.at("grade_changed"), 1);
  bool seen = false;
  for (const json::value& t : im.at("transitions").as_array()) {
    if (t.at("from") == "good" && t.at("to") == "poor") {
      seen = true;
      EXPECT_EQ(t.at("count"), 1);
      EXPECT_EQ(t.at("examples").at(0).at("id"), "moved");
      EXPECT_EQ(t.at("examples").at(0).at("old_total"), 10);
      EXPECT_EQ(t.at("examples").at(0).at("new_total"), 0);
    }
  }
  EXPECT_TRUE(seen) << json::serialize(im);
  EXPECT_EQ(im.at("score").at("count_changed"), 1);
  EXPECT_EQ(im.at("score").at("min"), -10);
  EXPECT_EQ(im.at("score").at("max"), 0);
  std::string text = render_diff_text(ruleset_diff(a, b), im);
  EXPECT_NE(text.find("good → poor: 1"), std::string::npos) << text;
  EXPECT_NE(text.find("- question staff"), std::string::npos) << text;
}

}  // namespace
}  // namespace zice
