// Improvement plan and partial-answer analysis.
#include "test_support.hpp"

using namespace zice;
using zice::test::by_id;
using zice::test::must_load;
using zice::test::num;
using zice::test::ruleset_xml;
using zice::test::run;

namespace {

// Two routes to "good": 60 points, or a direct award.
Ruleset model() {
  return must_load(ruleset_xml(R"(
<question id="legal" type="boolean"><label>法人</label></question>
<question id="award" type="boolean"><label>获奖</label></question>
<question id="ip" type="choice"><label>知识产权</label>
  <option value="none">无</option><option value="class2">二类</option><option value="class1">一类</option></question>
<question id="rd_ratio" type="number" min="0" max="100" unit="%"><label>研发占比</label></question>
<question id="years" type="integer" min="0" max="50"><label>年限</label></question>
)", R"XML(
<scoring>
  <dimension id="all"><title>总</title>
    <indicator id="ip_points"><title>知识产权</title>
      <options question="ip"><option value="class2" points="10"/><option value="class1" points="30"/></options></indicator>
    <indicator id="rd_points"><title>研发</title>
      <bands of="rd_ratio"><band ge="5" points="40" label="≥5%"/><band ge="3" lt="5" points="15" label="3%-5%"/><band lt="3" points="0"/></bands></indicator>
    <indicator id="years_points" max="20"><title>年限</title><formula expr="years * 2"/></indicator>
  </dimension>
</scoring>
<gates>
  <gate id="legal_gate" kind="mandatory" test="legal"><title>法人</title></gate>
  <gate id="award_gate" kind="direct" test="award"><title>获奖</title></gate>
</gates>
<grades>
  <grade id="good" when="gates.mandatory and (gates.direct or score.total ge 60)"><title>良好</title></grade>
  <grade id="fair" when="gates.mandatory and score.total ge 30"><title>一般</title></grade>
  <grade id="poor"><title>较差</title></grade>
</grades>
)XML"));
}

TEST(Improvement, OneChangeWithTheSmallestGain) {
  // 10 + 15 + 20 = 45 → fair. To reach 60 with one change: ip class1 (+20) or
  // rd ≥ 5 % (+25); years is at its maximum. The smaller gain wins.
  auto r = run(model(), R"({"legal": true, "award": false, "ip": "class2", "rd_ratio": 4, "years": 10})");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "fair");
  const auto& imp = r.at("improvement");
  EXPECT_EQ(imp.at("target").at("id").as_string(), "good");
  EXPECT_TRUE(imp.at("reachable").as_bool());
  EXPECT_EQ(imp.at("method").as_string(), "exact");
  ASSERT_EQ(imp.at("steps").as_array().size(), 1u);
  const auto& step = imp.at("steps").at(0);
  EXPECT_EQ(step.at("indicator").as_string(), "ip_points");
  EXPECT_EQ(step.at("question").as_string(), "ip");
  EXPECT_EQ(step.at("current").at("answer").as_string(), "class2");
  EXPECT_EQ(step.at("target").at("answer").as_string(), "class1");
  EXPECT_EQ(num(step.at("current").at("points")), 10);
  EXPECT_EQ(num(step.at("target").at("points")), 30);
  EXPECT_EQ(num(imp.at("gain")), 20);
}

TEST(Improvement, BandTargetGivesTheAnswerToReach) {
  // 30 + 0 + 0 = 30 → fair; +30 needed: rd ≥ 5 % (+40) is the only single change
  // (3 %–5 % gives +15, years at most +20), and it beats two changes.
  auto r = run(model(), R"({"legal": true, "award": false, "ip": "class1", "rd_ratio": 1, "years": 0})");
  const auto& steps = r.at("improvement").at("steps").as_array();
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].at("indicator").as_string(), "rd_points");
  EXPECT_EQ(num(steps[0].at("current").at("answer")), 1);
  EXPECT_EQ(num(steps[0].at("target").at("answer")), 5);
  EXPECT_EQ(steps[0].at("target").at("label").as_string(), "≥5%");
}

TEST(Improvement, TwoChangesWhenOneIsNotEnough) {
  // 10 + 15 + 6 = 31 → fair; good needs +29 and no single indicator gives that
  // (ip +20, rd +25, years +14). Pairs, minimised: ip +20 with years +9, or
  // rd +25 with years +4 — both gain 29; the first in document order is kept.
  auto r = run(model(), R"({"legal": true, "award": false, "ip": "class2", "rd_ratio": 4, "years": 3})");
  const auto& imp = r.at("improvement");
  const auto& steps = imp.at("steps").as_array();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].at("indicator").as_string(), "ip_points");
  EXPECT_EQ(steps[1].at("indicator").as_string(), "years_points");
  EXPECT_EQ(num(steps[1].at("target").at("points")), 15);
  EXPECT_EQ(num(imp.at("gain")), 29);
}

TEST(Improvement, BlockedByMandatoryGate) {
  auto r = run(model(), R"({"legal": false, "award": false, "ip": "none", "rd_ratio": 1, "years": 0})");
  const auto& imp = r.at("improvement");
  EXPECT_FALSE(imp.at("reachable").as_bool());
  EXPECT_EQ(imp.at("blocking").at(0).as_string(), "legal_gate");
}

TEST(Improvement, NoneAtTheBestGrade) {
  auto r = run(model(), R"({"legal": true, "award": true, "ip": "none", "rd_ratio": 1, "years": 0})");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "good");
  EXPECT_TRUE(r.at("improvement").is_null());
}

TEST(Partial, ScoreRangeAndPossibleGrades) {
  auto r = run(model(), R"({"legal": true, "award": false, "ip": "class1", "years": 0})");
  EXPECT_FALSE(r.at("complete").as_bool());
  const auto& p = r.at("partial");
  EXPECT_EQ(num(p.at("score").at("min")), 30);
  EXPECT_EQ(num(p.at("score").at("max")), 70);
  EXPECT_FALSE(p.at("decided").as_bool());
  ASSERT_EQ(p.at("grades_possible").as_array().size(), 2u);
  EXPECT_EQ(p.at("grades_possible").at(0).as_string(), "good");
  EXPECT_EQ(p.at("grades_possible").at(1).as_string(), "fair");
  ASSERT_EQ(p.at("deciding_questions").as_array().size(), 1u);
  EXPECT_EQ(p.at("deciding_questions").at(0).as_string(), "rd_ratio");
}

TEST(Partial, AlreadyDecided) {
  // The award route already qualifies whatever the rest says.
  auto r = run(model(), R"({"legal": true, "award": true})");
  const auto& p = r.at("partial");
  EXPECT_TRUE(p.at("decided").as_bool());
  EXPECT_EQ(p.at("grades_possible").at(0).as_string(), "good");
  EXPECT_TRUE(p.at("deciding_questions").as_array().empty());
}

TEST(Partial, AbsentWhenComplete) {
  auto r = run(model(), R"({"legal": true, "award": false, "ip": "none", "rd_ratio": 1, "years": 0})");
  EXPECT_TRUE(r.at("partial").is_null());
}

}  // namespace
