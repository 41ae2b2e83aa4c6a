// Score-range analysis (include/zice/stats.hpp) on small inline rulesets.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "zice/stats.hpp"

namespace zice {
namespace {

namespace json = boost::json;
using test::by_id;
using test::must_load;
using test::num;
using test::ruleset_xml;

const std::string kQuestions =
    "<question id=\"ip\" type=\"choice\"><label>知识产权</label>"
    "<option value=\"a\">甲</option><option value=\"b\">乙</option><option value=\"none\">无</option></question>\n"
    "<question id=\"ratio\" type=\"number\" min=\"0\"><label>研发占比</label></question>\n"
    "<question id=\"has_rd\" type=\"boolean\"><label>有研发</label></question>\n"
    "<question id=\"staff\" type=\"integer\" min=\"0\" when=\"has_rd\"><label>研发人员</label></question>\n"
    "<section id=\"extra\" when=\"staff ge 10\"><title>附加</title>"
    "<question id=\"lab\" type=\"boolean\"><label>研发机构</label></question></section>\n";

const std::string kScoring =
    "<scoring total-max=\"100\">"
    "<dimension id=\"innovation\" max=\"40\" min=\"15\"><title>创新</title>"
    "<indicator id=\"ip_points\" max=\"20\"><title>知识产权</title>"
    "<options question=\"ip\"><option value=\"a\" points=\"20\"/><option value=\"b\" points=\"10\"/>"
    "<option value=\"none\" points=\"0\"/></options></indicator>"
    "<indicator id=\"ratio_points\" weight=\"2\" max=\"10\"><title>研发占比</title>"
    "<bands of=\"ratio\"><band ge=\"3\" points=\"10\"/><band ge=\"1\" lt=\"3\" points=\"5\"/>"
    "<band lt=\"1\" points=\"0\"/></bands></indicator></dimension>"
    "<dimension id=\"extra\" cap=\"30\" when=\"has_rd\"><title>附加</title>"
    "<indicator id=\"lab_points\" max=\"40\"><title>研发机构</title><formula expr=\"lab ? 40 : 0\"/></indicator>"
    "<indicator id=\"staff_points\" max=\"10\"><title>研发人员</title><formula expr=\"staff\"/></indicator>"
    "</dimension></scoring>";

TEST(Stats, ScoreRangesWithWeightsCapsAndConditions) {
  json::value s = ruleset_stats(must_load(ruleset_xml(kQuestions, kScoring)));
  const json::object& total = s.at("total").as_object();
  EXPECT_EQ(num(total.at("min")), 0);
  // innovation: 20 + 2 × 10 = 40; extra: min(30, 40 + 10) = 30.
  EXPECT_EQ(num(total.at("max")), 70);
  EXPECT_EQ(num(total.at("computed_max")), 70);
  EXPECT_EQ(num(total.at("declared_max")), 100);

  const json::value& inn = by_id(s.at("dimensions"), "innovation");
  EXPECT_EQ(num(inn.at("max_score")), 40);
  EXPECT_EQ(num(inn.at("min")), 15);
  EXPECT_EQ(inn.at("min_reachable"), true);
  EXPECT_EQ(inn.at("may_be_not_applicable"), false);
  const json::value& extra = by_id(s.at("dimensions"), "extra");
  EXPECT_EQ(num(extra.at("max_score")), 30);
  EXPECT_EQ(num(extra.at("computed_max")), 30);
  EXPECT_EQ(extra.at("may_be_not_applicable"), true);

  const json::value& rp = by_id(s.at("indicators"), "ratio_points");
  EXPECT_EQ(rp.at("method"), "bands");
  EXPECT_EQ(num(rp.at("max_points")), 20);  // weight 2
  EXPECT_EQ(rp.at("points"), json::parse("[0, 10, 20]"));
  const json::value& sp = by_id(s.at("indicators"), "staff_points");
  EXPECT_EQ(sp.at("continuous"), true);
  EXPECT_EQ(num(sp.at("max_points")), 10);
  EXPECT_EQ(sp.at("may_be_not_applicable"), true);
}

TEST(Stats, GradesReachableShadowedAndUnreachable) {
  std::string grades =
      "<grades>"
      "<grade id=\"top\" when=\"score.total ge 65 and minimums.met\"><title>优</title></grade>"
      "<grade id=\"good\" when=\"score.total ge 40\"><title>良</title></grade>"
      "<grade id=\"better\" when=\"score.total ge 50\"><title>较好</title></grade>"
      "<grade id=\"impossible\" when=\"score.total gt 70\"><title>不可能</title></grade>"
      "<grade id=\"rest\"><title>其他</title></grade></grades>";
  json::value s = ruleset_stats(must_load(ruleset_xml(kQuestions, kScoring + grades)));
  const json::object& g = s.at("grades").as_object();
  EXPECT_EQ(g.at("mode"), "first-match");
  EXPECT_EQ(g.at("exhaustive"), true);
  const json::value& top = by_id(g.at("items"), "top");
  EXPECT_EQ(top.at("reachable"), true);
  // The example is consistent: its indicator points add up to its total.
  const json::object& ex = top.at("example").as_object();
  double total = num(ex.at("inputs").at("score.total"));
  EXPECT_GE(total, 65);
  EXPECT_EQ(ex.at("inputs").at("minimums.met"), true);
  double sum = 0;
  for (const auto& kv : ex.at("indicators").as_object())
    if (!kv.value().is_null()) sum += num(kv.value());
  // extra is capped at 30, so the sum may exceed the total only through the cap.
  EXPECT_GE(sum, total);
  EXPECT_EQ(by_id(g.at("items"), "good").at("reachable"), true);
  const json::value& better = by_id(g.at("items"), "better");
  EXPECT_EQ(better.at("reachable"), false);
  EXPECT_EQ(better.at("shadowed_by"), json::parse("[\"good\"]"));
  EXPECT_TRUE(better.at("example").is_null());
  const json::value& impossible = by_id(g.at("items"), "impossible");
  EXPECT_EQ(impossible.at("reachable"), false);
  EXPECT_EQ(impossible.at("shadowed_by"), json::array{});
  EXPECT_EQ(by_id(g.at("items"), "rest").at("reachable"), true);
  EXPECT_EQ(g.at("no_grade_possible"), false);
}

TEST(Stats, QuestionnairePaths) {
  json::value s = ruleset_stats(must_load(ruleset_xml(kQuestions, kScoring)));
  const json::object& q = s.at("questions").as_object();
  EXPECT_EQ(num(q.at("count")), 5);
  EXPECT_EQ(num(q.at("unconditional")), 3);
  EXPECT_EQ(q.at("exhaustive"), true);
  // has_rd false: ip, ratio, has_rd; has_rd true and staff ≥ 10: all five.
  EXPECT_EQ(num(q.at("smallest_path").at("count")), 3);
  EXPECT_EQ(q.at("smallest_path").at("answers").at("has_rd"), false);
  EXPECT_EQ(num(q.at("largest_path").at("count")), 5);
  EXPECT_EQ(q.at("largest_path").at("answers").at("has_rd"), true);
  EXPECT_GE(num(q.at("largest_path").at("answers").at("staff")), 10);
}

TEST(Stats, RulesetWithoutScoringOrGrades) {
  json::value s = ruleset_stats(must_load(ruleset_xml("<question id=\"q\" type=\"boolean\"><label>q</label></question>")));
  EXPECT_TRUE(s.at("total").is_null());
  EXPECT_TRUE(s.at("grades").is_null());
  EXPECT_EQ(s.at("dimensions").as_array().size(), 0u);
  EXPECT_EQ(num(s.at("questions").at("largest_path").at("count")), 1);
  std::string text = render_stats_text(s);
  EXPECT_NE(text.find("Questionnaire: 1 questions"), std::string::npos) << text;
}

TEST(Stats, TextRendering) {
  std::string grades =
      "<grades><grade id=\"good\" when=\"score.total ge 40\"><title>良</title></grade>"
      "<grade id=\"better\" when=\"score.total ge 50\"><title>较好</title></grade>"
      "<grade id=\"rest\"><title>其他</title></grade></grades>";
  std::string text = render_stats_text(ruleset_stats(must_load(ruleset_xml(kQuestions, kScoring + grades))));
  EXPECT_NE(text.find("t 1 — 测试"), std::string::npos) << text;
  EXPECT_NE(text.find("innovation"), std::string::npos) << text;
  EXPECT_NE(text.find("0 – 70"), std::string::npos) << text;
  EXPECT_NE(text.find("max 40, min 15"), std::string::npos) << text;
  EXPECT_NE(text.find("max.total 70 (declared 100)"), std::string::npos) << text;
  EXPECT_NE(text.find("NEVER the result: good always matches first"), std::string::npos) << text;
  EXPECT_NE(text.find("shortest path: 3 questions"), std::string::npos) << text;
}

}  // namespace
}  // namespace zice
